"""A report that cannot mislead (issue 19, item 5): a quarter that had not ended on
the date of the data is "Voorlopig" on the dashboard, in the PDF and in the CSV; the
default quarter is the last one ended; the gebied select shows the report's gebied."""

from decimal import Decimal

from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import IntakeAanleiding
from monitoring import weergave
from monitoring.forms.rapport import REGIO, AanvraagForm
from monitoring.models import Kwartaalrapport
from monitoring.rapportage.basis import Periode
from monitoring.rapportage.cellen import n, tabel, verwacht_aantal
from monitoring.rapportage.cellen import rij as rij_
from monitoring.rapportage.cijfers import bereken
from monitoring.rapportage.rapport import rapport_maken
from tests.downloads import csv_rows
from tests.factories.intake import BredeIntakeFactory
from tests.monitoring.kwartaal.cellen import aantallen, cel, getoond, vind_tabel
from tests.monitoring.kwartaal.scenario import STAND, D
from tests.monitoring.kwartaal.test_pdf_en_paginas import pdf_tekst, rapport_klaar

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("monitoring:dashboard")
AANVRAGEN = reverse("monitoring:kwartaalrapport_aanvragen")


def test_voorlopig_tot_en_met_de_laatste_dag_van_het_kwartaal():
    k4 = Periode(2026, 4)
    assert k4.voorlopig_op(D(2026, 12, 5))
    assert k4.voorlopig_op(D(2026, 12, 31))
    assert not k4.voorlopig_op(D(2027, 1, 1))


@pytest.mark.pdf
@freeze_time("2026-12-05 10:00")
def test_k4_in_december_is_voorlopig_in_html_pdf_en_csv(
    client_for, beleidsmedewerker, zevenaar, django_capture_on_commit_callbacks
):
    client = client_for(beleidsmedewerker)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            AANVRAGEN, {"jaar": "2026", "kwartaal": "4", "gebied": str(zevenaar.pk)}
        )
    assert response.status_code == 302
    rapport = rapport_maken(Kwartaalrapport.objects.get().pk)
    assert rapport.cijfers["stand"] == "2026-12-05"

    html = client.get(f"{DASHBOARD}?rapport={rapport.pk}").content.decode()
    assert "Voorlopig" in html
    assert "stand van 5 december 2026" in html

    response = client.get(reverse("monitoring:kwartaalrapport_pdf", args=[rapport.pk]))
    tekst = pdf_tekst(b"".join(response.streaming_content))
    assert "Voorlopige kwartaalrapportage inburgering 2026, kwartaal 4" in tekst
    assert "stand van 5 december 2026" in tekst
    assert "VOORLOPIG" in tekst  # the footer, on every page

    response = client.get(reverse("monitoring:kwartaalrapport_csv", args=[rapport.pk]))
    regels = csv_rows(response)
    assert regels[0][0] == "Stand"
    assert {r[0] for r in regels[1:]} == {"voorlopig, stand van 5 december 2026"}


@freeze_time("2027-01-04 10:00")
def test_na_afloop_definitief(client_for, beleidsmedewerker, scenario):
    rapport = rapport_klaar(bereken(stand=D(2027, 1, 4), jaar=2026, kwartaal=4))
    html = client_for(beleidsmedewerker).get(DASHBOARD).content.decode()
    assert str(rapport.cijfers["jaar"]) in html
    assert "stand van 4 januari 2027" in html
    assert "Voorlopig" not in html
    regels = csv_rows(
        client_for(beleidsmedewerker).get(
            reverse("monitoring:kwartaalrapport_csv", args=[rapport.pk])
        )
    )
    assert regels[1][0] == "definitief, stand van 4 januari 2027"


@freeze_time("2026-12-05 10:00")
def test_standaard_het_laatste_afgesloten_kwartaal(
    client_for, beleidsmedewerker, scenario
):
    form = AanvraagForm(user=beleidsmedewerker)
    assert (form["jaar"].value(), form["kwartaal"].value()) == (2026, 3)
    # The dashboard opens on the report of the last quarter that ended, not on the
    # newer provisional one of the running quarter.
    rapport_klaar(bereken(stand=D(2026, 10, 2), jaar=2026, kwartaal=3))
    rapport_klaar(bereken(stand=D(2026, 12, 5), jaar=2026, kwartaal=4))
    html = client_for(beleidsmedewerker).get(DASHBOARD).content.decode()
    assert "2026, kwartaal 3" in html and "Voorlopig" not in html


