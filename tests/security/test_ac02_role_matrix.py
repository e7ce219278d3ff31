"""AC-02: every URL × every persona gives the status the role matrix
(tests/security/role_matrix.py) says, for a GET and, for POST-only actions, a POST.
The matrix must name every URL pattern and nothing else, so a new URL fails here
until somebody decides who may use it."""

from urllib.parse import urlsplit

from django.urls import reverse

import pytest

from tests.security.requesting import request_rolled_back
from tests.security.role_matrix import (
    HANDLED,
    MATRIX,
    PERSONAS,
    POST_MATRIX,
    Redirect,
    Row,
)
from tests.security.url_filling import fill_url
from tests.urlwalk import all_urls

pytestmark = pytest.mark.django_db


def _routes() -> dict[str, str]:
    """Matrix key (URL name, or the route of an unnamed pattern) -> route."""
    return {(name or route): route for route, name, _ in all_urls()}


ROUTES = _routes()


def test_ac02_every_url_has_a_row():
    missing = sorted(set(ROUTES) - set(MATRIX))
    assert not missing, "URLs without a row in role_matrix.MATRIX: " + ", ".join(
        missing
    )
    assert len(ROUTES) >= 170  # the walk really found the URLconf


def test_ac02_every_row_names_an_existing_url():
    stale = sorted(set(MATRIX) - set(ROUTES))
    assert not stale, "Rows in role_matrix.MATRIX for URLs that no longer exist: " + (
        ", ".join(stale)
    )


def test_ac02_every_post_only_url_has_a_post_row():
    post_only = {key for key, row in MATRIX.items() if 405 in row}
    assert post_only, "no POST-only action found: the matrix looks empty"
    assert not post_only - set(POST_MATRIX), sorted(post_only - set(POST_MATRIX))
    assert not set(POST_MATRIX) - set(MATRIX), sorted(set(POST_MATRIX) - set(MATRIX))


def test_ac02_the_matrix_is_not_vacuous():
    """Every persona is refused somewhere and allowed somewhere (zonder_2fa and
    inactief: only on the public pages), and every cell is a known kind."""
    for persona in PERSONAS:
        column = [getattr(row, persona) for row in MATRIX.values()]
        assert 200 in column, persona
        assert any(cell != 200 for cell in column), persona
        for cell in column:
            assert isinstance(cell, int | Redirect), (persona, cell)
    assert all(isinstance(row, Row) for row in MATRIX.values())


def _target_path(redirect: Redirect, path_kwargs: dict) -> str:
    if redirect.name.startswith("/"):
        return redirect.name
    if redirect.kind is None:
        return reverse(redirect.name)
    return reverse(redirect.name, args=[path_kwargs[redirect.kind].pk])


def _objects_for(scenario, route) -> dict:
    """The objects a Redirect of this row may be reversed with."""
    objects = dict(scenario.eigen.objects)
    parts = route.split("/")
    if route.startswith("beheer/") and len(parts) > 3:
        label = f"{parts[1]}.{parts[2]}"
        objects[f"admin:{label}"] = scenario.admin_objects.get(label)
    return objects


def check(response, expected, objects) -> str | None:
    """None if `response` matches the matrix cell `expected`, else why not."""
    status = response.status_code
    location = response.get("Location", "")
    got = f"{status} {location}".strip()
    if isinstance(expected, Redirect):
        want = _target_path(expected, objects)
        if status == 302 and urlsplit(location).path == want:
            return None
        return f"expected 302 to {want}, got {got}"
    if expected == HANDLED:
        refused = {
            reverse("login"),
            "/beheer/login/",
            reverse("tweestaps:instellen"),
            reverse("tweestaps:controleren"),
        }
        if status in (200, 204, 400) or (
            status == 302 and urlsplit(location).path not in refused
        ):
            return None
        return f"expected the action to be handled, got {got}"
    if status == expected:
        return None
    return f"expected {expected}, got {got}"


def _mismatches(scenario, client, persona, matrix, method) -> tuple[list[str], int]:
    problems, checked = [], 0
    for key in sorted(matrix):
        route = ROUTES.get(key)
        if route is None:
            problems.append(f"{key}: no such URL (stale row)")
            continue
        path = fill_url(route, scenario.eigen, scenario)
        try:
            response = request_rolled_back(client, method, path)
        except Exception as error:  # a 500 in the view
            problems.append(f"{method.upper()} {path} ({key}): raised {error!r}")
            continue
        checked += 1
        expected = getattr(matrix[key], persona)
        problem = check(response, expected, _objects_for(scenario, route))
        if problem:
            problems.append(f"{method.upper()} {path} ({key}): {problem}")
    return problems, checked


# One test per persona walks every row and lists every mismatch at once: one
# scenario and one login per persona keep the ~2,000 requests fast.
@pytest.mark.parametrize("persona", PERSONAS)
def test_ac02_get_matches_the_role_matrix(scenario, login_as, persona):
    client = login_as(persona)
    problems, checked = _mismatches(scenario, client, persona, MATRIX, "get")
    assert checked >= 170
    assert not problems, f"{len(problems)} mismatches as {persona}:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_ac02_post_matches_the_role_matrix(scenario, login_as, persona):
    client = login_as(persona)
    problems, checked = _mismatches(scenario, client, persona, POST_MATRIX, "post")
    assert checked >= 50
    assert not problems, f"{len(problems)} mismatches as {persona}:\n" + "\n".join(
        problems
    )
