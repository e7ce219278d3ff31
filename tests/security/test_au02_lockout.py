"""AU-02: after 5 failed logins a username is locked out (django-axes); the
lockout is logged, and neither the messages nor the lockout page tell whether the
account exists."""

import re

from django.urls import reverse

import pytest
from axes.models import AccessAttempt

from tests.factories.accounts import PASSWORD
from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db


def _poging(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _zonder_token(response) -> str:
    """The page without what differs per request (CSRF token, CSP nonce)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return html.replace('value="casus.zevenaar"', "").replace(
        'value="bestaat.niet"', ""
    )


def test_au02_lockout_after_five_failures_even_with_the_right_password(
    client, casusregisseur, settings
):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = _poging(client, "casus.zevenaar", "fout-wachtwoord")
        assert response.status_code == 200
        assert (
            "Voer een juiste gebruikersnaam en wachtwoord in"
            in response.content.decode()
        )
    vijfde = _poging(client, "casus.zevenaar", "fout-wachtwoord")
    assert vijfde.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in vijfde.content.decode()

    response = _poging(client, "casus.zevenaar", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="casus.zevenaar").exists()
    soorten = list(
        Beveiligingsgebeurtenis.objects.filter(gebruikersnaam="casus.zevenaar")
        .order_by("pk")
        .values_list("soort", flat=True)
    )
    assert soorten.count("inloggen_mislukt") >= 5
    assert "geblokkeerd" in soorten
    assert "inloggen" not in soorten


def test_au02_messages_do_not_reveal_whether_the_account_exists(client, casusregisseur):
    bestaand = _poging(client, "casus.zevenaar", "fout-wachtwoord")
    onbekend = _poging(client, "bestaat.niet", "fout-wachtwoord")
    assert _zonder_token(bestaand) == _zonder_token(onbekend)
    for _ in range(4):
        bestaand = _poging(client, "casus.zevenaar", "fout-wachtwoord")
        onbekend = _poging(client, "bestaat.niet", "fout-wachtwoord")
    assert bestaand.status_code == onbekend.status_code == 429
    assert _zonder_token(bestaand) == _zonder_token(onbekend)


def test_au02_a_successful_login_resets_the_count(client, casusregisseur):
    for _ in range(4):
        _poging(client, "casus.zevenaar", "fout-wachtwoord")
    assert _poging(client, "casus.zevenaar", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert _poging(client, "casus.zevenaar", "fout-wachtwoord").status_code == 200
