from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake.services import pip_uitstel_vastleggen
from intake.views import apply_form_errors, form_action
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES
from zevenaar_inburgering.documents import document_response
from zevenaar_inburgering.verwerkingen import log

from ..forms.bezwaar import BezwaarForm, formulieren
from ..forms.pip import (
    InkomendeVerhuizingForm,
    UitstelForm,
    VerlengingForm,
    WijzigingForm,
)
from ..models import (
    Beschikking,
    Bezwaar,
    Brief,
    Inburgeringstermijn,
    Pip,
    PipStatus,
)
from ..selectors import (
    actieve_intake,
    documenten_zichtbaar,
    get_dossier,
    route_advies_voor,
)
from ..services import pip as pip_services
from ..services.verhuizing import inkomende_verhuizing_vastleggen


def _pip_url(dossier) -> str:
    return reverse("pip_plans:pip", args=[dossier.pk])


def _overzicht_context(request, dossier, **forms) -> dict:
    pips = list(
        Pip.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("vastgesteld_door", "aangemaakt_door")
        .prefetch_related(
            Prefetch(
                "beschikking__bezwaren",
                queryset=Bezwaar.objects.select_related(
                    "herziening", "beschikking"
                ).prefetch_related("brieven", documenten_zichtbaar(request.user)),
            )
        )
        .select_related("beschikking")
    )
    concept = next((p for p in pips if p.is_concept), None)
    for pip in pips:
        if not pip.is_concept:
            besluit = pip.beschikking
            besluit.bezwaar_form = (
                forms["bezwaar_form"]
                if forms.get("fout_besluit") == besluit.pk
                else BezwaarForm(besluit=besluit)
            )
    formulieren(
        [
            bezwaar
            for pip in pips
            if not pip.is_concept
            for bezwaar in pip.beschikking.bezwaren.all()
        ],
        forms.get("fout_bezwaar"),
        **forms,
    )
    termijn = (
        Inburgeringstermijn.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("inkomende_verhuizing")
        .prefetch_related("verlengingen")
        .first()
    )
    intake = actieve_intake(dossier)
    return {
        "dossier": dossier,
        "pips": pips,
        "concept": concept,
        "heeft_vastgesteld": any(p.status == PipStatus.VASTGESTELD for p in pips),
        "termijn": termijn,
        "intake": intake,
        "advies": route_advies_voor(dossier),
        "uitstel_form": forms.get("uitstel_form") or UitstelForm(instance=dossier),
        "wijziging_form": forms.get("wijziging_form") or WijzigingForm(),
        "verhuizing_form": forms.get("verhuizing_form")
        or InkomendeVerhuizingForm(initial={"versie": dossier.versie}),
        "verhuizing": getattr(termijn, "inkomende_verhuizing", None)
        if termijn
        else None,
        "fout_besluit": forms.get("fout_besluit"),
    }


def render_overzicht(request, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "pip_plans/pip_overzicht.html",
        _overzicht_context(request, dossier, **forms),
        status=status,
    )


@role_required(DOSSIER_ROLES)
@require_GET
def pip_overzicht(request, pk):
    return render_overzicht(request, get_dossier(request, pk))


def _action(request, dossier, form, *, form_name, save, message, extra=None):
    """A small form on the PIP page (see intake.views.form_action)."""
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=_pip_url(dossier),
        show_errors=lambda: render_overzicht(
            request, dossier, status=400, **{form_name: form}, **(extra or {})
        ),
    )


@role_required(DOSSIER_ROLES)
@require_POST
def pip_opstellen(request, pk):
    dossier = get_dossier(request, pk)
    try:
        pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_pip_url(dossier))
    messages.success(
        request, "Het PIP is opgesteld als concept. Vul het aan en stel het vast."
    )
    return redirect("leerroutes:pip_bewerken", pk=dossier.pk, pip_id=pip.pk)


