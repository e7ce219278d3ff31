"""The betalingsoverzicht of ontzorgen: per month of the period and per fixed cost,
what was due against what RSD paid. Pure: the caller passes the loaded rows and the
page's day.

Only a month that has begun on that day can be in arrears ("nog open"); what is due
in later months of the period is "nog te betalen" (issue 19: "Nog open: € 4.340,00"
and "5 maanden open" counted future months, which a klantmanager read as arrears)."""

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
    "toekomst": "Nog te betalen",
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
    # The month begins after the page's day: what is due then is not yet arrears.
    toekomstig: bool = False

    @property
    def status(self) -> str:
        if self.betaald is not None:
            if not self.verschuldigd:
                return "extra"
            if self.bedrag is not None and self.betaald < self.bedrag:
                return "deels"
            return "betaald"
        if not self.verschuldigd:
            return ""
        return "toekomst" if self.toekomstig else "open"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def onbetaald(self) -> Decimal:
        """What is due and not (fully) paid, in whatever month."""
        if not self.verschuldigd or self.bedrag is None:
            return Decimal(0)
        return max(self.bedrag - (self.betaald or 0), Decimal(0))

    @property
    def nog_open(self) -> Decimal:
        """The arrears: what is unpaid of a month that has begun."""
        return Decimal(0) if self.toekomstig else self.onbetaald

    @property
    def achterstand(self) -> bool:
        """Due in a month that has begun and not (fully) paid."""
        return not self.toekomstig and self.status in ("open", "deels")

    @property
    def later_te_betalen(self) -> bool:
        """Due in a later month and not (fully) paid in advance."""
        return self.toekomstig and self.status in ("toekomst", "deels")


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
    # Months that have begun with the cost unpaid or partly paid (arrears).
    open_maanden: int
    # Later months of the period in which the cost is still to be paid.
    toekomstige_maanden: int


@dataclass(frozen=True)
class Betalingsoverzicht:
    lasten: tuple
    maanden: tuple[Maandregel, ...]
    per_last: tuple[Lasttotaal, ...]
    verschuldigd: Decimal
    betaald: Decimal
    # Unpaid of the months that have begun (arrears) / of the later months.
    nog_open: Decimal
    nog_te_betalen: Decimal
    # A cost is due in some month but its amount is not known yet.
    bedragen_onbekend: bool


def betalingsoverzicht(
    *,
    startdatum: date,
    einddatum: date,
    lasten: Sequence[LastLike],
    betalingen: Iterable[BetalingLike],
    vandaag: date,
) -> Betalingsoverzicht:
    """Due against paid, per month of the period and per fixed cost, on `vandaag`
    (the page's day): a month that begins after it is "toekomstig", its unpaid costs
    are "nog te betalen", not "nog open".

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
                # `maand` is the month's first day.
                toekomstig=maand > vandaag,
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
            open_maanden=sum(1 for c in kolom if c.achterstand),
            toekomstige_maanden=sum(1 for c in kolom if c.later_te_betalen),
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
        nog_te_betalen=sum(
            (c.onbetaald for c in alle_cellen if c.toekomstig), Decimal(0)
        ),
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
