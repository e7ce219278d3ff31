"""Ontzorgen en handhaving (and bezwaar)."""

from django.db.models import Q, Sum

from pip_plans.models import BesluitSoort, Bezwaar, Handhavingszaak, Ontzorging

from .basis import Periode, aantal, per_categorie, van
from .cellen import euro_per_cat, rij_per_cat, tabel


def ontzorgen_handhaving_sectie(p: Periode, basis) -> dict:
    ontzorgen = per_categorie(
        van(Ontzorging, basis),
        "inburgeraar__",
        {
            "actief": aantal(Q(startdatum__lte=p.eind, einddatum__gte=p.eind)),
            "gestart": aantal(Q(startdatum__range=p.bereik)),
            "geeindigd": aantal(Q(einddatum__range=p.bereik)),
        },
    )
    boete = Q(besluit=BesluitSoort.BOETE, besluit_op__range=p.bereik)
    zaken = per_categorie(
        van(Handhavingszaak, basis),
        "inburgeraar__",
        {
            "waarschuwingen": aantal(Q(waarschuwing_op__range=p.bereik)),
            "boetes": aantal(boete),
            "boetebedrag": lambda cat: Sum("boetebedrag", filter=cat & boete),
            "afgezien": aantal(
                Q(besluit=BesluitSoort.AFZIEN, besluit_op__range=p.bereik)
            ),
        },
    )
    bezwaren = per_categorie(
        van(Bezwaar, basis),
        "inburgeraar__",
        {
            "ontvangen": aantal(
                Q(beschikking__isnull=False, ontvangen_op__range=p.bereik)
            ),
            "tegen_boete": aantal(
                Q(boetebeschikking__isnull=False, ontvangen_op__range=p.bereik)
            ),
        },
    )
    return {
        "code": "ontzorgen_handhaving",
        "titel": "Ontzorgen en handhaving",
        "tabellen": [
            tabel(
                "Financieel ontzorgen",
                [
                    rij_per_cat("Actief op de peildatum", ontzorgen["actief"]),
                    rij_per_cat("Gestart (kwartaal)", ontzorgen["gestart"]),
                    rij_per_cat("Geëindigd (kwartaal)", ontzorgen["geeindigd"]),
                ],
            ),
            tabel(
                "Handhaving en bezwaar (kwartaal)",
                [
                    rij_per_cat("Waarschuwingen", zaken["waarschuwingen"]),
                    rij_per_cat("Boetes opgelegd", zaken["boetes"]),
                    euro_per_cat(
                        "Boetes: totaalbedrag", zaken["boetebedrag"], zaken["boetes"]
                    ),
                    rij_per_cat("Afgezien van een boete", zaken["afgezien"]),
                    rij_per_cat("Bezwaren tegen een boete", bezwaren["tegen_boete"]),
                    rij_per_cat(
                        "Bezwaren tegen een PIP-beschikking", bezwaren["ontvangen"]
                    ),
                ],
            ),
        ],
    }
