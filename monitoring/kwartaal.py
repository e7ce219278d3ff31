"""The figures of the kwartaalrapportage (DESIGN.md §2.8, DOMAIN.md §10–11).

`bereken(jaar=, kwartaal=, gemeente=)` returns the report of one quarter for one
gemeente, or for the region (gemeente None), as plain data (JSON-safe): sections of
tables of cells, the data for the charts, and the parameters used. Every figure is a
SQL aggregate: the number of queries is the same for 50 or 100,000 dossiers
(tests/monitoring/test_query_counts.py).

Cells hold raw numbers; small numbers are suppressed where they are shown
(`monitoring.weergave`), never here, so the stored figures stay exact.

Definitions (each a choice where the law gives none, see README "Kwartaalrapportage"):
- who counts: Wi2021 dossiers with a start of the inburgeringsplicht, not
  "ontkoppeld" (a DUO correction); cohort = the year the plicht started;
- a flow ("in het kwartaal") counts events dated in the quarter; a stand counts the
  situation on the last day of the quarter (the peildatum);
- the policy goals count asielstatushouders from the start of their plicht: Doel 1
  duurzaam werk (leerroutes.rules) within 3 years among those whose latest PIP has
  the B1- or Z-route; Doel 2 meedoen within 2 years; Doel 3 voldaan within 3 years.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Aggregate,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear, Least

from intake.models import (
    BredeIntake,
    Inburgeraar,
    IntakeStatus,
    Leerroute,
    Status,
    WetRegime,
)
from leerroutes.models import (
    Afronding,
    ContractOnderdeel,
    Examenonderdeel,
    Examenpoging,
    KoersStatus,
    Traject,
    TrajectEinde,
    Urenregistratie,
)
from pip_plans.models import (
    BesluitSoort,
    Bezwaar,
    Handhavingszaak,
    Inburgeringstermijn,
    Ontzorging,
    Pip,
    PipStatus,
    Verlenging,
    WijzigingReden,
)
from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.parameters.models import DEFAULTS, Parameter
from zevenaar_inburgering.termijnen import PeriodeEinde, einde_na, periode_einde

from .models import Ketenoverleg, Uitvoeringskosten

CATEGORIEEN = [
    ("asiel", "Asielstatushouders"),
    ("gezin_overig", "Gezins- en overige migranten"),
    ("totaal", "Totaal"),
]
KOLOMMEN = [label for _, label in CATEGORIEEN]
# Dossiers that have left the plicht (no longer in the stock).
EINDSTATUSSEN = [
    Status.AFGEROND_VOLDAAN,
    Status.VRIJGESTELD,
    Status.ONTHEVEN,
    Status.VERHUISD,
    Status.BEEINDIGD,
]
# Left the plicht without meeting it (no longer anybody's termijn to watch).
VERTROKKEN = [s for s in EINDSTATUSSEN if s != Status.AFGEROND_VOLDAAN]
DOEL_ROUTES = [Leerroute.B1, Leerroute.Z]
# A Routestand without a judgement has koers "" (nothing to judge yet).
MET_OORDEEL = Q(routestand__koers__in=KoersStatus.values)
SPUK_CODES = {"asiel": "spuk_asiel", "gezin_overig": "spuk_gezin_overig"}
GEMEENTE_PARAMETERS = [
    "uitvoeringskosten_budget",
    "invoeringskosten",
    "taakstelling_huisvesting",
]
ALGEMENE_PARAMETERS = [
    "spuk_asiel",
    "spuk_gezin_overig",
    "aandeel_inburgeringsplichtig_pct",
    "doel1_duurzaam_werk_pct",
    "doel2_meedoen_pct",
    "doel3_voldaan_pct",
    "doel4_ketenoverleggen",
]


# --- SQL helpers -----------------------------------------------------------------------


class Mediaan(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DagenTussen(Func):
    """Whole days from the second date to the first (date - date in PostgreSQL)."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


def asiel_doelgroepen() -> list[str]:
    return [d for d, c in settings.DOELGROEP_CATEGORIE.items() if c == "asiel"]


def _categorie_q(categorie: str, pad: str) -> Q:
    if categorie == "totaal":
        return Q()
    asiel = Q(**{f"{pad}doelgroep__in": asiel_doelgroepen()})
    return asiel if categorie == "asiel" else ~asiel


