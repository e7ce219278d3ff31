"""Ketenoverleg: the keten's meetings (Doel 4: at least twice a year). The list with
the count per year against the target, and recording or editing a meeting."""

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from intake.views import form_action
from monitoring.forms.keten import KetenoverlegForm
from monitoring.models import Ketenoverleg
from monitoring.services import keten as keten_services
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import KETEN_ROLES
from zevenaar_inburgering.parameters.models import geheel

DOEL4 = "doel4_ketenoverleggen"


@dataclass
class Jaar:
    """One year of the list: its meetings and how they compare with Doel 4."""

    jaar: int
    doel: int
    overleggen: list[Ketenoverleg]
    lopend: bool

    @property
    def aantal(self) -> int:
        return len(self.overleggen)

    @property
    def gehaald(self) -> bool:
        return self.aantal >= self.doel

    @property
    def nog_te_gaan(self) -> int:
        return max(self.doel - self.aantal, 0)


def _per_jaar(overleggen: list[Ketenoverleg], vandaag: date) -> list[Jaar]:
    """The meetings grouped by year, newest first, always with the current year
    (also without a meeting yet). The target of a year is the parameter on its last
    day, or today for the current year."""
    jaren: dict[int, list[Ketenoverleg]] = {vandaag.year: []}
    for overleg in overleggen:
        jaren.setdefault(overleg.datum.year, []).append(overleg)
    return [
        Jaar(
            jaar=jaar,
            doel=geheel(DOEL4, min(date(jaar, 12, 31), vandaag)),
            overleggen=jaren[jaar],
            lopend=jaar == vandaag.year,
        )
        for jaar in sorted(jaren, reverse=True)
    ]


@role_required(KETEN_ROLES)
@require_GET
def ketenoverleggen(request):
    overleggen = list(
        Ketenoverleg.objects.visible_to(request.user)
        .prefetch_related("gemeenten", "partners")
        .order_by("-datum", "-vastgelegd_op")
    )
    return render(
        request,
        "monitoring/keten/overzicht.html",
        {"jaren": _per_jaar(overleggen, timezone.localdate())},
    )


def _render_formulier(request, form, overleg: Ketenoverleg | None, status=200):
    andere_gemeenten = []
    if overleg is not None:
        eigen = set(request.user.gemeenten.values_list("pk", flat=True))
        andere_gemeenten = [g for g in overleg.gemeenten.all() if g.pk not in eigen]
    return render(
        request,
        "monitoring/keten/formulier.html",
        {"form": form, "overleg": overleg, "andere_gemeenten": andere_gemeenten},
        status=status,
    )


def _formulier(request, overleg: Ketenoverleg | None):
    """Record (overleg is None) or edit a meeting; bad input re-renders what was
    typed with status 400, and nothing is saved."""
    if request.method == "GET":
        form = KetenoverlegForm(user=request.user, ketenoverleg=overleg)
        return _render_formulier(request, form, overleg)
    form = KetenoverlegForm(request.POST, user=request.user, ketenoverleg=overleg)

    def save(data):
        velden = {
            "datum": data["datum"],
            "onderwerp": data["onderwerp"],
            "gemeenten": list(data["gemeenten"]),
            "partners": list(data["partners"]),
            "afspraken": data["afspraken"],
            "acting_user": request.user,
        }
        if overleg is None:
            return keten_services.ketenoverleg_vastleggen(**velden)
        return keten_services.ketenoverleg_wijzigen(
            ketenoverleg=overleg, versie=data["versie"] or 0, **velden
        )

    return form_action(
        request,
        form,
        save=save,
        message="Het ketenoverleg is vastgelegd."
        if overleg is None
        else "De wijzigingen in het ketenoverleg zijn opgeslagen.",
        success_url=reverse("monitoring:ketenoverleggen"),
        show_errors=lambda: _render_formulier(request, form, overleg, status=400),
    )


@role_required(KETEN_ROLES)
@require_http_methods(["GET", "POST"])
def ketenoverleg_nieuw(request):
    return _formulier(request, None)


@role_required(KETEN_ROLES)
@require_http_methods(["GET", "POST"])
def ketenoverleg_wijzigen(request, pk):
    overleg = get_object_or_404(
        Ketenoverleg.objects.visible_to(request.user).prefetch_related(
            "gemeenten", "partners"
        ),
        pk=pk,
    )
    return _formulier(request, overleg)
