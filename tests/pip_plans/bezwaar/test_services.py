"""Bezwaar through the services (issue 16, DOMAIN §13.2, §13.4), against a fine and
against a PIP beschikking, on fixed days: registration computes tijdig (Awb 6:9),
the end of the bezwaartermijn and the beslistermijn (7:10; 12 weeks where the
gemeente has an adviescommissie, a dated parameter per gemeente); a late bezwaar is
only niet-ontvankelijk until judged excusable (6:11); one verdaging; a gegrond
bezwaar lowers or revokes the fine, or starts a herziening of the PIP that may
change the leerroute and keeps the termijn start; the verzenddatum moves the
printed deadline and never lies before the dagtekening; the beslistermijn signal
for a bezwaar against a fine."""

from decimal import Decimal

import pytest
from freezegun import freeze_time

from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import sweep
from pip_plans.models import (
    Brief,
    BriefSoort,
    Inburgeringstermijn,
    Pip,
    WijzigingReden,
)
from pip_plans.services import bezwaar as services
from pip_plans.services import pip as pip_services
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from tests.pip_plans.handhavingszaken.helpers import (
    D,
    beschikking,
    besluiten,
    bezwaar,
    bezwaar_beslissen,
    boete,
    gehoord,
    messages,
    refused,
    vers,
)
from tests.pip_plans.pdf import pdf_text
from zevenaar_inburgering.parameters.models import Parameter

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

# The fine of 20 March 2026 (sent that day): bezwaar until Friday 1 May 2026.
EINDE = D(2026, 5, 1)
VANDAAG = "2026-05-20"


def beboet(dossier, casusregisseur, collega, bedrag="300", **besluit):
    """A zaak with a fine of `bedrag` imposed by `collega` on 20 March 2026."""
    zaak = gehoord(dossier, casusregisseur, bedrag)
    besluiten(zaak, collega, boete(bedrag, **besluit))
    return vers(zaak)


# --- Registration ----------------------------------------------------------------


@freeze_time(VANDAAG)
def test_registration_computes_tijdig_the_termijn_and_the_beslistermijn(
    dossier, casusregisseur, collega
):
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(
        zaak, casusregisseur, D(2026, 5, 6), poststempel_op=EINDE
    )  # posted on the last day, received five days later
    assert ingediend.inburgeraar == dossier
    assert ingediend.boetebeschikking == beschikking(zaak)
    assert ingediend.bezwaartermijn_einde == EINDE
    assert ingediend.tijdig is True
    assert ingediend.adviescommissie is False
    assert ingediend.beslistermijn == D(2026, 6, 12)  # 6 weeks from 2 May
    assert ingediend.geldende_beslistermijn == D(2026, 6, 12)


@freeze_time(VANDAAG)
def test_with_an_adviescommissie_of_the_gemeente_the_beslistermijn_is_12_weeks(
    dossier, zevenaar, duiven, casusregisseur, collega
):
    Parameter.objects.create(
        code="bezwaar_adviescommissie",
        gemeente=zevenaar,
        geldig_vanaf=D(2026, 1, 1),
        waarde=Decimal(1),
        bron="Verordening bezwaarcommissie Zevenaar (test)",
    )
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 20))
    assert ingediend.adviescommissie is True
    assert ingediend.beslistermijn == D(2026, 7, 24)  # 12 weeks from 2 May


@freeze_time(VANDAAG)
def test_another_gemeentes_adviescommissie_leaves_the_six_weeks(
    dossier, duiven, casusregisseur, collega
):
    Parameter.objects.create(
        code="bezwaar_adviescommissie",
        gemeente=duiven,
        geldig_vanaf=D(2026, 1, 1),
        waarde=Decimal(1),
        bron="Test",
    )
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 20))
    assert ingediend.adviescommissie is False
    assert ingediend.beslistermijn == D(2026, 6, 12)


@freeze_time(VANDAAG)
def test_received_nine_days_after_the_end_is_late_despite_the_postmark(
    dossier, casusregisseur, collega
):
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 5, 10), poststempel_op=EINDE)
    assert ingediend.tijdig is False


@freeze_time(VANDAAG)
def test_a_postmark_after_receipt_or_before_the_letter_is_refused(
    dossier, casusregisseur, collega
):
    zaak = beboet(dossier, casusregisseur, collega)
    for poststempel in (D(2026, 5, 7), D(2026, 3, 19)):
        error = refused(
            bezwaar, zaak, casusregisseur, D(2026, 5, 6), poststempel_op=poststempel
        )
        assert "poststempel_op" in error.message_dict