def _per_categorie(qs, pad: str, metingen: dict) -> dict:
    """One query: for every meting (name -> function of a filter Q giving an
    aggregate) its value per categorie and in total."""
    aggregaten = {
        f"{naam}__{cat}": maak(_categorie_q(cat, pad))
        for naam, maak in metingen.items()
        for cat, _ in CATEGORIEEN
    }
    rij = qs.aggregate(**aggregaten) if aggregaten else {}
    return {
        naam: {cat: rij[f"{naam}__{cat}"] for cat, _ in CATEGORIEEN}
        for naam in metingen
    }


def _aantal(voorwaarde: Q, veld: str = "pk", distinct: bool = False):
    return lambda cat: Count(veld, filter=cat & voorwaarde, distinct=distinct)


# --- Cells and tables (JSON-safe) ------------------------------------------------------


def n(waarde) -> dict:
    """A number of persons (or cases): suppressed below the minimum when shown."""
    return {"n": int(waarde or 0)}


def pct(teller, noemer) -> dict:
    """A share of persons; suppressed when the denominator is below the minimum."""
    teller, noemer = int(teller or 0), int(noemer or 0)
    waarde = round(100 * teller / noemer, 1) if noemer else None
    return {"pct": waarde, "teller": teller, "noemer": noemer}


def euro(bedrag) -> dict:
    return {"euro": str(Decimal(bedrag or 0).quantize(Decimal("0.01")))}


def dagen(waarde, aantal) -> dict:
    """A median number of days over `aantal` persons."""
    return {
        "dagen": None if waarde is None else round(float(waarde), 1),
        "noemer": int(aantal or 0),
    }


def tekst(waarde: str) -> dict:
    return {"tekst": waarde}


def rij(label: str, cellen: list) -> dict:
    return {"label": label, "cellen": cellen}


def tabel(titel: str, rijen: list, kolommen=None, toelichting: str = "") -> dict:
    return {
        "titel": titel,
        "kolommen": kolommen or KOLOMMEN,
        "rijen": rijen,
        "toelichting": toelichting,
    }


def _rij_per_cat(label: str, waarden: dict, cel=n) -> dict:
    return rij(label, [cel(waarden[cat]) for cat, _ in CATEGORIEEN])


# --- The report ------------------------------------------------------------------------


class Periode:
    def __init__(self, jaar: int, kwartaal: int):
        if not 1 <= kwartaal <= 4:
            raise ValueError("Een kwartaal is 1 tot en met 4.")
        self.jaar, self.kwartaal = jaar, kwartaal
        self.begin = date(jaar, 3 * kwartaal - 2, 1)
        self.eind = periode_einde(self.begin, maanden=3)
        self.jaar_begin = date(jaar, 1, 1)

    @property
    def bereik(self) -> tuple[date, date]:
        return (self.begin, self.eind)

    @property
    def jaar_bereik(self) -> tuple[date, date]:
        return (self.jaar_begin, self.eind)


def laatste_afgesloten_kwartaal(vandaag: date) -> tuple[int, int]:
    """The quarter that ended most recently before `vandaag`."""
    kwartaal = (vandaag.month - 1) // 3  # the current one is this + 1
    return (vandaag.year, kwartaal) if kwartaal else (vandaag.year - 1, 4)


def dossiers(gemeente=None):
    """The inburgeraars the report counts (see the module docstring)."""
    qs = Inburgeraar.objects.filter(
        wet_regime=WetRegime.WI2021, start_inburgeringsplicht__isnull=False
    ).exclude(status=Status.ONTKOPPELD)
    return qs.filter(gemeente=gemeente) if gemeente is not None else qs


def _van(model, basis):
    return model.objects.filter(inburgeraar__in=basis.values("pk"))


