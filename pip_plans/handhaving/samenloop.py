"""Samenloop (DOMAIN.md §7.3): a maatregel and a handhavingszaak (not afgezien) of the
same person whose dates lie within `samenloop_venster_dagen` of each other.

`samenloop()` gives the pairs for one dossier; for many dossiers at once
pip_plans.selectors.met_aandacht annotates `heeft_samenloop` (one Exists, the definition
of HandhavingszaakQuerySet.met_samenloop). The RSD klantmanager gets only
`samenloop_voor_rsd()`: the maatregel and the casusregisseur, never the zaak.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from intake.models import Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.parameters.models import geheel

from ..models import HandhavingStatus, Handhavingszaak, Maatregel
from .rules import in_samenloop


@dataclass(frozen=True)
class Samenloop:
    """A handhavingszaak and a maatregel about (probably) the same gedraging. For the
    casusregisseur only: it holds the zaak."""

    zaak: Handhavingszaak
    maatregel: Maatregel

    @property
    def dagen(self) -> int:
        return abs((self.zaak.datum_overtreding - self.maatregel.datum_gedraging).days)


@dataclass(frozen=True)
class RsdSamenloop:
    """What the RSD klantmanager may know of a samenloop: their own maatregel and
    whom to consult. Nothing of the handhavingszaak (DESIGN.md §1)."""

    maatregel: Maatregel
    casusregisseur: User | None


def samenloop_venster(op: date | None = None) -> int:
    return geheel("samenloop_venster_dagen", op or timezone.localdate())


def samenloop_uit(
    zaken: Iterable[Handhavingszaak], maatregelen: Iterable[Maatregel], venster: int
) -> list[Samenloop]:
    """The pairs in samenloop among loaded rows (no query): a zaak that is not
    afgezien and a maatregel within `venster` days."""
    maatregelen = list(maatregelen)
    return [
        Samenloop(zaak=zaak, maatregel=maatregel)
        for zaak in zaken
        if zaak.status != HandhavingStatus.AFGEZIEN
        for maatregel in maatregelen
        if zaak.inburgeraar_id == maatregel.inburgeraar_id
        and in_samenloop(zaak.datum_overtreding, maatregel.datum_gedraging, venster)
    ]


def samenloop(inburgeraar: Inburgeraar, *, op: date | None = None) -> list[Samenloop]:
    """The (zaak, maatregel) pairs in samenloop for one person; three queries. The
    caller has fetched `inburgeraar` through visible_to and is a dossier role."""
    return samenloop_uit(
        Handhavingszaak.objects.filter(inburgeraar=inburgeraar).exclude(
            status=HandhavingStatus.AFGEZIEN
        ),
        Maatregel.objects.filter(inburgeraar=inburgeraar),
        samenloop_venster(op),
    )


def samenloop_voor_rsd(
    inburgeraar: Inburgeraar, maatregelen: Iterable[Maatregel] | None = None
) -> list[RsdSamenloop]:
    """The RSD side of samenloop: each maatregel with a handhavingszaak around its
    date, and the casusregisseur to consult. The handhavingszaken are read past
    visible_to on purpose, only to decide that one exists; nothing of them leaves this
    function. `maatregelen` may be the rows the page already loaded."""
    if maatregelen is None:
        maatregelen = Maatregel.objects.filter(inburgeraar=inburgeraar)
    maatregelen = list(maatregelen)
    if not maatregelen:
        return []
    venster = samenloop_venster()
    datums = list(
        Handhavingszaak.objects.filter(inburgeraar=inburgeraar)
        .exclude(status=HandhavingStatus.AFGEZIEN)
        .values_list("datum_overtreding", flat=True)
    )
    return [
        RsdSamenloop(maatregel=m, casusregisseur=inburgeraar.casusregisseur)
        for m in maatregelen
        if any(in_samenloop(d, m.datum_gedraging, venster) for d in datums)
    ]
