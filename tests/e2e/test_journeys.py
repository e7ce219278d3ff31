"""A working day of each of the three roles, in a real browser, by following links
as a person would (issue 19, "Browser journeys for the three roles"); axe-core
checks every page each journey reaches (WCAG 2.1 A/AA) and the ids on it.

1. The casusregisseur starts from Te doen on the werkvoorraad, finds a client by a
   name typed without its accent, goes through every tab of the dossier and records
   the voortgangsgesprek Te doen asked for.
2. The RSD klantmanager goes from Mijn klanten to a client's ontzorgen, records a
   month's payments in one form (a corrected rent: confirmed first) and is refused
   the client's health page.
3. The beleidsmedewerker chooses a gebied and the running quarter, has its report
   made, sees it marked Voorlopig and downloads its PDF and CSV.

Every date is derived from one `vandaag`, `timezone.localdate()` read when the test
starts: the live server's views read the same clock (and `--vandaag` moves both), so
what the pages show never depends on which day the suite runs."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from leerroutes.models import Voortgangsgesprek
from leerroutes.routestand import routestand_bijwerken
from monitoring.models import Kwartaalrapport, SignaalSoort
from monitoring.rapportage.basis import Periode
from monitoring.signalering import sweep
from pip_plans.models import Betaling
from pip_plans.ontzorgen.vaste_lasten import betalingen_vastleggen
from tests.e2e import test_beleidsmedewerker_journey as beleid
from tests.e2e.stappen import (
    assert_unique_ids,
    dossier_openen,
    gemeld,
    klik_en_wacht,
    menu_volgen,
    nl_datum,
    tab_openen,
)
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_beleidsmedewerker_journey import (
    KLAAR_BINNEN_MS,
    assert_geen_persoonsgegevens,
    rapport_worker,
)
from tests.e2e.test_handhaving_journey import pdf_tekst
from tests.factories.accounts import gemeente
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory

pytestmark = pytest.mark.e2e

ZOEKVELD = "Zoek op naam, BSN of v-nummer"
# The tabs of a dossier after Overzicht, with the path each opens.
DOSSIER_TABS = [
    ("Brede intake", "intake"),
    ("PIP en beschikkingen", "pip"),
    ("Route en examens", "route"),
    ("Participatie en keten", "participatie"),
    ("Ontzorgen", "ontzorgen"),
    ("Handhaving", "handhaving"),
    ("Documenten", "documenten"),
]
GEZONDHEID = "GEZONDHEID-JOURNEY-7c1e"  # a health text that must not reach the RSD

# The beleidsmedewerker's fixtures of test_beleidsmedewerker_journey, used here too:
# the regional user, six dossiers of the last finished quarter, its regional report
# and a report queue of the test's own.
beleidsmedewerker_regio = beleid.beleidsmedewerker_regio
dossiers = beleid.dossiers
regiorapport = beleid.regiorapport
rapportwachtrij = beleid.rapportwachtrij


def bekeken(page, wat: str) -> None:
    """Every page a journey reaches: no axe violation, no duplicate id."""
    assert_accessible(page, wat)
    assert_unique_ids(page, wat)


@pytest.fixture
def dossier(zevenaar, casusregisseur, klantmanager):
    """The journeys' client (instead of tests/conftest.py's Amal Haddad, also under
    the fixtures built on it): a name with a letter no Dutch keyboard has."""
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        rsd_klantmanager=klantmanager,
        met_bijstand=True,
        voornamen="Mehmet",
        achternaam="Doğan",
    )


# --- 1. Casusregisseur ----------------------------------------------------------------


@pytest.fixture
def gesprek_te_doen(dossier_in_traject, casusregisseur, zevenaar):
    """`dossier_in_traject`, whose planned voortgangsgesprek was due two days ago:
    after today's sweep it is on the casusregisseur's Te doen. Two other clients in
    the werkvoorraad give the search something to leave out. Returns (dossier, the
    day the gesprek was planned)."""
    dossier = dossier_in_traject
    vandaag = timezone.localdate()
    for voornamen, achternaam in (("Yonas", "Bekele"), ("Leyla", "Karimi")):
        InburgeraarFactory(
            gemeente=zevenaar,
            casusregisseur=casusregisseur,
            voornamen=voornamen,
            achternaam=achternaam,
        )
    gepland = vandaag - dt.timedelta(days=2)
    assert (
        Voortgangsgesprek.objects.filter(
            inburgeraar=dossier, gehouden_op__isnull=True
        ).update(gepland_op=gepland)
        == 1
    )
    routestand_bijwerken([dossier.pk])
    assert sweep(vandaag)[SignaalSoort.VOORTGANGSGESPREK] == 1
    return dossier, gepland


def test_casusregisseur_starts_from_te_doen_and_records_a_voortgangsgesprek(
    live_server, login, casusregisseur, gesprek_te_doen
):
    dossier, gepland = gesprek_te_doen
    vandaag = timezone.localdate()
    page = login(casusregisseur)

    # --- Te doen on the werkvoorraad: the gesprek, overdue ---------------------------
    expect(page).to_have_url(f"{live_server.url}/werkvoorraad/")
    te_doen = page.get_by_role("region", name="Te doen")
    actie = page.get_by_role(
        "link", name=f"Gesprek vastleggen voor {dossier.naam}", exact=True
    )
    signaal = te_doen.locator("#te-doen-te_laat li").filter(has=actie)
    expect(signaal).to_be_visible()
    expect(signaal).to_contain_text(f"Gesprek gepland {nl_datum(gepland)}")
    bekeken(page, "de werkvoorraad met Te doen")

    # --- The client, typed without the ğ -------------------------------------------------
    page.get_by_label(ZOEKVELD).fill("dogan")
    klik_en_wacht(page, page.get_by_role("button", name="Zoeken", exact=True))
    expect(page.get_by_text("1 dossier gevonden voor “dogan”.")).to_be_visible()
    expect(page.get_by_role("link", name="Doğan, Mehmet")).to_be_visible()
    expect(page.get_by_role("link", name="Bekele, Yonas")).to_have_count(0)
    bekeken(page, "de werkvoorraad met de zoekopdracht “dogan”")

    # --- Every tab of the dossier ---------------------------------------------------------
    dossier_openen(page, live_server, dossier)
    tabs = page.get_by_role("navigation", name="Onderdelen van het dossier")
    expect(tabs.get_by_role("link", name="Overzicht")).to_have_attribute(
        "aria-current", "page"
    )
    bekeken(page, "het tabblad Overzicht")
    for tab, pad in DOSSIER_TABS:
        tab_openen(page, live_server, dossier, tab, pad)
        expect(tabs.get_by_role("link", name=tab)).to_have_attribute(
            "aria-current", "page"
        )
        bekeken(page, f"het tabblad {tab}")

    # --- Back to Te doen: one click to the form, open; the gesprek recorded -----------
    menu_volgen(page, "Werkvoorraad")
    actie = page.get_by_role("region", name="Te doen").get_by_role(
        "link", name=f"Gesprek vastleggen voor {dossier.naam}", exact=True
    )
    klik_en_wacht(page, actie)
    expect(page).to_have_url(
        f"{live_server.url}/dossiers/{dossier.pk}/participatie/#gesprek-vastleggen"
    )
    formulier = page.locator("#gesprek-vastleggen")
    expect(formulier).to_have_attribute("open", "")
    bekeken(page, "het formulier Gesprek vastleggen, open")
    formulier.get_by_label("Gehouden op").fill(vandaag.isoformat())
    formulier.get_by_label("Deelnemers").fill("Mehmet Doğan, tolk Turks")
    formulier.get_by_label("Verslag").fill("Taallessen gaan goed; KNM loopt achter.")
    formulier.get_by_label("Gemaakte afspraken").fill("Extra KNM-les op donderdag.")
    klik_en_wacht(page, formulier.get_by_role("button", name="Gesprek opslaan"))
    gemeld(page, "Voortgangsgesprek vastgelegd.")
    gesprekken = page.locator("#gesprekken")
    expect(gesprekken).to_contain_text(nl_datum(vandaag))
    expect(gesprekken).to_contain_text("Taallessen gaan goed; KNM loopt achter.")
    bekeken(page, "de participatiepagina na het vastleggen")
    gehouden = Voortgangsgesprek.objects.get(
        inburgeraar=dossier, gehouden_op__isnull=False
    )
    assert gehouden.gepland_op == gepland
    assert gehouden.gehouden_op == vandaag
    assert gehouden.vastgelegd_door == casusregisseur
    assert gehouden.afspraken == "Extra KNM-les op donderdag."


# --- 2. RSD klantmanager --------------------------------------------------------------


@pytest.fixture
def klant_met_huur_betaald(klant_met_ontzorgen, casusregisseur, klantmanager):
    """`klant_met_ontzorgen` whose rent of the first month (€ 650,00) was recorded
    earlier, and whose open brede intake holds a health text. Returns (dossier, the
    first month)."""
    dossier = klant_met_ontzorgen
    vandaag = timezone.localdate()
    ontzorging = dossier.ontzorging
    eerste_maand = ontzorging.startdatum
    betalingen_vastleggen(
        ontzorging=ontzorging,
        maand=eerste_maand,
        betaald_op=eerste_maand + dt.timedelta(days=1),
        bedragen={ontzorging.vaste_lasten.get(soort="huur"): Decimal("650.00")},
        bevestigd=set(),
        acting_user=klantmanager,
    )
    BredeIntakeFactory(
        inburgeraar=dossier,
        gestart_door=casusregisseur,
        gestart_op=vandaag - dt.timedelta(days=10),
        gezondheid__mentale_gezondheid=GEZONDHEID,
    )
    return dossier, eerste_maand


def test_klantmanager_records_a_months_payments_and_never_sees_health(
    live_server, login, klantmanager, andere_klantmanager, klant_met_huur_betaald
):
    dossier, eerste_maand = klant_met_huur_betaald
    vandaag = timezone.localdate()
    ander = InburgeraarFactory(
        gemeente=dossier.gemeente,
        achternaam="Vanderandere",
        rsd_klantmanager=andere_klantmanager,
        met_bijstand=True,
    )
    page = login(klantmanager)

    # --- Mijn klanten: their own clients only; one opened ----------------------------
    expect(page).to_have_url(f"{live_server.url}/rsd/klanten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn klanten")
    expect(page.locator("table")).not_to_contain_text(ander.achternaam)
    bekeken(page, "Mijn klanten")
    klik_en_wacht(page, page.get_by_role("link", name="Doğan, Mehmet"))
    expect(page).to_have_url(f"{live_server.url}/rsd/klanten/{dossier.pk}/")
    bekeken(page, "de klantpagina")

    # --- Ontzorgen: the month's statement, a corrected rent confirmed first ----------
    klik_en_wacht(page, page.get_by_role("link", name="Ontzorgen en betalingen"))
    bekeken(page, "de ontzorgenpagina")
    betaling = page.locator("#betaling form")
    betaling.get_by_label("Betaling voor de maand").fill(f"{eerste_maand:%Y-%m}")
    betaling.get_by_label("Betaald op").fill(vandaag.isoformat())
    betaling.get_by_label("Betaald bedrag Huur (€)").fill("655,00")
    betaling.get_by_label("Betaald bedrag Energie (gas en stroom) (€)").fill("120,50")
    betaling.get_by_label("Betaald bedrag Zorgverzekering (€)").fill("140")
    klik_en_wacht(page, betaling.get_by_role("button", name="Betalingen opslaan"))
    betaling = page.locator("#betaling form")
    vergelijking = betaling.get_by_role("table", name="Nu vastgelegd tegenover nieuw")
    expect(vergelijking).to_contain_text("€ 650,00")
    expect(vergelijking).to_contain_text("€ 655,00")
    # Nothing written until confirmed.
    assert [b.bedrag for b in Betaling.objects.all()] == [Decimal("650.00")]
    bekeken(page, "het betalingenformulier dat om bevestiging vraagt")

    klik_en_wacht(
        page, betaling.get_by_role("button", name="Ja, vervang deze betalingen")
    )
    gemeld(page, "Huur € 655,00 (vervangen)")
    assert {
        b.vaste_last.soort: (b.maand, b.bedrag, b.betaald_op, b.vastgelegd_door)
        for b in Betaling.objects.select_related("vaste_last")
    } == {
        soort: (eerste_maand, bedrag, vandaag, klantmanager)
        for soort, bedrag in (
            ("huur", Decimal("655.00")),
            ("energie", Decimal("120.50")),
            ("zorgverzekering", Decimal(140)),
        )
    }
    bekeken(page, "de ontzorgenpagina na het vastleggen")

    # --- The client's health page: refused, nothing of it shown ---------------------
    # No page of the klantmanager links to it; typed in, it is refused by role
    # (403, tests/security/role_matrix.py: intake:intake_gezondheid).
    antwoord = page.goto(f"/dossiers/{dossier.pk}/intake/gezondheid/")
    assert antwoord.status == 403
    assert GEZONDHEID not in page.content()
    bekeken(page, "de geweigerde gezondheidspagina")


# --- 3. Beleidsmedewerker -------------------------------------------------------------


def test_beleidsmedewerker_has_the_running_quarter_made_and_downloads_it(
    live_server,
    login,
    beleidsmedewerker_regio,
    dossiers,
    regiorapport,
    rapportwachtrij,
    tmp_path,
):
    vandaag = timezone.localdate()
    lopend = Periode(vandaag.year, (vandaag.month - 1) // 3 + 1)
    assert lopend.voorlopig_op(vandaag)
    periode = f"{lopend.jaar} K{lopend.kwartaal}"
    zevenaar = gemeente("Zevenaar")
    page = login(beleidsmedewerker_regio)

    # --- The dashboard: the region's last finished quarter, final -------------------
    expect(page).to_have_url(f"{live_server.url}/beleidsdoelen/")
    expect(page.locator("p.lead")).to_have_text(
        f"Regio De Liemers · {regiorapport.jaar}, kwartaal {regiorapport.kwartaal}"
    )
    expect(page.get_by_text("Voorlopig", exact=True)).to_have_count(0)
    bekeken(page, "het dashboard met het regiorapport")

    # --- Zevenaar chosen: no report yet; the running quarter asked for --------------
    page.locator("#gebied").select_option(label="Zevenaar")
    klik_en_wacht(page, page.get_by_role("button", name="Toon"))
    expect(page.get_by_role("status")).to_contain_text(
        "Voor deze keuze is nog geen kwartaalrapport gemaakt."
    )
    bekeken(page, "het dashboard van Zevenaar zonder rapport")
    formulier = page.locator("form").filter(
        has=page.get_by_role("heading", name="Rapport maken")
    )
    expect(formulier.get_by_label("Gemeente of regio")).to_have_value(str(zevenaar.pk))
    formulier.get_by_label("Jaar").select_option(str(lopend.jaar))
    formulier.get_by_label("Kwartaal").select_option(str(lopend.kwartaal))
    klik_en_wacht(page, formulier.get_by_role("button", name="Maak rapport"))
    expect(page).to_have_url(f"{live_server.url}/kwartaalrapporten/")
    gemeld(page, f"Het kwartaalrapport {periode} voor Zevenaar is aangevraagd.")
    rapport = Kwartaalrapport.objects.get(aangevraagd_door=beleidsmedewerker_regio)
    assert (rapport.jaar, rapport.kwartaal, rapport.gemeente) == (
        lopend.jaar,
        lopend.kwartaal,
        zevenaar,
    )
    status = page.locator(f"#status-{rapport.pk}")
    expect(status).to_contain_text("In de wachtrij")
    bekeken(page, "de kwartaalrapporten met het rapport in de wachtrij")

    with rapport_worker(rapportwachtrij):
        expect(status.get_by_text("Klaar", exact=True)).to_be_visible(
            timeout=KLAAR_BINNEN_MS
        )
    bekeken(page, "de kwartaalrapporten met het gemaakte rapport")

    # --- Bekijken: Zevenaar's running quarter, Voorlopig ----------------------------
    klik_en_wacht(page, status.get_by_role("link", name=f"Bekijken {periode} Zevenaar"))
    expect(page.locator("p.lead")).to_have_text(
        f"Zevenaar · {lopend.jaar}, kwartaal {lopend.kwartaal} Voorlopig"
    )
    expect(page.locator("p.lead .badge")).to_have_text("Voorlopig")
    expect(page.get_by_role("note")).to_contain_text(
        f"Op {nl_datum(vandaag)}, de stand van deze gegevens, was het kwartaal nog "
        "niet afgelopen"
    )
    expect(page.locator("#gebied")).to_have_value(str(zevenaar.pk))
    bekeken(page, "het dashboard met het voorlopige rapport van Zevenaar")

    # --- Its PDF and CSV, each from its link ----------------------------------------
    naam = f"kwartaalrapport-{lopend.jaar}-k{lopend.kwartaal}-zevenaar"
    for link, soort, inhoudstype in (
        ("Download PDF", "pdf", "application/pdf"),
        ("Download cijfers (CSV)", "csv", "text/csv"),
    ):
        link = page.get_by_role("link", name=link)
        antwoord = page.request.get(link.get_attribute("href"))
        assert antwoord.status == 200, soort
        assert antwoord.headers["content-type"].startswith(inhoudstype), soort
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == f"{naam}.{soort}"
        bestand = tmp_path / download.suggested_filename
        download.save_as(bestand)
        if soort == "pdf":
            assert bestand.read_bytes().startswith(b"%PDF")
            tekst = pdf_tekst(bestand)
            assert f"VOORLOPIG (stand van {nl_datum(vandaag)})" in tekst
        else:
            tekst = bestand.read_text(encoding="utf-8-sig")
            assert tekst.splitlines()[1].startswith(
                f"voorlopig, stand van {nl_datum(vandaag)};"
            ), tekst.splitlines()[1]
        assert_geen_persoonsgegevens(tekst, dossiers, f"de {soort.upper()}")
