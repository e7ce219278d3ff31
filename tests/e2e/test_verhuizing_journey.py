"""A verhuizing in a real browser (issue 17 item 4). Incoming: on the PIP page a
casusregisseur takes over the termijn and leerroute of a person who moved in from
outside the region; an end past the three years without DUO's besluit is refused
on the form with what was typed kept, then recorded with it. Outgoing: once the
move away is recorded, the Status card makes the overdracht PDF for the new
gemeente. axe-core checks each state (WCAG 2.1 A/AA).

Dates are relative to the real `timezone.localdate()` (no frozen clock): the live
server's views and the services use the same clock."""

import datetime as dt

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from intake.models import Status, StatusBron
from intake.services import status_vastleggen
from pip_plans.models import Brief, BriefSoort, Inburgeringstermijn
from pip_plans.rules import termijn_einde
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    gemeld,
    klik_en_wacht,
    nl_datum,
    tab_openen,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.e2e

VERLENGING_FOUT = (
    "De einddatum ligt na de drie jaar: vul het kenmerk van het DUO-besluit over de "
    "verlenging in."
)


def dossier_van(zevenaar, casusregisseur, achternaam: str, **velden):
    start = timezone.localdate() - dt.timedelta(days=400)
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        voornamen="Amal",
        achternaam=achternaam,
        start_inburgeringsplicht=start,
        datum_kennisgeving=start,
        **velden,
    )


def test_incoming_verhuizing_takes_over_the_termijn(
    live_server, login, casusregisseur, zevenaar
):
    dossier = dossier_van(
        zevenaar, casusregisseur, "Haddad", status=Status.INTAKE_LOOPT
    )
    vandaag = timezone.localdate()
    termijn_start = dossier.start_inburgeringsplicht + dt.timedelta(days=14)
    duo_einde = termijn_einde(termijn_start) + dt.timedelta(days=92)

    page = login(casusregisseur)
    dossier_openen(page, live_server, dossier)
    tab_openen(page, live_server, dossier, "PIP en beschikkingen", "pip")
    kaart = page.locator(
        "section", has=page.get_by_role("heading", name="Inburgeringstermijn")
    )
    kaart.get_by_text("Termijn overnemen na verhuizing").click()
    formulier = kaart.locator("form")
    expect(formulier).to_be_visible()
    assert_accessible(page, "de PIP-pagina met het formulier voor een verhuizing")
    assert_unique_ids(page, "de PIP-pagina met het formulier voor een verhuizing")

    # --- An end past the three years without DUO's besluit: refused ---------------
    formulier.locator("#id_vorige_gemeente").fill("Rheden")
    formulier.get_by_label("Datum van de verhuizing").fill(
        (vandaag - dt.timedelta(days=10)).isoformat()
    )
    formulier.get_by_label("Leerroute van de vorige gemeente").select_option(
        label="Z-route (zelfredzaamheidsroute)"
    )
    formulier.get_by_label("Start van de inburgeringstermijn").fill(
        termijn_start.isoformat()
    )
    formulier.get_by_label("Einde van de termijn (van DUO)").fill(duo_einde.isoformat())
    klik_en_wacht(page, formulier.get_by_role("button", name="Termijn overnemen"))
    expect(page).to_have_url(
        f"{live_server.url}/dossiers/{dossier.pk}/termijn/verhuizing/"
    )
    kaart = page.locator(
        "section", has=page.get_by_role("heading", name="Inburgeringstermijn")
    )
    formulier = kaart.locator("form")
    expect(formulier.locator("#div_id_verlenging_kenmerk")).to_contain_text(
        VERLENGING_FOUT
    )
    expect(formulier.locator("#id_vorige_gemeente")).to_have_value("Rheden")
    expect(formulier.get_by_label("Leerroute van de vorige gemeente")).to_have_value(
        "z"
    )
    assert not Inburgeringstermijn.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "de PIP-pagina met een fout in het verhuisformulier")

    # --- With DUO's besluit: recorded -----------------------------------------------
    formulier.get_by_label("Datum DUO-besluit over de verlenging").fill(
        (vandaag - dt.timedelta(days=30)).isoformat()
    )
    formulier.get_by_label("Kenmerk DUO-besluit over de verlenging").fill("DUO-VL-2207")
    formulier.get_by_label("Reden van de verlenging").select_option(label="Ziekte")
    klik_en_wacht(page, formulier.get_by_role("button", name="Termijn overnemen"))
    gemeld(page, "Verhuizing vastgelegd: de termijn en de leerroute zijn overgenomen.")
    kaart = page.locator(
        "section", has=page.get_by_role("heading", name="Inburgeringstermijn")
    )
    expect(kaart).to_contain_text("Overgenomen na de verhuizing uit Rheden")
    expect(kaart).to_contain_text("Z-route")
    expect(kaart).to_contain_text(nl_datum(duo_einde))
    expect(kaart).to_contain_text("DUO-VL-2207")
    expect(kaart.get_by_text("Termijn overnemen na verhuizing")).to_have_count(0)
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier)
    assert (termijn.startdatum, termijn.einddatum) == (termijn_start, duo_einde)
    assert_accessible(page, "de PIP-pagina met een overgenomen termijn")


def test_outgoing_verhuizing_makes_the_overdracht(
    live_server, login, casusregisseur, zevenaar
):
    dossier = dossier_van(zevenaar, casusregisseur, "Bekele", status=Status.IN_TRAJECT)
    status_vastleggen(
        dossier,
        status=Status.VERHUISD,
        datum=timezone.localdate() - dt.timedelta(days=3),
        bron=StatusBron.GEMEENTE,
        nieuwe_gemeente="Arnhem",
        acting_user=casusregisseur,
    )

    page = login(casusregisseur)
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    kaart = page.locator("#status")
    expect(kaart).to_contain_text("Overdracht aan de nieuwe gemeente")
    assert_accessible(page, "een verhuisd dossier vóór de overdracht")
    klik_en_wacht(page, kaart.get_by_role("button", name="Overdracht maken (PDF)"))
    brief = Brief.objects.get(inburgeraar=dossier, soort=BriefSoort.OVERDRACHT)
    gemeld(page, f"Overdracht {brief.kenmerk} gemaakt.")
    kaart = page.locator("#status")
    expect(kaart.get_by_role("link", name=f"{brief.kenmerk} (PDF)")).to_be_visible()
    expect(kaart.get_by_role("button", name="Overdracht opnieuw maken")).to_be_visible()
    assert_accessible(page, "een verhuisd dossier met de overdracht")
