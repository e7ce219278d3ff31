"""The issue's acceptance journey, in a real browser: a casusregisseur logs in, finds a
dossier by name and by BSN in the werkvoorraad, opens it and adds a note."""

import pytest
from playwright.sync_api import expect

from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.e2e

ZOEKVELD = "Zoek op naam, BSN of v-nummer"


def zoek(page, term: str) -> None:
    page.get_by_label(ZOEKVELD).fill(term)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_load_state()


def test_casusregisseur_finds_dossier_and_adds_note(
    live_server, page, login, casusregisseur, dossier, zevenaar, dossier_duiven
):
    # Others in the werkvoorraad, so that a search has something to leave out.
    InburgeraarFactory(gemeente=zevenaar, voornamen="Yonas", achternaam="Bekele")
    InburgeraarFactory(gemeente=zevenaar, voornamen="Leyla", achternaam="Karimi")
    requested_urls = []
    page.on("request", lambda request: requested_urls.append(request.url))

    login(casusregisseur)
    expect(page).to_have_url(f"{live_server.url}/werkvoorraad/")
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_be_visible()
    # Another gemeente's dossier is never in this werkvoorraad.
    expect(page.get_by_text("Tesfay")).to_have_count(0)

    naam_link = page.get_by_role("link", name="Haddad, Amal")

    zoek(page, "Haddad")
    expect(page.get_by_text("1 dossier gevonden voor “Haddad”.")).to_be_visible()
    expect(naam_link).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_have_count(0)

    zoek(page, "Bekele")
    expect(naam_link).to_have_count(0)

    zoek(page, dossier.bsn)
    # The page names the search by the last four digits only.
    gemaskeerd = f"BSN *****{dossier.bsn[-4:]}"
    expect(page.get_by_text(f"1 dossier gevonden voor “{gemaskeerd}”.")).to_be_visible()
    expect(page.get_by_text(dossier.bsn)).to_have_count(0)
    expect(naam_link).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_have_count(0)
    # The search is POSTed: the BSN is in no URL, not even in the redirect target.
    assert dossier.bsn not in page.url
    assert not [url for url in requested_urls if dossier.bsn in url]

    naam_link.click()
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.naam)
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk),
        actor=casusregisseur,
        actie=Actie.RAADPLEGEN,
        actie_naam="Dossier bekeken",
        handeling="Dossier",
    ).exists(), "Het bekijken van het dossier staat niet in de verwerkingenlog"

    tekst = (
        "Kennismakingsgesprek gevoerd; tolk Tigrinya nodig bij het volgende gesprek."
    )
    page.get_by_label("Nieuwe notitie").fill(tekst)
    page.get_by_role("button", name="Notitie opslaan").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/#tijdlijn")
    expect(
        page.get_by_role("status").filter(has_text="Notitie opgeslagen.")
    ).to_be_visible()
    expect(page.locator("#tijdlijn .notitie-tekst")).to_have_text(tekst)
    expect(page.get_by_label("Nieuwe notitie")).to_have_value("")

    assert not [url for url in requested_urls if dossier.bsn in url]
