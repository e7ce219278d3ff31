"""Geld: SPUK income, committed and spent, uitvoeringskosten against the budget."""

from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import ExtractQuarter

from leerroutes.models import ContractOnderdeel, Traject, Urenregistratie
from monitoring.models import Uitvoeringskosten
from zevenaar_inburgering.nl import getal
from zevenaar_inburgering.parameters.models import Parameter

from .basis import Periode, asiel_doelgroepen, per_categorie, van
from .cellen import euro, rij, rij_per_cat, tabel, tekst

SPUK_CODES = {"asiel": "spuk_asiel", "gezin_overig": "spuk_gezin_overig"}


def spuk_bedrag():
    """Per dossier: the SPUK amount for its categorie, valid on its start date."""

    def bedrag(code):
        return Subquery(
            Parameter.objects.filter(code=code)
            .geldig_op(OuterRef("start_inburgeringsplicht"), OuterRef("gemeente"))
            .values("waarde")[:1]
        )

    return Case(
        When(doelgroep__in=asiel_doelgroepen(), then=bedrag(SPUK_CODES["asiel"])),
        default=bedrag(SPUK_CODES["gezin_overig"]),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def per_kwartaal(qs, datumveld: str, som) -> dict[int, Decimal]:
    return {
        r["kw"]: r["som"] or Decimal(0)
        for r in qs.annotate(kw=ExtractQuarter(datumveld))
        .values("kw")
        .annotate(som=som)
        .order_by("kw")
    }


def geld_sectie(p: Periode, basis, gemeente, parameters: dict):
    """Money of the year up to the peildatum: SPUK income (persons whose plicht
    started this year × the dated amount), committed (contract price of the
    trajecten started) and spent (hours attended × the contract's hourly price of
    the onderdeel); uitvoeringskosten against the budget."""
    spuk_qs = basis.filter(start_inburgeringsplicht__range=p.jaar_bereik).annotate(
        spuk=spuk_bedrag()
    )
    spuk = per_categorie(
        spuk_qs,
        "",
        {
            "bedrag": lambda cat: Sum("spuk", filter=cat),
            "personen": lambda cat: Count("pk", filter=cat),
        },
    )
    spuk_kw = per_kwartaal(spuk_qs, "start_inburgeringsplicht", Sum("spuk"))
    trajecten = van(Traject, basis).filter(ingekocht=True, start__range=p.jaar_bereik)
    gecommitteerd = per_categorie(
        trajecten,
        "inburgeraar__",
        {"bedrag": lambda cat: Sum("contract__prijs_route", filter=cat)},
    )
    gecommitteerd_kw = per_kwartaal(trajecten, "start", Sum("contract__prijs_route"))
    uurprijs = Subquery(
        ContractOnderdeel.objects.filter(
            contract=OuterRef("traject__contract"),
            onderdeel=OuterRef("onderdeel"),
            uren__gt=0,
        )
        .annotate(
            per_uur=ExpressionWrapper(
                F("prijs") / F("uren"),
                output_field=DecimalField(max_digits=12, decimal_places=4),
            )
        )
        .values("per_uur")[:1]
    )
    uren = (
        van(Urenregistratie, basis)
        .filter(maand__range=p.jaar_bereik)
        .annotate(
            kosten=ExpressionWrapper(
                F("uren_aanwezig") * uurprijs,
                output_field=DecimalField(max_digits=14, decimal_places=4),
            )
        )
    )
    uitgegeven = per_categorie(
        uren, "inburgeraar__", {"bedrag": lambda cat: Sum("kosten", filter=cat)}
    )
    uitgegeven_kw = per_kwartaal(uren, "maand", Sum("kosten"))

    uitvoering = Uitvoeringskosten.objects.filter(jaar=p.jaar, kwartaal__lte=p.kwartaal)
    if gemeente is not None:
        uitvoering = uitvoering.filter(gemeente=gemeente)
    uitvoering_besteed = uitvoering.aggregate(som=Sum("bedrag"))["som"]
    budget = parameters["uitvoeringskosten_budget"]
    invoering = parameters["invoeringskosten"]

    def _bedrag_param(param) -> dict:
        return (
            tekst("niet ingesteld")
            if param["waarde"] is None
            else euro(param["waarde"])
        )

    tabellen = [
        tabel(
            f"Inburgeringsvoorzieningen {p.jaar} tot en met de peildatum",
            [
                rij_per_cat("Inburgeringsplichtigen voor de SPUK", spuk["personen"]),
                rij_per_cat("SPUK-inkomsten", spuk["bedrag"], euro),
                rij_per_cat(
                    "Gecommitteerd (contractprijs gestarte trajecten)",
                    gecommitteerd["bedrag"],
                    euro,
                ),
                rij_per_cat(
                    "Besteed (aanwezige uren × uurprijs)", uitgegeven["bedrag"], euro
                ),
            ],
            toelichting="SPUK: per persoon van wie de plicht dit jaar begon, het "
            "bedrag per doelgroep dat gold op de startdatum (parameters).",
        ),
        tabel(
            f"Uitvoeringskosten {p.jaar}",
            [
                rij("Budget (jaar)", [_bedrag_param(budget)]),
                rij("Besteed tot en met dit kwartaal", [euro(uitvoering_besteed)]),
                rij(
                    "Besteed van het budget",
                    [pct_van_budget(uitvoering_besteed, budget["waarde"])],
                ),
                rij(
                    "Invoeringskosten (eenmalig, dit jaar)", [_bedrag_param(invoering)]
                ),
            ],
            kolommen=["Bedrag"],
        ),
    ]
    geld_grafiek = [
        {
            "label": f"K{kw}",
            "reeksen": [
                float(spuk_kw.get(kw, 0)),
                float(gecommitteerd_kw.get(kw, 0)),
                float(uitgegeven_kw.get(kw, 0)),
            ],
        }
        for kw in range(1, p.kwartaal + 1)
    ]
    return (
        {"code": "geld", "titel": "Geld", "tabellen": tabellen},
        {
            "reeksen": ["SPUK-inkomsten", "Gecommitteerd", "Besteed"],
            "groepen": geld_grafiek,
        },
    )


def pct_van_budget(besteed, budget) -> dict:
    if not budget or Decimal(budget) == 0:
        return tekst("—")
    return tekst(f"{getal(round(100 * Decimal(besteed or 0) / Decimal(budget), 1))}%")