def test_gebied_select_toont_het_gebied_van_het_rapport(
    client_for, beleidsmedewerker, scenario
):
    zevenaar = scenario.gedeeld.zevenaar
    rapport = rapport_klaar(
        bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=zevenaar),
        gemeente=zevenaar,
    )
    client = client_for(beleidsmedewerker)
    html = client.get(f"{DASHBOARD}?rapport={rapport.pk}").content.decode()
    assert f'<option value="{zevenaar.pk}" selected>Zevenaar</option>' in html
    assert f'<option value="{REGIO}" selected>' not in html


# --- Suppression: no small number shown, none to be worked back -------------------

KLEIN = "minder dan 5 personen"
NIET = "niet getoond: minder dan 5 personen"


def test_een_boete_toont_aantal_noch_bedrag(scenario):
    """Zevenaar's only fine of 2022 K3 (A5, € 500): "Boetes <5" beside € 500,00
    would give it away."""
    k3 = bereken(stand=STAND, jaar=2022, kwartaal=3, gemeente=scenario.gedeeld.zevenaar)
    rij = ("ontzorgen_handhaving", "Handhaving en bezwaar (kwartaal)")
    assert aantallen(k3, *rij, "Boetes opgelegd") == (1, 0, 1)
    assert getoond(k3, *rij, "Boetes opgelegd") == (KLEIN, "0", KLEIN)
    assert getoond(k3, *rij, "Boetes: totaalbedrag") == (NIET, "€ 0,00", NIET)
    tekst = str(list(weergave.csv_rijen(k3)))
    assert "500,00" not in tekst


def test_geld_grafiek_verbergt_een_staaf_op_weinig_personen(zevenaar_k4):
    """K1's SPUK of € 25.426 is 2 × € 12.713: its bar is not drawn, and the scale's
    maximum comes from the bars shown."""
    geld = weergave.grafieken(zevenaar_k4)["geld"]
    k1_spuk = geld["groepen"][0]["balken"][0]
    assert (k1_spuk["hoogte"], k1_spuk["tekst"]) == (0, NIET)
    k4_spuk = geld["groepen"][3]["balken"][0]
    assert k4_spuk["tekst"] == "€ 64.155,00" and k4_spuk["hoogte"] > 0


# --- Kwaliteit van de gegevens ------------------------------------------------------

WEGGELATEN = ("kwaliteit", "Dossiers die niet in de cijfers zitten")


def test_weggelaten_dossiers_per_reden(scenario, zevenaar_k4):
    """X1 (ontkoppeld), X2 (Wet inburgering 2013) and X3 (no start of the plicht),
    asielstatushouders of Zevenaar, are in no figure: the report says so."""
    c = zevenaar_k4
    assert aantallen(
        c, *WEGGELATEN, "Wet inburgering 2021 zonder start van de inburgeringsplicht"
    ) == (1, 0, 1)
    assert aantallen(
        c, *WEGGELATEN, "Wet inburgering 2013 (alleen in hun eigen voorraadregel)"
    ) == (1, 0, 1)
    assert aantallen(c, *WEGGELATEN, "Ontkoppeld na een correctiesignaal van DUO") == (
        1,
        0,
        1,
    )
    # Duiven has none of them; the region has Zevenaar's.
    duiven = bereken(
        stand=STAND, jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.duiven
    )
    regio = bereken(stand=STAND, jaar=2022, kwartaal=4)
    zonder = "Wet inburgering 2021 zonder start van de inburgeringsplicht"
    assert aantallen(duiven, *WEGGELATEN, zonder) == (0, 0, 0)
    assert aantallen(regio, *WEGGELATEN, zonder) == (1, 0, 1)
    # Once the start is recorded, the dossier counts and the row is empty.
    x3 = scenario.personen["X3"]
    x3.start_inburgeringsplicht = D(2022, 11, 1)
    x3.save(update_fields=["start_inburgeringsplicht"])
    na = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    assert aantallen(na, *WEGGELATEN, zonder) == (0, 0, 0)


def test_brede_intakes_tellen_personen(scenario, zevenaar_k4):
    """A second intake of A6 in the same quarter (after a verhuizing) does not make
    A6 two persons; the quality block counts A6 among those with more than one."""
    rij = ("intake_pip", "In het kwartaal", "Brede intake gestart (personen)")
    assert aantallen(zevenaar_k4, *rij) == (3, 1, 4)
    a6 = scenario.personen["A6"]
    a6.intakes.update(vervangen_op=D(2022, 12, 1))
    BredeIntakeFactory(
        inburgeraar=a6,
        aanleiding=IntakeAanleiding.VERHUIZING,
        gestart_op=D(2022, 12, 1),
        gestart_door=scenario.gedeeld.user,
        onderdelen=False,
    )
    na = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    assert aantallen(na, *rij) == (3, 1, 4)
    meer = ("kwaliteit", "Meegeteld, met meer dan één brede intake")
    assert aantallen(zevenaar_k4, *meer, "Personen met meer dan één brede intake") == (
        0,
        0,
        0,
    )
    assert aantallen(na, *meer, "Personen met meer dan één brede intake") == (1, 0, 1)


