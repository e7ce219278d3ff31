"""The RSD klantmanager in a real browser: logs in, sees only their own caseload,
opens a client, records an ontzorgen payment (first a month outside the period,
refused) and a participation activity. axe-core checks each page (WCAG 2.1 A/AA)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from leerroutes.models import Participatieactiviteit
from pip_plans.models import Betaling
from tests.e2e.stappen import assert_unique_ids, klik_en_wacht
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.termijnen import maanden_later

pytestmark = pytest.mark.e2e


def test_klantmanager_records_a_payment_and_an_activity(
    live_server, login, klantmanager, andere_klantmanager, klant_met_ontzorgen, zevenaar
):
    dossier = klant_met_ontzorgen
    ander = InburgeraarFactory(
        gemeente=zevenaar,
        achternaam="Vanderandere",
        rsd_klantmanager=andere_klantmanager,
        met_bijstand=True,
    )
    vandaag = timezone.localdate()
    vorige_maand = maanden_later(vandaag.replace(day=1), -1)
    page = login(klantmanager)

    # --- Only their own caseload -----------------------------------------------------
    expect(page).to_have_url(f"{live_server.url}/rsd/klanten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn klanten")
    expect(page.locator("table")).to_contain_text(dossier.achternaam)
    expect(page.locator("table")).not_to_contain_text(ander.achternaam)
    assert_accessible(page, "de caseload van de klantmanager")
    klik_en_wacht(
        page,
        page.get_by_role("link", name=f"{dossier.achternaam}, {dossier.voornamen}"),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(dossier.naam)
    expect(page.locator("body")).not_to_contain_text("Brede intake")
    assert_accessible(page, "de klantpagina van de klantmanager")

    # --- Ontzorgen: a payment --------------------------------------------------------
    klik_en_wacht(page, page.get_by_role("link", name="Ontzorgen en betalingen"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Financieel ontzorgen: {dossier.naam}"
    )
    assert_accessible(page, "de ontzorgenpagina van de klantmanager")
    betaling = page.locator("#betaling form")
    # The form opens on the first month not yet paid, the rent due filled in.
    eerste_maand = maanden_later(vorige_maand, -1)
    expect(betaling.get_by_label("Betaling voor de maand")).to_have_value(
        f"{eerste_maand:%Y-%m}"
    )
    expect(betaling.get_by_label("Betaald bedrag Huur (€)")).to_have_value("650,00")
    # A month before the period: refused, what was typed stays.
    betaling.get_by_label("Betaling voor de maand").fill(
        f"{maanden_later(vorige_maand, -3):%Y-%m}"
    )
    betaling.get_by_label("Betaald op").fill(vandaag.isoformat())
    klik_en_wacht(page, betaling.get_by_role("button", name="Betalingen opslaan"))
    expect(page).to_have_title(
        f"Fout: Financieel ontzorgen — {dossier.naam} — Liemers Inburgering"
    )
    expect(page.locator("#betaling form")).to_contain_text("periode")
    expect(
        page.locator("#betaling form").get_by_label("Betaald bedrag Huur (€)")
    ).to_have_value("650,00")
    assert not Betaling.objects.exists()
    assert_accessible(page, "de ontzorgenpagina met een fout")
    assert_unique_ids(page, "de ontzorgenpagina")

    betaling = page.locator("#betaling form")
    betaling.get_by_label("Betaling voor de maand").fill(f"{vorige_maand:%Y-%m}")
    klik_en_wacht(page, betaling.get_by_role("button", name="Betalingen opslaan"))
    expect(page).to_have_title(
        f"Financieel ontzorgen — {dossier.naam} — Liemers Inburgering"
    )
    opgeslagen = Betaling.objects.get()
    assert opgeslagen.maand == vorige_maand
    assert opgeslagen.bedrag == Decimal("650.00")
    assert opgeslagen.vastgelegd_door == klantmanager
    expect(page.locator("#betalingen")).to_contain_text("Betaald: € 650,00")

    # --- Participation: an activity ---------------------------------------------------
    page.goto(f"/rsd/klanten/{dossier.pk}/")
    klik_en_wacht(page, page.get_by_role("link", name="Route, uren en participatie"))
    assert_accessible(page, "de routepagina van de klantmanager")
    page.get_by_text("Activiteit vastleggen", exact=True).click()
    activiteit = page.locator("form[action$='/route/activiteit/']")
    activiteit.get_by_label("Soort").select_option(label="Betaald werk")
    activiteit.get_by_label("Organisatie").fill("Bakkerij Van Dijk")
    activiteit.get_by_label("Uren per week").fill("16")
    activiteit.get_by_label("Start").fill((vandaag - dt.timedelta(days=7)).isoformat())
    klik_en_wacht(page, activiteit.get_by_role("button", name="Activiteit opslaan"))
    expect(page.locator("body")).to_contain_text("Bakkerij Van Dijk")
    vastgelegd = Participatieactiviteit.objects.get()
    assert vastgelegd.vastgelegd_door == klantmanager
    assert_accessible(page, "de routepagina na een activiteit")
    assert_unique_ids(page, "de routepagina van de klantmanager")