# --- Late: niet-ontvankelijk unless excusable (Awb 6:11) -----------------------------


@freeze_time(VANDAAG)
def test_a_late_bezwaar_is_only_niet_ontvankelijk_until_judged_excusable(
    dossier, casusregisseur, collega
):
    zaak = beboet(dossier, casusregisseur, collega)
    laat = bezwaar(
        zaak, casusregisseur, D(2026, 5, 5), te_laat_reden="Ik lag in het ziekenhuis."
    )
    assert laat.tijdig is False and laat.te_laat_reden == "Ik lag in het ziekenhuis."
    for uitkomst in ("ongegrond", "gegrond", "deels_gegrond"):
        error = refused(
            bezwaar_beslissen,
            laat,
            casusregisseur,
            D(2026, 5, 15),
            uitkomst,
            boetebedrag_na_bezwaar=Decimal("0"),
        )
        assert (
            "beoordeel eerst of dat verschoonbaar is"
            in (error.message_dict["uitkomst"][0])
        )
    laat.refresh_from_db()
    error = refused(
        services.termijnoverschrijding_beoordelen,
        bezwaar=laat,
        versie=laat.versie,
        verschoonbaar=True,
        toelichting=" ",
        acting_user=casusregisseur,
    )
    assert "toelichting" in error.message_dict
    laat = services.termijnoverschrijding_beoordelen(
        bezwaar=laat,
        versie=laat.versie,
        verschoonbaar=True,
        toelichting="Opgenomen in het ziekenhuis; verklaring van de arts.",
        acting_user=casusregisseur,
    )
    assert laat.ontvankelijk_qua_termijn
    bezwaar_beslissen(laat, casusregisseur, D(2026, 5, 15))
    laat.refresh_from_db()
    assert laat.uitkomst == "ongegrond"


@freeze_time(VANDAAG)
def test_not_excusable_leaves_only_niet_ontvankelijk(dossier, casusregisseur, collega):
    zaak = beboet(dossier, casusregisseur, collega)
    laat = bezwaar(zaak, casusregisseur, D(2026, 5, 5))
    laat = services.termijnoverschrijding_beoordelen(
        bezwaar=laat,
        versie=laat.versie,
        verschoonbaar=False,
        toelichting="Geen reden opgegeven.",
        acting_user=casusregisseur,
    )
    error = refused(bezwaar_beslissen, laat, casusregisseur, D(2026, 5, 15))
    assert "niet verschoonbaar" in error.message_dict["uitkomst"][0]
    bezwaar_beslissen(
        laat,
        casusregisseur,
        D(2026, 5, 15),
        "niet_ontvankelijk",
        toelichting="Het bezwaar kwam te laat.",
    )
    brief = Brief.objects.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR)
    assert "uiterlijk 1 mei 2026 bij ons zijn" in pdf_text(brief)


@freeze_time(VANDAAG)
def test_a_timely_bezwaar_needs_no_judgement_of_lateness(
    dossier, casusregisseur, collega
):
    ingediend = bezwaar(
        beboet(dossier, casusregisseur, collega), casusregisseur, D(2026, 4, 1)
    )
    error = refused(
        services.termijnoverschrijding_beoordelen,
        bezwaar=ingediend,
        versie=ingediend.versie,
        verschoonbaar=True,
        toelichting="x",
        acting_user=casusregisseur,
    )
    assert "op tijd" in messages(error)


# --- Verdaging (Awb 7:10 lid 3) ------------------------------------------------------


@freeze_time(VANDAAG)
def test_one_verdaging_of_six_weeks(dossier, casusregisseur, collega):
    ingediend = bezwaar(
        beboet(dossier, casusregisseur, collega), casusregisseur, D(2026, 4, 1)
    )
    assert ingediend.beslistermijn == D(2026, 6, 12)
    error = refused(
        services.bezwaar_verdagen,
        bezwaar=ingediend,
        versie=ingediend.versie,
        reden="",
        acting_user=casusregisseur,
    )
    assert "reden" in error.message_dict
    verdaagd = services.bezwaar_verdagen(
        bezwaar=ingediend,
        versie=ingediend.versie,
        reden="Wij wachten op het verslag van de hoorzitting.",
        acting_user=casusregisseur,
    )
    assert verdaagd.verdaagd_tot == D(2026, 7, 24)
    assert verdaagd.geldende_beslistermijn == D(2026, 7, 24)
    error = refused(
        services.bezwaar_verdagen,
        bezwaar=verdaagd,
        versie=verdaagd.versie,
        reden="Nog een keer.",
        acting_user=casusregisseur,
    )
    assert "één keer" in messages(error)
    verdaagd.refresh_from_db()
    assert verdaagd.verdaagd_tot == D(2026, 7, 24)


