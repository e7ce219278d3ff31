"""What every section of the kwartaalrapportage counts with: the categories, the
dossiers counted, the quarter, and the SQL helpers that count per categorie in one
query (see monitoring/rapportage/cijfers.py for the definitions)."""

from datetime import date

from django.conf import settings
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from intake.models import (
    GESLOTEN_STATUSSEN,
    Inburgeraar,
    Leerroute,
    Status,
    Statuswijziging,
    WetRegime,
)
from leerroutes.models import KoersStatus
from zevenaar_inburgering.termijnen import periode_einde

CATEGORIEEN = [
    ("asiel", "Asielstatushouders"),
    ("gezin_overig", "Gezins- en overige migranten"),
    ("totaal", "Totaal"),
]
KOLOMMEN = [label for _, label in CATEGORIEEN]
# Left the plicht without meeting it (no longer anybody's termijn to watch).
VERTROKKEN = [s for s in GESLOTEN_STATUSSEN if s != Status.AFGEROND_VOLDAAN]
DOEL_ROUTES = [Leerroute.B1, Leerroute.Z]
# A Routestand without a judgement has koers "" (nothing to judge yet).
MET_OORDEEL = Q(routestand__koers__in=KoersStatus.values)


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


def categorie_q(categorie: str, pad: str) -> Q:
    if categorie == "totaal":
        return Q()
    asiel = Q(**{f"{pad}doelgroep__in": asiel_doelgroepen()})
    return asiel if categorie == "asiel" else ~asiel


def per_categorie(qs, pad: str, metingen: dict) -> dict:
    """One query: for every meting (name -> function of a filter Q giving an
    aggregate) its value per categorie and in total."""
    aggregaten = {
        f"{naam}__{cat}": maak(categorie_q(cat, pad))
        for naam, maak in metingen.items()
        for cat, _ in CATEGORIEEN
    }
    rij = qs.aggregate(**aggregaten) if aggregaten else {}
    return {
        naam: {cat: rij[f"{naam}__{cat}"] for cat, _ in CATEGORIEEN}
        for naam in metingen
    }


def aantal(voorwaarde: Q, veld: str = "pk", distinct: bool = False):
    return lambda cat: Count(veld, filter=cat & voorwaarde, distinct=distinct)


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

    def voorlopig_op(self, stand: date) -> bool:
        """Provisional: on `stand`, the date the data were read, the quarter had not
        ended (its last day counts as not ended: entries of that day may follow),
        so the figures can still change."""
        return stand <= self.eind


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


def plicht_hier_geeindigd(op: date, pad: str = "") -> Q:
    """Left the plicht here on or before `op` without meeting it: moved, ended,
    exempted or ontheven, by the date of that event (intake.models.status). From that
    date the person leaves the route counts, the op-koers base and the bases of the
    policy goals. A dossier closed before status events existed and without a
    known date counts as ended (as the report always counted it)."""
    return Q(**{f"{pad}status__in": VERTROKKEN}) & _sinds_tot(op, pad)


def voldaan_tot(op: date, pad: str = "") -> Q:
    """Met the plicht on or before `op`, by the date of the voldaan event (the rule
    or DUO's decision)."""
    return Q(**{f"{pad}status": Status.AFGEROND_VOLDAAN}) & _sinds_tot(op, pad)


def in_voorraad(op: date) -> Q:
    """The stock on `op`: the plicht had started and had not ended (by the date of
    the event that ended it)."""
    return Q(start_inburgeringsplicht__lte=op) & ~(
        Q(status__in=GESLOTEN_STATUSSEN) & _sinds_tot(op)
    )


def status_op(op: date):
    """The status on `op`: the current one when it was reached by then (or its date
    is unknown); otherwise the status the first later event changed (its
    `vorige_status`), so a report on an earlier quarter shows who was where then."""
    eerste_latere = Statuswijziging.objects.filter(
        inburgeraar=OuterRef("pk"), datum__gt=op
    ).order_by("datum", "vastgelegd_op")
    return Case(
        When(_sinds_tot(op), then=F("status")),
        default=Coalesce(
            Subquery(eerste_latere.values("vorige_status")[:1]), F("status")
        ),
    )


def _sinds_tot(op: date, pad: str = "") -> Q:
    return Q(**{f"{pad}status_sinds__lte": op}) | Q(
        **{f"{pad}status_sinds__isnull": True}
    )


def dossiers_wi2013(gemeente=None):
    """The Wi2013 dossiers kept for guidance: counted in their own stock only."""
    qs = Inburgeraar.objects.filter(wet_regime=WetRegime.WI2013).exclude(
        status=Status.ONTKOPPELD
    )
    return qs.filter(gemeente=gemeente) if gemeente is not None else qs


def van(model, basis):
    return model.objects.filter(inburgeraar__in=basis.values("pk"))
