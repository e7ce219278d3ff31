"""The steps of the handhaving journey (test_handhaving_journey.py). Each step takes
the page of the casusregisseur who takes it, does in the browser what they do, and
checks what the page, the database and the letters show afterwards; axe-core checks
each page state on the way. The journey's dates are in `Datums`."""

import datetime as dt
import re
import subprocess
from decimal import Decimal

from playwright.sync_api import expect

from pip_plans.models import (
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Overtreding,
    Verwijtbaarheid,
    ZienswijzeWijze,
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
from zevenaar_inburgering.nl import kleine_beginletter
from zevenaar_inburgering.termijnen import wettelijke_termijn_einde

OVERTREDING = Overtreding.PIP_VERPLICHTINGEN
FEITEN = "Niet verschenen bij drie lessen van de taalschool in maart."
VOORSCHRIFT = "artikel 22, eerste lid, Wet inburgering 2021"
VERPLICHTING = "Elke dinsdag en donderdag naar de taalles van Taalhuis Liemers."
PLAATS = "Taalhuis Liemers, Zevenaar"
RAPPORT = "Drie keer niet verschenen; geen bericht van verhindering."
ZIENSWIJZE = "Mevrouw Haddad zegt dat zij de roosters niet begreep."
VERWIJTBAAR = "De roosters waren ook in het Arabisch; zij is vooraf gebeld."
MOTIVERING = "Drie lessen gemist zonder bericht: het volle bedrag past."
REACTIE = "Het rooster was vertaald en telefonisch uitgelegd."
ASIEL = "Zij weigert sinds een jaar elke les, ook na drie gesprekken."
GRONDEN = "Zij was in maart twee weken ziek; een verklaring van de huisarts volgt."
BESLISSING = (
    "De ziekte is aangetoond: twee van de drie lessen zijn haar niet te verwijten."
)
ZAAK_TITEL = "Handhavingszaak — {naam}"


class Datums:
    """The journey's dates, counted back from `vandaag`. Each term is counted as the
    law counts it: from the day after the verzenddatum, moved to the next working
    day by the Algemene termijnenwet (wettelijke_termijn_einde)."""

    def __init__(self, vandaag: dt.date):
        def dag(dagen: int) -> dt.date:
            return vandaag + dt.timedelta(days=dagen)

        self.vandaag = vandaag
        self.overtreding = dag(-60)
        self.verhoor = dag(-45)
        self.rapport = dag(-42)
        self.voornemen_verzonden = dag(-41)  # the day after the rapport
        # zienswijze_termijn_weken (2) from the voornemen's verzenddatum
        self.zienswijze_tot = wettelijke_termijn_einde(
            self.voornemen_verzonden, weken=2
        )
        # Awb art. 5:51: 13 weeks from the rapport
        self.beslistermijn = wettelijke_termijn_einde(self.rapport, weken=13)
        self.zienswijze = dag(-35)  # heard within the term
        self.besluit = dag(-21)
        self.beschikking_verzonden = dag(-20)
        # Awb art. 6:7, 6:8: six weeks from the boetebeschikking's verzenddatum
        self.bezwaar_tot = wettelijke_termijn_einde(self.beschikking_verzonden, weken=6)
        self.poststempel = dag(-4)
        self.bezwaar_ontvangen = dag(-3)
        # Awb art. 7:10: six weeks after the bezwaartermijn (no commissie)
        self.bezwaar_beslistermijn = wettelijke_termijn_einde(self.bezwaar_tot, weken=6)
        self.beslissing = vandaag
        self.beslissing_verzonden = dag(1)  # goes out tomorrow
        # beroep: six weeks from the beslissing's verzenddatum
        self.beroep_tot = wettelijke_termijn_einde(self.beslissing_verzonden, weken=6)


# --- Helpers --------------------------------------------------------------------------


def veld(form, label: str):
    """The field of `form` labelled `label` exactly (crispy adds "*" to the label of a
    required field)."""
    return form.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def invullen(form, velden: dict) -> None:
    """Fill the fields of `form` by label: a string is typed, a bool (un)checks."""
    for label, waarde in velden.items():
        if isinstance(waarde, bool):
            veld(form, label).set_checked(waarde)
        else:
            veld(form, label).fill(waarde)


def zaak_pagina(page, zaak, melding: str) -> None:
    """After a step, the page of `zaak` is back with the status message `melding`."""
    expect(page).to_have_url(re.compile(rf"/handhaving/{zaak.pk}/$"))
    gemeld(page, melding)


def pdf_tekst(pad) -> str:
    """The text of a PDF (poppler's pdftotext), whitespace folded to single spaces."""
    tekst = subprocess.run(
        ["/usr/bin/pdftotext", "-enc", "UTF-8", str(pad), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    return " ".join(tekst.split())


def brief_downloaden(page, brief: Brief, tmp_path) -> str:
    """Click the link of `brief` on the page, save the download and return its text."""
    link = page.get_by_role(
        "link", name=f"{brief.get_soort_display()} {brief.kenmerk} (PDF)"
    )
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{brief.kenmerk}.pdf"
    pad = tmp_path / f"{brief.kenmerk}.pdf"
    download.save_as(pad)
    assert pad.read_bytes().startswith(b"%PDF")
    return pdf_tekst(pad)


# --- The first casusregisseur: overtreding, rapport, zienswijze -----------------------


def zaak_vastleggen(page, live_server, dossier, d: Datums, door) -> Handhavingszaak:
    """From the werkvoorraad to the dossier's Handhaving tab; the overtreding first
    without the facts (refused, what was typed stays), then with them."""
    dossier_openen(page, live_server, dossier)
    tab_openen(page, live_server, dossier, "Handhaving", "handhaving")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Handhaving: {dossier.naam}"
    )
    expect(page.locator("#zaken")).to_contain_text("Geen handhavingszaken.")
    assert_accessible(page, "de handhavingspagina zonder zaken")

    page.get_by_text("Nieuwe handhavingszaak", exact=True).click()
    selector = "form[action$='/handhaving/nieuw/']"
    form = page.locator(selector)
    form.get_by_role("combobox", name="Overtreding").select_option(
        label=OVERTREDING.label
    )
    invullen(
        form,
        {
            "Datum van de overtreding": d.overtreding.isoformat(),
            "Feiten en omstandigheden": "",
        },
    )
    klik_en_wacht(page, form.get_by_role("button", name="Zaak vastleggen"))

    form = formulier_met_fout(
        page, f"Handhaving — {dossier.naam}", selector, "Dit veld is verplicht."
    )
    feiten = veld(form, "Feiten en omstandigheden")
    expect(feiten).to_have_attribute("aria-invalid", "true")
    expect(veld(form, "Datum van de overtreding")).to_have_value(
        d.overtreding.isoformat()
    )
    expect(form.get_by_role("combobox", name="Overtreding")).to_have_value(OVERTREDING)
    assert not Handhavingszaak.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "de handhavingspagina met een fout")

    feiten.fill(FEITEN)
    klik_en_wacht(page, form.get_by_role("button", name="Zaak vastleggen"))
    # Wait for the zaak page before reading the database.
    expect(page).to_have_url(re.compile(rf"^{live_server.url}/handhaving/[0-9a-f-]+/$"))
    zaak = Handhavingszaak.objects.get(inburgeraar=dossier)
    zaak_pagina(page, zaak, "Handhavingszaak vastgelegd.")
    expect(page).to_have_title(
        f"{ZAAK_TITEL.format(naam=dossier.naam)} — Liemers Inburgering"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Handhavingszaak: {kleine_beginletter(OVERTREDING.label)}"
    )
    verloop = page.locator("#verloop")
    expect(verloop).to_contain_text(FEITEN)
    expect(verloop).to_contain_text(nl_datum(d.overtreding))
    expect(verloop).to_contain_text("Geen rapport. Een boete kan pas na een rapport")
    expect(page.locator("#brieven")).to_contain_text("Nog geen brieven.")
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.aangemaakt_door == door
    assert_accessible(page, "een nieuwe handhavingszaak")
    # Waarschuwing, rapport and besluit forms share the page: prefixes keep ids apart.
    assert_unique_ids(page, "een nieuwe handhavingszaak")
    return zaak


def rapport_opmaken(page, zaak, d: Datums, door, tmp_path) -> None:
    """The rapport with the voornemen: first without the overtreden voorschrift
    (refused, what was typed stays); then the two letters, downloaded and read."""
    stap = page.locator("#volgende-stap")
    stap.get_by_text("Rapport en voornemen", exact=True).click()
    selector = "form[action$='/rapport/']"
    form = page.locator(selector)
    velden = {
        "Datum van het rapport": d.rapport.isoformat(),
        "Overtreden voorschrift": VOORSCHRIFT,
        "Welke verplichting uit het PIP?": VERPLICHTING,
        "Plaats van de overtreding": PLAATS,
        "Rapport": RAPPORT,
        "Verhoord op": d.verhoor.isoformat(),
        "Voor het verhoor is gezegd dat de inburgeraar niet hoeft te antwoorden "
        "(cautie, Awb art. 5:10a)": True,
        "Er was een tolk bij het verhoor": True,
        "Voorgenomen boete": "800,00",
        "Verzenddatum": d.voornemen_verzonden.isoformat(),
    }
    # The zienswijze term is left empty: the default after the verzenddatum.
    expect(veld(form, "Zienswijze uiterlijk")).to_have_value("")
    invullen(form, {**velden, "Overtreden voorschrift": ""})
    klik_en_wacht(page, form.get_by_role("button", name="Rapport vastleggen"))

    form = formulier_met_fout(
        page,
        ZAAK_TITEL.format(naam=zaak.inburgeraar.naam),
        selector,
        "Noem het overtreden voorschrift: artikel, lid en wet (Awb art. 5:48).",
    )
    expect(veld(form, "Overtreden voorschrift")).to_have_attribute(
        "aria-invalid", "true"
    )
    for label, waarde in velden.items():  # what was typed stays
        if label == "Overtreden voorschrift":
            continue
        if isinstance(waarde, bool):
            expect(veld(form, label)).to_be_checked(checked=waarde)
        else:
            expect(veld(form, label)).to_have_value(waarde)
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.filter(handhavingszaak=zaak).exists()
    assert_accessible(page, "een handhavingszaak met een fout in het rapport")
    assert_unique_ids(page, "een handhavingszaak met een fout in het rapport")

    veld(form, "Overtreden voorschrift").fill(VOORSCHRIFT)
    klik_en_wacht(page, form.get_by_role("button", name="Rapport vastleggen"))
    zaak_pagina(page, zaak, "Rapport vastgelegd.")
    gegevens = page.locator("#verloop dl").first
    for tekst in (
        f"Rapport{nl_datum(d.rapport)}, door {door}",
        f"Overtreden voorschrift{VOORSCHRIFT}",
        f"Verplichting uit het PIP{VERPLICHTING}",
        f"Plaats{PLAATS}",
        f"Verhoor{nl_datum(d.verhoor)}, cautie gegeven, met tolk",
        "Voorgenomen boete€ 800,00",
        f"Zienswijze uiterlijk{nl_datum(d.zienswijze_tot)}",
    ):
        expect(gegevens).to_contain_text(tekst)
    expect(page.locator(".beslistermijn")).to_have_text(
        f"Besluit uiterlijk {nl_datum(d.beslistermijn)} (beslistermijn na het "
        "rapport, Awb art. 5:51)."
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.rapport_door == door
    assert zaak.overtreden_voorschrift == VOORSCHRIFT
    assert (zaak.cautie_gegeven, zaak.tolk_bij_verhoor) == (True, True)
    assert zaak.voorgenomen_bedrag == Decimal("800.00")
    assert zaak.zienswijze_tot == d.zienswijze_tot
    assert zaak.beslistermijn == d.beslistermijn

    # Two letters, dated the rapport, sent the day after.
    voornemen, afschrift = (
        Brief.objects.get(handhavingszaak=zaak, soort=soort)
        for soort in (BriefSoort.VOORNEMEN, BriefSoort.RAPPORT)
    )
    brieven = page.locator("#brieven")
    for brief in (voornemen, afschrift):
        assert (brief.dagtekening, brief.verzenddatum) == (
            d.rapport,
            d.voornemen_verzonden,
        )
        assert brief.bezwaar_deadline is None  # not a besluit
        expect(
            brieven.get_by_role("listitem").filter(has_text=brief.kenmerk)
        ).to_have_text(
            f"{brief.get_soort_display()} {brief.kenmerk} (PDF) · "
            f"{nl_datum(d.rapport)}, verzonden {nl_datum(d.voornemen_verzonden)}"
        )
    assert_accessible(page, "een handhavingszaak met een rapport")
    assert_unique_ids(page, "een handhavingszaak met een rapport")

    tekst = brief_downloaden(page, voornemen, tmp_path)
    assert "Voornemen: wij willen u een boete geven" in tekst
    assert "€ 800,00" in tekst
    assert VOORSCHRIFT in tekst
    assert VERPLICHTING in tekst
    assert f"Dat kan tot en met {nl_datum(d.zienswijze_tot)}" in tekst
    assert "schriftelijk" in tekst and "mondeling" in tekst
    assert "Dan regelen wij een tolk voor u. Dat kost u niets." in tekst
    assert "Deze brief is nog geen besluit" in tekst
    assert zaak.inburgeraar.naam in tekst

    tekst = brief_downloaden(page, afschrift, tmp_path)
    assert "Rapport van een overtreding (afschrift)" in tekst
    assert f"Datum van het rapport {nl_datum(d.rapport)}" in tekst
    assert f"Gemaakt door {door}" in tekst
    assert VOORSCHRIFT in tekst
    assert VERPLICHTING in tekst
    assert f"{nl_datum(d.overtreding)}, {PLAATS}" in tekst
    assert nl_datum(d.verhoor) in tekst
    assert "niet hoefde te antwoorden; er was een tolk" in tekst
    assert RAPPORT in tekst
    expect(page).to_have_url(re.compile(rf"/handhaving/{zaak.pk}/$"))  # no navigation


def zienswijze_vastleggen(page, zaak, d: Datums) -> None:
    """The zienswijze, heard in a conversation with an interpreter. Its term ended,
    so its form is open without a click."""
    form = page.locator("form[action$='/zienswijze/']")
    expect(form).to_be_visible()
    form.get_by_label("Zienswijze ontvangen", exact=True).check()
    form.get_by_role("combobox", name="Hoe").select_option(ZienswijzeWijze.MONDELING)
    invullen(
        form,
        {
            "Met een tolk": True,
            "Ontvangen of gehoord op": d.zienswijze.isoformat(),
            "Wat bracht de inburgeraar naar voren?": ZIENSWIJZE,
        },
    )
    klik_en_wacht(page, form.get_by_role("button", name="Zienswijze opslaan"))
    zaak_pagina(page, zaak, "Zienswijze vastgelegd.")
    verloop = page.locator("#verloop")
    expect(verloop).to_contain_text(
        f"Zienswijze{ZienswijzeWijze.MONDELING.label.lower()} op "
        f"{nl_datum(d.zienswijze)}, met tolk"
    )
    expect(verloop).to_contain_text(ZIENSWIJZE)
    expect(page.locator("form[action$='/zienswijze/']")).to_have_count(0)
    zaak.refresh_from_db()
    assert zaak.zienswijze_ontvangen_op == d.zienswijze
    assert zaak.zienswijze_wijze == ZienswijzeWijze.MONDELING
    assert zaak.tolk_bij_zienswijze


def boete_geweigerd_aan_rapporteur(page, zaak) -> None:
    """Who made the rapport sees the functiescheiding notice on the besluit form, and
    the boete they try anyway is refused (Awb art. 10:3 lid 4)."""
    page.locator("#volgende-stap").get_by_text("Besluit nemen", exact=True).click()
    selector = "form[action$='/besluit/']"
    form = page.locator(selector)
    melding = (
        "U hebt in deze zaak het rapport opgemaakt. Een collega neemt deze beslissing "
        "(functiescheiding, Awb art. 10:3)."
    )
    expect(form.locator(".functiescheiding")).to_have_text(
        f"{melding} Afzien van een boete kunt u wel zelf vastleggen."
    )
    assert_accessible(page, "het besluitformulier voor wie het rapport maakte")
    expect(veld(form, "Boete opleggen")).to_be_checked()  # the default
    klik_en_wacht(page, form.get_by_role("button", name="Besluit vastleggen"))

    formulier_met_fout(
        page, ZAAK_TITEL.format(naam=zaak.inburgeraar.naam), selector, melding
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.besluit_door is None
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()
    assert_accessible(page, "een boete geweigerd wegens functiescheiding")


# --- The collega: the boetebesluit ----------------------------------------------------


def boete_opleggen(page, zaak_url, zaak, d: Datums, door, tmp_path) -> Brief:
    """A collega imposes the boete: first above the maximum (refused, what was typed
    stays), then € 800,00; the boetebeschikking, downloaded and read."""
    page.goto(zaak_url)
    expect(page.locator(".functiescheiding")).to_have_count(0)
    page.locator("#volgende-stap").get_by_text("Besluit nemen", exact=True).click()
    selector = "form[action$='/besluit/']"
    form = page.locator(selector)
    expect(veld(form, "Boetebedrag")).to_have_value("800,00")  # voorgenomen
    velden = {
        "Datum van het besluit": d.besluit.isoformat(),
        "Onderbouwing van het oordeel": VERWIJTBAAR,
        "Boetebedrag": "900,00",
        "Waarom dit bedrag? (ernst van de overtreding, mate van verwijtbaarheid)": (
            MOTIVERING
        ),
        "Reactie op de zienswijze": REACTIE,
        "Waarom een uitzonderlijk geval? (alleen bij een asielstatushouder)": ASIEL,
        "Verzenddatum": d.beschikking_verzonden.isoformat(),
    }
    veld(form, "Boete opleggen").check()
    form.get_by_label("ik heb het voorbeeld van de boetebeschikking bekeken").check()
    veld(form, "Oordeel over de verwijtbaarheid").select_option(
        Verwijtbaarheid.VOLLEDIG
    )
    invullen(form, velden)
    assert_accessible(page, "het besluitformulier voor een collega")
    klik_en_wacht(page, form.get_by_role("button", name="Besluit vastleggen"))

    form = formulier_met_fout(
        page,
        ZAAK_TITEL.format(naam=zaak.inburgeraar.naam),
        selector,
        "De boete is ten hoogste € 800,00",
    )
    expect(veld(form, "Boetebedrag")).to_have_attribute("aria-invalid", "true")
    for label, waarde in velden.items():  # what was typed stays
        expect(veld(form, label)).to_have_value(waarde)
    expect(veld(form, "Boete opleggen")).to_be_checked()
    expect(veld(form, "Oordeel over de verwijtbaarheid")).to_have_value(
        Verwijtbaarheid.VOLLEDIG
    )
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.boetebedrag is None
    assert_accessible(page, "een handhavingszaak met een fout in het besluit")
    assert_unique_ids(page, "een handhavingszaak met een fout in het besluit")

    veld(form, "Boetebedrag").fill("800,00")
    klik_en_wacht(page, form.get_by_role("button", name="Besluit vastleggen"))
    zaak_pagina(page, zaak, "Besluit vastgelegd.")
    expect(page.locator("p.lead .badge")).to_have_text("Boete opgelegd")
    verloop = page.locator("#verloop")
    for tekst in (
        f"€ 800,00, besloten op {nl_datum(d.besluit)} door {door}",
        VERWIJTBAAR,
        f"Hoogte: {MOTIVERING}",
        f"Reactie op de zienswijze: {REACTIE}",
        f"Uitzonderlijk geval: {ASIEL}",
    ):
        expect(verloop).to_contain_text(tekst)
    expect(page.locator(".beslistermijn")).to_have_count(0)  # decided
    expect(page.locator("#volgende-stap")).to_have_count(0)
    zaak.refresh_from_db()
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("800.00")
    assert (zaak.besluit_op, zaak.besluit_door) == (d.besluit, door)
    assert zaak.verwijtbaarheid == Verwijtbaarheid.VOLLEDIG

    beschikking = Brief.objects.get(
        handhavingszaak=zaak, soort=BriefSoort.BOETEBESCHIKKING
    )
    assert beschikking.dagtekening == d.besluit
    assert beschikking.verzenddatum == d.beschikking_verzonden
    assert beschikking.bezwaar_deadline == d.bezwaar_tot
    assert Brief.objects.filter(handhavingszaak=zaak).count() == 3
    expect(
        page.locator("#brieven")
        .get_by_role("listitem")
        .filter(has_text=beschikking.kenmerk)
    ).to_have_text(
        f"Boetebeschikking {beschikking.kenmerk} (PDF) · {nl_datum(d.besluit)}, "
        f"verzonden {nl_datum(d.beschikking_verzonden)} · bezwaar tot en met "
        f"{nl_datum(d.bezwaar_tot)}"
    )
    assert_accessible(page, "een handhavingszaak met een boete")
    assert_unique_ids(page, "een handhavingszaak met een boete")

    tekst = brief_downloaden(page, beschikking, tmp_path)
    assert "U krijgt een bestuurlijke boete van € 800,00" in tekst
    assert VOORSCHRIFT in tekst
    assert f"tot en met {nl_datum(d.zienswijze_tot)}" in tekst
    assert (
        f"Wij hebben uw zienswijze op {nl_datum(d.zienswijze)} in een gesprek "
        "gehoord, met een tolk" in tekst
    )
    assert ZIENSWIJZE in tekst
    assert f"Wat wij met uw zienswijze doen: {REACTIE}" in tekst
    assert VERWIJTBAAR in tekst
    assert f"Waarom dit bedrag? {MOTIVERING}" in tekst
    assert ASIEL in tekst
    assert f"Wij versturen deze brief op {nl_datum(d.beschikking_verzonden)}" in tekst
    assert f"uiterlijk {nl_datum(d.bezwaar_tot)} bij ons zijn" in tekst
    assert beschikking.kenmerk in tekst
    return beschikking
