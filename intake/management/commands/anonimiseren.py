"""Anonymise the dossiers whose bewaartermijn has passed (SECURITY RL-10).

    python manage.py anonimiseren [--peildatum JJJJ-MM-DD] [--dry-run]

The same as the nightly Celery task `intake.dossiers_anonimiseren`; see
intake/anonimiseren.py for what "closed" means, and every app's retentie.py for what
is wiped and kept. The decisions are first exported to their archive package
(docs/archief.md); when that fails the command stops and changes nothing.
"""

import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from intake.anonimiseren import (
    bewaartermijn_jaren,
    dossiers_anonimiseren,
    te_anonimiseren,
)
from zevenaar_inburgering.archief import ArchiefExportMislukt
from zevenaar_inburgering.nl import datum_tekst


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{tekst!r} is geen datum; gebruik JJJJ-MM-DD."
        ) from None


class Command(BaseCommand):
    help = (
        "Anonimiseert de dossiers die langer dan BEWAARTERMIJN_JAREN jaar zijn "
        "afgesloten. Met --dry-run wordt alleen geteld."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--peildatum",
            type=_datum,
            help="Rekenen alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen hoeveel dossiers aan de beurt zijn; er verandert niets.",
        )

    def handle(self, *args, peildatum=None, dry_run=False, **options):
        vandaag = timezone.localdate()
        peildatum = peildatum or vandaag
        if peildatum > vandaag:
            # A later day would anonymise dossiers before their term is over.
            raise CommandError("De peildatum mag niet in de toekomst liggen.")
        jaren = bewaartermijn_jaren()
        if dry_run:
            aantal = te_anonimiseren(peildatum).count()
            self.stdout.write(
                f"{aantal} dossier(s) zouden worden geanonimiseerd (peildatum "
                f"{datum_tekst(peildatum)}, bewaartermijn {jaren} jaar). Er is niets "
                "gewijzigd."
            )
            return
        try:
            aantal = dossiers_anonimiseren(peildatum=peildatum)
        except ArchiefExportMislukt as exc:
            raise CommandError(
                f"Archiefexport mislukt; er is niets geanonimiseerd. {exc}"
            ) from exc
        self.stdout.write(
            f"{aantal} dossier(s) geanonimiseerd (peildatum {datum_tekst(peildatum)}, "
            f"bewaartermijn {jaren} jaar)."
        )
