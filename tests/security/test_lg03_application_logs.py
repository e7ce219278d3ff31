"""LG-03 and LG-07: application logs are JSON lines with UTC timestamps, and hold no
BSN, password, session id, CSRF token or health data.

The test configures logging exactly as Django does, from settings.LOGGING, with the
console handler's stream swapped for a buffer. Then a full flow runs through the
test client: a login with the password (and a failed one), a dossier created with a
canary BSN, a BSN search, health data saved, a 400, a 404 with the BSN in the query
string, a 500 whose exception message holds the BSN, the password and the session
key, and application code logging those values itself. Every captured line must be
a JSON object with a UTC time, and none may contain a canary. The test also checks
that the lines it expects are there, redacted, so it cannot pass on an empty log.

Gunicorn's access log (`--access-logfile -`) is gunicorn's own and not covered
here; it carries paths and query strings only, and no URL holds a BSN (AC-06).
"""

import copy
import datetime as dt
import io
import json
import logging
import re

from django.conf import settings
from django.urls import path, reverse
from django.utils.log import configure_logging

import pytest

from intake.models import Inburgeraar
from tests.factories.accounts import PASSWORD
from tests.factories.intake import BredeIntakeFactory, nieuw_dossier_post
from zevenaar_inburgering import urls as project_urls
from zevenaar_inburgering.logformat import JsonFormatter, RedactingFilter, redact
from zevenaar_inburgering.validators import is_valid_bsn

CANARY_BSN = "876543219"
FOUT_WACHTWOORD = "Verkeerd-Kanarie-4471"
HEALTH_CANARY = "GEZONDHEID-KANARIE-91c2"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")


def kapot(request):
    """A view that fails with personal data and secrets in its exception message."""
    raise RuntimeError(
        f"Opslaan mislukt voor BSN {CANARY_BSN}; password={PASSWORD}; "
        f"sessionid={request.session.session_key}"
    )