def test_no_verdaging_after_the_beslistermijn(dossier, casusregisseur, collega):
    with freeze_time(VANDAAG):
        ingediend = bezwaar(
            beboet(dossier, casusregisseur, collega), casusregisseur, D(2026, 4, 1)
        )
    with freeze_time("2026-06-13"):
        error = refused(
            services.bezwaar_verdagen,
            bezwaar=ingediend,
            versie=ingediend.versie,
            reden="Te laat bedacht.",
            acting_user=casusregisseur,
        )
    assert "verstreken" in messages(error)


# --- Gegrond against a fine: lower or revoke -----------------------------------------


@freeze_time(VANDAAG)
def test_deels_gegrond_lowers_the_fine(dossier, casusregisseur, collega):
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 1))
    for bedrag in (None, Decimal("300"), Decimal("400"), Decimal("-1")):
        error = refused(
            bezwaar_beslissen,
            ingediend,
            casusregisseur,
            D(2026, 5, 15),
            "deels_gegrond",
            boetebedrag_na_bezwaar=bedrag,
        )
        assert "boetebedrag_na_bezwaar" in error.message_dict
    bezwaar_beslissen(
        ingediend,
        casusregisseur,
        D(2026, 5, 15),
        "deels_gegrond",
        toelichting="Verminderd verwijtbaar: de helft.",
        boetebedrag_na_bezwaar=Decimal("150"),
    )
    ingediend.refresh_from_db()
    assert ingediend.boetebedrag_na_bezwaar == Decimal("150.00")
    assert ingediend.herziening is None
    tekst = pdf_text(Brief.objects.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR))
    assert "€ 150,00 in plaats van € 300,00" in tekst


@freeze_time(VANDAAG)
def test_gegrond_revokes_the_fine(dossier, casusregisseur, collega):
    zaak = beboet(dossier, casusregisseur, collega)
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 1))
    bezwaar_beslissen(
        ingediend,
        casusregisseur,
        D(2026, 5, 15),
        "gegrond",
        toelichting="Niet verwijtbaar: ziek.",
        boetebedrag_na_bezwaar=Decimal("0"),
    )
    ingediend.refresh_from_db()
    assert ingediend.boetebedrag_na_bezwaar == Decimal("0")
    assert "De boete vervalt" in pdf_text(
        Brief.objects.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR)
    )


# --- Gegrond against a PIP: the herziening -------------------------------------------


def test_gegrond_against_a_pip_starts_a_herziening_that_may_change_the_leerroute(
    dossier_klaar, casusregisseur, collega
):
    with freeze_time("2026-03-02"):
        eerste = pip_vaststellen(dossier_klaar, casusregisseur)
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier_klaar)
    start = termijn.startdatum
    assert start == D(2026, 3, 3)
    assert eerste.pip.leerroute == "b1"
    with freeze_time("2026-04-20"):
        ingediend = services.bezwaar_registreren(
            beschikking=eerste,
            ontvangen_op=D(2026, 3, 20),
            gronden="De Z-route past beter bij mij.",
            acting_user=collega,
        )
        ingediend = bezwaar_beslissen(
            ingediend,
            collega,
            D(2026, 4, 20),
            "gegrond",
            toelichting="De leerbaarheidstoets wijst op de Z-route.",
        )
        concept = ingediend.herziening
        assert concept.reden == WijzigingReden.HERZIENING_NA_BEZWAAR
        assert concept.is_concept and concept.versie == 2
        concept = pip_services.pip_bewerken(
            pip=concept,
            data=complete_pip_data(
                leerroute="z", reden_afwijzing_b1="Te zwaar gebleken."
            ),
            bewerkversie=concept.bewerkversie,
            acting_user=collega,
        )
        nieuw = pip_services.pip_vaststellen(pip=concept, acting_user=collega)
    assert nieuw.pip.leerroute == "z"
    assert Pip.objects.filter(inburgeraar=dossier_klaar).count() == 2
    termijn.refresh_from_db()
    assert termijn.startdatum == start  # Wet art. 11 lid 3
    tekst = pdf_text(Brief.objects.get(soort=BriefSoort.BESLISSING_OP_BEZWAAR))
    assert "De datum waarop uw inburgeringstermijn begon, blijft hetzelfde." in tekst


