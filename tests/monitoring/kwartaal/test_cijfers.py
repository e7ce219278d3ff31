"""The kwartaalrapportage: every figure of a fixed scenario (scenario/) against numbers
worked out by hand in the comments, never by the code under test; section by section.

Unless a test says otherwise the report is Zevenaar 2022 K4: the quarter is 1
October – 31 December 2022, the peildatum 31 December 2022, the year to date 1
January – 31 December 2022. Three numbers per row are (asielstatushouders, gezins-
en overige migranten, totaal).
"""

import pytest

from monitoring.rapportage.cijfers import bereken
from tests.monitoring.kwartaal.cellen import (
    ASIEL,
    GECOMMITTEERD_LABEL,
    GEZIN,
    SPUK_LABEL,
    TOTAAL,
    aantallen,
    bedragen,
    cel,
    getoond_cel,
    pct,
    rij,
    vind_tabel,
)
from tests.monitoring.kwartaal.scenario import STAND

pytestmark = pytest.mark.django_db


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
        c, s, t, "Voorraad op de peildatum: begonnen, nog niet afgerond"
    ) == (8, 3, 11)


def test_stand_per_status(zevenaar_k4):
    def stand(label):
        return aantallen(zevenaar_k4, "instroom", "Stand per status", label)

    assert stand("Signaal ontvangen") == (1, 0, 1)  # A10 (not X4: starts 2023)
    assert stand("Intake gepland") == (1, 0, 1)  # A9
    assert stand("Intake loopt") == (1, 1, 2)  # A8, G1
    assert stand("PIP in concept") == (1, 0, 1)  # A7
    assert stand("PIP vastgesteld") == (1, 0, 1)  # A6
    # A3 and A5 are voldaan now, by events of 2025: on the peildatum in traject.
    assert stand("In traject") == (3, 2, 5)  # A3 A4 A5, G2 G3 (not X2: Wi2013)
    assert stand("Voldaan") == (1, 0, 1)  # A1
    assert stand("Verhuisd") == (1, 0, 1)  # A2
    for leeg in ("Vrijgesteld", "Ontheven", "Termijn overschreden", "Beëindigd"):
        assert stand(leeg) == (0, 0, 0)
    labels = [
        r["label"].strip()
        for r in vind_tabel(zevenaar_k4, "instroom", "Stand per status")["rijen"]
    ]
    assert "Ontkoppeld (DUO-correctie)" not in labels


def test_brede_intake_en_pip(zevenaar_k4):
    c, s, t = zevenaar_k4, "intake_pip", "In het kwartaal"
    # Gestart in K4: A6 10-10, A7 20-10, A8 01-11, G1 21-11 (not X1, ontkoppeld).
    assert aantallen(c, s, t, "Brede intake gestart (personen)") == (3, 1, 4)
    # Afgerond in K4: A5 05-10, A6 01-11, A7 20-11 (A8 and G1 still running).
    assert aantallen(c, s, t, "Brede intake afgerond (personen)") == (3, 0, 3)
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
    # (The asiel and totaal cells: see test_regressies.py.)
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
    # Cohort 2022: asiel A1–A10 less A2, who moved away on 30-09-2022 (its plicht
    # ended here: it leaves the bases from that date) = 9. Latest vastgesteld PIP B1
    # or Z: A1 (Z), A3 (v2 Z), A4 (v2 afschalen, still B1), A6 (B1) = 4; A5 has
    # onderwijs, A7 only a concept, A8–A10 none. The windows end at the peildatum.
    assert cel(c, s, t, "2022", "Aantal in cohort") == {"n": 9}
    # Doel 1: duurzaam werk by 31-12-2022 among the 4: A1 (01-11-2022) = 1/4 = 25 %.
    assert cel(c, s, t, "2022", "Doel 1") == pct(25.0, 1, 4)
    # Doel 2: meedoen by 31-12-2022: A1 (01-06), A5 (31-12, the last day) = 2/9 =
    # 22,2 %. A3 only from 01-02-2023.
    assert cel(c, s, t, "2022", "Doel 2") == pct(22.2, 2, 9)
    # Doel 3: voldaan by 31-12-2022 (the date of the voldaan event): A1 = 1/9; A3
    # and A5 are voldaan now, but only since 2025.
    assert cel(c, s, t, "2022", "Doel 3") == pct(11.1, 1, 9)
    assert cel(c, s, t, "2022", "Stand") == {"tekst": "tot nu toe"}
    # Op koers: A3 and A5 (the denominator: test_regressies.py).
    assert cel(c, s, t, "2022", "Op koers")["teller"] == 2
    kolommen = vind_tabel(c, s, t)["kolommen"]
    assert kolommen[1] == "Doel 1: duurzaam werk binnen 3 jaar (B1/Z, streven 40%)"
    # The charts carry the same shares and the targets.
    grafiek = zevenaar_k4["grafieken"]["doelen"]
    assert [g["streef"] for g in grafiek] == [40.0, 80.0, 80.0]
    assert grafiek[0]["staven"] == [{"label": "2022", **pct(25.0, 1, 4)}]
    assert grafiek[1]["staven"] == [{"label": "2022", **pct(22.2, 2, 9)}]


