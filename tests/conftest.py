"""Personas, one line each saying what they may see."""

import pytest

from tests.factories import InburgeraarFactory, UserFactory, gemeente
from tests.otp import verifieer
from zevenaar_inburgering.accounts.models import Role


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 is slow by design; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media_in_tmp(settings, tmp_path):
    """Generated documents go to a temporary folder, never into the work tree."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture
def zevenaar(db):
    return gemeente("Zevenaar")


@pytest.fixture
def duiven(db):
    return gemeente("Duiven")


@pytest.fixture
def casusregisseur(zevenaar):
    """Sees every dossier of Zevenaar."""
    return UserFactory(
        username="casus.zevenaar", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )


@pytest.fixture
def andere_casusregisseur(duiven):
    """Another gemeente's casusregisseur: sees Duiven's dossiers, none of Zevenaar's."""
    return UserFactory(
        username="casus.duiven", role=Role.CASUSREGISSEUR, gemeenten=[duiven]
    )


@pytest.fixture
def klantmanager(zevenaar):
    """RSD klantmanager: sees only the dossiers assigned to them."""
    return UserFactory(
        username="km.a", role=Role.RSD_KLANTMANAGER, gemeenten=[zevenaar]
    )


@pytest.fixture
def andere_klantmanager(zevenaar):
    """Another RSD klantmanager: none of the first one's clients."""
    return UserFactory(
        username="km.b", role=Role.RSD_KLANTMANAGER, gemeenten=[zevenaar]
    )


@pytest.fixture
def beleidsmedewerker(zevenaar):
    """Aggregates only: no dossier at all."""
    return UserFactory(
        username="beleid", role=Role.BELEIDSMEDEWERKER, gemeenten=[zevenaar]
    )


@pytest.fixture
def functioneel_beheerder(zevenaar):
    """Users, gemeenten and the verwerkingenlog; the dossiers of Zevenaar."""
    return UserFactory(
        username="beheer", role=Role.FUNCTIONEEL_BEHEERDER, gemeenten=[zevenaar]
    )


@pytest.fixture
def dossier(zevenaar, casusregisseur, klantmanager):
    """A Zevenaar dossier with bijstand, assigned to `casusregisseur` and `klantmanager`."""
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        rsd_klantmanager=klantmanager,
        met_bijstand=True,
        voornamen="Amal",
        achternaam="Haddad",
    )


@pytest.fixture
def dossier_duiven(duiven, andere_casusregisseur):
    return InburgeraarFactory(
        gemeente=duiven, casusregisseur=andere_casusregisseur, achternaam="Tesfay"
    )


@pytest.fixture
def client_for(client):
    """Log the test client in as `user`, password and second factor, and return it.
    (A bare `client.force_login(user)` is a user with a password only: every page
    sends them to the second-factor step.)"""

    def login(user):
        client.force_login(user)
        verifieer(client, user)
        return client

    return login
