"""The voorbeeld of a letter before it is final (issue 20): shown inline, never
cached, and the confirmation that it was seen."""

from django.http import HttpResponse

VOORBEELD_EERST = (
    "Bekijk eerst het voorbeeld van de brief en bevestig dat de vrije teksten zo "
    "naar de inburgeraar mogen."
)


def voorbeeld_pdf(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="voorbeeld-concept.pdf"'
    response["Cache-Control"] = "no-store"
    return response
