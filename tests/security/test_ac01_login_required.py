"""AC-01: deny by default. Every URL needs a logged-in user except the allowlist."""

import pytest

from tests.urlwalk import all_urls

# The agreed pages that need no login. Anything else public fails this test.
ALLOWLIST = {"login", "logout", "health", "toegankelijkheid"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name", "path"), list(all_urls()), ids=lambda v: str(v)
)
def test_ac01_every_url_requires_login_unless_allowlisted(client, route, name, path):
    response = client.get(path)
    if name in ALLOWLIST:
        assert response.status_code in (200, 302, 405), (path, response.status_code)
        return
    if response.status_code == 302:
        # the admin sends to its login URL, which redirects to ours (tested below)
        assert response.url.startswith(("/inloggen/", "/beheer/login/")), (
            path,
            response.url,
        )
    else:
        assert response.status_code in (401, 403, 404), (path, response.status_code)


def test_ac01_allowlist_is_exactly_the_agreed_list():
    from django.contrib.auth.decorators import login_not_required  # noqa: F401
    from django.urls import get_resolver

    public = set()
    for route, name, pattern in _patterns():
        view = pattern.callback
        if getattr(view, "login_required", True) is False:
            public.add(name or route)
    # the admin's own login is redirected to ours (see zevenaar_inburgering/urls.py)
    assert public - {"beheer/login/", "admin:login"} == ALLOWLIST, public
    assert get_resolver()


def _patterns():
    from django.urls import get_resolver

    from tests.urlwalk import _walk

    return list(_walk(get_resolver().url_patterns))


def test_admin_login_is_not_a_second_door(client):
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response.url == "/inloggen/?next=/beheer/"


@pytest.mark.django_db
def test_health_and_toegankelijkheid_are_public(client):
    assert client.get("/health/").json() == {"status": "ok"}
    assert client.get("/toegankelijkheid/").status_code == 200
    assert client.get("/inloggen/").status_code == 200
