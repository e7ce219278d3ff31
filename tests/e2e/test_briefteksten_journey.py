"""The letter texts functioneel beheer maintains (issue 20, item 2) in a real
browser; axe-core checks every page the journey reaches (WCAG 2.1 A/AA) and the
ids on it.

The functioneel beheerder opens Beheer → Briefteksten and changes the text of the
uitnodiging for the brede intake of Zevenaar: types a sentence in the inleiding,
inserts the placeholder {afspraak_plaats} with its button and types {onbekend}
too. Saving is refused with a Dutch message naming {onbekend}, what was typed
kept. Without it, and with why this version, the concept is saved. Publishing
before the voorbeeld was seen is refused; the voorbeeld PDF shows the sentence
with the example data filled in, marked CONCEPT; then the text is published as
version 2. The next uitnodiging a casusregisseur makes has the new sentence and
names version 2."""

import datetime as dt
import re
import subprocess

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pip_plans.models import Brief, BriefSoort, Brieftekst, BrieftekstStatus
from pip_plans.services.brieftekst import NIET_GEZIEN
from pip_plans.services.uitnodigingen import uitnodigingen_maken
from tests.e2e.stappen import (
    TITEL,
    assert_unique_ids,
    gemeld,
    klik_en_wacht,
    menu_volgen,
    tabelrij,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.pdf import pdf_text

pytestmark = pytest.mark.e2e

BEGIN = "Wij ontvangen u graag in "
EINDE = "; kom op tijd."
ONBEKEND = " Neem {onbekend} mee."
TOELICHTING = "De plaats van de afspraak staat nu al in de eerste alinea."
TITEL_EDITOR = "Uitnodiging brede intake, Zevenaar: versie 2"
VERSIES = "Versies van deze brieftekst"
AFSPRAAK_PLAATS = "Gemeentehuis Zevenaar, Raadhuisplein 1"


def bekeken(page, wat: str) -> None:
    """Every page the journey reaches: no axe violation, no duplicate id."""
    assert_accessible(page, wat)
    assert_unique_ids(page, wat)


def pdf_tekst(data: bytes) -> str:
    """The text of a PDF as pdftotext reads it, every run of whitespace one space."""
    uit = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(uit.split())


def test_functioneel_beheer_edits_and_publishes_a_letter_text_after_its_voorbeeld(
    live_server, login, functioneel_beheerder, casusregisseur, zevenaar
):
    standaard = Brieftekst.objects.get(
        soort=BriefSoort.UITNODIGING_INTAKE, gemeente=zevenaar
    )
    assert (standaard.versie, standaard.status) == (1, BrieftekstStatus.GEPUBLICEERD)
    page = login(functioneel_beheerder)

    # --- Beheer → Briefteksten ---------------------------------------------------------
    menu_volgen(page, "Briefteksten")
    expect(page).to_have_url(f"{live_server.url}/briefteksten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefteksten")
    rij = tabelrij(page, "Briefteksten van de gemeente Zevenaar", "Uitnodiging")
    expect(rij).to_contain_text("versie 1")
    bekeken(page, "de lijst met briefteksten")

    klik_en_wacht(
        page,
        # The hidden part names the letter and gemeente for a screen reader
        # (Chromium may put a space before it: the hidden part is positioned).
        rij.get_by_role(
            "button",
            name=re.compile(r"^Tekst wijzigen ?, uitnodiging brede intake, Zevenaar$"),
        ),
    )
    concept = Brieftekst.objects.get(
        soort=BriefSoort.UITNODIGING_INTAKE,
        gemeente=zevenaar,
        status=BrieftekstStatus.CONCEPT,
    )
    assert concept.versie == 2
    assert concept.inleiding == standaard.inleiding
    editor = f"{live_server.url}/briefteksten/{concept.pk}/"
    expect(page).to_have_url(editor)
    expect(page).to_have_title(f"{TITEL_EDITOR} — {TITEL}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Concept")
    bekeken(page, "de editor van een brieftekst")

    # --- A sentence with a placeholder from its button, and one that does not exist ----
    inleiding = page.get_by_label("Inleiding")
    inleiding.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(BEGIN)
    invulvelden = page.get_by_role("region", name="Invulvelden")
    invulvelden.get_by_role("button", name="{afspraak_plaats}", exact=True).click()
    # Inserted at the cursor, which stays after it: typing goes on behind it.
    expect(inleiding).to_be_focused()
    expect(inleiding).to_have_value(
        re.compile(re.escape(BEGIN + "{afspraak_plaats}") + "$")
    )
    page.keyboard.type(EINDE + ONBEKEND)
    getypt = inleiding.input_value()
    assert getypt.endswith(f"\n\n{BEGIN}{{afspraak_plaats}}{EINDE}{ONBEKEND}")
    assert getypt.startswith(standaard.inleiding)
    # Unsaved: the voorbeeld and publishing (about the saved text) wait for a save.
    expect(page.locator("#eerst-opslaan")).to_be_visible()
    expect(page.get_by_role("button", name="Voorbeeld bekijken (PDF)")).to_be_disabled()
    expect(page.get_by_role("button", name="Publiceren")).to_be_disabled()
    klik_en_wacht(page, page.get_by_role("button", name="Concept opslaan"))

    expect(page).to_have_title(f"Fout: {TITEL_EDITOR} — {TITEL}")
    fouten = page.get_by_role("alert")
    expect(fouten).to_contain_text("Het concept is niet opgeslagen.")
    expect(fouten).to_contain_text(
        "Deze invulvelden bestaan niet voor deze brief: {onbekend}."
    )
    expect(page.get_by_label("Inleiding")).to_have_value(getypt)
    expect(page.get_by_role("button", name="Publiceren")).to_be_disabled()
    concept.refresh_from_db()
    assert concept.inleiding == standaard.inleiding
    bekeken(page, "de editor van een brieftekst met een fout")

    # --- Without it, and with why: saved ------------------------------------------------
    inleiding = page.get_by_label("Inleiding")
    inleiding.fill(inleiding.input_value().replace(ONBEKEND, ""))
    page.get_by_label("Waarom deze versie").fill(TOELICHTING)
    klik_en_wacht(page, page.get_by_role("button", name="Concept opslaan"))
    gemeld(page, "Concept opgeslagen. Bekijk het voorbeeld voordat u het publiceert.")
    expect(page).to_have_url(editor)
    expect(page.locator("#voorbeeld-status")).to_have_text(
        "Het voorbeeld van deze tekst is nog niet bekeken."
    )
    concept.refresh_from_db()
    zin = f"{BEGIN}{{afspraak_plaats}}{EINDE}"
    assert concept.inleiding.replace("\r\n", "\n").endswith(f"\n\n{zin}")
    assert concept.toelichting == TOELICHTING
    assert concept.voorbeeld_op is None

    # --- Publishing before the voorbeeld: refused ----------------------------------------
    page.get_by_label("Ik heb het voorbeeld van deze versie bekeken").check()
    klik_en_wacht(page, page.get_by_role("button", name="Publiceren"))
    expect(page).to_have_title(f"Fout: {TITEL_EDITOR} — {TITEL}")
    fouten = page.get_by_role("alert")
    expect(fouten).to_contain_text("De tekst is niet gepubliceerd.")
    expect(fouten).to_contain_text(NIET_GEZIEN)
    concept.refresh_from_db()
    assert concept.status == BrieftekstStatus.CONCEPT
    bekeken(page, "de editor van een brieftekst, publiceren geweigerd")

    # --- The voorbeeld: the new sentence on made-up data, marked CONCEPT ---------------
    knop = page.get_by_role("button", name="Voorbeeld bekijken (PDF)")
    formulier = page.locator("form", has=knop)
    expect(formulier).to_have_attribute("target", "_blank")
    actie = formulier.get_attribute("action")
    assert actie == f"/briefteksten/{concept.pk}/voorbeeld/"
    # A new tab with the PDF (a POST: it records that the voorbeeld was seen,
    # which publishing needs).
    with page.expect_popup() as nieuw_tabblad:
        knop.click()
    tabblad = nieuw_tabblad.value
    tabblad.wait_for_load_state()
    expect(tabblad).to_have_url(f"{live_server.url}{actie}")
    assert tabblad.evaluate("document.contentType") == "application/pdf"
    tabblad.close()
    concept.refresh_from_db()
    assert concept.voorbeeld_op is not None
    # What the tab shows, asked for again with the page's session and the form's
    # token (the bytes of a PDF in Chromium's viewer are not to be had from the tab).
    token = formulier.locator("input[name=csrfmiddlewaretoken]").input_value()
    antwoord = page.request.post(
        actie,
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
    )
    assert antwoord.status == 200
    assert antwoord.headers["content-type"] == "application/pdf"
    assert antwoord.headers["content-disposition"].startswith("inline")
    assert "no-store" in antwoord.headers["cache-control"]
    voorbeeld = pdf_tekst(antwoord.body())
    assert "CONCEPT" in voorbeeld
    assert f"{BEGIN}Gemeentehuis Zevenaar{EINDE}" in voorbeeld
    assert "{afspraak_plaats}" not in voorbeeld

    # --- Published ---------------------------------------------------------------------
    page.get_by_label("Ik heb het voorbeeld van deze versie bekeken").check()
    klik_en_wacht(page, page.get_by_role("button", name="Publiceren"))
    gemeld(
        page,
        "Versie 2 is gepubliceerd. Nieuwe brieven (uitnodiging brede intake, "
        "Zevenaar) krijgen deze tekst.",
    )
    expect(page).to_have_url(editor)
    expect(page).to_have_title(f"{TITEL_EDITOR} — {TITEL}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gepubliceerd")
    expect(page.get_by_role("button", name="Publiceren")).to_have_count(0)
    versie_2 = tabelrij(page, VERSIES, "versie 2")
    expect(versie_2).to_have_count(1)
    expect(versie_2).to_contain_text("Gepubliceerd")
    expect(versie_2).to_contain_text(TOELICHTING)
    expect(tabelrij(page, VERSIES, "versie 1")).to_contain_text("Gepubliceerd")
    bekeken(page, "een gepubliceerde brieftekst")
    concept.refresh_from_db()
    assert concept.status == BrieftekstStatus.GEPUBLICEERD
    assert concept.gepubliceerd_door == functioneel_beheerder

    # --- The next uitnodiging has the new text -----------------------------------------
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        voornamen="Amal",
        achternaam="Haddad",
        met_adres=True,
    )
    vandaag = timezone.localdate()
    (brief,) = uitnodigingen_maken(
        [dossier],
        afspraak_datum=vandaag + dt.timedelta(days=14),
        afspraak_tijd=dt.time(10, 30),
        afspraak_plaats=AFSPRAAK_PLAATS,
        verzenddatum=vandaag,
        acting_user=casusregisseur,
    )
    brief = Brief.objects.select_related("brieftekst").get(pk=brief.pk)
    assert brief.brieftekst == concept
    assert brief.brieftekst.versie == 2
    tekst = pdf_text(brief)
    assert f"{BEGIN}{AFSPRAAK_PLAATS}{EINDE}" in tekst
    assert "CONCEPT" not in tekst
