"""Browser tests: Playwright's sync API on Debian's Chromium against `live_server`.

`make test` installs Chromium (apt, /usr/bin/chromium); without it these tests fail
on purpose instead of being skipped. Never run `playwright install`: it downloads a
browser of its own, and these machines have no internet but the package registries.
"""

import os
from pathlib import Path

import pytest

from tests.factories.accounts import PASSWORD
from tests.otp import app_voor, code

# Playwright's sync API runs an event loop in this thread; without this Django's ORM
# (used by the fixtures and the assertions on the database) refuses to run here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # needed as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} ontbreekt: installeer Chromium met `apt-get install -y chromium` "
            "(`make test` doet dat). Voer nooit `playwright install` uit."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture
def login(page):
    """Log in through the login page, as a person would; returns the page."""

    def do_login(user, password: str = PASSWORD):
        app = app_voor(user)
        page.goto("/inloggen/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        assert "/inloggen/" not in page.url, "Inloggen is mislukt"
        # Step two: the code from the authenticator app (AU-01).
        assert "/tweestapsverificatie/controleren/" in page.url, page.url
        page.get_by_role("textbox", name="Code").fill(code(app))
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_load_state()
        assert "/tweestapsverificatie/" not in page.url, "De code is geweigerd"
        return page

    return do_login


@pytest.fixture(autouse=True)
def statische_bestanden_zonder_hash(settings):
    """The live server serves /static/ with Django's StaticFilesHandler, which looks
    files up by the static finders under their source names; the manifest storage
    of the settings makes `{% static %}` write hashed names ("htmx.min.<hash>.js"),
    which the finders do not know: every stylesheet and script would be a 404 and
    htmx would never poll. With the plain storage the pages name the source files,
    which are served (from static/ and node_modules/)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