def bereken(*, jaar: int, kwartaal: int, gemeente: Gemeente | None = None) -> dict:
    p = Periode(jaar, kwartaal)
    basis = dossiers(gemeente)
    parameters = _parameters(p, gemeente)
    secties = [
        _instroom(p, basis),
        _intake_en_pip(p, basis),
        _leerroutes(p, basis),
        _termijnen(p, basis),
        _ontzorgen_handhaving(p, basis),
    ]
    doelen, doelen_grafiek = _beleidsdoelen(p, basis, gemeente, parameters)
    geld, geld_grafiek = _geld(p, basis, gemeente, parameters)
    secties.insert(3, doelen)
    secties.append(geld)
    secties.append(_taakstelling(p, basis, gemeente, parameters))
    return {
        "jaar": jaar,
        "kwartaal": kwartaal,
        "gemeente": gemeente.naam if gemeente else None,
        "gebied": gemeente.naam if gemeente else "Regio De Liemers",
        "begin": p.begin.isoformat(),
        "peildatum": p.eind.isoformat(),
        "secties": secties,
        "grafieken": {
            "doelen": doelen_grafiek,
            "trechter": _trechter(p, basis),
            "geld": geld_grafiek,
        },
        "parameters": parameters,
    }


def _instroom(p: Periode, basis) -> dict:
    gestart = Q(start_inburgeringsplicht__lte=p.eind)
    metingen = {
        "instroom": _aantal(Q(start_inburgeringsplicht__range=p.bereik)),
        "instroom_jaar": _aantal(Q(start_inburgeringsplicht__range=p.jaar_bereik)),
        "uitstroom": _aantal(Q(afronding__voldaan_op__range=p.bereik)),
        "voorraad": _aantal(gestart & ~Q(status__in=EINDSTATUSSEN)),
    } | {
        f"status_{status}": _aantal(gestart & Q(status=status))
        for status in Status.values
        if status != Status.ONTKOPPELD
    }
    w = _per_categorie(basis, "", metingen)
    statussen = [
        _rij_per_cat(f"  {label}", w[f"status_{status}"])
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
                    _rij_per_cat(
                        "Nieuwe inburgeringsplichtigen (kwartaal)", w["instroom"]
                    ),
                    _rij_per_cat(
                        "Nieuwe inburgeringsplichtigen (jaar tot nu)",
                        w["instroom_jaar"],
                    ),
                    _rij_per_cat(
                        "Uitstroom: plicht voldaan (kwartaal)", w["uitstroom"]
                    ),
                    _rij_per_cat(
                        "Voorraad: begonnen, nog niet afgerond (huidige status)",
                        w["voorraad"],
                    ),
                ],
            ),
            tabel(
                "Stand per status",
                statussen,
                toelichting="De status bij het maken van het rapport, van iedereen "
                "wiens plicht op de peildatum was begonnen.",
            ),
        ],
    }


def _intake_en_pip(p: Periode, basis) -> dict:
    intakes = _per_categorie(
        _van(BredeIntake, basis),
        "inburgeraar__",
        {
            "gestart": _aantal(Q(gestart_op__range=p.bereik)),
            "afgerond": _aantal(
                Q(status=IntakeStatus.AFGEROND, afgerond_op__range=p.bereik)
            ),
        },
    )
    vastgesteld = Q(pip_vastgesteld_op__range=p.bereik)
    wachttijd = DagenTussen(
        F("pip_vastgesteld_op"),
        Coalesce("datum_kennisgeving", "start_inburgeringsplicht"),
    )
    pips = _per_categorie(
        basis,
        "",
        {
            "vastgesteld": _aantal(vastgesteld),
            "tijdig": _aantal(
                vastgesteld & Q(pip_vastgesteld_op__lte=F("pip_deadline"))
            ),
            "mediaan": lambda cat: Mediaan(wachttijd, filter=cat & vastgesteld),
            "te_laat": _aantal(
                Q(pip_deadline__lt=p.eind, start_inburgeringsplicht__lte=p.eind)
                & (
                    Q(pip_vastgesteld_op__isnull=True)
                    | Q(pip_vastgesteld_op__gt=p.eind)
                )
                & ~Q(status__in=EINDSTATUSSEN)
            ),
        },
    )
    return {
        "code": "intake_pip",
        "titel": "Brede intake en PIP",
        "tabellen": [
            tabel(
                "In het kwartaal",
                [
                    _rij_per_cat("Brede intakes gestart", intakes["gestart"]),
                    _rij_per_cat("Brede intakes afgerond", intakes["afgerond"]),
                    _rij_per_cat("PIP's vastgesteld", pips["vastgesteld"]),
                    rij(
                        "  waarvan binnen de termijn van 10 weken",
                        [
                            pct(pips["tijdig"][cat], pips["vastgesteld"][cat])
                            for cat, _ in CATEGORIEEN
                        ],
                    ),
                    rij(
                        "  mediaan aantal dagen van kennisgeving tot PIP",
                        [
                            dagen(pips["mediaan"][cat], pips["vastgesteld"][cat])
                            for cat, _ in CATEGORIEEN
                        ],
                    ),
                    _rij_per_cat("PIP te laat op de peildatum", pips["te_laat"]),
                ],
                toelichting="Binnen de termijn: vastgesteld uiterlijk op de "
                "PIP-deadline (10 weken, met opschorting).",
            )
        ],
    }


