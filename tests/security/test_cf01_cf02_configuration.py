"""CF-01: `check --deploy --fail-level WARNING` passes with production settings
(and refuses demo mode). CF-02: every response carries a strict nonce-based CSP and
the other security headers; production cookies are Secure, HttpOnly, SameSite and
__Host- prefixed."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest

from tests.urlwalk import all_urls

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def productie_env(**extra) -> dict:
    """What a production host sets (docs/operations.md), nothing from .env."""
    env = {
        "PATH": os.environ["PATH"],
        "ENV_FILE": "/dev/null",
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "BSN_HASH_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://inburgering:inburgering@127.0.0.1:5432/inburgering",
        "ALLOWED_HOSTS": "inburgering.zevenaar.nl",
        "CSRF_TRUSTED_ORIGINS": "https://inburgering.zevenaar.nl",
        "SECURE_COOKIES": "True",
        "BEHIND_HTTPS_PROXY": "True",
    }
    return env | extra


def _manage(*args, **extra):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=productie_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cf01_check_deploy_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_cf01_check_deploy_refuses_demo_mode():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEMO_MODE="True")
    assert result.returncode != 0
    assert "accounts.W001" in result.stdout + result.stderr


def test_cf02_production_cookies_are_host_prefixed_and_secure():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.DEBUG, s.DEMO_MODUS)",
    )
    assert result.returncode == 0, result.stderr
    # the last line: Django's shell may first say what it imported
    assert result.stdout.strip().splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "True",
        "Lax",
        "True",
        "31536000",
        "True",
        "False",
        "False",
    ]


def test_cf02_login_sets_cookies_with_every_attribute(client, casusregisseur, settings):
    """The production cookie settings, in process, over HTTPS."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    from tests.factories.accounts import PASSWORD

    client.get(reverse("login"), secure=True)
    response = client.post(
        reverse("login"),
        {"username": casusregisseur.username, "password": PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    sessie = response.cookies["__Host-sessionid"]
    assert sessie["secure"] and sessie["httponly"]
    assert sessie["samesite"] == "Lax"
    assert sessie["path"] == "/" and not sessie["domain"]
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["path"] == "/"


def _assert_headers(response, where):
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ") if d}
    assert directives.get("default-src") == ["'self'"], (where, csp)
    assert directives.get("object-src") == ["'none'"], (where, csp)
    assert directives.get("base-uri") == ["'none'"], (where, csp)
    assert directives.get("frame-ancestors") == ["'none'"], (where, csp)
    assert any(s.startswith("'nonce-") for s in directives.get("script-src", [])), (
        where,
        csp,
    )
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, (where, csp)
    assert "http" not in csp, (where, csp)  # no third-party origin (CF-06)
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") == "same-origin", where
    hsts = response.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, (where, hsts)


def test_cf02_every_url_has_the_headers_anonymous_and_logged_in(
    client, client_for, casusregisseur, dossier
):
    urls = [path for _, _, path in all_urls()]
    assert len(urls) > 150
    # anonymous: the login redirects, the public pages
    for path in urls:
        _assert_headers(client.get(path, secure=True), f"anoniem {path}")
    logged_in = client_for(casusregisseur)
    for path in urls:
        _assert_headers(logged_in.get(path, secure=True), path)
    # real pages of a real dossier, the admin, a 404 and the static files
    for path in (
        reverse("monitoring:dossier", args=[dossier.pk]),
        "/beheer/",
        "/bestaat-niet/",
        "/static/css/app.css",
    ):
        _assert_headers(logged_in.get(path, secure=True), path)


def test_cf02_nonce_differs_per_response_and_matches_the_scripts(client):
    eerste = client.get(reverse("login"))
    tweede = client.get(reverse("login"))
    nonce = eerste["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert nonce not in tweede["Content-Security-Policy"]
    html = eerste.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') >= 1


def test_cf02_500_page_has_the_headers(client, settings):
    settings.ROOT_URLCONF = "tests.security.urls_fout"
    client.raise_request_exception = False
    response = client.get("/fout/", secure=True)
    assert response.status_code == 500
    _assert_headers(response, "500")
