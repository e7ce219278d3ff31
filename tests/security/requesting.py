"""Requests in a walk over the scenario: one request rolled back afterwards, and a
response's body as text.
"""

from http.cookies import SimpleCookie

from django.db import transaction


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
