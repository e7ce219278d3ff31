"""Op koers en termijnen: the stand on the peildatum."""

from django.db.models import Q

from leerroutes.models import KoersStatus
from pip_plans.models import Inburgeringstermijn, Verlenging
from zevenaar_inburgering.termijnen import einde_na

from .basis import (
    CATEGORIEEN,
    MET_OORDEEL,
    Periode,
    aantal,
    in_voorraad,
    per_categorie,
    plicht_hier_geeindigd,
    van,
    voldaan_tot,
)
from .cellen import pct, rij, rij_per_cat, tabel


def termijnen_sectie(p: Periode, basis) -> dict:
    niet_voldaan = ~voldaan_tot(p.eind, "inburgeraar__") & ~plicht_hier_geeindigd(
        p.eind, "inburgeraar__"
    )
    termijnen = per_categorie(
        van(Inburgeringstermijn, basis),
        "inburgeraar__",
        {
            "binnen_6": aantal(
                niet_voldaan
                & Q(einddatum__gte=p.eind, einddatum__lte=einde_na(p.eind, maanden=6))
            ),
            "binnen_12": aantal(
                niet_voldaan
                & Q(einddatum__gte=p.eind, einddatum__lte=einde_na(p.eind, maanden=12))
            ),
            "overschreden": aantal(niet_voldaan & Q(einddatum__lt=p.eind)),
        },
    )
    verlengingen = per_categorie(
        Verlenging.objects.filter(termijn__inburgeraar__in=basis.values("pk")),
        "termijn__inburgeraar__",
        {"verlengd": aantal(Q(besluitdatum__range=p.bereik))},
    )
    # Who was in the stock on the peildatum, with the latest judgement (the
    # routestand is derived nightly; it is not kept per date).
    koers = per_categorie(
        basis.filter(in_voorraad(p.eind)),
        "",
        {
            "op_koers": aantal(Q(routestand__koers=KoersStatus.OP_KOERS)),
            "bekend": aantal(MET_OORDEEL),
        },
    )
    return {
        "code": "termijnen",
        "titel": "Op koers en termijnen",
        "tabellen": [
            tabel(
                "Stand op de peildatum",
                [
                    rij(
                        "Op koers (van wie een oordeel heeft)",
                        [
                            pct(koers["op_koers"][cat], koers["bekend"][cat])
                            for cat, _ in CATEGORIEEN
                        ],
                    ),
                    rij_per_cat(
                        "Termijn eindigt binnen 6 maanden", termijnen["binnen_6"]
                    ),
                    rij_per_cat(
                        "Termijn eindigt binnen 12 maanden", termijnen["binnen_12"]
                    ),
                    rij_per_cat(
                        "Termijn verstreken, plicht niet voldaan",
                        termijnen["overschreden"],
                    ),
                    rij_per_cat("Verlengingen (kwartaal)", verlengingen["verlengd"]),
                ],
                toelichting="Op koers: het oordeel bij het maken van het rapport.",
            )
        ],
    }
