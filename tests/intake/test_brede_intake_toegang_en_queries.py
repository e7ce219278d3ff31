"""The brede intake: access per persona, logging, the timeline without intake texts,
and a fixed number of queries on the intake page.
"""

import pytest

from intake.models import BredeIntake, IntakeStatus
from intake.services import brede_intake as services
from tests.factories.intake import (
    BredeIntakeFactory,
    GesprekFactory,
    WerkervaringFactory,
)
from tests.intake.brede_intake_helpers import url
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

# Every URL of the intake, with the method that changes something.
INTAKE_URLS = [
    ("intake:brede_intake", "get"),
    ("intake:brede_intake", "post"),
    ("intake:intake_wijzigen", "get"),
    ("intake:intake_wijzigen", "post"),
    ("intake:intake_gezondheid", "get"),
    ("intake:intake_gezondheid", "post"),
    ("intake:intake_onderdelen", "get"),
    ("intake:intake_onderdelen", "post"),
    ("intake:intake_gesprek_toevoegen", "get"),
    ("intake:intake_gesprek_toevoegen", "post"),
    ("intake:intake_werkervaring_toevoegen", "get"),
    ("intake:intake_werkervaring_toevoegen", "post"),
    ("intake:intake_afronden", "post"),
    ("intake:intake_heropenen", "post"),
]


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "method"), INTAKE_URLS)
def test_another_gemeentes_casusregisseur_gets_404_and_changes_nothing(
    client_for, dossier, andere_casusregisseur, name, method
):
    BredeIntakeFactory(inburgeraar=dossier)
    response = getattr(client_for(andere_casusregisseur), method)(url(name, dossier))
    assert response.status_code == 404
    assert BredeIntake.objects.get().versie == 1
    assert not dossier.gebeurtenissen.exists()


@pytest.mark.parametrize("persona", ["klantmanager", "beleidsmedewerker"])
@pytest.mark.parametrize(("name", "method"), INTAKE_URLS)
def test_klantmanager_and_beleidsmedewerker_get_403(
    client_for, request, dossier, persona, name, method
):
    BredeIntakeFactory(inburgeraar=dossier, compleet=True)
    client = client_for(request.getfixturevalue(persona))
    response = getattr(client, method)(url(name, dossier))
    assert response.status_code == 403
    assert BredeIntake.objects.get().status == IntakeStatus.LOOPT


def test_functioneel_beheerder_works_with_the_intake_of_own_gemeente(
    client_for, dossier, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    assert client.post(url("intake:brede_intake", dossier)).status_code == 302
    assert client.get(url("intake:intake_gezondheid", dossier)).status_code == 200


def test_action_urls_refuse_get(client_for, dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    assert client.get(url("intake:intake_afronden", dossier)).status_code == 405
    assert client.get(url("intake:intake_heropenen", dossier)).status_code == 405


def test_anonymous_is_sent_to_login(client, dossier):
    response = client.get(url("intake:brede_intake", dossier))
    assert response.status_code == 302 and response.url.startswith("/inloggen/")


def test_viewing_the_intake_is_logged(client_for, dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    client_for(casusregisseur).get(url("intake:brede_intake", dossier))
    row = Verwerking.objects.get(actie=Actie.RAADPLEGEN, handeling="Brede intake")
    assert row.object_id == str(dossier.pk) and row.actor == casusregisseur
    assert "persoonlijke_omstandigheden" in row.soorten_gegevens


def test_the_timeline_never_carries_intake_texts(dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    services.intake_wijzigen(
        intake=intake,
        data={
            "persoonlijke_omstandigheden": "TIJDLIJN-CANARY zorgt voor moeder",
            "lbt_uitkomst": "a2",
        },
        versie=1,
        acting_user=casusregisseur,
    )
    event = dossier.gebeurtenissen.get()
    assert "Persoonlijke omstandigheden" in event.omschrijving
    assert "TIJDLIJN-CANARY" not in str(event.omschrijving) + str(event.wijzigingen)
    assert {
        "veld": "Uitkomst leerbaarheidstoets",
        "oud": "—",
        "nieuw": "A2 haalbaar",
    } in event.wijzigingen


# --- Performance ---------------------------------------------------------------------


def test_the_intake_page_does_a_fixed_number_of_queries(
    client_for, dossier, casusregisseur, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    intake = BredeIntakeFactory(inburgeraar=dossier, afgerond=True)
    client = client_for(casusregisseur)
    page_url = url("intake:brede_intake", dossier)

    def add(n):
        GesprekFactory.create_batch(n, intake=intake)
        WerkervaringFactory.create_batch(n, intake=intake)

    add(2)
    client.get(page_url)  # registers the verwerkingsactiviteit
    with CaptureQueriesContext(connection) as with_2:
        assert client.get(page_url).status_code == 200
    add(18)
    with django_assert_max_num_queries(len(with_2)):
        page = client.get(page_url)
    assert page.content.decode().count("Kennismaking en uitleg") == 20
    assert len(with_2) <= 25
