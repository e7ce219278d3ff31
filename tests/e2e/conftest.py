"""Browser tests: Playwright's sync API on Debian's Chromium against `live_server`.

`make test` installs Chromium (apt, /usr/bin/chromium); without it these tests fail
on purpose instead of being skipped. Never run `playwright install`: it downloads a
browser of its own, and these machines have no internet but the package registries.
"""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

import pytest

from intake.models import BredeIntake, IntakeGezondheid
from leerroutes.models import Contract, Organisatie
from leerroutes.services.traject import traject_toewijzen
from pip_plans.models import Inburgeringstermijn
from pip_plans.ontzorgen.services import ontzorging_starten
from pip_plans.ontzorgen.vaste_lasten import vaste_last_wijzigen
from pip_plans.services import pip as pip_services
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.intake import klaar_voor_pip
from tests.factories.leerroutes import taalaanbieder
from tests.factories.pip_plans import complete_pip_data
from tests.otp import app_voor, code
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.termijnen import maanden_later

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


# --- Dossiers several journeys start from ----------------------------------------

MAANDEN_IN_TERMIJN = 20


@pytest.fixture
def dossier_in_termijn(dossier, casusregisseur):
    """`dossier` (asiel, Zevenaar) whose first PIP (B1-route) was vastgesteld 20
    months and a day ago, so that its termijn started exactly 20 months ago. The
    database refuses to move a termijn's start, so the PIP is vastgesteld with that
    dagtekening, and the dates before it (kennisgeving, intake) are moved back too."""
    vandaag = timezone.localdate()
    termijn_start = maanden_later(vandaag, -MAANDEN_IN_TERMIJN)
    dagtekening = termijn_start - dt.timedelta(days=1)
    klaar_voor_pip(dossier, casusregisseur)
    dossier.datum_kennisgeving = dagtekening - dt.timedelta(days=60)
    dossier.datum_brp_inschrijving = dagtekening - dt.timedelta(days=64)
    dossier.bijstand_start = dagtekening - dt.timedelta(days=50)
    dossier.refresh_pip_deadline()
    dossier.save()
    BredeIntake.objects.filter(inburgeraar=dossier).update(
        gestart_op=dagtekening - dt.timedelta(days=40),
        lbt_datum=dagtekening - dt.timedelta(days=35),
        afgerond_op=dagtekening - dt.timedelta(days=20),
    )
    IntakeGezondheid.objects.filter(intake__inburgeraar=dossier).update(
        besproken_op=dagtekening - dt.timedelta(days=30)
    )
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    pip_services.pip_vaststellen(
        pip=pip, acting_user=casusregisseur, dagtekening=dagtekening
    )
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier)
    assert termijn.startdatum == termijn_start
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def aanbieder(db):
    """A taalaanbieder with a valid keurmerk and a B1-route contract (600 NT2, 80
    KNM), both running from before the termijn's start until after today whatever
    day the test runs."""
    aanbieder = taalaanbieder()
    vandaag = timezone.localdate()
    van, tot = maanden_later(vandaag, -24), maanden_later(vandaag, 24)
    Organisatie.objects.filter(pk=aanbieder.pk).update(
        keurmerk_geldig_van=van, keurmerk_geldig_tot=tot
    )
    Contract.objects.filter(aanbieder=aanbieder).update(start=van, einde=tot)
    aanbieder.refresh_from_db()
    return aanbieder


@pytest.fixture
def dossier_in_traject(dossier_in_termijn, aanbieder, casusregisseur):
    """`dossier_in_termijn` in a traject of `aanbieder` for its whole termijn (no
    hours planned), with the voortgangsgesprek the assignment plans."""
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier_in_termijn)
    traject_toewijzen(
        inburgeraar=dossier_in_termijn,
        aanbieder=aanbieder,
        start=termijn.startdatum,
        geplande_einde=termijn.einddatum,
        uren={},
        acting_user=casusregisseur,
    )
    return dossier_in_termijn


@pytest.fixture
def klant_met_ontzorgen(dossier, casusregisseur, klantmanager):
    """`dossier` (a client of `klantmanager`) whose ontzorgen started two months ago,
    with the rent filled in."""
    vandaag = timezone.localdate()
    start = maanden_later(vandaag.replace(day=1), -2)
    dossier.bijstand_start = start
    dossier.save()
    ontzorging = ontzorging_starten(
        inburgeraar=dossier, startdatum=start, acting_user=casusregisseur
    )
    huur = ontzorging.vaste_lasten.get(soort="huur")
    vaste_last_wijzigen(
        vaste_last=huur,
        versie=huur.versie,
        data={
            "soort": "huur",
            "begunstigde": "Woonstichting De Liemers",
            "iban": "NL91ABNA0417164300",
            "bedrag": Decimal("650.00"),
            "frequentie": "maand",
        },
        acting_user=klantmanager,
    )
    return dossier
