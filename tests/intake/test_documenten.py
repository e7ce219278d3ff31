"""Documents on the dossier (issue 20 item 3): an upload is checked on its bytes
(PDF, JPEG, PNG, at most 20 MB, the extension saying the same), stored privately
with its SHA-256, with a timeline line and a verwerkingenlog row; a refused upload
leaves nothing behind. Who sees which kinds (Document.visible_to)."""

import datetime as dt
import hashlib
import io
import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.utils import timezone

import pytest
from PIL import Image

from intake.forms import DocumentForm
from intake.models import (
    GEZONDHEIDSDOCUMENTEN,
    RSD_DOCUMENTEN,
    Document,
    DocumentSoort,
    Gebeurtenis,
    Inhoudstype,
)
from intake.services.document import document_toevoegen, inhoudstype
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory, document, pdf_met_tekst
from zevenaar_inburgering.documents import verify_document
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

DATUM = dt.date(2026, 3, 1)


def afbeelding(formaat: str) -> bytes:
    """A real 40x30 image in `formaat` ("PNG", "JPEG"), made in memory."""
    uit = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(uit, formaat)
    return uit.getvalue()


def ruis_png() -> bytes:
    """A PNG of random pixels: its image data is large enough to cut in half."""
    uit = io.BytesIO()
    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(uit, "PNG")
    return uit.getvalue()


def beschadigde_png() -> bytes:
    """A PNG with its end marker but 50 bytes of its image data overwritten."""
    png = ruis_png()
    return png[:2000] + b"x" * 50 + png[2050:]


def opgeslagen_bestanden() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def toevoegen(dossier, user, data, bestandsnaam, soort=DocumentSoort.DIPLOMA, **extra):
    return document_toevoegen(
        dossier,
        data=data,
        bestandsnaam=bestandsnaam,
        soort=soort,
        datum=DATUM,
        gebruiker=user,
        **extra,
    )


# --- Accepted uploads -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("maak", "bestandsnaam", "type_", "extensie"),
    [
        (lambda: pdf_met_tekst("Diploma MBO niveau 2"), "diploma.pdf", "pdf", ".pdf"),
        (lambda: afbeelding("PNG"), "scan.png", "png", ".png"),
        (lambda: afbeelding("JPEG"), "foto.jpg", "jpeg", ".jpg"),
        (lambda: afbeelding("JPEG"), "FOTO.JPEG", "jpeg", ".jpg"),
    ],
    ids=["pdf", "png", "jpeg", "jpeg-hoofdletters"],
)
def test_each_accepted_type_is_stored_privately_with_its_sha256(
    dossier, casusregisseur, maak, bestandsnaam, type_, extensie
):
    data = maak()
    doc = toevoegen(dossier, casusregisseur, data, bestandsnaam, notitie="Origineel")

    doc.refresh_from_db()
    assert doc.inhoudstype == getattr(Inhoudstype, type_.upper())
    assert doc.grootte == len(data)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert verify_document(doc.bestand, doc.sha256)
    assert doc.bestandsnaam == bestandsnaam
    assert doc.toegevoegd_door == casusregisseur
    assert doc.inburgeraar == dossier
    # Stored under private storage by the document's id, never by its name.
    assert doc.bestand == f"documenten/2026/document-{doc.pk}{extensie}"
    pad = Path(settings.PRIVATE_MEDIA_ROOT) / doc.bestand
    assert opgeslagen_bestanden() == [pad]
    assert pad.read_bytes() == data


def test_a_changed_file_no_longer_verifies(dossier, casusregisseur):
    doc = document(dossier, casusregisseur)
    pad = Path(settings.PRIVATE_MEDIA_ROOT) / doc.bestand
    pad.write_bytes(pad.read_bytes().replace(b"MBO", b"HBO"))
    assert not verify_document(doc.bestand, doc.sha256)


def test_the_shown_name_loses_folders_and_control_characters(dossier, casusregisseur):
    doc = toevoegen(
        dossier, casusregisseur, pdf_met_tekst("x"), "..\\..\\tmp/dip\x00loma\n.pdf"
    )
    assert doc.bestandsnaam == "diploma.pdf"


# --- Refused uploads: the Dutch reason and nothing stored ----------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def zonder_eof() -> bytes:
    pdf = pdf_met_tekst("Afgebroken")
    return pdf[: pdf.index(b"%%EOF")]


