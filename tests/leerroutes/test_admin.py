"""The keten is reference data that functioneel beheer keeps in the admin."""

import pytest

from leerroutes.models import Contract, Organisatie

pytestmark = pytest.mark.django_db


def test_functioneel_beheer_adds_a_taalaanbieder_with_a_contract(
    client_for, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    assert client.get("/beheer/leerroutes/organisatie/").status_code == 200
    response = client.post(
        "/beheer/leerroutes/organisatie/add/",
        {
            "naam": "Taalhuis Duiven",
            "soort": "taalaanbieder",
            "actief": "on",
            "keurmerk_nummer": "BOW-777",
            "keurmerk_geldig_van": "2025-01-01",
            "keurmerk_geldig_tot": "2027-12-31",
            "contracten-TOTAL_FORMS": "1",
            "contracten-INITIAL_FORMS": "0",
            "contracten-0-leerroute": "b1",
            "contracten-0-kenmerk": "INK-2026-01",
            "contracten-0-start": "2026-01-01",
            "contracten-0-einde": "2027-12-31",
            "contracten-0-prijs_route": "9850.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    aanbieder = Organisatie.objects.get(naam="Taalhuis Duiven")
    assert Contract.objects.get(aanbieder=aanbieder).leerroute == "b1"


def test_person_data_of_the_leerroutes_is_not_in_the_admin(
    client_for, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    for model in ("traject", "urenregistratie", "participatieactiviteit"):
        assert client.get(f"/beheer/leerroutes/{model}/").status_code == 404


def test_casusregisseur_has_no_keten_admin(client_for, casusregisseur):
    response = client_for(casusregisseur).get("/beheer/leerroutes/organisatie/")
    assert response.status_code == 302
