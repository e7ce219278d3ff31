"""AC-05: a static guard. Entry points (views, template tags, forms, middleware,
context processors, exports, PDF builders, tasks) never reach a person-data model
through its unscoped manager.

Every read of person data from a request goes through `Model.objects.visible_to(user)`
(docs/security.md, "Rules every change must keep"). This test parses the entry-point
modules with `ast` (the checker: scope_checker.py) and fails on:

* `Model.objects.<anything>` / `Model._default_manager` / `Model._base_manager` for a
  person-data model, unless the method chain goes through `.visible_to(...)`;
* `get_object_or_404(Model, ...)` / `get_list_or_404(Model, ...)` with a person-data
  model class (Django then uses the unscoped default manager);
* `something._default_manager` on a model chosen at run time (`apps.get_model(...)`,
  a variable): nothing shows it is not person data, or that it is scoped;
* raw SQL (`connection.cursor()`), which bypasses every scope.

What the checker accepts without `visible_to` in the chain itself, and why:

* `Model.objects.none()`: returns no rows (form fields start with it);
* `.filter(<path>__in=<expression calling visible_to>)`: the rows of scoped parents
  (a subquery is the scope); `exclude(...__in=...)` is NOT accepted: it is the
  opposite;
* the queryset of a `Prefetch(...)`: it only loads rows related to the objects of the
  outer query, which is checked on its own;
* related managers (`dossier.notities.all()`): they start from an object that was
  already fetched in scope, and are not `Model.objects`.

Services called after the view scoped the object, set-based system jobs (signalering
sweep, routestand batch, digest, kwartaalrapportage, retention) and data migrations
are out of this guard's scope: they are not entry points (see `in_scope`). A few
entry-point functions are legitimately unscoped; they are listed in ALLOWLIST, each
with its reason, and the allowlist may not hold stale entries.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from django.apps import apps

import pytest

from tests.security.scope_checker import Violation, check_source

ROOT = Path(__file__).resolve().parents[2]

# {"module:function": "why this function may read person data unscoped"}. Reviewed
# like code: every entry is a decision, not a convenience.
ALLOWLIST = {
    "zevenaar_inburgering.verwerkingen.middleware:refused_betrokkenen": (
        "After a view answered 403/404, resolves the object named in the URL to "
        "its Inburgeraar only to write the refusal to the verwerkingenlog "
        "(SECURITY LG-05); nothing read here reaches the response."
    ),
    "leerroutes.views.rsd:huishoudnamen": (
        "The RSD klantmanager may know who lives in the household of a client they "
        "already reached through get_dossier (DESIGN.md §1): names only (.only()), "
        "never the other dossiers."
    ),
    "zevenaar_inburgering.views:health": (
        "Liveness probe: a literal SELECT 1, no table is read."
    ),
}

# Models that hold data about a person without a foreign-key chain to Inburgeraar or
# Huishouden, with the reason they count as person data.
EXTRA_PERSON_MODELS = {
    "intake.DuoImport": "An uploaded DUO file; its rows and signals name persons.",
    "verwerkingen.Verwerking": "One row per betrokkene: who saw whose data.",
}

# A sanity floor: these must be recognised, whatever the model graph looks like.
MUST_BE_PERSON_MODELS = {
    "intake.Inburgeraar",
    "intake.Huishoudlid",
    "intake.Notitie",
    "intake.BredeIntake",
    "intake.IntakeGezondheid",
    "intake.Gesprek",
    "pip_plans.Pip",
    "pip_plans.Beschikking",
    "pip_plans.Brief",
    "pip_plans.Ontzorging",
    "pip_plans.Betaling",
    "pip_plans.Handhavingszaak",
    "pip_plans.Maatregel",
    "leerroutes.Traject",
    "leerroutes.Urenregistratie",
    "leerroutes.Examenpoging",
    "monitoring.Signaal",
    "intake.DuoImport",
    "verwerkingen.Verwerking",
}

SKIP_DIRS = {".venv", "node_modules", "tests", "migrations", "staticfiles", "static"}


# --- which models, which modules ----------------------------------------------------


def person_models() -> dict[str, str]:
    """{class name: app label} of every person-data model: a forward FK/one-to-one
    chain to Inburgeraar or Huishouden, plus EXTRA_PERSON_MODELS."""
    roots = {
        apps.get_model("intake", "Inburgeraar"),
        apps.get_model("intake", "Huishouden"),
    }
    memo: dict = {}

    def reaches(model, path=()) -> bool:
        if model in roots:
            return True
        if model in memo:
            return memo[model]
        found = any(
            reaches(f.related_model, path + (model,))
            for f in model._meta.get_fields()
            if (f.many_to_one or f.one_to_one)
            and f.concrete
            and f.related_model is not None
            and f.related_model not in path
            and f.related_model is not model
        )
        memo[model] = found
        return found

    labels = {m._meta.label for m in apps.get_models() if reaches(m)}
    labels |= set(EXTRA_PERSON_MODELS)
    return {label.split(".")[1]: label for label in labels}


def in_scope(relpath: Path) -> bool:
    """Entry points: code a request (or a task) reaches before anything is scoped."""
    name = relpath.name
    package = relpath.parts[-2] if len(relpath.parts) > 1 else ""
    return (
        fnmatch.fnmatch(name, "*views*.py")
        # Layer packages: <app>/views/, <app>/forms/, <app>/tasks/.
        or bool({"views", "forms", "tasks"} & set(relpath.parts[:-1]))
        # The modules of a views, forms or tasks package (pip_plans/views/pip.py).
        or package in {"views", "forms", "tasks"}
        or "templatetags" in relpath.parts
        or name in {"exports.py", "documents.py", "pdf.py", "tasks.py"}
        or name.endswith("_tasks.py")
        # Form querysets turn submitted ids into objects: an IDOR door of their own.
        or name.endswith("forms.py")
        # Runs on every rendered page.
        or name == "context_processors.py"
        # Runs on every request, before and after the view.
        or name == "middleware.py"
        or name.endswith("_middleware.py")
    )


def entry_point_modules() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts[:-1]):
            continue
        if in_scope(rel):
            found.append(rel)
    return found


def module_name(rel: Path) -> str:
    return ".".join(rel.with_suffix("").parts)


def other_models() -> set[str]:
    """Class names of the models that hold no person data (User, Gemeente...)."""
    return {m.__name__ for m in apps.get_models()} - set(person_models())


def all_violations() -> tuple[list[Violation], int]:
    models = set(person_models())
    others = other_models()
    modules = entry_point_modules()
    found = []
    for rel in modules:
        source = (ROOT / rel).read_text()
        found += check_source(source, module_name(rel), models, others)
    return found, len(modules)


# --- the tests --------------------------------------------------------------------


def test_ac05_person_models_are_found():
    models = person_models()
    missing = MUST_BE_PERSON_MODELS - set(models.values())
    assert not missing, f"not recognised as person data: {sorted(missing)}"
    assert len(models) >= 30, sorted(models)
    # The checker matches class names: two person models with one name would blur.
    labels = [m._meta.label for m in apps.get_models()]
    names = [label.split(".")[1] for label in labels]
    clashes = {n for n in names if names.count(n) > 1 and n in models}
    assert not clashes, clashes


def test_ac05_entry_point_modules_are_scanned():
    modules = {module_name(rel) for rel in entry_point_modules()}
    for expected in (
        "intake.views.dossier",
        "intake.views.gedeeld",
        "intake.views.brede_intake",
        "pip_plans.views.pip",
        "pip_plans.views.handhaving",
        "pip_plans.views.ontzorgen",
        "leerroutes.views.route",
        "leerroutes.views.participatie",
        "leerroutes.views.rsd",
        "leerroutes.views.pip",
        "leerroutes.views.uren_import",
        "monitoring.views.werkvoorraad",
        "monitoring.views.dossier",
        "monitoring.views.signalen",
        "monitoring.views.rapport",
        "monitoring.views.keten",
        "zevenaar_inburgering.verwerkingen.views",
        "zevenaar_inburgering.exports",
        "zevenaar_inburgering.documents",
        "zevenaar_inburgering.pdf",
        "leerroutes.tasks",
        "monitoring.tasks",
        "intake.forms.dossier",
        "pip_plans.forms.ontzorgen",
    ):
        assert expected in modules, expected
    assert len(modules) >= 25, sorted(modules)


def test_ac05_views_and_entry_points_use_visible_to():
    violations, scanned = all_violations()
    assert scanned >= 25
    unexplained = [v for v in violations if v.key not in ALLOWLIST]
    assert not unexplained, (
        "Person data reached without visible_to(user) (SECURITY AC-05). Use "
        "`Model.objects.visible_to(request.user)`, a related manager of an object "
        "fetched in scope, or (after review) add the function to ALLOWLIST:\n"
        + "\n".join(map(str, unexplained))
    )


def test_ac05_allowlist_has_no_stale_entries():
    violations, _ = all_violations()
    used = {v.key for v in violations}
    stale = set(ALLOWLIST) - used
    assert not stale, f"ALLOWLIST entries that no longer match anything: {stale}"
    assert all(len(reason) > 20 for reason in ALLOWLIST.values())


# The guard must be able to fail: feed it small sources and check what it says.

MODELS = {"Inburgeraar", "Pip", "Bezwaar", "Beschikking", "Signaal"}
OTHERS = {"Gemeente", "User"}


@pytest.mark.parametrize(
    "source",
    [
        "def v(request):\n    return Inburgeraar.objects.filter(pk=1)\n",
        "def v(request):\n    return Inburgeraar.objects.all()\n",
        "def v(request):\n    return Pip._default_manager.get(pk=1)\n",
        "def v(request):\n    return get_object_or_404(Pip, pk=1)\n",
        "def v(request):\n    return get_object_or_404(models.Pip, pk=1)\n",
        "from intake.models import Inburgeraar as I\n"
        "def v(request):\n    return I.objects.get(pk=1)\n",
        "def v(request):\n    return helper(Signaal.objects, 1)\n",
        # the opposite of a scope is not a scope
        "def v(request):\n    return Bezwaar.objects.exclude(\n"
        "        beschikking__in=Beschikking.objects.visible_to(request.user))\n",
        # visible_to on another model in a plain filter is not the scope either
        "def v(request):\n    return Pip.objects.filter(\n"
        "        x=Beschikking.objects.visible_to(request.user).first())\n",
        "class V:\n    def get(self):\n        return Signaal.objects.count()\n",
        "def v(request):\n    connection.cursor().execute('SELECT * FROM x')\n",
        "def v(request, model):\n    return model._default_manager.filter(pk=1)\n",
        "def v(request):\n"
        "    return apps.get_model('intake', 'Inburgeraar').objects.all()\n",
        "def v(request):\n    return get_model('intake.Inburgeraar').objects.all()\n",
    ],
)
def test_ac05_self_test_violations_are_caught(source):
    found = check_source(source, "selftest", MODELS, OTHERS)
    assert found, source


@pytest.mark.parametrize(
    "source",
    [
        "def v(request):\n    return Inburgeraar.objects.visible_to(request.user)\n",
        "def v(request):\n"
        "    return Pip.objects.visible_to(request.user).filter(x=1).first()\n",
        "def v(request):\n    return get_object_or_404(\n"
        "        Pip.objects.visible_to(request.user), pk=1)\n",
        "def v(request):\n    return Inburgeraar.objects.none()\n",
        "def v(request, dossier):\n    return dossier.notities.all()\n",
        "def v(request):\n    return Bezwaar.objects.filter(\n"
        "        beschikking__in=Beschikking.objects.visible_to(request.user))\n",
        "def v(request):\n    return Pip.objects.visible_to(request.user)"
        ".prefetch_related(\n"
        "        Prefetch('beschikking__bezwaren', queryset=Bezwaar.objects.all()))\n",
        # not a person-data model
        "def v(request):\n    return Gemeente.objects.all()\n",
        "def v(request):\n    return User._default_manager.get(pk=1)\n",
    ],
)
def test_ac05_self_test_scoped_access_passes(source):
    assert check_source(source, "selftest", MODELS, OTHERS) == []


def test_ac05_self_test_names_the_function():
    source = (
        "def outer(request):\n"
        "    def inner():\n"
        "        return Inburgeraar.objects.get(pk=1)\n"
        "    return inner()\n"
    )
    (violation,) = check_source(source, "app.views", MODELS, OTHERS)
    assert violation.key == "app.views:outer.inner"
    assert violation.line == 3
