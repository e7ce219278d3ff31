"""The PIP's facts in the dossier header (zevenaar_inburgering/dossierkop.py): the
leerroute of the PIP in force and the end of the termijn."""

from datetime import date

from django.utils.html import format_html

from zevenaar_inburgering.dossierkop import Kopregel
from zevenaar_inburgering.nl import datum_tekst

from .models import Inburgeringstermijn, Pip, PipStatus
from .rules import termijn_verstreken


def kopregels(dossier, *, user, vandaag: date) -> list[Kopregel]:
    if dossier.is_wi2013:
        return []
    regels = []
    pip = (
        Pip.objects.visible_to(user)
        .filter(inburgeraar=dossier, status=PipStatus.VASTGESTELD)
        .order_by("-versie")
        .only("leerroute")
        .first()
    )
    if pip is not None:
        regels.append(Kopregel("Route", pip.get_leerroute_display()))
    termijn = (
        Inburgeringstermijn.objects.visible_to(user)
        .filter(inburgeraar=dossier)
        .only("einddatum")
        .first()
    )
    if termijn is not None:
        einde = datum_tekst(termijn.einddatum)
        regels.append(
            Kopregel(
                "Termijn",
                format_html(
                    '<span class="badge text-bg-danger">verstreken</span> liep tot en '
                    "met {}",
                    einde,
                )
                if termijn_verstreken(termijn.einddatum, vandaag)
                else f"tot en met {einde}",
            )
        )
    return regels
