"""The calendar check: a small demo region, built through the real services (real
PostgreSQL, real PDFs), on the days where date arithmetic goes wrong, and then
checked: nothing that happened lies after that day, no period ends before it
starts, no quarter is reported before it ended, and every situation of the demo is
still there.

The clock is moved with freezegun and keeps running (tick), so a build can run
across midnight or a change to summer time. PostgreSQL's own clock stays where it
is (see `invarianten.NIET_OP_DE_TESTKLOK`).
"""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.management.commands.demo_region import MINIMUM_DOSSIERS
from tests.factories.intake import InburgeraarFactory

from .invarianten import (
    VOLGORDE,
    in_de_toekomst,
    in_de_verkeerde_volgorde,
    kwartalen_in_de_toekomst,
    periodemodellen,
    statussen_tegen_de_termijn,
)
from .situaties import ontbrekend

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The smallest region with every situation; a build takes a quarter of the full
# region's time.
KLEINE_REGIO = MINIMUM_DOSSIERS


def _om(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


# The moment each build starts, Europe/Amsterdam.
KALENDER = {
    "1e, een kwartaal begint": _om(2027, 4, 1, 7, 15),
    "5e, zaterdag": _om(2027, 6, 5, 7, 15),
    "15e": _om(2027, 7, 15, 16, 45),
    "20e": _om(2027, 8, 20, 9, 30),
    "28e": _om(2028, 9, 28, 9, 30),
    "30e, november": _om(2027, 11, 30, 16, 45),
    "31e, na 29 februari": _om(2028, 3, 31, 7, 15),
    "28 februari 2027": _om(2027, 2, 28, 9, 30),
    "29 februari 2028": _om(2028, 2, 29, 9, 30),
    # Just after midnight: in UTC it is still the old year.
    "1 januari": _om(2028, 1, 1, 0, 5),
    "31 december": _om(2027, 12, 31, 23, 15),
    # The build runs across 02:00, when the clocks go forward to 03:00.
    "zomertijd, laatste zondag van maart": _om(2027, 3, 28, 1, 59, 45),
    # The build runs across midnight into Monday 1 November (a 25-hour Sunday).
    "wintertijd, laatste zondag van oktober": _om(2027, 10, 31, 23, 59, 50),
}


@pytest.fixture
def eigen_dagen(request):
    """The check sets its own days: a session on another day (--vandaag, make
    test-calendar) would build the same 13 regions again."""
    if request.config.getoption("vandaag", None):
        pytest.skip("the calendar check sets its own days")


@pytest.mark.pdf
@pytest.mark.parametrize("begin", KALENDER.values(), ids=KALENDER.keys())
def test_demo_region_is_valid_on_every_day(eigen_dagen, db, begin):
    eerste_dag = begin.astimezone(AMSTERDAM).date()
    with freeze_time(begin, tick=True):
        call_command("demo_region", dossiers=KLEINE_REGIO, stdout=StringIO())

        vandaag, nu = timezone.localdate(), timezone.now()
        fouten = {
            "in de toekomst": in_de_toekomst(vandaag, nu),
            "in de verkeerde volgorde": in_de_verkeerde_volgorde(),
            "kwartalen die nog niet voorbij zijn": kwartalen_in_de_toekomst(vandaag),
            "status en termijn oneens": statussen_tegen_de_termijn(vandaag),
            "situaties die ontbreken": ontbrekend(eerste_dag),
        }
    assert {soort: lijst for soort, lijst in fouten.items() if lijst} == {}


def test_every_model_with_a_period_lists_its_order():
    assert set(periodemodellen()) <= set(VOLGORDE)


def test_the_check_finds_what_happened_after_today(db):
    morgen = timezone.localdate() + timedelta(days=1)
    InburgeraarFactory(datum_kennisgeving=morgen)

    fouten = in_de_toekomst(timezone.localdate(), timezone.now())

    assert [f for f in fouten if f.startswith("intake.Inburgeraar.")] == [
        f"intake.Inburgeraar.datum_kennisgeving: 1 na {timezone.localdate()}, "
        f"bijv. {[morgen]}"
    ]
