"""Termijn overschreden as an event from the termijn (DOMAIN §13.5): the day after
the end of the inburgeringstermijn (including DUO's verlengingen) the dossier's
status becomes "termijn overschreden"; a later DUO verlenging undoes it."""

from datetime import date, timedelta

from intake.models import GESLOTEN_STATUSSEN, Status
from intake.services import termijnen_bijwerken

from ..models import Inburgeringstermijn


def termijn_statussen_bijwerken(peildag: date) -> int:
    """Idempotent: only dossiers whose status does not yet follow the termijn change."""
    # einddatum < peildag: rules.termijn_verstreken in SQL (the header and the
    # on-track rule use the function).
    verstreken = dict(
        Inburgeringstermijn.objects.filter(einddatum__lt=peildag)
        .exclude(
            inburgeraar__status__in=[*GESLOTEN_STATUSSEN, Status.TERMIJN_OVERSCHREDEN]
        )
        .values_list("inburgeraar_id", "einddatum")
    )
    weer_lopend = list(
        Inburgeringstermijn.objects.filter(
            einddatum__gte=peildag, inburgeraar__status=Status.TERMIJN_OVERSCHREDEN
        ).values_list("inburgeraar_id", flat=True)
    )
    return termijnen_bijwerken(
        overschreden={
            pk: einde + timedelta(days=1) for pk, einde in verstreken.items()
        },
        weer_lopend=weer_lopend,
        peildag=peildag,
    )
