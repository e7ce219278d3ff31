"""Requests in a walk over the scenario: one request rolled back afterwards, and a
response's body as text; and the check that a client's session is over (`naar_login`).
"""

from http.cookies import SimpleCookie

from django.db import transaction
from django.urls import reverse


def request_rolled_back(client, method: str, path: str, data=None):
    """One request whose changes (an action's rows, a logout) are rolled back
    afterwards, so that every request of a walk sees the same scenario and the
    same session."""
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    try:
        with transaction.atomic():
            if data is None:
                response = getattr(client, method)(path)
            else:
                response = getattr(client, method)(path, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def body_text(response) -> str:
    """The response body as text; a PDF converted with pdftotext first."""
    from tests.security.test_ac04_health import body_text as convert

    return convert(response)


def naar_login(client, path: str = "/werkvoorraad/"):
    """`client` asks for `path` (the werkvoorraad) and is sent to the login page:
    its session is over. The redirect, for where it leads."""
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    return response
