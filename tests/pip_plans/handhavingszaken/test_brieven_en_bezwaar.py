"""Handhaving (DOMAIN.md §7), the letters and what follows them: the waarschuwing,
the boetebeschikking, bezwaar against the boete, and who sees zaken and letters."""

import datetime as dt
from decimal import Decimal

import pytest

from intake.models import Gebeurtenis
from pip_plans.handhaving.selectors import bezwaar_tijdig
from pip_plans.models import (
    BesluitSoort,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
)
from tests.pip_plans.handhavingszaken.helpers import (
    FEITEN,
    OVERTREDING,
    TOELICHTING,
    D,
    afzien,
    beschikking,
    besluiten,
    bezwaar,
    bezwaar_beslissen,
    boete,
    maatregel,
    messages,
    openen,
    rapport,
    refused,
    vers,
    waarschuwen,
    zienswijze,
)
from tests.pip_plans.pdf import pdf_text

# --- Waarschuwen ---------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_waarschuwen_makes_a_letter_that_is_not_a_besluit(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    brief = waarschuwen(zaak, casusregisseur, dagtekening=D(2026, 3, 5))

    assert brief.soort == BriefSoort.WAARSCHUWING
    assert brief.handhavingszaak_id == zaak.pk
    assert brief.dagtekening == D(2026, 3, 5)
    assert brief.bezwaar_deadline is None
    assert brief.kenmerk.startswith("WAARS-0299-2026-")
    tekst = pdf_text(brief)
    assert "Niet meewerken aan de brede intake" in tekst
    assert FEITEN in tekst
    assert "1 maart 2026" in tekst
    assert "5 maart 2026" in tekst
    assert "geen besluit" in tekst
    assert "€ 800,00" in tekst

    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.waarschuwing_op == D(2026, 3, 5)

    error = refused(waarschuwen, zaak, casusregisseur)
    assert "één keer" in messages(error)
    assert Brief.objects.filter(soort=BriefSoort.WAARSCHUWING).count() == 1
    assert vers(zaak).waarschuwing_op == D(2026, 3, 5)


@pytest.mark.django_db
def test_no_waarschuwing_after_the_besluit(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, afzien())
    refused(waarschuwen, zaak, casusregisseur)
    assert not Brief.objects.exists()


# --- Besluiten: boete ----------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_boetebeschikking(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    waarschuwen(zaak, casusregisseur, dagtekening=D(2026, 3, 5))
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, casusregisseur, boete("800", D(2026, 4, 20)))

    brief = beschikking(zaak)
    assert brief.soort == BriefSoort.BOETEBESCHIKKING
    assert brief.handhavingszaak_id == zaak.pk
    assert brief.dagtekening == D(2026, 4, 20)
    assert brief.bezwaar_deadline == D(2026, 6, 1)  # 6 weeks after the besluit
    assert brief.kenmerk.startswith("BOETE-0299-2026-")
    tekst = pdf_text(brief)
    assert "€ 800,00" in tekst
    assert "20 april 2026" in tekst
    assert "1 maart 2026" in tekst
    assert "bezwaar" in tekst
    assert "artikelen 22 en 23" in tekst
    assert "uiterlijk 1 juni 2026" in tekst
    assert "10 maart 2026" in tekst  # the zienswijze was weighed
    assert brief.kenmerk in tekst
    assert TOELICHTING in tekst

    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.besluit == BesluitSoort.BOETE
    assert zaak.besluit_op == D(2026, 4, 20)

    for data in (boete("300"), afzien()):
        error = refused(besluiten, zaak, casusregisseur, data)
        assert "al een besluit" in messages(error)
    assert Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).count() == 1
    assert vers(zaak).boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_after_the_besluit_no_rapport_or_zienswijze(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))
    refused(rapport, zaak, casusregisseur, "300")
    refused(zienswijze, zaak, casusregisseur)
    assert vers(zaak).rapport_op is None


# --- Bezwaar -------------------------------------------------------------------------


