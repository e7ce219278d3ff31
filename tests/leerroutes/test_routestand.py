"""The derived Routestand end to end: what is recorded through the services, judged
on later days with routestand_bijwerken(vandaag=...), and a fixed number of queries
whatever the number of people or rows.

As in the service tests: the first PIP is vastgesteld on 1 March 2026, so the termijn
runs from 2 March 2026 to 1 March 2029 (1,096 days) and the hours of the months
since are recorded with uren_vastleggen. The norm is the open traject's planned
NT2 and KNM hours: 600 + 80 = 680.
"""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from leerroutes.models import (
    Afronding,
    Examenpoging,
    Participatieactiviteit,
    Routestand,
    Traject,
    TrajectOnderdeel,
    Urenregistratie,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from leerroutes.routestand import alle_routestanden_bijwerken, routestand_bijwerken
from leerroutes.services.uren import uren_vastleggen
from leerroutes.services.voortgang import voortgang_vastleggen
from pip_plans.models import Beschikking, Inburgeringstermijn, Pip
from tests.factories.intake import InburgeraarFactory
from tests.factories.leerroutes import B1_UREN, taalaanbieder
from tests.leerroutes.scenario import (
    DAGTEKENING,
    START,
    examen,
    participatie,
    participatieverklaring,
    pip_vastgesteld,
    schakelen_naar_z,
    taalexamens,
    toewijzen,
    uren,
)
from zevenaar_inburgering.nl import datum_tekst

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

EINDE = dt.date(2029, 3, 1)  # the last day of the termijn
TWINTIG_MAANDEN = dt.date(2027, 11, 15)  # 20 whole months after 2 March 2026


def stand_op(dossier, vandaag) -> Routestand:
    assert routestand_bijwerken([dossier.pk], vandaag=vandaag) == 1
    return Routestand.objects.get(inburgeraar=dossier)


def test_the_termijn_is_the_fixture_s(in_traject):
    termijn = in_traject.termijn
    assert (termijn.startdatum, termijn.einddatum) == (START, EINDE)


@pytest.mark.parametrize(
    "per_maand, koers",
    [
        # Expected after 20 months: 680 × 624 / 1096 days ≈ 387 hours. More than
        # 40 % behind (< 232) is niet op koers, more than 20 % (< 310) risico.
        (20, "niet_op_koers"),  # 180 hours
        (30, "risico"),  # 270 hours
        (40, "op_koers"),  # 360 hours
    ],
)
def test_hours_against_the_norm_after_20_months(
    in_traject, casusregisseur, per_maand, koers
):
    uren(in_traject, casusregisseur, "nt2", 9, per_maand)  # March-November 2026
    gevolgd = 9 * per_maand

    stand = stand_op(in_traject, TWINTIG_MAANDEN)

    assert stand.koers == koers
    assert f"{gevolgd} van 680 uur na 20 maanden" in stand.koers_redenen
    assert (stand.uren_gevolgd, stand.uren_norm) == (gevolgd, 680)
    assert stand.berekend_op == TWINTIG_MAANDEN


def test_time_alone_changes_the_judgement(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 9, 20)  # 180 hours by November 2026
    # At the end of November 2026 (8 months) 180 hours are on schedule ...
    stand = stand_op(in_traject, dt.date(2026, 11, 28))
    assert stand.koers == "op_koers"
    assert "180 van 680 uur na 8 maanden" in stand.koers_redenen
    # ... with nothing more recorded, a year later they are not.
    assert stand_op(in_traject, TWINTIG_MAANDEN).koers == "niet_op_koers"
    # The daily sweep judges every dossier with a termijn the same way.
    assert alle_routestanden_bijwerken(vandaag=TWINTIG_MAANDEN) == 1
    assert Routestand.objects.get().koers == "niet_op_koers"


def test_knm_hours_count_pvt_and_map_do_not(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 9, 30)  # 270
    uren(in_traject, casusregisseur, "knm", 9, 10)  # 90: 360 together
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    uren(in_traject, casusregisseur, "map", 4, 10)
    stand = stand_op(in_traject, TWINTIG_MAANDEN)
    assert (stand.koers, stand.uren_gevolgd) == ("op_koers", 360)


def test_hours_are_not_judged_in_the_first_three_months(in_traject):
    stand = stand_op(in_traject, dt.date(2026, 5, 20))
    assert stand.koers == "op_koers"
    assert stand.koers_redenen == ["0 van 680 uur na 2 maanden"]
    assert stand_op(in_traject, dt.date(2026, 6, 2)).koers == "niet_op_koers"


def test_attendance_of_the_recent_months(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 6, 40)  # March-August, 240 hours
    for maand in (9, 10, 11):
        uren_vastleggen(
            inburgeraar=in_traject,
            onderdeel="nt2",
            maand=dt.date(2026, maand, 1),
            uren_aanwezig=Decimal(20),
            uren_geroosterd=Decimal(40),
            acting_user=casusregisseur,
        )
    # September to November: 60 of 120 scheduled hours.
    stand = stand_op(in_traject, dt.date(2026, 11, 28))
    assert stand.koers == "niet_op_koers"
    assert "aanwezigheid 50 %" in stand.koers_redenen
    # A year on there are no recent scheduled hours; the aanbieder's last figure
    # counts instead.
    voortgang_vastleggen(
        inburgeraar=in_traject,
        data={"datum": dt.date(2026, 11, 1), "aanwezigheid_pct": 75},
        acting_user=casusregisseur,
    )
    stand = stand_op(in_traject, dt.date(2027, 3, 15))
    assert "aanwezigheid 75 %" in stand.koers_redenen


def test_no_exam_attempt_near_the_end_of_the_termijn(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 9, 80)  # 720 hours: ahead of the norm
    stand = stand_op(in_traject, dt.date(2028, 4, 1))
    assert stand.koers == "risico"
    assert "geen examenpoging 12 maanden voor het einde van de termijn" in (
        stand.koers_redenen
    )
    stand = stand_op(in_traject, dt.date(2028, 10, 1))
    assert stand.koers == "niet_op_koers"
    examen(in_traject, casusregisseur, "lezen", "B1", dt.date(2026, 11, 2), False)
    stand = stand_op(in_traject, dt.date(2028, 10, 1))
    assert stand.koers == "op_koers"
    assert "1 examenpoging, de laatste op 2 november 2026" in stand.koers_redenen


def test_after_the_termijn_niet_op_koers(in_traject):
    stand = stand_op(in_traject, EINDE + dt.timedelta(days=1))
    assert stand.koers == "niet_op_koers"
    assert stand.koers_redenen[0] == "de termijn is verstreken op 1 maart 2029"


def test_before_the_termijn_starts(traject):
    """The conftest's dossier: a PIP vastgesteld today, the termijn from tomorrow."""
    dossier = traject.inburgeraar
    stand = Routestand.objects.get(inburgeraar=dossier)
    begin = dossier.termijn.startdatum
    assert stand.koers == "op_koers"
    assert stand.koers_redenen == [f"de termijn begint op {datum_tekst(begin)}"]


def test_without_a_pip_nothing_is_judged(dossier):
    stand = stand_op(dossier, TWINTIG_MAANDEN)
    assert (stand.koers, stand.koers_redenen, stand.uren_norm) == ("", [], 0)
    assert stand.koers_label == "Nog niet beoordeeld"


def test_without_a_traject_the_reason_says_so(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    stand = stand_op(dossier, dt.date(2026, 5, 1))
    assert stand.uren_norm == 0
    assert "geen lopend traject bij een aanbieder" in stand.koers_redenen


def test_the_norm_follows_the_open_traject(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 6, 40)  # 240
    schakelen_naar_z(in_traject, casusregisseur)
    toewijzen(
        in_traject,
        taalaanbieder("Z-school", route="z"),
        casusregisseur,
        start=dt.date(2026, 9, 2),
        nt2=720,
        knm=80,
        participatie_z=800,
    )
    stand = stand_op(in_traject, TWINTIG_MAANDEN)
    # Hours of the closed B1 traject still count towards the Z-route's 800.
    assert (stand.uren_norm, stand.uren_gevolgd) == (800, 240)
    assert "240 van 800 uur na 20 maanden" in stand.koers_redenen
    # The Z-route has no exams: no exam finding even near the end.
    stand = stand_op(in_traject, dt.date(2028, 10, 1))
    assert not any("examenpoging" in reden for reden in stand.koers_redenen)


def test_voldaan_is_not_judged(in_traject, casusregisseur):
    participatieverklaring(in_traject, casusregisseur)
    taalexamens(in_traject, casusregisseur, "B1", dt.date(2026, 10, 1))
    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 10, 5))

    # Long after, with hardly any hours and past the termijn: no judgement.
    stand = stand_op(in_traject, EINDE + dt.timedelta(days=30))
    assert stand.koers == ""
    assert stand.koers_redenen == ["inburgeringsplicht voldaan op 5 oktober 2026"]
    assert stand.volgend_voortgangsgesprek is None
    assert stand.uren_norm == 0  # the traject was closed as voldaan


