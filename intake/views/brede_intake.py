"""The brede intake pages: for the dossier roles only (403 for others); a dossier
out of scope is a 404 through get_dossier(). Health data is fetched only through
IntakeGezondheid.objects.visible_to(), and every page that shows it logs
"gezondheid" in the verwerkingenlog."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..forms.brede_intake import (
    BredeIntakeForm,
    GesprekForm,
    IntakeGezondheidForm,
    IntakeOnderdelenForm,
    IntakeStartenForm,
    WerkervaringForm,
)
from ..models import (
    BredeIntake,
    Document,
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeelSoort,
    intake_onderdeel_keuzes,
)
from ..services import brede_intake as services
from .gedeeld import apply_form_errors, get_dossier


def _intake_url(dossier: Inburgeraar) -> str:
    return reverse("intake:brede_intake", args=[dossier.pk])


def _actuele_intake(request, dossier: Inburgeraar) -> BredeIntake | None:
    intake = (
        BredeIntake.objects.visible_to(request.user)
        .actueel()
        .filter(inburgeraar=dossier)
        .select_related("gestart_door", "afgerond_door")
        .first()
    )
    if intake is not None:
        intake.inburgeraar = dossier  # already fetched through the scope
    return intake


def _gezondheid(request, intake: BredeIntake) -> IntakeGezondheid | None:
    """The health part if this user may see it (the one policy), else None."""
    return (
        IntakeGezondheid.objects.visible_to(request.user).filter(intake=intake).first()
    )


def _checklist(intake: BredeIntake):
    """(soort, onderdeel or None) for each active part, plus inactive parts this
    intake already has findings for."""
    # Through the intake, which _actuele_intake() read through visible_to().
    onderdelen = {o.soort_id: o for o in intake.onderdelen.all()}
    soorten = IntakeOnderdeelSoort.objects.filter(
        Q(actief=True) | Q(pk__in=list(onderdelen))
    )
    return [(s, onderdelen.get(s.pk)) for s in soorten]


def _open_intake_or_redirect(request, dossier):
    """The current, still open intake; or a redirect to the intake page saying why."""
    intake = _actuele_intake(request, dossier)
    if intake is None:
        messages.info(request, "Start eerst de brede intake.")
        return None, redirect(_intake_url(dossier))
    if not intake.is_open:
        messages.info(request, services.AFGEROND)
        return None, redirect(_intake_url(dossier))
    return intake, None


# --- The intake page: completeness and everything recorded -----------------------


def _intake_documenten(request, dossier) -> list[Document]:
    """The documents that belong to a part of the intake (issue 20), each with the
    part's name; through Document.visible_to (health kinds only for
    GEZONDHEID_ROLES)."""
    namen = dict(intake_onderdeel_keuzes())
    documenten = list(
        Document.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .exclude(intake_onderdeel="")
    )
    for document in documenten:
        document.onderdeel_naam = namen.get(document.intake_onderdeel, "")
    return documenten


def _render_overzicht(request, dossier, *, status=200, **extra):
    intake = _actuele_intake(request, dossier)
    context = {
        "dossier": dossier,
        "intake": intake,
        "start_form": extra.pop("start_form", None) or IntakeStartenForm(),
        **extra,
    }
    gezondheid = None
    if intake is not None:
        gezondheid = _gezondheid(request, intake)
        onderdelen = intake.wettelijke_onderdelen()
        checklist = _checklist(intake)
        context.update(
            gezondheid=gezondheid,
            mag_gezondheid_zien=gezondheid is not None,
            wettelijke_onderdelen=onderdelen,
            is_compleet=all(p.is_klaar for p in onderdelen),
            checklist=checklist,
            checklist_afgerond=sum(1 for _, o in checklist if o and o.afgerond),
            gesprekken=list(intake.gesprekken.select_related("vastgelegd_door")),
            werkervaringen=list(intake.werkervaringen.all()),
            advies=intake.route_advies() if intake.is_afgerond else None,
            documenten=_intake_documenten(request, dossier),
        )
    context["eerdere_intakes"] = list(
        BredeIntake.objects.visible_to(request.user)
        .filter(inburgeraar=dossier, vervangen_op__isnull=False)
        .order_by("-gestart_op")
    )
    log.log_intake_viewed(dossier, user=request.user, gezondheid=gezondheid is not None)
    return render(request, "intake/intake_overzicht.html", context, status=status)


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def brede_intake(request, pk):
    """The intake of the dossier; a POST starts it (or a new one after verhuizing)."""
    dossier = get_dossier(request, pk)
    if request.method == "GET":
        return _render_overzicht(request, dossier)
    form = IntakeStartenForm(request.POST)
    if form.is_valid():
        try:
            services.intake_starten(
                inburgeraar=dossier,
                acting_user=request.user,
                aanleiding=form.cleaned_data["aanleiding"] or "eerste",
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, "De brede intake is gestart.")
            return redirect(_intake_url(dossier))
    return _render_overzicht(request, dossier, status=400, start_form=form)


@role_required(DOSSIER_ROLES)
@require_POST
def intake_afronden(request, pk):
    dossier = get_dossier(request, pk)
    intake = _actuele_intake(request, dossier)
    if intake is None:
        raise Http404
    try:
        services.intake_afronden(intake=intake, acting_user=request.user)
    except ValidationError as error:
        return _render_overzicht(
            request, dossier, status=400, afronden_fout=" ".join(error.messages)
        )
    messages.success(request, "De brede intake is afgerond.")
    return redirect(_intake_url(dossier))


@role_required(DOSSIER_ROLES)
@require_POST
def intake_heropenen(request, pk):
    dossier = get_dossier(request, pk)
    intake = _actuele_intake(request, dossier)
    if intake is None:
        raise Http404
    try:
        services.intake_heropenen(intake=intake, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "De brede intake is heropend. Rond haar na de correctie weer af."
        )
    return redirect(_intake_url(dossier))


# --- Forms on their own pages ---------------------------------------------------


def _form_page(
    request,
    dossier,
    intake,
    form,
    *,
    template,
    save,
    message,
    gezondheid=False,
    actie_naam="Brede intake bekeken",
    **context,
):
    """Parse, call the service, report. Bad input shows the form again with its
    errors and what was typed, status 400, and nothing changed."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(_intake_url(dossier))
    log.log_intake_viewed(
        dossier, user=request.user, gezondheid=gezondheid, actie_naam=actie_naam
    )
    return render(
        request,
        template,
        {"dossier": dossier, "intake": intake, "form": form, **context},
        status=400 if form.is_bound else 200,
    )


