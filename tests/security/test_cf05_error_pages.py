"""CF-05: generic Dutch error pages without internals; no debug or test endpoints
in the real URLconf; DEBUG is off unless asked for.

The failing views live in this module, which is also the test-only URLconf
(`@pytest.mark.urls(__name__)`): the real URL patterns plus a few views that fail on
purpose, with the real error handlers.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.urls import get_resolver, path
from django.urls.resolvers import URLResolver

import pytest

from zevenaar_inburgering import urls as real_urls

ROOT = Path(__file__).resolve().parents[2]

CANARY = "GEHEIM-CF05-CANARY"


def kapot(request):
    raise RuntimeError(f"{CANARY} password=hunter2 at /etc/passwd")


def kapotte_sql(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT geheim_cf05_kolom FROM intake_inburgeraar_bestaat_niet")


def geweigerd(request):
    raise PermissionDenied(f"{CANARY} geweigerd")


def weg(request):
    raise Http404(f"{CANARY} niet gevonden")


urlpatterns = [
    path("cf05/kapot/", kapot),
    path("cf05/sql/", kapotte_sql),
    path("cf05/geweigerd/", geweigerd),
    path("cf05/weg/", weg),
    *real_urls.urlpatterns,
]
handler403 = real_urls.handler403
handler404 = real_urls.handler404
handler500 = real_urls.handler500

# What an error page may never show.
LEAKS = (
    CANARY,
    "geheim_cf05_kolom",
    "Traceback",
    'File "',
    "RuntimeError",
    "ProgrammingError",
    "PermissionDenied",
    "Http404",
    "SELECT",
    "intake_inburgeraar",
    "hunter2",
    "SECRET_KEY",
    "DATABASES",
    "settings.py",
    "site-packages",
    "Request Method",
    "Django Version",
    "Using the URLconf",
    "You're seeing this error",
)


def assert_no_leak(body: str) -> None:
    found = [leak for leak in LEAKS if leak in body]
    assert not found, found
    assert settings.SECRET_KEY not in body


@pytest.fixture
def logged_in(client_for, casusregisseur, settings):
    settings.DEBUG = False
    client = client_for(casusregisseur)
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/cf05/kapot/", "/cf05/sql/"])
def test_cf05_an_exception_gives_the_dutch_500_page_without_internals(logged_in, url):
    response = logged_in.get(url)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert 'lang="nl"' in body
    assert_no_leak(body)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_cf05_403_and_404_are_dutch_and_do_not_show_the_reason(logged_in):
    response = logged_in.get("/cf05/geweigerd/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert_no_leak(response.content.decode())

    response = logged_in.get("/cf05/weg/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert_no_leak(response.content.decode())


@pytest.mark.django_db
def test_cf05_real_403_and_404_are_dutch(client_for, beleidsmedewerker, settings):
    settings.DEBUG = False
    client = client_for(beleidsmedewerker)
    response = client.get("/werkvoorraad/")  # a page the role may not use
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body and 'lang="nl"' in body
    assert_no_leak(body)


def test_cf05_the_real_urlconf_uses_our_error_handlers():
    from zevenaar_inburgering import views

    for code in (403, 404, 500):
        handler = getattr(real_urls, f"handler{code}")
        if isinstance(handler, str):
            assert handler == f"zevenaar_inburgering.views.error_{code}"
        else:
            assert handler is getattr(views, f"error_{code}")


DEBUG_WORDS = ("__debug__", "silk", "debug", "__reload__", "explorer", "rosetta")
DEBUG_APPS = (
    "debug_toolbar",
    "silk",
    "django_extensions",
    "django_browser_reload",
    "explorer",
)


def test_cf05_no_debug_or_test_endpoints_are_mounted():
    from tests.urlwalk import _walk

    patterns = list(_walk(get_resolver().url_patterns))
    assert len(patterns) >= 100, len(patterns)
    for route, _name, pattern in patterns:
        assert not any(word in route.lower() for word in DEBUG_WORDS), route
        module = getattr(pattern.callback, "__module__", "") or ""
        assert not module.startswith(("tests", *DEBUG_APPS)), (route, module)
    # Includes too (an include of a debug app's URLconf with an innocent prefix).
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver):
            name = getattr(resolver.urlconf_module, "__name__", "")
            assert not name.startswith(("tests", *DEBUG_APPS)), name
    for app in settings.INSTALLED_APPS:
        assert not app.startswith(DEBUG_APPS), app
    for middleware in settings.MIDDLEWARE:
        assert not middleware.startswith(DEBUG_APPS), middleware
    assert settings.ROOT_URLCONF == "zevenaar_inburgering.urls"


def _settings_in_a_clean_process(**environment) -> subprocess.CompletedProcess:
    """Import the settings module in a fresh interpreter with only `environment`
    (and no .env file), and print DEBUG."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ENV_FILE": "/dev/null",
        **environment,
    }
    code = (
        "import importlib; "
        "s = importlib.import_module('zevenaar_inburgering.settings'); "
        "print(s.DEBUG, s.DEBUG_PROPAGATE_EXCEPTIONS if hasattr(s, "
        "'DEBUG_PROPAGATE_EXCEPTIONS') else False)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
    "ALLOWED_HOSTS": "inburgering.example.nl",
}


def test_cf05_debug_is_off_unless_asked_for():
    result = _settings_in_a_clean_process(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_cf05_without_debug_the_settings_refuse_to_start_unconfigured():
    result = _settings_in_a_clean_process()
    assert result.returncode != 0
    assert "DEBUG staat uit" in result.stderr
    # The subprocess really can turn DEBUG on, so the test above can fail.
    result = _settings_in_a_clean_process(DEBUG="True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_cf05_the_env_template_does_not_switch_debug_on():
    lines = (ROOT / ".env.example").read_text().splitlines()
    values = [
        line.split("=", 1)[1].strip().lower()
        for line in lines
        if line.strip().startswith("DEBUG=")
    ]
    assert values, "DEBUG missing from .env.example"
    assert all(v in ("", "false", "0", "off", "no") for v in values), values
