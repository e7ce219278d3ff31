"""The kwartaalrapportage: a gemeente's report against the region's, and the "<5"
suppression of small numbers in the tables and the CSV (Zevenaar 2022 K4 of the
scenario unless a test says otherwise).
"""

from django.test import override_settings

import pytest

from monitoring import weergave
from monitoring.rapportage.cijfers import bereken
from tests.monitoring.kwartaal.cellen import (
    ASIEL,
    GEZIN,
    JAAR,
    KW,
    MEDIAAN,
    SPUK,
    TIJDIG,
    TOTAAL,
    UIT,
    VOORRAAD,
    aantallen,
    bedragen,
    cel,
    getoond,
    getoond_cel,
    rij,
    vind_sectie,
)
from tests.monitoring.kwartaal.scenario import STAND

pytestmark = pytest.mark.django_db


# --- A gemeente counts its own dossiers, the region all ----------------------


def test_gemeente_en_regio(scenario, zevenaar_k4):
    g = scenario.gedeeld
    regio = bereken(stand=STAND, jaar=2022, kwartaal=4)
    duiven = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=g.duiven)
    westervoort = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=g.westervoort)
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
        "Voorraad op de peildatum: begonnen, nog niet afgerond",
    )
    assert aantallen(regio, *voorraad) == (10, 4, 14)
    # Brede intakes gestart in K4: Zevenaar (3, 1, 4) and D2 (15-10).
    intakes = ("intake_pip", "In het kwartaal", "Brede intake gestart (personen)")
    assert aantallen(duiven, *intakes) == (0, 1, 1)
    assert aantallen(regio, *intakes) == (3, 2, 5)

    spuk = (
        "geld",
        "Inburgeringsvoorzieningen 2022",
        "SPUK toegekend voor het cohort (geen ontvangen geld)",
    )
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
        "tekst": "2 overleggen gehouden"
    }
    # Held, against a minimum: never "3 van 2".
    assert cel(regio, "doelen", "Doel 4", "Totaal", "Onderwerp") == {
        "tekst": "3 overleggen gehouden"
    }
    # Cohort 2022 of the region: A1–A10, D1, W1, less A2 who moved away.
    assert cel(regio, "doelen", "Doel 1–3", "2022", "Aantal in cohort") == {"n": 11}

    # Taakstelling: W1 housed 01-11-2022 in the second half year (Zevenaar's 5).
    huis = ("taakstelling", "Taakstelling", "2e halfjaar 2022", "Gehuisvest")
    assert cel(westervoort, *huis) == {"n": 1}
    assert cel(regio, *huis) == {"n": 6}

    # Every count of persons of the gemeenten adds up to the region's.
    for sectie in ("instroom", "intake_pip", "leerroutes", "termijnen"):
        for t in vind_sectie(regio, sectie)["tabellen"]:
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


# --- Small numbers --------------------------------------------------------------


# A count of 1-4 persons; a share, median or amount resting on one; a cell hidden
# only so that its neighbour cannot be worked back from the total.
KLEIN = "minder dan 5 personen"
NIET = "niet getoond: minder dan 5 personen"
AANVULLEND = "niet getoond"


def test_kleine_aantallen_in_de_tabellen(zevenaar_k4):
    c = zevenaar_k4
    # (5, 1, 6): the 1 is small; 6 - 5 would give it, so the 5 is hidden too.
    assert getoond(c, *KW) == (AANVULLEND, KLEIN, "6")
    # (10, 3, 13): 3 gezinsmigranten; 13 - 10 would give them.
    assert getoond(c, *JAAR) == (AANVULLEND, KLEIN, "13")
    # (1, 0, 1): zero is shown; the total is as small as the part.
    assert getoond(c, *UIT) == (KLEIN, "0", KLEIN)
    assert getoond(c, *VOORRAAD) == (AANVULLEND, KLEIN, "11")
    # Percentages and medians on 3, 1 and 4 persons: words, not "<5" in a column
    # of percentages.
    assert getoond(c, *TIJDIG) == (NIET, NIET, NIET)
    assert getoond(c, *MEDIAAN) == (NIET, NIET, NIET)
    # Doel 2 of cohort 2022 is 2 of 9: the base is large enough, the 2 is not.
    doel = ("doelen", "Doel 1–3", "2022")
    assert getoond_cel(c, *doel, "Aantal in cohort") == "9"
    assert getoond_cel(c, *doel, "Doel 2") == NIET
    # Doel 1 is 1 of 4: the base is below the limit.
    assert getoond_cel(c, *doel, "Doel 1") == NIET
    # Doel 3 is 1 of 9.
    assert getoond_cel(c, *doel, "Doel 3") == NIET
    # € 1.770 is 3 × € 590: it would give the 3 gezinsmigranten away, and the
    # total less the asiel amount would give the € 1.770.
    assert getoond(c, *SPUK) == (AANVULLEND, NIET, "€ 128.900,00")
    # Nothing in the stored figures is suppressed.
    assert aantallen(c, *JAAR) == (10, 3, 13)


