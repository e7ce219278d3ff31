"""Reads of handhaving for the pages and the services: the dated parameters on a
day, and what a zaak's page shows of its boetebeschikking."""

from datetime import date
from decimal import Decimal

from intake.models import Inburgeraar
from zevenaar_inburgering.parameters.models import geheel, waarde

from ..models import Brief, BriefSoort, Handhavingszaak
from .rules import BOETE_PARAMETER


def boete_toegestaan_voor(inburgeraar: Inburgeraar, op: date) -> bool:
    """The dated parameter for the person's doelgroep on day `op`."""
    categorie = inburgeraar.doelgroep_categorie
    code = BOETE_PARAMETER.get(categorie, "boete_gezin_overig_toegestaan")
    return geheel(code, op) != 0


def boete_maximum(op: date) -> Decimal:
    return waarde("boete_maximum", op)


def rapport_grens(op: date) -> Decimal:
    return waarde("boete_rapport_grens", op)


def boetebeschikking(zaak: Handhavingszaak) -> Brief | None:
    """The boetebeschikking of a zaak, from prefetched `brieven` when present."""
    return next(
        (b for b in zaak.brieven.all() if b.soort == BriefSoort.BOETEBESCHIKKING),
        None,
    )