def test_beleidsdoelen_na_drie_jaar(scenario):
    """2025 K4: the 2022 cohort has had its 3 years; cohort 2023 (X4) its 2. "Within
    N years" ends on the last day of the period of N years from the start of the
    plicht (the month-end rule, DOMAIN §13.1): the anniversary itself is outside."""
    c = bereken(stand=STAND, jaar=2025, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    s, t = "doelen", "Doel 1–3 per cohort"
    # A2 moved away on 30-09-2022: not in the bases. Doel 1 among A1 A3 A4 A6
    # (B1/Z): A1 01-11-2022 yes; A3 none; A4 01-05-2025 is the last day of the 3
    # years from 02-05-2022: yes; A6 01-06-2023 <= 02-10-2025: yes. A5 (01-01-2023)
    # has the onderwijsroute: not counted. 3/4 = 75 %.
    assert cel(c, s, t, "2022", "Doel 1") == pct(75.0, 3, 4)
    # Doel 2 (2 years): A1, A3 (01-02-2023 <= 03-04-2024), A5 (31-12-2022); A4
    # 02-05-2024 is the second anniversary of 02-05-2022: no. 3/9 = 33,3 %.
    assert cel(c, s, t, "2022", "Doel 2") == pct(33.3, 3, 9)
    # Doel 3 (3 years, by the date of the voldaan event): A1 (12-12-2022), A3
    # (03-04-2025, the last day of its 3 years); A5 01-08-2025 is the third
    # anniversary of 01-08-2022: no. 2/9 = 22,2 %.
    assert cel(c, s, t, "2022", "Doel 3") == pct(22.2, 2, 9)
    assert cel(c, s, t, "2022", "Stand") == {"tekst": "definitief"}
    # Cohort 2023: X4 alone; no B1/Z PIP (no denominator), nothing reached.
    assert cel(c, s, t, "2023", "Aantal in cohort") == {"n": 1}
    assert cel(c, s, t, "2023", "Doel 1") == pct(None, 0, 0) | {
        "zonder_basis": "niemand in dit cohort heeft de B1- of Z-route"
    }
    assert (
        getoond_cel(c, s, t, "2023", "Doel 1")
        == "— (niemand in dit cohort heeft de B1- of Z-route)"
    )
    assert cel(c, s, t, "2023", "Doel 2") == pct(0.0, 0, 1)
    assert cel(c, s, t, "2023", "Stand") == {"tekst": "Doel 2 definitief"}
    # No ketenoverleg in 2025.
    assert rij(c, s, "Doel 4", "Totaal") == {
        "Onderwerp": {"tekst": "0 overleggen gehouden"},
        "Aanwezige ketenpartners": {"tekst": "streven (minstens 2) nog niet gehaald"},
    }


def test_doel4_ketenoverleg(scenario, zevenaar_k4):
    t = "Doel 4: ketenoverleg in 2022 (streven: minstens 2 per jaar)"
    tabel = vind_tabel(zevenaar_k4, "doelen", t)
    assert tabel["titel"] == t
    # Zevenaar took part on 10-03-2022 and 17-11-2022; the Duiven meeting of
    # 01-06-2022 and those of 2021 and 2023 are not counted.
    assert [r["label"] for r in tabel["rijen"]] == [
        "10 maart 2022",
        "17 november 2022",
        "Totaal",
    ]
    eerste = rij(zevenaar_k4, "doelen", t, "10 maart 2022")
    assert eerste["Onderwerp"] == {"tekst": "Start inburgering 2022"}
    partners = eerste["Aanwezige ketenpartners"]["tekst"].split(", ")
    assert sorted(partners) == ["RSD Kwartaal", "Taalschool Kwartaal"]
    assert rij(zevenaar_k4, "doelen", t, "Totaal") == {
        "Onderwerp": {"tekst": "2 overleggen gehouden"},
        "Aanwezige ketenpartners": {"tekst": "streven (minstens 2) gehaald"},
    }
    # By the end of K2 only the March meeting had been held.
    k2 = bereken(stand=STAND, jaar=2022, kwartaal=2, gemeente=scenario.gedeeld.zevenaar)
    assert rij(k2, "doelen", "Doel 4", "Totaal") == {
        "Onderwerp": {"tekst": "1 overleg gehouden"},
        "Aanwezige ketenpartners": {"tekst": "streven (minstens 2) nog niet gehaald"},
    }


def test_geld(zevenaar_k4):
    c, s = zevenaar_k4, "geld"
    t = "Inburgeringsvoorzieningen 2022 tot en met de peildatum"
    # Plicht started in 2022: 10 asiel (A1–A10), 3 gezin (G1–G3); X4 starts 2023.
    assert aantallen(c, s, t, "Inburgeringsplichtigen voor de SPUK") == (10, 3, 13)
    # 10 × 12.713 = 127.130; 3 × 590 = 1.770; together 128.900.
    assert bedragen(c, s, t, SPUK_LABEL) == ("127130.00", "1770.00", "128900.00")
    # Contract price of the bought trajecten started in 2022: A1 Z 12.000 (15-03),
    # A2 B1 10.000 (01-05), A3 B1 10.000 (15-06) and Z 12.000 (16-11), A4 B1 10.000
    # (10-10), A5 onderwijs 15.000 (17-10) = 69.000. A6 starts in 2023; G2 and G3
    # chose their own course (not bought).
    assert bedragen(c, s, t, GECOMMITTEERD_LABEL) == (
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
    # With each series, the persons its amount rests on (SPUK: the persons and
    # those with a top-up, none in 2022; gecommitteerd: the persons whose traject
    # started): K1 A1 A2 and A1; K2 A3 A4 G2 G3 and A2 A3; K3 A5; K4 A6–A10 G1
    # and A3 A4 A5. Spent rests on hours, not on a count.
    assert c["grafieken"]["geld"] == {
        "reeksen": ["SPUK toegekend", "Gecommitteerd", "Besteed"],
        "groepen": [
            {
                "label": "K1",
                "reeksen": [25426.0, 12000.0, 0.0],
                "aantallen": [[2, 0], [1], []],
            },
            {
                "label": "K2",
                "reeksen": [26606.0, 20000.0, 450.0],
                "aantallen": [[4, 0], [2], []],
            },
            {
                "label": "K3",
                "reeksen": [12713.0, 0.0, 300.0],
                "aantallen": [[1, 0], [0], []],
            },
            {
                "label": "K4",
                "reeksen": [64155.0, 37000.0, 1046.0],
                "aantallen": [[6, 0], [3], []],
            },
        ],
    }


def test_taakstelling(scenario, zevenaar_k4):
    zevenaar = scenario.gedeeld.zevenaar
    s, t = "taakstelling", "Taakstelling tegen gehuisveste statushouders"
    # 2021 (seed): 34 per half year; 65 % of 34 = 22,1 → 22 expected. Housed
    # asielstatushouders of Zevenaar: first half A1 01-03, A2 10-05, A3 30-06 (the
    # last day) = 3; second half A4 01-07 = 1 (D1 lives in Duiven).
    c = bereken(stand=STAND, jaar=2021, kwartaal=4, gemeente=zevenaar)
    tabel = vind_tabel(c, s, t)
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
    k2 = bereken(stand=STAND, jaar=2021, kwartaal=2, gemeente=zevenaar)
    assert [r["label"] for r in vind_tabel(k2, s, t)["rijen"]] == ["1e halfjaar 2021"]

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
