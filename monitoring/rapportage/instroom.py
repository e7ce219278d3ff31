"""Instroom, voorraad en uitstroom; the trechter from DUO signal to route."""

from django.db.models import Count, Exists, OuterRef, Q

from intake.models import BredeIntake, Status
from leerroutes.models import Traject

from .basis import (
    Periode,
    aantal,
    in_voorraad,
    per_categorie,
    status_op,
    voldaan_tot,
)
from .cellen import rij_per_cat, tabel


def instroom_sectie(p: Periode, basis, wi2013) -> dict:
    gestart = Q(start_inburgeringsplicht__lte=p.eind)
    metingen = {
        "instroom": aantal(Q(start_inburgeringsplicht__range=p.bereik)),
        "instroom_jaar": aantal(Q(start_inburgeringsplicht__range=p.jaar_bereik)),
        "uitstroom": aantal(voldaan_tot(p.eind) & Q(status_sinds__gte=p.begin)),
        "voorraad": aantal(in_voorraad(p.eind)),
    } | {
        f"status_{status}": aantal(gestart & Q(status_op=status))
        for status in Status.values
        if status != Status.ONTKOPPELD
    }
    w = per_categorie(basis.annotate(status_op=status_op(p.eind)), "", metingen)
    w13 = per_categorie(wi2013, "", {"voorraad": aantal(in_voorraad(p.eind))})
    statussen = [
        rij_per_cat(f"  {label}", w[f"status_{status}"])
        for status, label in Status.choices
        if status != Status.ONTKOPPELD
    ]
    return {
        "code": "instroom",
        "titel": "Instroom, voorraad en uitstroom",
        "tabellen": [
            tabel(
                "Instroom en uitstroom",
                [
                    rij_per_cat(
                        "Nieuwe inburgeringsplichtigen (kwartaal)", w["instroom"]
                    ),
                    rij_per_cat(
                        "Nieuwe inburgeringsplichtigen (jaar tot nu)",
                        w["instroom_jaar"],
                    ),
                    rij_per_cat("Uitstroom: plicht voldaan (kwartaal)", w["uitstroom"]),
                    rij_per_cat(
                        "Voorraad op de peildatum: begonnen, nog niet afgerond",
                        w["voorraad"],
                    ),
                    rij_per_cat(
                        "Voorraad Wet inburgering 2013 (alleen begeleiding, "
                        "niet in de andere cijfers)",
                        w13["voorraad"],
                    ),
                ],
            ),
            tabel(
                "Stand per status",
                statussen,
                toelichting="De status op de peildatum, van iedereen wiens plicht "
                "toen was begonnen (een latere status telt vanaf de datum van de "
                "gebeurtenis).",
                # Together they are everyone in the trechter's first step.
                som_bekend=True,
            ),
        ],
    }


def trechter(p: Periode, basis) -> list:
    """From DUO signal to PIP to route: everyone whose plicht had started."""
    bij = basis.filter(start_inburgeringsplicht__lte=p.eind)
    intake = BredeIntake.objects.filter(
        inburgeraar=OuterRef("pk"), gestart_op__lte=p.eind
    )
    traject = Traject.objects.filter(inburgeraar=OuterRef("pk"), start__lte=p.eind)
    rij_ = bij.annotate(
        heeft_intake=Exists(intake), heeft_traject=Exists(traject)
    ).aggregate(
        signaal=Count("pk"),
        intake=Count("pk", filter=Q(heeft_intake=True)),
        pip=Count("pk", filter=Q(pip_vastgesteld_op__lte=p.eind)),
        traject=Count("pk", filter=Q(heeft_traject=True)),
        voldaan=Count("pk", filter=voldaan_tot(p.eind)),
    )
    return [
        {"label": "Inburgeringsplichtig", "n": rij_["signaal"]},
        {"label": "Brede intake gestart", "n": rij_["intake"]},
        {"label": "PIP vastgesteld", "n": rij_["pip"]},
        {"label": "In een leerroute", "n": rij_["traject"]},
        {"label": "Plicht voldaan", "n": rij_["voldaan"]},
    ]
