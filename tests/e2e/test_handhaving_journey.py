"""A handhavingszaak in a real browser: a casusregisseur records an overtreding
(first without the facts, refused), sends the schriftelijke waarschuwing, records a
rapport with a voorgenomen boete of € 800,00, tries a boete above the maximum
(refused), records the zienswijze, imposes the boete and downloads the
boetebeschikking, whose text is checked with pdftotext. axe-core checks the pages on
the way (WCAG 2.1 A/AA)."""

import datetime as dt
import re
import subprocess
from decimal import Decimal

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pip_plans.models import (
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Overtreding,
    Verwijtbaarheid,
)
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    formulier_met_fout,
    gemeld,
    klik_en_wacht,
    nl_datum,
    tab_openen,
)
from tests.e2e.test_accessibility import assert_accessible
from zevenaar_inburgering.termijnen import wettelijke_termijn_einde

pytestmark = pytest.mark.e2e

PDFTOTEXT = "/usr/bin/pdftotext"
FEITEN = "Niet verschenen bij de drie afspraken van het participatieverklaringstraject."
RAPPORT = "Drie keer niet verschenen; geen bericht van verhindering. Voorgenomen boete."
ZIENSWIJZE = "Mevrouw Haddad zegt dat zij de uitnodigingen niet begreep."
TOELICHTING = "De uitnodigingen waren ook in het Arabisch; zij is vooraf gebeld."


def pdf_tekst(path) -> str:
    return subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout


def test_casusregisseur_imposes_a_boete(
    live_server, login, casusregisseur, dossier, tmp_path
):
    vandaag = timezone.localdate()
    overtreding_op = vandaag - dt.timedelta(days=40)
    rapport_op = vandaag - dt.timedelta(days=20)
    # zienswijze_termijn_weken and Awb art. 5:51, each extended by the Algemene
    # termijnenwet when it ends on a weekend or feestdag.
    zienswijze_tot = wettelijke_termijn_einde(rapport_op, weken=2)
    beslistermijn = wettelijke_termijn_einde(rapport_op, weken=13)
    zienswijze_op = vandaag - dt.timedelta(days=10)
    besluit_op = vandaag - dt.timedelta(days=3)
    page = login(casusregisseur)

    # --- The dossier, the Handhaving tab ----------------------------------------------
    dossier_openen(page, live_server, dossier)
    handhaving_url = tab_openen(page, live_server, dossier, "Handhaving", "handhaving")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Handhaving: {dossier.naam}"
    )
    expect(page.locator("#zaken")).to_contain_text("Geen handhavingszaken.")
    assert_accessible(page, "de handhavingspagina zonder zaken")

    # --- Overtreding: first without the facts -----------------------------------------
    page.get_by_text("Nieuwe handhavingszaak", exact=True).click()
    zaak_form = page.locator("form[action$='/handhaving/nieuw/']")
    zaak_form.get_by_role("combobox", name="Overtreding").select_option(
        label=Overtreding.PVT.label
    )
    zaak_form.get_by_label("Datum van de overtreding").fill(overtreding_op.isoformat())
    zaak_form.get_by_label("Feiten en omstandigheden").fill("")
    klik_en_wacht(page, zaak_form.get_by_role("button", name="Zaak vastleggen"))

    zaak_form = formulier_met_fout(
        page,
        f"Handhaving — {dossier.naam}",
        "form[action$='/handhaving/nieuw/']",
        "Dit veld is verplicht.",
    )
    feiten = zaak_form.get_by_label("Feiten en omstandigheden")
    expect(feiten).to_have_attribute("aria-invalid", "true")
    # What was typed stays.
    expect(zaak_form.get_by_label("Datum van de overtreding")).to_have_value(
        overtreding_op.isoformat()
    )
    expect(zaak_form.get_by_role("combobox", name="Overtreding")).to_have_value(
        Overtreding.PVT
    )
    assert not Handhavingszaak.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "de handhavingspagina met een fout")

    feiten.fill(FEITEN)
    klik_en_wacht(page, zaak_form.get_by_role("button", name="Zaak vastleggen"))

    # Wait for the zaak page before reading the database.
    expect(page).to_have_url(re.compile(rf"^{live_server.url}/handhaving/[0-9a-f-]+/$"))
    zaak = Handhavingszaak.objects.get(inburgeraar=dossier)
    zaak_url = f"{live_server.url}/handhaving/{zaak.pk}/"
    expect(page).to_have_url(zaak_url)
    expect(page).to_have_title(
        f"Handhavingszaak — {dossier.naam} — Liemers Inburgering"
    )
    gemeld(page, "Handhavingszaak vastgelegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Handhavingszaak: {Overtreding.PVT.label.lower()}"
    )
    verloop = page.locator("#verloop")
    expect(verloop).to_contain_text(FEITEN)
    expect(verloop).to_contain_text(nl_datum(overtreding_op))
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.datum_overtreding == overtreding_op
    assert zaak.overtreding == Overtreding.PVT
    assert zaak.aangemaakt_door == casusregisseur
    expect(page.locator("#brieven")).to_contain_text("Nog geen brieven.")
    assert_accessible(page, "een nieuwe handhavingszaak")
    # Waarschuwing, rapport and besluit forms share the page: prefixes keep ids apart.
    assert_unique_ids(page, "een nieuwe handhavingszaak")

    # --- Schriftelijke waarschuwing -----------------------------------------------------
    stap = page.locator("#volgende-stap")
    stap.get_by_text("Schriftelijke waarschuwing sturen", exact=True).click()
    waarschuwing = page.locator("form[action$='/waarschuwing/']")
    waarschuwing.get_by_label("Wat moet de inburgeraar nu doen?").fill(
        "Kom naar de volgende bijeenkomst van het participatieverklaringstraject."
    )
    klik_en_wacht(page, waarschuwing.get_by_role("button", name="Waarschuwing maken"))
    expect(page).to_have_url(zaak_url)
    gemeld(page, "De schriftelijke waarschuwing staat klaar om te versturen.")
    waarschuwing_brief = Brief.objects.get(
        handhavingszaak=zaak, soort=BriefSoort.WAARSCHUWING
    )
    brieven = page.locator("#brieven")
    expect(
        brieven.get_by_role(
            "link",
            name=f"Schriftelijke waarschuwing {waarschuwing_brief.kenmerk} (PDF)",
        )
    ).to_be_visible()
    expect(verloop).to_contain_text(
        f"Schriftelijk gewaarschuwd op {nl_datum(vandaag)}."
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.GEWAARSCHUWD
    assert zaak.waarschuwing_op == vandaag
    expect(page.locator("form[action$='/waarschuwing/']")).to_have_count(0)

    # --- Rapport with a voorgenomen boete of € 800,00 ----------------------------------
    stap.get_by_text("Rapport en zienswijze", exact=True).click()
    rapport = page.locator("form[action$='/rapport/']")
    rapport.get_by_label("Voorgenomen boete").fill("800,00")
    rapport.get_by_label("Datum van het rapport").fill(rapport_op.isoformat())
    rapport.get_by_role("textbox", name=re.compile(r"^Rapport")).fill(RAPPORT)
    klik_en_wacht(page, rapport.get_by_role("button", name="Rapport vastleggen"))
    expect(page).to_have_url(zaak_url)
    gemeld(page, "Rapport vastgelegd.")
    gegevens = verloop.locator("dl").first
    expect(gegevens).to_contain_text(nl_datum(rapport_op))
    expect(gegevens).to_contain_text("€ 800,00")
    expect(gegevens).to_contain_text(f"Zienswijze uiterlijk{nl_datum(zienswijze_tot)}")
    expect(page.locator(".beslistermijn")).to_have_text(
        f"Besluit uiterlijk {nl_datum(beslistermijn)} (beslistermijn na het rapport, "
        "Awb art. 5:51)."
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.voorgenomen_bedrag == Decimal("800.00")
    assert zaak.rapport_op == rapport_op
    assert zaak.zienswijze_tot == zienswijze_tot
    assert zaak.beslistermijn == beslistermijn
    assert_accessible(page, "een handhavingszaak met een rapport")
    assert_unique_ids(page, "een handhavingszaak met een rapport")

    # --- Besluit: a boete above the maximum --------------------------------------------
    stap.get_by_text("Besluit nemen", exact=True).click()
    besluit = page.locator("form[action$='/besluit/']")
    besluit.get_by_label("Boete opleggen").check()
    besluit.get_by_label("Datum van het besluit").fill(besluit_op.isoformat())
    besluit.get_by_label("Oordeel over de verwijtbaarheid").select_option(
        label="Verwijtbaar"
    )
    besluit.get_by_label("Onderbouwing van het oordeel").fill(TOELICHTING)
    expect(besluit.get_by_label("Boetebedrag")).to_have_value("800,00")  # voorgenomen
    besluit.get_by_label("Boetebedrag").fill("900,00")
    klik_en_wacht(page, besluit.get_by_role("button", name="Besluit vastleggen"))

    besluit = formulier_met_fout(
        page,
        f"Handhavingszaak — {dossier.naam}",
        "form[action$='/besluit/']",
        "De boete is ten hoogste € 800,00",
    )
    bedrag = besluit.get_by_label("Boetebedrag")
    expect(bedrag).to_have_attribute("aria-invalid", "true")
    # What was typed stays.
    expect(bedrag).to_have_value("900,00")
    expect(besluit.get_by_label("Boete opleggen")).to_be_checked()
    expect(besluit.get_by_label("Datum van het besluit")).to_have_value(
        besluit_op.isoformat()
    )
    expect(besluit.get_by_label("Oordeel over de verwijtbaarheid")).to_have_value(
        Verwijtbaarheid.VOLLEDIG
    )
    expect(besluit.get_by_label("Onderbouwing van het oordeel")).to_have_value(
        TOELICHTING
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.boetebedrag is None
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()
    assert_accessible(page, "een handhavingszaak met een fout in het besluit")
    assert_unique_ids(page, "een handhavingszaak met een fout in het besluit")

    # --- Zienswijze ---------------------------------------------------------------------
    # The zienswijze term ended 6 days ago: its details are open without a click.
    zienswijze = page.locator("form[action$='/zienswijze/']")
    expect(zienswijze).to_be_visible()
    zienswijze.get_by_label("Zienswijze ontvangen", exact=True).check()
    zienswijze.get_by_label("Ontvangen op").fill(zienswijze_op.isoformat())
    zienswijze.get_by_label("Wat bracht de inburgeraar naar voren?").fill(ZIENSWIJZE)
    klik_en_wacht(page, zienswijze.get_by_role("button", name="Zienswijze opslaan"))
    expect(page).to_have_url(zaak_url)
    gemeld(page, "Zienswijze vastgelegd.")
    expect(verloop).to_contain_text(f"ontvangen op {nl_datum(zienswijze_op)}")
    expect(verloop).to_contain_text(ZIENSWIJZE)
    expect(page.locator("form[action$='/zienswijze/']")).to_have_count(0)
    zaak.refresh_from_db()
    assert zaak.zienswijze_ontvangen_op == zienswijze_op

    # --- Besluit: the boete of € 800,00 -------------------------------------------------
    stap.get_by_text("Besluit nemen", exact=True).click()
    besluit = page.locator("form[action$='/besluit/']")
    besluit.get_by_label("Boete opleggen").check()
    besluit.get_by_label("Datum van het besluit").fill(besluit_op.isoformat())
    besluit.get_by_label("Oordeel over de verwijtbaarheid").select_option(
        label="Verwijtbaar"
    )
    besluit.get_by_label("Onderbouwing van het oordeel").fill(TOELICHTING)
    besluit.get_by_label("Boetebedrag").fill("800,00")
    klik_en_wacht(page, besluit.get_by_role("button", name="Besluit vastleggen"))

    expect(page).to_have_url(zaak_url)
    gemeld(page, "Besluit vastgelegd.")
    expect(page.locator("p.lead .badge")).to_have_text("Boete opgelegd")
    expect(verloop).to_contain_text(f"€ 800,00, besloten op {nl_datum(besluit_op)}")
    expect(verloop).to_contain_text(TOELICHTING)
    expect(page.locator(".beslistermijn")).to_have_count(0)  # decided
    expect(page.locator("form[action$='/besluit/']")).to_have_count(0)
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("800.00")
    assert zaak.besluit_op == besluit_op
    assert zaak.verwijtbaarheid == Verwijtbaarheid.VOLLEDIG
    assert zaak.verwijtbaarheid_toelichting == TOELICHTING
    beschikking = Brief.objects.get(
        handhavingszaak=zaak, soort=BriefSoort.BOETEBESCHIKKING
    )
    assert beschikking.dagtekening == besluit_op
    assert Brief.objects.filter(handhavingszaak=zaak).count() == 2
    link = brieven.get_by_role(
        "link", name=f"Boetebeschikking {beschikking.kenmerk} (PDF)"
    )
    expect(link).to_be_visible()
    expect(brieven).to_contain_text(
        f"bezwaar tot en met {nl_datum(beschikking.bezwaar_deadline)}"
    )

    # --- Download the boetebeschikking ------------------------------------------------
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{beschikking.kenmerk}.pdf"
    pdf = tmp_path / "boetebeschikking.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    tekst = " ".join(pdf_tekst(pdf).split())  # one space between words
    assert "€ 800,00" in tekst
    assert nl_datum(besluit_op) in tekst
    assert "bezwaar" in tekst
    assert nl_datum(beschikking.bezwaar_deadline) in tekst
    assert dossier.naam in tekst

    # --- The overview and the final zaak page -------------------------------------------
    expect(page).to_have_url(zaak_url)  # a download does not navigate
    assert_accessible(page, "een handhavingszaak met een boete")
    assert_unique_ids(page, "een handhavingszaak met een boete")
    klik_en_wacht(
        page,
        page.get_by_role("navigation", name="Kruimelpad").get_by_role(
            "link", name="Handhaving"
        ),
    )
    expect(page).to_have_url(handhaving_url)
    rij = (
        page.get_by_role("table")
        .get_by_role("row")
        .filter(has_text=Overtreding.PVT.label)
    )
    expect(rij).to_contain_text("Boete opgelegd: € 800,00")
    expect(rij).to_contain_text(nl_datum(overtreding_op))
    assert_accessible(page, "de handhavingspagina met een beboete zaak")
