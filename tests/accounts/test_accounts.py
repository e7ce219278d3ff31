from django.urls import reverse

import pytest

from tests.otp import app_voor, code
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

pytestmark = pytest.mark.django_db


def test_the_three_gemeenten_exist_with_their_cbs_codes():
    codes = dict(Gemeente.objects.values_list("naam", "cbs_code"))
    assert codes == {"Zevenaar": "0299", "Duiven": "0226", "Westervoort": "0293"}


def test_login_page_is_dutch_and_logs_in(client, casusregisseur):
    app = app_voor(casusregisseur)
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in page and "Wachtwoord" in page
    response = client.post(
        reverse("login"),
        {"username": "casus.zevenaar", "password": "Test-wachtwoord-2026"},
        follow=True,
    )
    # the password is step one; the code from the app is step two (AU-01)
    assert response.request["PATH_INFO"] == reverse("tweestaps:controleren")
    response = client.post(
        response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"],
        {"code": code(app)},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/werkvoorraad/"


def test_wrong_password_gets_a_dutch_message(client, casusregisseur):
    response = client.post(
        reverse("login"), {"username": "casus.zevenaar", "password": "fout"}
    )
    assert (
        "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    )


def test_logout_ends_the_session(client_for, casusregisseur):
    client = client_for(casusregisseur)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("monitoring:werkvoorraad")).status_code == 302


def test_each_role_lands_on_its_start_page(
    client_for, casusregisseur, klantmanager, beleidsmedewerker
):
    assert client_for(casusregisseur).get("/").url == reverse("monitoring:werkvoorraad")
    assert client_for(klantmanager).get("/").url == reverse("intake:rsd_klanten")
    assert client_for(beleidsmedewerker).get("/").url == reverse("monitoring:dashboard")


def test_functioneel_beheer_manages_users_in_the_admin(
    client_for, functioneel_beheerder, zevenaar
):
    client = client_for(functioneel_beheerder)
    assert client.get("/beheer/accounts/user/").status_code == 200
    response = client.post(
        "/beheer/accounts/user/add/",
        {
            "username": "nieuwe.regisseur",
            "password1": "een-lang-genoeg-wachtwoord",
            "password2": "een-lang-genoeg-wachtwoord",
            "usable_password": "true",
            "role": Role.CASUSREGISSEUR,
            "gemeenten": [zevenaar.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuwe.regisseur")
    assert user.role == Role.CASUSREGISSEUR and list(user.gemeenten.all()) == [zevenaar]
    assert not user.is_staff


@pytest.mark.parametrize(
    "persona", ["casusregisseur", "klantmanager", "beleidsmedewerker"]
)
def test_other_roles_have_no_admin(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    response = client.get("/beheer/accounts/user/")
    assert response.status_code == 302  # to the login page: not staff


def test_admin_does_not_expose_dossiers(client_for, functioneel_beheerder):
    response = client_for(functioneel_beheerder).get("/beheer/intake/inburgeraar/")
    assert response.status_code == 404


def test_dutch_error_pages(client_for, casusregisseur):
    response = client_for(casusregisseur).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
