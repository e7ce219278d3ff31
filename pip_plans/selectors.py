"""What pip_plans reads of the intake app: the brede intake the PIP needs, and the
dossier as the pages of pip_plans and the apps above it show it."""

from datetime import date

from django.db import models
from django.db.models import OuterRef, Subquery

from intake.models import (
    GESLOTEN_STATUSSEN,
    BredeIntake,
    Document,
    Inburgeraar,
    WetRegime,
)
from intake.views import get_dossier as intake_get_dossier
from pip_plans.models import (
    ROUTE_WIJZIGENDE_REDENEN,
    Handhavingszaak,
    Inburgeringstermijn,
    InkomendeVerhuizing,
    Pip,
    PipStatus,
)


def actieve_intake(inburgeraar: Inburgeraar) -> BredeIntake | None:
    return BredeIntake.objects.filter(
        inburgeraar=inburgeraar, vervangen_op__isnull=True
    ).first()


def route_advies_voor(inburgeraar: Inburgeraar):
    """The route advice of the completed intake, or None."""
    intake = actieve_intake(inburgeraar)
    if intake is None or not intake.is_afgerond:
        return None
    return intake.route_advies()


# --- The dossier as pages of pip_plans and above show it ------------------------------


def met_aandacht(dossiers):
    """Annotate an Inburgeraar queryset with `handhaving_lopend` and
    `heeft_samenloop` (one Exists each, in the same query): the badges of the dossier
    tabs and the werkvoorraad's "Ontzorgen en handhaving" column."""
    zaken = Handhavingszaak.objects.filter(inburgeraar=models.OuterRef("pk"))
    return dossiers.annotate(
        handhaving_lopend=models.Exists(zaken.lopend()),
        heeft_samenloop=models.Exists(
            Handhavingszaak.objects.samenloop_dossiers().filter(
                inburgeraar_id=models.OuterRef("pk")
            )
        ),
    )


def documenten_zichtbaar(user) -> models.Prefetch:
    """For prefetch_related on bezwaren or zaken: their documents the user may see
    (Document.visible_to: a medical statement only for GEZONDHEID_ROLES)."""
    return models.Prefetch("documenten", queryset=Document.objects.visible_to(user))


def get_dossier(request, pk) -> Inburgeraar:
    """intake's get_dossier (scope, 404) with the handhaving badges of the tabs."""
    return intake_get_dossier(request, pk, annoteer=met_aandacht)


# --- The termijn that ended -------------------------------------------------------------


def termijnen_verstreken_zonder_besluit(vandaag: date):
    """The Wi2021 termijnen that ended before `vandaag` while the dossier is still
    open (the plicht not voldaan, no ontheffing or vrijstelling: GESLOTEN_STATUSSEN)
    and on which nobody has decided yet: the college should decide what follows
    (Te doen's "termijn verstreken" and the Handhaving tab; issue 19).

    The einddatum (DUO's verlengingen included) is the termijn's last day: the
    inburgeraar still has that whole day, so the prompt starts the day after. What
    ends it:
    - a DUO verlenging moves the einddatum past `vandaag`;
    - an ontheffing, vrijstelling or voldaan closes the dossier;
    - a handhavingszaak of the dossier opened after the end, whatever its outcome.
      The prompt asks for a decision, not for a fine: a zaak in which the college
      decides to afzien (Awb 5:41, the person is not to blame) settles it as well.
    A Wi2013 dossier has no Wi2021 termijn to judge (DOMAIN §13.5)."""
    besluit_na_einde = Handhavingszaak.objects.filter(
        inburgeraar=OuterRef("inburgeraar"),
        aangemaakt_op__date__gt=OuterRef("einddatum"),
    )
    return (
        Inburgeringstermijn.objects.filter(
            einddatum__lt=vandaag, inburgeraar__wet_regime=WetRegime.WI2021
        )
        .exclude(inburgeraar__status__in=GESLOTEN_STATUSSEN)
        .exclude(models.Exists(besluit_na_einde))
    )


# --- The PIP in force ------------------------------------------------------------------


def _vastgesteld(pips=None, *, op: date | None = None):
    qs = (Pip.objects.all() if pips is None else pips).filter(
        status=PipStatus.VASTGESTELD
    )
    return qs if op is None else qs.filter(vastgesteld_op__date__lte=op)


def geldende_pip(inburgeraar: Inburgeraar, *, pips=None) -> Pip | None:
    """The PIP version in force: the last one vastgesteld. `pips`: where to look (a
    queryset scoped with visible_to, say); default every PIP."""
    return (
        _vastgesteld(pips).filter(inburgeraar=inburgeraar).order_by("-versie").first()
    )


def vaste_leerroute(pip: Pip) -> str | None:
    """The leerroute a concept PIP must keep, or None when it may choose one. A
    change other than schakelen or a herziening na bezwaar keeps the route of the
    version in force; the first PIP here after an incoming verhuizing keeps the route
    the previous gemeente set (DOMAIN §3.4, rule 7)."""
    vorige = geldende_pip(pip.inburgeraar)
    if vorige is not None:
        return None if pip.reden in ROUTE_WIJZIGENDE_REDENEN else vorige.leerroute
    verhuizing = InkomendeVerhuizing.objects.filter(inburgeraar=pip.inburgeraar).first()
    return verhuizing.leerroute if verhuizing else None


def geldende_pips(inburgeraars) -> dict:
    """The same for many dossiers (ids or a queryset) in one query: {inburgeraar_id:
    the PIP in force}; a dossier without a vastgesteld PIP is missing."""
    geldend: dict = {}
    for pip in (
        _vastgesteld()
        .filter(inburgeraar__in=inburgeraars)
        .order_by("inburgeraar", "-versie")
    ):
        geldend.setdefault(pip.inburgeraar_id, pip)
    return geldend


def geldende_pip_waarde(veld: str, *, op: date | None = None) -> Subquery:
    """`veld` of the PIP in force of the outer query's dossier (OuterRef("pk")), for
    an annotation; with `op`, of the version in force at the end of that day."""
    return Subquery(
        _vastgesteld(op=op)
        .filter(inburgeraar=OuterRef("pk"))
        .order_by("-versie")
        .values(veld)[:1]
    )
