"""Search that finds (issue 19), in a real browser: a name as typed on a Dutch
keyboard, a saved filter seen as a chip the next time and removed by it (also
without JavaScript), too few BSN digits refused on the form, and filter selects
that show their whole value at 320 and 1280 px; axe on every state."""

import pytest
from playwright.sync_api import expect

from intake.models import WerkvoorraadVoorkeur
from tests.e2e.conftest import inloggen, new_context
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.e2e

ZOEKVELD = "Zoek op naam, BSN of v-nummer"

# The options of the filter form's selects whose text is wider than the select
# can show (its width less its padding, the arrow included): every option, or only
# the chosen one (what the closed select shows).
AFGEKNIPT = """(alleenGekozen) => {
    const canvas = document.createElement("canvas").getContext("2d");
    const uit = [];
    for (const select of document.querySelectorAll(".werkvoorraad-filters select")) {
        const stijl = getComputedStyle(select);
        canvas.font = stijl.font;
        const ruimte = select.clientWidth - parseFloat(stijl.paddingLeft)
            - parseFloat(stijl.paddingRight);
        const opties = alleenGekozen ? [select.selectedOptions[0]] : select.options;
        for (const optie of opties) {
            const breedte = canvas.measureText(optie.text).width;
            if (breedte > ruimte) {
                const maat = `${Math.ceil(breedte)} > ${Math.floor(ruimte)} px`;
                uit.push(`${select.name}: "${optie.text}" ${maat}`);
            }
        }
    }
    return uit;
}"""


@pytest.fixture
def personen(zevenaar, casusregisseur):
    InburgeraarFactory(gemeente=zevenaar, voornamen="Mehmet", achternaam="Doğan")
    InburgeraarFactory(gemeente=zevenaar, voornamen="Dima", achternaam="Najjar")
    InburgeraarFactory(
        gemeente=zevenaar, voornamen="Omar", achternaam="Saleh", gezinsmigrant=True
    )
    # A filter saved on an earlier day: the list shows one of three.
    WerkvoorraadVoorkeur.objects.create(
        user=casusregisseur,
        filters={"doelgroep": "gezinsvormer", "sorteer": "naam"},
    )


def zoek(page, term: str) -> None:
    page.get_by_label(ZOEKVELD).fill(term)
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_load_state()


def test_search_and_filter_chips(login, casusregisseur, personen):
    page = login(casusregisseur)
    chip = page.get_by_role("button", name="Filter Doelgroep: Gezinsvormer verwijderen")
    expect(chip).to_be_visible()
    expect(page.get_by_role("link", name="Saleh, Omar")).to_be_visible()
    expect(page.get_by_role("link", name="Doğan, Mehmet")).to_have_count(0)
    assert_accessible(page, "de werkvoorraad met een bewaard filter")

    chip.click()
    expect(chip).to_have_count(0)
    expect(page.get_by_text("3 dossiers.")).to_be_visible()

    zoek(page, "dogan")
    expect(page.get_by_text("1 dossier gevonden voor “dogan”.")).to_be_visible()
    expect(page.get_by_role("link", name="Doğan, Mehmet")).to_be_visible()
    expect(
        page.get_by_role("button", name="Filter Zoek: dogan verwijderen")
    ).to_be_visible()
    assert_accessible(page, "de werkvoorraad met een zoekopdracht")

    zoek(page, "Najjar, Dima")
    expect(page.get_by_role("link", name="Najjar, Dima")).to_be_visible()
    expect(page.get_by_role("link", name="Doğan, Mehmet")).to_have_count(0)

    zoek(page, "123")
    veld = page.get_by_label(ZOEKVELD)
    expect(veld).to_have_value("123")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(
        page.get_by_text("Typ minstens 4 cijfers van het BSN, of zoek op naam.")
    ).to_be_visible()
    assert_accessible(page, "de werkvoorraad met een te kort BSN")

    page.get_by_role("button", name="Wis alle filters").click()
    expect(page.get_by_text("Actieve filters:")).to_have_count(0)
    expect(page.get_by_text("3 dossiers.")).to_be_visible()


def test_a_chip_removes_its_filter_without_javascript(
    browser, live_server, casusregisseur, personen
):
    context = new_context(browser, live_server, java_script_enabled=False)
    try:
        page = inloggen(context.new_page(), casusregisseur)
        page.get_by_role(
            "button", name="Filter Doelgroep: Gezinsvormer verwijderen"
        ).click()
        expect(page.get_by_text("3 dossiers.")).to_be_visible()
        expect(page.get_by_text("Actieve filters:")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("breedte", (320, 1280))
def test_the_filter_selects_show_their_whole_values(
    login, page, casusregisseur, personen, breedte
):
    page.set_viewport_size({"width": breedte, "height": 900})
    login(casusregisseur)
    expect(page.get_by_label("PIP-deadline")).to_be_visible()
    # At 1280 px every value fits; on a phone the longest doelgroepen (290 px of
    # text) cannot, there the chosen values do (the phone lists the options whole).
    assert page.evaluate(AFGEKNIPT, breedte < 576) == []
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
    )
    assert_accessible(page, f"de werkvoorraad op {breedte} px")
