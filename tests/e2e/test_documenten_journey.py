"""Documents on the dossier (issue 20, item 3) in a real browser; axe-core checks
every page the journeys reach (WCAG 2.1 A/AA) and the ids on it.

1. The casusregisseur adds a diploma on the Documenten tab for the intake part
   "Opleiding en werkervaring": it is in the list, on the timeline of the overview
   and under "Documenten bij de intake", and its download is the uploaded file,
   byte for byte.
2. A file that is not what its name says (an executable, a PNG, both called
   brief.pdf) is refused with a Dutch message; the notitie typed stays; nothing is
   stored.
3. The casusregisseur adds a medical statement; the dossier's RSD klantmanager sees
   the diploma on the client page, and neither the medical statement nor a way to
   download it."""

import datetime as dt
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from intake.models import Document, DocumentSoort
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    formulier_met_fout,
    gemeld,
    klik_en_wacht,
    nl_datum,
    tab_openen,
    tabelrij,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import BredeIntakeFactory, document, pdf_met_tekst

pytestmark = pytest.mark.e2e

FORMULIER = "#document-toevoegen form"
DIPLOMA_DATUM = dt.date(2025, 6, 30)
VERKLARING_DATUM = dt.date(2025, 9, 15)
NOTITIE = "Origineel gezien op het spreekuur; kopie gewaarmerkt."


def bekeken(page, wat: str) -> None:
    """Every page a journey reaches: no axe violation, no duplicate id."""
    assert_accessible(page, wat)
    assert_unique_ids(page, wat)


def documenten_openen(page, live_server, dossier) -> None:
    """From the werkvoorraad: the dossier, then its Documenten tab."""
    dossier_openen(page, live_server, dossier)
    tab_openen(page, live_server, dossier, "Documenten", "documenten")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Documenten: {dossier.naam}"
    )


def formulier_invullen(
    page, bestand, *, soort: str, datum: dt.date, hoort_bij: str = "", notitie=""
):
    """Fill in "Document toevoegen" (not sent); returns the form."""
    form = page.locator(FORMULIER)
    form.get_by_label("Bestand").set_input_files(bestand)
    form.get_by_label("Soort document").select_option(label=soort)
    form.get_by_label("Datum van het document").fill(datum.isoformat())
    if hoort_bij:
        form.get_by_label("Hoort bij").select_option(label=hoort_bij)
    if notitie:
        form.get_by_label("Notitie").fill(notitie)
    return form


def versturen(page) -> None:
    klik_en_wacht(
        page,
        page.locator(FORMULIER).get_by_role("button", name="Document toevoegen"),
    )


def gedownload(page, link, tmp_path, naam: str) -> bytes:
    """Click `link`: the browser saves a file named `naam`; its bytes. The download's
    headers are those of SECURITY AC-08 (read again through the page's session)."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == naam
    pad = tmp_path / "downloads" / download.suggested_filename
    download.save_as(pad)
    antwoord = page.request.get(link.get_attribute("href"))
    assert antwoord.status == 200
    headers = antwoord.headers
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment")
    assert "no-store" in headers["cache-control"].replace(" ", "").split(",")
    assert headers["x-robots-tag"] == "noindex"
    assert headers["x-content-type-options"] == "nosniff"
    return pad.read_bytes()


@pytest.fixture
def dossier_met_intake(dossier):
    """`dossier` (Amal Haddad, bijstand, `klantmanager` its RSD klantmanager) with a
    brede intake started: its page lists the documents of the intake's parts."""
    BredeIntakeFactory(inburgeraar=dossier)
    return dossier


# --- 1. A diploma, from the upload to the download ----------------------------------


