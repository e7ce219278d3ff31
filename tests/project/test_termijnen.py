"""The one date module: periods by the month-end rule, statutory terms by the
Algemene termijnenwet, and the SQL twin of the month-end rule."""

import calendar
from datetime import date, timedelta

from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zevenaar_inburgering.termijnen import (
    PeriodeEinde,
    einde_na,
    feestdagen,
    is_rustdag,
    laatste_maanden_begin,
    maand_begin,
    maand_einde,
    maanden_later,
    maanden_tussen,
    paaszondag,
    periode_einde,
    termijnenwet,
    verlengd_einde,
    volle_maanden,
    wettelijke_termijn_einde,
)

D = date
dagen = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
aantallen = st.integers(min_value=1, max_value=60)


def _dagen_in(jaar: int, maand: int) -> int:
    return calendar.monthrange(jaar, maand)[1]


# --- The month-end rule (DOMAIN §13.1) ----------------------------------------------


@pytest.mark.parametrize(
    ("start", "maanden", "einde"),
    [
        # DOMAIN §13.1: a termijn of 3 years from 29 February ends on 28 February.
        (D(2028, 2, 29), 36, D(2031, 2, 28)),
        # DOMAIN §13.1: ontzorgen of 6 months (Pw art. 56a) from 31 August.
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        # DOMAIN §13.1: schakelen within 18 months, into a leap year's February.
        (D(2022, 8, 31), 18, D(2024, 2, 29)),
        # "Van datum tot datum": the day before the same-numbered day.
        (D(2025, 3, 15), 6, D(2025, 9, 14)),
        (D(2026, 4, 1), 6, D(2026, 9, 30)),
        (D(2026, 1, 1), 36, D(2028, 12, 31)),
        # The 30th into February: its last day, not the 27th (clamp-then-subtract).
        (D(2025, 8, 30), 6, D(2026, 2, 28)),
        (D(2027, 8, 30), 6, D(2028, 2, 29)),
        # The 29th of January, one month: February 2026 has no 29th.
        (D(2026, 1, 29), 1, D(2026, 2, 28)),
        (D(2026, 1, 28), 1, D(2026, 2, 27)),
        # The 31st into a 30-day month.
        (D(2026, 5, 31), 1, D(2026, 6, 30)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),
    ],
)
def test_periode_einde_examples(start, maanden, einde):
    assert periode_einde(start, maanden=maanden) == einde


def test_periode_in_years_is_the_same_as_in_twelve_months():
    assert periode_einde(D(2028, 2, 29), jaren=3) == D(2031, 2, 28)
    assert periode_einde(D(2026, 6, 1), jaren=2, maanden=6) == D(2028, 11, 30)


def test_a_period_lasts_at_least_a_month():
    with pytest.raises(ValueError):
        periode_einde(D(2026, 1, 1))


@given(dagen, aantallen)
def test_periode_einde_never_ends_before_it_starts(start, maanden):
    assert periode_einde(start, maanden=maanden) >= start


@given(dagen, aantallen)
def test_periode_einde_is_never_a_day_short_of_the_same_numbered_day(start, maanden):
    einde = periode_einde(start, maanden=maanden)
    doel = maanden_later(start, maanden)  # the target month
    if start.day <= _dagen_in(doel.year, doel.month):
        assert einde == D(doel.year, doel.month, start.day) - timedelta(days=1)
    else:
        assert einde == maand_einde(doel)  # the last day of a short month


@given(dagen, aantallen)
def test_periode_einde_is_one_or_more_days_before_the_next_same_numbered_day(
    start, maanden
):
    """The period never runs into the next month's same-numbered day, and a short
    target month never shortens it below its last day."""
    einde = periode_einde(start, maanden=maanden)
    volgende = maanden_later(start, maanden)
    assert einde <= volgende
    assert einde >= volgende - timedelta(days=1)


@given(dagen, dagen, aantallen)
def test_a_later_start_never_ends_earlier(a, b, maanden):
    eerste, tweede = sorted((a, b))
    assert periode_einde(eerste, maanden=maanden) <= periode_einde(
        tweede, maanden=maanden
    )


@given(dagen, aantallen)
def test_volle_maanden_counts_a_period_complete_on_its_last_day(start, maanden):
    einde = periode_einde(start, maanden=maanden)
    assert volle_maanden(start, einde) == maanden
    assert volle_maanden(start, einde - timedelta(days=1)) == maanden - 1