def _leerroutes(p: Periode, basis) -> dict:
    lopend = Q(start__lte=p.eind) & (Q(einde__isnull=True) | Q(einde__gte=p.eind))
    trajecten = _per_categorie(
        _van(Traject, basis),
        "inburgeraar__",
        {
            f"route_{route}": _aantal(
                lopend & Q(leerroute=route), "inburgeraar", distinct=True
            )
            for route in Leerroute.values
        }
        | {
            "wissels": _aantal(
                Q(einde__range=p.bereik, einde_reden=TrajectEinde.SCHAKELEN)
            )
        },
    )
    afschalen = _per_categorie(
        _van(Pip, basis),
        "inburgeraar__",
        {
            "afschalen": _aantal(
                Q(
                    status=PipStatus.VASTGESTELD,
                    reden=WijzigingReden.AFSCHALEN,
                    vastgesteld_op__date__range=p.bereik,
                )
            )
        },
    )
    afronding = _per_categorie(
        _van(Afronding, basis),
        "inburgeraar__",
        {
            "pvt": _aantal(Q(participatieverklaring_getekend_op__range=p.bereik)),
            "map": _aantal(Q(map_afgerond_op__range=p.bereik)),
            "z": _aantal(Q(z_eindgesprek_op__range=p.bereik)),
            "voldaan": _aantal(Q(voldaan_op__range=p.bereik)),
        },
    )
    geslaagd = Q(geslaagd=True, datum__range=p.bereik)
    examens = _per_categorie(
        _van(Examenpoging, basis),
        "inburgeraar__",
        {
            "knm": _aantal(
                geslaagd & Q(onderdeel=Examenonderdeel.KNM), "inburgeraar", True
            ),
            "taal": _aantal(geslaagd & ~Q(onderdeel=Examenonderdeel.KNM)),
        },
    )
    return {
        "code": "leerroutes",
        "titel": "Leerroutes en examens",
        "tabellen": [
            tabel(
                "Leerroute op de peildatum (lopend traject)",
                [
                    _rij_per_cat(label, trajecten[f"route_{route}"])
                    for route, label in Leerroute.choices
                ],
            ),
            tabel(
                "In het kwartaal",
                [
                    _rij_per_cat("Routewissels", trajecten["wissels"]),
                    _rij_per_cat("Afschalen van B1 naar A2", afschalen["afschalen"]),
                    _rij_per_cat(
                        "Participatieverklaring (PVT) getekend", afronding["pvt"]
                    ),
                    _rij_per_cat("MAP afgerond", afronding["map"]),
                    _rij_per_cat("KNM-examen gehaald (personen)", examens["knm"]),
                    _rij_per_cat("Taalexamens gehaald (examens)", examens["taal"]),
                    _rij_per_cat("Eindgesprekken Z-route", afronding["z"]),
                    _rij_per_cat("Inburgeringsplicht voldaan", afronding["voldaan"]),
                ],
            ),
        ],
    }


