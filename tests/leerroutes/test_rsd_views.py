"""The RSD klantmanager's client page and route page: their own clients with bijstand
only, the PIP's obligations, names in the household, the meetings they attended, and
participation activities they record themselves."""

import datetime as dt

from django.urls import reverse

import pytest

from intake.models import Huishouden, Huishoudlid
from leerroutes.models import Participatieactiviteit, Voortgangsgesprek
from tests.factories.intake import InburgeraarFactory
from tests.leerroutes.paginas import geweigerd
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

GEHEIM = "MARKER-NIET-VOOR-RSD"


def klant_url(dossier):
    return reverse("leerroutes:rsd_klant", args=[dossier.pk])


def activiteit_url(dossier):
    return reverse("leerroutes:rsd_activiteit_toevoegen", args=[dossier.pk])


@pytest.fixture
def gesprekken(traject, casusregisseur):
    dossier = traject.inburgeraar
    Voortgangsgesprek.objects.create(
        inburgeraar=dossier,
        gepland_op=dt.date(2026, 5, 1),
        gehouden_op=dt.date(2026, 5, 1),
        deelnemers="Casusregisseur, klantmanager",
        rsd_klantmanager_aanwezig=True,
        verslag=f"Verslag {GEHEIM}",
        afspraken="Solliciteert bij de bakkerij",
        vastgelegd_door=casusregisseur,
    )
    Voortgangsgesprek.objects.create(
        inburgeraar=dossier,
        gepland_op=dt.date(2026, 7, 1),
        gehouden_op=dt.date(2026, 7, 1),
        deelnemers="Casusregisseur",
        rsd_klantmanager_aanwezig=False,
        verslag=f"Alleen {GEHEIM}",
        afspraken=f"Afspraak {GEHEIM}",
        vastgelegd_door=casusregisseur,
    )
    return dossier


def test_client_page_shows_obligations_household_and_attended_meetings(
    client_for, klantmanager, gesprekken
):
    dossier = gesprekken
    huishouden = Huishouden.objects.create()
    dossier.huishouden = huishouden
    dossier.save()
    partner = InburgeraarFactory(
        gemeente=dossier.gemeente, huishouden=huishouden, achternaam="Partnernaam"
    )
    Huishoudlid.objects.create(huishouden=huishouden, naam="Kind Yusuf", relatie="kind")

    response = client_for(klantmanager).get(klant_url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "participatie- en werkverplichtingen" in html
    assert "B1-route" in html or "B1" in html
    assert "Partnernaam" in html and "Kind Yusuf" in html
    # Nothing else about the partner than the name.
    assert partner.bsn not in html
    assert "Solliciteert bij de bakkerij" in html
    assert GEHEIM not in html
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk), actor=klantmanager
    ).exists()


def test_only_own_clients_with_bijstand(
    client_for, klantmanager, andere_klantmanager, dossier
):
    assert client_for(klantmanager).get(klant_url(dossier)).status_code == 200
    assert client_for(andere_klantmanager).get(klant_url(dossier)).status_code == 404
    dossier.bijstand = False
    dossier.bijstand_start = None
    dossier.save()
    assert client_for(klantmanager).get(klant_url(dossier)).status_code == 404
    caseload = client_for(klantmanager).get(reverse("intake:rsd_klanten"))
    assert dossier.achternaam not in caseload.content.decode()


def test_klantmanager_records_and_ends_an_activity(client_for, klantmanager, traject):
    dossier = traject.inburgeraar
    client = client_for(klantmanager)
    response = client.post(
        activiteit_url(dossier),
        {
            "soort": "betaald_werk",
            "organisatie": "Bakkerij Van Dijk",
            "uren_per_week": "16",
            "start": "2026-06-01",
        },
    )
    assert response.status_code == 302
    activiteit = Participatieactiviteit.objects.get()
    assert activiteit.vastgelegd_door == klantmanager
    page = client.get(reverse("leerroutes:rsd_route", args=[dossier.pk]))
    assert "Bakkerij Van Dijk" in page.content.decode()

    end = client.post(
        reverse("leerroutes:rsd_activiteit_beeindigen", args=[activiteit.pk]),
        {"beeindigen-einde": "2026-09-30"},
    )
    assert end.status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.einde == dt.date(2026, 9, 30)


def test_bad_activity_keeps_input_and_changes_nothing(
    client_for, klantmanager, traject
):
    response = client_for(klantmanager).post(
        activiteit_url(traject.inburgeraar),
        {"soort": "betaald_werk", "organisatie": "Bakkerij Van Dijk", "start": ""},
    )
    html = geweigerd(response)
    assert "<title>Fout:" in html
    assert "Bakkerij Van Dijk" in html
    assert not Participatieactiviteit.objects.exists()


def test_another_klantmanager_cannot_record(
    client_for, andere_klantmanager, casusregisseur, traject
):
    data = {"soort": "vrijwilligerswerk", "organisatie": "X", "start": "2026-06-01"}
    assert (
        client_for(andere_klantmanager)
        .post(activiteit_url(traject.inburgeraar), data)
        .status_code
        == 404
    )
    # The casusregisseur uses their own page, not the RSD's.
    assert (
        client_for(casusregisseur)
        .post(activiteit_url(traject.inburgeraar), data)
        .status_code
        == 403
    )
    assert not Participatieactiviteit.objects.exists()


def test_meetings_visible_to_rsd_only_when_attended(
    gesprekken, klantmanager, andere_klantmanager, casusregisseur
):
    gehouden = Voortgangsgesprek.objects.filter(gehouden_op__isnull=False)
    assert gehouden.visible_to(casusregisseur).count() == 2
    zichtbaar = Voortgangsgesprek.objects.visible_to(klantmanager)
    assert [g.afspraken for g in zichtbaar] == ["Solliciteert bij de bakkerij"]
    assert not Voortgangsgesprek.objects.visible_to(andere_klantmanager).exists()


def test_client_page_queries_are_fixed(
    client_for, klantmanager, gesprekken, django_assert_max_num_queries
):
    client = client_for(klantmanager)
    client.get(klant_url(gesprekken))
    with django_assert_max_num_queries(14):
        assert client.get(klant_url(gesprekken)).status_code == 200