def test_toon_percentages_en_mediaan():
    assert weergave.toon({"pct": 50.0, "teller": 5, "noemer": 10}) == "50%"
    assert weergave.toon({"pct": 55.6, "teller": 5, "noemer": 9}) == "55,6%"
    assert weergave.toon({"pct": 0.0, "teller": 0, "noemer": 7}) == "0%"
    # Base below 5, or a numerator from 1 to 4: suppressed.
    assert weergave.toon({"pct": 100.0, "teller": 4, "noemer": 4}) == NIET
    assert weergave.toon({"pct": 40.0, "teller": 4, "noemer": 10}) == NIET
    assert weergave.toon({"pct": None, "teller": 0, "noemer": 0}) == "—"
    assert weergave.toon({"dagen": 12.5, "noemer": 5}) == "12,5"
    assert weergave.toon({"dagen": 12.5, "noemer": 4}) == NIET
    assert weergave.toon({"n": 1234}) == "1.234"
    # An amount is suppressed with a small count it rests on, not with 0 or 5.
    assert weergave.toon({"euro": "800.00", "aantallen": [1]}) == NIET
    assert weergave.toon({"euro": "800.00", "aantallen": [0, 5]}) == "€ 800,00"
    assert weergave.toon({"euro": "800.00"}) == "€ 800,00"


def test_kleine_aantallen_in_de_csv(zevenaar_k4):
    # Without the first column (Stand: test_rapport_misleidt_niet).
    regels = [r[1:] for r in weergave.csv_rijen(zevenaar_k4)]
    sectie, tabel = "Instroom, voorraad en uitstroom", "Instroom en uitstroom"
    assert (sectie, tabel, JAAR[2], GEZIN, KLEIN) in regels
    assert (sectie, tabel, JAAR[2], ASIEL, AANVULLEND) in regels
    assert (sectie, tabel, KW[2], ASIEL, AANVULLEND) in regels
    assert (sectie, tabel, UIT[2], GEZIN, "0") in regels
    pip_sectie, pip_tabel = "Brede intake en PIP", "In het kwartaal"
    assert (pip_sectie, pip_tabel, TIJDIG[2], TOTAAL, NIET) in regels
    # Labels are given without their indentation.
    assert all(not r[2].startswith(" ") for r in regels)
    # No raw number of 1–4 persons anywhere in the counts.
    assert (sectie, tabel, JAAR[2], GEZIN, "3") not in regels


def test_kleine_aantallen_volgen_de_instelling(zevenaar_k4):
    klein = "minder dan 10 personen"
    with override_settings(KLEINE_AANTALLEN_GRENS=10):
        assert weergave.verborgen() == klein
        # (10, 3, 13): 10 is at the limit, but 13 - 10 would give the 3.
        assert getoond(zevenaar_k4, *JAAR) == (AANVULLEND, klein, "13")
        # (5, 1, 6) all below 10 now; (8, 3, 11): both parts already hidden.
        assert getoond(zevenaar_k4, *KW) == (klein, klein, klein)
        assert getoond(zevenaar_k4, *VOORRAAD) == (klein, klein, "11")
        assert getoond(zevenaar_k4, *UIT) == (klein, "0", klein)
        # Cohort 2022 has 9 persons: below 10 now, as is Doel 2 (2 of 9).
        doel = ("doelen", "Doel 1–3", "2022")
        assert getoond_cel(zevenaar_k4, *doel, "Aantal in cohort") == klein
        assert (
            getoond_cel(zevenaar_k4, *doel, "Doel 2")
            == "niet getoond: minder dan 10 personen"
        )
        regels = [r[1:] for r in weergave.csv_rijen(zevenaar_k4)]
        assert (
            "Instroom, voorraad en uitstroom",
            "Instroom en uitstroom",
            KW[2],
            ASIEL,
            klein,
        ) in regels
    with override_settings(KLEINE_AANTALLEN_GRENS=2):
        # Only 1 is small now: 3 gezinsmigranten are shown.
        assert getoond(zevenaar_k4, *JAAR) == ("10", "3", "13")
        assert getoond(zevenaar_k4, *KW) == (
            AANVULLEND,
            "minder dan 2 personen",
            "6",
        )
