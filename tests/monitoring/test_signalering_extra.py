"""The two later kinds of signal (issue 6 item 1): aanbieder hours missing for two
months, and the beslistermijn of a bezwaar. Each appears on its day and not the day
before, exactly once however often (or however concurrently) the sweep runs, and
resolves itself when its condition clears."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from intake.models import Inburgeraar, Status
from leerroutes.models import (
    Contract,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Traject,
    TrajectEinde,
    UrenBron,
    Urenregistratie,
)
from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import REGELS, sweep
from pip_plans.models import Bezwaar, BezwaarUitkomst, Pip, PipStatus
from tests.factories.pip_plans import BeschikkingFactory, BezwaarFactory

from .conftest import signalen, twee_sweeps_tegelijk
from .test_signalering import GEVALLEN

UREN = SignaalSoort.UREN_ONTBREKEN
BEZWAAR = SignaalSoort.BEZWAAR_BESLISTERMIJN

_naam = itertools.count(1)

# A traject from 10 March: two months later, on 10 May, the aanbieder should have
# reported hours for March or April (the last two full months).
TRAJECT_START = dt.date(2026, 3, 10)
UREN_DAG = dt.date(2026, 5, 10)
# A beschikking sent on 1 June 2026: the bezwaartermijn ends 13 July, the
# beslistermijn of 6 weeks from the day after (Awb art. 7:10) on 24 August; the
# signal shows from 10 August.
BEKENDMAKING = dt.date(2026, 6, 1)
BEZWAAR_ONTVANGEN = dt.date(2026, 6, 20)
BEZWAAR_TERMIJN = dt.date(2026, 8, 24)
BEZWAAR_DAG = dt.date(2026, 8, 10)


def traject(dossier, user, *, start=TRAJECT_START, ingekocht=True) -> Traject:
    """An open B1 traject at a new taalaanbieder (with a contract if ingekocht)."""
    pip = Pip.objects.create(
        inburgeraar=dossier,
        versie=Pip.objects.filter(inburgeraar=dossier).count() + 1,
        status=PipStatus.VASTGESTELD,
        leerroute="b1",
        aangemaakt_door=user,
    )
    aanbieder = Organisatie.objects.create(
        naam=f"Taalschool {next(_naam)}", soort=OrganisatieSoort.TAALAANBIEDER
    )
    contract = (
        Contract.objects.create(
            aanbieder=aanbieder,
            leerroute="b1",
            start=dt.date(2025, 1, 1),
            einde=dt.date(2028, 12, 31),
            prijs_route=Decimal("10000.00"),
        )
        if ingekocht
        else None
    )
    return Traject.objects.create(
        inburgeraar=dossier,
        pip=pip,
        leerroute="b1",
        aanbieder=aanbieder,
        contract=contract,
        ingekocht=ingekocht,
        start=start,
        geplande_einde=start + dt.timedelta(days=900),
        aangemaakt_door=user,
    )


def uren(traject: Traject, user, maand: dt.date) -> Urenregistratie:
    return Urenregistratie.objects.create(
        inburgeraar=traject.inburgeraar,
        traject=traject,
        aanbieder=traject.aanbieder,
        onderdeel=Onderdeel.NT2,
        maand=maand,
        uren_aanwezig=Decimal("24.0"),
        keurmerk=True,
        bron=UrenBron.HANDMATIG,
        vastgelegd_door=user,
    )


def bezwaar(dossier, user, bekendmaking=BEKENDMAKING) -> Bezwaar:
    """A bezwaar against a PIP beschikking made known on `bekendmaking`, received
    in time, with the terms bezwaar_registreren computes (BezwaarFactory)."""
    beschikking = BeschikkingFactory(
        pip__inburgeraar=dossier,
        pip__aangemaakt_door=user,
        pip__dagtekening=bekendmaking,
    )
    return BezwaarFactory(
        beschikking=beschikking,
        ontvangen_op=(
            BEZWAAR_ONTVANGEN
            if bekendmaking == BEKENDMAKING
            else bekendmaking + dt.timedelta(days=19)
        ),
        gronden="Het PIP past niet bij mijn situatie.",
        geregistreerd_door=user,
    )


def beslissen(obj: Bezwaar, uitkomst=BezwaarUitkomst.ONGEGROND) -> None:
    Bezwaar.objects.filter(pk=obj.pk).update(
        besluit_datum=dt.date(2026, 8, 20), uitkomst=uitkomst
    )


def test_the_new_kinds_are_in_the_registry_and_the_rest_is_tested_elsewhere():
    """test_signalering.GEVALLEN covers the first eleven kinds; this file the two
    later ones. Together: every kind."""
    assert {UREN, BEZWAAR} <= set(REGELS)
    assert {g.soort for g in GEVALLEN} | {UREN, BEZWAAR} == set(SignaalSoort.values)
    assert REGELS[UREN].object_type == "leerroutes.traject"
    assert REGELS[BEZWAAR].object_type == "pip_plans.bezwaar"


# --- Both kinds: on their day, not the day before -----------------------------------


@pytest.mark.parametrize(
    ("soort", "maak", "dag", "object_type", "vervaldatum"),
    [
        # Missing hours: two months after the traject's start.
        (UREN, traject, UREN_DAG, "leerroutes.traject", dt.date(2026, 5, 1)),
        # A bezwaar: two weeks before its beslistermijn.
        (BEZWAAR, bezwaar, BEZWAAR_DAG, "pip_plans.bezwaar", BEZWAAR_TERMIJN),
    ],
    ids=["uren", "bezwaar"],
)
def test_appears_on_its_day_not_the_day_before(
    dossier, casusregisseur, soort, maak, dag, object_type, vervaldatum
):
    obj = maak(dossier, casusregisseur)

    sweep(dag - dt.timedelta(days=1))
    assert not signalen(soort).exists()

    assert sweep(dag)[soort] == 1
    signaal = signalen(soort).get()
    assert signaal.inburgeraar == dossier
    assert (signaal.object_type, signaal.object_id) == (object_type, str(obj.pk))
    assert signaal.vervaldatum == vervaldatum
    assert signaal.verantwoordelijke == casusregisseur
    assert signaal.is_open


# --- Uren van de aanbieder ontbreken ------------------------------------------------


def test_missing_hours_once_after_two_runs_and_resolved_by_a_report(
    dossier, casusregisseur
):
    obj = traject(dossier, casusregisseur)
    sweep(UREN_DAG)
    assert sweep(UREN_DAG)[UREN] == 0
    assert signalen(UREN).count() == 1

    uren(obj, casusregisseur, dt.date(2026, 4, 1))
    assert sweep(UREN_DAG)["opgelost"] == 1
    assert signalen(UREN).get().opgelost_op is not None
    assert not Signaal.objects.open().filter(soort=UREN).exists()


@pytest.mark.parametrize(
    "maand", [dt.date(2026, 3, 1), dt.date(2026, 4, 1)], ids=["maart", "april"]
)
def test_hours_in_either_of_the_last_two_full_months_are_enough(
    dossier, casusregisseur, maand
):
    uren(traject(dossier, casusregisseur), casusregisseur, maand)
    sweep(dt.date(2026, 5, 20))
    assert not signalen(UREN).exists()


def test_hours_of_older_months_or_the_current_month_do_not_count(
    dossier, casusregisseur
):
    obj = traject(dossier, casusregisseur, start=dt.date(2026, 1, 5))
    uren(obj, casusregisseur, dt.date(2026, 2, 1))
    uren(obj, casusregisseur, dt.date(2026, 5, 1))
    assert sweep(dt.date(2026, 5, 20))[UREN] == 1


def test_missing_hours_move_to_a_new_signal_each_month(dossier, casusregisseur):
    traject(dossier, casusregisseur)
    sweep(dt.date(2026, 5, 31))
    sweep(dt.date(2026, 6, 1))
    rijen = signalen(UREN).order_by("vervaldatum")
    assert [(s.vervaldatum, s.is_open) for s in rijen] == [
        (dt.date(2026, 5, 1), False),
        (dt.date(2026, 6, 1), True),
    ]


def test_a_report_for_the_last_month_clears_it_at_the_next_month(
    dossier, casusregisseur
):
    """Hours for May reported late in May still leave March and April empty on
    31 May; on 1 June the window is April and May, and nothing is missing."""
    obj = traject(dossier, casusregisseur)
    uren(obj, casusregisseur, dt.date(2026, 5, 1))
    assert sweep(dt.date(2026, 5, 31))[UREN] == 1
    resultaat = sweep(dt.date(2026, 6, 1))
    assert resultaat[UREN] == 0
    assert not signalen(UREN).open().exists()


def test_no_missing_hours_for_a_closed_traject_or_a_closed_dossier(
    dossier, casusregisseur
):
    obj = traject(dossier, casusregisseur)
    sweep(UREN_DAG)
    Traject.objects.filter(pk=obj.pk).update(
        einde=dt.date(2026, 5, 10), einde_reden=TrajectEinde.ANDERE_AANBIEDER
    )
    sweep(UREN_DAG)
    assert not signalen(UREN).open().exists()

    Traject.objects.filter(pk=obj.pk).update(einde=None, einde_reden="")
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=Status.VERHUISD)
    sweep(UREN_DAG)
    assert not signalen(UREN).open().exists()


def test_no_missing_hours_for_a_traject_the_inburgeraar_pays_himself(
    dossier, casusregisseur
):
    traject(dossier, casusregisseur, ingekocht=False)
    sweep(dt.date(2026, 7, 1))
    assert not signalen(UREN).exists()


# --- Bezwaar: beslistermijn ---------------------------------------------------------


def test_bezwaar_once_after_two_runs_stays_after_its_term_and_resolves_on_decision(
    dossier, casusregisseur
):
    obj = bezwaar(dossier, casusregisseur)
    sweep(BEZWAAR_DAG)
    assert sweep(BEZWAAR_DAG)[BEZWAAR] == 0
    assert sweep(dt.date(2026, 9, 30))[BEZWAAR] == 0
    assert signalen(BEZWAAR).open().count() == 1

    beslissen(obj)
    assert sweep(dt.date(2026, 9, 30))["opgelost"] == 1
    assert signalen(BEZWAAR).count() == 1
    assert not signalen(BEZWAAR).open().exists()


def test_a_withdrawn_bezwaar_needs_no_decision(dossier, casusregisseur):
    obj = bezwaar(dossier, casusregisseur)
    sweep(BEZWAAR_DAG)
    Bezwaar.objects.filter(pk=obj.pk).update(uitkomst=BezwaarUitkomst.INGETROKKEN)
    sweep(BEZWAAR_DAG)
    assert not signalen(BEZWAAR).open().exists()


def test_a_bezwaar_still_needs_a_decision_when_the_dossier_is_closed(
    dossier, casusregisseur
):
    bezwaar(dossier, casusregisseur)
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=Status.VERHUISD)
    assert sweep(BEZWAAR_DAG)[BEZWAAR] == 1


def test_an_rsd_klantmanager_sees_neither_kind(dossier, casusregisseur, klantmanager):
    # Made known 16 February: bezwaartermijn to 30 March, beslistermijn 11 May.
    bezwaar(dossier, casusregisseur, bekendmaking=dt.date(2026, 2, 16))
    traject(dossier, casusregisseur)
    sweep(UREN_DAG)
    zichtbaar = Signaal.objects.visible_to(casusregisseur)
    assert set(zichtbaar.values_list("soort", flat=True)) >= {UREN, BEZWAAR}
    assert (
        not Signaal.objects.visible_to(klantmanager)
        .filter(soort__in=[UREN, BEZWAAR])
        .exists()
    )


# --- Both kinds, two sweeps at once -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_make_each_new_signal_once(dossier, casusregisseur):
    # Made known 16 February: beslistermijn 11 May, the signal from 27 April.
    bezwaar(dossier, casusregisseur, bekendmaking=dt.date(2026, 2, 16))
    traject(dossier, casusregisseur, start=dt.date(2026, 1, 5))
    dag = dt.date(2026, 5, 20)
    resultaten = twee_sweeps_tegelijk(dag)
    for soort in (UREN, BEZWAAR):
        assert signalen(soort).count() == 1
        assert sum(r[soort] for r in resultaten) == 1
