"""Beleidsdoelen: Doel 1-3 per cohort of asielstatushouders, Doel 4 from the
ketenoverleggen."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, Value
from django.db.models.functions import ExtractYear, Least

from intake.models import Status
from leerroutes.models import KoersStatus
from monitoring.models import Ketenoverleg
from pip_plans.selectors import geldende_pip_waarde
from zevenaar_inburgering.nl import datum_tekst, getal
from zevenaar_inburgering.termijnen import PeriodeEinde, periode_einde

from .basis import (
    DOEL_ROUTES,
    MET_OORDEEL,
    Periode,
    asiel_doelgroepen,
    plicht_hier_geeindigd,
)
from .cellen import n, pct, rij, tabel, tekst


def beleidsdoelen_sectie(p: Periode, basis, gemeente, parameters: dict):
    """Doel 1–3 per cohort of asielstatushouders, Doel 4 from the ketenoverleggen."""
    laatste_route = geldende_pip_waarde("leerroute", op=p.eind)
    cohorten = (
        basis.filter(
            doelgroep__in=asiel_doelgroepen(), start_inburgeringsplicht__lte=p.eind
        )
        # Whose plicht ended here without meeting it leaves the bases from then.
        .exclude(plicht_hier_geeindigd(p.eind))
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
            # The cheap column tests first: PostgreSQL evaluates the FILTER's AND
            # in this order and stops at the first false (a NULL does not stop
            # it, hence "is not null"), so the PIP subquery runs only for those
            # with work (at 100,000 dossiers it ran once more for every dossier).
            doel1=Count(
                "pk",
                filter=Q(routestand__duurzaam_werk_sinds__isnull=False)
                & Q(routestand__duurzaam_werk_sinds__lte=F("grens3"))
                & Q(route__in=DOEL_ROUTES),
            ),
            doel2=Count("pk", filter=Q(routestand__meedoen_sinds__lte=F("grens2"))),
            # By the date of the voldaan event (the rule or DUO's decision).
            doel3=Count(
                "pk",
                filter=Q(status=Status.AFGEROND_VOLDAAN, status_sinds__lte=F("grens3")),
            ),
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
            # Doel 1's base is only those with the B1- or Z-route: without any,
            # there is no share, and the cell says why.
            1: pct(
                c["doel1"],
                c["in_b1_z"],
                zonder_basis="niemand in dit cohort heeft de B1- of Z-route",
            ),
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
        f"{getal(doel4_streef)} per jaar)",
        [
            rij(
                datum_tekst(o.datum),
                [
                    tekst(o.onderwerp),
                    tekst(", ".join(partner.naam for partner in o.partners.all())),
                ],
            )
            for o in overleggen
        ]
        + [
            # The target is a minimum, not a total to count against: "3 van 2"
            # read as three of two meetings.
            rij(
                "Totaal",
                [
                    tekst(
                        f"{len(overleggen)} "
                        f"{'overleg' if len(overleggen) == 1 else 'overleggen'} "
                        "gehouden"
                    ),
                    tekst(
                        f"streven (minstens {getal(doel4_streef)}) "
                        + (
                            "gehaald"
                            if len(overleggen) >= Decimal(doel4_streef)
                            else "nog niet gehaald"
                        )
                    ),
                ],
            )
        ],
        kolommen=["Onderwerp", "Aanwezige ketenpartners"],
        toelichting=""
        if gemeente is not None
        else "Voor de regio: elk overleg waaraan ten minste één van de gemeenten "
        "deelnam, één keer geteld.",
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
                    f"Doel 1: duurzaam werk binnen 3 jaar (B1/Z, streven {getal(streef[1])}%)",
                    f"Doel 2: meedoen binnen 2 jaar (streven {getal(streef[2])}%)",
                    f"Doel 3: voldaan binnen 3 jaar (streven {getal(streef[3])}%)",
                    "Op koers",
                    "Stand",
                ],
                toelichting="Cohort: het jaar waarin de plicht begon. Zolang een "
                "cohort zijn 2 of 3 jaar nog niet heeft gehad, is het percentage de "
                "stand tot nu toe; 'op koers' laat zien hoeveel er op schema liggen. "
                "Doel 1 telt alleen de asielstatushouders van wie het PIP op de "
                "peildatum de B1- of Z-route vaststelt (de onderwijsroute en de "
                "A2-route horen er niet bij); heeft niemand in het cohort die route, "
                "dan is er geen percentage en staat er '—' met de reden.",
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