@role_required(DOSSIER_ROLES)
@require_POST
def uitstel(request, pk):
    dossier = get_dossier(request, pk)
    form = UitstelForm(request.POST, instance=dossier)
    return _action(
        request,
        dossier,
        form,
        form_name="uitstel_form",
        save=lambda data: pip_uitstel_vastleggen(
            inburgeraar=dossier,
            reden=data["pip_uitstel_reden"],
            sinds=data["pip_uitstel_sinds"],
            informatie_ontvangen=data["pip_uitstel_informatie_ontvangen"],
            acting_user=request.user,
        ),
        message="Uitstel van de PIP-deadline vastgelegd.",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def inkomende_verhuizing(request, pk):
    """Take over the termijn and leerroute after a verhuizing from outside the
    region (the Inburgeringstermijn card)."""
    dossier = get_dossier(request, pk)
    form = InkomendeVerhuizingForm(request.POST)
    return _action(
        request,
        dossier,
        form,
        form_name="verhuizing_form",
        save=lambda data: inkomende_verhuizing_vastleggen(
            inburgeraar=dossier,
            acting_user=request.user,
            vandaag=timezone.localdate(),
            **data,
        ),
        message="Verhuizing vastgelegd: de termijn en de leerroute zijn overgenomen.",
    )


@role_required(DOSSIER_ROLES)
@require_GET
def beschikking_detail(request, pk):
    beschikking = get_object_or_404(
        Beschikking.objects.visible_to(request.user).select_related(
            "pip", "inburgeraar__gemeente", "vastgesteld_door"
        ),
        pk=pk,
    )
    log.log_dossier_viewed(beschikking.inburgeraar, user=request.user)
    return render(
        request,
        "pip_plans/beschikking_detail.html",
        {
            "beschikking": beschikking,
            "dossier": beschikking.inburgeraar,
            "pip": beschikking.pip,
            "bezwaren": beschikking.bezwaren.select_related("herziening"),
        },
    )


@role_required(DOSSIER_ROLES)
@require_GET
def beschikking_pdf(request, pk):
    """The stored PDF, only through this permission-checked view (SECURITY AC-08).
    Not for an anonymised dossier: its PDF is kept for the archive (DOMAIN §13.6,
    docs/archief.md), not for the screens."""
    beschikking = get_object_or_404(
        Beschikking.objects.visible_to(request.user)
        .filter(inburgeraar__geanonimiseerd_op__isnull=True)
        .select_related("inburgeraar"),
        pk=pk,
    )
    # Open the file first: a missing file is a 404, not a logged download.
    response = document_response(
        beschikking.pdf, download_name=f"{beschikking.kenmerk}.pdf"
    )
    log.log_document_downloaded(
        beschikking.inburgeraar, user=request.user, handeling="Beschikking"
    )
    return response


@role_required(DOSSIER_ROLES | RSD_ROLES)
@require_GET
def brief_pdf(request, pk):
    """A stored letter, only through this permission-checked view (SECURITY AC-08);
    Brief.visible_to keeps handhaving letters from an RSD klantmanager. Not for an
    anonymised dossier, as `beschikking_pdf`."""
    brief = get_object_or_404(
        Brief.objects.visible_to(request.user)
        .filter(inburgeraar__geanonimiseerd_op__isnull=True)
        .select_related("inburgeraar"),
        pk=pk,
    )
    # Open the file first: a missing file is a 404, not a logged download.
    response = document_response(brief.pdf, download_name=f"{brief.kenmerk}.pdf")
    log.log_document_downloaded(
        brief.inburgeraar, user=request.user, handeling=brief.get_soort_display()
    )
    return response


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def verlenging(request):
    """Record DUO's verlenging, as DUO set the new end, for one or many dossiers."""
    termijnen = (
        Inburgeringstermijn.objects.visible_to(request.user)
        .select_related("inburgeraar")
        .order_by("einddatum", "inburgeraar__achternaam")
    )
    form = VerlengingForm(request.POST or None, termijnen=termijnen)
    if request.method == "POST" and form.is_valid():
        try:
            aantal = pip_services.verlenging_vastleggen(
                einddata=form.einddata(),
                besluitdatum=form.cleaned_data["besluitdatum"],
                reden=form.cleaned_data["reden"],
                duo_kenmerk=form.cleaned_data["duo_kenmerk"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request, f"Verlenging vastgelegd voor {aantal} dossier(s)."
            )
            return redirect("pip_plans:verlenging")
    shown = [t.inburgeraar for t in form.fields["termijnen"].queryset]
    log.log_dossiers_listed(shown, user=request.user, handeling="Verlenging termijn")
    return render(
        request,
        "pip_plans/verlenging.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
