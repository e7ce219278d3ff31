"""From a fresh dossier to a downloaded beschikking, in a real browser: a
casusregisseur does the brede intake, sees the route advice, drafts the PIP, forgets
the reason why one leerroute was rejected, fixes it, vaststelt the PIP and downloads
the beschikking. axe-core checks the pages on the way (WCAG 2.1 A/AA)."""

import datetime as dt
import re
import subprocess

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pip_plans.models import Beschikking, Pip, PipStatus
from tests.e2e.stappen import (
    dossier_openen,
    gemeld,
    intake_starten,
    klik_en_wacht,
    nl_datum,
    tab_openen,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory

pytestmark = pytest.mark.e2e

REDEN_Z_FOUT = "Leg uit waarom de Z-route niet is gekozen."


@pytest.fixture
def nieuw_dossier(zevenaar, casusregisseur):
    """A fresh Zevenaar dossier (asielstatushouder with bijstand), no intake yet;
    born in 1990, so too old for the onderwijsroute advice (27 by default)."""
    vandaag = timezone.localdate()
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        met_bijstand=True,
        voornamen="Selam",
        achternaam="Gebremedhin",
        geboortedatum=dt.date(1990, 5, 17),
        datum_kennisgeving=vandaag - dt.timedelta(days=21),
        datum_brp_inschrijving=vandaag - dt.timedelta(days=28),
    )
    dossier.refresh_pip_deadline()
    dossier.save()
    return dossier


def pdf_tekst(pad) -> str:
    """The text of a PDF (poppler's pdftotext), whitespace folded to single spaces."""
    result = subprocess.run(  # noqa: S603 - fixed program, a path we made
        ["/usr/bin/pdftotext", "-enc", "UTF-8", str(pad), "-"],
        capture_output=True,
        check=True,
        text=True,
        timeout=30,
    )
    return re.sub(r"\s+", " ", result.stdout)


