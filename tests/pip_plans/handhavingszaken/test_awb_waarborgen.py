"""The Awb safeguards of a college fine (issue 16, DOMAIN §7.1, §13.3, §13.5),
through the services on fixed days: no fine without rapport, voornemen and the
chance of a zienswijze (5:53: the maximum of € 800 decides, so also € 250);
functiescheiding (10:3); no second zaak on the same facts (5:43); no zaak for a
Wi2013 dossier; an asielstatushouder only with the motivation of an exceptional
case; no fine after the verval term (5:45)."""

import pytest
from freezegun import freeze_time

from intake.models import WetRegime
from pip_plans.models import (
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Overtreding,
)
from pip_plans.services import bezwaar as bezwaar_services
from tests.factories.intake import InburgeraarFactory
from tests.factories.pip_plans import pip_vaststellen
from tests.pip_plans.handhavingszaken.helpers import (
    D,
    afzien,
    besluiten,
    bezwaar,
    bezwaar_beslissen,
    boete,
    gehoord,
    messages,
    openen,
    rapport,
    refused,
    vers,
    zienswijze,
)

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

VANDAAG = "2026-04-01"


def geen_boetebeschikking() -> bool:
    return not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()


# --- Rapport, voornemen, zienswijze (Awb 5:53) ----------------------------------------


@freeze_time(VANDAAG)
def test_a_fine_of_250_without_rapport_is_refused(dossier, casusregisseur, collega):
    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, collega, boete("250"))
    assert "Maak eerst het rapport op" in messages(error)
    assert "5:53" in messages(error)
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.OVERTREDING and zaak.besluit == ""
    assert not Brief.objects.exists()


@freeze_time(VANDAAG)
def test_a_fine_of_250_before_the_zienswijze_or_its_term_is_refused(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "250")  # zienswijze until 16 March
    error = refused(besluiten, zaak, collega, boete("250", D(2026, 3, 10)))
    assert "Wacht op de zienswijze" in messages(error)
    assert "16 maart 2026" in messages(error)
    assert geen_boetebeschikking()
    # After the term, without a zienswijze: allowed.
    besluiten(zaak, collega, boete("250", D(2026, 3, 17)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@freeze_time(VANDAAG)
def test_the_rapport_sends_the_voornemen_and_the_afschrift(dossier, casusregisseur):
    zaak = rapport(openen(dossier, casusregisseur), casusregisseur, "250")
    brieven = Brief.objects.filter(handhavingszaak=zaak)
    assert {b.soort for b in brieven} == {BriefSoort.VOORNEMEN, BriefSoort.RAPPORT}
    for brief in brieven:
        assert brief.dagtekening == brief.verzenddatum == D(2026, 3, 2)
        assert brief.bezwaar_deadline is None  # not a besluit
    assert zaak.rapport_door == casusregisseur


# --- Functiescheiding (Awb 10:3) --------------------------------------------------------


@freeze_time(VANDAAG)
def test_who_made_the_rapport_cannot_impose_the_fine(dossier, casusregisseur, collega):
    zaak = gehoord(dossier, casusregisseur)
    error = refused(besluiten, zaak, casusregisseur, boete("300"))
    assert error.message_dict["__all__"] == [
        "U hebt in deze zaak het rapport opgemaakt. Een collega neemt deze "
        "beslissing (functiescheiding, Awb art. 10:3)."
    ]
    assert vers(zaak).besluit_door is None
    assert geen_boetebeschikking()
    besluiten(zaak, collega, boete("300"))
    zaak = vers(zaak)
    assert (zaak.rapport_door, zaak.besluit_door) == (casusregisseur, collega)


@freeze_time(VANDAAG)
def test_who_imposed_the_fine_cannot_decide_the_bezwaar(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur)
    besluiten(zaak, collega, boete("300"))
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 3, 25))
    error = refused(bezwaar_beslissen, ingediend, collega, D(2026, 3, 30))
    assert "de boete opgelegd" in messages(error)
    assert "functiescheiding" in messages(error)
    ingediend.refresh_from_db()
    assert ingediend.uitkomst == "" and ingediend.beslist_door is None
    bezwaar_beslissen(ingediend, casusregisseur, D(2026, 3, 30))
    ingediend.refresh_from_db()
    assert ingediend.beslist_door == casusregisseur


def test_who_vastgesteld_the_pip_cannot_decide_the_bezwaar_against_it(
    dossier_klaar, casusregisseur, collega
):
    with freeze_time("2026-03-02"):
        beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time(VANDAAG):
        ingediend = bezwaar_services.bezwaar_registreren(
            beschikking=beschikking,
            ontvangen_op=D(2026, 3, 20),
            gronden="Ik wil de onderwijsroute.",
            acting_user=collega,
        )
        error = refused(bezwaar_beslissen, ingediend, casusregisseur, D(2026, 3, 30))
        assert "het PIP vastgesteld" in messages(error)
        bezwaar_beslissen(ingediend, collega, D(2026, 3, 30))
    ingediend.refresh_from_db()
    assert ingediend.uitkomst == "ongegrond"


