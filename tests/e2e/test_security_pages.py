"""In the browser: the two-factor pages (set-up with QR code, code with an error)
pass axe; the strict CSP blocks nothing our pages need; the inactivity warning
appears, "Ingelogd blijven" keeps the session, and doing nothing ends it."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.test_accessibility import assert_accessible
from tests.factories.accounts import PASSWORD
from tests.otp import app_voor, code

pytestmark = pytest.mark.e2e


def _wachtwoord(page, user):
    page.goto("/inloggen/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _csp_fouten(page) -> list[str]:
    fouten = []
    page.on(
        "console",
        lambda m: (
            fouten.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    return fouten


def test_au01_set_up_in_the_browser(page, casusregisseur):
    fouten = _csp_fouten(page)
    _wachtwoord(page, casusregisseur)
    expect(
        page.get_by_role("heading", name="Tweestapsverificatie instellen")
    ).to_be_visible()
    expect(page.get_by_role("img", name="QR-code")).to_be_visible()
    assert_accessible(page, "het instellen van de tweestapsverificatie")

    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    assert_accessible(page, "het instellen met een foute code")

    page.wait_for_timeout(1100)  # throttled for a second after a wrong code
    app = TOTPDevice.objects.get(user=casusregisseur, confirmed=False)
    page.get_by_role("textbox", name="Code").fill(code(app))
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", name="Reservecodes")).to_be_visible()
    expect(page.locator(".reservecodes li")).to_have_count(10)
    assert_accessible(page, "de reservecodes")
    page.get_by_role("link", name="Verder").click()
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    assert fouten == []


def test_au01_code_step_with_an_error_is_accessible(page, casusregisseur):
    app_voor(casusregisseur)
    _wachtwoord(page, casusregisseur)
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill("12")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code is onjuist of verlopen")).to_be_visible()
    assert page.title().startswith("Fout:")
    assert_accessible(page, "de codestap met een fout")


def test_cf02_the_csp_blocks_nothing_on_our_pages(
    login, page, functioneel_beheerder, dossier
):
    fouten = _csp_fouten(page)
    login(functioneel_beheerder)
    for url in (
        "/werkvoorraad/",
        f"/dossiers/{dossier.pk}/",
        "/beheer/",
        "/beheer/accounts/user/",
        f"/beheer/accounts/user/{functioneel_beheerder.pk}/change/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert fouten == []


def test_au04_inactivity_warning_then_logout(login, page, casusregisseur, settings):
    settings.SESSION_IDLE_SECONDS = 6
    settings.SESSION_WARNING_SECONDS = 4
    login(casusregisseur)
    page.goto("/werkvoorraad/")
    waarschuwing = page.get_by_role("alertdialog")
    expect(waarschuwing).to_be_hidden()
    expect(waarschuwing).to_be_visible(timeout=5000)
    expect(page.get_by_role("button", name="Ingelogd blijven")).to_be_focused()
    page.get_by_role("button", name="Ingelogd blijven").click()
    expect(waarschuwing).to_be_hidden()
    # past the first limit: the server counted the click, the session lives on
    page.wait_for_timeout(4500)
    page.reload()
    expect(page.get_by_role("heading", name="Werkvoorraad")).to_be_visible()
    # Now nothing: the page reloads after the limit and the server says why.
    expect(page.get_by_text("Uw sessie is verlopen")).to_be_visible(timeout=20000)
    assert "/inloggen/" in page.url
