"""Sessions: a new key at login and again after the second factor (AU-03); 15
minutes of inactivity or 10 hours after login end the session, with a warning in
the page before (AU-04); logout ends it server-side and authenticated pages are
never cached (AU-05)."""

import datetime as dt

from django.contrib.sessions.models import Session
from django.urls import reverse

import pytest
from freezegun import freeze_time

from monitoring.models import Kwartaalrapport
from tests.factories.accounts import PASSWORD
from tests.otp import app_voor, code
from tests.security.requesting import naar_login
from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db

WERKVOORRAAD = "/werkvoorraad/"
BEGIN = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def test_au03_session_key_rotates_at_login_and_after_the_second_factor(
    client, casusregisseur
):
    app = app_voor(casusregisseur)
    session = client.session
    session["voor_het_inloggen"] = True
    session.save()
    anoniem = client.session.session_key
    client.post(
        reverse("login"), {"username": casusregisseur.username, "password": PASSWORD}
    )
    na_wachtwoord = client.session.session_key
    assert na_wachtwoord and na_wachtwoord != anoniem
    client.post(reverse("tweestaps:controleren"), {"code": code(app)})
    na_code = client.session.session_key
    assert na_code and na_code != na_wachtwoord
    assert not Session.objects.filter(session_key__in=[anoniem, na_wachtwoord]).exists()
    assert client.get(WERKVOORRAAD).status_code == 200


def test_au04_inactivity_of_15_minutes_ends_the_session(client_for, casusregisseur):
    with freeze_time(BEGIN) as klok:
        client = client_for(casusregisseur)
        sleutel = client.session.session_key
        klok.tick(dt.timedelta(minutes=14))
        assert client.get(WERKVOORRAAD).status_code == 200
        klok.tick(dt.timedelta(minutes=14))
        assert client.get(WERKVOORRAAD).status_code == 200
        klok.tick(dt.timedelta(minutes=15, seconds=31))
        response = naar_login(client, WERKVOORRAAD)
        assert not Session.objects.filter(session_key=sleutel).exists()
        volgende = client.get(response.url)
        assert "Uw sessie is verlopen" in volgende.content.decode()
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="sessie_verlopen", toelichting="inactief"
    ).exists()


def test_au04_absolute_lifetime_of_10_hours_even_when_active(
    client_for, casusregisseur
):
    with freeze_time(BEGIN) as klok:
        client = client_for(casusregisseur)
        for _ in range(59):  # every 10 minutes, 9 h 50 min in all
            klok.tick(dt.timedelta(minutes=10))
            assert client.get(WERKVOORRAAD).status_code == 200
        klok.tick(dt.timedelta(minutes=10, seconds=1))
        naar_login(client, WERKVOORRAAD)
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="sessie_verlopen", toelichting="absoluut"
    ).exists()


def test_au04_a_polling_page_does_not_keep_the_session_alive(
    client_for, beleidsmedewerker, zevenaar
):
    with freeze_time(BEGIN) as klok:
        client = client_for(beleidsmedewerker)
        rapport = Kwartaalrapport.objects.create(
            jaar=2026, kwartaal=1, gemeente=zevenaar, aangevraagd_door=beleidsmedewerker
        )
        status = reverse("monitoring:kwartaalrapport_status", args=[rapport.pk])
        for _ in range(16):
            klok.tick(dt.timedelta(minutes=1))
            response = client.get(status, headers={"HX-Request": "true"})
        assert response.status_code == 302
        assert response["HX-Redirect"] == reverse("login")


def test_au04_sessie_verlengen_counts_as_activity(client_for, casusregisseur):
    with freeze_time(BEGIN) as klok:
        client = client_for(casusregisseur)
        klok.tick(dt.timedelta(minutes=14))
        assert client.post(reverse("sessie_verlengen")).status_code == 204
        klok.tick(dt.timedelta(minutes=14))
        assert client.get(WERKVOORRAAD).status_code == 200
        assert client.get(reverse("sessie_verlengen")).status_code == 405


def test_au04_pages_carry_the_inactivity_warning(client_for, casusregisseur, settings):
    html = client_for(casusregisseur).get(WERKVOORRAAD).content.decode()
    assert f'data-sessie-inactief="{settings.SESSION_IDLE_SECONDS}"' in html
    assert settings.SESSION_IDLE_SECONDS == 15 * 60
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    assert 'id="sessie-waarschuwing"' in html and "Ingelogd blijven" in html
    assert "js/sessie." in html


def test_au05_logout_ends_the_session_server_side(client_for, casusregisseur):
    client = client_for(casusregisseur)
    sleutel = client.session.session_key
    cookie = client.cookies["sessionid"].value
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=sleutel).exists()
    # replay the old cookie
    client.cookies["sessionid"] = cookie
    naar_login(client, WERKVOORRAAD)
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="uitloggen"
    ).exists()


def test_au05_logout_by_get_is_refused(client_for, casusregisseur):
    client = client_for(casusregisseur)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(WERKVOORRAAD).status_code == 200


def test_au05_authenticated_pages_are_not_stored(client_for, casusregisseur, dossier):
    client = client_for(casusregisseur)
    for url in (WERKVOORRAAD, reverse("monitoring:dossier", args=[dossier.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
