"""Documents on the dossier (issue 20): the check of an upload on its bytes, and
storing it with its timeline line and verwerkingenlog row.

The kind of file is read from its first bytes, never from its name or the browser's
Content-Type: a PDF, a JPEG or a PNG, and the name's extension must say the same,
so that a download opens as what it is. An image must decode; a PDF must have its
end marker. Anything else is refused with a Dutch message and nothing is stored."""

import io
import os
import warnings
from datetime import date

from django.core.exceptions import ValidationError

from PIL import Image, UnidentifiedImageError

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents, store_document
from zevenaar_inburgering.verwerkingen import log

from ..models import Document, Gebeurtenis, Inburgeraar, Inhoudstype
from ..tijdlijn import GebeurtenisSoort

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# A scan of an A4 page at 600 dpi is about 35 million pixels; more is no document.
DOCUMENT_MAX_PIXELS = 100_000_000

HANDTEKENINGEN = {
    Inhoudstype.PDF: b"%PDF-",
    Inhoudstype.JPEG: b"\xff\xd8\xff",
    Inhoudstype.PNG: b"\x89PNG\r\n\x1a\n",
}
EXTENSIES = {
    Inhoudstype.PDF: (".pdf",),
    Inhoudstype.JPEG: (".jpg", ".jpeg"),
    Inhoudstype.PNG: (".png",),
}
# Each kind's end marker, looked for in the last EINDE_ZOEKEN bytes (a line end or
# a few stray bytes may follow it): a file cut off in transfer has none. Needed for
# a JPEG, as WeasyPrint tells Pillow to load cut-off images (LOAD_TRUNCATED_IMAGES).
EINDMARKERINGEN = {
    Inhoudstype.PDF: b"%%EOF",
    Inhoudstype.JPEG: b"\xff\xd9",
    Inhoudstype.PNG: b"IEND",
}
EINDE_ZOEKEN = 1024


def lees_upload(bestand) -> bytes:
    """The upload's bytes, read no further than one byte past the limit: the check
    then refuses it without holding a huge file in memory."""
    return bestand.read(DOCUMENT_MAX_BYTES + 1)


def inhoudstype(data: bytes, bestandsnaam: str) -> str:
    """The content type of an upload (an Inhoudstype), or a ValidationError in
    Dutch saying why it cannot be stored."""
    if len(data) > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            "Het bestand is te groot: het mag hoogstens 20 MB zijn.", code="te_groot"
        )
    if not data:
        raise ValidationError("Het bestand is leeg.", code="leeg")
    soort = next(
        (t for t, begin in HANDTEKENINGEN.items() if data.startswith(begin)), None
    )
    if soort is None:
        raise ValidationError(
            "Dit bestand is geen PDF, JPEG of PNG (gekeken naar de inhoud, niet naar "
            "de naam). Alleen die soorten bestanden kunnen in het dossier.",
            code="soort",
        )
    extensie = os.path.splitext(bestandsnaam.lower())[1]
    if extensie not in EXTENSIES[soort]:
        raise ValidationError(
            f"De inhoud van dit bestand is een {Inhoudstype(soort).label}, maar de "
            f"naam eindigt op “{extensie or 'niets'}”. Geef het bestand de juiste "
            f"extensie ({' of '.join(EXTENSIES[soort])}) en probeer het opnieuw.",
            code="extensie",
        )
    if EINDMARKERINGEN[soort] not in data[-EINDE_ZOEKEN:]:
        raise ValidationError(
            f"Dit {Inhoudstype(soort).label}-bestand is onvolledig of beschadigd.",
            code="beschadigd",
        )
    if soort != Inhoudstype.PDF:
        _controleer_afbeelding(data)
    return soort


def _controleer_afbeelding(data: bytes) -> None:
    beschadigd = ValidationError(
        "Deze afbeelding is beschadigd of geen echte JPEG of PNG.", code="beschadigd"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as afbeelding:
                breedte, hoogte = afbeelding.size
                if breedte * hoogte > DOCUMENT_MAX_PIXELS:
                    raise ValidationError(
                        "De afbeelding heeft te veel pixels; scan met een lagere "
                        "resolutie (bijv. 300 dpi).",
                        code="te_groot",
                    )
                afbeelding.verify()
            # verify() checks a PNG's chunks but not a JPEG's image data.
            with Image.open(io.BytesIO(data)) as afbeelding:
                afbeelding.load()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ):
        raise beschadigd from None


def veilige_bestandsnaam(bestandsnaam: str) -> str:
    """The name as the user sees it on the page: no folders, no control characters."""
    naam = os.path.basename(bestandsnaam.replace("\\", "/"))
    naam = "".join(ch for ch in naam if ch.isprintable()).strip(" .")
    stam, extensie = os.path.splitext(naam)
    # Shortened before the extension: the download must open as what it is.
    return (stam[: 200 - len(extensie)] + extensie) if stam else "document"


@atomic_with_documents
def document_toevoegen(
    inburgeraar: Inburgeraar,
    *,
    data: bytes,
    bestandsnaam: str,
    soort: str,
    datum: date,
    notitie: str = "",
    intake_onderdeel: str = "",
    gebruiker: User,
) -> Document:
    """Store an upload on the dossier: the file in private storage with its SHA-256,
    a timeline line and a verwerkingenlog row. The bytes are checked again here, so
    no caller can store what the form would refuse."""
    type_ = inhoudstype(data, bestandsnaam)
    document = Document(
        inburgeraar=inburgeraar,
        soort=soort,
        datum=datum,
        notitie=notitie,
        intake_onderdeel=intake_onderdeel,
        bestandsnaam=veilige_bestandsnaam(bestandsnaam),
        inhoudstype=type_,
        grootte=len(data),
        toegevoegd_door=gebruiker,
    )
    document.full_clean(exclude=["bestand", "sha256"])
    document.bestand, document.sha256 = store_document(
        data,
        folder=f"documenten/{datum:%Y}",
        filename=f"document-{document.pk}{EXTENSIES[type_][0]}",
    )
    document.save(force_insert=True)
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=GebeurtenisSoort.DOCUMENT,
        gebruiker=gebruiker,
        # The kind and the date only: the file name or the note may say more
        # than the timeline should.
        omschrijving=f"Document toegevoegd: {document}",
    )
    log.log_document_added(
        inburgeraar,
        user=gebruiker,
        soort=document.get_soort_display(),
        gezondheid=document.is_gezondheid,
    )
    return document