def _termijnen(p: Periode, basis) -> dict:
    niet_voldaan = (
        Q(inburgeraar__afronding__voldaan_op__isnull=True)
        | Q(inburgeraar__afronding__voldaan_op__gt=p.eind)
    ) & ~Q(inburgeraar__status__in=VERTROKKEN)
    termijnen = _per_categorie(
        _van(Inburgeringstermijn, basis),
        "inburgeraar__",
        {
            "binnen_6": _aantal(
                niet_voldaan
                & Q(einddatum__gte=p.eind, einddatum__lte=einde_na(p.eind, maanden=6))
            ),
            "binnen_12": _aantal(
                niet_voldaan
                & Q(einddatum__gte=p.eind, einddatum__lte=einde_na(p.eind, maanden=12))
            ),
            "overschreden": _aantal(niet_voldaan & Q(einddatum__lt=p.eind)),
        },
    )
    verlengingen = _per_categorie(
        Verlenging.objects.filter(termijn__inburgeraar__in=basis.values("pk")),
        "termijn__inburgeraar__",
        {"verlengd": _aantal(Q(besluitdatum__range=p.bereik))},
    )
    koers = _per_categorie(
        basis.filter(start_inburgeringsplicht__lte=p.eind).exclude(
            status__in=EINDSTATUSSEN
        ),
        "",
        {
            "op_koers": _aantal(Q(routestand__koers=KoersStatus.OP_KOERS)),
            "bekend": _aantal(MET_OORDEEL),
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
                    _rij_per_cat(
                        "Termijn eindigt binnen 6 maanden", termijnen["binnen_6"]
                    ),
                    _rij_per_cat(
                        "Termijn eindigt binnen 12 maanden", termijnen["binnen_12"]
                    ),
                    _rij_per_cat(
                        "Termijn verstreken, plicht niet voldaan",
                        termijnen["overschreden"],
                    ),
                    _rij_per_cat("Verlengingen (kwartaal)", verlengingen["verlengd"]),
                ],
                toelichting="Op koers: het oordeel bij het maken van het rapport.",
            )
        ],
    }


def _ontzorgen_handhaving(p: Periode, basis) -> dict:
    ontzorgen = _per_categorie(
        _van(Ontzorging, basis),
        "inburgeraar__",
        {
            "actief": _aantal(Q(startdatum__lte=p.eind, einddatum__gte=p.eind)),
            "gestart": _aantal(Q(startdatum__range=p.bereik)),
            "geeindigd": _aantal(Q(einddatum__range=p.bereik)),
        },
    )
    boete = Q(besluit=BesluitSoort.BOETE, besluit_op__range=p.bereik)
    zaken = _per_categorie(
        _van(Handhavingszaak, basis),
        "inburgeraar__",
        {
            "waarschuwingen": _aantal(Q(waarschuwing_op__range=p.bereik)),
            "boetes": _aantal(boete),
            "boetebedrag": lambda cat: Sum("boetebedrag", filter=cat & boete),
            "afgezien": _aantal(
                Q(besluit=BesluitSoort.AFZIEN, besluit_op__range=p.bereik)
            ),
            "bezwaren": _aantal(Q(bezwaar_ontvangen_op__range=p.bereik)),
        },
    )
    bezwaren = _per_categorie(
        Bezwaar.objects.filter(beschikking__inburgeraar__in=basis.values("pk")),
        "beschikking__inburgeraar__",
        {"ontvangen": _aantal(Q(ontvangen_op__range=p.bereik))},
    )
    return {
        "code": "ontzorgen_handhaving",
        "titel": "Ontzorgen en handhaving",
        "tabellen": [
            tabel(
                "Financieel ontzorgen",
                [
                    _rij_per_cat("Actief op de peildatum", ontzorgen["actief"]),
                    _rij_per_cat("Gestart (kwartaal)", ontzorgen["gestart"]),
                    _rij_per_cat("Geëindigd (kwartaal)", ontzorgen["geeindigd"]),
                ],
            ),
            tabel(
                "Handhaving en bezwaar (kwartaal)",
                [
                    _rij_per_cat("Waarschuwingen", zaken["waarschuwingen"]),
                    _rij_per_cat("Boetes opgelegd", zaken["boetes"]),
                    _rij_per_cat("Boetes: totaalbedrag", zaken["boetebedrag"], euro),
                    _rij_per_cat("Afgezien van een boete", zaken["afgezien"]),
                    _rij_per_cat("Bezwaren tegen een boete", zaken["bezwaren"]),
                    _rij_per_cat(
                        "Bezwaren tegen een PIP-beschikking", bezwaren["ontvangen"]
                    ),
                ],
            ),
        ],
    }


