"""The timeline kinds are per-app declarations (README, "One floor plan"): each app
registers the kinds its own code writes in `<app>/tijdlijn.py`, and
`Gebeurtenis.soort` takes its choices from all of them. An AST walk of every app
module finds each kind the code names (`GebeurtenisSoort.X`) and where the class
came from."""

import ast
from importlib import import_module
from importlib.util import resolve_name

from intake.models import Gebeurtenis
from tests.project.test_import_direction import LAAG, ROOT, modules
from zevenaar_inburgering.bijdragen import per_app


def geregistreerd() -> dict[type, str]:
    """Each registered kinds class and the app that registers it."""
    return {
        module.GebeurtenisSoort: module.__name__.rpartition(".")[0]
        for module in per_app("tijdlijn")
    }


def gebruikte_soorten():
    """(app, module path, class, member) for every `Name.MEMBER` in app code whose
    Name was imported as `GebeurtenisSoort`."""
    for app, path in modules():
        # The package relative imports start from (`x/__init__.py` and `x/y.py`: x).
        pakket = ".".join(path.relative_to(ROOT).parts[:-1])
        boom = ast.parse(path.read_text(), filename=str(path))
        herkomst = {}
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.ImportFrom):
                bron = resolve_name("." * knoop.level + (knoop.module or ""), pakket)
                for alias in knoop.names:
                    if alias.name == "GebeurtenisSoort":
                        klasse = getattr(import_module(bron), alias.name)
                        herkomst[alias.asname or alias.name] = klasse
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.Attribute)
                and isinstance(knoop.value, ast.Name)
                and knoop.value.id in herkomst
                and knoop.attr.isupper()
            ):
                yield app, path.relative_to(ROOT), herkomst[knoop.value.id], knoop.attr


def test_no_two_apps_register_the_same_kind():
    waarden = [waarde for klasse in geregistreerd() for waarde in klasse.values]
    assert len(waarden) == len(set(waarden))
    assert len(waarden) > 10  # the walk found the apps' modules


def test_the_field_offers_exactly_the_registered_kinds():
    veld = Gebeurtenis._meta.get_field("soort")
    verwacht = [keuze for klasse in geregistreerd() for keuze in klasse.choices]
    assert list(veld.choices) == verwacht
    assert all(len(waarde) <= veld.max_length for waarde, _ in verwacht)


def test_every_kind_used_is_registered_by_the_app_that_uses_it_or_one_below():
    """A higher app may write a lower app's kind (the benchmark seed writes
    "dossier aangemaakt"); a lower app cannot even import a higher one."""
    klassen = geregistreerd()
    fouten = []
    for app, pad, klasse, lid in gebruikte_soorten():
        eigenaar = klassen.get(klasse)
        if eigenaar is None:
            fouten.append(
                f"{pad}: {klasse.__module__}.{klasse.__name__} is not registered"
            )
        elif lid not in klasse.__members__:
            fouten.append(f"{pad}: {eigenaar} registers no {lid}")
        elif LAAG[eigenaar] > LAAG[app]:
            fouten.append(f"{pad}: {lid} is registered by the higher app {eigenaar}")
    assert fouten == []


def test_every_registered_kind_is_used_by_the_app_that_registers_it():
    """So that no app registers the kinds of another: a kind lives with the code
    that writes it."""
    gebruikt = {(app, klasse, lid) for app, _, klasse, lid in gebruikte_soorten()}
    ongebruikt = [
        f"{app}: {lid}"
        for klasse, app in geregistreerd().items()
        for lid in klasse.__members__
        if (app, klasse, lid) not in gebruikt
    ]
    assert ongebruikt == []
