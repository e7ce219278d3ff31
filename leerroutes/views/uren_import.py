from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from ..forms.uren_import import UrenImportForm
from ..models import UrenImport
from ..services.uren_import import MAX_FOUTEN_GETOOND, uren_importeren


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def uren_import(request):
    form = UrenImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            resultaat = uren_importeren(
                aanbieder=form.cleaned_data["aanbieder"],
                content=bestand.read(),
                bestandsnaam=bestand.name,
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("bestand", error)
        else:
            return redirect("leerroutes:uren_import_resultaat", pk=resultaat.pk)
    imports = (
        UrenImport.objects.visible_to(request.user)
        .with_aantal_fouten()
        .select_related("aanbieder", "geupload_door")[:20]
    )
    return render(
        request,
        "leerroutes/uren_import.html",
        {"form": form, "imports": imports},
        status=400 if form.is_bound else 200,
    )


@role_required(DOSSIER_ROLES)
@require_GET
def uren_import_resultaat(request, pk):
    resultaat = get_object_or_404(
        UrenImport.objects.visible_to(request.user).select_related(
            "aanbieder", "geupload_door"
        ),
        pk=pk,
    )
    return render(
        request,
        "leerroutes/uren_import_resultaat.html",
        {
            "resultaat": resultaat,
            "fouten": resultaat.fouten[:MAX_FOUTEN_GETOOND],
            "meer_fouten": max(len(resultaat.fouten) - MAX_FOUTEN_GETOOND, 0),
        },
    )
