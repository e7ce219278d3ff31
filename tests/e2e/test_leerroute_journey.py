"""A leerroute in a real browser: a casusregisseur assigns a taalaanbieder to a
dossier whose B1-route PIP was vastgesteld 20 months ago, records hours (first a
month in the future, refused), sees the on-track judgement say "Niet op koers",
records an exam attempt, records enough hours to catch up and sees the judgement
change, then records paid work on the participation page. axe-core checks the pages
on the way (WCAG 2.1 A/AA)."""

import datetime as dt

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from leerroutes.models import (
    Examenpoging,
    Participatieactiviteit,
    Traject,
)
from pip_plans.models import Inburgeringstermijn
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    formulier_met_fout,
    gemeld,
    klik_en_wacht,
    nl_datum,
    nl_maand,
    tab_openen,
    tabelrij,
)
from tests.e2e.test_accessibility import assert_accessible
from zevenaar_inburgering.termijnen import maanden_later

pytestmark = pytest.mark.e2e

# Earlier months with hours that bring the 40,5 hours of last month up to schedule:
# 40,5 + 6 × 60 = 400,5 of 680 hours after 20 of 36 months (about 379 expected).
INHAALMAANDEN = range(2, 8)
INHAALUREN = "60"


def test_casusregisseur_follows_a_leerroute(
    live_server, login, casusregisseur, dossier_in_termijn, aanbieder
):
    dossier = dossier_in_termijn
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier)
    vandaag = timezone.localdate()
    deze_maand = vandaag.replace(day=1)
    vorige_maand = maanden_later(deze_maand, -1)
    volgende_maand = maanden_later(deze_maand, 1)
    page = login(casusregisseur)

    # Open the dossier from the werkvoorraad, then the route tab.
    dossier_openen(page, live_server, dossier)
    route_url = tab_openen(page, live_server, dossier, "Route en examens", "route")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Route en examens: {dossier.naam}"
    )
    traject_kaart = page.locator("#traject")
    expect(traject_kaart).to_contain_text("B1-route")
    expect(traject_kaart).to_contain_text("Geen lopend traject.")
    expect(page.locator("#kop-koers + *")).to_contain_text("Nog niet beoordeeld")
    assert_accessible(page, "de routepagina zonder traject")

    # --- Aanbieder toewijzen --------------------------------------------------------
    toewijzen = page.locator("form[action$='/route/toewijzen/']")
    expect(toewijzen).to_be_visible()  # open: there is no traject yet
    toewijzen.get_by_label("Aanbieder").select_option(label=aanbieder.naam)
    toewijzen.get_by_label("Start").fill(termijn.startdatum.isoformat())
    toewijzen.get_by_label("Gepland einde").fill(termijn.einddatum.isoformat())
    # Planned hours stay empty: the contract's (600 NT2, 80 KNM) and the PIP's.
    expect(toewijzen.get_by_label("Geplande uren NT2 (taal)")).to_have_value("")
    klik_en_wacht(page, toewijzen.get_by_role("button", name="Toewijzen"))

    expect(page).to_have_url(route_url)
    gemeld(page, "Aanbieder toegewezen; het traject is gestart.")
    traject = Traject.objects.get(inburgeraar=dossier)
    assert traject.aanbieder == aanbieder
    assert traject.start == termijn.startdatum
    traject_gegevens = traject_kaart.locator("dl")
    expect(traject_gegevens).to_contain_text(aanbieder.naam)
    expect(traject_gegevens).to_contain_text("Ingekocht")
    expect(traject_gegevens).to_contain_text(nl_datum(termijn.startdatum))
    expect(traject_gegevens).to_contain_text("NT2 (taal): 600 uur")
    expect(traject_gegevens).to_contain_text("KNM: 80 uur")
    expect(traject_gegevens).to_contain_text("PVT (participatieverklaringstraject): 12")
    # No hours at all after 20 months.
    koers = page.locator("#kop-koers").locator("xpath=..")
    expect(koers.locator(".badge")).to_have_text("Niet op koers")
    expect(koers).to_contain_text("0 van 680 uur na 20 maanden")

    # --- Uren: first a month in the future ------------------------------------------
    uren_sectie = page.locator("#uren")
    uren_sectie.get_by_text("Uren vastleggen", exact=True).click()
    uren = page.locator("form[action$='/route/uren/']")
    uren.get_by_label("Maand").fill(f"{volgende_maand:%Y-%m}")
    uren.get_by_label("Uren aanwezig NT2 (taal)").fill("40,5")
    uren.get_by_label("Uren geroosterd NT2 (taal)").fill("45")
    klik_en_wacht(page, uren.get_by_role("button", name="Uren opslaan"))

    uren = formulier_met_fout(
        page,
        f"Route en examens — {dossier.naam}",
        "form[action$='/route/uren/']",
        "De maand ligt in de toekomst.",
    )
    # What was typed stays.
    expect(uren.get_by_label("Maand")).to_have_value(f"{volgende_maand:%Y-%m}")
    expect(uren.get_by_label("Uren aanwezig NT2 (taal)")).to_have_value("40,5")
    expect(uren.get_by_label("Uren geroosterd NT2 (taal)")).to_have_value("45")
    assert not dossier.uren.exists()
    assert_accessible(page, "de routepagina met een fout in de uren")

    # --- Uren: last month ------------------------------------------------------------
    uren.get_by_label("Maand").fill(f"{vorige_maand:%Y-%m}")
    klik_en_wacht(page, uren.get_by_role("button", name="Uren opslaan"))
    expect(page).to_have_url(route_url)
    gemeld(page, "Uren vastgelegd.")
    uren_tabel = page.get_by_role("table", name="Laatst vastgelegde uren per maand")
    rij = uren_tabel.get_by_role("row").filter(has_text=nl_maand(vorige_maand))
    expect(rij).to_contain_text("NT2 (taal)")
    expect(rij).to_contain_text("40,5")
    expect(rij).to_contain_text(aanbieder.naam)
    expect(
        page.get_by_role(
            "table", name="Geplande en gevolgde uren per onderdeel"
        ).get_by_role("row", name="NT2 (taal)")
    ).to_contain_text("40,5 van 600 uur")

    expect(koers.locator(".badge")).to_have_text("Niet op koers")
    expect(koers).to_contain_text("40,5 van 680 uur na 20 maanden")
    expect(koers).to_contain_text("Aanwezigheid 90 %")
    # The hours and the exam form both have an "onderdeel" and a "datum" field.
    assert_unique_ids(page, "de routepagina")

    # --- Examen ------------------------------------------------------------------------
    examens = page.locator("#examens")
    expect(examens).to_contain_text("Nog geen examenpogingen.")
    examens.get_by_text("Examenuitslag vastleggen", exact=True).click()
    examen = page.locator("form[action$='/route/examen/']")
    examen.get_by_label("Onderdeel").select_option(label="Lezen")
    examen.get_by_label("Niveau").select_option(label="B1")
    examen_datum = vandaag - dt.timedelta(days=10)
    examen.get_by_label("Examendatum").fill(examen_datum.isoformat())
    examen.get_by_label("Niet geslaagd").check()
    klik_en_wacht(page, examen.get_by_role("button", name="Uitslag opslaan"))
    expect(page).to_have_url(route_url)
    gemeld(page, "Examen vastgelegd.")
    examen_rij = tabelrij(page, "Examenpogingen", "Lezen")
    expect(examen_rij).to_contain_text("B1")
    expect(examen_rij).to_contain_text(nl_datum(examen_datum))
    expect(examen_rij).to_contain_text("Niet geslaagd")
    assert Examenpoging.objects.filter(inburgeraar=dossier, geslaagd=False).exists()
    expect(koers).to_contain_text("1 examenpoging")

    # --- Inhalen: earlier months, through the same form -------------------------------
    for terug in INHAALMAANDEN:
        maand = maanden_later(deze_maand, -terug)
        page.locator("#uren").get_by_text("Uren vastleggen", exact=True).click()
        uren = page.locator("form[action$='/route/uren/']")
        uren.get_by_label("Maand").fill(f"{maand:%Y-%m}")
        uren.get_by_label("Uren aanwezig NT2 (taal)").fill(INHAALUREN)
        klik_en_wacht(page, uren.get_by_role("button", name="Uren opslaan"))
        gemeld(page, "Uren vastgelegd.")
    assert dossier.uren.count() == 1 + len(INHAALMAANDEN)

    badge = koers.locator(".badge")
    expect(badge).not_to_have_text("Niet op koers")
    expect(badge).to_have_text("Op koers")
    expect(koers).to_contain_text("400,5 van 680 uur na 20 maanden")
    expect(
        page.get_by_role(
            "table", name="Geplande en gevolgde uren per onderdeel"
        ).get_by_role("row", name="NT2 (taal)")
    ).to_contain_text("400,5 van 600 uur")
    assert_accessible(page, "de routepagina met traject, uren en een examen")

    # --- Participatie ------------------------------------------------------------------
    participatie_url = tab_openen(
        page, live_server, dossier, "Participatie en keten", "participatie"
    )
    activiteiten = page.locator("#activiteiten")
    expect(activiteiten.locator("dd.meedoen")).to_have_text("Nog niet")
    expect(activiteiten).to_contain_text("Nog geen activiteiten.")
    assert_accessible(page, "de participatiepagina zonder activiteiten")
    # The activity and the begeleiding form both have organisatie, start and einde.
    assert_unique_ids(page, "de participatiepagina")

    activiteiten.get_by_text("Activiteit vastleggen", exact=True).click()
    activiteit = page.locator("form[action$='/participatie/activiteit/']")
    werk_start = vandaag - dt.timedelta(days=45)
    activiteit.get_by_label("Soort").select_option(label="Betaald werk")
    activiteit.get_by_label("Organisatie").fill("Bakkerij De Liemers")
    activiteit.get_by_label("Start").fill(werk_start.isoformat())
    # Paid work without hours per week is refused, on that field.
    klik_en_wacht(page, activiteit.get_by_role("button", name="Activiteit opslaan"))
    activiteit = formulier_met_fout(
        page,
        f"Participatie en keten — {dossier.naam}",
        "form[action$='/participatie/activiteit/']",
        "Vul bij betaald werk de uren per week in.",
    )
    uren_per_week = activiteit.get_by_label("Uren per week")
    expect(uren_per_week).to_have_attribute("aria-invalid", "true")
    expect(activiteit.get_by_label("Organisatie")).to_have_value("Bakkerij De Liemers")
    assert not Participatieactiviteit.objects.filter(inburgeraar=dossier).exists()
    assert_accessible(page, "de participatiepagina met een fout in de activiteit")

    uren_per_week.fill("16")
    klik_en_wacht(page, activiteit.get_by_role("button", name="Activiteit opslaan"))

    expect(page).to_have_url(participatie_url)
    gemeld(page, "Activiteit vastgelegd.")
    activiteit_rij = tabelrij(page, "Participatieactiviteiten", "Bakkerij De Liemers")
    expect(activiteit_rij).to_contain_text("Betaald werk")
    expect(activiteit_rij).to_contain_text("16")
    expect(activiteit_rij).to_contain_text(f"{nl_datum(werk_start)} – heden")
    expect(activiteiten.locator("dd.meedoen")).to_have_text(
        f"Ja, sinds {nl_datum(werk_start)}"
    )
    # Six months of work are needed for duurzaam werk.
    expect(activiteiten.locator("dd.duurzaam-werk")).to_have_text("Nog niet")
    assert Participatieactiviteit.objects.filter(inburgeraar=dossier).count() == 1
    assert_accessible(page, "de participatiepagina met een activiteit")
