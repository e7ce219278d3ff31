"""LG-06: login, failed login, lockout, second-factor events, password change and
logout each leave a row in the security log (append-only) and a line on the
security logger, without the password or the code."""

import logging
import time

from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

import pytest

from tests.factories.accounts import PASSWORD
from tests.otp import app_voor, code
from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

pytestmark = pytest.mark.django_db


def _soorten(user=None, gebruikersnaam=None) -> list[str]:
    rows = Beveiligingsgebeurtenis.objects.order_by("pk")
    if user is not None:
        rows = rows.filter(gebruiker=user)
    if gebruikersnaam is not None:
        rows = rows.filter(gebruikersnaam=gebruikersnaam)
    return list(rows.values_list("soort", flat=True))


def test_lg06_every_authentication_event_is_logged(client, casusregisseur, caplog):
    app = app_voor(casusregisseur)
    caplog.set_level(logging.INFO, logger="zevenaar_inburgering.security")
    login = reverse("login")
    client.post(login, {"username": casusregisseur.username, "password": "fout-1234"})
    client.post(login, {"username": "bestaat.niet", "password": "fout-1234"})
    client.post(login, {"username": casusregisseur.username, "password": PASSWORD})
    client.post(reverse("tweestaps:controleren"), {"code": "999999"})
    time.sleep(1.1)  # the device is throttled for a second after a wrong code
    client.post(reverse("tweestaps:controleren"), {"code": code(app)})
    client.post(reverse("logout"))
    casusregisseur.set_password("Een-nieuw-wachtwoord-2026")
    casusregisseur.save()

    assert _soorten(gebruikersnaam="bestaat.niet") == ["inloggen_mislukt"]
    assert _soorten(gebruikersnaam=casusregisseur.username) == [
        "inloggen_mislukt",
        "inloggen",
        "tweede_factor_mislukt",
        "tweede_factor_ok",
        "uitloggen",
        "wachtwoord_gewijzigd",
    ]
    ok = Beveiligingsgebeurtenis.objects.get(soort="inloggen")
    assert ok.gebruiker == casusregisseur and ok.ip == "127.0.0.1"
    regels = [r.getMessage() for r in caplog.records if r.name.endswith("security")]
    assert len(regels) >= 7
    tekst = "\n".join(regels)
    for geheim in (PASSWORD, "fout-1234", "999999", code(app)):
        assert geheim not in tekst


def test_lg06_set_up_and_backup_codes_are_logged(client_for, casusregisseur):
    client = client_for(casusregisseur)
    client.post(reverse("tweestaps:reservecodes"))
    assert "reservecodes_vernieuwd" in _soorten(casusregisseur)


def test_lg06_the_security_log_is_append_only(casusregisseur, client_for):
    client_for(casusregisseur)
    gebeurtenis = Beveiligingsgebeurtenis.objects.first()
    for sql in (
        "UPDATE accounts_beveiligingsgebeurtenis SET soort = 'x' WHERE id = %s",
        "DELETE FROM accounts_beveiligingsgebeurtenis WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [gebeurtenis.pk])
    assert Beveiligingsgebeurtenis.objects.filter(
        pk=gebeurtenis.pk, soort="inloggen"
    ).exists()


@pytest.mark.parametrize(
    ("hops", "doorgestuurd", "verwacht"),
    [
        (0, "203.0.113.7", "127.0.0.1"),  # no proxy: the header is the client's word
        (
            1,
            "6.6.6.6, 203.0.113.7",
            "203.0.113.7",
        ),  # the proxy's entry, not the client's
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "geen-adres", "127.0.0.1"),
        (3, "203.0.113.7", "127.0.0.1"),  # fewer entries than proxies: keep REMOTE_ADDR
    ],
)
def test_lg06_the_client_address_behind_a_proxy_is_logged(
    client, casusregisseur, settings, hops, doorgestuurd, verwacht
):
    settings.TRUSTED_PROXY_HOPS = hops
    client.post(
        reverse("login"),
        {"username": casusregisseur.username, "password": "fout-1234"},
        headers={"X-Forwarded-For": doorgestuurd},
    )
    assert Beveiligingsgebeurtenis.objects.get(soort="inloggen_mislukt").ip == verwacht
