"""A legal status change as an event, in a real browser (issue 17 item 3): a
casusregisseur finds a dossier in the werkvoorraad's open work, opens it and records
DUO's ontheffing in the Status card: first without the besluit's kenmerk (refused
with a Dutch message, what was typed kept), then properly. The card and the timeline
show the event; the dossier leaves the open work and is found under "Ontheven".
axe-core checks the werkvoorraad with the filter and the dossier page with the
Status card, its error state and the closed status (WCAG 2.1 A/AA).

Dates are relative to the real `timezone.localdate()` (no frozen clock): the live
server's views and the status service use the same clock."""

import datetime as dt

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from intake.models import Inburgeraar, Status, StatusBron, Statuswijziging
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    gemeld,
    klik_en_wacht,
    nl_datum,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.nl import datum_tekst

pytestmark = pytest.mark.e2e

OPEN_WERK = "Open werk (niet afgesloten)"
KENMERK = "DUO-ONT-2026-004711"
KENMERK_FOUT = "Vul het kenmerk van het DUO-besluit in."


@pytest.fixture
def in_traject(zevenaar, casusregisseur, klantmanager):
    """Amal Haddad, in traject for over a year; Yonas Bekele, in traject too, stays
    in the open work."""
    vandaag = timezone.localdate()
    start = vandaag - dt.timedelta(days=400)
    haddad, _bekele = (
        InburgeraarFactory(
            gemeente=zevenaar,
            casusregisseur=casusregisseur,
            rsd_klantmanager=klantmanager,
            voornamen=voornamen,
            achternaam=achternaam,
            status=Status.IN_TRAJECT,
            start_inburgeringsplicht=start,
            datum_kennisgeving=start + dt.timedelta(days=21),
        )
        for voornamen, achternaam in (("Amal", "Haddad"), ("Yonas", "Bekele"))
    )
    return haddad


def filteren_op_status(page, status: str) -> None:
    """In the werkvoorraad's filter form: the status `status` (its label), then
    Zoeken. The filter is remembered for the next visit."""
    filter_form = page.get_by_role("form", name="Zoeken en filteren")
    filter_form.get_by_label("Status", exact=True).select_option(label=status)
    klik_en_wacht(page, filter_form.get_by_role("button", name="Zoeken", exact=True))


def test_casusregisseur_records_duo_ontheffing_and_it_leaves_the_open_work(
    live_server, login, casusregisseur, in_traject
):
    dossier = in_traject
    vandaag = timezone.localdate()
    besluit = vandaag - dt.timedelta(days=14)
    werkvoorraad_url = f"{live_server.url}/werkvoorraad/"
    naam_link = f"{dossier.achternaam}, {dossier.voornamen}"

    # --- The werkvoorraad's open work ------------------------------------------------
    page = login(casusregisseur)
    expect(page).to_have_url(werkvoorraad_url)
    filteren_op_status(page, OPEN_WERK)
    expect(page).to_have_url(werkvoorraad_url)
    expect(page.get_by_text("2 dossiers.")).to_be_visible()
    expect(page.get_by_role("link", name=naam_link)).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_be_visible()
    assert_accessible(page, "de werkvoorraad met het filter open werk")

    # --- The dossier's Status card ---------------------------------------------------
    dossier_openen(page, live_server, dossier)
    kaart = page.locator("#status")
    expect(kaart.get_by_role("heading", name="Status")).to_be_visible()
    expect(kaart).to_contain_text("In traject")
    kaart.get_by_text("Statuswijziging vastleggen").click()
    formulier = kaart.locator("form")
    expect(formulier).to_be_visible()
    assert_accessible(page, "een dossier met het statusformulier open")
    assert_unique_ids(page, "een dossier met het statusformulier open")

    # --- Ontheffing without the kenmerk of DUO's besluit: refused --------------------
    formulier.get_by_label("Wat is er gebeurd?").select_option(
        label="Ontheffing door DUO"
    )
    formulier.get_by_label("Datum").fill(besluit.isoformat())
    klik_en_wacht(page, formulier.get_by_role("button", name="Vastleggen"))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/status/")
    kaart = page.locator("#status")
    expect(kaart.locator("details")).to_have_attribute("open", "")
    formulier = kaart.locator("form")
    expect(formulier.locator("#div_id_kenmerk")).to_contain_text(KENMERK_FOUT)
    expect(formulier.locator("#id_kenmerk")).to_have_attribute("aria-invalid", "true")
    # What was typed stays.
    expect(formulier.get_by_label("Wat is er gebeurd?")).to_have_value(Status.ONTHEVEN)
    expect(formulier.get_by_label("Datum")).to_have_value(besluit.isoformat())
    assert Inburgeraar.objects.get(pk=dossier.pk).status == Status.IN_TRAJECT
    assert not Statuswijziging.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "een dossier met een fout in het statusformulier")
    assert_unique_ids(page, "een dossier met een fout in het statusformulier")

    # --- With the kenmerk: recorded ------------------------------------------------
    formulier.get_by_label("Kenmerk DUO-besluit").fill(KENMERK)
    klik_en_wacht(page, formulier.get_by_role("button", name="Vastleggen"))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/#status")
    gemeld(page, "Status vastgelegd.")
    omschrijving = (
        f"Ontheven per {datum_tekst(besluit)} (besluit DUO, kenmerk {KENMERK})"
    )
    kaart = page.locator("#status")
    expect(kaart).to_contain_text(f"Ontheven sinds {nl_datum(besluit)}")
    expect(kaart.locator("li")).to_have_count(1)
    expect(kaart.locator("li")).to_contain_text(omschrijving)
    expect(kaart.locator("li")).to_contain_text("bron: Besluit van DUO")
    # A closed dossier has nothing more to record.
    expect(kaart.get_by_text("Statuswijziging vastleggen")).to_have_count(0)
    expect(page.locator("#tijdlijn .timeline")).to_contain_text(omschrijving)
    wijziging = Statuswijziging.objects.get(inburgeraar=dossier)
    assert (wijziging.status, wijziging.vorige_status) == (
        Status.ONTHEVEN,
        Status.IN_TRAJECT,
    )
    assert (wijziging.datum, wijziging.bron, wijziging.kenmerk) == (
        besluit,
        StatusBron.DUO,
        KENMERK,
    )
    assert wijziging.vastgelegd_door == casusregisseur
    assert_accessible(page, "een dossier met de status ontheven")

    # --- Back in the werkvoorraad: gone from the open work, found under Ontheven -----
    kruimelpad = page.get_by_role("navigation", name="Kruimelpad")
    klik_en_wacht(page, kruimelpad.get_by_role("link", name="Werkvoorraad"))
    expect(page).to_have_url(werkvoorraad_url)
    filter_form = page.get_by_role("form", name="Zoeken en filteren")
    expect(filter_form.get_by_label("Status", exact=True)).to_have_value("open")
    expect(page.get_by_text("1 dossier.")).to_be_visible()
    expect(page.get_by_role("link", name=naam_link)).to_have_count(0)
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_be_visible()
    assert_accessible(page, "de werkvoorraad met open werk na de ontheffing")

    filteren_op_status(page, "Ontheven")
    expect(page.get_by_text("1 dossier.")).to_be_visible()
    expect(page.get_by_role("link", name=naam_link)).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_have_count(0)
