"""The download of a document on the dossier (issue 20), for every page that lists
one: only through this view, within Document.visible_to (health kinds only for
GEZONDHEID_ROLES, an RSD klantmanager only their own clients' diplomas and
participatieverklaring), with the headers of SECURITY AC-08, in the
verwerkingenlog. Out of scope is a 404, which the middleware logs (LG-05)."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES
from zevenaar_inburgering.documents import document_response
from zevenaar_inburgering.verwerkingen import log

from ..models import Document


@role_required(DOSSIER_ROLES | RSD_ROLES)
@require_GET
def document_download(request, pk):
    document = get_object_or_404(
        Document.objects.visible_to(request.user)
        .filter(inburgeraar__geanonimiseerd_op__isnull=True)
        .select_related("inburgeraar"),
        pk=pk,
    )
    # Open the file first: a missing file is a 404, not a logged download.
    response = document_response(
        document.bestand,
        download_name=document.bestandsnaam,
        content_type=document.inhoudstype,
    )
    log.log_document_downloaded(
        document.inburgeraar,
        user=request.user,
        handeling="Documenten",
        soort=document.get_soort_display(),
        gezondheid=document.is_gezondheid,
    )
    return response
