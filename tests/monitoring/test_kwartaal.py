"""The kwartaalrapportage: every figure of a fixed scenario (tests/monitoring/
kwartaal_scenario.py) against numbers worked out by hand in the comments, never by
the code under test; a gemeente's report against the region's; the "<5" suppression
in the tables, the CSV and the PDF; the PDF's text; the beleidsmedewerker's pages;
and a query count that does not grow with the data.

Unless a test says otherwise the report is Zevenaar 2022 K4: the quarter is 1
October – 31 December 2022, the peildatum 31 December 2022, the year to date 1
January – 31 December 2022. Three numbers per row are (asielstatushouders, gezins-
en overige migranten, totaal).

The last tests are regressions of bugs found while writing these: unjudged people
counted in "op koers", termijnen of dossiers that left the plicht, a termijn ending
on the peildatum, and Doel 1's route taken from a PIP after the peildatum.
"""

import csv
import io
import re
import subprocess

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.models import Doelgroep, Leerroute, Status
from monitoring import weergave
from monitoring.models import Kwartaalrapport, KwartaalrapportStatus
from monitoring.rapportage.cijfers import bereken
from monitoring.rapportage.rapport import (
    kwartaalrapporten_maken,
    rapport_maken,
    rapport_pdf,
)
from pip_plans.models import WijzigingReden
from tests.factories.accounts import UserFactory
from tests.monitoring.kwartaal_scenario import D, _Bouwer, bouw, meer_kopieen, op
from zevenaar_inburgering.accounts.models import Role

pytestmark = pytest.mark.django_db

ASIEL, GEZIN, TOTAAL = "Asielstatushouders", "Gezins- en overige migranten", "Totaal"
KOLOMMEN = (ASIEL, GEZIN, TOTAAL)

DASHBOARD = reverse("monitoring:dashboard")
LIJST = reverse("monitoring:kwartaalrapporten")
AANVRAGEN = reverse("monitoring:kwartaalrapport_aanvragen")


# --- Finding a cell ----------------------------------------------------------------


def _sectie(cijfers_of_secties, code: str) -> dict:
    secties = (
        cijfers_of_secties["secties"]
        if isinstance(cijfers_of_secties, dict)
        else cijfers_of_secties
    )
    gevonden = [s for s in secties if s["code"] == code]
    assert gevonden, f"no section {code!r} in {[s['code'] for s in secties]}"
    return gevonden[0]


def _tabel(cijfers, code: str, titel: str) -> dict:
    """The table of section `code` whose title is `titel` or starts with it."""
    tabellen = _sectie(cijfers, code)["tabellen"]
    for t in tabellen:
        if t["titel"] == titel or t["titel"].startswith(titel):
            return t
    raise AssertionError(f"no table {titel!r} in {[t['titel'] for t in tabellen]}")


def rij(cijfers, code: str, titel: str, label: str) -> dict:
    """{kolom: cel} of the row `label` (leading spaces ignored). Works on bereken()'s
    figures (raw cells) and on tabellen_voor_weergave() (shown texts)."""
    t = _tabel(cijfers, code, titel)
    for r in t["rijen"]:
        if r["label"].strip() == label:
            return dict(zip(t["kolommen"], r["cellen"], strict=True))
    raise AssertionError(
        f"no row {label!r} in {[r['label'].strip() for r in t['rijen']]}"
    )


def cel(cijfers, code: str, titel: str, label: str, kolom: str):
    """One cell; `kolom` is the column title or its beginning ("Doel 1")."""
    cellen = rij(cijfers, code, titel, label)
    for naam, waarde in cellen.items():
        if naam == kolom or naam.startswith(kolom):
            return waarde
    raise AssertionError(f"no column {kolom!r} in {list(cellen)}")


def aantallen(cijfers, code: str, titel: str, label: str) -> tuple:
    """The (asiel, gezin, totaal) numbers of a row of counts."""
    cellen = rij(cijfers, code, titel, label)
    return tuple(cellen[k]["n"] for k in KOLOMMEN)


def bedragen(cijfers, code: str, titel: str, label: str) -> tuple:
    cellen = rij(cijfers, code, titel, label)
    return tuple(cellen[k]["euro"] for k in KOLOMMEN)


def getoond(cijfers, code: str, titel: str, label: str) -> tuple:
    """The (asiel, gezin, totaal) texts as a beleidsmedewerker sees them."""
    cellen = rij(weergave.tabellen_voor_weergave(cijfers), code, titel, label)
    return tuple(cellen[k] for k in KOLOMMEN)


def getoond_cel(cijfers, code: str, titel: str, label: str, kolom: str) -> str:
    return cel(weergave.tabellen_voor_weergave(cijfers), code, titel, label, kolom)


def pct(waarde, teller, noemer) -> dict:
    return {"pct": waarde, "teller": teller, "noemer": noemer}


def pdf_tekst(data: bytes) -> str:
    """The PDF's text (poppler's pdftotext), whitespace collapsed."""
    uit = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(uit.split())


