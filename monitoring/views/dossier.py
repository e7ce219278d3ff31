"""The dossier overview: the dossier with its household and timeline, and what
every app shows of it (route and koers, ontzorgen, handhaving). It reads all four
apps, so it lives in monitoring; the small forms on it (notes, household, status,
the overdracht after a verhuizing) post here and call the apps' services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from intake import services
from intake.forms import (
    HuishoudenKoppelenForm,
    HuishoudlidForm,
    NotitieForm,
    StatusForm,
)
from intake.models import GESLOTEN_STATUSSEN, Inburgeraar, Statuswijziging
from intake.views import form_action
from leerroutes.overdracht import overdracht_opmaken
from pip_plans.models import Brief, BriefSoort
from pip_plans.selectors import get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log


def _dossier_context(request, dossier: Inburgeraar, **forms) -> dict:
    household = []
    leden = []
    if dossier.huishouden_id:
        household = list(
            Inburgeraar.objects.visible_to(request.user)
            .filter(huishouden_id=dossier.huishouden_id)
            .exclude(pk=dossier.pk)
        )
        leden = list(dossier.huishouden.leden.all())
    candidates = Inburgeraar.objects.none()
    if dossier.postcode and dossier.huisnummer:
        candidates = (
            Inburgeraar.objects.visible_to(request.user)
            .filter(postcode=dossier.postcode, huisnummer=dossier.huisnummer)
            .exclude(pk=dossier.pk)
        )
        if dossier.huishouden_id:
            candidates = candidates.exclude(huishouden_id=dossier.huishouden_id)
    return {
        "dossier": dossier,
        "household": household,
        "leden": leden,
        "gebeurtenissen": dossier.gebeurtenissen.select_related("gebruiker", "notitie"),
        "notitie_form": forms.get("notitie_form") or NotitieForm(),
        "huishoudlid_form": forms.get("huishoudlid_form") or HuishoudlidForm(),
        "koppel_form": forms.get("koppel_form")
        or HuishoudenKoppelenForm(candidates=candidates),
        "has_candidates": candidates.exists() if not forms.get("koppel_form") else True,
        "statuswijzigingen": Statuswijziging.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("vastgelegd_door"),
        "status_form": forms.get("status_form")
        or StatusForm(initial={"versie": dossier.versie}),
        "status_open": dossier.status not in GESLOTEN_STATUSSEN,
        "overdrachten": Brief.objects.visible_to(request.user).filter(
            inburgeraar=dossier, soort=BriefSoort.OVERDRACHT
        ),
        # Made in bulk from the werkvoorraad (monitoring/views/brieven.py).
        "uitnodigingen": Brief.objects.visible_to(request.user).filter(
            inburgeraar=dossier, soort=BriefSoort.UITNODIGING_INTAKE
        ),
    }


@role_required(DOSSIER_ROLES)
@require_GET
def dossier_detail(request, pk):
    dossier = get_dossier(request, pk)
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request, "monitoring/dossier_detail.html", _dossier_context(request, dossier)
    )


def _render_detail_with_error(request, dossier, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "monitoring/dossier_detail.html",
        _dossier_context(request, dossier, **forms),
        status=400,
    )


def _dossier_action(request, dossier, form, *, form_name, save, message, anchor):
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=reverse("monitoring:dossier", args=[dossier.pk]) + anchor,
        show_errors=lambda: _render_detail_with_error(
            request, dossier, **{form_name: form}
        ),
    )


@role_required(DOSSIER_ROLES)
@require_POST
def notitie_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _dossier_action(
        request,
        dossier,
        NotitieForm(request.POST),
        form_name="notitie_form",
        save=lambda data: services.notitie_toevoegen(
            inburgeraar=dossier, tekst=data["tekst"], acting_user=request.user
        ),
        message="Notitie opgeslagen.",
        anchor="#tijdlijn",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def huishoudlid_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _dossier_action(
        request,
        dossier,
        HuishoudlidForm(request.POST),
        form_name="huishoudlid_form",
        save=lambda data: services.huishoudlid_toevoegen(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Huishoudlid toegevoegd.",
        anchor="#huishouden",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def huishouden_koppelen(request, pk):
    dossier = get_dossier(request, pk)
    candidates = Inburgeraar.objects.visible_to(request.user).exclude(pk=dossier.pk)
    return _dossier_action(
        request,
        dossier,
        HuishoudenKoppelenForm(request.POST, candidates=candidates),
        form_name="koppel_form",
        save=lambda data: services.huishouden_koppelen(
            inburgeraar=dossier, ander=data["ander"], acting_user=request.user
        ),
        message="Huishouden gekoppeld.",
        anchor="#huishouden",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def status_vastleggen(request, pk):
    dossier = get_dossier(request, pk)
    form = StatusForm(request.POST)
    return _dossier_action(
        request,
        dossier,
        form,
        form_name="status_form",
        save=lambda _: services.status_vastleggen(
            dossier, acting_user=request.user, **form.service_data()
        ),
        message="Status vastgelegd.",
        anchor="#status",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def overdracht_maken(request, pk):
    """The overdracht PDF for the new gemeente (leerroutes/overdracht.py), from the
    Status card once the verhuizing is recorded."""
    dossier = get_dossier(request, pk)
    try:
        brief = overdracht_opmaken(inburgeraar=dossier, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Overdracht {brief.kenmerk} gemaakt.")
    return redirect(reverse("monitoring:dossier", args=[dossier.pk]) + "#status")