# This module is the URLconf of its tests: the project's URLs plus the failing view.
urlpatterns = [path("lg03-kapot/", kapot), *project_urls.urlpatterns]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def captured_logs():
    """Logging configured from settings.LOGGING into a buffer; restored afterwards."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["stream"] = buffer
    configure_logging(settings.LOGGING_CONFIG, config)
    try:
        yield buffer
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def parse(buffer: io.StringIO) -> list[dict]:
    text = buffer.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_lg03_the_canary_is_a_valid_bsn():
    assert is_valid_bsn(CANARY_BSN)


def test_lg03_a_full_flow_logs_json_lines_without_secrets_or_personal_data(
    client, client_for, casusregisseur, zevenaar, captured_logs
):
    # Log in with the password (the second factor follows; other tests cover it),
    # and fail once with a wrong one.
    client.get(reverse("login"))
    csrf_token = client.cookies[settings.CSRF_COOKIE_NAME].value
    client.post(
        reverse("login"),
        {"username": casusregisseur.username, "password": FOUT_WACHTWOORD},
    )
    client.post(
        reverse("login"),
        {
            "username": casusregisseur.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token,
        },
    )
    client = client_for(casusregisseur)
    client.raise_request_exception = False
    session_key = client.session.session_key
    assert session_key

    # A dossier with the canary BSN, found again by a BSN search.
    response = client.post(
        reverse("intake:dossier_aanmaken"),
        nieuw_dossier_post(CANARY_BSN, zevenaar),
    )
    assert response.status_code == 302
    dossier = Inburgeraar.objects.get(bsn=CANARY_BSN)
    client.post(
        reverse("monitoring:werkvoorraad"), {"zoek": CANARY_BSN, "sorteer": "naam"}
    )

    # Health data: saved, and once refused with a bad date (400).
    intake = BredeIntakeFactory(inburgeraar=dossier)
    gezondheid_url = reverse("intake:intake_gezondheid", args=[dossier.pk])
    velden = {"trauma": HEALTH_CANARY, "mentale_gezondheid": HEALTH_CANARY}
    bad = client.post(
        gezondheid_url, {**velden, "besproken_op": "gisteren", "versie": intake.versie}
    )
    assert bad.status_code == 400
    ok = client.post(
        gezondheid_url,
        {**velden, "besproken_op": "2026-03-12", "versie": intake.versie},
    )
    assert ok.status_code == 302
    assert HEALTH_CANARY in client.get(gezondheid_url).content.decode()

    # 404 with the BSN and the token in the query string; 500 with both in the error.
    missing = client.get(
        "/dossiers/00000000-0000-0000-0000-000000000009/"
        f"?bsn={CANARY_BSN}&csrfmiddlewaretoken={csrf_token}"
    )
    assert missing.status_code == 404
    crash = client.post(
        "/lg03-kapot/",
        {"password": PASSWORD, "trauma": HEALTH_CANARY, "bsn": CANARY_BSN},
        HTTP_AUTHORIZATION="Bearer geheim-token-123",
    )
    assert crash.status_code == 500

    # Application code that logs what it should not.
    logger = logging.getLogger("intake.views")
    logger.warning(
        "Zoekopdracht %s door sessie password=%s sessionid=%s csrftoken=%s",
        CANARY_BSN,
        PASSWORD,
        session_key,
        csrf_token,
    )
    logger.warning(
        "Headers: Cookie: %s=%s; %s=%s",
        settings.SESSION_COOKIE_NAME,
        session_key,
        settings.CSRF_COOKIE_NAME,
        csrf_token,
    )
    logger.warning('Formulier: {"wachtwoord": "%s", "bsn": "%s"}', PASSWORD, CANARY_BSN)
    try:
        raise ValueError(f"BSN {CANARY_BSN} ongeldig, wachtwoord={PASSWORD}")
    except ValueError:
        logger.exception("Import van %s mislukt", CANARY_BSN)
    logger.warning('Regel 1\n{"level": "CRITICAL", "logger": "nep", "message": "x"}')

    lines = parse(captured_logs)
    output = captured_logs.getvalue()

    # LG-07: one JSON object per line, with UTC time, level, logger and message.
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys(), line
        assert TIME.match(line["time"]), line["time"]
        assert dt.datetime.fromisoformat(line["time"]).utcoffset() == dt.timedelta(0)
    assert not [line for line in lines if line["logger"] == "nep"]

    # LG-03: no canary anywhere.
    for secret in (
        CANARY_BSN,
        PASSWORD,
        FOUT_WACHTWOORD,
        session_key,
        csrf_token,
        HEALTH_CANARY,
        "geheim-token-123",
    ):
        assert secret not in output, secret

    # The lines that had to be redacted are really there (no vacuous pass).
    by_message = {line["message"]: line for line in lines}
    assert by_message["Not Found: /dossiers/00000000-0000-0000-0000-000000000009/"]
    error = by_message["Internal Server Error: /lg03-kapot/"]
    assert error["logger"] == "django.request" and error["level"] == "ERROR"
    assert "RuntimeError: Opslaan mislukt voor BSN [BSN]" in error["exc_info"]
    assert "password=[REDACTED]" in error["exc_info"]
    assert "sessionid=[REDACTED]" in error["exc_info"]
    assert any(m.startswith("Bad Request: ") for m in by_message)
    assert (
        "Zoekopdracht [BSN] door sessie password=[REDACTED] sessionid=[REDACTED] "
        "csrftoken=[REDACTED]" in by_message
    )
    assert "Headers: Cookie: [REDACTED]" in by_message
    assert 'Formulier: {"wachtwoord": "[REDACTED]", "bsn": "[BSN]"}' in by_message
    failed_import = by_message["Import van [BSN] mislukt"]
    assert (
        "ValueError: BSN [BSN] ongeldig, wachtwoord=[REDACTED]"
        in (failed_import["exc_info"])
    )


def test_lg03_djangos_loggers_have_no_handlers_of_their_own(settings):
    """With DEBUG on too: Django's default console (plain text) and mail_admins
    handlers are gone; everything goes through the root's JSON handler."""
    settings.DEBUG = True
    try:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
        for name in ("django", "django.request", "django.server", "django.security"):
            assert logging.getLogger(name).handlers == [], name
        [handler] = logging.getLogger().handlers
        assert isinstance(handler.formatter, JsonFormatter)
        assert any(isinstance(f, RedactingFilter) for f in handler.filters)
    finally:
        settings.DEBUG = False
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bsn 123456782.", "bsn [BSN]."),
        ("bsn123456782, (123456782)", "bsn[BSN], ([BSN])"),
        (
            "/dossiers/c63365ed-8ca6-48b2-86ee-bea099585803/ 0123456789abcdef",
            "/dossiers/c63365ed-8ca6-48b2-86ee-bea099585803/ 0123456789abcdef",
        ),
        ("nummers 1234567890 en 12345678", "nummers 1234567890 en 12345678"),
        ("password=Geheim-1&next=/", "password=[REDACTED]&next=/"),
        ("new_password1=a b", "new_password1=[REDACTED] b"),
        ("'wachtwoord': 'x y'", "'wachtwoord': '[REDACTED]'"),
        ('{"csrfmiddlewaretoken": "abc"}', '{"csrfmiddlewaretoken": "[REDACTED]"}'),
        (
            "<QueryDict: {'password': ['x'], 'username': ['jan']}>",
            "<QueryDict: {'password': ['[REDACTED]'], 'username': ['jan']}>",
        ),
        ("__Host-sessionid=abc; path=/", "__Host-sessionid=[REDACTED]; path=/"),
        ("Cookie: sessionid=a; csrftoken=b\nvolgende", "Cookie: [REDACTED]\nvolgende"),
        ("'HTTP_COOKIE': 'sessionid=a', 'X': 1", "'HTTP_COOKIE': '[REDACTED]', 'X': 1"),
        ("Authorization: Bearer abc.def", "Authorization: [REDACTED]"),
        ("X-CSRFToken: abc", "X-CSRFToken: [REDACTED]"),
        ("gebruiker_id=417 pad=/dossiers/", "gebruiker_id=417 pad=/dossiers/"),
    ],
)
def test_lg03_redaction(text, expected):
    assert redact(text) == expected
    assert redact(expected) == expected  # redacting twice changes nothing


def test_lg03_a_message_with_bad_arguments_does_not_break_the_caller():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("a",), None)
    assert RedactingFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "%s %s [argumenten niet te formatteren]"
