"""Every role's navigation and pages at every width (WCAG 2.1 1.4.10 Reflow): at
320, 768 and 1280 px the menu is reachable by keyboard behind the toggler and
"Uitloggen" is visible; from 1400 px the bar is expanded on one line. Every page
kind of each of the four roles, at 320 and 1280 px: no horizontal page scroll (wide
tables scroll in their own container), "Uitloggen" visible, axe clean. Logging out
works without JavaScript.

The users get long names and all three gemeenten, so that a bar that only just fits
fails here rather than for a real user."""

import re

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from monitoring.models import KwartaalrapportStatus
from monitoring.rapportage.basis import laatste_afgesloten_kwartaal
from monitoring.rapportage.cijfers import bereken
from pip_plans.models import BrieftekstSoort
from pip_plans.services.brieftekst import concept_openen
from tests.e2e.conftest import inloggen, new_context
from tests.e2e.stappen import menu_volgen
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.accounts import gemeente
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory
from tests.factories.leerroutes import TrajectFactory
from tests.factories.monitoring import KwartaalrapportFactory
from tests.factories.pip_plans.handhaving import HandhavingszaakFactory
from tests.factories.pip_plans.ontzorgen import VasteLastFactory
from tests.factories.pip_plans.pip import BeschikkingFactory

pytestmark = pytest.mark.e2e

ROLLEN = (
    "casusregisseur",
    "klantmanager",
    "beleidsmedewerker",
    "functioneel_beheerder",
)
HOOGTE = 900
OPEN = re.compile(r"\bshow\b")
GEMEENTEN = ("Zevenaar", "Duiven", "Westervoort")
LANGE_NAAM = ("Maximiliaan-Alexander", "van den Heuvel-Oosterbroek")

# The page kinds of each role ({pk}: the dossier, {zaak}: its handhavingszaak,
# {brieftekst}: a concept letter text of Zevenaar).
DOSSIERPAGINAS = (
    "/werkvoorraad/",
    "/werkvoorraad/brieven/?dossiers={pk}",
    "/dossiers/{pk}/",
    "/dossiers/{pk}/wijzigen/",
    "/dossiers/{pk}/intake/",
    "/dossiers/{pk}/pip/",
    "/dossiers/{pk}/route/",
    "/dossiers/{pk}/ontzorgen/",
    "/dossiers/{pk}/handhaving/",
    "/handhaving/{zaak}/",
    "/dossiers/nieuw/",
    "/termijnen/verlengen/",
    "/uren-import/",
    "/duo-signalen/",
    "/signalen/voorkeuren/",
    "/tweestapsverificatie/reservecodes/",
    "/toegankelijkheid/",
)
RAPPORTPAGINAS = ("/beleidsdoelen/", "/kwartaalrapporten/", "/ketenoverleg/")
PAGINAS = {
    "casusregisseur": (*DOSSIERPAGINAS, "/ketenoverleg/", "/ketenoverleg/nieuw/"),
    "klantmanager": (
        "/rsd/klanten/",
        "/rsd/klanten/{pk}/",
        "/rsd/klanten/{pk}/route/",
        "/rsd/klanten/{pk}/ontzorgen/",
        "/rsd/klanten/{pk}/maatregelen/",
        "/signalen/voorkeuren/",
        "/tweestapsverificatie/reservecodes/",
    ),
    "beleidsmedewerker": (*RAPPORTPAGINAS, "/ketenoverleg/nieuw/"),
    "functioneel_beheerder": (
        *DOSSIERPAGINAS,
        *RAPPORTPAGINAS,
        "/verwerkingenlog/",
        "/briefteksten/",
        "/briefteksten/{brieftekst}/",
    ),
}
# The last link of each role's menu (functioneel beheer: in the Beheer dropdown).
LAATSTE_IN_MENU = {
    "casusregisseur": ("Ketenoverleg", "/ketenoverleg/"),
    "klantmanager": ("Signalen per e-mail", "/signalen/voorkeuren/"),
    "beleidsmedewerker": ("Ketenoverleg", "/ketenoverleg/"),
    "functioneel_beheerder": ("Briefteksten", "/briefteksten/"),
}
# Django's own admin (its templates, not base.html) is checked for the status only.
ALLEEN_STATUS = {"/beheer/"}
PAGINAS["functioneel_beheerder"] += tuple(ALLEEN_STATUS)

