"""The voorbeeld of a letter before it is final (issue 20): shown inline, never
cached, and the confirmation that it was seen."""

from django.http import HttpResponse

from ..brieven import VOORBEELD_EERST

__all__ = ["VOORBEELD_EERST", "voorbeeld_pdf"]


def voorbeeld_pdf(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="voorbeeld-concept.pdf"'
    response["Cache-Control"] = "no-store"
    return response
