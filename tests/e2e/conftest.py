"""Browser tests: Playwright's sync API on Debian's Chromium against `live_server`.

`make test` installs Chromium (apt, /usr/bin/chromium); without it these tests fail
on purpose instead of being skipped. Never run `playwright install`: it downloads a
browser of its own, and these machines have no internet but the package registries.
"""

import os
from pathlib import Path

import pytest

from tests.factories.accounts import PASSWORD, UserFactory
from tests.otp import app_voor, code
from zevenaar_inburgering.accounts.models import Role

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


def new_context(browser, live_server, **opties):
    """A browser context of its own (cookies, session) on the live server; `opties`
    go to Playwright's `new_context` (e.g. `java_script_enabled=False`)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        **opties,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser, live_server):
    context = new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


def inloggen(page, user, password: str = PASSWORD):
    """Log `user` in on `page` through the login page, as a person would: password,
    then the code from the authenticator app (AU-01). Returns the page."""
    app = app_voor(user)
    page.goto("/inloggen/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert "/inloggen/" not in page.url, "Inloggen is mislukt"
    assert "/tweestapsverificatie/controleren/" in page.url, page.url
    page.get_by_role("textbox", name="Code").fill(code(app))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    assert "/tweestapsverificatie/" not in page.url, "De code is geweigerd"
    return page


@pytest.fixture
def login(page):
    """Log in through the login page, as a person would; returns the page."""

    def do_login(user, password: str = PASSWORD):
        return inloggen(page, user, password)

    return do_login


@pytest.fixture
def login_in_new_context(browser, live_server):
    """Log a second (third, ...) user in, each in a browser context of their own,
    as on another computer: no cookie or session shared with `page`. Returns that
    user's page; the contexts close after the test."""
    contexts = []

    def do_login(user, password: str = PASSWORD):
        context = new_context(browser, live_server)
        contexts.append(context)
        return inloggen(context.new_page(), user, password)

    yield do_login
    for context in contexts:
        context.close()


@pytest.fixture
def derde_casusregisseur(zevenaar):
    """A third casusregisseur of Zevenaar (besides `casusregisseur` and `collega`):
    decides the bezwaar against a decision both others had a hand in
    (functiescheiding, Awb art. 10:3)."""
    return UserFactory(
        username="casus.zevenaar.3", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )


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
