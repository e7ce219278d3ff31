"""SECURITY RL-01 and issue 6 item 5: two sweeps at once make each signal once, the
task is idempotent, and the number of queries does not grow with the dossiers."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from freezegun import freeze_time

from intake.models import Inburgeraar
from leerroutes.models import Routestand
from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import sweep
from monitoring.tasks import signalering_sweep
from tests.factories.accounts import gemeente

from .conftest import handhavingszaak, ontzorging, twee_sweeps_tegelijk

DAG = dt.date(2026, 6, 20)


def dossiers(n: int, user, start: int = 0) -> list[Inburgeraar]:
    """`n` dossiers with the PIP deadline in week 8 and a voortgangsgesprek due."""
    zevenaar = gemeente("Zevenaar")
    rijen = Inburgeraar.objects.bulk_create(
        Inburgeraar(
            bsn=f"9{i:08d}",
            voornamen="Test",
            achternaam=f"Dossier{i:05d}",
            geboortedatum=dt.date(1990, 1, 1),
            gemeente=zevenaar,
            doelgroep="asielstatushouder",
            datum_kennisgeving=dt.date(2026, 4, 21),
            pip_deadline=dt.date(2026, 6, 30),
            casusregisseur=user,
        )
        for i in range(start, start + n)
    )
    Routestand.objects.bulk_create(
        Routestand(
            inburgeraar=d,
            berekend_op=DAG,
            volgend_voortgangsgesprek=dt.date(2026, 6, 1),
        )
        for d in rijen
    )
    return rijen


def queries_of_sweep() -> int:
    with CaptureQueriesContext(connection) as ctx:
        sweep(DAG)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_dossiers(casusregisseur):
    dossiers(50, casusregisseur)
    bij_50 = queries_of_sweep()
    assert Signaal.objects.filter(soort=SignaalSoort.PIP_WEEK_8).count() == 50

    dossiers(950, casusregisseur, start=50)
    bij_1000 = queries_of_sweep()
    assert Signaal.objects.filter(soort=SignaalSoort.PIP_WEEK_8).count() == 1000
    assert Signaal.objects.filter(soort=SignaalSoort.VOORTGANGSGESPREK).count() == 1000
    assert bij_1000 == bij_50
    # 3 per kind, the lock, the planner setting and its reset, the verantwoordelijken
    assert bij_50 <= 3 * len(SignaalSoort.values) + 7


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_make_each_signal_once(dossier, casusregisseur):
    dossiers(20, casusregisseur)
    ontzorging(dossier, casusregisseur, dt.date(2026, 7, 1))
    handhavingszaak(dossier, casusregisseur, beslistermijn=dt.date(2026, 6, 25))
    resultaten = twee_sweeps_tegelijk(DAG)
    # The 20 bulk dossiers (`dossier` itself has no PIP deadline or routestand),
    # one ontzorging and one handhavingszaak of `dossier`.
    verwacht = {
        SignaalSoort.PIP_WEEK_8: 20,
        SignaalSoort.VOORTGANGSGESPREK: 20,
        SignaalSoort.ONTZORGEN_EINDIGT: 1,
        SignaalSoort.HANDHAVING_BESLISTERMIJN: 1,
    }
    for soort, aantal in verwacht.items():
        assert Signaal.objects.filter(soort=soort).count() == aantal
        assert sum(r[soort] for r in resultaten) == aantal


@freeze_time("2026-06-20 03:00")
def test_the_task_sweeps_today_and_is_safe_to_run_twice(casusregisseur):
    dossiers(3, casusregisseur)
    eerste = signalering_sweep()
    tweede = signalering_sweep()
    assert eerste[SignaalSoort.PIP_WEEK_8] == 3
    assert tweede[SignaalSoort.PIP_WEEK_8] == 0
    assert Signaal.objects.filter(soort=SignaalSoort.PIP_WEEK_8).count() == 3


def test_the_task_takes_an_iso_date(casusregisseur):
    dossiers(2, casusregisseur)
    assert signalering_sweep("2026-06-15")[SignaalSoort.PIP_WEEK_8] == 0
    assert signalering_sweep("2026-06-16")[SignaalSoort.PIP_WEEK_8] == 2


def test_the_task_is_registered_with_acks_late_and_time_limits():
    assert signalering_sweep.name == "monitoring.signalering_sweep"
    assert signalering_sweep.acks_late is True
    assert signalering_sweep.soft_time_limit < signalering_sweep.time_limit
