"""AU-01: every account needs a second factor (TOTP app or backup code) on every
page, the admin included. Set-up with a QR code, backup codes, demo mode."""

import re
import time

from django.urls import reverse

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import PASSWORD
from tests.otp import app_voor, code
from tests.urlwalk import all_urls
from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db

# Pages a user with only a password may open: the public ones and the steps that
# lead to the second factor.
ZONDER_TWEEDE_FACTOR = {
    "login",
    "logout",
    "health",
    "toegankelijkheid",
    "tweestaps:controleren",
    "tweestaps:instellen",
}
INSTELLEN = reverse("tweestaps:instellen")
CONTROLEREN = reverse("tweestaps:controleren")


def _wachtwoord_alleen(client, user):
    client.force_login(user)
    return client


def _beschermde_urls():
    urls = [
        (name, path)
        for route, name, path in all_urls()
        if name not in ZONDER_TWEEDE_FACTOR
        # the admin's own login only redirects to ours (AC-01 tests that)
        and route != "beheer/login/"
    ]
    assert len(urls) > 150, len(urls)
    return urls


def test_au01_password_only_reaches_no_page_without_an_app(client, casusregisseur):
    """No device yet: every page (and the admin) sends to the set-up."""
    _wachtwoord_alleen(client, casusregisseur)
    for name, path in _beschermde_urls():
        response = client.get(path)
        assert response.status_code == 302, (name, path, response.status_code)
        assert response.url.startswith(INSTELLEN), (name, path, response.url)


def test_au01_password_only_with_an_app_must_enter_a_code(
    client, functioneel_beheerder
):
    app_voor(functioneel_beheerder)
    _wachtwoord_alleen(client, functioneel_beheerder)
    for name, path in _beschermde_urls():
        response = client.get(path)
        assert response.status_code == 302, (name, path, response.status_code)
        assert response.url.startswith(CONTROLEREN), (name, path, response.url)
    # the admin too, explicitly (a staff user with a password is not enough)
    response = client.get("/beheer/")
    assert response.url.startswith(CONTROLEREN)


def test_au01_htmx_request_without_second_factor_is_redirected_whole_page(
    client, casusregisseur
):
    _wachtwoord_alleen(client, casusregisseur)
    response = client.get(
        reverse("monitoring:werkvoorraad"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 302
    assert response["HX-Redirect"].startswith(INSTELLEN)


def _inloggen(client, user, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": user.username, "password": password}, follow=True
    )


def test_au01_first_login_sets_up_the_app_with_qr_code_and_backup_codes(
    client, casusregisseur
):
    response = _inloggen(client, casusregisseur)
    assert response.redirect_chain[-1][0].startswith(INSTELLEN)
    html = response.content.decode()
    assert "<svg" in html and "QR-code" in html
    app = TOTPDevice.objects.get(user=casusregisseur, confirmed=False)
    # the key to type in instead of scanning is on the page, in groups of four
    assert re.search(r"<code[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", html)

    fout = client.post(INSTELLEN, {"code": "000000"})
    assert fout.status_code == 400
    assert "Deze code klopt niet" in fout.content.decode()
    assert not TOTPDevice.objects.get(pk=app.pk).confirmed

    # after a wrong code the device accepts nothing for a second (throttling)
    time.sleep(1.1)
    klaar = client.post(INSTELLEN, {"code": code(app), "next": "/"})
    assert klaar.status_code == 200
    app.refresh_from_db()
    assert app.confirmed
    reservecodes = StaticToken.objects.filter(device__user=casusregisseur)
    assert reservecodes.count() == 10
    for token in reservecodes:
        assert token.token in klaar.content.decode()
    # now verified: the pages open
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 200
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="tweede_factor_ingesteld"
    ).exists()


def test_au01_set_up_cannot_replace_an_existing_app_with_a_password_only(
    client, casusregisseur
):
    app_voor(casusregisseur)
    _wachtwoord_alleen(client, casusregisseur)
    response = client.get(INSTELLEN)
    assert response.status_code == 302
    assert response.url.startswith(CONTROLEREN)
    assert TOTPDevice.objects.filter(user=casusregisseur).count() == 1


def test_au01_login_with_app_code(client, casusregisseur):
    app = app_voor(casusregisseur)
    response = _inloggen(client, casusregisseur)
    assert response.redirect_chain[-1][0].startswith(CONTROLEREN)
    fout = client.post(CONTROLEREN, {"code": "123456"})
    assert fout.status_code == 400
    assert "Fout:" in fout.content.decode()
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 302

    time.sleep(1.1)  # throttled for a second after the wrong code
    goed = client.post(CONTROLEREN, {"code": code(app), "next": "/werkvoorraad/"})
    assert goed.status_code == 302
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 200


def test_au01_backup_code_works_once(client, casusregisseur):
    app_voor(casusregisseur)
    client.force_login(casusregisseur)
    from zevenaar_inburgering.accounts.tweestaps import _reservecodes_maken

    reserve = _reservecodes_maken(casusregisseur)[0]
    response = client.post(CONTROLEREN, {"code": reserve.upper()})
    assert response.status_code == 302
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 200

    client.post(reverse("logout"))
    client.force_login(casusregisseur)
    again = client.post(CONTROLEREN, {"code": reserve})
    assert again.status_code == 400


def test_au01_unsafe_next_is_ignored(client, casusregisseur):
    app = app_voor(casusregisseur)
    client.force_login(casusregisseur)
    response = client.post(
        CONTROLEREN, {"code": code(app), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_au01_demo_mode_shows_banner_and_may_skip(client, casusregisseur, settings):
    settings.DEMO_MODUS = True
    assert "Demonstratieomgeving" in client.get(reverse("login")).content.decode()
    client.force_login(casusregisseur)
    pagina = client.get(INSTELLEN).content.decode()
    assert "Overslaan" in pagina
    response = client.post(INSTELLEN, {"overslaan": "1", "next": "/werkvoorraad/"})
    assert response.status_code == 302
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 200


def test_au01_outside_demo_mode_there_is_no_skipping(client, casusregisseur, settings):
    assert settings.DEMO_MODUS is False  # the tests run with the second factor enforced
    assert "Demonstratieomgeving" not in client.get(reverse("login")).content.decode()
    client.force_login(casusregisseur)
    assert "Overslaan" not in client.get(INSTELLEN).content.decode()
    assert client.post(INSTELLEN, {"overslaan": "1"}).status_code == 404
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 302


def test_au01_backup_codes_page_regenerates(client_for, casusregisseur):
    client = client_for(casusregisseur)
    assert (
        "<strong>0</strong> ongebruikte"
        in client.get(reverse("tweestaps:reservecodes")).content.decode()
    )
    response = client.post(reverse("tweestaps:reservecodes"))
    assert response.status_code == 200
    assert StaticToken.objects.filter(device__user=casusregisseur).count() == 10
    assert (
        "<strong>10</strong> ongebruikte"
        in client.get(reverse("tweestaps:reservecodes")).content.decode()
    )


def test_au01_beheer_resets_a_lost_phone(
    client_for, functioneel_beheerder, casusregisseur
):
    app_voor(casusregisseur)
    client = client_for(functioneel_beheerder)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "tweestaps_opnieuw_instellen",
            "_selected_action": [casusregisseur.pk],
        },
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=casusregisseur).exists()
    assert Beveiligingsgebeurtenis.objects.filter(
        gebruiker=casusregisseur, soort="tweede_factor_gewist"
    ).exists()
