"""The intake's facts in the dossier header (zevenaar_inburgering/dossierkop.py)."""

from datetime import date

from django.template.loader import render_to_string
from django.utils.html import format_html

from zevenaar_inburgering.dossierkop import Kopregel

from .models import GESLOTEN_STATUSSEN


def kopregels(dossier, *, user, vandaag: date) -> list[Kopregel]:
    regels = [
        Kopregel("BSN", dossier.bsn_gemaskeerd),
        Kopregel(
            "Status",
            format_html(
                '<span class="badge text-bg-secondary">{}</span>',
                dossier.get_status_display(),
            ),
        ),
    ]
    if dossier.is_wi2013:
        regels.append(Kopregel("Wet", dossier.get_wet_regime_display()))
    elif dossier.pip_vastgesteld_op is None and dossier.status not in (
        GESLOTEN_STATUSSEN
    ):
        # The same include as the werkvoorraad's deadline column.
        regels.append(
            Kopregel(
                "PIP-deadline",
                render_to_string("intake/_pip_deadline.html", {"dossier": dossier}),
            )
        )
    regels.append(
        Kopregel("Casusregisseur", str(dossier.casusregisseur or "niet toegewezen"))
    )
    return regels