def test_casusregisseur_adds_a_diploma_and_downloads_it(
    live_server, login, casusregisseur, dossier_met_intake, tmp_path
):
    dossier = dossier_met_intake
    diploma = tmp_path / "diploma-mbo-niveau-2.pdf"
    diploma.write_bytes(pdf_met_tekst("Diploma MBO niveau 2 Amal Haddad"))
    page = login(casusregisseur)

    documenten_openen(page, live_server, dossier)
    tabs = page.get_by_role("navigation", name="Onderdelen van het dossier")
    expect(tabs.get_by_role("link", name="Documenten")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("#documenten")).to_contain_text(
        "Er zijn nog geen documenten in dit dossier."
    )
    bekeken(page, "het tabblad Documenten, leeg")

    formulier_invullen(
        page,
        diploma,
        soort="Diploma",
        datum=DIPLOMA_DATUM,
        hoort_bij="Opleiding en werkervaring",
        notitie=NOTITIE,
    )
    versturen(page)
    gemeld(page, "Het document is toegevoegd aan het dossier.")
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/documenten/")
    rij = tabelrij(page, f"Documenten van {dossier.naam}", diploma.name)
    expect(rij).to_have_count(1)
    for tekst in ("Diploma", nl_datum(DIPLOMA_DATUM), "Opleiding en werkervaring"):
        expect(rij).to_contain_text(tekst)
    expect(rij).to_contain_text(NOTITIE)
    bekeken(page, "het tabblad Documenten met een diploma")

    opgeslagen = Document.objects.get()
    assert opgeslagen.inburgeraar == dossier
    assert opgeslagen.soort == DocumentSoort.DIPLOMA
    assert opgeslagen.intake_onderdeel == "onderwijs"
    assert opgeslagen.toegevoegd_door == casusregisseur
    assert opgeslagen.grootte == len(diploma.read_bytes())

    # --- The download from the list: the same bytes ----------------------------------
    inhoud = gedownload(
        page,
        rij.get_by_role("link", name=diploma.name, exact=True),
        tmp_path,
        diploma.name,
    )
    assert inhoud == diploma.read_bytes()

    # --- The timeline of the overview -------------------------------------------------
    tabs = page.get_by_role("navigation", name="Onderdelen van het dossier")
    klik_en_wacht(page, tabs.get_by_role("link", name="Overzicht"))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/")
    tijdlijn = page.locator("#tijdlijn")
    expect(tijdlijn).to_contain_text(
        f"Document toegevoegd: Diploma van {nl_datum(DIPLOMA_DATUM)}"
    )
    # The kind and the date only: the file name and the note stay off the timeline.
    expect(tijdlijn).not_to_contain_text(diploma.name)
    expect(tijdlijn).not_to_contain_text(NOTITIE)
    bekeken(page, "het overzicht met het document op de tijdlijn")

    # --- The brede intake lists it under its part; its download --------------------
    tab_openen(page, live_server, dossier, "Brede intake", "intake")
    bij_intake = page.get_by_role("region", name="Documenten bij de intake")
    expect(bij_intake).to_contain_text(
        f"Opleiding en werkervaring: Diploma van {nl_datum(DIPLOMA_DATUM)}"
    )
    bekeken(page, "de brede intake met een document")
    inhoud = gedownload(
        page,
        bij_intake.get_by_role(
            "link", name=f"Diploma van {nl_datum(DIPLOMA_DATUM)}", exact=True
        ),
        tmp_path,
        diploma.name,
    )
    assert inhoud == diploma.read_bytes()


# --- 2. A file that is not what its name says ---------------------------------------


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


# The start of a Windows executable (the "MZ" header and the DOS stub's message).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + (
    b"\x00" * 48 + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200
)


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        pytest.param(
            EXE,
            "Dit bestand is geen PDF, JPEG of PNG (gekeken naar de inhoud, niet naar "
            "de naam).",
            id="executable",
        ),
        pytest.param(
            png_bytes(),
            "De inhoud van dit bestand is een PNG, maar de naam eindigt op “.pdf”.",
            id="png",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    live_server, login, casusregisseur, dossier, tmp_path, inhoud, melding
):
    brief = tmp_path / "brief.pdf"
    brief.write_bytes(inhoud)
    page = login(casusregisseur)
    documenten_openen(page, live_server, dossier)

    formulier_invullen(
        page,
        brief,
        soort="Overig",
        datum=DIPLOMA_DATUM,
        hoort_bij="Opleiding en werkervaring",
        notitie="Brief van de werkgever over de stage.",
    )
    versturen(page)
    form = formulier_met_fout(page, f"Documenten — {dossier.naam}", FORMULIER, melding)
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/documenten/")
    # What was typed stays (a browser never fills in a file field again).
    expect(form.get_by_label("Notitie")).to_have_value(
        "Brief van de werkgever over de stage."
    )
    expect(form.get_by_label("Soort document")).to_have_value(DocumentSoort.OVERIG)
    expect(form.get_by_label("Datum van het document")).to_have_value(
        DIPLOMA_DATUM.isoformat()
    )
    expect(form.get_by_label("Hoort bij")).to_have_value("intake:onderwijs")
    expect(page.locator("#documenten")).to_contain_text(
        "Er zijn nog geen documenten in dit dossier."
    )
    bekeken(page, "het tabblad Documenten met een geweigerd bestand")
    assert not Document.objects.exists()
    assert not list((tmp_path / "private_media").rglob("document-*"))


