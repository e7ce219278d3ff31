"""Taakstelling huisvesting."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from zevenaar_inburgering.nl import getal

from .basis import Periode, asiel_doelgroepen
from .cellen import n, rij, tabel, tekst


def taakstelling_sectie(p: Periode, basis, gemeente, parameters: dict) -> dict:
    """The half-yearly taakstelling huisvesting against the asielstatushouders
    housed in that half year (those in this system: the inburgeringsplichtigen)."""
    halfjaren = [(date(p.jaar, 1, 1), min(p.eind, date(p.jaar, 6, 30)), "1e halfjaar")]
    if p.kwartaal > 2:
        halfjaren.append((date(p.jaar, 7, 1), p.eind, "2e halfjaar"))
    gehuisvest = basis.filter(doelgroep__in=asiel_doelgroepen()).aggregate(
        **{
            f"h{i}": Count("pk", filter=Q(datum_huisvesting__range=(van, tot)))
            for i, (van, tot, _) in enumerate(halfjaren)
        }
    )
    aandeel = Decimal(parameters["aandeel_inburgeringsplichtig_pct"]["waarde"])
    rijen = []
    for i, (_, _, label) in enumerate(halfjaren):
        doel = parameters["taakstelling_huisvesting"]["per_halfjaar"][i]
        verwacht = None if doel is None else Decimal(doel) * aandeel / 100
        rijen.append(
            rij(
                f"{label} {p.jaar}",
                [
                    tekst("niet ingesteld") if doel is None else tekst(getal(doel)),
                    tekst("—") if verwacht is None else tekst(getal(round(verwacht))),
                    n(gehuisvest[f"h{i}"]),
                ],
            )
        )
    return {
        "code": "taakstelling",
        "titel": "Taakstelling huisvesting",
        "tabellen": [
            tabel(
                "Taakstelling tegen gehuisveste statushouders",
                rijen,
                kolommen=[
                    "Taakstelling (personen)",
                    f"Waarvan inburgeringsplichtig verwacht ({getal(aandeel)}%)",
                    "Gehuisvest en inburgeringsplichtig",
                ],
            )
        ],
    }
