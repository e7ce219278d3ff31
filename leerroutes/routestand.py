"""Derive each person's Routestand (on-track, hours, participation goals, next
voortgangsgesprek) from what is recorded, for many people at once.

The number of queries is fixed per batch, whatever the number of people or rows:
the daily job and a 10,000-row hours import use the same function as a single
change on the dossier page.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from intake.models import Inburgeraar
from pip_plans.models import Inburgeringstermijn
from pip_plans.selectors import geldende_pips
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.termijnen import maand_begin, maanden_later

from .models import (
    Afronding,
    Examenpoging,
    Onderdeel,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from .rules.koers import GESPREK_TE_DOEN_DAGEN, op_koers
from .rules.participatie import duurzaam_werk_sinds, meedoen_sinds

# The course hours that the on-track rule weighs against the traject's plan:
# language, KNM and the taalschakeltraject (not PVT, MAP or participation).
CURSUS_ONDERDELEN = (Onderdeel.NT2, Onderdeel.KNM, Onderdeel.TAALSCHAKEL)
# Attendance is taken over the last months with scheduled hours.
AANWEZIGHEID_MAANDEN = 3
BATCH = 2000


def _per_persoon(rows, key="inburgeraar_id") -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[key] if isinstance(row, dict) else getattr(row, key)].append(row)
    return grouped


def routestand_bijwerken(
    inburgeraar_ids: Iterable, *, vandaag: date | None = None
) -> int:
    """Recompute and store the Routestand of these people; returns how many."""
    vandaag = vandaag or timezone.localdate()
    ids = list(dict.fromkeys(inburgeraar_ids))
    for begin in range(0, len(ids), BATCH):
        _batch(ids[begin : begin + BATCH], vandaag)
    return len(ids)


def alle_routestanden_bijwerken(*, vandaag: date | None = None) -> int:
    """Every dossier with a termijn or any participation (the daily job: time alone
    changes the judgement)."""
    ids = Inburgeraar.objects.filter(
        Q(termijn__isnull=False) | Q(participatieactiviteiten__isnull=False)
    ).values_list("pk", flat=True)
    return routestand_bijwerken(ids.distinct(), vandaag=vandaag)


def _batch(ids: list, vandaag: date) -> None:
    termijnen = {
        t.inburgeraar_id: t
        for t in Inburgeringstermijn.objects.filter(inburgeraar__in=ids)
    }
    pips = geldende_pips(ids)
    open_trajecten = {
        t.inburgeraar_id: t
        for t in Traject.objects.filter(
            inburgeraar__in=ids, einde__isnull=True
        ).prefetch_related("onderdelen")
    }
    gevolgd = {
        row["inburgeraar_id"]: row["totaal"]
        for row in Urenregistratie.objects.filter(
            inburgeraar__in=ids, onderdeel__in=CURSUS_ONDERDELEN
        )
        .values("inburgeraar_id")
        .annotate(totaal=Sum("uren_aanwezig"))
    }
    recent = maanden_later(maand_begin(vandaag), -AANWEZIGHEID_MAANDEN)
    aanwezigheid_uren = {
        row["inburgeraar_id"]: row
        for row in Urenregistratie.objects.filter(
            inburgeraar__in=ids,
            onderdeel__in=CURSUS_ONDERDELEN,
            maand__gte=recent,
            uren_geroosterd__gt=0,
        )
        .values("inburgeraar_id")
        .annotate(aanwezig=Sum("uren_aanwezig"), geroosterd=Sum("uren_geroosterd"))
    }
    rapportages: dict = {}
    for rapportage in Voortgangsrapportage.objects.filter(inburgeraar__in=ids).order_by(
        "inburgeraar", "-datum", "-vastgelegd_op"
    ):
        rapportages.setdefault(rapportage.inburgeraar_id, rapportage)
    examens = _per_persoon(Examenpoging.objects.filter(inburgeraar__in=ids))
    activiteiten = _per_persoon(
        Participatieactiviteit.objects.filter(inburgeraar__in=ids)
    )
    afrondingen = {
        a.inburgeraar_id: a for a in Afronding.objects.filter(inburgeraar__in=ids)
    }
    gesprekken = dict(
        Voortgangsgesprek.objects.filter(
            inburgeraar__in=ids, gehouden_op__isnull=True
        ).values_list("inburgeraar_id", "gepland_op")
    )

    standen = []
    for pk in ids:
        termijn = termijnen.get(pk)
        pip = pips.get(pk)
        traject = open_trajecten.get(pk)
        afronding = afrondingen.get(pk)
        norm = (
            sum(
                o.geplande_uren
                for o in traject.onderdelen.all()
                if o.onderdeel in CURSUS_ONDERDELEN
            )
            if traject
            else 0
        )
        uren = gevolgd.get(pk) or Decimal(0)
        koers, redenen = "", []
        if afronding is not None and afronding.voldaan_op is not None:
            redenen = [
                f"inburgeringsplicht voldaan op {datum_tekst(afronding.voldaan_op)}"
            ]
        elif termijn is not None and pip is not None:
            oordeel = op_koers(
                vandaag=vandaag,
                termijn_start=termijn.startdatum,
                termijn_einde=termijn.einddatum,
                leerroute=pip.leerroute,
                traject_loopt=traject is not None,
                uren_gevolgd=uren,
                uren_norm=norm,
                aanwezigheid_pct=_aanwezigheid(
                    aanwezigheid_uren.get(pk), rapportages.get(pk)
                ),
                laatste_voortgang_niveaus=(
                    rapportages[pk].niveaus() if pk in rapportages else {}
                ),
                examenpogingen=[e.als_regel() for e in examens.get(pk, [])],
                doel_niveau=pip.taalniveau or None,
            )
            koers, redenen = (oordeel.status or ""), list(oordeel.redenen)
        regels = [a.als_regel() for a in activiteiten.get(pk, [])]
        standen.append(
            Routestand(
                inburgeraar_id=pk,
                koers=koers,
                koers_redenen=redenen,
                uren_gevolgd=uren,
                uren_norm=norm,
                duurzaam_werk_sinds=duurzaam_werk_sinds(regels, op=vandaag),
                meedoen_sinds=meedoen_sinds(regels, op=vandaag),
                volgend_voortgangsgesprek=gesprekken.get(pk),
                berekend_op=vandaag,
            )
        )
    Routestand.objects.bulk_create(
        standen,
        update_conflicts=True,
        unique_fields=["inburgeraar"],
        update_fields=[
            "koers",
            "koers_redenen",
            "uren_gevolgd",
            "uren_norm",
            "duurzaam_werk_sinds",
            "meedoen_sinds",
            "volgend_voortgangsgesprek",
            "berekend_op",
        ],
    )


def _aanwezigheid(uren: dict | None, rapportage) -> Decimal | None:
    """Attendance over the recent months' scheduled hours; else the aanbieder's last
    reported figure; else unknown."""
    if uren and uren["geroosterd"]:
        return uren["aanwezig"] * 100 / uren["geroosterd"]
    if rapportage is not None and rapportage.aanwezigheid_pct is not None:
        return Decimal(rapportage.aanwezigheid_pct)
    return None


def gesprek_te_doen_tot(vandaag: date) -> date:
    """Voortgangsgesprekken planned up to two weeks ahead count as due."""
    return vandaag + timedelta(days=GESPREK_TE_DOEN_DAGEN)
