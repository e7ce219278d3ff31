"""List the dossiers recorded as voldaan in the B1- or Z-route without a completed
MAP, for functioneel beheer and the casusregisseurs to review (issue 17): the MAP
is part of the plicht there (DOMAIN §13.5). Changes nothing."""

from django.core.management.base import BaseCommand

from leerroutes.services.voldaan import voldaan_zonder_map
from zevenaar_inburgering.nl import datum_tekst


class Command(BaseCommand):
    help = (
        "Dossiers die als voldaan zijn vastgelegd zonder afgeronde MAP (ter controle)."
    )

    def handle(self, *args, **options):
        dossiers = voldaan_zonder_map()
        for dossier in dossiers:
            self.stdout.write(
                f"{dossier.pk}\t{dossier.gemeente_id}\t{dossier.naam}\t"
                f"voldaan op {datum_tekst(dossier.afronding.voldaan_op)}"
            )
        self.stdout.write(f"{len(dossiers)} dossier(s) ter controle.")