@pytest.mark.parametrize(
    ("van", "tot", "maanden"),
    [
        (D(2026, 1, 1), D(2025, 12, 31), 0),
        (D(2026, 1, 1), D(2026, 1, 30), 0),
        (D(2026, 1, 1), D(2026, 1, 31), 1),
        (D(2026, 1, 31), D(2026, 2, 27), 0),
        (D(2026, 1, 31), D(2026, 2, 28), 1),
        (D(2028, 1, 31), D(2028, 2, 29), 1),  # leap year
        (D(2026, 3, 6), D(2027, 11, 4), 19),
        (D(2026, 3, 6), D(2027, 11, 5), 20),
        (D(2028, 2, 29), D(2031, 2, 28), 36),
    ],
)
def test_volle_maanden_examples(van, tot, maanden):
    assert volle_maanden(van, tot) == maanden


def test_laatste_maanden_begin_is_where_the_last_months_of_a_period_start():
    # A termijn from 1 July 2027 ends on 30 June 2030; its last 6 months from 1 January.
    assert laatste_maanden_begin(D(2030, 6, 30), maanden=6) == D(2030, 1, 1)
    assert laatste_maanden_begin(D(2031, 2, 28), maanden=12) == D(2030, 3, 1)


@given(dagen, st.integers(min_value=1, max_value=24))
def test_the_last_months_of_a_period_end_on_its_last_day(einde, maanden):
    begin = laatste_maanden_begin(einde, maanden=maanden)
    assert begin <= einde
    if begin.day == (einde + timedelta(days=1)).day:  # not clamped
        assert periode_einde(begin, maanden=maanden) == einde


def test_verlengd_einde_runs_on_from_the_day_after():
    # DUO extends a termijn ending 28 February 2031 by 6 months: 31 August 2031,
    # not 28 August (the same day number six months on).
    assert verlengd_einde(D(2031, 2, 28), maanden=6) == D(2031, 8, 31)
    assert verlengd_einde(D(2029, 3, 5), maanden=6) == D(2029, 9, 5)


@given(dagen, st.integers(min_value=-60, max_value=60))
def test_maanden_later_keeps_the_day_or_takes_the_months_last(dag, maanden):
    later = maanden_later(dag, maanden)
    assert (later.year * 12 + later.month) - (dag.year * 12 + dag.month) == maanden
    assert later.day == min(dag.day, _dagen_in(later.year, later.month))


def test_calendar_months():
    assert maand_begin(D(2028, 2, 29)) == D(2028, 2, 1)
    assert maand_einde(D(2028, 2, 3)) == D(2028, 2, 29)
    assert maand_einde(D(2027, 2, 3)) == D(2027, 2, 28)
    assert maanden_tussen(D(2026, 11, 30), D(2027, 2, 1)) == [
        D(2026, 11, 1),
        D(2026, 12, 1),
        D(2027, 1, 1),
        D(2027, 2, 1),
    ]
    assert maanden_tussen(D(2027, 2, 1), D(2026, 11, 30)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("maanden", [1, 3, 6, 12, 18, 24, 36])
def test_the_sql_twin_agrees_with_periode_einde_on_every_day(maanden):
    """PeriodeEinde in PostgreSQL, for every day from 2020 through 2035."""
    query = Query(model=None)
    compiler = query.get_compiler(connection=connection)
    expressie = PeriodeEinde(RawSQL("d", ()), maanden=maanden).resolve_expression(query)
    sql, params = expressie.as_sql(compiler, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d::date, {sql} FROM generate_series("  # noqa: S608 (our SQL)
            "'2020-01-01'::date, '2035-12-31'::date, '1 day') AS d",
            params,
        )
        rijen = cursor.fetchall()
    assert len(rijen) == 5844
    fout = [
        (start, einde)
        for start, einde in rijen
        if einde != periode_einde(start, maanden=maanden)
    ]
    assert fout == []


# --- The Algemene termijnenwet (DOMAIN §13.2) ----------------------------------------


@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)),
     (2027, D(2027, 3, 28)), (2028, D(2028, 4, 16)), (2035, D(2035, 3, 25))],
)  # fmt: skip
def test_paaszondag(jaar, pasen):
    assert paaszondag(jaar) == pasen


