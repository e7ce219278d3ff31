"""Geld: SPUK income, committed and spent, uitvoeringskosten against the budget."""

from decimal import Decimal

from django.db.models import (
    BooleanField,
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

from intake.models import Leerroute
from leerroutes.models import ContractOnderdeel, Traject, Urenregistratie
from monitoring.models import Uitvoeringskosten
from pip_plans.selectors import geldende_pip_waarde
from zevenaar_inburgering.nl import getal
from zevenaar_inburgering.parameters.models import Parameter

from .basis import (
    CATEGORIEEN,
    Periode,
    asiel_doelgroepen,
    categorie_q,
    per_categorie,
    van,
)
from .cellen import euro, euro_per_cat, rij, rij_per_cat, tabel, tekst

SPUK_CODES = {"asiel": "spuk_asiel", "gezin_overig": "spuk_gezin_overig"}
TOESLAG_ONDERWIJSROUTE = "spuk_onderwijsroute_toeslag"
LEEG = {"som": Decimal(0), "personen": 0}  # a quarter without rows


def bedrag_op(code: str, datumveld: str) -> Subquery:
    """Per dossier: the value of parameter `code` valid on the dossier's
    `datumveld` for its gemeente (NULL when no row applies)."""
    return Subquery(
        Parameter.objects.filter(code=code)
        .geldig_op(OuterRef(datumveld), OuterRef("gemeente"))
        .values("waarde")[:1]
    )


def spuk_bedrag():
    """Per dossier: the SPUK amount for its categorie, valid on its start date."""
    start = "start_inburgeringsplicht"
    return Case(
        When(
            doelgroep__in=asiel_doelgroepen(),
            then=bedrag_op(SPUK_CODES["asiel"], start),
        ),
        default=bedrag_op(SPUK_CODES["gezin_overig"], start),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def onderwijsroute_toeslag(p: Periode, basis):
    """The asielstatushouders for the SPUK onderwijsroute top-up (DOMAIN.md §10),
    annotated with `toeslag`: housed in the report's year up to the peildatum, whose
    PIP in force on the peildatum sets the onderwijsroute; the amount is the one
    valid on the date of housing for their gemeente (paid once, in that year; none
    before 2026, when no row of the parameter applies)."""
    return (
        basis.filter(
            doelgroep__in=asiel_doelgroepen(), datum_huisvesting__range=p.jaar_bereik
        )
        .annotate(route=geldende_pip_waarde("leerroute", op=p.eind))
        .filter(route=Leerroute.ONDERWIJS)
        .annotate(toeslag=bedrag_op(TOESLAG_ONDERWIJSROUTE, "datum_huisvesting"))
    )


def besteed(p: Periode, basis) -> tuple[dict, dict[int, Decimal]]:
    """Spent this year up to the peildatum: hours attended × the contract's hourly
    price of the onderdeel (its prijs / uren), per categorie and per quarter.

    One pass over the hours, by far the biggest table: SQL sums them per contract,
    onderdeel, categorie and quarter, and each sum is priced once here. The price
    is the same for every row of such a group, so this equals pricing each row; a
    price lookup per row took seconds at 100,000 dossiers. Hours without a price
    (no such onderdeel in the contract, or 0 hours in its offer) count for nothing.
    """
    groepen = (
        van(Urenregistratie, basis)
        .filter(maand__range=p.jaar_bereik)
        .annotate(
            contract=F("traject__contract_id"),
            asiel=ExpressionWrapper(
                categorie_q("asiel", "inburgeraar__"), output_field=BooleanField()
            ),
            kw=ExtractQuarter("maand"),
        )
        .values("contract", "onderdeel", "asiel", "kw")
        .annotate(uren=Sum("uren_aanwezig"))
        .order_by()
    )
    groepen = list(groepen)
    uurprijs = {
        (o.contract_id, o.onderdeel): o.prijs / o.uren
        for o in ContractOnderdeel.objects.filter(
            contract__in={g["contract"] for g in groepen}, uren__gt=0
        )
    }
    per_cat: dict[str, Decimal | None] = {cat: None for cat, _ in CATEGORIEEN}
    per_kw: dict[int, Decimal] = {}
    for groep in groepen:
        prijs = uurprijs.get((groep["contract"], groep["onderdeel"]))
        if prijs is None or groep["uren"] is None:
            continue
        kosten = groep["uren"] * prijs
        for cat in ("asiel" if groep["asiel"] else "gezin_overig", "totaal"):
            per_cat[cat] = (per_cat[cat] or 0) + kosten
        per_kw[groep["kw"]] = per_kw.get(groep["kw"], 0) + kosten
    return {"bedrag": per_cat}, dict(sorted(per_kw.items()))


def per_kwartaal(qs, datumveld: str, som, personen) -> dict[int, dict]:
    """Per quarter of `datumveld`: the sum and the number of persons it rests on
    (for the chart, which suppresses a bar on too few persons)."""
    return {
        r["kw"]: {"som": r["som"] or Decimal(0), "personen": r["personen"]}
        for r in qs.annotate(kw=ExtractQuarter(datumveld))
        .values("kw")
        .annotate(som=som, personen=personen)
        .order_by("kw")
    }


def geld_sectie(p: Periode, basis, gemeente, parameters: dict):
    """Money of the year up to the peildatum: SPUK income (persons whose plicht
    started this year × the dated amount, plus the onderwijsroute top-up for the
    asielstatushouders housed this year), committed (contract price of the
    trajecten started) and spent (hours attended × the contract's hourly price of
    the onderdeel); uitvoeringskosten against the budget."""
    spuk_qs = basis.filter(start_inburgeringsplicht__range=p.jaar_bereik).annotate(
        spuk=spuk_bedrag()
    )
    spuk = _som_en_aantal(spuk_qs, "spuk")
    toeslag_qs = onderwijsroute_toeslag(p, basis)
    toeslag = _som_en_aantal(toeslag_qs, "toeslag")
    spuk_totaal = {
        cat: (spuk["bedrag"][cat] or 0) + (toeslag["bedrag"][cat] or 0)
        for cat in spuk["bedrag"]
    }
    spuk_kw = per_kwartaal(
        spuk_qs, "start_inburgeringsplicht", Sum("spuk"), Count("pk")
    )
    toeslag_kw = per_kwartaal(
        toeslag_qs, "datum_huisvesting", Sum("toeslag"), Count("pk")
    )
    trajecten = van(Traject, basis).filter(ingekocht=True, start__range=p.jaar_bereik)
    gecommitteerd = per_categorie(
        trajecten,
        "inburgeraar__",
        {
            "bedrag": lambda cat: Sum("contract__prijs_route", filter=cat),
            # The persons the amount rests on: a fixed contract price would give
            # away their number.
            "personen": lambda cat: Count("inburgeraar", filter=cat, distinct=True),
        },
    )
    gecommitteerd_kw = per_kwartaal(
        trajecten,
        "start",
        Sum("contract__prijs_route"),
        Count("inburgeraar", distinct=True),
    )
    uitgegeven, uitgegeven_kw = besteed(p, basis)

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
                euro_per_cat(
                    "SPUK per doelgroep (start plicht)",
                    spuk["bedrag"],
                    spuk["personen"],
                ),
                rij_per_cat(
                    f"Asielstatushouders met onderwijsroute, gehuisvest in {p.jaar}",
                    toeslag["personen"],
                ),
                euro_per_cat(
                    "SPUK-toeslag onderwijsroute (jaar van huisvesting)",
                    toeslag["bedrag"],
                    toeslag["personen"],
                ),
                # The sum less one part gives the other: it rests on both counts
                # (on the top-up's only where it adds an amount).
                euro_per_cat(
                    "SPUK toegekend voor het cohort (geen ontvangen geld)",
                    spuk_totaal,
                    spuk["personen"],
                    {
                        cat: aantal if toeslag["bedrag"][cat] else 0
                        for cat, aantal in toeslag["personen"].items()
                    },
                ),
                euro_per_cat(
                    "Gecommitteerd: contractprijs per gestart traject "
                    "(een routewissel telt als twee)",
                    gecommitteerd["bedrag"],
                    gecommitteerd["personen"],
                ),
                rij_per_cat(
                    "Besteed (aanwezige uren × uurprijs)", uitgegeven["bedrag"], euro
                ),
            ],
            toelichting="SPUK toegekend: per persoon van wie de plicht dit jaar "
            "begon, het bedrag per doelgroep dat gold op de startdatum "
            "(parameters). Dat is het bedrag dat voor dit cohort wordt toegekend, "
            "niet het geld dat is ontvangen, en het telt ook wie later is "
            "vrijgesteld, ontheven of verhuisd. Daarbij "
            "eenmalig de toeslag onderwijsroute (vanaf 2026) per asielstatushouder "
            "die dit jaar is gehuisvest en van wie het PIP op de peildatum de "
            "onderwijsroute vaststelt, het bedrag dat gold op de datum van "
            "huisvesting. Gecommitteerd: de contractprijs van elk ingekocht traject "
            "dat dit jaar begon; wie van route wisselt, heeft twee trajecten en telt "
            "twee keer.",
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
                float(spuk_kw.get(kw, LEEG)["som"] + toeslag_kw.get(kw, LEEG)["som"]),
                float(gecommitteerd_kw.get(kw, LEEG)["som"]),
                float(uitgegeven_kw.get(kw, 0)),
            ],
            # Per series the counts of persons its amount rests on (suppressed
            # with them, monitoring.weergave); hours × price rest on no count.
            "aantallen": [
                [
                    spuk_kw.get(kw, LEEG)["personen"],
                    toeslag_kw.get(kw, LEEG)["personen"]
                    if toeslag_kw.get(kw, LEEG)["som"]
                    else 0,
                ],
                [gecommitteerd_kw.get(kw, LEEG)["personen"]],
                [],
            ],
        }
        for kw in range(1, p.kwartaal + 1)
    ]
    return (
        {"code": "geld", "titel": "Geld", "tabellen": tabellen},
        {
            "reeksen": ["SPUK toegekend", "Gecommitteerd", "Besteed"],
            "groepen": geld_grafiek,
        },
    )


def _som_en_aantal(qs, veld: str) -> dict:
    """One query: the sum of `veld` and the number of persons, per categorie."""
    return per_categorie(
        qs,
        "",
        {
            "bedrag": lambda cat: Sum(veld, filter=cat),
            "personen": lambda cat: Count("pk", filter=cat),
        },
    )


def pct_van_budget(besteed, budget) -> dict:
    if not budget or Decimal(budget) == 0:
        return tekst("—")
    return tekst(f"{getal(round(100 * Decimal(besteed or 0) / Decimal(budget), 1))}%")
