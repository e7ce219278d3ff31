"""AC-03 (IDOR): a klantmanager gets nothing of another klantmanager's client, and a
casusregisseur or functioneel beheerder of Zevenaar nothing of a Duiven dossier,
nor the latter a letter text of Duiven, through any URL.

Every URL pattern that takes an object (derived from tests/urlwalk.all_urls(), so a
new URL is covered without anybody remembering it) is requested with the OTHER
party's object ids, by GET and by POST: the answer is 404 (or the role's own
refusal that a non-existent id gets alike: 403 for the wrong role, 405 for a
method the view does not take) and the other client's canary name
(a unique achternaam) appears in no body. URLs with two objects are also tried with
one own and one other object. Lists, exports and the werkvoorraad search show only
the own dossiers."""

import itertools
import uuid

from django.urls import reverse

import pytest

from intake.models import Inburgeraar
from pip_plans.models import Brieftekst, BrieftekstSoort
from tests.security.requesting import body_text, request_rolled_back
from tests.security.url_filling import fill_route, object_kinds
from tests.urlwalk import all_urls

pytestmark = pytest.mark.django_db

# (persona, their own world, the other party's world)
PAIRS = [
    pytest.param("km", "eigen", "ander_km", id="klantmanager-vs-other-klantmanager"),
    pytest.param("cr", "eigen", "duiven", id="casusregisseur-zevenaar-vs-duiven"),
    # Functioneel beheer of Zevenaar: the dossier roles' pages, the monitoring ones
    # and its own, the letter texts of Duiven (`brieftekst`) among them.
    pytest.param("fb", "eigen", "duiven", id="functioneel-beheer-zevenaar-vs-duiven"),
]
# Object URLs of the application (the admin's objects are reference data, not
# person-scoped; the role matrix covers them).
OBJECT_ROUTES = [
    (route, name)
    for route, name, _ in all_urls()
    if not route.startswith("beheer/") and "<" in route
]
LIST_ROUTES = [
    (route, name)
    for route, name, _ in all_urls()
    if not route.startswith("beheer/") and "<" not in route
]


def _combinations(kinds, own, other):
    """Object lists for a route: all of the other party's, and for routes with more
    than one object every mix of own and other (at least one other)."""
    for choice in itertools.product((own, other), repeat=len(kinds)):
        if other in choice:
            yield choice


def _letters(wereld):
    return list(wereld.brieven.values())


def _candidates(route, kinds, own, other):
    """(label, [objects]) to fill `route` with."""
    for choice in _combinations(kinds, own, other):
        if "brief" in kinds:
            # Every letter of the other client: ontzorging, waarschuwing, boete.
            for brief in _letters(other):
                yield f"brief {brief.soort}", [brief]
            continue
        try:
            objects = [w[kind] for w, kind in zip(choice, kinds, strict=True)]
        except KeyError:
            continue  # the world has no such object (ander_km has no own report)
        label = "+".join("other" if w is other else "own" for w in choice)
        yield label, objects


class _Missing:
    """An object that does not exist: what every unknown id gets."""

    pk = uuid.UUID(int=7)


class _MissingNumber:
    """The same for a route with an integer id (a letter text)."""

    pk = 2**31 - 1


def _missing(obj):
    return _MissingNumber if isinstance(obj.pk, int) else _Missing


def _refusals(client, method, route, objects, other_objects):
    """Statuses that refuse the other party's object without telling that it
    exists: 404, or the refusal a non-existent id gets alike (the role check before
    the lookup: 403; a method the view does not take: 405)."""
    missing = [_missing(o) if o in other_objects else o for o in objects]
    response = request_rolled_back(client, method, fill_route(route, missing), data={})
    allowed = {404}
    if response.status_code in (403, 405):
        allowed.add(response.status_code)
    return allowed


@pytest.mark.parametrize(("persona", "eigen", "ander"), PAIRS)
def test_ac03_every_object_url_of_the_other_party_is_a_404(
    scenario, login_as, persona, eigen, ander
):
    own, other = scenario.werelden[eigen], scenario.werelden[ander]
    canary = other.naam
    client = login_as(persona)
    problems, tested = [], set()
    requests = 0
    for route, name in OBJECT_ROUTES:
        kinds = object_kinds(route)
        for label, objects in _candidates(route, kinds, own, other):
            path = fill_route(route, objects)
            other_objects = [o for o in objects if o not in own.objects.values()]
            for method in ("get", "post"):
                response = request_rolled_back(client, method, path, data={})
                requests += 1
                allowed = _refusals(client, method, route, objects, other_objects)
                if response.status_code not in allowed:
                    problems.append(
                        f"{method.upper()} {path} ({name}, {label}): "
                        f"{response.status_code}, expected one of {sorted(allowed)}"
                    )
                if canary in body_text(response):
                    problems.append(
                        f"{method.upper()} {path} ({name}, {label}): shows {canary}"
                    )
            tested.add(name)
    # Every object URL was tried (a world lacking an object kind would skip some).
    untested = {name for _, name in OBJECT_ROUTES} - tested
    assert untested <= {
        "monitoring:kwartaalrapport_status",
        "monitoring:kwartaalrapport_pdf",
        "monitoring:kwartaalrapport_csv",
    }, untested
    assert len(tested) >= 70, len(tested)
    assert requests >= 140, requests
    assert not problems, f"{len(problems)} leaks as {persona}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("persona", "eigen", "ander"), PAIRS)
