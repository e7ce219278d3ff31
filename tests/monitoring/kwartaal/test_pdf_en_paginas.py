"""The kwartaalrapportage's PDF text (with the "<5" suppression) and the
beleidsmedewerker's pages: the dashboard, requesting, making and downloading a report,
who may see which report, and the quarterly task.
"""

import re
import subprocess

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from monitoring.models import Kwartaalrapport, KwartaalrapportStatus
from monitoring.rapportage.cijfers import bereken
from monitoring.rapportage.rapport import (
    kwartaalrapporten_maken,
    rapport_maken,
    rapport_pdf,
)
from tests.downloads import csv_rows
from tests.factories.accounts import UserFactory
from tests.monitoring.kwartaal.cellen import ASIEL, GEZIN, JAAR, SPUK, TOTAAL, cel
from tests.monitoring.kwartaal.scenario import STAND, D
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.nl import datum_tekst

pytestmark = pytest.mark.django_db


DASHBOARD = reverse("monitoring:dashboard")
LIJST = reverse("monitoring:kwartaalrapporten")
AANVRAGEN = reverse("monitoring:kwartaalrapport_aanvragen")


def pdf_tekst(data: bytes) -> str:
    """The PDF's text (poppler's pdftotext), whitespace collapsed."""
    uit = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(uit.split())


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


# --- The PDF --------------------------------------------------------------------------


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
    klein = "minder dan 5 personen"
    assert f"Nieuwe inburgeringsplichtigen (kwartaal) niet getoond {klein} 6" in tekst
    assert (
        f"Nieuwe inburgeringsplichtigen (jaar tot nu) niet getoond {klein} 13" in tekst
    )
    assert f"Uitstroom: plicht voldaan (kwartaal) {klein} 0 {klein}" in tekst
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
    klein = "minder dan 10 personen"
    assert (
        f"Nieuwe inburgeringsplichtigen (jaar tot nu) niet getoond {klein} 13" in tekst
    )
    assert f"Nieuwe inburgeringsplichtigen (kwartaal) {klein} {klein} {klein}" in tekst
    assert "minder dan 5 " not in tekst


# --- The beleidsmedewerker's pages --------------------------------------------------


def test_dashboard_met_grafieken(client_for, beleidsmedewerker, scenario):
    rapport_klaar(bereken(stand=STAND, jaar=2022, kwartaal=4))
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
    assert (
        cel(
            rapport.cijfers,
            "geld",
            "Inburgeringsvoorzieningen",
            "SPUK toegekend voor het cohort (geen ontvangen geld)",
            TOTAAL,
        )["euro"]
        == "128900.00"
    )
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
    regels = csv_rows(response)
    assert regels[0] == ["Stand", "Onderdeel", "Tabel", "Regel", "Kolom", "Waarde"]
    stand = f"definitief, stand van {datum_tekst(timezone.localdate())}"
    sectie, tabel = "Instroom, voorraad en uitstroom", "Instroom en uitstroom"
    assert [stand, sectie, tabel, JAAR[2], GEZIN, "minder dan 5 personen"] in regels
    assert [stand, sectie, tabel, JAAR[2], ASIEL, "niet getoond"] in regels
    assert [
        stand,
        "Geld",
        "Inburgeringsvoorzieningen 2022 tot en met de peildatum",
        "SPUK toegekend voor het cohort (geen ontvangen geld)",
        TOTAAL,
        "€ 128.900,00",
    ] in regels
    tekst = str(regels)
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
    rapport = rapport_klaar(bereken(stand=STAND, jaar=2022, kwartaal=4))
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
        bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=zevenaar),
        gemeente=zevenaar,
    )
    van_de_regio = rapport_klaar(bereken(stand=STAND, jaar=2022, kwartaal=4))
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
    assert cel(regio.cijfers, *SPUK, TOTAAL)["euro"] == "154916.00"
    assert regio.parameters["spuk_asiel"]["waarde"] == "12713.00"
    # A second run makes nothing.
    assert kwartaalrapporten_maken(D(2023, 1, 2)) == []
    assert Kwartaalrapport.objects.count() == 4
