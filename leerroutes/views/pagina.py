"""What the route, participation and RSD route pages share: the scoped lists they
show, the hours per onderdeel for the chart, and the small-form action that shows a
page again with its errors."""

from collections.abc import Callable
from typing import NamedTuple

from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from intake.views import form_action
from pip_plans.selectors import get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from ..models import (
    Onderdeel,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
)


class Pagina(NamedTuple):
    """A page with small forms: its URL name and how it is shown (again, with a
    form's errors)."""

    url_naam: str
    render: Callable[..., HttpResponse]


def uren_per_onderdeel(request, dossier, trajecten) -> list[dict]:
    """Planned (open traject) against attended hours (all trajecten), per onderdeel,
    for the chart. One query for the sums."""
    gevolgd = dict(
        Urenregistratie.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .values_list("onderdeel")
        .annotate(totaal=Sum("uren_aanwezig"))
    )
    open_traject = next((t for t in trajecten if t.is_open), None)
    gepland = (
        {o.onderdeel: o.geplande_uren for o in open_traject.onderdelen.all()}
        if open_traject
        else {}
    )
    rijen = []
    for onderdeel in Onderdeel:
        plan, echt = gepland.get(onderdeel.value, 0), gevolgd.get(onderdeel.value, 0)
        if not plan and not echt:
            continue
        schaal = max(plan, echt) or 1
        rijen.append(
            {
                "label": onderdeel.label,
                "gepland": plan,
                "gevolgd": echt,
                "pct_gevolgd": min(round(echt * 100 / plan), 999) if plan else None,
                "breedte_gepland": round(plan * 100 / schaal),
                "breedte_gevolgd": round(echt * 100 / schaal),
            }
        )
    return rijen


def _trajecten(request, dossier) -> list:
    return list(
        Traject.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder", "contract")
        .prefetch_related("onderdelen")
    )


def _routestand(request, dossier):
    return (
        Routestand.objects.visible_to(request.user).filter(inburgeraar=dossier).first()
    )


def _activiteiten(request, dossier) -> list:
    return list(
        Participatieactiviteit.objects.visible_to(request.user).filter(
            inburgeraar=dossier
        )
    )


def _object_in_dossier(request, queryset, pk):
    """An object of a dossier in scope, and the dossier (404 otherwise). The caller
    passes `Model.objects.visible_to(request.user)`, so the scope shows at the call."""
    obj = get_object_or_404(queryset, pk=pk)
    return obj, get_dossier(request, obj.inburgeraar_id)


def _actie(
    request, dossier, form, *, form_name, save, message, pagina: Pagina, **extra
):
    """A small form on the route, participation or RSD route page
    (intake.views.form_action); `extra` goes to the page when it is shown again with
    the errors."""
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=reverse(pagina.url_naam, args=[dossier.pk]),
        show_errors=lambda: pagina.render(
            request, dossier, status=400, **{form_name: form}, **extra
        ),
    )


def dossier_formulier(
    pagina: Pagina, form_class, *, form_name, save, message, roles=DOSSIER_ROLES
):
    """The POST view of a small form about the whole dossier on `pagina`, for
    `roles`: `save(dossier, data, acting_user)` calls the service. A refused form is
    shown on the page again as `form_name`."""

    @role_required(roles)
    @require_POST
    def view(request, pk):
        dossier = get_dossier(request, pk)
        return _actie(
            request,
            dossier,
            form_class(request.POST),
            form_name=form_name,
            save=lambda data: save(dossier, data, request.user),
            message=message,
            pagina=pagina,
        )

    return view