def test_ac03_lists_and_exports_show_only_own_dossiers(
    scenario, login_as, persona, eigen, ander
):
    own, other = scenario.werelden[eigen], scenario.werelden[ander]
    client = login_as(persona)
    leaks, shows_own = [], set()
    for route, name in LIST_ROUTES:
        response = request_rolled_back(client, "get", "/" + route)
        text = body_text(response)
        if other.naam in text:
            leaks.append(f"GET /{route} ({name}) shows {other.naam}")
        if own.naam in text:
            shows_own.add(name)
    assert not leaks, "\n".join(leaks)
    # The lists really list: the own client is there.
    if persona == "km":
        assert "intake:rsd_klanten" in shows_own, shows_own
    else:
        assert {
            "monitoring:werkvoorraad",
            "monitoring:werkvoorraad_export",
        } <= shows_own, shows_own


def _search(client, term) -> tuple[str, str]:
    """Search the werkvoorraad (a POST: the term may be a BSN); the list and the
    export then show the result."""
    response = client.post(reverse("monitoring:werkvoorraad"), {"zoek": term})
    assert response.status_code == 302, response.status_code
    page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    export = body_text(client.get(reverse("monitoring:werkvoorraad_export")))
    return page, export


def test_ac03_search_finds_only_own_dossiers(scenario, login_as):
    client = login_as("cr")
    own, other = scenario.eigen, scenario.duiven
    # (The page repeats the search term itself, so it is checked for the other
    # dossier's link; the export for the name.)
    own_link = reverse("monitoring:dossier", args=[own.dossier.pk])
    other_link = reverse("monitoring:dossier", args=[other.dossier.pk])
    page, export = _search(client, own.naam)
    assert own_link in page and own.naam in export  # the search works
    for term in (other.naam, other.dossier.bsn, other.dossier.bsn[-4:]):
        page, export = _search(client, term)
        assert other_link not in page, term
        assert other.naam not in export, term
        assert own_link not in page and own.naam not in export, term  # none found


def test_ac03_another_gemeente_dossier_cannot_be_named_in_a_form(scenario, login_as):
    """Forms that take dossier ids (bulk reassignment, linking a household) accept
    only dossiers the user may see."""
    client = login_as("cr")
    own, other = scenario.eigen.dossier, scenario.duiven.dossier
    before = Inburgeraar.objects.values("casusregisseur", "huishouden").get(pk=other.pk)
    response = client.post(
        reverse("monitoring:toewijzen"),
        {"dossiers": [other.pk], "casusregisseur": scenario.personas["cr"].pk},
    )
    assert other.achternaam not in response.content.decode()
    response = client.post(
        reverse("monitoring:huishouden_koppelen", args=[own.pk]), {"ander": other.pk}
    )
    assert response.status_code == 400, response.status_code
    assert other.achternaam not in response.content.decode()
    after = Inburgeraar.objects.values("casusregisseur", "huishouden").get(pk=other.pk)
    assert after == before


def test_ac03_another_gemeente_letter_text_cannot_be_listed_or_opened(
    scenario, login_as
):
    """Functioneel beheer of Zevenaar: the letter texts page lists Zevenaar's texts
    only, and opening a concept for Duiven (the form takes a gemeente id) is a 404
    that opens nothing."""
    client = login_as("fb")
    own, other = scenario.eigen["brieftekst"], scenario.duiven["brieftekst"]
    page = body_text(client.get(reverse("pip_plans:briefteksten")))
    assert reverse("pip_plans:brieftekst", args=[own.pk]) in page
    for tekst in Brieftekst.objects.filter(gemeente=other.gemeente):
        assert reverse("pip_plans:brieftekst", args=[tekst.pk]) not in page
    assert f"Gemeente {own.gemeente.naam}" in page
    assert f"Gemeente {other.gemeente.naam}" not in page
    assert f'name="gemeente" value="{other.gemeente.pk}"' not in page
    before = set(Brieftekst.objects.values_list("pk", flat=True))
    for soort in (BrieftekstSoort.PIP_BESCHIKKING, other.soort):
        response = client.post(
            reverse("pip_plans:brieftekst_openen"),
            {"gemeente": other.gemeente.pk, "soort": soort},
        )
        assert response.status_code == 404, (soort, response.status_code)
    assert set(Brieftekst.objects.values_list("pk", flat=True)) == before
    # The own gemeente's works (the same form, the own id).
    response = client.post(
        reverse("pip_plans:brieftekst_openen"),
        {"gemeente": own.gemeente.pk, "soort": own.soort},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("pip_plans:brieftekst", args=[own.pk])