def csv_regels(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


# --- Fixtures ----------------------------------------------------------------------


@pytest.fixture
def scenario(db):
    return bouw()


@pytest.fixture
def zevenaar_k4(scenario):
    return bereken(jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)


def rapport_klaar(cijfers, gemeente=None) -> Kwartaalrapport:
    """A finished report row without rendering a PDF (for the pages around it)."""
    return Kwartaalrapport.objects.create(
        jaar=cijfers["jaar"],
        kwartaal=cijfers["kwartaal"],
        gemeente=gemeente,
        status=KwartaalrapportStatus.KLAAR,
        cijfers=cijfers,
        parameters=cijfers["parameters"],
        pdf="kwartaalrapporten/bestaat-niet.pdf",
        gereed_op=timezone.now(),
    )


# --- 1. The figures, section by section --------------------------------------------


def test_kop_en_parameters(zevenaar_k4):
    assert zevenaar_k4["gebied"] == "Zevenaar"
    assert (zevenaar_k4["begin"], zevenaar_k4["peildatum"]) == (
        "2022-10-01",
        "2022-12-31",
    )
    parameters = zevenaar_k4["parameters"]
    # Seed (migration parameters 0005): SPUK 12.713 / 590 from 2022, Zevenaar's
    # budget 2022 127.101, share 65 %; no invoeringskosten in 2022 (only 2021).
    assert parameters["spuk_asiel"]["waarde"] == "12713.00"
    assert parameters["spuk_gezin_overig"]["waarde"] == "590.00"
    assert parameters["uitvoeringskosten_budget"]["waarde"] == "127101.00"
    assert parameters["aandeel_inburgeringsplichtig_pct"]["waarde"] == "65.00"
    assert parameters["invoeringskosten"]["waarde"] is None
    # Defaults of the targets (no rows): 40 %, 80 %, 80 %, 2 meetings.
    assert parameters["doel1_duurzaam_werk_pct"]["waarde"] == "40"
    assert parameters["doel4_ketenoverleggen"]["waarde"] == "2"


def test_instroom_voorraad_en_uitstroom(zevenaar_k4):
    c, s, t = zevenaar_k4, "instroom", "Instroom en uitstroom"
    # Plicht started in K4: A6 03-10, A7 10-10, A8 17-10, A9 07-11, A10 05-12 (A10 a
    # gezinshereniger with an asielstatushouder: asiel) and G1 14-11. Not X1
    # (ontkoppeld), X2 (Wi2013), X4 (2023).
    assert aantallen(c, s, t, "Nieuwe inburgeringsplichtigen (kwartaal)") == (5, 1, 6)
    # Year to date: A1–A10 and G1–G3.
    assert aantallen(c, s, t, "Nieuwe inburgeringsplichtigen (jaar tot nu)") == (
        10,
        3,
        13,
    )
    # Voldaan in K4: A1 on 12-12-2022 (A3 and A5 only in 2025).
    assert aantallen(c, s, t, "Uitstroom: plicht voldaan (kwartaal)") == (1, 0, 1)
    # Started by the peildatum, minus the end states: A1 voldaan, A2 verhuisd.
    assert aantallen(
        c, s, t, "Voorraad: begonnen, nog niet afgerond (huidige status)"
    ) == (8, 3, 11)


def test_stand_per_status(zevenaar_k4):
    def stand(label):
        return aantallen(zevenaar_k4, "instroom", "Stand per status", label)

    assert stand("Signaal ontvangen") == (1, 0, 1)  # A10 (not X4: starts 2023)
    assert stand("Intake gepland") == (1, 0, 1)  # A9
    assert stand("Intake loopt") == (1, 1, 2)  # A8, G1
    assert stand("PIP in concept") == (1, 0, 1)  # A7
    assert stand("PIP vastgesteld") == (1, 0, 1)  # A6
    assert stand("In traject") == (3, 2, 5)  # A3 A4 A5, G2 G3 (not X2: Wi2013)
    assert stand("Voldaan") == (1, 0, 1)  # A1
    assert stand("Verhuisd") == (1, 0, 1)  # A2
    for leeg in ("Vrijgesteld", "Ontheven", "Termijn overschreden", "Beëindigd"):
        assert stand(leeg) == (0, 0, 0)
    labels = [
        r["label"].strip()
        for r in _tabel(zevenaar_k4, "instroom", "Stand per status")["rijen"]
    ]
    assert "Ontkoppeld (DUO-correctie)" not in labels


def test_brede_intake_en_pip(zevenaar_k4):
    c, s, t = zevenaar_k4, "intake_pip", "In het kwartaal"
    # Gestart in K4: A6 10-10, A7 20-10, A8 01-11, G1 21-11 (not X1, ontkoppeld).
    assert aantallen(c, s, t, "Brede intakes gestart") == (3, 1, 4)
    # Afgerond in K4: A5 05-10, A6 01-11, A7 20-11 (A8 and G1 still running).
    assert aantallen(c, s, t, "Brede intakes afgerond") == (3, 0, 3)
    # First PIP vastgesteld in K4: A4 03-10, A5 10-10, A6 01-12, G2 15-11.
    assert aantallen(c, s, t, "PIP's vastgesteld") == (3, 1, 4)
    # Within the deadline (vastgesteld <= pip_deadline): A5 (10-10 on its deadline
    # 10-10) and A6 (01-12 <= 12-12); A4 (deadline 11-07) and G2 (20-06) late.
    # 2/3 = 66,7 %, 0/1 = 0 %, 2/4 = 50 %.
    tijdig = rij(c, s, t, "waarvan binnen de termijn van 10 weken")
    assert tijdig == {
        ASIEL: pct(66.7, 2, 3),
        GEZIN: pct(0.0, 0, 1),
        TOTAAL: pct(50.0, 2, 4),
    }
    # Days from kennisgeving (or, without one, the start of the plicht) to PIP:
    # A4 02-05 → 03-10 = 154, A5 01-08 → 10-10 = 70, A6 (no kennisgeving) start
    # 03-10 → 01-12 = 59, G2 11-04 → 15-11 = 218.
    # Medians: asiel {59, 70, 154} → 70; gezin 218; totaal (70 + 154) / 2 = 112.
    mediaan = rij(c, s, t, "mediaan aantal dagen van kennisgeving tot PIP")
    assert mediaan == {
        ASIEL: {"dagen": 70.0, "noemer": 3},
        GEZIN: {"dagen": 218.0, "noemer": 1},
        TOTAAL: {"dagen": 112.0, "noemer": 4},
    }
    # Deadline before the peildatum, no PIP by then, not ended: A7 (19-12), A8
    # (26-12), A9 (28-12). Not X1 (ontkoppeld), not A10/G1 (deadline in 2023).
    assert aantallen(c, s, t, "PIP te laat op de peildatum") == (3, 0, 3)


def test_leerroutes_en_examens(zevenaar_k4):
    c, s = zevenaar_k4, "leerroutes"
    t = "Leerroute op de peildatum"
    # Trajecten running on 31-12-2022 (started by then, no end or an end on or
    # after it): A4 B1 (from 10-10), G2 B1 (21-11), G3 B1 (ends 31-12, its next
    # one starts 01-01-2023); A5 onderwijs; A3 Z (from 16-11; its B1 traject ended
    # 15-11). Not A1 (ended 12-12), A2 (ended 30-09), A6 (starts 09-01-2023).
    assert aantallen(c, s, t, "B1-route") == (1, 2, 3)
    assert aantallen(c, s, t, "Onderwijsroute") == (1, 0, 1)
    assert aantallen(c, s, t, "Z-route (zelfredzaamheidsroute)") == (1, 0, 1)

    t = "In het kwartaal"
    # Traject ended in K4 because of a route change: A3 (15-11). G3's traject ended
    # for another aanbieder, A1's because voldaan.
    assert aantallen(c, s, t, "Routewissels") == (1, 0, 1)
    # PIP versions vastgesteld in K4 with reden afschalen: A4 v2 (20-12) and G3 v2
    # (01-10 00:30 Dutch time = 30-09 in UTC: still K4). A6 v2 is a concept.
    assert aantallen(c, s, t, "Afschalen van B1 naar A2") == (1, 1, 2)
    # PVT getekend in K4: A1 12-10, A3 20-11, G2 15-12 (A4 28-09: K3; X1 ontkoppeld).
    assert aantallen(c, s, t, "Participatieverklaring (PVT) getekend") == (2, 1, 3)
    # MAP afgerond: A1 02-11, G3 01-10.
    assert aantallen(c, s, t, "MAP afgerond") == (1, 1, 2)
    # KNM passed, persons: A1 (20-10), A3 (10-11 and again 10-12: one person), G2
    # (01-12). A3's fail of 05-10 and A4's pass of 30-09 (K3) do not count.
    assert aantallen(c, s, t, "KNM-examen gehaald (personen)") == (2, 1, 3)
    # Language exams passed, exams: A1 lezen and luisteren (25-10), A5 lezen
    # (30-12), G3 schrijven (30-11). Not A4 spreken (failed), G3 lezen (K3).
    assert aantallen(c, s, t, "Taalexamens gehaald (examens)") == (3, 1, 4)
    assert aantallen(c, s, t, "Eindgesprekken Z-route") == (1, 0, 1)  # A1 01-12
    assert aantallen(c, s, t, "Inburgeringsplicht voldaan") == (1, 0, 1)  # A1


def test_termijnen_en_verlengingen(zevenaar_k4):
    c, s, t = zevenaar_k4, "termijnen", "Stand op de peildatum"
    # Termijn ends after 31-12-2022 and by 30-06-2023 (6 months), plicht not voldaan
    # by the peildatum: A3 (30-06-2023, the last day), A4 (15-01-2023). A1's ends
    # 01-02-2023 but A1 is voldaan. A3 is voldaan only in 2025: still counted.
    assert aantallen(c, s, t, "Termijn eindigt binnen 6 maanden") == (2, 0, 2)
    # ... by 31-12-2023 (12 months): also A5 (01-07-2023) and G2 (31-12-2023, the
    # last day); not A6 (01-01-2024).
    assert aantallen(c, s, t, "Termijn eindigt binnen 12 maanden") == (3, 1, 4)
    # Ended before the peildatum, not voldaan: G3 (30-12-2022).
    assert aantallen(c, s, t, "Termijn verstreken, plicht niet voldaan") == (0, 1, 1)
    # DUO decisions in K4: A4 01-11, G2 01-12 (G2's second one is of 10-01-2023).
    assert aantallen(c, s, t, "Verlengingen (kwartaal)") == (1, 1, 2)
    # On track among the judged, not ended: G2 op koers, G3 niet op koers: 1/2.
    # (The asiel and totaal cells: see test_bug_op_koers_telt_niet_beoordeelden.)
    assert cel(c, s, t, "Op koers (van wie een oordeel heeft)", GEZIN) == pct(
        50.0, 1, 2
    )


def test_ontzorgen_en_handhaving(zevenaar_k4):
    c, s = zevenaar_k4, "ontzorgen_handhaving"
    t = "Financieel ontzorgen"
    # Running on 31-12 (start <= 31-12 <= end): A3 (to 31-01-2023), A4 (to
    # 14-04-2023), A6 (to 31-12-2022, its last day), G2 (to 31-05-2023).
    assert aantallen(c, s, t, "Actief op de peildatum") == (3, 1, 4)
    # Started in K4: A4 15-10, A6 01-11, G2 01-12.
    assert aantallen(c, s, t, "Gestart (kwartaal)") == (2, 1, 3)
    # Ended in K4: A5 31-10, A6 31-12.
    assert aantallen(c, s, t, "Geëindigd (kwartaal)") == (2, 0, 2)

    t = "Handhaving en bezwaar (kwartaal)"
    # Waarschuwing in K4: A3 10-10, G2 02-11 (A4's of 01-09 is K3).
    assert aantallen(c, s, t, "Waarschuwingen") == (1, 1, 2)
    # Fines decided in K4: A4 € 350 (15-11), G2 € 250,50 (20-12); A5's € 500 of
    # 30-09 is K3. Totaal 350 + 250,50 = 600,50.
    assert aantallen(c, s, t, "Boetes opgelegd") == (1, 1, 2)
    assert bedragen(c, s, t, "Boetes: totaalbedrag") == ("350.00", "250.50", "600.50")
    assert aantallen(c, s, t, "Afgezien van een boete") == (0, 1, 1)  # G3 20-10
    assert aantallen(c, s, t, "Bezwaren tegen een boete") == (1, 0, 1)  # A4 01-12
    # Bezwaar against a PIP beschikking: A4 01-11 (G3's of 10-09 is K3).
    assert aantallen(c, s, t, "Bezwaren tegen een PIP-beschikking") == (1, 0, 1)


def test_beleidsdoelen_2022_tot_nu_toe(zevenaar_k4):
    c, s, t = zevenaar_k4, "doelen", "Doel 1–3 per cohort"
    # Cohort 2022: asiel A1–A10. Latest vastgesteld PIP B1 or Z: A1 (Z), A2 (B1),
    # A3 (v2 Z), A4 (v2 afschalen, still B1), A6 (B1) = 5; A5 has onderwijs, A7 only
    # a concept, A8–A10 none. The windows end at the peildatum for all of them.
    assert cel(c, s, t, "2022", "Aantal in cohort") == {"n": 10}
    # Doel 1: duurzaam werk by 31-12-2022 among the 5: A1 (01-11-2022) = 1/5 = 20 %.
    assert cel(c, s, t, "2022", "Doel 1") == pct(20.0, 1, 5)
    # Doel 2: meedoen by 31-12-2022: A1 (01-06), A2 (01-08), A5 (31-12, the last
    # day) = 3/10 = 30 %. A3 only from 01-02-2023.
    assert cel(c, s, t, "2022", "Doel 2") == pct(30.0, 3, 10)
    # Doel 3: voldaan by 31-12-2022: A1 = 1/10.
    assert cel(c, s, t, "2022", "Doel 3") == pct(10.0, 1, 10)
    assert cel(c, s, t, "2022", "Stand") == {"tekst": "tot nu toe"}
    # Op koers: A3 and A5 (the denominator: test_bug_op_koers_telt_niet_beoordeelden).
    assert cel(c, s, t, "2022", "Op koers")["teller"] == 2
    kolommen = _tabel(c, s, t)["kolommen"]
    assert kolommen[1] == "Doel 1: duurzaam werk binnen 3 jaar (B1/Z, streven 40%)"
    # The charts carry the same shares and the targets.
    grafiek = zevenaar_k4["grafieken"]["doelen"]
    assert [g["streef"] for g in grafiek] == [40.0, 80.0, 80.0]
    assert grafiek[0]["staven"] == [{"label": "2022", **pct(20.0, 1, 5)}]
    assert grafiek[1]["staven"] == [{"label": "2022", **pct(30.0, 3, 10)}]


def test_beleidsdoelen_na_drie_jaar(scenario):
    """2025 K4: the 2022 cohort has had its 3 years; cohort 2023 (X4) its 2. "Within
    N years" ends on the last day of the period of N years from the start of the
    plicht (the month-end rule, DOMAIN §13.1): the anniversary itself is outside."""
    c = bereken(jaar=2025, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    s, t = "doelen", "Doel 1–3 per cohort"
    # Doel 1 among A1 A2 A3 A4 A6 (B1/Z): A1 01-11-2022 yes; A2 14-02-2025 is the
    # third anniversary of 14-02-2022: no; A3 none; A4 01-05-2025 is the last day of
    # the 3 years from 02-05-2022: yes; A6 01-06-2023 <= 02-10-2025: yes. A5
    # (01-01-2023) has the onderwijsroute: not counted. 3/5 = 60 %.
    assert cel(c, s, t, "2022", "Doel 1") == pct(60.0, 3, 5)
    # Doel 2 (2 years): A1, A2, A3 (01-02-2023 <= 03-04-2024), A5 (31-12-2022); A4
    # 02-05-2024 is the second anniversary of 02-05-2022: no. 4/10 = 40 %.
    assert cel(c, s, t, "2022", "Doel 2") == pct(40.0, 4, 10)
    # Doel 3 (3 years): A1 (12-12-2022), A3 (03-04-2025, the last day of its 3
    # years); A5 01-08-2025 is the third anniversary of 01-08-2022: no. 2/10 = 20 %.
    assert cel(c, s, t, "2022", "Doel 3") == pct(20.0, 2, 10)
    assert cel(c, s, t, "2022", "Stand") == {"tekst": "definitief"}
    # Cohort 2023: X4 alone; no B1/Z PIP (no denominator), nothing reached.
    assert cel(c, s, t, "2023", "Aantal in cohort") == {"n": 1}
    assert cel(c, s, t, "2023", "Doel 1") == pct(None, 0, 0)
    assert cel(c, s, t, "2023", "Doel 2") == pct(0.0, 0, 1)
    assert cel(c, s, t, "2023", "Stand") == {"tekst": "Doel 2 definitief"}
    # No ketenoverleg in 2025.
    assert rij(c, s, "Doel 4", "Totaal") == {
        "Onderwerp": {"tekst": "0 van 2"},
        "Aanwezige ketenpartners": {"tekst": "nog niet gehaald"},
    }


def test_doel4_ketenoverleg(scenario, zevenaar_k4):
    t = "Doel 4: ketenoverleg in 2022 (streven: minstens 2 per jaar)"
    tabel = _tabel(zevenaar_k4, "doelen", t)
    assert tabel["titel"] == t
    # Zevenaar took part on 10-03-2022 and 17-11-2022; the Duiven meeting of
    # 01-06-2022 and those of 2021 and 2023 are not counted.
    assert [r["label"] for r in tabel["rijen"]] == [
        "10-03-2022",
        "17-11-2022",
        "Totaal",
    ]
    eerste = rij(zevenaar_k4, "doelen", t, "10-03-2022")
    assert eerste["Onderwerp"] == {"tekst": "Start inburgering 2022"}
    partners = eerste["Aanwezige ketenpartners"]["tekst"].split(", ")
    assert sorted(partners) == ["RSD Kwartaal", "Taalschool Kwartaal"]
    assert rij(zevenaar_k4, "doelen", t, "Totaal") == {
        "Onderwerp": {"tekst": "2 van 2"},
        "Aanwezige ketenpartners": {"tekst": "gehaald"},
    }
    # By the end of K2 only the March meeting had been held.
    k2 = bereken(jaar=2022, kwartaal=2, gemeente=scenario.gedeeld.zevenaar)
    assert rij(k2, "doelen", "Doel 4", "Totaal") == {
        "Onderwerp": {"tekst": "1 van 2"},
        "Aanwezige ketenpartners": {"tekst": "nog niet gehaald"},
    }


def test_geld(zevenaar_k4):
    c, s = zevenaar_k4, "geld"
    t = "Inburgeringsvoorzieningen 2022 tot en met de peildatum"
    # Plicht started in 2022: 10 asiel (A1–A10), 3 gezin (G1–G3); X4 starts 2023.
    assert aantallen(c, s, t, "Inburgeringsplichtigen voor de SPUK") == (10, 3, 13)
    # 10 × 12.713 = 127.130; 3 × 590 = 1.770; together 128.900.
    assert bedragen(c, s, t, "SPUK-inkomsten") == ("127130.00", "1770.00", "128900.00")
    # Contract price of the bought trajecten started in 2022: A1 Z 12.000 (15-03),
    # A2 B1 10.000 (01-05), A3 B1 10.000 (15-06) and Z 12.000 (16-11), A4 B1 10.000
    # (10-10), A5 onderwijs 15.000 (17-10) = 69.000. A6 starts in 2023; G2 and G3
    # chose their own course (not bought).
    assert bedragen(c, s, t, "Gecommitteerd (contractprijs gestarte trajecten)") == (
        "69000.00",
        "0.00",
        "69000.00",
    )
    # Hours attended in 2022 × the contract's price / hours of the onderdeel:
    # A1 NT2 40 × 10 = 400, participatie 20 × 2,50 = 50 (KNM: not in the Z contract);
    # A3 NT2 30 × 10 = 300, PVT 12 × 25 = 300, Z NT2 16 × 10 = 160; A4 MAP 8 × 22,50
    # = 180, KNM 10 × 10 = 100 (NT2 of January 2023 not); A5 taalschakel 25,5 × 12
    # = 306 (NT2: 0 hours in the contract). G2 not bought. Sum 1.796.
    assert bedragen(c, s, t, "Besteed (aanwezige uren × uurprijs)") == (
        "1796.00",
        "0.00",
        "1796.00",
    )

    t = "Uitvoeringskosten 2022"
    # Budget 2022 (seed) 127.101; realised K1–K4 30.000 + 31.000 + 29.500,50 +
    # 32.000 = 122.500,50 (2023 K1 not); 122.500,50 / 127.101 = 96,38 % → 96,4 %.
    assert cel(c, s, t, "Budget (jaar)", "Bedrag") == {"euro": "127101.00"}
    assert cel(c, s, t, "Besteed tot en met dit kwartaal", "Bedrag") == {
        "euro": "122500.50"
    }
    assert cel(c, s, t, "Besteed van het budget", "Bedrag") == {"tekst": "96,4%"}
    assert cel(c, s, t, "Invoeringskosten (eenmalig, dit jaar)", "Bedrag") == {
        "tekst": "niet ingesteld"
    }

    # Per quarter [SPUK, gecommitteerd, besteed]:
    # K1 SPUK A1 A2 = 25.426; committed A1 12.000; spent 0.
    # K2 SPUK A3 A4 + G2 G3 = 25.426 + 1.180 = 26.606; committed A2 + A3 B1 =
    #    20.000; spent A1 April 400 + May 50 = 450.
    # K3 SPUK A5 12.713; committed 0; spent A3 July 300.
    # K4 SPUK A6–A10 63.565 + G1 590 = 64.155; committed A3 Z + A4 + A5 = 37.000;
    #    spent 300 + 160 + 180 + 100 + 306 = 1.046.
    assert c["grafieken"]["geld"] == {
        "reeksen": ["SPUK-inkomsten", "Gecommitteerd", "Besteed"],
        "groepen": [
            {"label": "K1", "reeksen": [25426.0, 12000.0, 0.0]},
            {"label": "K2", "reeksen": [26606.0, 20000.0, 450.0]},
            {"label": "K3", "reeksen": [12713.0, 0.0, 300.0]},
            {"label": "K4", "reeksen": [64155.0, 37000.0, 1046.0]},
        ],
    }


def test_taakstelling(scenario, zevenaar_k4):
    zevenaar = scenario.gedeeld.zevenaar
    s, t = "taakstelling", "Taakstelling tegen gehuisveste statushouders"
    # 2021 (seed): 34 per half year; 65 % of 34 = 22,1 → 22 expected. Housed
    # asielstatushouders of Zevenaar: first half A1 01-03, A2 10-05, A3 30-06 (the
    # last day) = 3; second half A4 01-07 = 1 (D1 lives in Duiven).
    c = bereken(jaar=2021, kwartaal=4, gemeente=zevenaar)
    tabel = _tabel(c, s, t)
    assert tabel["kolommen"] == [
        "Taakstelling (personen)",
        "Waarvan inburgeringsplichtig verwacht (65%)",
        "Gehuisvest en inburgeringsplichtig",
    ]
    assert rij(c, s, t, "1e halfjaar 2021") == {
        "Taakstelling (personen)": {"tekst": "34"},
        "Waarvan inburgeringsplichtig verwacht (65%)": {"tekst": "22"},
        "Gehuisvest en inburgeringsplichtig": {"n": 3},
    }
    assert cel(c, s, t, "2e halfjaar 2021", "Gehuisvest") == {"n": 1}
    assert cel(c, s, t, "2e halfjaar 2021", "Waarvan") == {"tekst": "22"}
    # In K2 only the first half year is shown.
    k2 = bereken(jaar=2021, kwartaal=2, gemeente=zevenaar)
    assert [r["label"] for r in _tabel(k2, s, t)["rijen"]] == ["1e halfjaar 2021"]

    # 2022: no taakstelling set. Housed: first half A5 15-06 = 1; second half A6
    # 01-09, A7 20-09, A8 01-10, A10 15-11, X4 20-12 (its plicht starts 2023) = 5.
    # Not G1 (gezin), X1 (ontkoppeld), X2 (Wi2013), X3 (no plicht start).
    assert rij(zevenaar_k4, s, t, "1e halfjaar 2022") == {
        "Taakstelling (personen)": {"tekst": "niet ingesteld"},
        "Waarvan inburgeringsplichtig verwacht (65%)": {"tekst": "—"},
        "Gehuisvest en inburgeringsplichtig": {"n": 1},
    }
    assert cel(zevenaar_k4, s, t, "2e halfjaar 2022", "Gehuisvest") == {"n": 5}


def test_trechter(zevenaar_k4):
    # Started by the peildatum: A1–A10, G1–G3 = 13; a brede intake by then: all but
    # A9, A10 = 11; first PIP by then: A1–A6, G2, G3 = 8; a traject by then: A1–A5,
    # G2, G3 = 7 (A6 from 2023); voldaan by then: A1.
    assert [(s["label"], s["n"]) for s in zevenaar_k4["grafieken"]["trechter"]] == [
        ("Inburgeringsplichtig", 13),
        ("Brede intake gestart", 11),
        ("PIP vastgesteld", 8),
        ("In een leerroute", 7),
        ("Plicht voldaan", 1),
    ]


# --- 2. A gemeente counts its own dossiers, the region all ----------------------


def test_gemeente_en_regio(scenario, zevenaar_k4):
    g = scenario.gedeeld
    regio = bereken(jaar=2022, kwartaal=4)
    duiven = bereken(jaar=2022, kwartaal=4, gemeente=g.duiven)
    westervoort = bereken(jaar=2022, kwartaal=4, gemeente=g.westervoort)
    assert regio["gebied"] == "Regio De Liemers" and regio["gemeente"] is None

    kw = (
        "instroom",
        "Instroom en uitstroom",
        "Nieuwe inburgeringsplichtigen (kwartaal)",
    )
    jaar = (
        "instroom",
        "Instroom en uitstroom",
        "Nieuwe inburgeringsplichtigen (jaar tot nu)",
    )
    # Duiven: D1 (asiel, 01-11-2022) and D2 (gezin, 01-03-2022); Westervoort: W1
    # (asiel, 01-12-2022); the region: those and Zevenaar's (5, 1, 6) / (10, 3, 13).
    assert aantallen(duiven, *kw) == (1, 0, 1)
    assert aantallen(duiven, *jaar) == (1, 1, 2)
    assert aantallen(westervoort, *kw) == (1, 0, 1)
    assert aantallen(regio, *kw) == (7, 1, 8)
    assert aantallen(regio, *jaar) == (12, 4, 16)
    voorraad = (
        "instroom",
        "Instroom en uitstroom",
        "Voorraad: begonnen, nog niet afgerond (huidige status)",
    )
    assert aantallen(regio, *voorraad) == (10, 4, 14)
    # Brede intakes gestart in K4: Zevenaar (3, 1, 4) and D2 (15-10).
    intakes = ("intake_pip", "In het kwartaal", "Brede intakes gestart")
    assert aantallen(duiven, *intakes) == (0, 1, 1)
    assert aantallen(regio, *intakes) == (3, 2, 5)

    spuk = ("geld", "Inburgeringsvoorzieningen 2022", "SPUK-inkomsten")
    # Duiven 12.713 + 590 = 13.303; region 12 × 12.713 = 152.556 and 4 × 590 =
    # 2.360, together 154.916.
    assert bedragen(duiven, *spuk) == ("12713.00", "590.00", "13303.00")
    assert bedragen(regio, *spuk) == ("152556.00", "2360.00", "154916.00")

    kosten = ("geld", "Uitvoeringskosten 2022")
    # Duiven: no budget set, 5.000 realised in K4. Region: the budgets that exist
    # (Zevenaar's 127.101) and 122.500,50 + 5.000 = 127.500,50 realised; 127.500,50
    # / 127.101 = 100,31 % → 100,3 %.
    assert cel(duiven, *kosten, "Budget (jaar)", "Bedrag") == {
        "tekst": "niet ingesteld"
    }
    assert cel(duiven, *kosten, "Besteed tot en met dit kwartaal", "Bedrag") == {
        "euro": "5000.00"
    }
    assert cel(duiven, *kosten, "Besteed van het budget", "Bedrag") == {"tekst": "—"}
    assert cel(regio, *kosten, "Budget (jaar)", "Bedrag") == {"euro": "127101.00"}
    assert cel(regio, *kosten, "Besteed tot en met dit kwartaal", "Bedrag") == {
        "euro": "127500.50"
    }
    assert cel(regio, *kosten, "Besteed van het budget", "Bedrag") == {
        "tekst": "100,3%"
    }

    # Doel 4: Duiven was at 10-03 and 01-06; the region had 3 meetings in 2022.
    assert cel(duiven, "doelen", "Doel 4", "Totaal", "Onderwerp") == {
        "tekst": "2 van 2"
    }
    assert cel(regio, "doelen", "Doel 4", "Totaal", "Onderwerp") == {"tekst": "3 van 2"}
    # Cohort 2022 of the region: A1–A10, D1, W1.
    assert cel(regio, "doelen", "Doel 1–3", "2022", "Aantal in cohort") == {"n": 12}

    # Taakstelling: W1 housed 01-11-2022 in the second half year (Zevenaar's 5).
    huis = ("taakstelling", "Taakstelling", "2e halfjaar 2022", "Gehuisvest")
    assert cel(westervoort, *huis) == {"n": 1}
    assert cel(regio, *huis) == {"n": 6}

    # Every count of persons of the gemeenten adds up to the region's.
    for sectie in ("instroom", "intake_pip", "leerroutes", "termijnen"):
        for t in _sectie(regio, sectie)["tabellen"]:
            for r in t["rijen"]:
                for i, regio_cel in enumerate(r["cellen"]):
                    if "n" not in regio_cel:
                        continue
                    som = sum(
                        rij(gem, sectie, t["titel"], r["label"].strip())[
                            t["kolommen"][i]
                        ]["n"]
                        for gem in (zevenaar_k4, duiven, westervoort)
                    )
                    assert som == regio_cel["n"], (sectie, t["titel"], r["label"])


# --- 3. Small numbers --------------------------------------------------------------

KW = ("instroom", "Instroom en uitstroom", "Nieuwe inburgeringsplichtigen (kwartaal)")
JAAR = (
    "instroom",
    "Instroom en uitstroom",
    "Nieuwe inburgeringsplichtigen (jaar tot nu)",
)
UIT = ("instroom", "Instroom en uitstroom", "Uitstroom: plicht voldaan (kwartaal)")
VOORRAAD = (
    "instroom",
    "Instroom en uitstroom",
    "Voorraad: begonnen, nog niet afgerond (huidige status)",
)
TIJDIG = ("intake_pip", "In het kwartaal", "waarvan binnen de termijn van 10 weken")
MEDIAAN = (
    "intake_pip",
    "In het kwartaal",
    "mediaan aantal dagen van kennisgeving tot PIP",
)
SPUK = ("geld", "Inburgeringsvoorzieningen 2022", "SPUK-inkomsten")


def test_kleine_aantallen_in_de_tabellen(zevenaar_k4):
    c = zevenaar_k4
    # (5, 1, 6): 5 is shown, 1 is not.
    assert getoond(c, *KW) == ("5", "<5", "6")
    # (10, 3, 13): 3 gezinsmigranten are "<5".
    assert getoond(c, *JAAR) == ("10", "<5", "13")
    # (1, 0, 1): zero is shown.
    assert getoond(c, *UIT) == ("<5", "0", "<5")
    assert getoond(c, *VOORRAAD) == ("8", "<5", "11")
    # Percentages and medians on 3, 1 and 4 persons.
    assert getoond(c, *TIJDIG) == ("<5", "<5", "<5")
    assert getoond(c, *MEDIAAN) == ("<5", "<5", "<5")
    # Doel 2 of cohort 2022 is 3 of 10: the base is large enough, the 3 is not.
    doel = ("doelen", "Doel 1–3", "2022")
    assert getoond_cel(c, *doel, "Aantal in cohort") == "10"
    assert getoond_cel(c, *doel, "Doel 2") == "<5"
    # Doel 1 is 1 of 5: the base is exactly the limit, the 1 is not.
    assert getoond_cel(c, *doel, "Doel 1") == "<5"
    # Doel 3 is 1 of 10.
    assert getoond_cel(c, *doel, "Doel 3") == "<5"
    # Money is never suppressed; € 1.770 rests on 3 persons.
    assert getoond(c, *SPUK) == ("€ 127.130,00", "€ 1.770,00", "€ 128.900,00")
    # Nothing in the stored figures is suppressed.
    assert aantallen(c, *JAAR) == (10, 3, 13)


def test_toon_percentages_en_mediaan():
    assert weergave.toon({"pct": 50.0, "teller": 5, "noemer": 10}) == "50%"
    assert weergave.toon({"pct": 55.6, "teller": 5, "noemer": 9}) == "55,6%"
    assert weergave.toon({"pct": 0.0, "teller": 0, "noemer": 7}) == "0%"
    # Base below 5, or a numerator from 1 to 4: suppressed.
    assert weergave.toon({"pct": 100.0, "teller": 4, "noemer": 4}) == "<5"
    assert weergave.toon({"pct": 40.0, "teller": 4, "noemer": 10}) == "<5"
    assert weergave.toon({"pct": None, "teller": 0, "noemer": 0}) == "—"
    assert weergave.toon({"dagen": 12.5, "noemer": 5}) == "12,5"
    assert weergave.toon({"dagen": 12.5, "noemer": 4}) == "<5"
    assert weergave.toon({"n": 1234}) == "1.234"


def test_kleine_aantallen_in_de_csv(zevenaar_k4):
    regels = list(weergave.csv_rijen(zevenaar_k4))
    sectie, tabel = "Instroom, voorraad en uitstroom", "Instroom en uitstroom"
    assert (sectie, tabel, JAAR[2], GEZIN, "<5") in regels
    assert (sectie, tabel, JAAR[2], ASIEL, "10") in regels
    assert (sectie, tabel, KW[2], ASIEL, "5") in regels
    assert (sectie, tabel, UIT[2], GEZIN, "0") in regels
    pip_sectie, pip_tabel = "Brede intake en PIP", "In het kwartaal"
    assert (pip_sectie, pip_tabel, TIJDIG[2], TOTAAL, "<5") in regels
    # Labels are given without their indentation.
    assert all(not r[2].startswith(" ") for r in regels)
    # No raw number of 1–4 persons anywhere in the counts.
    assert (sectie, tabel, JAAR[2], GEZIN, "3") not in regels


def test_kleine_aantallen_volgen_de_instelling(zevenaar_k4):
    with override_settings(KLEINE_AANTALLEN_GRENS=10):
        assert weergave.verborgen() == "<10"
        # (10, 3, 13): 10 is at the limit and shown.
        assert getoond(zevenaar_k4, *JAAR) == ("10", "<10", "13")
        # (5, 1, 6) all below 10 now; (8, 3, 11).
        assert getoond(zevenaar_k4, *KW) == ("<10", "<10", "<10")
        assert getoond(zevenaar_k4, *VOORRAAD) == ("<10", "<10", "11")
        assert getoond(zevenaar_k4, *UIT) == ("<10", "0", "<10")
        # Cohort 2022 has 10 persons: its count is shown, Doel 2 (3 of 10) not.
        doel = ("doelen", "Doel 1–3", "2022")
        assert getoond_cel(zevenaar_k4, *doel, "Aantal in cohort") == "10"
        assert getoond_cel(zevenaar_k4, *doel, "Doel 2") == "<10"
        regels = list(weergave.csv_rijen(zevenaar_k4))
        assert (
            "Instroom, voorraad en uitstroom",
            "Instroom en uitstroom",
            KW[2],
            ASIEL,
            "<10",
        ) in regels
    with override_settings(KLEINE_AANTALLEN_GRENS=2):
        # Only 1 is small now: 3 gezinsmigranten are shown.
        assert getoond(zevenaar_k4, *JAAR) == ("10", "3", "13")
        assert getoond(zevenaar_k4, *KW) == ("5", "<2", "6")


# --- 4. The PDF -----------------------------------------------------------------------


@pytest.mark.pdf
def test_pdf_tekst(scenario, zevenaar_k4):
    data = rapport_pdf(zevenaar_k4)
    assert data.startswith(b"%PDF")
    tekst = pdf_tekst(data)
    assert "Kwartaalrapportage inburgering 2022, kwartaal 4" in tekst
    assert "Zevenaar" in tekst and "peildatum 31 december 2022" in tekst
    for titel in (
        "Instroom, voorraad en uitstroom",
        "Brede intake en PIP",
        "Leerroutes en examens",
        "Beleidsdoelen",
        "Op koers en termijnen",
        "Ontzorgen en handhaving",
        "Geld",
        "Taakstelling huisvesting",
        "Gebruikte parameters",
    ):
        assert titel in tekst, titel
    # Table rows come out in order: label, asiel, gezin, totaal.
    assert "Nieuwe inburgeringsplichtigen (kwartaal) 5 <5 6" in tekst
    assert "Nieuwe inburgeringsplichtigen (jaar tot nu) 10 <5 13" in tekst
    assert "Uitstroom: plicht voldaan (kwartaal) <5 0 <5" in tekst
    # zevenaar_inburgering.nl.euro: "€ 128.900,00".
    assert "€ 128.900,00" in tekst
    assert "streven 40%" in tekst
    # No person: no BSN, no name of anyone in the scenario.
    for persoon in scenario.alle_personen:
        assert persoon.bsn not in tekst
        assert persoon.achternaam not in tekst
        assert not re.search(rf"\b{persoon.voornamen}\b", tekst), persoon.voornamen


@pytest.mark.pdf
def test_pdf_volgt_de_instelling(zevenaar_k4):
    with override_settings(KLEINE_AANTALLEN_GRENS=10):
        tekst = pdf_tekst(rapport_pdf(zevenaar_k4))
    assert "Nieuwe inburgeringsplichtigen (jaar tot nu) 10 <10 13" in tekst
    assert "Nieuwe inburgeringsplichtigen (kwartaal) <10 <10 <10" in tekst
    assert "<5" not in tekst


# --- 5. The beleidsmedewerker's pages -----------------------------------------------


def test_dashboard_met_grafieken(client_for, beleidsmedewerker, scenario):
    rapport_klaar(bereken(jaar=2022, kwartaal=4))
    response = client_for(beleidsmedewerker).get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert "streven 40%" in html  # the target line of Doel 1
    assert "Regio De Liemers" in html and "2022, kwartaal 4" in html
    assert "€ 154.916,00" in html  # the region's SPUK income
    for persoon in scenario.alle_personen:
        assert persoon.bsn not in html and persoon.achternaam not in html


@pytest.mark.pdf
def test_aanvragen_maken_en_downloaden(
    client_for,
    beleidsmedewerker,
    zevenaar,
    scenario,
    django_capture_on_commit_callbacks,
):
    client = client_for(beleidsmedewerker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            AANVRAGEN, {"jaar": "2022", "kwartaal": "4", "gebied": str(zevenaar.pk)}
        )
    assert response.status_code == 302 and response.url == LIJST
    rapport = Kwartaalrapport.objects.get()
    assert (rapport.jaar, rapport.kwartaal, rapport.gemeente) == (2022, 4, zevenaar)
    assert rapport.status == KwartaalrapportStatus.WACHTRIJ
    assert rapport.aangevraagd_door == beleidsmedewerker
    assert len(callbacks) == 1  # the Celery task is published after the commit

    status_url = reverse("monitoring:kwartaalrapport_status", args=[rapport.pk])
    response = client.get(status_url)
    assert response.status_code == 200 and "In de wachtrij" in response.content.decode()

    rapport = rapport_maken(rapport.pk)
    assert rapport.status == KwartaalrapportStatus.KLAAR
    assert rapport.cijfers["gebied"] == "Zevenaar"
    assert cel(
        rapport.cijfers, "geld", "Inburgeringsvoorzieningen", "SPUK-inkomsten", TOTAAL
    ) == {"euro": "128900.00"}
    assert rapport_maken(rapport.pk) is None  # made once

    response = client.get(status_url)
    assert "Klaar" in response.content.decode()

    response = client.get(reverse("monitoring:kwartaalrapport_pdf", args=[rapport.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "kwartaalrapport-2022-k4-zevenaar.pdf" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)  # consuming it closes the file
    assert data.startswith(b"%PDF")
    assert "Kwartaalrapportage inburgering 2022, kwartaal 4" in pdf_tekst(data)

    response = client.get(reverse("monitoring:kwartaalrapport_csv", args=[rapport.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "kwartaalrapport-2022-k4-zevenaar.csv" in response["Content-Disposition"]
    regels = csv_regels(response)
    assert regels[0] == ["Onderdeel", "Tabel", "Regel", "Kolom", "Waarde"]
    sectie, tabel = "Instroom, voorraad en uitstroom", "Instroom en uitstroom"
    assert [sectie, tabel, JAAR[2], GEZIN, "<5"] in regels
    assert [sectie, tabel, JAAR[2], ASIEL, "10"] in regels
    assert [
        "Geld",
        "Inburgeringsvoorzieningen 2022 tot en met de peildatum",
        "SPUK-inkomsten",
        TOTAAL,
        "€ 128.900,00",
    ] in regels
    tekst = response.content.decode()
    for persoon in scenario.alle_personen:
        assert persoon.bsn not in tekst and persoon.achternaam not in tekst


@pytest.mark.parametrize(
    ("data", "vandaag", "melding"),
    [
        pytest.param(
            {"jaar": "2026", "kwartaal": "3", "gebied": "regio"},
            "2026-05-15 10:00",
            "Dit kwartaal is nog niet begonnen.",
            id="toekomstig-kwartaal",
        ),
        pytest.param(
            {"jaar": "2022", "kwartaal": "4", "gebied": "DUIVEN"},
            None,
            "Selecteer een geldige keuze.",
            id="andere-gemeente",
        ),
        pytest.param(
            {"jaar": "twintig", "kwartaal": "9", "gebied": "'; drop table"},
            None,
            "Selecteer een geldige keuze.",
            id="onzin",
        ),
        pytest.param({}, None, "Dit veld is verplicht.", id="leeg"),
    ],
)
def test_aanvragen_fout(
    client_for,
    beleidsmedewerker,
    duiven,
    django_capture_on_commit_callbacks,
    data,
    vandaag,
    melding,
):
    if data.get("gebied") == "DUIVEN":
        data = {**data, "gebied": str(duiven.pk)}
    client = client_for(beleidsmedewerker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if vandaag:
            with freeze_time(vandaag):
                response = client.post(AANVRAGEN, data)
        else:
            response = client.post(AANVRAGEN, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r"<title>\s*Fout: ", html)
    assert melding in html
    assert not Kwartaalrapport.objects.exists()
    assert callbacks == []


@pytest.mark.parametrize("persona", ["casusregisseur", "klantmanager"])
def test_andere_rollen_krijgen_403(request, client_for, persona, scenario):
    rapport = rapport_klaar(bereken(jaar=2022, kwartaal=4))
    client = client_for(request.getfixturevalue(persona))
    for url in (
        DASHBOARD,
        LIJST,
        reverse("monitoring:kwartaalrapport_status", args=[rapport.pk]),
        reverse("monitoring:kwartaalrapport_pdf", args=[rapport.pk]),
        reverse("monitoring:kwartaalrapport_csv", args=[rapport.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        AANVRAGEN, {"jaar": "2022", "kwartaal": "4", "gebied": "regio"}
    )
    assert response.status_code == 403
    assert Kwartaalrapport.objects.count() == 1


def test_beleidsmedewerker_van_duiven_ziet_zevenaar_niet(client_for, duiven, scenario):
    zevenaar = scenario.gedeeld.zevenaar
    eigen = UserFactory(
        username="beleid.duiven", role=Role.BELEIDSMEDEWERKER, gemeenten=[duiven]
    )
    van_zevenaar = rapport_klaar(
        bereken(jaar=2022, kwartaal=4, gemeente=zevenaar), gemeente=zevenaar
    )
    van_de_regio = rapport_klaar(bereken(jaar=2022, kwartaal=4))
    client = client_for(eigen)
    for naam in ("status", "pdf", "csv"):
        url = reverse(f"monitoring:kwartaalrapport_{naam}", args=[van_zevenaar.pk])
        assert client.get(url).status_code == 404, naam
    response = client.get(f"{DASHBOARD}?rapport={van_zevenaar.pk}")
    assert response.status_code == 404
    # The region's report is theirs too.
    url = reverse("monitoring:kwartaalrapport_csv", args=[van_de_regio.pk])
    assert client.get(url).status_code == 200
    lijst = client.get(LIJST).content.decode()
    assert str(van_de_regio.pk) in lijst and str(van_zevenaar.pk) not in lijst


@pytest.mark.pdf
def test_kwartaaltaak(scenario):
    gemaakt = kwartaalrapporten_maken(D(2023, 1, 2))
    assert len(gemaakt) == 4
    rapporten = Kwartaalrapport.objects.filter(pk__in=gemaakt)
    assert {(r.jaar, r.kwartaal) for r in rapporten} == {(2022, 4)}
    assert {r.gebied for r in rapporten} == {
        "Regio De Liemers",
        "Zevenaar",
        "Duiven",
        "Westervoort",
    }
    assert all(r.status == KwartaalrapportStatus.KLAAR and r.pdf for r in rapporten)
    assert all(r.aangevraagd_door is None for r in rapporten)
    regio = rapporten.get(gemeente__isnull=True)
    assert cel(regio.cijfers, *SPUK, TOTAAL) == {"euro": "154916.00"}
    assert regio.parameters["spuk_asiel"]["waarde"] == "12713.00"
    # A second run makes nothing.
    assert kwartaalrapporten_maken(D(2023, 1, 2)) == []
    assert Kwartaalrapport.objects.count() == 4


# --- 6. The number of queries does not depend on the data -------------------------


def test_aantal_queries_hangt_niet_af_van_de_data(scenario):
    zevenaar = scenario.gedeeld.zevenaar

    def queries(gemeente) -> int:
        with CaptureQueriesContext(connection) as context:
            bereken(jaar=2022, kwartaal=4, gemeente=gemeente)
        return len(context.captured_queries)

    bereken(jaar=2022, kwartaal=4, gemeente=zevenaar)  # warm up
    klein = {"regio": queries(None), "zevenaar": queries(zevenaar)}
    meer_kopieen(scenario, 2)  # three times every person and their rows
    groot = bereken(jaar=2022, kwartaal=4, gemeente=zevenaar)
    assert aantallen(groot, *JAAR) == (30, 9, 39)  # 3 × (10, 3, 13)
    assert {"regio": queries(None), "zevenaar": queries(zevenaar)} == klein


# --- Regressions ---------------------------------------------------------------------


def test_op_koers_telt_niet_beoordeelden(zevenaar_k4):
    t = ("termijnen", "Stand op de peildatum", "Op koers (van wie een oordeel heeft)")
    # Not ended, with a judgement: A3 op koers, A4 risico, A5 op koers (A6's
    # routestand has no koers yet); G2 op koers, G3 niet op koers.
    # Asiel 2/3 = 66,7 % (the code: 2/4 = 50 %, counting A6); totaal 3/5 = 60 %.
    assert cel(zevenaar_k4, *t, ASIEL) == pct(66.7, 2, 3)
    assert cel(zevenaar_k4, *t, TOTAAL) == pct(60.0, 3, 5)
    # Doel table, cohort 2022: judged A3, A4, A5 of whom 2 op koers: 66,7 % (the
    # code: 2/6 = 33,3 %, counting A1, A2 and A6 whose koers is empty).
    assert cel(zevenaar_k4, "doelen", "Doel 1–3", "2022", "Op koers") == pct(66.7, 2, 3)


def test_termijnen_tellen_afgesloten_dossiers(scenario):
    g = scenario.gedeeld
    b = _Bouwer(g, ronde=7)
    for code, status, einde in (
        ("A1", Status.ONTHEVEN, D(2022, 11, 30)),  # would be "verstreken"
        ("A2", Status.VRIJGESTELD, D(2023, 3, 1)),  # would be "binnen 6 maanden"
    ):
        b.persoon(
            code,
            Doelgroep.ASIELSTATUSHOUDER,
            D(2022, 1, 10),
            gem=g.zevenaar,
            status=status,
            pip_vastgesteld_op=D(2022, 3, 1),
        )
        b.pip(code, 1, Leerroute.B1, op(D(2022, 3, 1)))
        b.termijn(code, D(2022, 3, 2), einde)
    c = bereken(jaar=2022, kwartaal=4, gemeente=g.zevenaar)
    t = ("termijnen", "Stand op de peildatum")
    # Unchanged from test_termijnen_en_verlengingen: the two left the plicht.
    assert aantallen(c, *t, "Termijn verstreken, plicht niet voldaan") == (0, 1, 1)
    assert aantallen(c, *t, "Termijn eindigt binnen 6 maanden") == (2, 0, 2)


def test_termijn_die_op_de_peildatum_eindigt(scenario):
    g = scenario.gedeeld
    b = _Bouwer(g, ronde=7)
    b.persoon(
        "A1",
        Doelgroep.ASIELSTATUSHOUDER,
        D(2022, 1, 10),
        gem=g.zevenaar,
        status=Status.IN_TRAJECT,
        pip_vastgesteld_op=D(2022, 3, 1),
    )
    b.pip("A1", 1, Leerroute.B1, op(D(2022, 3, 1)))
    b.termijn("A1", D(2022, 3, 2), D(2022, 12, 31))
    c = bereken(jaar=2022, kwartaal=4, gemeente=g.zevenaar)
    t = ("termijnen", "Stand op de peildatum")
    # The scenario's (2, 0, 2) and (3, 1, 4), plus this person (asiel).
    assert aantallen(c, *t, "Termijn eindigt binnen 6 maanden") == (3, 0, 3)
    assert aantallen(c, *t, "Termijn eindigt binnen 12 maanden") == (4, 1, 5)


def test_doel1_route_na_de_peildatum(scenario):
    # A5 (onderwijsroute) switches to the B1-route on 01-03-2023, after the
    # peildatum of 2022 K4: on 31-12-2022 the B1/Z group was still A1 A2 A3 A4 A6.
    b = _Bouwer(scenario.gedeeld, ronde=0)
    b.p["A5"] = scenario.personen["A5"]
    b.pip("A5", 2, Leerroute.B1, op(D(2023, 3, 1)), reden=WijzigingReden.SCHAKELEN)
    c = bereken(jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    assert cel(c, "doelen", "Doel 1–3", "2022", "Doel 1") == pct(20.0, 1, 5)