# The elements that stick out on the right, outermost first, those that no scrolling
# container (.table-responsive) clips before the others (for the message).
UITSTEKERS = """() => {
    const geknipt = e => {
        for (let o = e.parentElement; o && o !== document.body; o = o.parentElement) {
            if (getComputedStyle(o).overflowX !== "visible") return true;
        }
        return false;
    };
    const buiten = [...document.body.querySelectorAll("*")].filter(e => {
        const r = e.getBoundingClientRect();
        return r.right > window.innerWidth + 0.5 && r.width > 0;
    });
    const uit = [];
    for (const e of buiten.filter(e => !geknipt(e)).concat(buiten)) {
        if (!uit.some(o => o.contains(e))) uit.push(e);
    }
    return uit.slice(0, 5).map(e => e.outerHTML.slice(0, 160));
}"""


@pytest.fixture
def wereld(
    dossier,
    zevenaar,
    casusregisseur,
    klantmanager,
    beleidsmedewerker,
    functioneel_beheerder,
):
    """`dossier` (of `casusregisseur` and `klantmanager`) with a completed brede
    intake, a traject (a vastgesteld PIP), ontzorgen with the rent and a
    handhavingszaak; two more dossiers for the lists; the region's report of the last
    quarter. Every user has a long name and all three gemeenten."""
    gemeenten = [gemeente(naam) for naam in GEMEENTEN]
    for user in (
        casusregisseur,
        klantmanager,
        beleidsmedewerker,
        functioneel_beheerder,
    ):
        user.first_name, user.last_name = LANGE_NAAM
        user.save()
        user.gemeenten.set(gemeenten)
    # A long e-mail address: one word that must break, not widen the page.
    dossier.email = "amal.haddad.met.een.heel.lang.adres@voorbeeld-inburgering.nl"
    dossier.save()
    BredeIntakeFactory(inburgeraar=dossier, compleet=True)
    traject = TrajectFactory(inburgeraar=dossier)
    BeschikkingFactory(pip=traject.pip, met_bestand=True)
    VasteLastFactory(ontzorging__inburgeraar=dossier)
    zaak = HandhavingszaakFactory(inburgeraar=dossier, gewaarschuwd=True)
    for achternaam in ("Tesfay", "Abdelkarim-Almasri"):
        InburgeraarFactory(
            gemeente=zevenaar,
            achternaam=achternaam,
            casusregisseur=casusregisseur,
            rsd_klantmanager=klantmanager,
            met_bijstand=True,
        )
    # A finished report of the region: the dashboard's charts and wide tables.
    vandaag = timezone.localdate()
    jaar, kwartaal = laatste_afgesloten_kwartaal(vandaag)
    cijfers = bereken(stand=vandaag, jaar=jaar, kwartaal=kwartaal)
    KwartaalrapportFactory(
        jaar=jaar,
        kwartaal=kwartaal,
        gemeente=None,
        aangevraagd_door=beleidsmedewerker,
        status=KwartaalrapportStatus.KLAAR,
        cijfers=cijfers,
        parameters=cijfers["parameters"],
        pdf="test.pdf",
        sha256="0" * 64,
        gereed_op=timezone.now(),
    )
    # A concept letter text: the editor with its placeholders beside the form.
    brieftekst = concept_openen(
        soort=BrieftekstSoort.UITNODIGING_INTAKE,
        gemeente=zevenaar,
        acting_user=functioneel_beheerder,
    )
    return {"pk": dossier.pk, "zaak": zaak.pk, "brieftekst": brieftekst.pk}


@pytest.fixture
def ingelogd(request, wereld, login, page):
    """The page of the parametrised role's user, logged in."""

    def inloggen(rol: str, breedte: int):
        page.set_viewport_size({"width": breedte, "height": HOOGTE})
        return login(request.getfixturevalue(rol))

    return inloggen


def uitloggen_zichtbaar(page, what: str) -> None:
    knop = page.get_by_role("button", name="Uitloggen")
    expect(knop, f"Uitloggen op {what}").to_be_visible()
    expect(knop, f"Uitloggen op {what}").to_be_in_viewport(ratio=1)


def geen_horizontale_scroll(page, what: str) -> None:
    breedtes = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    scrollbreedte, vensterbreedte = breedtes
    assert scrollbreedte <= vensterbreedte, (
        f"{what} scrollt horizontaal ({scrollbreedte} > {vensterbreedte} px): "
        + "\n".join(page.evaluate(UITSTEKERS))
    )


def menu(page):
    return page.locator("#hoofdmenu")


