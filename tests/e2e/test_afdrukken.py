"""A dossier page prints without the menu, the tabs, the forms and the buttons
(issue 19, the print stylesheet in static/css/app.css): the content stays."""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

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
