"""Handhaving (DOMAIN.md §7), what a besluit and the opening of a zaak must meet:
verwijtbaarheid, a reason to afzien, the database constraints, fines switched off per
doelgroep, and the facts and date of the overtreding."""

from decimal import Decimal

from django.db import IntegrityError, transaction

import pytest

from intake.models import Gebeurtenis
from pip_plans.handhaving.selectors import boete_toegestaan_voor
from pip_plans.models import (
    BesluitSoort,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Verwijtbaarheid,
)
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.handhavingszaken.helpers import (
    AFZIEN,
    TOELICHTING,
    D,
    afzien,
    beschikking,
    besluiten,
    boete,
    gehoord,
    openen,
    parameter,
    refused,
    vers,
)
from tests.pip_plans.pdf import pdf_text

# --- Verwijtbaarheid ---------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
@pytest.mark.parametrize("verwijtbaarheid", [Verwijtbaarheid.GEEN, ""])
def test_no_fine_without_verwijtbaarheid(
    dossier, casusregisseur, collega, verwijtbaarheid
):
    zaak = gehoord(dossier, casusregisseur)
    data = boete("300", verwijtbaarheid=verwijtbaarheid)
    error = refused(besluiten, zaak, collega, data)
    assert "5:41" in error.message_dict["verwijtbaarheid"][0]
    assert vers(zaak).status == HandhavingStatus.ZIENSWIJZE
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()


@pytest.mark.pdf
@pytest.mark.django_db
def test_verwijtbaarheid_needs_a_toelichting(dossier, casusregisseur, collega):
    zaak = gehoord(dossier, casusregisseur)
    error = refused(besluiten, zaak, collega, boete(verwijtbaarheid_toelichting="  "))
    assert "verwijtbaarheid_toelichting" in error.message_dict
    assert vers(zaak).besluit == ""


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_for_verminderd_verwijtbaar_is_allowed(dossier, casusregisseur, collega):
    zaak = gehoord(dossier, casusregisseur)
    besluiten(zaak, collega, boete("150", verwijtbaarheid=Verwijtbaarheid.VERMINDERD))
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.verwijtbaarheid == Verwijtbaarheid.VERMINDERD
    assert zaak.verwijtbaarheid_toelichting == TOELICHTING
    assert "verminderd verwijtbaar" in pdf_text(beschikking(zaak))


@pytest.mark.django_db
def test_afzien_needs_a_reason(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, afzien(reden=" "))
    assert "afzien_reden" in error.message_dict

    besluiten(zaak, casusregisseur, afzien())
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.AFGEZIEN
    assert zaak.besluit == BesluitSoort.AFZIEN
    assert zaak.afzien_reden == AFZIEN
    assert zaak.boetebedrag is None
    assert not Brief.objects.exists()


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_besluit_needs_a_choice_a_valid_date_and_an_amount(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur)
    versie = zaak.versie
    for data, veld in [
        (boete(besluit="iets"), "besluit"),
        (boete(besluit_op=None), "besluit_op"),
        (boete(besluit_op=D(2026, 2, 28)), "besluit_op"),
        (boete(besluit_op=D(2099, 1, 1)), "besluit_op"),
        (boete("0"), "boetebedrag"),
        (boete(None), "boetebedrag"),
        (boete(motivering_bedrag=" "), "motivering_bedrag"),
        (boete(reactie_op_zienswijze=""), "reactie_op_zienswijze"),
    ]:
        assert veld in refused(besluiten, zaak, collega, data).message_dict
    assert vers(zaak).versie == versie