# --- No second zaak (Awb 5:43), no Wi2013 --------------------------------------------


@freeze_time(VANDAAG)
def test_a_second_zaak_on_the_same_facts_is_refused_naming_the_first(
    dossier, casusregisseur
):
    eerste = openen(dossier, casusregisseur)
    besluiten(eerste, casusregisseur, afzien())
    error = refused(openen, dossier, casusregisseur)
    tekst = messages(error)
    assert error.code == "dubbel"
    assert "1 maart 2026" in tekst  # the overtreding
    assert "'Niet meewerken aan de brede intake'" in tekst  # the first zaak
    assert "gestart op 1 april 2026" in tekst
    assert "afgezien" in tekst.lower()
    assert "5:43" in tekst
    assert Handhavingszaak.objects.count() == 1
    # Another overtreding, or another day, is another zaak.
    openen(dossier, casusregisseur, overtreding=Overtreding.PVT)
    openen(dossier, casusregisseur, datum_overtreding=D(2026, 3, 2))
    assert Handhavingszaak.objects.count() == 3


@freeze_time(VANDAAG)
def test_a_wi2013_dossier_gets_no_handhavingszaak(zevenaar, casusregisseur):
    wi2013 = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        wet_regime=WetRegime.WI2013,
        start_inburgeringsplicht=D(2021, 6, 1),
    )
    error = refused(openen, wi2013, casusregisseur)
    assert "Wet inburgering 2013" in messages(error)
    assert "DUO" in messages(error)
    assert not Handhavingszaak.objects.exists()


# --- Asielstatushouder ------------------------------------------------------------------


@freeze_time(VANDAAG)
def test_an_asielstatushouders_fine_without_motivation_is_refused(
    dossier, casusregisseur, collega
):
    assert dossier.doelgroep_categorie == "asiel"
    zaak = gehoord(dossier, casusregisseur)
    error = refused(besluiten, zaak, collega, boete("300", asiel_motivering="  "))
    assert (
        "bewezen en aanhoudend gebrek aan bereidheid tot integratie"
        in (error.message_dict["asiel_motivering"][0])
    )
    assert geen_boetebeschikking()
    besluiten(zaak, collega, boete("300"))
    assert vers(zaak).asiel_motivering


@freeze_time(VANDAAG)
def test_a_gezinsmigrant_needs_no_asiel_motivation(zevenaar, casusregisseur, collega):
    gezin = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, gezinsmigrant=True
    )
    zaak = gehoord(gezin, casusregisseur)
    besluiten(zaak, collega, boete("300", asiel_motivering=""))
    assert vers(zaak).status == HandhavingStatus.BOETE


# --- Verval (Awb 5:45) -----------------------------------------------------------------


def test_no_fine_after_the_verval_term(dossier, casusregisseur, collega):
    """An overtreding of 10 January 2021: the power to fine lapses after five
    years; the last day is 9 January 2026."""
    with freeze_time("2025-12-10"):
        zaak = openen(dossier, casusregisseur, datum_overtreding=D(2021, 1, 10))
        rapport(zaak, casusregisseur, "300", rapport_op=D(2025, 12, 1))
        zienswijze(zaak, casusregisseur, op=D(2025, 12, 5))
    with freeze_time("2026-01-12"):
        error = refused(besluiten, zaak, collega, boete("300", D(2026, 1, 10)))
        tekst = error.message_dict["besluit_op"][0]
        assert "vervallen op 10 januari 2026" in tekst
        assert "5:45" in tekst
        assert geen_boetebeschikking()
        # Afzien is still possible; and a fine on the last day would have been.
        besluiten(zaak, collega, afzien(D(2026, 1, 10)))
    assert vers(zaak).status == HandhavingStatus.AFGEZIEN


def test_a_fine_on_the_last_day_of_the_verval_term_is_allowed(
    dossier, casusregisseur, collega
):
    with freeze_time("2025-12-10"):
        zaak = openen(dossier, casusregisseur, datum_overtreding=D(2021, 1, 10))
        rapport(zaak, casusregisseur, "300", rapport_op=D(2025, 12, 1))
        zienswijze(zaak, casusregisseur, op=D(2025, 12, 5))
    with freeze_time("2026-01-12"):
        besluiten(zaak, collega, boete("300", D(2026, 1, 9)))
    assert vers(zaak).status == HandhavingStatus.BOETE
