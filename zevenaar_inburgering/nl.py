"""Dutch dates, numbers and amounts in texts that are not templates (timeline
entries, messages, findings, report headings, letters' context), whatever locale the
caller (a view, a Celery worker, a test) has active: the one place for them. Templates
use Django's own date and floatformat filters, and `{% load nl %}` for the
filter kleine_letter (registered in settings.TEMPLATES)."""

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

from django import template

register = template.Library()

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


def opsomming(delen: Iterable[str]) -> str:
    """ "a", "a en b", "a, b en c": a Dutch list, with "en" before the last item."""
    delen = list(delen)
    if len(delen) < 2:
        return "".join(delen)
    return f"{', '.join(delen[:-1])} en {delen[-1]}"


def ontbreekt(delen: Iterable[str]) -> str:
    """ "datum ontbreekt", "datum en uitkomst ontbreken": the list and the verb
    agreeing with it."""
    delen = list(delen)
    return f"{opsomming(delen)} {'ontbreekt' if len(delen) == 1 else 'ontbreken'}"


def kleine_beginletter(tekst: str) -> str:
    """A label in the middle of a sentence: "Eerste PIP" reads "eerste PIP".

    Only the first letter goes lower case, and not when the first word is an
    abbreviation ("PIP in concept", "DUO-signaal", "B1"): lower-casing the whole
    label (the |lower filter) turned "PIP" into "pip" and "DUO" into "duo"."""
    eerste_woord = tekst.split(" ", 1)[0].split("-", 1)[0]
    if not tekst or sum(c.isupper() or c.isdigit() for c in eerste_woord) > 1:
        return tekst
    return tekst[0].lower() + tekst[1:]


@register.filter
def kleine_letter(tekst) -> str:
    """{{ pip.get_reden_display|kleine_letter }}: see kleine_beginletter."""
    return kleine_beginletter(str(tekst))
