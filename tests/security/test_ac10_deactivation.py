"""AC-10: deactivating a user or changing their role ends their sessions at once;
the next request with the old cookie goes to the login page."""

from django.contrib.sessions.models import Session
from django.urls import reverse

import pytest

from tests.security.requesting import naar_login
from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis, Role

pytestmark = pytest.mark.django_db

WERKVOORRAAD = "/werkvoorraad/"


def _sessies_van(user) -> int:
    return sum(
        1
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_ac10_deactivation_ends_every_session_of_the_user(
    client_for, casusregisseur, klantmanager
):
    client = client_for(casusregisseur)
    assert client.get(WERKVOORRAAD).status_code == 200
    from django.test import Client

    from tests.otp import verifieer

    tweede = Client()
    tweede.force_login(casusregisseur)
    verifieer(tweede, casusregisseur)
    anders = Client()
    anders.force_login(klantmanager)
    assert _sessies_van(casusregisseur) == 2

    casusregisseur.is_active = False
    casusregisseur.save()

    assert _sessies_van(casusregisseur) == 0
    assert _sessies_van(klantmanager) == 1
    for c in (client, tweede):
        naar_login(c, WERKVOORRAAD)
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="sessies_beeindigd"
    ).exists()


def test_ac10_a_role_change_ends_the_sessions_too(client_for, casusregisseur):
    client = client_for(casusregisseur)
    casusregisseur.role = Role.BELEIDSMEDEWERKER
    casusregisseur.save()
    naar_login(client, WERKVOORRAAD)


def test_ac10_deactivation_in_beheer_ends_the_sessions(
    client_for, functioneel_beheerder, casusregisseur
):
    from django.test import Client

    from tests.otp import verifieer

    slachtoffer = Client()
    slachtoffer.force_login(casusregisseur)
    verifieer(slachtoffer, casusregisseur)
    beheer = client_for(functioneel_beheerder)
    response = beheer.post(
        reverse("admin:accounts_user_change", args=[casusregisseur.pk]),
        {
            "username": casusregisseur.username,
            "first_name": casusregisseur.first_name,
            "last_name": casusregisseur.last_name,
            "email": casusregisseur.email,
            "role": casusregisseur.role,
            "gemeenten": [g.pk for g in casusregisseur.gemeenten.all()],
            # is_active left out: unticked
            "last_login_0": "",
            "date_joined_0": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    casusregisseur.refresh_from_db()
    assert not casusregisseur.is_active
    assert slachtoffer.get(WERKVOORRAAD).status_code == 302


def test_ac10_a_login_that_only_updates_last_login_ends_nothing(
    client_for, casusregisseur
):
    client = client_for(casusregisseur)
    casusregisseur.first_name = "Anders"
    casusregisseur.save()
    assert client.get(WERKVOORRAAD).status_code == 200


def test_expired_sessions_are_cleared_by_the_nightly_job(
    client_for, casusregisseur, settings
):
    import datetime as dt

    from django.utils import timezone

    from zevenaar_inburgering.accounts.tasks import sessies_opruimen

    client_for(casusregisseur)
    levend = Session.objects.get()
    Session.objects.create(
        session_key="verlopen" * 4,
        session_data="x",
        expire_date=timezone.now() - dt.timedelta(seconds=1),
    )
    assert sessies_opruimen() == 1
    assert list(Session.objects.all()) == [levend]
    assert sessies_opruimen() == 0
    assert any(
        job["task"] == "accounts.sessies_opruimen"
        for job in settings.CELERY_BEAT_SCHEDULE.values()
    )
