"""Handhaving (DOMAIN.md §7), the letters and what follows them: the waarschuwing,
the boetebeschikking, bezwaar against the boete, and who sees zaken and letters."""

import datetime as dt
from decimal import Decimal

import pytest

from intake.models import Gebeurtenis
from pip_plans.models import (
    BesluitSoort,
    Bezwaar,
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
    gehoord,
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
def test_the_boetebeschikking(dossier, casusregisseur, collega):
    zaak = openen(dossier, casusregisseur)
    waarschuwen(zaak, casusregisseur, dagtekening=D(2026, 3, 5))
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, collega, boete("800", D(2026, 4, 20)))

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
        error = refused(besluiten, zaak, collega, data)
        assert "al een besluit" in messages(error)
    assert Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).count() == 1
    assert vers(zaak).boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_after_the_besluit_no_rapport_or_zienswijze(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    besluiten(zaak, casusregisseur, afzien())
    refused(rapport, zaak, casusregisseur, "300")
    refused(zienswijze, zaak, casusregisseur)
    assert vers(zaak).rapport_op is None


# --- Bezwaar -------------------------------------------------------------------------


@pytest.mark.django_db
def test_bezwaar_only_against_a_fine(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    with pytest.raises(ValueError):  # no boetebeschikking: nothing to object to
        bezwaar(zaak, casusregisseur, D(2026, 4, 1))

    besluiten(zaak, casusregisseur, afzien())
    with pytest.raises(ValueError):
        bezwaar(zaak, casusregisseur, D(2026, 4, 1))
    assert not Bezwaar.objects.exists()


def beboet(dossier, casusregisseur, collega):
    """A zaak with a fine of € 300 of 20 March (by `collega`); the bezwaar deadline
    is 1 May."""
    zaak = gehoord(dossier, casusregisseur, "300")
    besluiten(zaak, collega, boete("300"))
    return zaak


@pytest.mark.pdf
@pytest.mark.django_db
def test_bezwaar_dates_are_checked(dossier, casusregisseur, collega):
    zaak = beboet(dossier, casusregisseur, collega)
    brief = beschikking(zaak)
    assert brief.bezwaar_deadline == D(2026, 5, 1)

    for ontvangen_op in (D(2026, 3, 19), D(2099, 1, 1), None):
        error = refused(bezwaar, zaak, casusregisseur, ontvangen_op)
        assert "ontvangen_op" in error.message_dict
    assert not Bezwaar.objects.exists()

    ingediend = bezwaar(
        zaak, casusregisseur, D(2026, 4, 1), gronden=" Het bedrag is te hoog. "
    )
    assert ingediend.ontvangen_op == D(2026, 4, 1)
    assert ingediend.gronden == "Het bedrag is te hoog."
    assert ingediend.tijdig is True
    assert "al een bezwaar" in messages(
        refused(bezwaar, zaak, casusregisseur, D(2026, 4, 2))
    )

    for besluit_datum in (D(2026, 3, 31), D(2099, 1, 1), None):
        error = refused(bezwaar_beslissen, ingediend, casusregisseur, besluit_datum)
        assert "besluit_datum" in error.message_dict
    error = refused(bezwaar_beslissen, ingediend, casusregisseur, D(2026, 5, 15), "x")
    assert "uitkomst" in error.message_dict
    ingediend.refresh_from_db()
    assert ingediend.uitkomst == ""

    bezwaar_beslissen(ingediend, casusregisseur, D(2026, 5, 15))
    ingediend.refresh_from_db()
    assert ingediend.besluit_datum == D(2026, 5, 15)
    assert ingediend.uitkomst == BezwaarUitkomst.ONGEGROND
    assert ingediend.beslist_door == casusregisseur
    assert "al beslist" in messages(
        refused(bezwaar_beslissen, ingediend, casusregisseur, D(2026, 5, 16))
    )


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_late_bezwaar_is_recorded_as_late(dossier, casusregisseur, collega):
    zaak = beboet(dossier, casusregisseur, collega)  # deadline 1 May
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 5, 2))
    assert ingediend.tijdig is False
    assert Gebeurtenis.objects.filter(
        omschrijving__endswith="(na de bezwaartermijn); beslissen uiterlijk "
        "12 juni 2026"
    ).exists()


# --- Scope ---------------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_scope_of_zaken_and_letters(
    dossier, casusregisseur, collega, klantmanager, andere_casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    waarschuwing = waarschuwen(zaak, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    besluiten(zaak, collega, boete("800"))
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    boetebrief = beschikking(zaak)
    voornemen, afschrift = (
        Brief.objects.get(soort=soort)
        for soort in (BriefSoort.VOORNEMEN, BriefSoort.RAPPORT)
    )

    assert list(Handhavingszaak.objects.visible_to(casusregisseur)) == [zaak]
    assert not Handhavingszaak.objects.visible_to(klantmanager).exists()
    assert not Handhavingszaak.objects.visible_to(andere_casusregisseur).exists()
    assert not Handhavingszaak.objects.visible_to(klantmanager).met_samenloop().exists()

    assert set(Brief.objects.visible_to(casusregisseur)) == {
        waarschuwing,
        voornemen,
        afschrift,
        boetebrief,
    }
    assert set(Brief.objects.visible_to(collega)) == {
        waarschuwing,
        voornemen,
        afschrift,
        boetebrief,
    }
    klantmanager_brieven = Brief.objects.visible_to(klantmanager)
    assert not klantmanager_brieven.filter(
        soort__in=[
            BriefSoort.WAARSCHUWING,
            BriefSoort.VOORNEMEN,
            BriefSoort.RAPPORT,
            BriefSoort.BOETEBESCHIKKING,
        ]
    ).exists()
    assert not klantmanager_brieven.exists()
    assert not Brief.objects.visible_to(andere_casusregisseur).exists()

    # The klantmanager sees their own maatregel, the andere casusregisseur nothing.
    assert dossier.maatregelen.model.objects.visible_to(klantmanager).count() == 1
    assert not dossier.maatregelen.model.objects.visible_to(
        andere_casusregisseur
    ).exists()
