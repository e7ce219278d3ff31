"""The brede intake's forms: optimistic locking refuses stale forms, and bad input gives
a Dutch message, keeps what was typed and changes nothing.
"""

import re

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Werkervaring
from intake.services import brede_intake as services
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.accounts import UserFactory
from tests.factories.intake import BredeIntakeFactory
from tests.intake.brede_intake_helpers import intake_data, url

pytestmark = pytest.mark.django_db

# --- Optimistic locking and bad input ----------------------------------------------


def test_a_stale_intake_form_is_refused(client_for, dossier, casusregisseur, zevenaar):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    stale = intake_data(intake, lbt_toetsbegeleider="Mijn invoer")
    collega = UserFactory(gemeenten=[zevenaar])
    services.intake_wijzigen(
        intake=intake, data={"wens": "opleiding"}, versie=1, acting_user=collega
    )
    response = client_for(casusregisseur).post(
        url("intake:intake_wijzigen", dossier), stale
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Iemand anders heeft dit dossier gewijzigd" in page
    assert 'value="Mijn invoer"' in page
    intake.refresh_from_db()
    assert intake.lbt_toetsbegeleider == "" and intake.wens == "opleiding"


def test_a_stale_health_form_is_refused(client_for, dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    services.intake_wijzigen(
        intake=intake, data={"wens": "werk"}, versie=1, acting_user=casusregisseur
    )
    response = client_for(casusregisseur).post(
        url("intake:intake_gezondheid", dossier),
        {"besproken_op": "2026-03-12", "versie": 1},
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit dossier gewijzigd" in response.content.decode()
    intake.gezondheid.refresh_from_db()
    assert intake.gezondheid.besproken_op is None


def test_bad_input_gives_a_dutch_message_keeps_what_was_typed_and_changes_nothing(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_wijzigen", dossier),
        intake_data(
            intake,
            jaren_onderwijs="31",
            lbt_datum="31-02-2026",
            lbt_uitkomst="b2_bestaat_niet",
            lbt_toetsbegeleider="Piet Toets",
            vve_informatie_op="2026-03-01",  # a date without "gegeven"
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zorg ervoor dat deze waarde hoogstens 30 is." in page
    assert "Voer een geldige datum in." in page
    assert "Selecteer een geldige keuze" in page
    assert 'value="Piet Toets"' in page and 'value="31"' in page
    assert "<title>Fout: " in page
    # the message is tied to its field
    assert re.search(r'aria-describedby="[^"]*id_jaren_onderwijs_error', page)
    intake.refresh_from_db()
    assert intake.versie == 1 and intake.lbt_toetsbegeleider == ""
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.INTAKE).exists()

    response = client.post(
        url("intake:intake_wijzigen", dossier),
        intake_data(intake, vve_informatie_op="2026-03-01"),
    )
    assert response.status_code == 400
    assert "alleen een datum in als de VVE-informatie is gegeven" in (
        response.content.decode()
    )


@freeze_time("2026-03-12 10:00:00")
def test_bad_gesprek_and_werkervaring_input_is_refused_with_a_message(
    client_for, dossier, casusregisseur
):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_gesprek_toevoegen", dossier),
        {
            "datum": "2026-03-30",
            "soort": "intakegesprek",
            "tolk": "on",
            "notities": "Mijn",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "in welke taal de tolk" in page
    assert "Een gesprek in de toekomst" in page
    assert ">\nMijn</textarea>" in page

    response = client.post(
        url("intake:intake_werkervaring_toevoegen", dossier),
        {"beroep": "Lasser", "jaren": "veel"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voer een getal in." in page and 'value="Lasser"' in page
    assert not Werkervaring.objects.exists()
