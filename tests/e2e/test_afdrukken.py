"""A dossier page prints without the menu, the tabs, the forms and the buttons
(issue 19, the print stylesheet in static/css/app.css): the content stays."""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import assert_accessible

pytestmark = pytest.mark.e2e


def test_a_dossier_page_prints_its_content_without_menu_forms_and_buttons(
    login, casusregisseur, dossier
):
    page = login(casusregisseur)
    page.goto(reverse("monitoring:dossier", args=[dossier.pk]))
    kop = page.get_by_role("heading", level=1)
    expect(page.locator("header nav")).to_be_visible()
    expect(page.locator("main form").first).to_be_attached()

    page.emulate_media(media="print")
    expect(kop).to_be_visible()
    expect(kop).to_contain_text(dossier.achternaam)
    expect(page.locator("header nav")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator(".nav-tabs")).to_be_hidden()
    for element in page.locator("main form, main .btn").all():
        expect(element).to_be_hidden()

    page.emulate_media(media="screen")
    expect(page.locator("header nav")).to_be_visible()


def test_the_dossier_header_stays_in_view_and_prints(login, casusregisseur, dossier):
    page = login(casusregisseur)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(reverse("monitoring:dossier", args=[dossier.pk]))
    kop = page.locator(".dossierkop")
    expect(kop).to_contain_text(dossier.bsn_gemaskeerd)
    expect(kop).to_contain_text(dossier.get_status_display())
    assert_accessible(page, "the dossier page with its header")

    page.mouse.wheel(0, 2000)
    page.wait_for_function("window.scrollY > 300")
    # Sticky: still at the top of the window after scrolling.
    assert abs(kop.bounding_box()["y"]) < 2
    expect(kop.get_by_role("link", name="Brede intake")).to_be_in_viewport()

    page.emulate_media(media="print")
    expect(kop).to_contain_text(dossier.naam)
    expect(kop.locator(".nav-tabs")).to_be_hidden()
