"""The RSD klantmanager's page of one client (DESIGN.md §1): only what the
Participatiewet side needs — personalia, the names in the household, the PIP's
participation and work obligations, route status, ontzorgen, links to their
maatregelen, the samenloop warning and the voortgangsgesprekken they attended.
Their own template, not the casusregisseur's dossier with parts hidden; every view
is in the verwerkingenlog. It lives here because it draws on intake, pip_plans and
leerroutes."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from intake.models import Inburgeraar
from pip_plans.handhaving.samenloop import samenloop_voor_rsd
from pip_plans.models import Pip
from pip_plans.selectors import geldende_pip, get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import RSD_ROLES
from zevenaar_inburgering.verwerkingen import log

from .models import Routestand, Voortgangsgesprek


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
        },
    )
