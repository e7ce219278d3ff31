"""CF-04: no state change via GET.

* Every view of ours declares the methods it answers (require_GET / require_POST /
  require_http_methods, or a class-based view's http_method_names).
* A view whose name says it acts (toevoegen, verwijderen, vastleggen...) handles
  POST only, unless it is a reviewed form page (GET shows the form).
* GET on a POST-only view, as a user who may use it, on a real object: 405.
* Walking every URL with GET, as each persona, over a dossier with all its related
  objects, changes no row of any table except the verwerkingenlog and the sessions.
"""

import pytest

from tests.security.fingerprint import changed, fingerprint
from tests.security.url_filling import real_urls
from tests.urlwalk import _walk

pytestmark = pytest.mark.django_db

ACTION_WORDS = (
    "aanmaken",
    "aanvragen",
    "afronden",
    "afronding",
    "beeindigen",
    "beslissen",
    "beslissing",
    "besluit",
    "betaling",
    "bijwerken",
    "heropenen",
    "koppelen",
    "logout",
    "machtiging",
    "nieuw",
    "opstellen",
    "periode",
    "plannen",
    "registreren",
    "starten",
    "toevoegen",
    "toewijzen",
    "uitstel",
    "verlengen",
    "verlenging",
    "vastleggen",
    "verwijderen",
    "waarschuwing",
    "wijzigen",
    "zienswijze",
)

# Action-named views that also answer GET, and why that GET changes nothing. The
# walk below proves the "changes nothing" part.
FORM_PAGES = {
    "intake:dossier_aanmaken": "GET shows the empty dossier form.",
    "intake:dossier_wijzigen": "GET shows the dossier form with its versie.",
    "intake:intake_wijzigen": "GET shows the intake form.",
    "intake:intake_gesprek_toevoegen": "GET shows the gesprek form.",
    "intake:intake_werkervaring_toevoegen": "GET shows the werkervaring form.",
    "pip_plans:verlenging": "GET shows the bulk verlenging form.",
    "monitoring:ketenoverleg_nieuw": "GET shows the empty ketenoverleg form.",
    "monitoring:ketenoverleg_wijzigen": "GET shows the ketenoverleg form.",
}


# Pages that may answer 500 to the walk's dummy arguments; not a state change, but
# listed so that any other 500 fails.
_OTP_ADMIN = (
    "django-otp's admin does TOTPDevice.objects.get(pk=pk) without a 404: a GET for "
    "a device id that does not exist (the walk's 1) is a 500. Third-party, staff "
    "only, no state change. OTP_ADMIN_HIDE_SENSITIVE_DATA = True in settings would "
    "turn both into 403 (and stop the admin from showing a user's TOTP secret)."
)
KNOWN_SERVER_ERRORS = {
    "admin:otp_totp_totpdevice_config": _OTP_ADMIN,
    "admin:otp_totp_totpdevice_qrcode": _OTP_ADMIN,
}


