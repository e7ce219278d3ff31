"""The voorbeeld of a letter before it is final (issue 20): shown inline, never
cached, and the confirmation that it was seen."""

from django.http import HttpResponse

from ..brieven import VOORBEELD_EERST

__all__ = ["VOORBEELD_EERST", "voorbeeld_pdf"]


def voorbeeld_pdf(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="voorbeeld-concept.pdf"'
    # Shown in the browser (a voorbeeld is for reading, not for filing), otherwise
    # as every generated document (AC-08): never cached, never indexed, never sniffed.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["X-Content-Type-Options"] = "nosniff"
    return response