GEWEIGERD = [
    pytest.param(
        pdf_met_tekst("Diploma"),
        "diploma.png",
        "De inhoud van dit bestand is een PDF, maar de naam eindigt op “.png”. "
        "Geef het bestand de juiste extensie (.pdf) en probeer het opnieuw.",
        id="pdf-als-png",
    ),
    pytest.param(
        afbeelding("PNG"),
        "scan",
        "De inhoud van dit bestand is een PNG, maar de naam eindigt op “niets”.",
        id="png-zonder-extensie",
    ),
    pytest.param(
        EXE,
        "factuur.pdf",
        "Dit bestand is geen PDF, JPEG of PNG (gekeken naar de inhoud, niet naar de "
        "naam). Alleen die soorten bestanden kunnen in het dossier.",
        id="exe-als-pdf",
    ),
    pytest.param(
        ELF,
        "diploma.pdf",
        "Dit bestand is geen PDF, JPEG of PNG",
        id="elf-als-pdf",
    ),
    pytest.param(
        b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024 - 9),
        "groot.pdf",
        "Het bestand is te groot: het mag hoogstens 20 MB zijn.",
        id="25-mb",
    ),
    pytest.param(b"", "leeg.pdf", "Het bestand is leeg.", id="leeg"),
    pytest.param(
        ruis_png()[:3000],
        "scan.png",
        "Dit PNG-bestand is onvolledig of beschadigd.",
        id="afgebroken-png",
    ),
    pytest.param(
        beschadigde_png(),
        "scan.png",
        "Deze afbeelding is beschadigd of geen echte JPEG of PNG.",
        id="beschadigde-png",
    ),
    pytest.param(
        zonder_eof(),
        "diploma.pdf",
        "Dit PDF-bestand is onvolledig of beschadigd.",
        id="pdf-zonder-eof",
    ),
]


@pytest.mark.parametrize(("data", "bestandsnaam", "melding"), GEWEIGERD)
def test_inhoudstype_refuses_with_a_dutch_reason(data, bestandsnaam, melding):
    with pytest.raises(ValidationError) as fout:
        inhoudstype(data, bestandsnaam)
    assert fout.value.messages[0].startswith(melding)


@pytest.mark.parametrize(("data", "bestandsnaam", "melding"), GEWEIGERD)
def test_a_refused_upload_stores_nothing(
    dossier, casusregisseur, data, bestandsnaam, melding
):
    gebeurtenissen = Gebeurtenis.objects.count()
    verwerkingen = Verwerking.objects.count()

    with pytest.raises(ValidationError) as fout:
        toevoegen(dossier, casusregisseur, data, bestandsnaam)

    assert fout.value.messages[0].startswith(melding)
    assert not Document.objects.exists()
    assert opgeslagen_bestanden() == []
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Verwerking.objects.count() == verwerkingen