def test_casusregisseur_from_intake_to_beschikking_pdf(
    live_server, login, casusregisseur, nieuw_dossier, tmp_path
):
    dossier = nieuw_dossier
    vandaag = timezone.localdate()
    page = login(casusregisseur)

    # Open the dossier from the werkvoorraad.
    dossier_openen(page, live_server, dossier)

    # --- Brede intake ----------------------------------------------------------
    intake_starten(page, live_server, dossier)

    # a. leerbaarheidstoets, b. opleiding, c. persoonlijke omstandigheden
    klik_en_wacht(page, page.get_by_role("link", name="Intake invullen of wijzigen"))
    page.locator("#id_lbt_datum").fill((vandaag - dt.timedelta(days=7)).isoformat())
    page.locator("#id_lbt_uitkomst").select_option(label="B1 of hoger haalbaar")
    page.locator("#id_lbt_toetsbegeleider").fill("J. de Vries")
    page.locator("#id_hoogste_opleiding").select_option(label="Voortgezet onderwijs")
    page.locator("#id_land_opleiding").fill("Eritrea")
    page.locator("#id_jaren_onderwijs").fill("11")
    page.locator("#id_gealfabetiseerd").select_option(label="Ja")
    page.locator("#id_persoonlijke_omstandigheden").fill(
        "Woont met partner en twee kinderen in Zevenaar; netwerk via de kerk."
    )
    page.locator("#id_wens").select_option(label="Werk")
    klik_en_wacht(page, page.get_by_role("button", name="Opslaan", exact=True))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/intake/")
    gemeld(page, "De brede intake is opgeslagen.")

    # Health: only the date it was discussed is needed to complete.
    klik_en_wacht(page, page.get_by_role("link", name="Gezondheid bewerken"))
    page.locator("#id_besproken_op").fill((vandaag - dt.timedelta(days=5)).isoformat())
    klik_en_wacht(page, page.get_by_role("button", name="Opslaan", exact=True))
    gemeld(page, "Gezondheid is opgeslagen.")

    volledigheid = page.locator("#volledigheid")
    for onderdeel in (
        "Leerbaarheidstoets",
        "Opleiding en werkervaring",
        "Persoonlijke omstandigheden en gezondheid",
    ):
        expect(volledigheid.get_by_role("row", name=onderdeel)).to_contain_text(
            "Ingevuld"
        )
    klik_en_wacht(page, page.get_by_role("button", name="Intake afronden"))
    gemeld(page, "De brede intake is afgerond.")
    expect(page.get_by_role("heading", name="Advies: B1-route")).to_be_visible()
    assert_accessible(page, "de afgeronde brede intake met het routeadvies")

    # --- PIP -------------------------------------------------------------------
    tab_openen(page, live_server, dossier, "PIP en beschikkingen", "pip")
    expect(page.get_by_text("De brede intake is afgerond.")).to_be_visible()
    klik_en_wacht(page, page.get_by_role("button", name="PIP opstellen"))
    pip = Pip.objects.get(inburgeraar=dossier)
    expect(page).to_have_url(
        f"{live_server.url}/dossiers/{dossier.pk}/pip/{pip.pk}/bewerken/"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("PIP versie 1")
    # The draft follows the advice.
    expect(page.locator("#id_leerroute")).to_have_value("b1")

    page.locator("#id_reden_afwijzing_onderwijs").fill(
        "Te oud voor de onderwijsroute en wil zo snel mogelijk werken."
    )
    # reden_afwijzing_z stays empty: the Raad van State's reason to annul a PIP.
    page.locator("#id_ondersteuning").fill(
        "Maatschappelijke begeleiding door Vluchtelingenwerk, elke week."
    )
    page.locator("#id_map_uren").fill("40")
    page.locator("#id_ontzorgen_toelichting").fill("Huur, energie en zorgverzekering.")
    # The voorbeeld of the letter is seen first (issue 20; its PDF is tested in
    # tests/leerroutes/test_beschikking_voorbeeld.py).
    page.get_by_label("Ik heb het voorbeeld van de beschikking bekeken").check()
    klik_en_wacht(page, page.get_by_role("button", name="Opslaan en vaststellen"))

    expect(page).to_have_title(
        f"Fout: PIP versie 1 — {dossier.naam} — Liemers Inburgering"
    )
    expect(page.get_by_role("alert").first).to_contain_text(
        "Het PIP is niet vastgesteld."
    )
    expect(page.locator("#div_id_reden_afwijzing_z")).to_contain_text(REDEN_Z_FOUT)
    veld_z = page.locator("#id_reden_afwijzing_z")
    expect(veld_z).to_have_attribute("aria-invalid", "true")
    expect(veld_z).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_reden_afwijzing_z_error\b")
    )
    # What was typed stays, and nothing else is called wrong.
    expect(page.locator("#id_reden_afwijzing_onderwijs")).to_have_value(
        "Te oud voor de onderwijsroute en wil zo snel mogelijk werken."
    )
    expect(page.locator("#id_map_uren")).to_have_value("40")
    expect(page.locator("[aria-invalid='true']")).to_have_count(1)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "het PIP-formulier met een fout")

    veld_z.fill("De leerbaarheidstoets wijst op B1 en zij leert snel.")
    klik_en_wacht(page, page.get_by_role("button", name="Opslaan en vaststellen"))

    # --- Beschikking -----------------------------------------------------------
    beschikking = Beschikking.objects.get(inburgeraar=dossier)
    expect(page).to_have_url(f"{live_server.url}/beschikkingen/{beschikking.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Beschikking {beschikking.kenmerk}"
    )
    gemeld(page, f"Het PIP is vastgesteld. Beschikking {beschikking.kenmerk}")
    gegevens = page.locator("dl").first
    expect(gegevens).to_contain_text("B1-route")
    expect(gegevens).to_contain_text(nl_datum(vandaag))
    # The controlegetal is for an auditor: folded away, in plain words.
    expect(page.get_by_text("Controlegetal")).not_to_be_visible()
    page.get_by_text("Technische gegevens").click()
    expect(page.get_by_text("Controlegetal")).to_be_visible()
    assert_accessible(page, "de beschikking")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de beschikking (PDF)").click()
    download = download_info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == f"{beschikking.kenmerk}.pdf"
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)
    inhoud = pad.read_bytes()
    assert inhoud.startswith(b"%PDF"), inhoud[:40]

    tekst = pdf_tekst(pad)
    assert dossier.bsn_gemaskeerd in tekst, tekst
    assert dossier.bsn not in tekst, "Het volledige BSN staat in de beschikking"
    assert "B1-route" in tekst, tekst
    assert nl_datum(vandaag) in tekst, tekst  # dagtekening, e.g. "5 maart 2026"
    assert beschikking.kenmerk in tekst, tekst
    assert "Leg uit" not in tekst

    # --- The PIP overview, now with the vastgesteld version -------------------
    klik_en_wacht(page, page.get_by_role("link", name="Naar PIP en beschikkingen"))
    expect(page).to_have_url(f"{live_server.url}/dossiers/{dossier.pk}/pip/")
    versies = page.get_by_role("table", name="Versies van het PIP")
    expect(
        versies.get_by_role("link", name=beschikking.kenmerk, exact=True)
    ).to_be_visible()
    expect(
        versies.get_by_role("link", name=f"PDF van {beschikking.kenmerk}")
    ).to_be_visible()
    expect(versies).to_contain_text("B1-route")
    assert_accessible(page, "het PIP-overzicht met een vastgestelde versie")