@pytest.mark.parametrize("breedte", (320, 768, 1280))
@pytest.mark.parametrize("rol", ROLLEN)
def test_the_menu_opens_by_keyboard_behind_the_toggler(ingelogd, rol, breedte):
    page = ingelogd(rol, breedte)
    what = f"de startpagina van {rol} op {breedte} px"
    uitloggen_zichtbaar(page, what)
    geen_horizontale_scroll(page, what)
    toggler = page.get_by_role("button", name="Menu openen")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(menu(page)).to_be_hidden()
    assert_accessible(page, what)

    # Tab to the toggler (skip link, brand, Uitloggen come first), Enter opens it.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.ariaLabel") == "Menu openen":
            break
    expect(toggler).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu(page)).to_have_class(OPEN)  # opened, not still sliding open
    eerste = menu(page).get_by_role("link").first
    expect(eerste).to_be_visible()
    page.keyboard.press("Tab")
    expect(eerste).to_be_focused()

    # The account dropdown inside the open menu: role and gemeenten, no scroll.
    account = menu(page).get_by_role("button", name="Ingelogd als")
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    expect(menu(page).get_by_text("Zevenaar", exact=False)).to_be_visible()
    uitloggen_zichtbaar(page, what + " met het menu open")
    geen_horizontale_scroll(page, what + " met het menu open")
    # Nothing in the open menu is cut off on the right (a long name wraps).
    for item in menu(page).locator("a:visible, button:visible").all():
        vak = item.bounding_box()
        assert vak["x"] + vak["width"] <= breedte, (what, item.inner_text(), vak)
    assert_accessible(page, what + " met het menu en de accountgegevens open")


@pytest.mark.parametrize("rol", ROLLEN)
def test_from_1400_px_the_bar_is_expanded_on_one_line(ingelogd, rol):
    page = ingelogd(rol, 1400)
    expect(page.get_by_role("button", name="Menu openen")).to_be_hidden()
    links = menu(page).locator(".navbar-nav > .nav-item > .nav-link")
    expect(links.first).to_be_visible()
    merk = page.get_by_role("link", name="Liemers Inburgering").bounding_box()
    regels = {
        round(vak["y"] + vak["height"] / 2)
        for vak in [
            *(link.bounding_box() for link in links.all()),
            page.get_by_role("button", name="Uitloggen").bounding_box(),
        ]
    }
    # Every item is vertically centred on the line of the brand (a few px slack).
    midden = merk["y"] + merk["height"] / 2
    assert all(abs(y - midden) <= 6 for y in regels), (rol, midden, regels)
    uitloggen_zichtbaar(page, f"de startpagina van {rol} op 1400 px")
    assert_accessible(page, f"de startpagina van {rol} op 1400 px")
    # The last page of the role's menu, through its dropdown where it has one.
    laatste, pad = LAATSTE_IN_MENU[rol]
    menu_volgen(page, laatste)
    expect(page).to_have_url(re.compile(re.escape(pad) + "$"))


@pytest.mark.parametrize("breedte", (320, 1280))
@pytest.mark.parametrize("rol", ROLLEN)
def test_every_page_of_the_role_fits_the_width(ingelogd, wereld, rol, breedte):
    page = ingelogd(rol, breedte)
    # Each page's problems are collected, so that one run names all of them.
    fouten = []
    for pad in PAGINAS[rol]:
        url = pad.format(**wereld)
        what = f"{url} van {rol} op {breedte} px"
        response = page.goto(url)
        try:
            assert response.ok, f"{what}: status {response.status}"
            geen_horizontale_scroll(page, what)
            if pad not in ALLEEN_STATUS:
                uitloggen_zichtbaar(page, what)
                assert_accessible(page, what)
        except AssertionError as fout:
            fouten.append(str(fout))
    assert not fouten, "\n\n".join(fouten)


def test_without_javascript_the_menu_is_open_and_logging_out_works(
    browser, live_server, functioneel_beheerder
):
    context = new_context(browser, live_server, java_script_enabled=False)
    try:
        page = inloggen(context.new_page(), functioneel_beheerder)
        # The menu is shown opened (css/nojs.css), below the line with "Uitloggen",
        # the Beheer and account dropdowns' links with it.
        for breedte in (320, 1400):
            page.set_viewport_size({"width": breedte, "height": HOOGTE})
            what = f"de werkvoorraad zonder JavaScript op {breedte} px"
            expect(page.get_by_role("button", name="Menu openen")).to_be_hidden()
            for naam in ("Werkvoorraad", "Verwerkingenlog", "Signalen per e-mail"):
                expect(menu(page).get_by_role("link", name=naam)).to_be_visible()
            uitloggen = page.get_by_role("button", name="Uitloggen").bounding_box()
            assert menu(page).bounding_box()["y"] >= (
                uitloggen["y"] + uitloggen["height"]
            ), what
            uitloggen_zichtbaar(page, what)
            geen_horizontale_scroll(page, what)
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_load_state()
        page.goto("/werkvoorraad/")
        assert "/inloggen/" in page.url, page.url
    finally:
        context.close()