def test_participation_goals_are_judged_on_the_day(in_traject, casusregisseur):
    participatie(
        in_traject,
        casusregisseur,
        "betaald_werk",
        "Bakkerij",
        dt.date(2026, 9, 1),
        uren=20,
    )
    assert stand_op(in_traject, dt.date(2026, 8, 31)).meedoen_sinds is None
    stand = stand_op(in_traject, dt.date(2026, 11, 28))
    assert (stand.meedoen_sinds, stand.duurzaam_werk_sinds) == (
        dt.date(2026, 9, 1),
        None,
    )
    assert stand_op(in_traject, dt.date(2027, 3, 1)).duurzaam_werk_sinds == (
        dt.date(2027, 2, 28)
    )


# --- A fixed number of queries -------------------------------------------------------


def snel_dossier(user, aanbieder, maanden=9) -> object:
    """A person with one row of every kind routestand reads, written straight into
    the database: the query count is about reading them, and 30 PIP letters
    rendered through the services would only make this test slow."""
    dossier = InburgeraarFactory(casusregisseur=user)
    pip = Pip.objects.create(
        inburgeraar=dossier,
        versie=1,
        status="vastgesteld",
        leerroute="b1",
        taalniveau="B1",
        pvt_uren=12,
        map_uren=40,
        voortgangsgesprek_interval_weken=12,
        aangemaakt_door=user,
    )
    beschikking = Beschikking.objects.create(
        pip=pip,
        inburgeraar=dossier,
        kenmerk=f"T-{dossier.pk}",
        dagtekening=DAGTEKENING,
        bekendmaking=DAGTEKENING,
        bezwaar_deadline=DAGTEKENING + dt.timedelta(weeks=6),
        pdf="test.pdf",
        sha256="0" * 64,
        vastgesteld_door=user,
    )
    Inburgeringstermijn.objects.create(
        inburgeraar=dossier,
        eerste_beschikking=beschikking,
        startdatum=START,
        oorspronkelijke_einddatum=EINDE,
        einddatum=EINDE,
    )
    traject = Traject.objects.create(
        inburgeraar=dossier,
        pip=pip,
        leerroute="b1",
        aanbieder=aanbieder,
        contract=aanbieder.contracten.get(),
        start=START,
        geplande_einde=EINDE,
        aangemaakt_door=user,
    )
    TrajectOnderdeel.objects.bulk_create(
        TrajectOnderdeel(
            traject=traject,
            onderdeel=onderdeel,
            geplande_uren=geplande_uren,
            start=START,
            geplande_einde=EINDE,
        )
        for onderdeel, geplande_uren in B1_UREN.items()
    )
    Urenregistratie.objects.bulk_create(
        Urenregistratie(
            inburgeraar=dossier,
            traject=traject,
            aanbieder=aanbieder,
            onderdeel=onderdeel,
            maand=dt.date(2026, 3 + maand, 1),
            uren_aanwezig=Decimal(10),
            uren_geroosterd=Decimal(12),
            keurmerk=True,
            bron="handmatig",
            vastgelegd_door=user,
        )
        for maand in range(maanden)
        for onderdeel in ("nt2", "knm", "pvt")
    )
    Examenpoging.objects.create(
        inburgeraar=dossier,
        onderdeel="lezen",
        niveau="A2",
        datum=dt.date(2026, 9, 1),
        geslaagd=True,
        vastgelegd_door=user,
    )
    Participatieactiviteit.objects.create(
        inburgeraar=dossier,
        soort="betaald_werk",
        organisatie="Bakkerij",
        uren_per_week=Decimal(16),
        start=dt.date(2026, 1, 1),
        vastgelegd_door=user,
    )
    Voortgangsrapportage.objects.create(
        inburgeraar=dossier,
        aanbieder=aanbieder,
        datum=dt.date(2026, 10, 1),
        lezen="A2",
        aanwezigheid_pct=85,
        vastgelegd_door=user,
    )
    Afronding.objects.create(
        inburgeraar=dossier, participatieverklaring_getekend_op=dt.date(2026, 4, 1)
    )
    Voortgangsgesprek.objects.create(
        inburgeraar=dossier, gepland_op=dt.date(2026, 12, 1), vastgelegd_door=user
    )
    return dossier


def test_the_number_of_queries_does_not_grow_with_people_or_rows(
    casusregisseur, aanbieder, django_assert_num_queries
):
    een = snel_dossier(casusregisseur, aanbieder, maanden=1)
    alle = [een] + [snel_dossier(casusregisseur, aanbieder) for _ in range(29)]
    assert Urenregistratie.objects.count() == 3 + 29 * 27

    with CaptureQueriesContext(connection) as voor_een:
        routestand_bijwerken([een.pk], vandaag=TWINTIG_MAANDEN)
    assert len(voor_een) <= 15
    with django_assert_num_queries(len(voor_een)):
        assert routestand_bijwerken([d.pk for d in alle], vandaag=TWINTIG_MAANDEN) == 30

    assert Routestand.objects.count() == 30
    standen = Routestand.objects.exclude(inburgeraar=een)
    assert {(s.uren_gevolgd, s.uren_norm) for s in standen} == {(180, 680)}
    assert {s.koers for s in standen} == {"niet_op_koers"}
    assert {s.duurzaam_werk_sinds for s in standen} == {dt.date(2026, 6, 30)}
    assert {s.volgend_voortgangsgesprek for s in standen} == {dt.date(2026, 12, 1)}
