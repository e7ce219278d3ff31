"""The Documenten tab of a dossier (issue 20): the dossier's documents and the
upload. It lives in pip_plans because a document may belong to a bezwaar or a
handhavingszaak; the download is intake's (intake.views.document)."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from intake.forms import DocumentForm
from intake.models import Document
from intake.views import form_action
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..selectors import get_dossier
from ..services.documenten import (
    BEZWAAR,
    INTAKE,
    ZAAK,
    document_toevoegen_aan_dossier,
    hoort_bij_keuzes,
)


def _labels(keuzes) -> dict[str, str]:
    return {waarde: label for _groep, opties in keuzes for waarde, label in opties}


def _hoort_bij(document: Document, labels: dict[str, str]) -> list[str]:
    """What the document belongs to, as the page names it."""
    sleutels = (
        [f"{INTAKE}:{document.intake_onderdeel}"] if document.intake_onderdeel else []
    )
    sleutels += [f"{ZAAK}:{zaak.pk}" for zaak in document.handhavingszaken.all()]
    sleutels += [f"{BEZWAAR}:{bezwaar.pk}" for bezwaar in document.bezwaren.all()]
    return [labels.get(sleutel, "onbekend onderdeel") for sleutel in sleutels]


def _render(request, dossier, form, keuzes, status=200):
    documenten = list(
        Document.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("toegevoegd_door")
        .prefetch_related("handhavingszaken", "bezwaren")
    )
    labels = _labels(keuzes)
    for document in documenten:
        document.hoort_bij = _hoort_bij(document, labels)
    log.log_documents_viewed(
        dossier,
        user=request.user,
        gezondheid=any(document.is_gezondheid for document in documenten),
    )
    return render(
        request,
        "pip_plans/documenten.html",
        {
            "dossier": dossier,
            "documenten": documenten,
            "form": form,
            "fout": status == 400,
        },
        status=status,
    )


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def documenten(request, pk):
    dossier = get_dossier(request, pk)
    keuzes = hoort_bij_keuzes(dossier)
    if request.method == "GET":
        return _render(request, dossier, DocumentForm(hoort_bij=keuzes), keuzes)
    form = DocumentForm(request.POST, request.FILES, hoort_bij=keuzes)

    def opslaan(gegevens):
        document_toevoegen_aan_dossier(
            dossier,
            hoort_bij=gegevens["hoort_bij"],
            gebruiker=request.user,
            data=gegevens["data"],
            bestandsnaam=gegevens["bestand"].name,
            soort=gegevens["soort"],
            datum=gegevens["datum"],
            notitie=gegevens["notitie"],
        )

    return form_action(
        request,
        form,
        save=opslaan,
        message="Het document is toegevoegd aan het dossier.",
        success_url=reverse("pip_plans:documenten", args=[dossier.pk]),
        show_errors=lambda: _render(request, dossier, form, keuzes, status=400),
    )
