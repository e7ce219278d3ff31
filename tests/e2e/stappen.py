"""Steps the browser journeys share: click and wait, follow a link of the main menu,
open a dossier and one of its tabs, start the brede intake, a status message, a
table row, a form refused with its message, Dutch dates, and the check for
duplicate ids."""

import datetime as dt
import re

from django.utils import translation
from django.utils.formats import date_format

from playwright.sync_api import expect

TITEL = "Liemers Inburgering"


def nl_datum(day: dt.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def nl_maand(day: dt.date) -> str:
    with translation.override("nl"):
        return date_format(day, "F Y")


def assert_unique_ids(page, what: str) -> None:
    """Two forms on one page rendering the same field name both get id="id_<name>":
    each `<label for>` then names the first field only, and the second has no name
    for a screen reader (WCAG 1.3.1, 4.1.2). axe 4.x no longer reports duplicate
    ids, so this is checked here."""
    dubbel = page.evaluate(
        """() => {
            const tel = {};
            document.querySelectorAll("[id]").forEach(e => {
                tel[e.id] = (tel[e.id] || 0) + 1;
            });
            return Object.keys(tel).filter(id => tel[id] > 1).sort();
        }"""
    )
    assert not dubbel, f"Dubbele id's op {what} ({page.url}): {', '.join(dubbel)}"


def klik_en_wacht(page, locator) -> None:
    locator.click()
    page.wait_for_load_state()


def menu_volgen(page, naam: str) -> None:
    """Follow the main menu's link `naam` as a person would: below 1400 px open the
    menu behind its toggler first, and the dropdown ("Beheer", the account) that
    holds the link."""
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    toggler = menu.get_by_role("button", name="Menu openen")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") == "false":
        toggler.click()
        # Opened, not still sliding open (a click then may miss its target).
        expect(menu.locator("#hoofdmenu")).to_have_class(re.compile(r"\bshow\b"))
    # (A link in a closed dropdown is hidden: found only with include_hidden.)
    link = page.get_by_role("link", name=naam, exact=True, include_hidden=True)
    dropdown = menu.locator(".dropdown").filter(has=link)
    if dropdown.count():
        knop = dropdown.get_by_role("button")
        if knop.get_attribute("aria-expanded") == "false":
            knop.click()
    klik_en_wacht(page, menu.get_by_role("link", name=naam, exact=True))


def dossier_openen(page, live_server, dossier) -> None:
    """From the werkvoorraad (or the caseload), follow the link of `dossier` to its
    page."""
    klik_en_wacht(
        page,
        page.get_by_role("link", name=f"{dossier.achternaam}, {dossier.voornamen}"),
    )
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/")


def tab_openen(page, live_server, dossier, tab: str, pad: str) -> str:
    """On a page of `dossier`, open its tab `tab`: the URL /dossiers/<pk>/<pad>/,
    which is returned."""
    url = f"{live_server.url}/dossiers/{dossier.pk}/{pad}/"
    tabs = page.get_by_role("navigation", name="Onderdelen van het dossier")
    klik_en_wacht(page, tabs.get_by_role("link", name=tab))
    expect(page).to_have_url(url)
    return url


def intake_starten(page, live_server, dossier) -> None:
    """On a page of `dossier` without a brede intake: open the tab and start it."""
    tab_openen(page, live_server, dossier, "Brede intake", "intake")
    expect(page.get_by_role("heading", name="Nog geen brede intake")).to_be_visible()
    klik_en_wacht(page, page.get_by_role("button", name="Intake starten"))
    gemeld(page, "De brede intake is gestart.")


def gemeld(page, tekst: str) -> None:
    """The page shows the status message `tekst`: the step went through."""
    expect(page.get_by_role("status").filter(has_text=tekst)).to_be_visible()


def tabelrij(page, tabel: str, tekst: str):
    """The row of the table named `tabel` that holds `tekst`."""
    return (
        page.get_by_role("table", name=tabel).get_by_role("row").filter(has_text=tekst)
    )


def formulier_met_fout(page, titel: str, formulier: str, melding: str):
    """The page came back refused: its title starts with "Fout:", and the form
    `formulier` (a CSS selector; its details stay open) shows `melding`. The form,
    to check what was typed."""
    expect(page).to_have_title(f"Fout: {titel} — {TITEL}")
    form = page.locator(formulier)
    expect(form).to_be_visible()
    expect(form).to_contain_text(melding)
    return form