def _open_intake_page(view):
    """A form page of the open intake: for the dossier roles, GET and POST; the
    view gets the dossier (in scope, else 404) and its open intake, or the user
    is sent to the intake page with the reason."""

    @role_required(DOSSIER_ROLES)
    @require_http_methods(["GET", "POST"])
    @functools.wraps(view)
    def page(request, pk):
        dossier = get_dossier(request, pk)
        intake, refused = _open_intake_or_redirect(request, dossier)
        return refused or view(request, dossier, intake)

    return page


def _versie(form) -> int:
    return form.cleaned_data.get("versie") or 0


@_open_intake_page
def intake_wijzigen(request, dossier, intake):
    return _form_page(
        request,
        dossier,
        intake,
        BredeIntakeForm(request.POST or None, instance=intake),
        template="intake/intake_form.html",
        save=lambda form: services.intake_wijzigen(
            intake=intake,
            data=form.model_data(),
            versie=_versie(form),
            acting_user=request.user,
        ),
        message="De brede intake is opgeslagen.",
        titel="Brede intake invullen",
    )


@_open_intake_page
def intake_gezondheid(request, dossier, intake):
    gezondheid = _gezondheid(request, intake)
    if gezondheid is None:
        raise Http404
    return _form_page(
        request,
        dossier,
        intake,
        IntakeGezondheidForm(request.POST or None, instance=gezondheid, intake=intake),
        template="intake/intake_gezondheid.html",
        save=lambda form: services.intake_gezondheid_vastleggen(
            intake=intake,
            data=form.model_data(),
            versie=_versie(form),
            acting_user=request.user,
        ),
        message="Gezondheid is opgeslagen.",
        titel="Gezondheid",
        gezondheid=True,
        actie_naam="Gezondheid in de brede intake bekeken",
    )


@_open_intake_page
def intake_onderdelen(request, dossier, intake):
    return _form_page(
        request,
        dossier,
        intake,
        IntakeOnderdelenForm(
            request.POST or None, intake=intake, checklist=_checklist(intake)
        ),
        template="intake/intake_onderdelen.html",
        save=lambda form: services.intake_onderdelen_vastleggen(
            intake=intake,
            onderdelen=form.onderdelen(),
            versie=_versie(form),
            acting_user=request.user,
        ),
        message="De onderdelen zijn opgeslagen.",
        titel="Overige onderdelen",
    )


@_open_intake_page
def gesprek_toevoegen(request, dossier, intake):
    return _form_page(
        request,
        dossier,
        intake,
        GesprekForm(request.POST or None),
        template="intake/intake_gesprek_form.html",
        save=lambda form: services.gesprek_toevoegen(
            intake=intake, data=form.model_data(), acting_user=request.user
        ),
        message="Het gesprek is vastgelegd.",
        titel="Gesprek toevoegen",
        knop="Gesprek vastleggen",
    )


@_open_intake_page
def werkervaring_toevoegen(request, dossier, intake):
    return _form_page(
        request,
        dossier,
        intake,
        WerkervaringForm(request.POST or None),
        template="intake/intake_werkervaring_form.html",
        save=lambda form: services.werkervaring_toevoegen(
            intake=intake, data=form.model_data(), acting_user=request.user
        ),
        message="De werkervaring is toegevoegd.",
        titel="Werkervaring toevoegen",
        knop="Toevoegen",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def werkervaring_verwijderen(request, pk, werkervaring_id):
    dossier = get_dossier(request, pk)
    intake = _actuele_intake(request, dossier)
    if intake is None:
        raise Http404
    werkervaring = get_object_or_404(intake.werkervaringen, pk=werkervaring_id)
    try:
        services.werkervaring_verwijderen(
            werkervaring=werkervaring, acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "De werkervaring is verwijderd.")
    return redirect(_intake_url(dossier) + "#werkervaring")
