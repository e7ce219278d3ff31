"""The werkvoorraad's list: its filters read all four apps (the dossier, pip_plans'
ontzorgen and handhaving, leerroutes' routestand), so they live here, in the
highest app they read."""

from datetime import date, timedelta

from django.db.models import F

from intake.models import GESLOTEN_STATUSSEN, Inburgeraar
from intake.models.dossier import gesloten
from intake.rules import DeadlineStatus
from leerroutes.rules.koers import GESPREK_TE_DOEN_DAGEN
from pip_plans.models import Handhavingszaak
from pip_plans.selectors import met_aandacht

from .signalering import ONTZORGEN_EINDIGT_DAGEN

# The status filter's choice for every dossier whose plicht has not ended here.
OPEN_WERK = ("open", "Open werk (niet afgesloten)")

# The "Ontzorgen en handhaving" filter.
AANDACHT_CHOICES = [
    ("ontzorgen", "Ontzorgen loopt"),
    ("ontzorgen_eindigt", "Ontzorgen eindigt binnen 4 weken"),
    ("handhaving", "Handhavingszaak loopt"),
    ("samenloop", "Samenloop met Participatiewet"),
]

# The "PIP-deadline" filter: the urgencies of rules.deadline_status, for open
# dossiers only (InburgeraarQuerySet.met_pip_deadline_status).
PIP_DEADLINE_CHOICES = [
    (DeadlineStatus.TE_LAAT.value, "Te laat"),
    (DeadlineStatus.MINDER_DAN_2_WEKEN.value, "Binnen 2 weken"),
    (DeadlineStatus.MINDER_DAN_4_WEKEN.value, "Over 2 tot 4 weken"),
    (DeadlineStatus.ONBEKEND.value, "Geen deadline (onbekend of opgeschort)"),
]

SORT_CHOICES = [
    ("naam", "Naam (A-Z)"),
    ("pip_deadline", "Dagen tot PIP-deadline"),
    ("-naam", "Naam (Z-A)"),
    ("-kennisgeving", "Kennisgeving (nieuwste eerst)"),
    ("kennisgeving", "Kennisgeving (oudste eerst)"),
    ("gemeente", "Gemeente"),
    ("status", "Status"),
    ("-gewijzigd", "Laatst gewijzigd"),
]
SORT_ORDERINGS = {
    "naam": ["achternaam", "voornamen", "id"],
    # Dossiers without a running deadline (closed or moved, vastgesteld, suspended,
    # unknown) last.
    "pip_deadline": [
        gesloten().asc(),
        F("pip_vastgesteld_op").asc(nulls_first=True),
        F("pip_deadline").asc(nulls_last=True),
        "achternaam",
        "id",
    ],
    "-naam": ["-achternaam", "-voornamen", "id"],
    "-kennisgeving": ["-datum_kennisgeving", "achternaam", "id"],
    "kennisgeving": ["datum_kennisgeving", "achternaam", "id"],
    "gemeente": ["gemeente__naam", "achternaam", "id"],
    "status": ["status", "achternaam", "id"],
    "-gewijzigd": ["-gewijzigd_op", "id"],
}


def aandacht(dossiers, soort: str, vandaag: date):
    """Dossiers with a running ontzorgen period, one ending soon, an open
    handhavingszaak, or samenloop."""
    if soort == "ontzorgen":
        return dossiers.filter(
            ontzorging__startdatum__lte=vandaag, ontzorging__einddatum__gte=vandaag
        )
    if soort == "ontzorgen_eindigt":
        return dossiers.filter(
            ontzorging__einddatum__range=(
                vandaag,
                vandaag + timedelta(days=ONTZORGEN_EINDIGT_DAGEN),
            )
        )
    if soort == "handhaving":
        return dossiers.filter(
            pk__in=Handhavingszaak.objects.lopend().values("inburgeraar_id")
        )
    if soort == "samenloop":
        return dossiers.filter(pk__in=Handhavingszaak.objects.samenloop_dossiers())
    return dossiers


def gefilterd(dossiers, filters: dict, *, user, vandaag: date):
    """Apply the werkvoorraad filters (as saved in WerkvoorraadVoorkeur)."""
    if filters.get("gemeente"):
        dossiers = dossiers.filter(gemeente_id=filters["gemeente"])
    if filters.get("doelgroep"):
        dossiers = dossiers.filter(doelgroep=filters["doelgroep"])
    if filters.get("status") == OPEN_WERK[0]:
        dossiers = dossiers.exclude(status__in=GESLOTEN_STATUSSEN)
    elif filters.get("status"):
        dossiers = dossiers.filter(status=filters["status"])
    if filters.get("casusregisseur"):
        dossiers = dossiers.filter(casusregisseur_id=filters["casusregisseur"])
    if filters.get("alleen_mijn"):
        dossiers = dossiers.filter(casusregisseur=user)
    if filters.get("koers"):
        dossiers = dossiers.filter(routestand__koers=filters["koers"])
    if filters.get("gesprek_te_doen"):
        tot = vandaag + timedelta(days=GESPREK_TE_DOEN_DAGEN)
        dossiers = dossiers.filter(routestand__volgend_voortgangsgesprek__lte=tot)
    if filters.get("aandacht"):
        dossiers = aandacht(dossiers, filters["aandacht"], vandaag)
    if filters.get("pip_deadline"):
        dossiers = dossiers.met_pip_deadline_status(filters["pip_deadline"], vandaag)
    return dossiers


def werkvoorraad(user, filters: dict, zoek: dict, *, vandaag: date):
    """The user's dossiers as the werkvoorraad lists them on `vandaag`: filtered,
    searched, sorted, with the columns of every app in the same query."""
    dossiers = gefilterd(
        Inburgeraar.objects.visible_to(user), filters, user=user, vandaag=vandaag
    )
    if zoek:
        dossiers = dossiers.search(zoek)
    ordering = SORT_ORDERINGS.get(
        filters.get("sorteer") or "naam", SORT_ORDERINGS["naam"]
    )
    return met_aandacht(dossiers.for_list()).order_by(*ordering)
