"""The factories' traits are states the app itself could have made: valid rows, the
dates of the steps in order, the derived dates as the rules derive them."""

import datetime as dt
from decimal import Decimal

import pytest

from leerroutes.models import Onderdeel
from pip_plans import rules
from pip_plans.models import BriefSoort, HandhavingStatus
from pip_plans.services import pip as pip_services
from tests.factories.dossier import volledig_dossier
from tests.factories.intake import InburgeraarFactory, afgeronde_intake
from tests.factories.leerroutes import (
    B1_UREN,
    OrganisatieFactory,
    TrajectFactory,
    taalaanbieder,
)
from tests.factories.pip_plans import (
    AMSTERDAM,
    BezwaarFactory,
    BriefFactory,
    HandhavingszaakFactory,
    InburgeringstermijnFactory,
    OntzorgingFactory,
    PipFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_pip_from_the_factory_can_be_vastgesteld_as_it_is(dossier, casusregisseur):
    afgeronde_intake(dossier, casusregisseur)
    concept = PipFactory(inburgeraar=dossier)
    assert pip_services.vaststellen_fouten(concept, vandaag=D(2026, 3, 1)) == {}
    vastgesteld = PipFactory(vastgesteld=True)
    assert vastgesteld.vastgesteld_op.astimezone(AMSTERDAM).date() == D(2026, 3, 1)
    assert PipFactory(leerroute="onderwijs").map_uren is None


def test_the_termijn_runs_three_years_from_the_day_after_the_first_beschikking():
    termijn = InburgeringstermijnFactory()
    beschikking = termijn.eerste_beschikking
    assert beschikking.pip.inburgeraar == beschikking.inburgeraar
    assert beschikking.inburgeraar == termijn.inburgeraar
    assert (beschikking.dagtekening, termijn.startdatum, termijn.einddatum) == (
        D(2026, 3, 1),
        D(2026, 3, 2),
        D(2029, 3, 1),
    )
    assert beschikking.bezwaar_deadline == rules.bezwaar_deadline(D(2026, 3, 1))
    bezwaar = BezwaarFactory(beschikking=beschikking, beslist=True)
    assert bezwaar.tijdig and bezwaar.besluit_datum > bezwaar.ontvangen_op


@pytest.mark.parametrize(
    ("traits", "status"),
    [
        ({}, HandhavingStatus.OVERTREDING),
        ({"gewaarschuwd": True}, HandhavingStatus.GEWAARSCHUWD),
        ({"met_rapport": True}, HandhavingStatus.ZIENSWIJZE),
        ({"zienswijze_ontvangen": True}, HandhavingStatus.ZIENSWIJZE),
        ({"boete": True}, HandhavingStatus.BOETE),
        ({"afgezien": True}, HandhavingStatus.AFGEZIEN),
    ],
)
def test_each_handhaving_step_is_a_valid_zaak_with_its_dates_in_order(traits, status):
    zaak = HandhavingszaakFactory(**traits)
    zaak.full_clean()
    assert zaak.status == status
    stappen = [
        zaak.datum_overtreding,
        zaak.waarschuwing_op,
        zaak.rapport_op,
        zaak.zienswijze_ontvangen_op,
        zaak.zienswijze_tot,
        zaak.besluit_op,
    ]
    gezet = [dag for dag in stappen if dag is not None]
    assert gezet == sorted(gezet)
    if zaak.rapport_op:
        assert zaak.beslistermijn > zaak.zienswijze_tot > zaak.rapport_op
        assert zaak.overtreden_voorschrift and zaak.plaats_overtreding
    if zaak.besluit:
        # Functiescheiding (Awb art. 10:3 lid 4): another official decides.
        assert zaak.besluit_door_id and zaak.besluit_door_id != zaak.rapport_door_id


def test_a_bezwaar_against_a_fine_is_on_time_with_its_beslistermijn():
    brief = BriefFactory(boetebeschikking=True)
    zaak = brief.handhavingszaak
    assert brief.soort == BriefSoort.BOETEBESCHIKKING
    assert brief.dagtekening == brief.verzenddatum == zaak.besluit_op
    assert brief.bezwaar_deadline == rules.bezwaar_deadline(zaak.besluit_op)
    bezwaar = BezwaarFactory(beschikking=None, boetebeschikking=brief, beslist=True)
    assert bezwaar.inburgeraar == zaak.inburgeraar
    assert bezwaar.tijdig and bezwaar.tegen_boete
    assert bezwaar.bezwaartermijn_einde == brief.bezwaar_deadline
    assert bezwaar.beslistermijn == rules.bezwaar_beslistermijn(
        brief.bezwaar_deadline, weken=6
    )
    bezwaar.full_clean()


def test_ontzorgen_ends_as_the_rule_says_in_each_phase():
    dossier = InburgeraarFactory(met_bijstand=True)
    assert OntzorgingFactory(inburgeraar=dossier, duur_maanden=6).einddatum == D(
        2026, 9, 30
    )
    verlengd = OntzorgingFactory(duur_maanden=6, verlengd=True)
    assert verlengd.einddatum == verlengd.verlengd_tot == D(2026, 12, 31)
    beeindigd = OntzorgingFactory(duur_maanden=6, bijstand_beeindigd=True)
    assert beeindigd.einddatum == beeindigd.bijstand_einde == D(2026, 5, 31)


def test_a_traject_with_hours_is_bought_at_a_keurmerk_aanbieder():
    traject = TrajectFactory(
        aanbieder=taalaanbieder(),
        onderdelen=B1_UREN,
        uren=[(Onderdeel.NT2, D(2026, 4, 1), 40), (Onderdeel.NT2, D(2026, 5, 1), 32)],
    )
    assert traject.ingekocht and traject.contract.leerroute == traject.leerroute
    assert traject.pip.inburgeraar == traject.inburgeraar
    assert {o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()} == B1_UREN
    assert [(u.uren_aanwezig, u.keurmerk) for u in traject.uren.order_by("maand")] == [
        (Decimal(40), True),
        (Decimal(32), True),
    ]
    assert not TrajectFactory(aanbieder=OrganisatieFactory()).ingekocht


def test_volledig_dossier_writes_every_free_text_through_tekst(
    casusregisseur, klantmanager
):
    dossier = volledig_dossier(
        casusregisseur=casusregisseur,
        klantmanager=klantmanager,
        aanbieder=taalaanbieder(),
        ketenpartner=OrganisatieFactory(),
        tekst=lambda label: f"Kanarie {label}",
    ).dossier
    assert dossier.straat == "Kanarie intake.Inburgeraar.straat"
    assert dossier.postcode == "Kanarie"  # cut to the field's 7 characters
    assert dossier.pips.get().ondersteuning == "Kanarie pip_plans.Pip.ondersteuning"
    intake = dossier.intakes.get()
    assert intake.gezondheid.trauma == "Kanarie intake.IntakeGezondheid.trauma"
    assert {o.bevindingen for o in intake.onderdelen.all()} == {
        "Kanarie intake.IntakeOnderdeel.bevindingen"
    }
    assert dossier.termijn.einddatum == D(2029, 9, 1)  # verlengd by 6 months
