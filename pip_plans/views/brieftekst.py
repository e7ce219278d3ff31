"""The letter texts of functioneel beheer (issue 20 item 2): per gemeente and kind
of letter the version in force, a concept to edit with the placeholders at hand,
its voorbeeld PDF on made-up data, and publishing it. Letter texts hold no person
data, so none of these pages writes the verwerkingenlog (who wrote and published a
version is on the version)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake.views import apply_form_errors
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import BRIEFTEKST_ROLES

from ..brieftekst import SOORTEN
from ..forms.brieftekst import BrieftekstForm, PublicerenForm
from ..models import Brieftekst, BrieftekstStatus
from ..services import brieftekst as service
from .voorbeeld import voorbeeld_pdf

# The publish form sits beside the editor: its own ids (both have gewijzigd_op).
PUBLICEREN_ID = "publiceren_%s"


def _versies(user):
    return Brieftekst.objects.visible_to(user).select_related(
        "gemeente", "aangemaakt_door", "gepubliceerd_door", "gewijzigd_door"
    )


def _brieftekst(request, pk) -> Brieftekst:
    return get_object_or_404(_versies(request.user), pk=pk)


@role_required(BRIEFTEKST_ROLES)
@require_GET
def briefteksten(request):
    """Per gemeente of the user, per kind of letter: the version in force and
    whether a concept is being worked on."""
    in_gebruik: dict[tuple, Brieftekst] = {}
    concepten: dict[tuple, Brieftekst] = {}
    for versie in _versies(request.user).order_by("versie"):
        sleutel = (versie.gemeente_id, versie.soort)
        if versie.status == BrieftekstStatus.CONCEPT:
            concepten[sleutel] = versie
        else:
            in_gebruik[sleutel] = versie
    gemeenten = [
        {
            "gemeente": gemeente,
            "brieven": [
                {
                    "soort": soort,
                    "label": soort.label,
                    "in_gebruik": in_gebruik.get((gemeente.pk, soort)),
                    "concept": concepten.get((gemeente.pk, soort)),
                }
                for soort in SOORTEN
            ],
        }
        for gemeente in request.user.eigen_gemeenten()
    ]
    return render(request, "pip_plans/briefteksten.html", {"gemeenten": gemeenten})


@role_required(BRIEFTEKST_ROLES)
@require_POST
def brieftekst_openen(request):
    """Open the concept of a letter for a gemeente (a copy of the version in force
    when there is none yet) and go to its editor."""
    gemeente = next(
        (
            g
            for g in request.user.eigen_gemeenten()
            if str(g.pk) == request.POST.get("gemeente")
        ),
        None,
    )
    soort = request.POST.get("soort")
    if gemeente is None or soort not in SOORTEN:
        raise Http404
    try:
        concept = service.concept_openen(
            soort=soort, gemeente=gemeente, acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pip_plans:briefteksten")
    return redirect("pip_plans:brieftekst", concept.pk)


def _render(request, brieftekst, form=None, publiceren=None, status=200):
    versies = _versies(request.user).filter(
        soort=brieftekst.soort, gemeente=brieftekst.gemeente
    )
    concept = brieftekst.status == BrieftekstStatus.CONCEPT
    if concept:
        form = form or BrieftekstForm(instance=brieftekst)
        publiceren = publiceren or PublicerenForm(
            initial={"gewijzigd_op": brieftekst.gewijzigd_op.isoformat()},
            auto_id=PUBLICEREN_ID,
        )
    return render(
        request,
        "pip_plans/brieftekst.html",
        {
            "brieftekst": brieftekst,
            "concept": concept,
            "form": form,
            "publiceren": publiceren,
            "versies": versies,
            "voorbeeld_actueel": concept and brieftekst.voorbeeld_op is not None,
        },
        status=status,
    )


@role_required(BRIEFTEKST_ROLES)
@require_http_methods(["GET", "POST"])
def brieftekst(request, pk):
    """A version: a concept to edit, a published one to read. Saving keeps what
    was typed on bad input (400) and changes nothing."""
    brieftekst = _brieftekst(request, pk)
    if request.method == "GET":
        return _render(request, brieftekst)
    if brieftekst.status != BrieftekstStatus.CONCEPT:
        messages.error(request, "Een gepubliceerde versie verandert niet.")
        return redirect("pip_plans:brieftekst", brieftekst.pk)
    # A copy for the form, so that what was typed never alters `brieftekst`.
    form = BrieftekstForm(request.POST, instance=_brieftekst(request, pk))
    if form.is_valid():
        try:
            service.concept_opslaan(
                brieftekst,
                inleiding=form.cleaned_data["inleiding"],
                slot=form.cleaned_data["slot"],
                toelichting=form.cleaned_data["toelichting"],
                gewijzigd_op=form.cleaned_data["gewijzigd_op"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request,
                "Concept opgeslagen. Bekijk het voorbeeld voordat u het publiceert.",
            )
            return redirect("pip_plans:brieftekst", brieftekst.pk)
    return _render(request, brieftekst, form=form, status=400)


@role_required(BRIEFTEKST_ROLES)
@require_POST
def brieftekst_voorbeeld(request, pk):
    """The voorbeeld PDF of a version on made-up data; for a concept, the mark
    that it was seen (publishing needs it). A POST, as it records that mark (and
    as the other voorbeelden), opened in a new tab by the page's form."""
    brieftekst = _brieftekst(request, pk)
    try:
        pdf = service.voorbeeld(brieftekst, vandaag=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pip_plans:brieftekst", brieftekst.pk)
    return voorbeeld_pdf(pdf)


@role_required(BRIEFTEKST_ROLES)
@require_POST
def brieftekst_publiceren(request, pk):
    brieftekst = _brieftekst(request, pk)
    publiceren = PublicerenForm(request.POST, auto_id=PUBLICEREN_ID)
    if publiceren.is_valid():
        try:
            service.publiceren(
                brieftekst,
                gewijzigd_op=publiceren.cleaned_data["gewijzigd_op"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(publiceren, error)
        else:
            messages.success(
                request,
                f"Versie {brieftekst.versie} is gepubliceerd. Nieuwe brieven "
                f"({brieftekst.get_soort_display().lower()}, {brieftekst.gemeente}) "
                "krijgen deze tekst.",
            )
            return redirect("pip_plans:brieftekst", brieftekst.pk)
    # As it is now (saved or published by somebody else meanwhile, or gone).
    brieftekst = _brieftekst(request, pk)
    return _render(request, brieftekst, publiceren=publiceren, status=400)


@role_required(BRIEFTEKST_ROLES)
@require_POST
def brieftekst_weggooien(request, pk):
    brieftekst = _brieftekst(request, pk)
    try:
        service.concept_weggooien(
            brieftekst, gewijzigd_op=request.POST.get("gewijzigd_op", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pip_plans:brieftekst", brieftekst.pk)
    messages.success(request, "Het concept is weggegooid; de tekst in gebruik blijft.")
    return redirect("pip_plans:briefteksten")