def test_feestdagen_of_2026():
    """Algemene termijnenwet art. 3 lid 1 and 2 (Goede Vrijdag), and the Besluit
    gelijkstelling for 2026-2028 (2 January and 15 May 2026)."""
    assert feestdagen(2026) == {
        D(2026, 1, 1),  # Nieuwjaarsdag
        D(2026, 1, 2),  # gelijkgesteld (the Friday after Nieuwjaarsdag)
        D(2026, 4, 3),  # Goede Vrijdag
        D(2026, 4, 6),  # Tweede Paasdag
        D(2026, 4, 27),  # Koningsdag
        D(2026, 5, 5),  # 5 mei
        D(2026, 5, 14),  # Hemelvaartsdag
        D(2026, 5, 15),  # gelijkgesteld (the Friday after Hemelvaartsdag)
        D(2026, 5, 25),  # Tweede Pinksterdag
        D(2026, 12, 25),  # Eerste Kerstdag
        D(2026, 12, 26),  # Tweede Kerstdag
    }


def test_koningsdag_moves_to_the_26th_when_the_27th_is_a_sunday():
    assert D(2025, 4, 26) in feestdagen(2025)
    assert D(2025, 4, 27) not in feestdagen(2025)
    assert D(2031, 4, 26) in feestdagen(2031)
    assert D(2027, 4, 27) in feestdagen(2027)


@pytest.mark.parametrize(
    ("verzonden", "laatste_dag"),
    [
        # Awb 6:7/6:8: six weeks from the day after; a Tuesday ends on a Tuesday.
        (D(2026, 12, 22), D(2027, 2, 2)),
        # Ends on Friday 25 December 2026 (Kerst), then the weekend: Monday the 28th.
        (D(2026, 11, 13), D(2026, 12, 28)),
        # Ends on Saturday 6 March 2027: Monday 8 March (Atw art. 1).
        (D(2027, 1, 23), D(2027, 3, 8)),
        # Ends on Goede Vrijdag 14 April 2028: after Easter Monday, Tuesday the 18th.
        (D(2028, 3, 3), D(2028, 4, 18)),
        # Ends on Hemelvaartsdag 6 May 2027, the 7th is gelijkgesteld: Monday 10 May.
        (D(2027, 3, 25), D(2027, 5, 10)),
        # Ends on Sunday 5 May 2030 (5 mei on a Sunday): Monday 6 May.
        (D(2030, 3, 24), D(2030, 5, 6)),
        # Ends on Saturday 26 April 2031 (Koningsdag moved from Sunday): Monday 28.
        (D(2031, 3, 15), D(2031, 4, 28)),
    ],
)
def test_bezwaartermijn_examples(verzonden, laatste_dag):
    assert wettelijke_termijn_einde(verzonden, weken=6) == laatste_dag


def test_a_short_term_holds_two_working_days():
    """Atw art. 2: a term of three days or more holds at least two days that are no
    Saturday, Sunday or feestdag. Goede Vrijdag 3 April 2026 through Sunday the 5th
    runs, by art. 1, past Easter Monday to Tuesday the 7th, the only working day in
    it; art. 2 adds Wednesday the 8th."""
    assert termijnenwet(D(2026, 4, 3), D(2026, 4, 5)) == D(2026, 4, 8)
    # Two days only: art. 2 does not apply, art. 1 alone gives Tuesday the 7th.
    assert termijnenwet(D(2026, 4, 3), D(2026, 4, 4)) == D(2026, 4, 7)


@given(dagen, st.integers(min_value=1, max_value=26))
def test_a_statutory_term_never_ends_on_a_rest_day_or_before_the_plain_end(dag, weken):
    einde = wettelijke_termijn_einde(dag, weken=weken)
    gewoon = einde_na(dag, weken=weken)
    assert einde.weekday() < 5
    assert einde not in feestdagen(einde.year)
    assert einde >= gewoon
    # Extended only across rest days: it ends on the first working day.
    assert all(
        is_rustdag(gewoon + timedelta(days=n)) for n in range((einde - gewoon).days)
    )


@given(dagen, st.integers(min_value=1, max_value=36))
def test_a_statutory_term_in_months_follows_the_month_end_rule(dag, maanden):
    gewoon = einde_na(dag, maanden=maanden)
    assert gewoon == periode_einde(dag + timedelta(days=1), maanden=maanden)
    assert wettelijke_termijn_einde(dag, maanden=maanden) >= gewoon


def test_a_term_is_in_weeks_or_in_months():
    with pytest.raises(ValueError):
        einde_na(D(2026, 1, 1))
    with pytest.raises(ValueError):
        einde_na(D(2026, 1, 1), weken=1, maanden=1)
