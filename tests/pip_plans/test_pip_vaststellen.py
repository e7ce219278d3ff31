"""Vaststellen of a PIP: it needs a completed intake, makes the beschikking PDF in the
transaction, and the beschikking and the start of the termijn never change."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Status
from pip_plans.models import Beschikking, Inburgeringstermijn, Pip, PipStatus
from pip_plans.services import pip as pip_services
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from tests.pip_plans.pdf import pdf_layout

pytestmark = pytest.mark.django_db


def test_vaststellen_requires_a_completed_intake(dossier, casusregisseur):
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError, match="brede intake"):
        pip_services.pip_vaststellen(pip=pip, acting_user=casusregisseur)
    assert not Beschikking.objects.exists()
    assert Pip.objects.get().status == PipStatus.CONCEPT


@pytest.mark.pdf
@freeze_time("2026-03-05 10:00:00")
def test_vaststellen_makes_the_beschikking_pdf_and_starts_the_termijn(
    dossier_klaar, casusregisseur
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert beschikking.dagtekening == dt.date(2026, 3, 5)
    assert beschikking.bezwaar_deadline == dt.date(2026, 4, 16)
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier_klaar)
    assert termijn.startdatum == dt.date(2026, 3, 6)
    assert termijn.einddatum == dt.date(2029, 3, 5)
    dossier_klaar.refresh_from_db()
    assert dossier_klaar.status == Status.PIP_VASTGESTELD
    assert dossier_klaar.pip_vastgesteld_op == dt.date(2026, 3, 5)
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier_klaar, omschrijving__contains=beschikking.kenmerk
    ).exists()

    text = " ".join(pdf_layout(beschikking).split())
    assert "5 maart 2026" in text
    assert dossier_klaar.bsn_gemaskeerd in text
    assert dossier_klaar.bsn not in text
    assert "B1-route" in text
    assert "16 april 2026" in text  # bezwaar deadline
    assert "Te oud voor de onderwijsroute" in text  # a rejected route's reason


@pytest.mark.pdf
def test_the_stored_hash_matches_the_pdf(dossier_klaar, casusregisseur):
    from zevenaar_inburgering.documents import verify_document

    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert verify_document(beschikking.pdf, beschikking.sha256)


@pytest.mark.pdf
def test_a_name_with_html_prints_literally(dossier_klaar, casusregisseur):
    dossier_klaar.achternaam = "<b>Haddad</b><img src=x>"
    dossier_klaar.save()
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert "<b>Haddad</b><img src=x>" in pdf_layout(beschikking)


def test_pdf_is_rendered_in_the_transaction_and_failure_vaststelt_nothing(
    dossier_klaar, casusregisseur, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint kapot")

    monkeypatch.setattr(pip_services, "render_pdf", broken)
    pip = pip_services.pip_opstellen(
        inburgeraar=dossier_klaar, acting_user=casusregisseur
    )
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(RuntimeError):
        pip_services.pip_vaststellen(pip=pip, acting_user=casusregisseur)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.exists()
    assert not Inburgeringstermijn.objects.exists()


@pytest.mark.pdf
def test_a_vastgesteld_pip_and_its_beschikking_never_change(
    dossier_klaar, casusregisseur
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    with pytest.raises(DatabaseError), transaction.atomic():
        Pip.objects.filter(pk=beschikking.pip_id).update(pvt_uren=40)
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).delete()


@pytest.mark.pdf
def test_the_termijn_start_never_moves(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2026-09-01"):
        pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="overig",
            toelichting="Meer uren MAP",
            acting_user=casusregisseur,
        )
        concept = Pip.objects.get(status=PipStatus.CONCEPT)
        pip_services.pip_bewerken(
            pip=concept,
            data={"map_uren": 80},
            bewerkversie=concept.bewerkversie,
            acting_user=casusregisseur,
        )
        tweede = pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)
    termijn = Inburgeringstermijn.objects.get()
    assert termijn.startdatum == dt.date(2026, 3, 6)
    assert "verandert de start van deze termijn niet" in " ".join(
        pdf_layout(tweede).split()
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Inburgeringstermijn.objects.filter(pk=termijn.pk).update(
            startdatum=dt.date(2026, 9, 2)
        )


@pytest.mark.pdf
@freeze_time("2026-03-05 10:00:00")
def test_a_duiven_beschikking_is_on_duiven_s_letterhead(
    dossier_duiven, andere_casusregisseur
):
    """Issue 20: every letter carries the dossier's gemeente, not Zevenaar's."""
    from tests.factories.intake import klaar_voor_pip

    klaar_voor_pip(dossier_duiven, andere_casusregisseur)
    beschikking = pip_vaststellen(
        dossier_duiven, andere_casusregisseur, ontzorgen=False
    )
    text = " ".join(pdf_layout(beschikking).split())
    duiven = dossier_duiven.gemeente
    for verwacht in (
        duiven.bezoekadres,
        duiven.postadres,
        duiven.telefoon,
        duiven.ondertekenaar_naam,
        duiven.bezwaaradres,  # where the bezwaar goes
        "het college van burgemeester en wethouders van Duiven",
    ):
        assert verwacht in text, verwacht
    # The addressee may live anywhere; the sender is Duiven only.
    assert "Gemeente Zevenaar" not in text and "van Zevenaar" not in text


def test_a_missing_bezwaar_address_blocks_vaststellen_and_says_so(
    dossier_klaar, casusregisseur
):
    gemeente = dossier_klaar.gemeente
    gemeente.bezwaaradres = ""
    gemeente.save()
    pip = pip_services.pip_opstellen(
        inburgeraar=dossier_klaar, acting_user=casusregisseur
    )
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(
        ValidationError,
        match="Functioneel beheer moet nog invullen: adres voor bezwaar",
    ):
        pip_services.pip_vaststellen(pip=pip, acting_user=casusregisseur)
    assert not Beschikking.objects.exists()
    assert Pip.objects.get().status == PipStatus.CONCEPT
