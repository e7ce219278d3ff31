"""Filling URL routes with the objects of a world: `fill_url(route, wereld, scenario)`,
and `real_urls(wereld)` to walk every URL pattern over one.
"""

import re

from tests.security.wereld import Scenario, Wereld
from tests.urlwalk import all_urls

# The object a `pk` stands for, by the route segment just before it.
KIND_BY_SEGMENT = {
    "dossiers": "dossier",
    "klanten": "dossier",
    "duo-signalen": "duo_import",
    "beschikkingen": "beschikking",
    "bezwaren": "bezwaar",
    "brieven": "brief",
    "brievenbundels": "brievenbundel",
    "lasten": "vaste_last",
    "handhaving": "zaak",
    "participatie": "activiteit",
    "activiteiten": "activiteit",
    "verwijzingen": "verwijzing",
    "voortgangsgesprekken": "voortgangsgesprek",
    "uren-import": "uren_import",
    "signalen": "signaal",
    "ketenoverleg": "ketenoverleg",
    "kwartaalrapporten": "kwartaalrapport",
    "documenten": "document",
    "briefteksten": "brieftekst",
}
# Other kwarg names and the object they stand for.
KIND_BY_KWARG = {"pip_id": "pip", "werkervaring_id": "werkervaring"}

_KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


class UnknownKwarg(LookupError):
    """A URL kwarg this module does not know how to fill: add it above."""


def object_kinds(route: str) -> list[str]:
    """The object kinds a (non-admin) route takes, in order."""
    kinds = []
    for m in _KWARG.finditer(route):
        name = m.group(2)
        if name in KIND_BY_KWARG:
            kinds.append(KIND_BY_KWARG[name])
            continue
        segment = route[: m.start()].rstrip("/").rsplit("/", 1)[-1]
        if name == "pk" and segment in KIND_BY_SEGMENT:
            kinds.append(KIND_BY_SEGMENT[segment])
            continue
        raise UnknownKwarg(f"{route}: {name}")
    return kinds


def fill_url(route: str, wereld: Wereld, scenario: Scenario, **override) -> str:
    """The concrete path of `route` with the objects of `wereld` filled in.

    `override` maps an object kind to another instance (e.g. brief=<a Brief>)."""
    if route.startswith("beheer/"):
        return "/" + _fill_admin(route, scenario)
    kinds = object_kinds(route)
    return fill_route(route, [override.get(k) or wereld[k] for k in kinds])


def fill_route(route: str, objects: list) -> str:
    """The concrete path of a (non-admin) route with `objects` filled in, in order."""
    values = iter(objects)
    return "/" + _KWARG.sub(lambda _m: str(next(values).pk), route)


def real_urls(wereld: Wereld):
    """(route, name, path) of every URL pattern: `wereld`'s objects in a route's
    arguments, the dummy ids of all_urls() in the admin's. Fails (UnknownKwarg) on a
    new argument nobody mapped above."""
    for route, name, path in all_urls():
        if not route.startswith("beheer/"):
            path = fill_route(route, [wereld[k] for k in object_kinds(route)])
        yield route, name, path


def _fill_admin(route: str, scenario: Scenario) -> str:
    from django.contrib.contenttypes.models import ContentType

    path = _REGEX_GROUP.sub(
        lambda m: "accounts" if m.group(1) == "app_label" else "x", route
    )
    path = path.replace("^", "").replace("$", "")
    parts = path.split("/")
    obj = None
    if len(parts) > 3 and parts[1] != "r":
        obj = scenario.admin_objects.get(f"{parts[1]}.{parts[2]}")
    if "<path:content_type_id>" in path:
        # "View on site" of a dossier: a redirect to its page, if it had one.
        dossier = scenario.eigen.dossier
        ct = ContentType.objects.get_for_model(type(dossier))
        return path.replace("<path:content_type_id>", str(ct.pk)).replace(
            "<path:object_id>", str(dossier.pk)
        )
    if "<id>" in path:  # the user's password page
        return path.replace("<id>", str(scenario.personas["cr"].pk))
    if "<path:object_id>" in path or "<int:pk>" in path:
        if obj is None:
            raise UnknownKwarg(
                f"{route}: no object of this admin model; add one to "
                "_admin_object_makers() in tests/security/wereld.py"
            )
        return path.replace("<path:object_id>", str(obj.pk)).replace(
            "<int:pk>", str(obj.pk)
        )
    if _KWARG.search(path):
        raise UnknownKwarg(route)
    return path
