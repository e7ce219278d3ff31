"""The betalingsoverzicht of ontzorgen: per month of the period and per fixed cost,
what was due against what RSD paid. Pure: the caller passes the loaded rows."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from zevenaar_inburgering.termijnen import maand_begin, maanden_tussen

from .rules import is_verschuldigd


class LastLike(Protocol):
    pk: Any
    bedrag: Decimal | None
    frequentie: str
    vanaf: date | None
    tot: date | None


class BetalingLike(Protocol):
    vaste_last_id: Any
    maand: date
    bedrag: Decimal
    betaald_op: date


STATUS_LABELS = {
    "betaald": "Betaald",
    "deels": "Deels betaald",
    "open": "Nog niet betaald",
    "extra": "Betaald, niet verschuldigd",
    "": "Niet verschuldigd",
}


@dataclass(frozen=True)
class Cel:
    """One fixed cost in one month: what was due and what was paid."""

    verschuldigd: bool
    bedrag: Decimal | None  # the amount due; None when not due or not known yet
    betaald: Decimal | None
    betaald_op: date | None = None

    @property
    def status(self) -> str:
        if self.betaald is not None:
            if not self.verschuldigd:
                return "extra"
            if self.bedrag is not None and self.betaald < self.bedrag:
                return "deels"
            return "betaald"
        return "open" if self.verschuldigd else ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def nog_open(self) -> Decimal:
        if not self.verschuldigd or self.bedrag is None:
            return Decimal(0)
        return max(self.bedrag - (self.betaald or 0), Decimal(0))


@dataclass(frozen=True)
class Maandregel:
    maand: date
    cellen: tuple[Cel, ...]
    verschuldigd: Decimal
    betaald: Decimal


@dataclass(frozen=True)
class Lasttotaal:
    last: Any
    verschuldigd: Decimal
    betaald: Decimal
    open_maanden: int


@dataclass(frozen=True)
class Betalingsoverzicht:
    lasten: tuple
    maanden: tuple[Maandregel, ...]
    per_last: tuple[Lasttotaal, ...]
    verschuldigd: Decimal
    betaald: Decimal
    nog_open: Decimal
    # A cost is due in some month but its amount is not known yet.
    bedragen_onbekend: bool


def betalingsoverzicht(
    *,
    startdatum: date,
    einddatum: date,
    lasten: Sequence[LastLike],
    betalingen: Iterable[BetalingLike],
) -> Betalingsoverzicht:
    """Due against paid, per month of the period and per fixed cost.

    A cost is due from the later of the period's first month and its `vanaf` month
    to the earlier of the period's last month and its `tot` month, at its
    frequentie (`is_verschuldigd`). One payment per cost and month (the model's
    unique constraint); payments outside the period are not shown."""
    betaald = {(b.vaste_last_id, b.maand): b for b in betalingen}
    periode = maanden_tussen(startdatum, einddatum)
    grenzen = []
    for last in lasten:
        eerste = max(periode[0], maand_begin(last.vanaf or periode[0]))
        laatste = min(periode[-1], maand_begin(last.tot or periode[-1]))
        grenzen.append((eerste, laatste))

    regels, kolommen = [], [[] for _ in lasten]
    for maand in periode:
        cellen = []
        for i, last in enumerate(lasten):
            eerste, laatste = grenzen[i]
            verschuldigd = is_verschuldigd(
                frequentie=last.frequentie,
                maand=maand,
                eerste_maand=eerste,
                laatste_maand=laatste,
            )
            betaling = betaald.get((last.pk, maand))
            cel = Cel(
                verschuldigd=verschuldigd,
                bedrag=last.bedrag if verschuldigd else None,
                betaald=betaling.bedrag if betaling else None,
                betaald_op=betaling.betaald_op if betaling else None,
            )
            cellen.append(cel)
            kolommen[i].append(cel)
        regels.append(
            Maandregel(
                maand=maand,
                cellen=tuple(cellen),
                verschuldigd=sum((c.bedrag or 0 for c in cellen), Decimal(0)),
                betaald=sum((c.betaald or 0 for c in cellen), Decimal(0)),
            )
        )
    per_last = tuple(
        Lasttotaal(
            last=last,
            verschuldigd=sum((c.bedrag or 0 for c in kolom), Decimal(0)),
            betaald=sum((c.betaald or 0 for c in kolom), Decimal(0)),
            open_maanden=sum(1 for c in kolom if c.status in ("open", "deels")),
        )
        for last, kolom in zip(lasten, kolommen, strict=True)
    )
    alle_cellen = [c for kolom in kolommen for c in kolom]
    return Betalingsoverzicht(
        lasten=tuple(lasten),
        maanden=tuple(regels),
        per_last=per_last,
        verschuldigd=sum((t.verschuldigd for t in per_last), Decimal(0)),
        betaald=sum((t.betaald for t in per_last), Decimal(0)),
        nog_open=sum((c.nog_open for c in alle_cellen), Decimal(0)),
        bedragen_onbekend=any(c.verschuldigd and c.bedrag is None for c in alle_cellen),
    )


def eerste_open_maand(overzicht: Betalingsoverzicht, *, tot_en_met: date) -> date:
    """The month the payment form offers: the first month of the period up to
    `tot_en_met` (this month) in which a cost is due and not paid; when all are
    paid, the month after the last one with a payment (never past the period). So
    the form never opens on a month already paid."""
    for regel in overzicht.maanden:
        if regel.maand > tot_en_met:
            break
        if any(cel.status == "open" for cel in regel.cellen):
            return regel.maand
    betaald = [r.maand for r in overzicht.maanden if r.betaald]
    maanden = [r.maand for r in overzicht.maanden]
    if not betaald:
        return maanden[0]
    return next((m for m in maanden if m > betaald[-1]), maanden[-1])
