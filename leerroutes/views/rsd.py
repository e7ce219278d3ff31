"""The RSD klantmanager's page of one client (DESIGN.md §1): only what the
Participatiewet side needs — personalia, the names in the household, the PIP's
participation and work obligations, route status, ontzorgen, the diplomas and
participatieverklaring (issue 20), links to their
maatregelen, the samenloop warning and the voortgangsgesprekken they attended.
Their own template, not the casusregisseur's dossier with parts hidden; every view
is in the verwerkingenlog. It lives here because it draws on intake, pip_plans and
leerroutes.

The route page of one of the klantmanager's own clients is here too, with the
participation activities the klantmanager records."""

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from intake.models import Document, Inburgeraar
from pip_plans.handhaving.samenloop import samenloop_voor_rsd
from pip_plans.models import Pip
from pip_plans.selectors import geldende_pip, get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import RSD_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..forms.participatie import ActiviteitForm, BeeindigenForm
from ..models import (
    ROUTE_ONDERDELEN,
    Examenpoging,
    Routestand,
    Voortgangsgesprek,
)
from .pagina import (
    Pagina,
    _activiteiten,
    _routestand,
    _trajecten,
    uren_per_onderdeel,
)
from .participatie import _activiteit_beeindigen, activiteit_toevoegen_view


def huishoudnamen(dossier: Inburgeraar) -> list[str]:
    """The names of the others in the household, and nothing else about them: the
    klantmanager may know who lives there (DESIGN.md §1), not their dossiers. So
    this reads names only, deliberately past visible_to."""
    if not dossier.huishouden_id:
        return []
    inburgeraars = (
        Inburgeraar.objects.filter(huishouden_id=dossier.huishouden_id)
        .exclude(pk=dossier.pk)
        .only("voornamen", "tussenvoegsel", "achternaam")
    )
    return sorted(
        [p.naam for p in inburgeraars]
        + [lid.naam for lid in dossier.huishouden.leden.only("naam")]
    )


@role_required(RSD_ROLES)
@require_GET
def rsd_klant(request, pk):
    dossier = get_dossier(request, pk)
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/rsd_klant.html",
        {
            "dossier": dossier,
            "huishouden": huishoudnamen(dossier),
            "pip": geldende_pip(
                dossier,
                pips=Pip.objects.visible_to(request.user).select_related("beschikking"),
            ),
            "routestand": Routestand.objects.visible_to(request.user)
            .filter(inburgeraar=dossier)
            .first(),
            # Only that a Wi2021 zaak exists and whom to consult (DESIGN.md §1).
            "samenloop": samenloop_voor_rsd(dossier),
            "gesprekken": Voortgangsgesprek.objects.visible_to(request.user)
            .filter(inburgeraar=dossier)
            .only("gehouden_op", "deelnemers", "afspraken"),
            # Document.visible_to: for a klantmanager only RSD_DOCUMENTEN.
            "documenten": Document.objects.visible_to(request.user)
            .filter(inburgeraar=dossier)
            .only("soort", "datum", "inhoudstype", "grootte"),
        },
    )


@role_required(RSD_ROLES)
@require_GET
def rsd_route(request, pk):
    return _render_rsd_route(request, get_dossier(request, pk))


def _render_rsd_route(request, dossier, status=200, **forms):
    """Route status, hours and participation of one of the klantmanager's own
    clients: no progress remarks, referrals, begeleiding or meeting notes. The
    klantmanager records participation activities here (Participatiewet side)."""
    trajecten = _trajecten(request, dossier)
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/rsd_route.html",
        {
            "dossier": dossier,
            "pip": geldende_pip(dossier),
            "trajecten": trajecten,
            "uren_grafiek": uren_per_onderdeel(request, dossier, trajecten),
            "examens": list(
                Examenpoging.objects.visible_to(request.user).filter(
                    inburgeraar=dossier
                )
            ),
            "routestand": _routestand(request, dossier),
            "activiteiten": _activiteiten(request, dossier),
            "route_onderdelen": ROUTE_ONDERDELEN,
            "activiteit_form": forms.get("activiteit_form") or ActiviteitForm(),
            "beeindigen_form": forms.get("beeindigen_form") or BeeindigenForm(),
            "fout_activiteit": forms.get("fout_activiteit"),
            "fout": status == 400,
        },
        status=status,
    )


RSD_ROUTE = Pagina("leerroutes:rsd_route", _render_rsd_route)


rsd_activiteit_toevoegen = activiteit_toevoegen_view(RSD_ROUTE, RSD_ROLES)


@role_required(RSD_ROLES)
@require_POST
def rsd_activiteit_beeindigen(request, pk):
    return _activiteit_beeindigen(request, pk, RSD_ROUTE)
