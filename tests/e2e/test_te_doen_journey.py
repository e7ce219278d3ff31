"""Te doen in a real browser (issue 19 item 1): three kinds of signal, each
followed from its action link to the form it names, which is open on arrival
(static/js/uitklappen.js opens the <details> the #fragment names); the list is
grouped by urgency with counts. axe-core checks each page (WCAG 2.1 A/AA).

Dates are relative to the real `timezone.localdate()`: the live server's views use
the same clock."""

import datetime as dt

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from monitoring.models import SignaalSoort
from monitoring.signalering import sweep
from tests.e2e.stappen import klik_en_wacht, menu_volgen
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory
from tests.factories.leerroutes import VoortgangsgesprekFactory
from tests.factories.pip_plans import InburgeringstermijnFactory
from tests.monitoring.conftest import handhavingszaak, ontzorging, routestand
from zevenaar_inburgering.accounts.models import Gemeente

pytestmark = pytest.mark.e2e


@pytest.fixture
def drie_signalen(zevenaar, casusregisseur):
    """Three Zevenaar dossiers of `casusregisseur`, after today's sweep: a
    voortgangsgesprek due two days ago, a handhaving beslistermijn in 10 days and
    an ontzorgen period ending in 20 days."""
    vandaag = timezone.localdate()
    gesprek = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, achternaam="Gesprek"
    )
    gepland = vandaag - dt.timedelta(days=2)
    routestand(gesprek, volgend_voortgangsgesprek=gepland)
    VoortgangsgesprekFactory(inburgeraar=gesprek, gepland_op=gepland)
    boete = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, achternaam="Boete"
    )
    handhavingszaak(boete, casusregisseur, beslistermijn=vandaag + dt.timedelta(10))
    geld = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        achternaam="Ontzorgd",
        met_bijstand=True,
    )
    ontzorging(geld, casusregisseur, vandaag + dt.timedelta(days=20))
    resultaat = sweep(vandaag)
    for soort in (
        SignaalSoort.VOORTGANGSGESPREK,
        SignaalSoort.HANDHAVING_BESLISTERMIJN,
        SignaalSoort.ONTZORGEN_EINDIGT,
    ):
        assert resultaat[soort] == 1, resultaat
    return vandaag


@pytest.mark.parametrize(
    ("actie", "formulier"),
    [
        ("Gesprek vastleggen", "Gesprek vastleggen"),
        ("Besluit nemen", "Besluit nemen"),
        ("Periode wijzigen of verlengen", "Periode wijzigen of verlengen"),
    ],
)
def test_an_action_link_opens_the_form_it_names(
    live_server, login, casusregisseur, drie_signalen, actie, formulier
):
    page = login(casusregisseur)
    te_doen = page.get_by_role("region", name="Te doen")
    # (The factories' dossiers raise other signals too, e.g. their PIP deadline.)
    for groep in ("Te laat", "Deze week", "Binnen 4 weken"):
        expect(te_doen.get_by_role("heading", name=groep)).to_be_visible()
    expect(te_doen.locator("summary", has_text="Later")).to_be_visible()
    assert_accessible(page, "Te doen met drie signalen")

    klik_en_wacht(page, te_doen.get_by_role("link", name=actie))
    details = page.locator("details").filter(
        has=page.locator("summary", has_text=formulier)
    )
    expect(details).to_have_attribute("open", "")
    expect(details.locator("form")).to_be_visible()
    expect(details.locator("summary")).to_be_in_viewport()
    assert_accessible(page, f"de pagina van '{actie}' met het formulier open")


def test_teamleider_opens_team_and_works_a_colleagues_list(
    live_server, login, casusregisseur, collega, zevenaar
):
    """The teamleider finds Team in the menu, follows a colleague's count to their
    Te doen (vervanging), and goes back to their own list."""
    Gemeente.objects.filter(pk=zevenaar.pk).update(teamleider=casusregisseur)
    vandaag = timezone.localdate()
    dossier = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=collega, achternaam="Vanmijncollega"
    )
    routestand(dossier, volgend_voortgangsgesprek=vandaag - dt.timedelta(days=3))
    sweep(vandaag)

    page = login(casusregisseur)
    menu_volgen(page, "Team")
    expect(page.get_by_role("heading", name="Team", exact=True)).to_be_visible()
    assert_accessible(page, "de teampagina")
    rij = page.locator("tr", has_text=collega.get_full_name())
    klik_en_wacht(page, rij.get_by_role("link").first)
    te_doen = page.get_by_role("region", name="Te doen")
    expect(te_doen).to_contain_text(
        f"U ziet de signalen van {collega.get_full_name()} (vervanging)"
    )
    expect(te_doen).to_contain_text("Vanmijncollega")
    assert_accessible(page, "Te doen van een collega (vervanging)")
    klik_en_wacht(
        page, te_doen.get_by_role("link", name="Terug naar mijn eigen signalen")
    )
    expect(page.get_by_role("region", name="Te doen")).not_to_contain_text(
        "Vanmijncollega"
    )


def test_an_ended_termijn_leads_to_the_decision_block_on_the_handhaving_tab(
    live_server, login, casusregisseur, zevenaar
):
    """Issue 19 item 4: the termijn ended (the day before yesterday) and nobody
    decided; Te doen's link opens the Handhaving tab's block, whose link to a new
    zaak opens that form."""
    vandaag = timezone.localdate()
    dossier = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, achternaam="Verstreken"
    )
    InburgeringstermijnFactory(
        inburgeraar=dossier,
        eerste_beschikking__pip__aangemaakt_door=casusregisseur,
        startdatum=vandaag - dt.timedelta(days=3 * 365),
        oorspronkelijke_einddatum=vandaag - dt.timedelta(days=2),
    )
    assert sweep(vandaag)[SignaalSoort.TERMIJN_VERSTREKEN] == 1

    page = login(casusregisseur)
    te_doen = page.get_by_role("region", name="Te doen")
    klik_en_wacht(page, te_doen.get_by_role("link", name="Besluit over het vervolg"))
    blok = page.get_by_role(
        "region", name="Termijn verstreken: besluit over het vervolg"
    )
    expect(blok).to_be_in_viewport()
    expect(blok).to_contain_text("De inburgeringstermijn is verstreken op")
    assert_accessible(page, "de Handhaving-tab met 'Termijn verstreken'")

    blok.get_by_role("link", name="Overtreding vastleggen").click()
    details = page.locator("details").filter(
        has=page.locator("summary", has_text="Nieuwe handhavingszaak")
    )
    expect(details).to_have_attribute("open", "")
    expect(details.locator("form")).to_be_visible()
