"""Entry in one go, in a real browser: the casusregisseur records a month of hours
for every onderdeel on one form, the RSD klantmanager a month's payments for every
vaste last; recording over a month already recorded first shows old against new
and changes nothing until confirmed. axe-core checks each state (WCAG 2.1 A/AA)."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from leerroutes.models import Urenregistratie
from pip_plans.models import Betaling
from tests.e2e.stappen import assert_unique_ids, gemeld, klik_en_wacht
from tests.e2e.test_accessibility import assert_accessible
from zevenaar_inburgering.termijnen import maanden_later

pytestmark = pytest.mark.e2e


def test_casusregisseur_records_a_month_of_hours_for_every_onderdeel(
    live_server,
    login,
    casusregisseur,
    dossier_in_traject,
):
    dossier = dossier_in_traject
    vorige_maand = maanden_later(timezone.localdate().replace(day=1), -1)
    page = login(casusregisseur)
    page.goto(f"{live_server.url}{reverse('leerroutes:route', args=[dossier.pk])}")
    page.locator("#uren").get_by_text("Uren vastleggen", exact=True).click()
    uren = page.locator("form[action$='/route/uren/']")
    assert_accessible(page, "het urenformulier met een regel per onderdeel")

    uren.get_by_label("Maand").fill(f"{vorige_maand:%Y-%m}")
    uren.get_by_label("Uren aanwezig NT2 (taal)").fill("40,5")
    uren.get_by_label("Uren geroosterd NT2 (taal)").fill("45")
    uren.get_by_label("Uren aanwezig KNM").fill("8")
    klik_en_wacht(page, uren.get_by_role("button", name="Uren opslaan"))
    gemeld(page, "Uren vastgelegd.")
    assert {u.onderdeel: u.uren_aanwezig for u in Urenregistratie.objects.all()} == {
        "nt2": Decimal("40.5"),
        "knm": Decimal(8),
    }

    # The same month again: old against new, nothing changed until confirmed.
    page.locator("#uren").get_by_text("Uren vastleggen", exact=True).click()
    uren = page.locator("form[action$='/route/uren/']")
    uren.get_by_label("Maand").fill(f"{vorige_maand:%Y-%m}")
    uren.get_by_label("Uren aanwezig NT2 (taal)").fill("42")
    uren.get_by_label("Uren geroosterd NT2 (taal)").fill("45")
    klik_en_wacht(page, uren.get_by_role("button", name="Uren opslaan"))
    uren = page.locator("form[action$='/route/uren/']")
    vergelijking = uren.get_by_role("table", name="Nu vastgelegd tegenover nieuw")
    expect(vergelijking).to_contain_text("40,5 aanwezig, 45 geroosterd")
    expect(vergelijking).to_contain_text("42 aanwezig, 45 geroosterd")
    expect(uren.get_by_label("Uren aanwezig NT2 (taal)")).to_have_value("42")
    assert Urenregistratie.objects.get(onderdeel="nt2").uren_aanwezig == Decimal("40.5")
    assert_accessible(page, "het urenformulier dat om bevestiging vraagt")
    assert_unique_ids(page, "de routepagina met de bevestiging")

    klik_en_wacht(page, uren.get_by_role("button", name="Ja, vervang deze uren"))
    gemeld(page, "Uren vastgelegd.")
    assert Urenregistratie.objects.get(onderdeel="nt2").uren_aanwezig == Decimal(42)


def test_klantmanager_records_a_months_payments_for_every_vaste_last(
    live_server,
    login,
    klantmanager,
    klant_met_ontzorgen,
):
    dossier = klant_met_ontzorgen
    vandaag = timezone.localdate()
    page = login(klantmanager)
    page.goto(
        f"{live_server.url}{reverse('pip_plans:rsd_ontzorgen', args=[dossier.pk])}"
    )
    betaling = page.locator("#betaling form")
    eerste_maand = maanden_later(vandaag.replace(day=1), -2)
    expect(betaling.get_by_label("Betaling voor de maand")).to_have_value(
        f"{eerste_maand:%Y-%m}"
    )
    betaling.get_by_label("Betaald op").fill(vandaag.isoformat())
    betaling.get_by_label("Betaald bedrag Energie (gas en stroom) (€)").fill("120,50")
    betaling.get_by_label("Betaald bedrag Zorgverzekering (€)").fill("140")
    betaling.get_by_label("Betaald bedrag Water (€)").fill("30")
    klik_en_wacht(page, betaling.get_by_role("button", name="Betalingen opslaan"))
    gemeld(page, "Betalingen voor")
    assert {b.vaste_last.soort: b.bedrag for b in Betaling.objects.all()} == {
        "huur": Decimal("650.00"),
        "energie": Decimal("120.50"),
        "zorgverzekering": Decimal(140),
        "water": Decimal(30),
    }
    # The next month not yet paid is offered now.
    betaling = page.locator("#betaling form")
    expect(betaling.get_by_label("Betaling voor de maand")).to_have_value(
        f"{maanden_later(eerste_maand, 1):%Y-%m}"
    )
    assert_accessible(page, "het betalingenformulier met een regel per vaste last")

    # The paid month again, another rent: old against new first.
    betaling.get_by_label("Betaling voor de maand").fill(f"{eerste_maand:%Y-%m}")
    betaling.get_by_label("Betaald op").fill(vandaag.isoformat())
    betaling.get_by_label("Betaald bedrag Huur (€)").fill("655,00")
    klik_en_wacht(page, betaling.get_by_role("button", name="Betalingen opslaan"))
    betaling = page.locator("#betaling form")
    vergelijking = betaling.get_by_role("table", name="Nu vastgelegd tegenover nieuw")
    expect(vergelijking).to_contain_text("€ 650,00")
    expect(vergelijking).to_contain_text("€ 655,00")
    assert Betaling.objects.get(vaste_last__soort="huur").bedrag == Decimal("650.00")
    assert_accessible(page, "het betalingenformulier dat om bevestiging vraagt")
    assert_unique_ids(page, "de ontzorgenpagina met de bevestiging")

    klik_en_wacht(
        page, betaling.get_by_role("button", name="Ja, vervang deze betalingen")
    )
    gemeld(page, "Huur € 655,00 (vervangen)")
    assert Betaling.objects.get(vaste_last__soort="huur").bedrag == Decimal("655.00")