def declared_methods(callback) -> set[str] | None:
    """The HTTP methods a view answers, read from its decorators or its class."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names} - {"OPTIONS", "HEAD"}
    func, seen = callback, set()
    while func is not None and id(func) not in seen:
        seen.add(id(func))
        code = getattr(func, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = func.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        func = getattr(func, "__wrapped__", None)
    return None


def our_patterns():
    """(route, name, methods) of every pattern outside the Django admin (Django's
    own views, tested upstream)."""
    from django.urls import get_resolver

    for route, name, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("beheer/"):
            continue
        yield route, name, declared_methods(pattern.callback)


def post_only() -> set[str]:
    return {name for _r, name, methods in our_patterns() if methods == {"POST"}}


def test_cf04_every_view_declares_its_methods():
    patterns = list(our_patterns())
    assert len(patterns) >= 90, len(patterns)
    undeclared = [route for route, _n, methods in patterns if methods is None]
    assert not undeclared, (
        f"Decorate with require_GET, require_POST or require_http_methods: {undeclared}"
    )
    unnamed = [route for route, name, _m in patterns if not name]
    assert not unnamed, unnamed


def test_cf04_action_views_handle_post_only_or_are_reviewed_form_pages():
    acting = set()
    for _route, name, methods in our_patterns():
        if any(word in name.rsplit(":", 1)[-1] for word in ACTION_WORDS):
            acting.add(name)
            if methods != {"POST"}:
                assert name in FORM_PAGES, (
                    f"{name} answers {sorted(methods)}: make it POST-only, or review "
                    "it and add it to FORM_PAGES"
                )
    assert len(acting) >= 40, sorted(acting)
    assert set(FORM_PAGES) <= acting, set(FORM_PAGES) - acting
    assert "logout" in post_only()


def permitted_persona(name: str) -> str:
    """Who may use this POST-only view (the role check comes before the method)."""
    if name.startswith("monitoring:kwartaalrapport"):
        return "beleidsmedewerker"
    if ":rsd_" in name:
        return "klantmanager"
    if name.startswith("pip_plans:brieftekst"):
        return "functioneel_beheerder"
    return "casusregisseur"


def test_cf04_get_on_a_post_only_view_gives_405(request, client_for, wereld):
    targets = post_only()
    assert len(targets) >= 50, len(targets)
    by_persona: dict[str, list[tuple[str, str]]] = {}
    for _route, name, path in real_urls(wereld):
        if name in targets:
            by_persona.setdefault(permitted_persona(name), []).append((name, path))
    checked = set()
    for persona, urls in by_persona.items():
        client = client_for(request.getfixturevalue(persona))
        before = fingerprint()  # after the login, which sets last_login
        for name, path in urls:
            response = client.get(path)
            assert response.status_code == 405, (name, persona, response.status_code)
            allowed = {m.strip() for m in response["Allow"].split(",")}
            assert allowed <= {"POST", "OPTIONS"}, (name, response["Allow"])
            checked.add(name)
        assert changed(before, fingerprint()) == {}, persona
    assert checked == targets


@pytest.mark.parametrize(
    "persona",
    ["casusregisseur", "klantmanager", "functioneel_beheerder", "beleidsmedewerker"],
)
def test_cf04_walking_every_url_with_get_changes_no_row(
    request, client_for, wereld, persona
):
    user = request.getfixturevalue(persona)
    if persona == "functioneel_beheerder":
        user.is_staff = True  # the admin's GET pages too
        user.save()
    client = client_for(user)
    client.raise_request_exception = False  # a 500 is reported below, not raised
    before = fingerprint()
    assert sum(rows for rows, _digest in before.values()) >= 100
    statuses = {}
    for _route, name, path in real_urls(wereld):
        statuses[path] = (name, client.get(path).status_code)
    assert len(statuses) >= 150, len(statuses)
    assert changed(before, fingerprint()) == {}
    errors = {name for name, status in statuses.values() if status >= 500}
    assert errors <= set(KNOWN_SERVER_ERRORS), errors - set(KNOWN_SERVER_ERRORS)
    # The walk reached pages, not only refusals.
    reached = [name for name, status in statuses.values() if status == 200]
    assert (
        len(reached)
        >= {
            "casusregisseur": 25,
            "klantmanager": 5,
            "functioneel_beheerder": 30,
            "beleidsmedewerker": 3,
        }[persona]
    ), reached
    if persona == "casusregisseur":
        for name in ("monitoring:dossier", "pip_plans:pip", "leerroutes:route"):
            assert name in reached, name


def test_cf04_self_test_the_fingerprint_sees_an_update(dossier):
    """An UPDATE that leaves every count the same still shows."""
    from intake.models import Inburgeraar

    before = fingerprint()
    Inburgeraar.objects.filter(pk=dossier.pk).update(achternaam="Anders")
    assert set(changed(before, fingerprint())) == {"intake.Inburgeraar"}
