"""Taakstelling huisvesting."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from zevenaar_inburgering.nl import getal

from .basis import Periode, asiel_doelgroepen
from .cellen import n, rij, tabel, tekst, verwacht_aantal


def taakstelling_sectie(p: Periode, basis, gemeente, parameters: dict) -> dict:
    """The half-yearly taakstelling huisvesting against the asielstatushouders
    housed in that half year (those in this system: the inburgeringsplichtigen).
    The region compares only the gemeenten that have a taakstelling for the half
    year, with the people housed in those gemeenten; without any, it shows all
    housed."""
    halfjaren = [(date(p.jaar, 1, 1), min(p.eind, date(p.jaar, 6, 30)), "1e halfjaar")]
    if p.kwartaal > 2:
        halfjaren.append((date(p.jaar, 7, 1), p.eind, "2e halfjaar"))
    taakstelling = parameters["taakstelling_huisvesting"]
    # Reports stored before the gemeenten were kept: every gemeente counted.
    met = taakstelling.get("gemeenten_per_halfjaar", [[], []])

    def in_gemeenten(i: int) -> Q:
        if gemeente is not None or not met[i]:
            return Q()
        return Q(gemeente__naam__in=met[i])

    gehuisvest = basis.filter(doelgroep__in=asiel_doelgroepen()).aggregate(
        **{
            f"h{i}": Count(
                "pk", filter=Q(datum_huisvesting__range=(van, tot)) & in_gemeenten(i)
            )
            for i, (van, tot, _) in enumerate(halfjaren)
        }
    )
    aandeel = Decimal(parameters["aandeel_inburgeringsplichtig_pct"]["waarde"])
    rijen = []
    for i, (_, _, label) in enumerate(halfjaren):
        doel = taakstelling["per_halfjaar"][i]
        verwacht = None if doel is None else verwacht_aantal(Decimal(doel), aandeel)
        rijen.append(
            rij(
                f"{label} {p.jaar}",
                [
                    tekst("niet ingesteld") if doel is None else tekst(getal(doel)),
                    tekst("—") if verwacht is None else tekst(getal(verwacht)),
                    n(gehuisvest[f"h{i}"]),
                ],
            )
        )
    toelichting = (
        "Verwacht: de taakstelling maal het aandeel inburgeringsplichtigen, "
        "afgerond op hele personen (een half naar boven)."
    )
    if gemeente is None:
        toelichting += " Voor de regio: alleen de gemeenten met een taakstelling, " + (
            "; ".join(
                f"{label}: {', '.join(met[i]) if met[i] else 'geen'}"
                for i, (_, _, label) in enumerate(halfjaren)
            )
            + ", met de statushouders die in die gemeenten zijn gehuisvest."
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
                toelichting=toelichting,
            )
        ],
    }
