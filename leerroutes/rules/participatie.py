"""Participation: duurzaam werk and meedoen, from the activities."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from zevenaar_inburgering.termijnen import (
    periode_einde,
)

from .waarden import ACTIVITEIT_SOORTEN, BETAALD_WERK, Uren, _decimal

# Duurzaam werk: the seed's definition [U], not a legal one.
DUURZAAM_WERK_MIN_UREN_PER_WEEK = 12
DUURZAAM_WERK_MIN_MAANDEN = 6


@dataclass(frozen=True)
class Activiteit:
    """A participation activity. `einde` is the last day (inclusive); None means it
    is still going on. `uren_per_week` may be unknown (None) for unpaid activities.
    """

    soort: str
    start: date
    einde: date | None = None
    uren_per_week: Uren | None = None

    def __post_init__(self) -> None:
        if self.soort not in ACTIVITEIT_SOORTEN:
            raise ValueError(f"Onbekende soort activiteit: {self.soort!r}")
        if self.einde is not None and self.einde < self.start:
            raise ValueError("Het einde ligt voor de start.")
        if self.uren_per_week is not None and self.uren_per_week < 0:
            raise ValueError("Uren per week kunnen niet negatief zijn.")


def duurzaam_werk_sinds(
    activiteiten: Iterable[Activiteit],
    *,
    op: date,
    min_uren_per_week: Uren = DUURZAAM_WERK_MIN_UREN_PER_WEEK,
    min_maanden: int = DUURZAAM_WERK_MIN_MAANDEN,
) -> date | None:
    """The day duurzaam werk was first reached, up to and including `op`, or None.

    Duurzaam werk is the seed's definition [U] (no legal one was found): paid work
    of at least `min_uren_per_week` hours a week (12) for at least `min_maanden`
    consecutive months (6). Jobs at the same time add their hours; any day without
    enough paid work is a gap that starts the count again; an activity without an
    end runs until `op`, and nothing after `op` counts.

    The day returned is the last day of the first unbroken run of `min_maanden`
    months, by the month-end rule (`periode_einde`, DOMAIN §13.1).
    """
    if min_uren_per_week <= 0 or min_maanden < 1:
        raise ValueError("Duurzaam werk vraagt een positief aantal uren en maanden.")
    drempel = _decimal(min_uren_per_week)
    banen = [
        (a.start, min(a.einde or op, op), _decimal(a.uren_per_week))
        for a in activiteiten
        if a.soort == BETAALD_WERK and a.start <= op
    ]
    grenzen = sorted(
        {start for start, _, _ in banen}
        | {einde + timedelta(days=1) for _, einde, _ in banen}
    )
    reeks_start: date | None = None
    # Between two neighbouring bounds the hours are the same every day.
    for van, tot in pairwise(grenzen):
        uren = sum(
            (u for start, einde, u in banen if start <= van <= einde), start=Decimal(0)
        )
        if uren < drempel:
            reeks_start = None
            continue
        if reeks_start is None:
            reeks_start = van
        voltooid = periode_einde(reeks_start, maanden=min_maanden)
        if voltooid < tot:
            return voltooid
    return None


def meedoen_sinds(activiteiten: Iterable[Activiteit], *, op: date) -> date | None:
    """The day the inburgeraar first took part in anything — paid work,
    volunteering, an internship, education or training, or another activity — that
    had started by `op`; None if nothing had. Meedoen is a policy goal of the
    quarterly report, not a legal term [U]."""
    return min((a.start for a in activiteiten if a.start <= op), default=None)
