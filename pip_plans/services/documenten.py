"""A document on the dossier that belongs to a part of it (issue 20): the brede
intake's parts are intake's own; a bezwaar or a handhavingszaak is pip_plans', so
the link is made here, in the same transaction as the upload."""

from intake.models import Document, intake_onderdeel_keuzes
from intake.services.document import document_toevoegen
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst

from ..models import Bezwaar, Handhavingszaak

INTAKE = "intake"
ZAAK = "zaak"
BEZWAAR = "bezwaar"


def _zaken(inburgeraar):
    return Handhavingszaak.objects.filter(inburgeraar=inburgeraar).order_by(
        "-datum_overtreding"
    )


def _bezwaren(inburgeraar):
    return Bezwaar.objects.filter(inburgeraar=inburgeraar).order_by("-ontvangen_op")


def hoort_bij_keuzes(inburgeraar) -> list:
    """The choices of what a new document of this dossier belongs to, grouped; a
    value is "<kind>:<key>". Only the dossier's own bezwaren and zaken, so a
    posted value can name nothing else (the form checks it is one of these)."""
    keuzes = [
        (
            "Brede intake",
            [(f"{INTAKE}:{code}", naam) for code, naam in intake_onderdeel_keuzes()],
        )
    ]
    zaken = [
        (
            f"{ZAAK}:{zaak.pk}",
            f"{zaak.get_overtreding_display()}, overtreding van "
            f"{datum_tekst(zaak.datum_overtreding)}",
        )
        for zaak in _zaken(inburgeraar)
    ]
    if zaken:
        keuzes.append(("Handhavingszaak", zaken))
    bezwaren = [
        (
            f"{BEZWAAR}:{bezwaar.pk}",
            f"Bezwaar ontvangen op {datum_tekst(bezwaar.ontvangen_op)}",
        )
        for bezwaar in _bezwaren(inburgeraar)
    ]
    if bezwaren:
        keuzes.append(("Bezwaar", bezwaren))
    return keuzes


@atomic_with_documents
def document_toevoegen_aan_dossier(
    inburgeraar, *, hoort_bij: str, gebruiker, **document
) -> Document:
    """Store the upload (intake.services.document.document_toevoegen) and link it
    to the bezwaar or handhavingszaak `hoort_bij` names, or record the intake part.
    `hoort_bij` is a value of hoort_bij_keuzes(inburgeraar) or ""."""
    soort, _, sleutel = hoort_bij.partition(":")
    document = document_toevoegen(
        inburgeraar,
        gebruiker=gebruiker,
        intake_onderdeel=sleutel if soort == INTAKE else "",
        **document,
    )
    if soort == ZAAK:
        _zaken(inburgeraar).get(pk=sleutel).documenten.add(document)
    elif soort == BEZWAAR:
        _bezwaren(inburgeraar).get(pk=sleutel).documenten.add(document)
    return document
