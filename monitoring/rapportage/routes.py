"""Leerroutes en examens: the route on the peildatum, switches, exams, afronding."""

from django.db.models import Q

from intake.models import Leerroute
from leerroutes.models import (
    Afronding,
    Examenonderdeel,
    Examenpoging,
    Traject,
    TrajectEinde,
)
from pip_plans.models import Pip, PipStatus, WijzigingReden

from .basis import Periode, aantal, per_categorie, plicht_hier_geeindigd, van
from .cellen import rij_per_cat, tabel


def leerroutes_sectie(p: Periode, basis) -> dict:
    # Running on the peildatum, and the plicht had not ended here (a traject left
    # open by an older record does not count once the person moved away).
    lopend = (
        Q(start__lte=p.eind)
        & (Q(einde__isnull=True) | Q(einde__gte=p.eind))
        & ~plicht_hier_geeindigd(p.eind, "inburgeraar__")
    )
    trajecten = per_categorie(
        van(Traject, basis),
        "inburgeraar__",
        {
            f"route_{route}": aantal(
                lopend & Q(leerroute=route), "inburgeraar", distinct=True
            )
            for route in Leerroute.values
        }
        | {
            "wissels": aantal(
                Q(einde__range=p.bereik, einde_reden=TrajectEinde.SCHAKELEN)
            )
        },
    )
    afschalen = per_categorie(
        van(Pip, basis),
        "inburgeraar__",
        {
            "afschalen": aantal(
                Q(
                    status=PipStatus.VASTGESTELD,
                    reden=WijzigingReden.AFSCHALEN,
                    vastgesteld_op__date__range=p.bereik,
                )
            )
        },
    )
    afronding = per_categorie(
        van(Afronding, basis),
        "inburgeraar__",
        {
            "pvt": aantal(Q(participatieverklaring_getekend_op__range=p.bereik)),
            "map": aantal(Q(map_afgerond_op__range=p.bereik)),
            "z": aantal(Q(z_eindgesprek_op__range=p.bereik)),
            "voldaan": aantal(Q(voldaan_op__range=p.bereik)),
        },
    )
    geslaagd = Q(geslaagd=True, datum__range=p.bereik)
    examens = per_categorie(
        van(Examenpoging, basis),
        "inburgeraar__",
        {
            "knm": aantal(
                geslaagd & Q(onderdeel=Examenonderdeel.KNM), "inburgeraar", True
            ),
            "taal": aantal(geslaagd & ~Q(onderdeel=Examenonderdeel.KNM)),
        },
    )
    return {
        "code": "leerroutes",
        "titel": "Leerroutes en examens",
        "tabellen": [
            tabel(
                "Leerroute op de peildatum (lopend traject)",
                [
                    rij_per_cat(label, trajecten[f"route_{route}"])
                    for route, label in Leerroute.choices
                ],
            ),
            tabel(
                "In het kwartaal",
                [
                    rij_per_cat("Routewissels", trajecten["wissels"]),
                    rij_per_cat("Afschalen van B1 naar A2", afschalen["afschalen"]),
                    rij_per_cat(
                        "Participatieverklaring (PVT) getekend", afronding["pvt"]
                    ),
                    rij_per_cat("MAP afgerond", afronding["map"]),
                    rij_per_cat("KNM-examen gehaald (personen)", examens["knm"]),
                    rij_per_cat("Taalexamens gehaald (examens)", examens["taal"]),
                    rij_per_cat("Eindgesprekken Z-route", afronding["z"]),
                    rij_per_cat("Inburgeringsplicht voldaan", afronding["voldaan"]),
                ],
            ),
        ],
    }
