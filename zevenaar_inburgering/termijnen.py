"""The one home for date arithmetic: calendar months, periods and statutory terms.

Pure functions: no ORM queries and no clock (every "today" is passed in). Every rule
that computes a date goes through this module, so a legal date is computed the same
way everywhere. The sources are in `../shared/DOMAIN.md` §13.1-13.2:

- **Periods in months and years** (`periode_einde`): a period of N months that starts
  on day D ends on the day before the same-numbered day N months later; when the
  target month has no such day, it ends on the last day of the target month
  [S: Reg. (EEG, Euratom) 1182/71 art. 3 lid 2 onder c; the Dutch "van datum tot
  datum" practice]. "Clamp to the month's end, then subtract a day" ends 1-3 days
  early and is wrong.
- **Statutory terms** (`wettelijke_termijn_einde`): a term that starts the day after
  an event (Awb art. 6:8) and that ends on a Saturday, Sunday or algemeen erkende
  feestdag runs to the next day that is none of these (Algemene termijnenwet art. 1);
  a term of at least three days holds at least two such days (art. 2) [A].

`PeriodeEinde` is the same month-end rule as a SQL expression, for set-based queries
over a date column; a test holds the two equal.
"""

import calendar
import functools
from datetime import date, timedelta

from django.db.models import DateField, Func

EEN_DAG = timedelta(days=1)


# --- Calendar months -------------------------------------------------------------------


def maand_begin(dag: date) -> date:
    """The first day of the month of `dag`."""
    return dag.replace(day=1)


def maand_einde(dag: date) -> date:
    """The last day of the month of `dag`."""
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def week_einde(dag: date) -> date:
    """The Sunday of the week of `dag` (weeks run Monday to Sunday, as in NL)."""
    return dag + timedelta(days=6 - dag.weekday())


def _maandnummer(dag: date) -> int:
    return dag.year * 12 + dag.month - 1


def maanden_verschil(van: date, tot: date) -> int:
    """Calendar months from `van`'s month to `tot`'s month (negative when earlier),
    whatever the days: 31 January to 1 February is 1."""
    return _maandnummer(tot) - _maandnummer(van)


