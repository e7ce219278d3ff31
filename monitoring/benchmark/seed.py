"""The entry point: `seed(n)` adds n dossiers (see the package docstring)."""

import random

from django.db import transaction
from django.utils import timezone

from .data import BATCH, SEED, geseede_dossiers
from .dossier import Bouwer
from .referentie import _referentie, gebruikers
from .rijen import Rijen


def seed(n: int, *, stdout=None) -> None:
    """Add `n` seeded dossiers (see the package docstring)."""
    vandaag = timezone.localdate()
    with transaction.atomic():
        ref = _referentie(vandaag)
        gebruikers()
    offset = geseede_dossiers().count()
    totaal: dict = {}
    bouwer = Bouwer(ref, vandaag)
    for begin in range(offset, offset + n, BATCH):
        eind = min(begin + BATCH, offset + n)
        rijen = Rijen()
        for index in range(begin, eind):
            # One generator per dossier: the index alone decides what it looks like.
            bouwer.rng = random.Random(SEED * 1_000_003 + index)
            bouwer.dossier(index, rijen)
        with transaction.atomic():
            for model, aantal in rijen.opslaan().items():
                totaal[model] = totaal.get(model, 0) + aantal
        if stdout is not None:
            stdout.write(f"  {eind - offset:>9} van {n} dossiers")
    if stdout is not None:
        for model, aantal in totaal.items():
            stdout.write(f"  {model._meta.verbose_name_plural:<36}{aantal:>10}")
