"""Letters in bulk (issue 20, item 5) in a real browser; axe-core checks every page
the journey reaches (WCAG 2.1 A/AA) and the ids on it.

The casusregisseur selects three dossiers in the werkvoorraad, chooses "Brieven
maken voor selectie", forgets the verzenddatum (a Dutch message, what was typed
kept, nothing made), then makes the uitnodigingen for the brede intake: the result
page lists the three letters, each stored on its dossier, and "Alles afdrukken
(PDF)" downloads one PDF with all three letters."""

import datetime as dt
import subprocess

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from pip_plans.models import Brief, BriefSoort, Brievenbundel
from tests.e2e.stappen import (
    TITEL,
    assert_unique_ids,
    gemeld,
    klik_en_wacht,
    tabelrij,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.pdf import pdf_paginas
from zevenaar_inburgering.documents import private_storage

pytestmark = pytest.mark.e2e

PLAATS = "Gemeentehuis Zevenaar, Raadhuisplein 1"


def bekeken(page, wat: str) -> None:
    assert_accessible(page, wat)
    assert_unique_ids(page, wat)


@pytest.fixture
def drie(zevenaar, casusregisseur):
    return [
        InburgeraarFactory(
            gemeente=zevenaar,
            casusregisseur=casusregisseur,
            voornamen=voornaam,
            achternaam=achternaam,
            met_adres=True,
        )
        for voornaam, achternaam in [
            ("Amal", "Haddad"),
            ("Yonas", "Tesfay"),
            ("Leyla", "Yilmaz"),
        ]
    ]


def test_casusregisseur_makes_intake_invitations_for_a_selection(
    live_server, login, casusregisseur, drie, tmp_path
):
    vandaag = timezone.localdate()
    afspraak = vandaag + dt.timedelta(days=14)
    page = login(casusregisseur)
    page.goto("/werkvoorraad/")

    for dossier in drie:
        page.get_by_label(f"Selecteer {dossier.naam}").check()
    klik_en_wacht(page, page.get_by_role("button", name="Brieven maken voor selectie"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brieven maken")
    gekozen = page.get_by_role("region", name="Gekozen dossiers (3)")
    for dossier in drie:
        expect(gekozen).to_contain_text(dossier.naam)
    bekeken(page, "het formulier Brieven maken")

    # --- The verzenddatum forgotten: refused, what was typed kept --------------------
    form = page.locator("form", has=page.get_by_role("button", name="Brieven maken"))
    form.get_by_label("Soort brief").select_option(label="Uitnodiging brede intake")
    form.get_by_label("Datum van de afspraak").fill(afspraak.isoformat())
    form.get_by_label("Tijd van de afspraak").fill("10:30")
    form.get_by_label("Plaats van de afspraak").fill(PLAATS)
    klik_en_wacht(page, form.get_by_role("button", name="Brieven maken"))
    expect(page).to_have_title(f"Fout: Brieven maken — {TITEL}")
    expect(page.get_by_role("alert")).to_contain_text("Vul de verzenddatum in.")
    expect(page.get_by_label("Plaats van de afspraak")).to_have_value(PLAATS)
    expect(page.get_by_role("region", name="Gekozen dossiers (3)")).to_be_visible()
    assert not Brief.objects.exists()
    bekeken(page, "het formulier Brieven maken met een fout")

    # --- Made ------------------------------------------------------------------------
    page.get_by_label("Verzenddatum").fill(vandaag.isoformat())
    klik_en_wacht(page, page.get_by_role("button", name="Brieven maken"))
    gemeld(page, "3 brieven gemaakt.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uitnodiging brede intake: 3 brieven"
    )
    brieven = list(Brief.objects.filter(soort=BriefSoort.UITNODIGING_INTAKE))
    assert len(brieven) == 3
    assert {b.verzenddatum for b in brieven} == {vandaag}
    for brief in brieven:
        rij = tabelrij(page, "De gemaakte brieven", brief.inburgeraar.naam)
        expect(rij).to_contain_text(brief.kenmerk)
    bekeken(page, "de gemaakte brieven")

    # --- Alles afdrukken: one PDF with the three letters ------------------------------
    link = page.get_by_role("link", name="Alles afdrukken (PDF)")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None, download.failure()
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)
    samen = pad.read_bytes()
    with private_storage.open(brieven[0].pdf) as een:
        assert pdf_paginas(samen) == 3 * pdf_paginas(een.read())
    assert Brievenbundel.objects.get().brieven.count() == 3
    tekst = subprocess.run(
        ["pdftotext", str(pad), "-"], capture_output=True, check=True
    ).stdout.decode()
    for dossier in drie:
        assert f"Beste {dossier.naam}" in tekst
