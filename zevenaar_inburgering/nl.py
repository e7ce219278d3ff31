"""Dutch dates and amounts in texts that are not templates (timeline entries,
messages, letters' context), whatever locale the caller (a view, a Celery worker, a
test) has active. Templates use Django's own date and floatformat filters."""

from datetime import date
from decimal import Decimal

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
