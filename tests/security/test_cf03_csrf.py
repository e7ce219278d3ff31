"""CF-03: CSRF is enforced on every unsafe method, htmx requests included.

Every test here runs with a client that checks CSRF tokens as a browser's requests
are checked (`Client(enforce_csrf_checks=True)`); the `client` override below makes
the conftest's `client_for` log *that* client in, the same way it logs in every other
test's client (password and, where the project asks for it, the second factor).
"""

import html
import re

from django.test import Client
from django.urls import get_resolver, reverse

import pytest

from intake.models import Notitie
from tests.security.fingerprint import changed, fingerprint
from tests.security.url_filling import real_urls
from tests.urlwalk import _walk

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")


@pytest.fixture
def client():
    """Overrides pytest-django's `client` for this module (and so `client_for`)."""
    return Client(enforce_csrf_checks=True)


def test_cf03_no_view_is_csrf_exempt():
    exempt = [
        route
        for route, _name, pattern in _walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "csrf_exempt", False)
    ]
    assert not exempt, exempt


@pytest.mark.parametrize(
    "persona",
    ["casusregisseur", "klantmanager", "beleidsmedewerker", "functioneel_beheerder"],
)
def test_cf03_unsafe_requests_without_a_token_are_refused_everywhere(
    request, client_for, wereld, persona
):
    """Every URL pattern, filled with real objects, as a user who may act on them:
    POST (and, for the casusregisseur, PUT, PATCH and DELETE) without a token is
    refused with 403 (CsrfViewMiddleware answers before any view, so a GET-only
    view answers 403 too), and no row anywhere changed."""
    user = request.getfixturevalue(persona)
    client = client_for(user)
    methods = UNSAFE if persona == "casusregisseur" else ("post",)
    before = fingerprint()
    checked = []
    for _route, name, path in real_urls(wereld):
        for method in methods:
            response = getattr(client, method)(path, {"tekst": "x"})
            assert response.status_code == 403, (
                method,
                name,
                path,
                response.status_code,
            )
            checked.append((method, path))
    assert len({p for _m, p in checked}) >= 100, len(checked)
    assert changed(before, fingerprint()) == {}


def _token_from(page: str) -> str:
    """The token the page gives htmx (hx-headers), else a form's hidden token."""
    match = re.search(r"""hx-headers=(["'])(.*?)\1""", page, re.S)
    if match and "X-CSRFToken" in html.unescape(match.group(2)):
        return re.search(
            r'"X-CSRFToken"\s*:\s*"([^"]+)"', html.unescape(match.group(2))
        ).group(1)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_cf03_htmx_post_without_a_token_is_refused(client_for, dossier, casusregisseur):
    client = client_for(casusregisseur)
    response = client.post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
        {"tekst": "Zonder token."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
        {"tekst": "Met een verzonnen token."},
        headers={"HX-Request": "true", "X-CSRFToken": "x" * 64},
    )
    assert response.status_code == 403
    assert not Notitie.objects.exists()


def test_cf03_htmx_post_with_the_header_token_succeeds(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    page = client.get(reverse("monitoring:dossier", args=[dossier.pk]))
    assert page.status_code == 200
    token = _token_from(page.content.decode())
    response = client.post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
        {"tekst": "Via htmx, met het token in de header."},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 302, response.status_code
    assert Notitie.objects.get().tekst == "Via htmx, met het token in de header."


def test_cf03_pages_give_htmx_the_token(client_for, dossier, casusregisseur):
    """The CSRF cookie is HttpOnly (no script reads it), so htmx only sends the token
    if the page hands it over: `hx-headers='{"X-CSRFToken": "…"}'` on <body> (or
    <html>), inherited by every hx-post/hx-put/hx-patch/hx-delete on the page."""
    page = (
        client_for(casusregisseur)
        .get(reverse("monitoring:dossier", args=[dossier.pk]))
        .content.decode()
    )
    tag = re.search(r"<body\b[^>]*>", page).group(0) + re.search(
        r"<html\b[^>]*>", page
    ).group(0)
    match = re.search(r"""hx-headers=(["'])(.*?)\1""", tag, re.S)
    assert match, "base.html does not give htmx the CSRF token (hx-headers on <body>)"
    assert "X-CSRFToken" in html.unescape(match.group(2))