@pytest.mark.django_db
def test_the_database_refuses_a_fine_without_verwijtbaarheid(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    naam = "boete_needs_bedrag_and_verwijtbaarheid"
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("300"),
            verwijtbaarheid=Verwijtbaarheid.GEEN,
        )
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("300"),
            verwijtbaarheid="",
        )
    with pytest.raises(IntegrityError, match=naam), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE,
            boetebedrag=Decimal("0"),
            verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
        )
    with (
        pytest.raises(IntegrityError, match="afzien_needs_reden"),
        transaction.atomic(),
    ):
        Handhavingszaak.objects.filter(pk=zaak.pk).update(besluit=BesluitSoort.AFZIEN)
    assert vers(zaak).besluit == ""


@pytest.mark.django_db
def test_the_database_refuses_a_fine_without_an_amount(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handhavingszaak.objects.filter(pk=zaak.pk).update(
            besluit=BesluitSoort.BOETE, verwijtbaarheid=Verwijtbaarheid.VOLLEDIG
        )


# --- Fines switched off for a doelgroep ------------------------------------------------


@pytest.mark.django_db
def test_fines_switched_off_for_asiel_leave_only_afzien(dossier, casusregisseur):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    assert dossier.doelgroep_categorie == "asiel"
    assert boete_toegestaan_voor(dossier, D(2026, 3, 31))
    assert not boete_toegestaan_voor(dossier, D(2026, 4, 1))

    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete(besluit_op=D(2026, 4, 15)))
    assert "uitgeschakeld" in error.message_dict["besluit"][0]
    assert "Afzien van een boete kan wel" in error.message_dict["besluit"][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.exists()

    besluiten(zaak, casusregisseur, afzien(besluit_op=D(2026, 4, 15)))
    assert vers(zaak).status == HandhavingStatus.AFGEZIEN


@pytest.mark.pdf
@pytest.mark.django_db
def test_fines_switched_off_for_asiel_still_allow_a_gezinsmigrant(
    zevenaar, casusregisseur, collega
):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    gezin = InburgeraarFactory(
        gezinsmigrant=True, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    assert gezin.doelgroep_categorie == "gezin_overig"
    zaak = gehoord(gezin, casusregisseur)
    besluiten(zaak, collega, boete(besluit_op=D(2026, 4, 15), asiel_motivering=""))
    assert vers(zaak).status == HandhavingStatus.BOETE
    assert beschikking(zaak).soort == BriefSoort.BOETEBESCHIKKING


@pytest.mark.pdf
@pytest.mark.django_db
def test_fines_switched_off_for_gezin_overig_leave_asiel_fineable(
    dossier, zevenaar, casusregisseur, collega
):
    parameter("boete_gezin_overig_toegestaan", D(2026, 4, 1), "0")
    gezin = InburgeraarFactory(
        gezinsmigrant=True, gemeente=zevenaar, casusregisseur=casusregisseur
    )
    gezin_zaak = openen(gezin, casusregisseur)
    error = refused(besluiten, gezin_zaak, collega, boete(besluit_op=D(2026, 4, 15)))
    assert "uitgeschakeld" in error.message_dict["besluit"][0]
    zaak = gehoord(dossier, casusregisseur)
    besluiten(zaak, collega, boete(besluit_op=D(2026, 4, 15)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.pdf
@pytest.mark.django_db
def test_an_asiel_dossier_is_fineable_before_the_switch_date(
    dossier, casusregisseur, collega
):
    parameter("boete_asiel_toegestaan", D(2026, 4, 1), "0")
    zaak = gehoord(dossier, casusregisseur)
    besluiten(zaak, collega, boete(besluit_op=D(2026, 3, 31)))
    assert vers(zaak).status == HandhavingStatus.BOETE


# --- Opening -------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_refuses_a_future_date_and_missing_facts(dossier, casusregisseur):
    error = refused(openen, dossier, casusregisseur, datum_overtreding=D(2099, 1, 1))
    assert "datum_overtreding" in error.message_dict
    error = refused(openen, dossier, casusregisseur, feiten="  ", overtreding="x")
    assert {"feiten", "overtreding"} <= set(error.message_dict)
    assert not Handhavingszaak.objects.exists()
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.HANDHAVING).exists()