def _beleidsdoelen(p: Periode, basis, gemeente, parameters: dict):
    """Doel 1–3 per cohort of asielstatushouders, Doel 4 from the ketenoverleggen."""
    laatste_route = Subquery(
        Pip.objects.filter(
            inburgeraar=OuterRef("pk"),
            status=PipStatus.VASTGESTELD,
            vastgesteld_op__date__lte=p.eind,
        )
        .order_by("-versie")
        .values("leerroute")[:1]
    )
    cohorten = (
        basis.filter(
            doelgroep__in=asiel_doelgroepen(), start_inburgeringsplicht__lte=p.eind
        )
        .annotate(
            cohort=ExtractYear("start_inburgeringsplicht"),
            route=laatste_route,
            # "Within 2 (3) years": up to the last day of the period of 2 (3) years
            # from the start of the plicht, the anniversary itself is outside.
            grens2=Least(
                PeriodeEinde(F("start_inburgeringsplicht"), jaren=2), Value(p.eind)
            ),
            grens3=Least(
                PeriodeEinde(F("start_inburgeringsplicht"), jaren=3), Value(p.eind)
            ),
        )
        .values("cohort")
        .annotate(
            aantal=Count("pk"),
            in_b1_z=Count("pk", filter=Q(route__in=DOEL_ROUTES)),
            doel1=Count(
                "pk",
                filter=Q(
                    route__in=DOEL_ROUTES,
                    routestand__duurzaam_werk_sinds__lte=F("grens3"),
                ),
            ),
            doel2=Count("pk", filter=Q(routestand__meedoen_sinds__lte=F("grens2"))),
            doel3=Count("pk", filter=Q(afronding__voldaan_op__lte=F("grens3"))),
            op_koers=Count("pk", filter=Q(routestand__koers=KoersStatus.OP_KOERS)),
            koers_bekend=Count("pk", filter=MET_OORDEEL),
        )
        .order_by("cohort")
    )
    streef = {
        1: parameters["doel1_duurzaam_werk_pct"]["waarde"],
        2: parameters["doel2_meedoen_pct"]["waarde"],
        3: parameters["doel3_voldaan_pct"]["waarde"],
    }
    rijen, grafiek = [], {1: [], 2: [], 3: []}
    for c in cohorten:
        jaar = c["cohort"]
        # Final once the cohort's last member (start 31 December) had all the years.
        klaar2 = periode_einde(date(jaar, 12, 31), jaren=2) <= p.eind
        klaar3 = periode_einde(date(jaar, 12, 31), jaren=3) <= p.eind
        doelen = {
            1: pct(c["doel1"], c["in_b1_z"]),
            2: pct(c["doel2"], c["aantal"]),
            3: pct(c["doel3"], c["aantal"]),
        }
        rijen.append(
            rij(
                str(jaar),
                [
                    n(c["aantal"]),
                    doelen[1],
                    doelen[2],
                    doelen[3],
                    pct(c["op_koers"], c["koers_bekend"]),
                    tekst(
                        "definitief"
                        if klaar3
                        else ("Doel 2 definitief" if klaar2 else "tot nu toe")
                    ),
                ],
            )
        )
        for doel in (1, 2, 3):
            grafiek[doel].append({"label": str(jaar), **doelen[doel]})
    overleggen = Ketenoverleg.objects.filter(datum__year=p.jaar, datum__lte=p.eind)
    if gemeente is not None:
        overleggen = overleggen.filter(gemeenten=gemeente)
    overleggen = list(
        overleggen.distinct()
        .order_by("datum")
        .prefetch_related("partners")
        .only("datum", "onderwerp")
    )
    doel4_streef = parameters["doel4_ketenoverleggen"]["waarde"]
    doel4 = tabel(
        f"Doel 4: ketenoverleg in {p.jaar} (streven: minstens "
        f"{_getal(doel4_streef)} per jaar)",
        [
            rij(
                o.datum.strftime("%d-%m-%Y"),
                [
                    tekst(o.onderwerp),
                    tekst(", ".join(partner.naam for partner in o.partners.all())),
                ],
            )
            for o in overleggen
        ]
        + [
            rij(
                "Totaal",
                [
                    tekst(f"{len(overleggen)} van {_getal(doel4_streef)}"),
                    tekst(
                        "gehaald"
                        if len(overleggen) >= Decimal(doel4_streef)
                        else "nog niet gehaald"
                    ),
                ],
            )
        ],
        kolommen=["Onderwerp", "Aanwezige ketenpartners"],
    )
    sectie = {
        "code": "doelen",
        "titel": "Beleidsdoelen",
        "tabellen": [
            tabel(
                "Doel 1–3 per cohort (asielstatushouders)",
                rijen,
                kolommen=[
                    "Aantal in cohort",
                    f"Doel 1: duurzaam werk binnen 3 jaar (B1/Z, streven {_getal(streef[1])}%)",
                    f"Doel 2: meedoen binnen 2 jaar (streven {_getal(streef[2])}%)",
                    f"Doel 3: voldaan binnen 3 jaar (streven {_getal(streef[3])}%)",
                    "Op koers",
                    "Stand",
                ],
                toelichting="Cohort: het jaar waarin de plicht begon. Zolang een "
                "cohort zijn 2 of 3 jaar nog niet heeft gehad, is het percentage de "
                "stand tot nu toe; 'op koers' laat zien hoeveel er op schema liggen.",
            ),
            doel4,
        ],
    }
    doelen_grafiek = [
        {
            "titel": titel,
            "streef": float(streef[doel]),
            "staven": grafiek[doel],
        }
        for doel, titel in (
            (1, "Doel 1: in duurzaam werk binnen 3 jaar (B1/Z)"),
            (2, "Doel 2: meedoen binnen 2 jaar"),
            (3, "Doel 3: voldaan binnen 3 jaar"),
        )
    ]
    return sectie, doelen_grafiek


