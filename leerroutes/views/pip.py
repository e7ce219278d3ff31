"""The PIP pages that change the route: starting a wijziging (afschalen rests on the
NT2 hours recorded here) and the concept form with its vaststellen (a new route ends
the traject of the old one).

They call leerroutes' PIP services (services.pip.pip_wijziging_starten,
services.pip.pip_vaststellen), which wrap pip_plans' own, so they live here, the
highest app whose data they change; pip_plans knows nothing of leerroutes. Their URL
paths are unchanged; their URL names moved with them to the `leerroutes` namespace
(`leerroutes:pip_wijziging_starten`, `leerroutes:pip_bewerken`), because a namespace
belongs to one app's urls.py. The PIP overview they return to stays pip_plans'
(pip_plans.views.pip.render_overzicht).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from intake.views import apply_form_errors
from pip_plans.forms.pip import PipForm, WijzigingForm
from pip_plans.models import Pip
from pip_plans.selectors import get_dossier, route_advies_voor, vaste_leerroute
from pip_plans.services import pip as pip_services
from pip_plans.views.pip import render_overzicht
from pip_plans.views.voorbeeld import VOORBEELD_EERST, voorbeeld_pdf
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..services.pip import (
    beschikking_voorbeeld,
    pip_vaststellen,
    pip_wijziging_starten,
    vaststellen_fouten,
)


@role_required(DOSSIER_ROLES)
@require_POST
def wijziging_starten(request, pk):
    dossier = get_dossier(request, pk)
    form = WijzigingForm(request.POST)
    if form.is_valid():
        try:
            pip = pip_wijziging_starten(
                inburgeraar=dossier,
                reden=form.cleaned_data["reden"],
                toelichting=form.cleaned_data["toelichting"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request, f"Wijziging gestart: versie {pip.versie} (concept)."
            )
            return redirect("leerroutes:pip_bewerken", pk=dossier.pk, pip_id=pip.pk)
    return render_overzicht(request, dossier, status=400, wijziging_form=form)


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def pip_bewerken(request, pk, pip_id):
    dossier = get_dossier(request, pk)
    pip = get_object_or_404(
        Pip.objects.visible_to(request.user), pk=pip_id, inburgeraar=dossier
    )
    if not pip.is_concept:
        messages.error(
            request, "Een vastgesteld PIP verandert niet meer. Start een wijziging."
        )
        return redirect("pip_plans:pip", pk=dossier.pk)
    route_vast = vaste_leerroute(pip) is not None
    form = PipForm(request.POST or None, instance=pip, route_vast=route_vast)
    status = 200
    if request.method == "POST":
        status = 400
        actie = request.POST.get("actie")
        if form.is_valid() and actie == "voorbeeld":
            return _voorbeeld(request, pip, form)
        if (
            form.is_valid()
            and actie == "vaststellen"
            and not form.cleaned_data["voorbeeld_gezien"]
        ):
            # Nothing saved: the concept waits until its letter has been seen.
            form.add_error("voorbeeld_gezien", VOORBEELD_EERST)
        if form.is_valid():
            try:
                pip = pip_services.pip_bewerken(
                    pip=pip,
                    data=form.model_data(),
                    bewerkversie=form.cleaned_data["bewerkversie"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                apply_form_errors(form, error)  # nothing was saved
            else:
                if actie != "vaststellen":
                    messages.success(request, "Concept opgeslagen.")
                    return redirect(
                        "leerroutes:pip_bewerken", pk=dossier.pk, pip_id=pip.pk
                    )
                try:
                    beschikking = pip_vaststellen(
                        pip=pip,
                        acting_user=request.user,
                        verzenddatum=form.cleaned_data.get("verzenddatum"),
                    )
                except ValidationError as error:
                    # The concept is saved; show why it cannot be vastgesteld yet, on a
                    # form that carries the new bewerkversie.
                    data = request.POST.copy()
                    data["bewerkversie"] = str(pip.bewerkversie)
                    form = PipForm(data, instance=pip, route_vast=route_vast)
                    form.is_valid()
                    apply_form_errors(form, error)
                else:
                    messages.success(
                        request,
                        f"Het PIP is vastgesteld. Beschikking {beschikking.kenmerk} staat klaar.",
                    )
                    return redirect("pip_plans:beschikking", pk=beschikking.pk)
    else:
        log.log_dossier_viewed(dossier, user=request.user)
    fouten = vaststellen_fouten(pip, vandaag=timezone.localdate())
    return render(
        request,
        "leerroutes/pip_form.html",
        {
            "dossier": dossier,
            "pip": pip,
            "form": form,
            "advies": route_advies_voor(dossier),
            "nog_niet_klaar": fouten if request.method == "GET" else {},
        },
        status=status,
    )


def _voorbeeld(request, pip, form):
    """The beschikking as it would be sent with what the form now says: a PDF marked
    CONCEPT, from the form's data without saving it (issue 20)."""
    for veld, waarde in form.model_data().items():
        setattr(pip, veld, waarde)
    try:
        pdf = beschikking_voorbeeld(
            pip=pip,
            acting_user=request.user,
            vandaag=timezone.localdate(),
            verzenddatum=form.cleaned_data.get("verzenddatum"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("leerroutes:pip_bewerken", pk=pip.inburgeraar_id, pip_id=pip.pk)
    return voorbeeld_pdf(pdf)