@pytest.mark.django_db
def test_bezwaar_only_against_a_fine(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    error = refused(bezwaar, zaak, casusregisseur, D(2026, 4, 1))
    assert "boetebeschikking" in messages(error)

    besluiten(zaak, casusregisseur, afzien())
    error = refused(bezwaar, zaak, casusregisseur, D(2026, 4, 1))
    assert "boetebeschikking" in messages(error)
    assert vers(zaak).bezwaar_ontvangen_op is None


@pytest.mark.pdf
@pytest.mark.django_db
def test_bezwaar_dates_are_checked(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))  # besluit 20 March, deadline 1 May
    brief = beschikking(zaak)
    assert brief.bezwaar_deadline == D(2026, 5, 1)

    for ontvangen_op in (D(2026, 3, 19), D(2099, 1, 1), None):
        error = refused(bezwaar, zaak, casusregisseur, ontvangen_op)
        assert "ontvangen_op" in error.message_dict
    assert vers(zaak).bezwaar_ontvangen_op is None
    assert "Registreer eerst" in messages(
        refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 4, 15))
    )

    bezwaar(zaak, casusregisseur, D(2026, 4, 1), gronden=" Het bedrag is te hoog. ")
    zaak = vers(zaak)
    assert zaak.bezwaar_ontvangen_op == D(2026, 4, 1)
    assert zaak.bezwaar_gronden == "Het bedrag is te hoog."
    assert bezwaar_tijdig(zaak, brief) is True
    assert "al geregistreerd" in messages(
        refused(bezwaar, zaak, casusregisseur, D(2026, 4, 2))
    )

    for besluit_op in (D(2026, 3, 31), D(2099, 1, 1), None):
        error = refused(bezwaar_beslissen, zaak, casusregisseur, besluit_op)
        assert "besluit_op" in error.message_dict
    error = refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 5, 15), "x")
    assert "uitkomst" in error.message_dict
    assert vers(zaak).bezwaar_uitkomst == ""

    bezwaar_beslissen(zaak, casusregisseur, D(2026, 5, 15))
    zaak = vers(zaak)
    assert zaak.bezwaar_besluit_op == D(2026, 5, 15)
    assert zaak.bezwaar_uitkomst == BezwaarUitkomst.ONGEGROND
    assert "al beslist" in messages(
        refused(bezwaar_beslissen, zaak, casusregisseur, D(2026, 5, 16))
    )


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_late_bezwaar_is_recorded_as_late(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, boete("300"))  # deadline 1 May
    bezwaar(zaak, casusregisseur, D(2026, 5, 2))
    assert bezwaar_tijdig(vers(zaak), beschikking(zaak)) is False
    assert bezwaar_tijdig(vers(zaak), None) is None
    assert Gebeurtenis.objects.filter(
        omschrijving__endswith="(na de bezwaartermijn)"
    ).exists()


# --- Scope ---------------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_scope_of_zaken_and_letters(
    dossier, casusregisseur, klantmanager, andere_casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    waarschuwing = waarschuwen(zaak, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, casusregisseur, boete("800"))
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    boetebrief = beschikking(zaak)

    assert list(Handhavingszaak.objects.visible_to(casusregisseur)) == [zaak]
    assert not Handhavingszaak.objects.visible_to(klantmanager).exists()
    assert not Handhavingszaak.objects.visible_to(andere_casusregisseur).exists()
    assert not Handhavingszaak.objects.visible_to(klantmanager).met_samenloop().exists()

    assert set(Brief.objects.visible_to(casusregisseur)) == {waarschuwing, boetebrief}
    klantmanager_brieven = Brief.objects.visible_to(klantmanager)
    assert not klantmanager_brieven.filter(
        soort__in=[BriefSoort.WAARSCHUWING, BriefSoort.BOETEBESCHIKKING]
    ).exists()
    assert not klantmanager_brieven.exists()
    assert not Brief.objects.visible_to(andere_casusregisseur).exists()

    # The klantmanager sees their own maatregel, the andere casusregisseur nothing.
    assert dossier.maatregelen.model.objects.visible_to(klantmanager).count() == 1
    assert not dossier.maatregelen.model.objects.visible_to(
        andere_casusregisseur
    ).exists()