def _trechter(p: Periode, basis) -> list:
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
        voldaan=Count("pk", filter=Q(afronding__voldaan_op__lte=p.eind)),
    )
    return [
        {"label": "Inburgeringsplichtig", "n": rij_["signaal"]},
        {"label": "Brede intake gestart", "n": rij_["intake"]},
        {"label": "PIP vastgesteld", "n": rij_["pip"]},
        {"label": "In een leerroute", "n": rij_["traject"]},
        {"label": "Plicht voldaan", "n": rij_["voldaan"]},
    ]


def _spuk_bedrag():
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


def _per_kwartaal(qs, datumveld: str, som) -> dict[int, Decimal]:
    return {
        r["kw"]: r["som"] or Decimal(0)
        for r in qs.annotate(kw=ExtractQuarter(datumveld))
        .values("kw")
        .annotate(som=som)
        .order_by("kw")
    }


def _geld(p: Periode, basis, gemeente, parameters: dict):
    """Money of the year up to the peildatum: SPUK income (persons whose plicht
    started this year × the dated amount), committed (contract price of the
    trajecten started) and spent (hours attended × the contract's hourly price of
    the onderdeel); uitvoeringskosten against the budget."""
    spuk_qs = basis.filter(start_inburgeringsplicht__range=p.jaar_bereik).annotate(
        spuk=_spuk_bedrag()
    )
    spuk = _per_categorie(
        spuk_qs,
        "",
        {
            "bedrag": lambda cat: Sum("spuk", filter=cat),
            "personen": lambda cat: Count("pk", filter=cat),
        },
    )
    spuk_kw = _per_kwartaal(spuk_qs, "start_inburgeringsplicht", Sum("spuk"))
    trajecten = _van(Traject, basis).filter(ingekocht=True, start__range=p.jaar_bereik)
    gecommitteerd = _per_categorie(
        trajecten,
        "inburgeraar__",
        {"bedrag": lambda cat: Sum("contract__prijs_route", filter=cat)},
    )
    gecommitteerd_kw = _per_kwartaal(trajecten, "start", Sum("contract__prijs_route"))
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
        _van(Urenregistratie, basis)
        .filter(maand__range=p.jaar_bereik)
        .annotate(
            kosten=ExpressionWrapper(
                F("uren_aanwezig") * uurprijs,
                output_field=DecimalField(max_digits=14, decimal_places=4),
            )
        )
    )
    uitgegeven = _per_categorie(
        uren, "inburgeraar__", {"bedrag": lambda cat: Sum("kosten", filter=cat)}
    )
    uitgegeven_kw = _per_kwartaal(uren, "maand", Sum("kosten"))

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
                _rij_per_cat("Inburgeringsplichtigen voor de SPUK", spuk["personen"]),
                _rij_per_cat("SPUK-inkomsten", spuk["bedrag"], euro),
                _rij_per_cat(
                    "Gecommitteerd (contractprijs gestarte trajecten)",
                    gecommitteerd["bedrag"],
                    euro,
                ),
                _rij_per_cat(
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


def _taakstelling(p: Periode, basis, gemeente, parameters: dict) -> dict:
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
                    tekst("niet ingesteld") if doel is None else tekst(_getal(doel)),
                    tekst("—") if verwacht is None else tekst(_getal(round(verwacht))),
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
                    f"Waarvan inburgeringsplichtig verwacht ({_getal(aandeel)}%)",
                    "Gehuisvest en inburgeringsplichtig",
                ],
            )
        ],
    }