def maanden_tussen(van: date, tot: date) -> list[date]:
    """The first day of every month from `van`'s month through `tot`'s month (empty
    when `tot` lies in an earlier month)."""
    return [
        date(n // 12, n % 12 + 1, 1)
        for n in range(_maandnummer(van), _maandnummer(tot) + 1)
    ]


def maanden_later(dag: date, maanden: int) -> date:
    """The same-numbered day `maanden` months later (earlier when negative); a day the
    target month lacks becomes its last day (31 March minus one month: 28 or 29
    February). A calendar step, not the end of a period: for that, `periode_einde`."""
    n = _maandnummer(dag) + maanden
    jaar, maand = n // 12, n % 12 + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


# --- Periods in months and years (DOMAIN §13.1) -------------------------------------


def periode_einde(start: date, *, maanden: int = 0, jaren: int = 0) -> date:
    """The last day of a period of `maanden` months plus `jaren` years that starts on
    `start` (the month-end rule, DOMAIN §13.1).

    The day before the same-numbered day in the target month; when the target month
    has no such day, the last day of the target month. 15 March + 6 months ends on
    14 September; 31 August 2025 + 6 months on 28 February 2026; 29 February 2028 +
    3 years on 28 February 2031; 31 August 2022 + 18 months on 29 February 2024.
    """
    aantal = maanden + 12 * jaren
    if aantal < 1:
        raise ValueError("Een periode duurt minstens één maand.")
    doel = maanden_later(start, aantal)
    if doel.day != start.day:  # the target month has no such day
        return doel
    return doel - EEN_DAG


def volle_maanden(van: date, tot: date) -> int:
    """How many whole months of a period that starts on `van` have passed by the end
    of `tot`: the largest N whose period (`periode_einde`) ends on or before `tot`;
    0 when not even one has."""
    if tot < van:
        return 0
    aantal = maanden_verschil(van, tot) + 1
    while aantal > 0 and periode_einde(van, maanden=aantal) > tot:
        aantal -= 1
    return aantal


def laatste_maanden_begin(einde: date, *, maanden: int) -> date:
    """The first day of the last `maanden` months of a period that ends on `einde`:
    the same-numbered day `maanden` months before the day after the end (a termijn
    ending on 30 June 2030 is in its last 6 months from 1 January 2030)."""
    return maanden_later(einde + EEN_DAG, -maanden)


def verlengd_einde(einde: date, *, maanden: int) -> date:
    """The new last day of a period that ended on `einde` and runs on for `maanden`
    more months: a new period from the day after, by the month-end rule (a termijn
    ending on 28 February 2031 and extended by 6 months ends on 31 August 2031)."""
    return periode_einde(einde + EEN_DAG, maanden=maanden)


class PeriodeEinde(Func):
    """`periode_einde(column, maanden=N)` in PostgreSQL, for set-based queries.

    `column + N months` clamps to the end of a shorter month, like `maanden_later`;
    when the day of the month survived, the period ends the day before."""

    output_field = DateField()
    template = (
        "(CASE WHEN EXTRACT(DAY FROM (%(expressions)s + make_interval(months => "
        "%(maanden)s))) = EXTRACT(DAY FROM %(expressions)s) "
        "THEN (%(expressions)s + make_interval(months => %(maanden)s))::date - 1 "
        "ELSE (%(expressions)s + make_interval(months => %(maanden)s))::date END)"
    )

    def __init__(self, expression, *, maanden: int = 0, jaren: int = 0):
        aantal = int(maanden) + 12 * int(jaren)
        if aantal < 1:
            raise ValueError("Een periode duurt minstens één maand.")
        super().__init__(expression, maanden=aantal)


# --- Statutory terms (DOMAIN §13.2) ------------------------------------------------

# Days the Crown declared equal to an algemeen erkende feestdag (Algemene
# termijnenwet art. 3 lid 3), one Besluit gelijkstelling for about three years at a
# time, published in the Staatscourant [S: the titles of the Besluiten of 2023-2025
# and 2026-2028]. Add the days of the next Besluit when it is published.
GELIJKGESTELDE_DAGEN = frozenset(
    {
        date(2023, 4, 28),
        date(2023, 5, 19),
        date(2024, 5, 10),
        date(2024, 12, 27),
        date(2025, 5, 30),
        date(2026, 1, 2),
        date(2026, 5, 15),
        date(2027, 5, 7),
        date(2028, 4, 28),
        date(2028, 5, 26),
    }
)


def paaszondag(jaar: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm of
    Meeus, Jones and Butcher)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


@functools.cache
def feestdagen(jaar: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of `jaar` in the sense of the Algemene
    termijnenwet art. 3: Nieuwjaarsdag, Goede Vrijdag (lid 2), Tweede Paasdag,
    Koningsdag (27 April, or 26 April when the 27th is a Sunday; Wet van 2013 on the
    Koningsdag), 5 mei, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede
    Kerstdag, and the days declared equal to them (lid 3, `GELIJKGESTELDE_DAGEN`).
    Valid from 2014, the first Koningsdag."""
    pasen = paaszondag(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == calendar.SUNDAY:
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen - timedelta(days=2),
            pasen + timedelta(days=1),
            koningsdag,
            date(jaar, 5, 5),
            pasen + timedelta(days=39),
            pasen + timedelta(days=50),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
        | {dag for dag in GELIJKGESTELDE_DAGEN if dag.year == jaar}
    )


def is_rustdag(dag: date) -> bool:
    """A Saturday, a Sunday or an algemeen erkende feestdag (Algemene termijnenwet)."""
    return dag.weekday() >= calendar.SATURDAY or dag in feestdagen(dag.year)


def einde_na(dag: date, *, weken: int = 0, maanden: int = 0) -> date:
    """The plain last day of a term of `weken` weeks or `maanden` months that starts
    on the day after `dag` (Awb art. 6:8: "binnen zes weken na de bekendmaking" ends
    on the same weekday six weeks later)."""
    if (weken > 0) == (maanden > 0):
        raise ValueError("Geef een termijn in weken of in maanden.")
    if weken:
        return dag + timedelta(weeks=weken)
    return periode_einde(dag + EEN_DAG, maanden=maanden)


def _eerste_werkdag_vanaf(dag: date) -> date:
    while is_rustdag(dag):
        dag += EEN_DAG
    return dag


def termijnenwet(start: date, einde: date) -> date:
    """The last day of a statutory term from `start` through `einde` under the
    Algemene termijnenwet: a term ending on a rest day (`is_rustdag`) runs to the
    next day that is none (art. 1 lid 1); a term of at least three days holds at
    least two days that are no rest day (art. 2)."""
    ten_minste_drie_dagen = (einde - start).days >= 2
    einde = _eerste_werkdag_vanaf(einde)
    if ten_minste_drie_dagen:
        while _werkdagen(start, einde) < 2:
            einde = _eerste_werkdag_vanaf(einde + EEN_DAG)
    return einde


def _werkdagen(start: date, einde: date) -> int:
    dagen = (start + timedelta(days=n) for n in range((einde - start).days + 1))
    return sum(not is_rustdag(dag) for dag in dagen)


def wettelijke_termijn_einde(dag: date, *, weken: int = 0, maanden: int = 0) -> date:
    """The last day of a statutory term that starts on the day after `dag`
    (`einde_na`), extended by the Algemene termijnenwet (`termijnenwet`). The
    bezwaartermijn of a beschikking sent on `dag` is `weken=6` (Awb art. 6:7)."""
    return termijnenwet(dag + EEN_DAG, einde_na(dag, weken=weken, maanden=maanden))
