"""axe-core (bundled in axe-playwright-python, offline) finds no WCAG 2.1 A/AA
violations on the pages a casusregisseur works with, including forms with errors."""

import datetime as dt
import re

from django.utils import timezone

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from intake import services
from intake.models import Relatie
from monitoring.models import Signaal
from monitoring.signalering import sweep
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.e2e

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]},
    "resultTypes": ["violations"],
}
INVALID_BSN = "123456789"  # nine digits, fails the elfproef


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    target: {', '.join(map(str, node['target']))}")
            lines.append(f"    html:   {node['html']}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n            ")
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def assert_accessible(page, what: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, (
        f"axe vond {len(violations)} WCAG-overtreding(en) op {what} ({page.url}):\n"
        + violations_report(violations)
    )


def test_login_page(page, live_server):
    page.goto("/inloggen/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert_accessible(page, "de inlogpagina")


def test_login_page_with_error(page, live_server, casusregisseur):
    page.goto("/inloggen/")
    page.locator("#id_username").fill(casusregisseur.username)
    page.locator("#id_password").fill("verkeerd-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#login-fout")).to_be_visible()
    assert_accessible(page, "de inlogpagina met een fout")


def test_werkvoorraad(login, casusregisseur, zevenaar, klantmanager):
    for naam in ("Haddad", "Bekele", "Karimi", "Tesfay", "Osman"):
        InburgeraarFactory(
            gemeente=zevenaar,
            achternaam=naam,
            casusregisseur=casusregisseur,
            rsd_klantmanager=klantmanager,
        )
    InburgeraarFactory(gemeente=zevenaar, achternaam="Yilmaz", datum_kennisgeving=None)
    # Signals on the "te doen" list, one with its snooze form open.
    sweep(timezone.localdate())
    assert Signaal.objects.filter(verantwoordelijke=casusregisseur).exists()
    page = login(casusregisseur)
    expect(page.get_by_text("6 dossiers.")).to_be_visible()
    te_doen = page.locator("#te-doen")
    expect(te_doen.locator("li").first).to_be_visible()
    te_doen.locator("summary").first.click()
    assert_accessible(page, "de werkvoorraad met signalen")


def test_dossier_with_household_and_note(login, casusregisseur, dossier, zevenaar):
    # An inburgeraar in the same household, a child (no inburgeraar) and a note; a
    # third dossier on the same address makes the "koppelen" form appear too.
    adres = {"straat": "Kerkstraat", "huisnummer": "12", "postcode": "6901 AB"}
    for field, value in adres.items():
        setattr(dossier, field, value)
    dossier.save()
    partner = InburgeraarFactory(
        gemeente=zevenaar, voornamen="Yonas", achternaam="Haddad", **adres
    )
    InburgeraarFactory(gemeente=zevenaar, voornamen="Leyla", achternaam="Omar", **adres)
    services.huishouden_koppelen(
        inburgeraar=dossier, ander=partner, acting_user=casusregisseur
    )
    services.huishoudlid_toevoegen(
        inburgeraar=dossier,
        data={
            "naam": "Sara Haddad",
            "geboortedatum": dt.date(2019, 2, 1),
            "relatie": Relatie.KIND,
        },
        acting_user=casusregisseur,
    )
    services.notitie_toevoegen(
        inburgeraar=dossier,
        tekst="Kennismakingsgesprek gevoerd.\nTolk Arabisch nodig.",
        acting_user=casusregisseur,
    )

    page = login(casusregisseur)
    page.goto(f"/dossiers/{dossier.pk}/")
    huishouden = page.locator("#huishouden")
    expect(huishouden.get_by_role("link", name="Yonas Haddad")).to_be_visible()
    expect(huishouden).to_contain_text("Sara Haddad (kind")
    expect(page.locator("#tijdlijn .notitie-tekst")).to_contain_text(
        "Tolk Arabisch nodig."
    )
    assert_accessible(page, "een dossier")

    # The folded "Huishoudlid toevoegen" form, opened and submitted empty. The form
    # has no `novalidate`, so Chromium would stop it; switch that off to see the
    # server's errors, as a browser without constraint validation would.
    page.get_by_text("Huishoudlid toevoegen").click()
    formulier = page.locator("#huishouden details form")
    expect(formulier).to_be_visible()
    formulier.evaluate("form => { form.noValidate = true; }")
    formulier.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state()
    expect(page.locator("#huishouden details")).to_have_attribute("open", "")
    expect(
        page.locator("#huishouden").get_by_text("Dit veld is verplicht.").first
    ).to_be_visible()
    assert_accessible(page, "een dossier met een fout in het huishoudlid-formulier")


def test_new_dossier_form_with_errors(login, casusregisseur):
    page = login(casusregisseur)
    page.goto("/dossiers/nieuw/")
    expect(page.get_by_role("heading", name="Nieuw dossier")).to_be_visible()
    assert_accessible(page, "het formulier Nieuw dossier")

    page.locator("#id_bsn").fill(INVALID_BSN)
    page.locator("#id_voornamen").fill("Selam")
    page.locator("#id_achternaam").fill("")
    page.locator("#id_geboortedatum").fill("1991-08-23")
    page.locator("#id_woonplaats").fill("Zevenaar")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()

    expect(page).to_have_title("Fout: Nieuw dossier — Liemers Inburgering")
    expect(page.get_by_role("alert")).to_contain_text(
        "Het formulier is niet opgeslagen."
    )
    # Dutch errors, each tied to its field.
    for field, error in (
        ("bsn", "Dit is geen geldig BSN"),
        ("achternaam", "Dit veld is verplicht."),
    ):
        expect(page.locator(f"#div_id_{field}")).to_contain_text(error)
        expect(page.locator(f"#id_{field}")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#id_{field}")).to_have_attribute(
            "aria-describedby", re.compile(rf"\bid_{field}_error\b")
        )
    # What was typed stays.
    expect(page.locator("#id_bsn")).to_have_value(INVALID_BSN)
    expect(page.locator("#id_voornamen")).to_have_value("Selam")
    expect(page.locator("#id_geboortedatum")).to_have_value("1991-08-23")
    expect(page.locator("#id_woonplaats")).to_have_value("Zevenaar")
    assert_accessible(page, "het formulier Nieuw dossier met fouten")


def test_duo_import_with_error(login, casusregisseur, tmp_path):
    page = login(casusregisseur)
    page.goto("/duo-signalen/")
    assert_accessible(page, "de DUO-importpagina")

    bestand = tmp_path / "signalen.csv"
    bestand.write_text("naam;datum\nHaddad;2026-03-05\n", encoding="utf-8")
    page.get_by_label("CSV-bestand met DUO-signalen").set_input_files(bestand)
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_load_state()
    expect(page).to_have_title("Fout: DUO-signalen importeren — Liemers Inburgering")
    expect(
        page.get_by_text("Deze kolommen ontbreken in de eerste regel")
    ).to_be_visible()
    assert_accessible(page, "de DUO-importpagina met een fout")

    # Submitted without a file.
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Dit veld is verplicht.")).to_be_visible()
    assert_accessible(page, "de DUO-importpagina zonder bestand")