# --- 3. A medical statement the RSD klantmanager never sees --------------------------


def test_klantmanager_sees_the_diploma_and_not_the_medical_statement(
    live_server,
    login,
    login_in_new_context,
    casusregisseur,
    klantmanager,
    dossier,
    tmp_path,
):
    diploma = document(
        dossier,
        casusregisseur,
        soort=DocumentSoort.DIPLOMA,
        tekst="Diploma MBO niveau 2 Amal Haddad",
        datum=DIPLOMA_DATUM,
    )
    verklaring = tmp_path / "verklaring-huisarts.pdf"
    verklaring.write_bytes(pdf_met_tekst("Medische verklaring huisarts"))

    # --- The casusregisseur adds the medical statement --------------------------------
    page = login(casusregisseur)
    documenten_openen(page, live_server, dossier)
    formulier_invullen(
        page,
        verklaring,
        soort="Medische verklaring",
        datum=VERKLARING_DATUM,
        hoort_bij="Persoonlijke omstandigheden en gezondheid",
    )
    versturen(page)
    gemeld(page, "Het document is toegevoegd aan het dossier.")
    rij = tabelrij(page, f"Documenten van {dossier.naam}", verklaring.name)
    expect(rij).to_contain_text("Medische verklaring")
    expect(rij).to_contain_text("Persoonlijke omstandigheden en gezondheid")
    expect(rij.locator(".badge")).to_have_text("gezondheid")
    expect(tabelrij(page, f"Documenten van {dossier.naam}", "Diploma")).to_have_count(1)
    bekeken(page, "het tabblad Documenten met een medische verklaring")
    medisch = Document.objects.get(soort=DocumentSoort.MEDISCHE_VERKLARING)

    # --- The RSD klantmanager: the diploma, not the statement ------------------------
    km = login_in_new_context(klantmanager)
    expect(km).to_have_url(f"{live_server.url}/rsd/klanten/")
    klik_en_wacht(
        km, km.get_by_role("link", name=f"{dossier.achternaam}, {dossier.voornamen}")
    )
    expect(km).to_have_url(f"{live_server.url}/rsd/klanten/{dossier.pk}/")
    expect(km.get_by_role("heading", level=1)).to_have_text(dossier.naam)
    documenten = km.get_by_role("region", name="Diploma's en participatieverklaring")
    link = documenten.get_by_role(
        "link", name=f"Diploma van {nl_datum(DIPLOMA_DATUM)}", exact=True
    )
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", f"/documenten/{diploma.pk}/")
    expect(documenten.get_by_role("link")).to_have_count(1)
    expect(km.locator("body")).not_to_contain_text("Medische verklaring")
    expect(km.locator("body")).not_to_contain_text(verklaring.name)
    expect(km.locator(f"a[href='/documenten/{medisch.pk}/']")).to_have_count(0)
    bekeken(km, "de klantpagina van de klantmanager met een diploma")

    inhoud = gedownload(km, link, tmp_path, "diploma.pdf")
    assert inhoud == pdf_met_tekst("Diploma MBO niveau 2 Amal Haddad")

    # Nor by its address: out of scope is a 404.
    antwoord = km.goto(f"/documenten/{medisch.pk}/")
    assert antwoord.status == 404
