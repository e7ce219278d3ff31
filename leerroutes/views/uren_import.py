from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from intake.views import bestand_importeren
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from ..forms.uren_import import UrenImportForm
from ..models import UrenImport
from ..services.uren_import import MAX_FOUTEN_GETOOND, uren_importeren


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def uren_import(request):
    return bestand_importeren(
        request,
        UrenImportForm(request.POST or None, request.FILES or None),
        importeer=lambda data, **bestand: uren_importeren(
            aanbieder=data["aanbieder"], **bestand, acting_user=request.user
        ),
        resultaat_url="leerroutes:uren_import_resultaat",
        template="leerroutes/uren_import.html",
        eerdere=UrenImport.objects.visible_to(request.user)
        .with_aantal_fouten()
        .select_related("aanbieder", "geupload_door"),
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