# --- Definitions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aantal", "percentage", "verwacht"),
    [(50, 65, 33), (34, 65, 22), (10, 65, 7), (2, 25, 1), (1, 50, 1), (0, 65, 0)],
)
def test_verwacht_aantal_rondt_een_half_naar_boven(aantal, percentage, verwacht):
    """65 % of 50 is 32,5: 33 persons (Python's round() gives 32, banker's
    rounding); 65 % of 10 = 6,5 → 7; 25 % of 2 = 0,5 → 1."""
    assert verwacht_aantal(Decimal(aantal), Decimal(percentage)) == verwacht


def test_taakstelling_regio_alleen_gemeenten_met_een_taakstelling(scenario):
    """2021: only Zevenaar has a taakstelling (34 per half year, the seed). The
    region compares it with the people housed in Zevenaar in the first half year
    (A1, A2, A3), not with D1 housed in Duiven (01-04-2021), which has none."""
    s, t = "taakstelling", "Taakstelling tegen gehuisveste statushouders"
    regio = bereken(stand=STAND, jaar=2021, kwartaal=4)
    assert cel(regio, s, t, "1e halfjaar 2021", "Taakstelling") == {"tekst": "34"}
    assert cel(regio, s, t, "1e halfjaar 2021", "Gehuisvest") == {"n": 3}
    assert "1e halfjaar: Zevenaar" in vind_tabel(regio, s, t)["toelichting"]
    duiven = bereken(
        stand=STAND, jaar=2021, kwartaal=4, gemeente=scenario.gedeeld.duiven
    )
    assert cel(duiven, s, t, "1e halfjaar 2021", "Gehuisvest") == {"n": 1}
    assert cel(duiven, s, t, "1e halfjaar 2021", "Taakstelling") == {
        "tekst": "niet ingesteld"
    }


def _getoond_tabel(rijen: list[tuple], **opties) -> list[list[str]]:
    """The shown texts of a table of counts per categorie."""
    t = tabel(
        "Test",
        [rij_(f"r{i}", [n(x) for x in r]) for i, r in enumerate(rijen)],
        **opties,
    )
    return [
        r["cellen"]
        for r in weergave.tabellen_voor_weergave(
            {"secties": [{"code": "t", "titel": "T", "tabellen": [t]}]}
        )[0]["tabellen"][0]["rijen"]
    ]


def test_aanvullende_onderdrukking_in_een_rij():
    # One small categorie beside a shown total: the other categorie goes too.
    assert _getoond_tabel([(12, 3, 15)]) == [["niet getoond", KLEIN, "15"]]
    assert _getoond_tabel([(3, 12, 15)]) == [[KLEIN, "niet getoond", "15"]]
    # Both small, total 7: neither can be worked back (1+6 … 4+3 are no counts).
    assert _getoond_tabel([(3, 4, 7)]) == [[KLEIN, KLEIN, "7"]]
    # Both small and total 8: both must be 4, so the total goes.
    assert _getoond_tabel([(4, 4, 8)]) == [[KLEIN, KLEIN, "niet getoond"]]
    # Zero is no secret; nothing small, nothing hidden.
    assert _getoond_tabel([(0, 7, 7), (6, 7, 13)]) == [
        ["0", "7", "7"],
        ["6", "7", "13"],
    ]


def test_aanvullende_onderdrukking_in_een_kolom_met_bekende_som():
    """Rows that split a total shown elsewhere (the stand per status against the
    trechter's first step): one small count per column would be the total less
    the others, so the smallest other count above zero goes too."""
    rijen = [(10, 5, 15), (2, 0, 2), (7, 6, 13), (0, 0, 0)]
    assert _getoond_tabel(rijen, som_bekend=True) == [
        ["10", "5", "15"],
        [KLEIN, "0", KLEIN],
        ["niet getoond", "6", "niet getoond"],
        ["0", "0", "0"],
    ]
    # Without a known sum only the rows count.
    assert _getoond_tabel(rijen)[2] == ["7", "6", "13"]