def test_a_truncated_jpeg_is_refused():
    uit = io.BytesIO()
    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(uit, "JPEG")
    data = uit.getvalue()
    with pytest.raises(ValidationError):
        inhoudstype(data[: len(data) // 3], "foto.jpg")


def test_a_long_file_name_keeps_its_extension(dossier, casusregisseur):
    naam = "scan-" + "a" * 250 + ".pdf"
    doc = toevoegen(dossier, casusregisseur, pdf_met_tekst("x"), naam)
    assert len(doc.bestandsnaam) <= 200
    assert doc.bestandsnaam.endswith(".pdf")


def test_a_file_of_exactly_20_mb_is_accepted():
    data = pdf_met_tekst("x")
    data = data[:9] + b"%" + b"0" * (20 * 1024 * 1024 - len(data) - 1) + data[9:]
    assert len(data) == 20 * 1024 * 1024
    assert inhoudstype(data, "groot.pdf") == Inhoudstype.PDF


def test_a_pdf_with_a_line_end_after_eof_is_accepted():
    assert inhoudstype(pdf_met_tekst("x") + b"\r\n", "a.pdf") == Inhoudstype.PDF


def test_when_the_log_cannot_be_written_the_file_is_removed_again(
    dossier, casusregisseur, monkeypatch
):
    """SECURITY LG-02: no stored file outlives the rows that were to record it."""

    def kapot(*args, **kwargs):
        raise DatabaseError("verwerkingenlog niet bereikbaar")

    monkeypatch.setattr(
        "zevenaar_inburgering.verwerkingen.log.log_document_added", kapot
    )
    with pytest.raises(DatabaseError):
        toevoegen(dossier, casusregisseur, pdf_met_tekst("Diploma"), "diploma.pdf")
    assert not Document.objects.exists()
    assert opgeslagen_bestanden() == []
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.DOCUMENT).exists()


# --- Timeline and verwerkingenlog ------------------------------------------------------


def test_the_timeline_names_the_kind_and_date_not_the_file_or_note(
    dossier, casusregisseur
):
    toevoegen(
        dossier,
        casusregisseur,
        pdf_met_tekst("Verklaring"),
        "verklaring-huisarts-depressie.pdf",
        soort=DocumentSoort.MEDISCHE_VERKLARING,
        notitie="Behandeling bij GGZ",
    )
    regel = Gebeurtenis.objects.get(soort=GebeurtenisSoort.DOCUMENT)
    assert regel.inburgeraar == dossier
    assert regel.gebruiker == casusregisseur
    assert (
        regel.omschrijving
        == "Document toegevoegd: Medische verklaring van 1 maart 2026"
    )
    assert "depressie" not in regel.omschrijving
    assert "GGZ" not in regel.omschrijving


@pytest.mark.parametrize("soort", DocumentSoort.values)
def test_the_verwerkingenlog_names_gezondheid_exactly_for_the_medical_kinds(
    dossier, casusregisseur, soort
):
    doc = document(dossier, casusregisseur, soort=soort)
    rij = Verwerking.objects.get(actie=Actie.AANMAKEN, handeling="Documenten")
    assert rij.actie_naam == f"Document toegevoegd ({doc.get_soort_display()})"
    assert rij.object_id == str(dossier.pk)
    assert rij.actor == casusregisseur
    assert rij.gemeente_id == dossier.gemeente_id
    assert ("gezondheid" in rij.soorten_gegevens) == (soort in GEZONDHEIDSDOCUMENTEN)
    assert "persoonsgegevens" in rij.soorten_gegevens


def test_the_medical_kinds_are_medische_verklaring_and_coa_profiel():
    assert set(GEZONDHEIDSDOCUMENTEN) == {"medische_verklaring", "coa_profiel"}
    assert set(RSD_DOCUMENTEN) == {"diploma", "participatieverklaring"}


# --- Who sees what (Document.visible_to) ----------------------------------------------

ALLE = set(DocumentSoort.values)
ZONDER_GEZONDHEID = ALLE - {"medische_verklaring", "coa_profiel"}


@pytest.fixture
def documenten(dossier, dossier_duiven, casusregisseur, andere_casusregisseur):
    """One document of every kind on the Zevenaar dossier, one diploma in Duiven."""
    for soort in DocumentSoort.values:
        document(dossier, casusregisseur, soort=soort)
    return document(dossier_duiven, andere_casusregisseur)


def zichtbaar(user, dossier) -> set[str]:
    return set(
        Document.objects.visible_to(user)
        .filter(inburgeraar=dossier)
        .values_list("soort", flat=True)
    )


@pytest.mark.parametrize(
    ("persona", "zevenaar_ziet", "duiven_ziet"),
    [
        ("casusregisseur", ALLE, set()),
        ("andere_casusregisseur", set(), {"diploma"}),
        ("functioneel_beheerder", ALLE, set()),
        ("klantmanager", {"diploma", "participatieverklaring"}, set()),
        ("andere_klantmanager", set(), set()),
        ("beleidsmedewerker", set(), set()),
    ],
)
def test_visible_to_per_role(
    request, documenten, dossier, dossier_duiven, persona, zevenaar_ziet, duiven_ziet
):
    user = request.getfixturevalue(persona)
    assert zichtbaar(user, dossier) == zevenaar_ziet
    assert zichtbaar(user, dossier_duiven) == duiven_ziet


def test_inactive_and_anonymous_users_see_no_documents(documenten, casusregisseur):
    assert not Document.objects.visible_to(AnonymousUser()).exists()
    casusregisseur.is_active = False
    assert not Document.objects.visible_to(casusregisseur).exists()


def test_a_klantmanager_sees_nothing_of_a_client_without_bijstand(
    zevenaar, casusregisseur, klantmanager
):
    zonder = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, rsd_klantmanager=None
    )
    document(zonder, casusregisseur)
    assert zichtbaar(klantmanager, zonder) == set()


# --- The form --------------------------------------------------------------------------


def form(**velden):
    data = {"soort": "diploma", "datum": DATUM.isoformat(), "hoort_bij": "", **velden}
    bestand = SimpleUploadedFile(
        "diploma.pdf", pdf_met_tekst("Diploma"), content_type="application/pdf"
    )
    return DocumentForm(data, {"bestand": bestand}, hoort_bij=[])


def test_the_form_refuses_a_date_in_the_future():
    morgen = timezone.localdate() + dt.timedelta(days=1)
    f = form(datum=morgen.isoformat())
    assert not f.is_valid()
    assert f.errors["datum"] == ["De datum van het document ligt in de toekomst."]
    # The browser does not fill in the file again: the form says so.
    assert f.errors["bestand"] == [
        "Kies het bestand opnieuw; de andere velden zijn bewaard."
    ]


def test_the_form_takes_today_and_hands_over_the_bytes():
    f = form(datum=timezone.localdate().isoformat())
    assert f.is_valid(), f.errors
    assert f.cleaned_data["data"].startswith(b"%PDF-")
