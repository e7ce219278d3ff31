"""Pure date rules of the dossier: no ORM, no clock of their own (today is passed in).

Each names its legal source. [S] means the source was seen only in a secondary text
(see DOMAIN.md); such rules are the first a jurist checks.
"""

from datetime import date, timedelta
from enum import StrEnum

PIP_TERMIJN = timedelta(weeks=10)
UITSTEL_NA_ONTVANGST = timedelta(weeks=2)
WAARSCHUWING_4_WEKEN = timedelta(weeks=4)
WAARSCHUWING_2_WEKEN = timedelta(weeks=2)


def pip_start(
    *, kennisgeving: date | None, brp_inschrijving: date | None
) -> date | None:
    """The day the 10-week PIP clock starts: the later of DUO's kennisgeving and the
    inschrijving in the BRP of the gemeente (Besluit inburgering 2021 art. 5.3 [S];
    DOMAIN.md §3.2). Unknown until both dates are known."""
    if kennisgeving is None or brp_inschrijving is None:
        return None
    return max(kennisgeving, brp_inschrijving)


def pip_deadline(
    *,
    kennisgeving: date | None,
    brp_inschrijving: date | None,
    uitstel_sinds: date | None = None,
    informatie_ontvangen: date | None = None,
) -> date | None:
    """The last day on which the college must vaststellen the PIP.

    Besluit inburgering 2021 art. 5.3 [S]: within 10 weeks after the DUO
    kennisgeving, or after the BRP inschrijving when that came later. The term can
    be extended only while the college waits for information from third parties,
    and then until at most 2 weeks after that information arrived.

    Returns None when the clock has not started (a date is missing) or while the
    term is suspended (waiting for information that has not arrived).
    """
    start = pip_start(kennisgeving=kennisgeving, brp_inschrijving=brp_inschrijving)
    if start is None:
        return None
    deadline = start + PIP_TERMIJN
    if uitstel_sinds is not None:
        if informatie_ontvangen is None:
            return None
        deadline = max(deadline, informatie_ontvangen + UITSTEL_NA_ONTVANGST)
    return deadline


class DeadlineStatus(StrEnum):
    VASTGESTELD = "vastgesteld"
    OPGESCHORT = "opgeschort"
    ONBEKEND = "onbekend"
    OP_TIJD = "op_tijd"
    MINDER_DAN_4_WEKEN = "minder_dan_4_weken"
    MINDER_DAN_2_WEKEN = "minder_dan_2_weken"
    TE_LAAT = "te_laat"

    @property
    def label(self) -> str:
        return DEADLINE_STATUS_LABELS[self]


DEADLINE_STATUS_LABELS = {
    DeadlineStatus.VASTGESTELD: "PIP vastgesteld",
    DeadlineStatus.OPGESCHORT: "Opgeschort (wacht op informatie)",
    DeadlineStatus.ONBEKEND: "Nog geen deadline",
    DeadlineStatus.OP_TIJD: "Op tijd",
    DeadlineStatus.MINDER_DAN_4_WEKEN: "Minder dan 4 weken",
    DeadlineStatus.MINDER_DAN_2_WEKEN: "Minder dan 2 weken",
    DeadlineStatus.TE_LAAT: "Te laat",
}


def deadline_status(
    *,
    deadline: date | None,
    today: date,
    vastgesteld_op: date | None = None,
    opgeschort: bool = False,
) -> DeadlineStatus:
    """How urgent the PIP is, for the werkvoorraad and the dossier."""
    if vastgesteld_op is not None:
        return DeadlineStatus.VASTGESTELD
    if opgeschort:
        return DeadlineStatus.OPGESCHORT
    if deadline is None:
        return DeadlineStatus.ONBEKEND
    if today > deadline:
        return DeadlineStatus.TE_LAAT
    if deadline - today < WAARSCHUWING_2_WEKEN:
        return DeadlineStatus.MINDER_DAN_2_WEKEN
    if deadline - today < WAARSCHUWING_4_WEKEN:
        return DeadlineStatus.MINDER_DAN_4_WEKEN
    return DeadlineStatus.OP_TIJD


def leeftijd(geboortedatum: date, op: date) -> int:
    """Age in whole years on a day (a birthday on 29 February counts on 1 March)."""
    years = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        years -= 1
    return years
