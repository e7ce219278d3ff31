"""Dutch dates, numbers and amounts in texts that are not templates (timeline
entries, messages, findings, report headings, letters' context), whatever locale the
caller (a view, a Celery worker, a test) has active: the one place for them. Templates
use Django's own date and floatformat filters."""

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

MAANDNAMEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum_tekst(dag: date) -> str:
    """5 maart 2026."""
    return f"{dag.day} {MAANDNAMEN[dag.month - 1]} {dag.year}"


def maand_tekst(maand: date) -> str:
    """maart 2026."""
    return f"{MAANDNAMEN[maand.month - 1]} {maand.year}"


def euro(bedrag: Decimal | int) -> str:
    """€ 1.250,00: Dutch separators."""
    tekst = f"{Decimal(bedrag):,.2f}".replace(",", " ").replace(".", ",")
    return f"€ {tekst.replace(' ', '.')}"


def getal(
    waarde: Decimal | float | int | str,
    *,
    decimalen: int | None = None,
    afkappen: bool = False,
) -> str:
    """1.234,5: Dutch separators, without trailing zeros (12,50 reads 12,5; 3,0 reads
    3). `decimalen`: at most this many decimals, rounded half to even (as Python's
    own format rounds), or cut with `afkappen`."""
    d = Decimal(str(waarde))
    if decimalen is not None:
        d = d.quantize(
            Decimal(1).scaleb(-decimalen),
            rounding=ROUND_DOWN if afkappen else ROUND_HALF_EVEN,
        )
    tekst = f"{d.normalize():,f}".replace(",", " ").replace(".", ",")
    return tekst.replace(" ", ".")
