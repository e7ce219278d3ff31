"""The teamleider's view (issue 19): per gemeente they lead (Gemeente.teamleider),
each casusregisseur's open signals per urgency group, and the signals that have no
verantwoordelijke. Counts only, set-based: a fixed number of queries whatever the
number of signals; each count links to that list (the colleague's Te doen through
vervanging)."""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from monitoring.models import Signaal
from monitoring.te_doen import URGENTIES, te_doen_signalen, urgentie_tellingen
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, Gemeente, Role, User
from zevenaar_inburgering.verwerkingen import log

# The signals without verantwoordelijke listed on the page (the count says the rest).
ZONDER_MAX = 50


@dataclass
class Teamlid:
    user: User | None  # None: the signals without verantwoordelijke
    aantallen: dict[str, int] = field(default_factory=dict)

    @property
    def per_groep(self) -> list[tuple[str, int]]:
        return [(u.code, self.aantallen.get(u.code, 0)) for u in URGENTIES]

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())


@role_required(DOSSIER_ROLES)
@require_GET
def team(request):
    vandaag = timezone.localdate()
    gemeenten = list(
        Gemeente.objects.filter(pk__in=request.user.geleide_gemeente_pks())
    )
    if not gemeenten:
        raise Http404("U bent geen teamleider van een gemeente.")
    signalen = (
        Signaal.objects.visible_to(request.user)
        .te_doen(vandaag)
        .filter(inburgeraar__gemeente__in=gemeenten)
    )
    tellingen = (
        signalen.order_by()
        .values("inburgeraar__gemeente", "verantwoordelijke")
        .annotate(**urgentie_tellingen(vandaag))
    )
    # Every active casusregisseur of the gemeente has a row, also with nothing open;
    # a verantwoordelijke who left (inactive) still shows with their signals.
    leden = set(
        User.objects.filter(
            role=Role.CASUSREGISSEUR, is_active=True, gemeenten__in=gemeenten
        ).values_list("gemeenten", "pk")
    )
    teams = {g.pk: {} for g in gemeenten}
    for gemeente, user in leden:
        teams[gemeente][user] = Teamlid(None)
    for rij in tellingen:
        lid = teams[rij["inburgeraar__gemeente"]].setdefault(
            rij["verantwoordelijke"], Teamlid(None)
        )
        lid.aantallen = {u.code: rij[u.code] for u in URGENTIES}
    users = User.objects.in_bulk({pk for team in teams.values() for pk in team if pk})
    per_gemeente = []
    for gemeente in gemeenten:
        rijen = []
        for pk, lid in teams[gemeente.pk].items():
            lid.user = users.get(pk)
            rijen.append(lid)
        rijen.sort(key=lambda lid: (lid.user is None, str(lid.user or "")))
        per_gemeente.append((gemeente, rijen))
    zonder = te_doen_signalen(
        signalen.filter(verantwoordelijke__isnull=True), vandaag, ZONDER_MAX
    )
    log.log_dossiers_listed(
        list({s.inburgeraar_id: s.inburgeraar for s in zonder}.values()),
        user=request.user,
        handeling="Team",
    )
    return render(
        request,
        "monitoring/team.html",
        {
            "per_gemeente": per_gemeente,
            "urgenties": URGENTIES,
            "zonder": zonder,
            "vandaag": vandaag,
        },
    )
