"""The pure participation rules: duurzaam werk (12 hours a week for 6 unbroken
months) and meedoen."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerroutes.rules.participatie import Activiteit, duurzaam_werk_sinds, meedoen_sinds
from leerroutes.rules.waarden import (
    ACTIVITEIT_SOORTEN,
    BETAALD_WERK,
    OPLEIDING,
    STAGE,
    VRIJWILLIGERSWERK,
)
from tests.leerroutes.rules.helpers import DAG
from zevenaar_inburgering.termijnen import periode_einde

# --- Duurzaam werk ---------------------------------------------------------------


def werk(start, einde=None, uren=12):
    return Activiteit(BETAALD_WERK, start, einde, uren)


OP = date(2030, 1, 1)


@pytest.mark.parametrize(
    ("activiteiten", "sinds"),
    [
        ([werk(date(2026, 1, 1))], date(2026, 6, 30)),
        ([werk(date(2026, 3, 1))], date(2026, 8, 31)),
        ([werk(date(2026, 9, 1))], date(2027, 2, 28)),
        ([werk(date(2027, 9, 1))], date(2028, 2, 29)),  # leap year
        # DOMAIN §13.1: 6 months from 31 August end on the last day of February.
        ([werk(date(2027, 8, 31))], date(2028, 2, 29)),
        ([werk(date(2026, 8, 31))], date(2027, 2, 28)),
        ([werk(date(2026, 1, 1), date(2026, 6, 30))], date(2026, 6, 30)),
        ([werk(date(2026, 1, 1), date(2026, 6, 29))], None),  # one day short
        ([werk(date(2026, 1, 1), uren=Decimal("11.5"))], None),
        ([werk(date(2026, 1, 1), uren=None)], None),
        ([werk(date(2026, 1, 1), uren=40)], date(2026, 6, 30)),
        # Two part-time jobs at the same time add up.
        (
            [werk(date(2026, 1, 1), uren=6), werk(date(2026, 1, 1), uren=6)],
            date(2026, 6, 30),
        ),
        (
            [
                werk(date(2026, 1, 1), uren=Decimal("6.5")),
                werk(date(2026, 3, 1), uren=Decimal("5.5")),
            ],
            date(2026, 8, 31),
        ),
        # A job that ends on the 31st and one that starts on the 1st: no gap.
        (
            [werk(date(2026, 1, 1), date(2026, 3, 31)), werk(date(2026, 4, 1))],
            date(2026, 6, 30),
        ),
        # One day without work in between resets the count.
        (
            [werk(date(2026, 1, 1), date(2026, 3, 31)), werk(date(2026, 4, 2))],
            date(2026, 10, 1),
        ),
        # The hours drop below 12 for a while: a gap too.
        (
            [
                werk(date(2026, 1, 1), uren=8),
                werk(date(2026, 1, 1), date(2026, 4, 30), uren=8),
                werk(date(2026, 5, 16), uren=4),
            ],
            date(2026, 11, 15),
        ),
        # Other activities do not count, however many hours.
        ([Activiteit(VRIJWILLIGERSWERK, date(2026, 1, 1), None, 40)], None),
        ([Activiteit(STAGE, date(2026, 1, 1), None, 40)], None),
        ([], None),
    ],
)
def test_duurzaam_werk_is_12_hours_a_week_for_6_unbroken_months(activiteiten, sinds):
    assert duurzaam_werk_sinds(activiteiten, op=OP) == sinds


def test_duurzaam_werk_counts_only_up_to_op():
    baan = [werk(date(2026, 1, 1))]
    assert duurzaam_werk_sinds(baan, op=date(2026, 6, 30)) == date(2026, 6, 30)
    assert duurzaam_werk_sinds(baan, op=date(2026, 6, 29)) is None
    later = [werk(date(2026, 7, 1), date(2027, 12, 31))]
    assert duurzaam_werk_sinds(later, op=date(2026, 6, 30)) is None
    assert duurzaam_werk_sinds(later, op=date(2026, 12, 31)) == date(2026, 12, 31)


def test_duurzaam_werk_threshold_and_months_are_arguments():
    baan = [werk(date(2026, 1, 1), uren=8)]
    assert duurzaam_werk_sinds(baan, op=OP) is None
    assert duurzaam_werk_sinds(baan, op=OP, min_uren_per_week=8) == date(2026, 6, 30)
    assert duurzaam_werk_sinds(
        baan, op=OP, min_uren_per_week=8, min_maanden=12
    ) == date(2026, 12, 31)
    with pytest.raises(ValueError):
        duurzaam_werk_sinds(baan, op=OP, min_maanden=0)


def duurzaam_per_dag(activiteiten, op, min_uren=12, min_maanden=6):
    """The definition read literally, one day at a time."""
    banen = [a for a in activiteiten if a.soort == BETAALD_WERK and a.start <= op]
    if not banen:
        return None
    dag, reeks = min(a.start for a in banen), None
    while dag <= op:
        uren = sum(
            a.uren_per_week or 0 for a in banen if a.start <= dag <= (a.einde or op)
        )
        if uren >= min_uren:
            reeks = reeks or dag
            if periode_einde(reeks, maanden=min_maanden) == dag:
                return dag
        else:
            reeks = None
        dag += DAG
    return None


VENSTER_START, VENSTER_EINDE = date(2026, 1, 1), date(2028, 12, 31)


@st.composite
def activiteit(draw, soorten=ACTIVITEIT_SOORTEN):
    start = draw(st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE))
    einde = draw(st.none() | st.integers(0, 400).map(lambda n: start + n * DAG))
    uren = draw(st.none() | st.integers(0, 20) | st.sampled_from([Decimal("6.5")]))
    return Activiteit(draw(st.sampled_from(soorten)), start, einde, uren)


activiteiten = st.lists(activiteit(), max_size=6)
banen = st.lists(activiteit(soorten=(BETAALD_WERK,)), max_size=6)
peildata = st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE)


@given(st.lists(activiteit(soorten=(BETAALD_WERK, OPLEIDING)), max_size=6), peildata)
def test_duurzaam_werk_matches_the_definition_read_day_by_day(activiteiten, op):
    assert duurzaam_werk_sinds(activiteiten, op=op) == duurzaam_per_dag(
        activiteiten, op
    )


@given(banen, activiteit(soorten=(BETAALD_WERK,)), peildata)
def test_an_extra_job_never_makes_duurzaam_werk_later(activiteiten, extra, op):
    zonder = duurzaam_werk_sinds(activiteiten, op=op)
    met = duurzaam_werk_sinds([*activiteiten, extra], op=op)
    if zonder is not None:
        assert met is not None and met <= zonder


@given(activiteiten, peildata)
def test_only_paid_work_counts_for_duurzaam_werk(activiteiten, op):
    alleen_werk = [a for a in activiteiten if a.soort == BETAALD_WERK]
    assert duurzaam_werk_sinds(activiteiten, op=op) == duurzaam_werk_sinds(
        alleen_werk, op=op
    )


@given(
    st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE),
    st.integers(1, 500),
    st.integers(1, 700),
    st.integers(12, 40),
)
def test_a_gap_day_always_resets_the_six_months(start, tot_gat, daarna, uren):
    gat = start + tot_gat * DAG
    einde = gat + daarna * DAG
    activiteiten = [werk(start, gat - DAG, uren), werk(gat + DAG, einde, uren)]
    voor_gat = periode_einde(start, maanden=6)
    na_gat = periode_einde(gat + DAG, maanden=6)
    verwacht = voor_gat if voor_gat < gat else (na_gat if na_gat <= einde else None)
    assert duurzaam_werk_sinds(activiteiten, op=einde) == verwacht


# --- Meedoen ---------------------------------------------------------------------


def test_meedoen_is_the_first_start_of_any_activity_by_op():
    activiteiten = [
        werk(date(2027, 5, 1)),
        Activiteit(VRIJWILLIGERSWERK, date(2026, 9, 1), date(2026, 10, 1)),
        Activiteit(OPLEIDING, date(2026, 11, 1), None, 4),
    ]
    assert meedoen_sinds(activiteiten, op=date(2028, 1, 1)) == date(2026, 9, 1)
    assert meedoen_sinds(activiteiten, op=date(2026, 9, 1)) == date(2026, 9, 1)
    assert meedoen_sinds(activiteiten, op=date(2026, 8, 31)) is None
    assert meedoen_sinds([], op=date(2028, 1, 1)) is None


@given(activiteiten, peildata)
def test_meedoen_is_no_later_than_any_started_activity(activiteiten, op):
    sinds = meedoen_sinds(activiteiten, op=op)
    gestart = [a.start for a in activiteiten if a.start <= op]
    if not gestart:
        assert sinds is None
    else:
        assert sinds in gestart
        assert all(sinds <= dag for dag in gestart)
        duurzaam = duurzaam_werk_sinds(activiteiten, op=op)
        assert duurzaam is None or sinds <= duurzaam
