"""Which dossiers are the demo region, and how big it is: what every app's part of
the demo asks (`<app>/demo/`)."""

from collections.abc import Iterator

from django.db import models

from intake.models import Inburgeraar
from zevenaar_inburgering.accounts.models import Role, User
from zevenaar_inburgering.validators import is_valid_bsn

from .data import DEMO_BSN_FIRST, DEMO_BSN_LAST, TARGET_DOSSIERS


def demo_bsns() -> Iterator[str]:
    """The valid BSNs of the test range, in order."""
    for number in range(DEMO_BSN_FIRST, DEMO_BSN_LAST + 1):
        if is_valid_bsn(str(number)):
            yield str(number)


def demo_dossiers() -> models.QuerySet:
    return Inburgeraar.objects.filter(
        bsn__gte=str(DEMO_BSN_FIRST), bsn__lte=str(DEMO_BSN_LAST)
    )


def op_schaal(aantal: int, *, minimum: int = 1) -> int:
    """`aantal`, a count in the full region of TARGET_DOSSIERS, for the demo region
    in the database (`demo_region --dossiers`): in proportion, but never below
    `minimum`, so that a small region keeps every scenario."""
    schaal = demo_dossiers().count() / TARGET_DOSSIERS
    return max(minimum, round(aantal * schaal))


def collega(dossier: Inburgeraar) -> User:
    """Another casusregisseur of the dossier's gemeente, for a decision its own
    casusregisseur may not take (functiescheiding, Awb 10:3)."""
    return (
        User.objects.filter(role=Role.CASUSREGISSEUR, gemeenten=dossier.gemeente)
        .exclude(pk=dossier.casusregisseur_id)
        .order_by("username")
        .first()
    )