def pct_van_budget(besteed, budget) -> dict:
    if not budget or Decimal(budget) == 0:
        return tekst("—")
    return tekst(f"{_getal(round(100 * Decimal(besteed or 0) / Decimal(budget), 1))}%")


def _getal(waarde) -> str:
    """A number without trailing zeros, Dutch decimal comma."""
    d = Decimal(str(waarde)).normalize()
    tekst_ = f"{d:f}"
    return tekst_.replace(".", ",")


# --- Parameters used -------------------------------------------------------------------


def _parameters(p: Periode, gemeente) -> dict:
    """Every parameter the report uses, with its value and source (stored with the
    report). One query: all candidate rows, the best picked here. Per-gemeente
    amounts are summed over the gemeenten for the region; None when no row exists."""
    gemeenten = [gemeente] if gemeente is not None else list(Gemeente.objects.all())
    rijen = list(
        Parameter.objects.filter(code__in=ALGEMENE_PARAMETERS + GEMEENTE_PARAMETERS)
        .filter(geldig_vanaf__lte=p.eind)
        .order_by("-geldig_vanaf")
    )

    def beste(code: str, op: date, gemeente_id=None):
        kandidaten = [
            r
            for r in rijen
            if r.code == code
            and r.geldig_vanaf <= op
            and (r.geldig_tot is None or r.geldig_tot >= op)
            and r.gemeente_id in (gemeente_id, None)
        ]
        kandidaten.sort(
            key=lambda r: (r.gemeente_id is None, -r.geldig_vanaf.toordinal())
        )
        return kandidaten[0] if kandidaten else None

    uitkomst = {}
    for code in ALGEMENE_PARAMETERS:
        gevonden = beste(code, p.eind)
        uitkomst[code] = {
            "waarde": str(gevonden.waarde if gevonden else DEFAULTS[code].waarde),
            "bron": gevonden.bron if gevonden else f"Standaard: {DEFAULTS[code].bron}",
            "geldig_vanaf": gevonden.geldig_vanaf.isoformat() if gevonden else None,
            "omschrijving": DEFAULTS[code].omschrijving,
        }

    def som(code: str, op: date):
        gevonden = [beste(code, op, g.pk) for g in gemeenten]
        gevonden = [r for r in gevonden if r is not None]
        if not gevonden:
            return None, []
        return str(sum(r.waarde for r in gevonden)), gevonden

    for code, op in (
        ("uitvoeringskosten_budget", p.eind),
        ("invoeringskosten", p.eind),
    ):
        waarde, gevonden = som(code, op)
        uitkomst[code] = {
            "waarde": waarde,
            "bron": "; ".join(sorted({r.bron for r in gevonden})) or "niet ingesteld",
            "omschrijving": DEFAULTS[code].omschrijving,
        }
    halfjaren = [date(p.jaar, 1, 1), date(p.jaar, 7, 1)]
    per_halfjaar, bronnen = [], set()
    for begin in halfjaren:
        waarde, gevonden = som("taakstelling_huisvesting", begin)
        per_halfjaar.append(waarde)
        bronnen |= {r.bron for r in gevonden}
    uitkomst["taakstelling_huisvesting"] = {
        "waarde": per_halfjaar[0],
        "per_halfjaar": per_halfjaar,
        "bron": "; ".join(sorted(bronnen)) or "niet ingesteld",
        "omschrijving": DEFAULTS["taakstelling_huisvesting"].omschrijving,
    }
    return uitkomst
