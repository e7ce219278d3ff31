"""The route's facts in the dossier header (zevenaar_inburgering/dossierkop.py): the
running traject and the on-track judgement, as the werkvoorraad shows it."""

from datetime import date

from django.template.loader import render_to_string

from zevenaar_inburgering.dossierkop import Kopregel

from .models import Routestand, Traject


def kopregels(dossier, *, user, vandaag: date) -> list[Kopregel]:
    stand = Routestand.objects.visible_to(user).filter(inburgeraar=dossier).first()
    if stand is None or dossier.is_wi2013:
        return []
    regels = []
    traject = (
        Traject.objects.visible_to(user)
        .filter(inburgeraar=dossier, einde__isnull=True)
        .select_related("aanbieder")
        .only("aanbieder__naam")
        .first()
    )
    if stand.koers or traject is not None:
        regels.append(
            Kopregel(
                "Traject",
                f"bij {traject.aanbieder}" if traject else "geen lopend traject",
            )
        )
    if stand.koers:
        regels.append(
            Kopregel(
                "Op koers",
                render_to_string("leerroutes/_koers_badge.html", {"stand": stand}),
            )
        )
    return regels
