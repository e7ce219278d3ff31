"""Letters in bulk from the werkvoorraad (issue 20 item 5): the casusregisseur
selects dossiers in the werkvoorraad and makes one kind of letter for all of them.
Reached from the werkvoorraad's selection, so it lives beside it in monitoring;
the letters themselves are pip_plans' (pip_plans.services.uitnodigingen).

Why the bundle is a stored file: the print file must hold exactly the letters that
were stored and sent, so it is made from the same WeasyPrint renderings, in the
same transaction, and stored privately like them (Brievenbundel). Building it
later would mean rendering the letters again (they might come out different: an
address changed meanwhile) or a PDF library to join the stored files, a
dependency we do not need. The result page lists the letters, each downloadable
on its own (pip_plans:brief_pdf), and the bundle to print them all at once."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from intake.models import Inburgeraar
from intake.views import apply_form_errors
from monitoring.forms.brieven import BrievenForm
from pip_plans.models import Brievenbundel
from pip_plans.services.uitnodigingen import MAX_BRIEVEN, uitnodigingen_maken
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.documents import document_response
from zevenaar_inburgering.verwerkingen import log


def _gekozen(user, ids: list[str]) -> list[Inburgeraar]:
    """The chosen dossiers the user may see, by name, for the list on the page
    (ids that are no uuid, or out of scope, are left out; the form says so)."""
    geldig = []
    for waarde in ids[: MAX_BRIEVEN + 1]:
        try:
            geldig.append(uuid.UUID(str(waarde)))
        except ValueError:
            continue
    return list(
        Inburgeraar.objects.visible_to(user)
        .filter(pk__in=geldig)
        .select_related("gemeente")
        .order_by("achternaam", "voornamen", "pk")
    )


def _render(request, form, ids: list[str], status: int = 200):
    dossiers = _gekozen(request.user, ids)
    log.log_dossiers_listed(dossiers, user=request.user, handeling="Brieven maken")
    return render(
        request,
        "monitoring/brieven_maken.html",
        {
            "form": form,
            "dossiers": dossiers,
            "aantal": len(ids),
            "max_brieven": MAX_BRIEVEN,
        },
        status=status,
    )


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def brieven_maken(request):
    """Step 1 (GET with ?dossiers=…, or the werkvoorraad's selection posted
    without `maken`): the form with the chosen dossiers. Step 2 (POST with
    `maken`): the letters, then the result page. Bad input: 400 with the
    messages, what was typed kept, nothing made."""
    data = request.POST if request.method == "POST" else request.GET
    ids = data.getlist("dossiers")
    if "maken" not in data or request.method != "POST":
        # Only the selection is checked here; the rest is still to be filled in.
        keuze = BrievenForm({"dossiers": ids}, user=request.user)
        keuze.is_valid()
        form = BrievenForm(initial={"dossiers": ids}, user=request.user)
        # A GET without a selection is the empty page; a selection posted empty
        # or naming dossiers out of scope is bad input.
        fouten = (
            keuze.errors.get("dossiers") if ids or request.method == "POST" else None
        )
        if fouten:
            form.fout_selectie = fouten
            return _render(request, form, ids, status=400)
        return _render(request, form, ids)
    form = BrievenForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            brieven = uitnodigingen_maken(
                data["dossiers"],
                afspraak_datum=data["afspraak_datum"],
                afspraak_tijd=data["afspraak_tijd"],
                afspraak_plaats=data["afspraak_plaats"],
                verzenddatum=data["verzenddatum"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            aantal = len(brieven)
            messages.success(
                request, f"{aantal} {'brief' if aantal == 1 else 'brieven'} gemaakt."
            )
            return redirect("monitoring:brievenbundel", brieven[0].bundel_id)
    form.fout_selectie = form.errors.get("dossiers")
    return _render(request, form, ids, status=400)


def _bundel(request, pk) -> Brievenbundel:
    """A bundle the user may see every letter of, none of an anonymised dossier."""
    return get_object_or_404(
        Brievenbundel.objects.visible_to(request.user).exclude(
            brieven__inburgeraar__geanonimiseerd_op__isnull=False
        ),
        pk=pk,
    )


@role_required(DOSSIER_ROLES)
@require_GET
def brievenbundel(request, pk):
    """The letters made in one go, each on its dossier, and the bundle to print."""
    bundel = _bundel(request, pk)
    brieven = list(
        bundel.brieven.select_related("inburgeraar").order_by(
            "inburgeraar__achternaam", "inburgeraar__voornamen", "pk"
        )
    )
    log.log_dossiers_listed(
        [b.inburgeraar for b in brieven], user=request.user, handeling="Brieven maken"
    )
    return render(
        request,
        "monitoring/brievenbundel_detail.html",
        {"bundel": bundel, "brieven": brieven},
    )


@role_required(DOSSIER_ROLES)
@require_GET
def brievenbundel_pdf(request, pk):
    """The bundle's PDF, only through this view (SECURITY AC-08), logged for every
    person whose letter is in it."""
    bundel = _bundel(request, pk)
    response = document_response(
        bundel.pdf,
        download_name=f"brieven-{bundel.soort}-{bundel.aangemaakt_op:%Y-%m-%d}.pdf",
    )
    log.log_bundel_downloaded(
        Inburgeraar.objects.visible_to(request.user).filter(brieven__bundel=bundel),
        user=request.user,
        handeling=bundel.get_soort_display(),
    )
    return response
