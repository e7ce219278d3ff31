from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    DUO_IMPORT_ROLES,
    RSD_ROLES,
)
from zevenaar_inburgering.verwerkingen import log

from .. import services
from ..duo_import import duo_signalen_importeren
from ..forms import (
    DuoImportForm,
    InburgeraarForm,
)
from ..models import DuoImport, Inburgeraar, Uitkomst
from .gedeeld import apply_form_errors, bestand_importeren, get_dossier


def _dossier_form(request, dossier: Inburgeraar | None):
    """Create (dossier is None) or edit a dossier; bad input re-renders what was typed."""
    form = InburgeraarForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if dossier is None:
                saved = services.inburgeraar_aanmaken(
                    data=form.model_data(), acting_user=request.user
                )
                messages.success(request, f"Dossier van {saved.naam} aangemaakt.")
            else:
                saved = services.inburgeraar_wijzigen(
                    inburgeraar=dossier,
                    data=form.model_data(),
                    versie=form.cleaned_data["versie"] or 0,
                    acting_user=request.user,
                )
                messages.success(request, "Wijzigingen opgeslagen.")
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            return redirect("monitoring:dossier", pk=saved.pk)
    if dossier is not None and request.method == "GET":
        log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "intake/dossier_form.html",
        {"form": form, "dossier": dossier},
        status=400 if form.is_bound else 200,
    )


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_aanmaken(request):
    return _dossier_form(request, None)


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_wijzigen(request, pk):
    return _dossier_form(request, get_dossier(request, pk))


# --- DUO signals -----------------------------------------------------------------


@role_required(DUO_IMPORT_ROLES)
@require_http_methods(["GET", "POST"])
def duo_import(request):
    return bestand_importeren(
        request,
        DuoImportForm(request.POST or None, request.FILES or None),
        importeer=lambda data, **bestand: duo_signalen_importeren(
            **bestand, acting_user=request.user
        ),
        resultaat_url="intake:duo_import_resultaat",
        template="intake/duo_import.html",
        eerdere=DuoImport.objects.visible_to(request.user).select_related(
            "geupload_door"
        ),
    )


@role_required(DUO_IMPORT_ROLES)
@require_GET
def duo_import_resultaat(request, pk):
    result = get_object_or_404(DuoImport.objects.visible_to(request.user), pk=pk)
    uitkomst = request.GET.get("uitkomst", "")
    regels = result.regels.select_related("inburgeraar")
    if uitkomst in Uitkomst.values:
        regels = regels.filter(uitkomst=uitkomst)
    page = Paginator(regels, 100).get_page(request.GET.get("pagina"))
    visible = set(
        Inburgeraar.objects.visible_to(request.user)
        .filter(pk__in=[r.inburgeraar_id for r in page.object_list if r.inburgeraar_id])
        .values_list("pk", flat=True)
    )
    shown = {
        r.inburgeraar_id: r.inburgeraar
        for r in page.object_list
        if r.inburgeraar_id in visible
    }
    log.log_dossiers_listed(shown.values(), user=request.user, handeling="DUO-signalen")
    return render(
        request,
        "intake/duo_import_resultaat.html",
        {
            "result": result,
            "page": page,
            "visible": visible,
            "uitkomst": uitkomst,
            "uitkomsten": [
                (u.value, u.label, result.samenvatting.get(u.value, 0))
                for u in Uitkomst
            ],
            "totaal": sum(result.samenvatting.values()),
        },
    )


# --- RSD klantmanager ------------------------------------------------------------


@role_required(RSD_ROLES)
@require_GET
def rsd_klanten(request):
    qs = (
        Inburgeraar.objects.visible_to(request.user)
        .for_list()
        .order_by("achternaam", "id")
    )
    page = Paginator(qs, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    log.log_dossiers_listed(
        page.object_list, user=request.user, handeling="RSD-caseload"
    )
    return render(request, "intake/rsd_klanten.html", {"page": page})
