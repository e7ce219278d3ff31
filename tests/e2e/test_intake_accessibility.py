"""axe-core finds no WCAG 2.1 A/AA violations on the brede intake pages, with and
without errors; a casusregisseur walks through the intake in the browser."""

import pytest
from playwright.sync_api import expect

from intake.models import IntakeOnderdeelSoort
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import GesprekFactory, WerkervaringFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def checklist(transactional_db):
    # A live_server test flushes the database, data migrations included.
    for volgorde, (code, naam) in enumerate(
        [("gezinssituatie", "Gezinssituatie"), ("kinderopvang", "Kinderopvang")]
    ):
        IntakeOnderdeelSoort.objects.get_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde}
        )


def test_intake_journey_and_its_pages(login, casusregisseur, dossier, checklist):
    page = login(casusregisseur)
    page.goto(f"/dossiers/{dossier.pk}/intake/")
    expect(page.get_by_role("heading", name="Nog geen brede intake")).to_be_visible()
    assert_accessible(page, "de intakepagina zonder intake")

    page.get_by_role("button", name="Intake starten").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Volledigheid")).to_be_visible()
    intake = dossier.intakes.get()
    GesprekFactory(intake=intake)
    WerkervaringFactory(intake=intake)

    # Afronden too early: a message listing what is missing.
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_load_state()
    expect(page.locator("#afronden-fout")).to_contain_text("Nog niet ingevuld")
    expect(page).to_have_title(
        f"Fout: Brede intake — {dossier.naam} — Liemers Inburgering"
    )
    assert_accessible(page, "de intakepagina met een fout bij afronden")

    # The edit form with errors.
    page.get_by_role("link", name="Intake invullen of wijzigen").click()
    assert_accessible(page, "het intakeformulier")
    page.locator("#id_jaren_onderwijs").fill("31")
    page.locator("#id_lbt_toetsbegeleider").fill("J. de Vries")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#div_id_jaren_onderwijs")).to_contain_text("hoogstens 30")
    expect(page.locator("#id_lbt_toetsbegeleider")).to_have_value("J. de Vries")
    assert_accessible(page, "het intakeformulier met fouten")

    # Fill in with reasons, then health, then complete.
    page.locator("#id_jaren_onderwijs").fill("")
    page.locator("#id_lbt_reden_niet_afgenomen").fill("Toets niet beschikbaar.")
    page.locator("#id_onderwijs_reden_niet_onderzocht").fill("Niet te achterhalen.")
    page.locator("#id_persoonlijke_omstandigheden").fill("Woont met partner.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    page.goto(f"/dossiers/{dossier.pk}/intake/gezondheid/")
    assert_accessible(page, "het gezondheidsformulier")
    page.locator("#id_besproken_op").fill("2040-01-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#div_id_besproken_op")).to_contain_text("in de toekomst")
    assert_accessible(page, "het gezondheidsformulier met een fout")
    page.locator("#id_besproken_op").fill("2026-03-12")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    page.goto(f"/dossiers/{dossier.pk}/intake/onderdelen/")
    assert_accessible(page, "het formulier overige onderdelen")
    page.goto(f"/dossiers/{dossier.pk}/intake/gesprekken/nieuw/")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    page.wait_for_load_state()
    assert_accessible(page, "het gespreksformulier met fouten")
    page.goto(f"/dossiers/{dossier.pk}/intake/werkervaring/nieuw/")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state()
    assert_accessible(page, "het werkervaringsformulier met fouten")

    page.goto(f"/dossiers/{dossier.pk}/intake/")
    assert_accessible(page, "de intakepagina met gezondheid")
    page.get_by_role("button", name="Intake afronden").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Advies: B1-route")).to_be_visible()
    assert_accessible(page, "de afgeronde intake met advies")
    intake.refresh_from_db()
    assert intake.is_afgerond