# --- The verzenddatum ---------------------------------------------------------------


@freeze_time(VANDAAG)
def test_the_verzenddatum_moves_the_printed_bezwaar_deadline(
    dossier, casusregisseur, collega
):
    # Dated 20 March, sent Monday 23 March: bezwaar until Monday 4 May (not 1 May).
    zaak = beboet(dossier, casusregisseur, collega, verzenddatum=D(2026, 3, 23))
    brief = beschikking(zaak)
    assert (brief.dagtekening, brief.verzenddatum) == (D(2026, 3, 20), D(2026, 3, 23))
    assert brief.bezwaar_deadline == D(2026, 5, 4)
    tekst = pdf_text(brief)
    assert "Wij versturen deze brief op 23 maart 2026" in tekst
    assert "uiterlijk 4 mei 2026" in tekst
    # Received on 4 May: on time, and the beslistermijn counts from 5 May.
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 5, 4))
    assert ingediend.tijdig and ingediend.bezwaartermijn_einde == D(2026, 5, 4)
    assert ingediend.beslistermijn == D(2026, 6, 15)


def test_the_verzenddatum_of_a_pip_moves_its_bezwaar_deadline(
    dossier_klaar, casusregisseur
):
    with freeze_time("2026-03-02"):
        concept = pip_services.pip_opstellen(
            inburgeraar=dossier_klaar, acting_user=casusregisseur
        )
        concept = pip_services.pip_bewerken(
            pip=concept,
            data=complete_pip_data(),
            bewerkversie=concept.bewerkversie,
            acting_user=casusregisseur,
        )
        # Sent Friday 6 March: six weeks later, Friday 17 April.
        besluit = pip_services.pip_vaststellen(
            pip=concept, acting_user=casusregisseur, verzenddatum=D(2026, 3, 6)
        )
    assert besluit.bekendmaking == D(2026, 3, 6)
    assert besluit.bezwaar_deadline == D(2026, 4, 17)
    assert "17 april 2026" in pdf_text(besluit)


@freeze_time(VANDAAG)
def test_a_verzenddatum_before_the_dagtekening_is_refused(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur, "300")
    error = refused(besluiten, zaak, collega, boete("300", verzenddatum=D(2026, 3, 19)))
    assert "vóór de dagtekening" in error.message_dict["verzenddatum"][0]
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()

    besluiten(zaak, collega, boete("300"))
    ingediend = bezwaar(zaak, casusregisseur, D(2026, 4, 1))
    error = refused(
        bezwaar_beslissen,
        ingediend,
        casusregisseur,
        D(2026, 5, 15),
        verzenddatum=D(2026, 5, 14),
    )
    assert "verzenddatum" in error.message_dict
    ingediend.refresh_from_db()
    assert ingediend.uitkomst == ""


# --- The beslistermijn signal, also for a fine -------------------------------------


def test_the_beslistermijn_signal_appears_for_a_bezwaar_against_a_fine(
    dossier, casusregisseur, collega
):
    with freeze_time(VANDAAG):
        ingediend = bezwaar(
            beboet(dossier, casusregisseur, collega), casusregisseur, D(2026, 4, 1)
        )
    assert ingediend.beslistermijn == D(2026, 6, 12)
    soort = SignaalSoort.BEZWAAR_BESLISTERMIJN
    # Two weeks before the beslistermijn: from 29 May, not on the 28th.
    sweep(D(2026, 5, 28))
    assert not Signaal.objects.filter(soort=soort).exists()
    sweep(D(2026, 5, 29))
    signaal = Signaal.objects.get(soort=soort)
    assert signaal.object_type == "pip_plans.bezwaar"
    assert signaal.object_id == str(ingediend.pk)
    assert signaal.vervaldatum == D(2026, 6, 12)
    assert signaal.inburgeraar == dossier
    with freeze_time("2026-05-29"):
        bezwaar_beslissen(ingediend, casusregisseur, D(2026, 5, 29))
    assert sweep(D(2026, 5, 30))["opgelost"] == 1
    assert not Signaal.objects.filter(soort=soort).open().exists()
