"""The floor plan (README, "One floor plan"): the apps form the layers
`zevenaar_inburgering ← intake ← pip_plans ← leerroutes ← monitoring`, and nothing
imports a higher layer — not at module level, not inside a function, not through
`apps.get_model` with a string. An AST walk of every module, without exceptions."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAAG = {
    "zevenaar_inburgering": 0,
    "intake": 1,
    "pip_plans": 2,
    "leerroutes": 3,
    "monitoring": 4,
}


def modules():
    for app in LAAG:
        for path in sorted((ROOT / app).rglob("*.py")):
            yield app, path


def geimporteerde_apps(boom: ast.AST):
    """(line, app) for every import of one of the apps, wherever it stands."""
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            namen = [alias.name for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            namen = [knoop.module]
        elif (
            isinstance(knoop, ast.Call)
            and isinstance(knoop.func, ast.Attribute)
            and knoop.func.attr == "get_model"
            and knoop.args
            and isinstance(knoop.args[0], ast.Constant)
            and isinstance(knoop.args[0].value, str)
        ):
            namen = [knoop.args[0].value.split(".")[0]]
        else:
            continue
        for naam in namen:
            app = naam.split(".")[0]
            if app in LAAG:
                yield knoop.lineno, app


def upward_imports():
    for app, path in modules():
        boom = ast.parse(path.read_text(), filename=str(path))
        for regel, doel in geimporteerde_apps(boom):
            if LAAG[doel] > LAAG[app]:
                yield f"{path.relative_to(ROOT)}:{regel} imports {doel}"


def test_every_app_module_is_walked():
    gevonden = {app for app, _ in modules()}
    assert gevonden == set(LAAG)
    assert sum(1 for _ in modules()) > 100


def test_nothing_imports_a_higher_app():
    assert list(upward_imports()) == []


@pytest.mark.parametrize(
    "bron, verwacht",
    [
        ("from monitoring.models import Signaal", ["monitoring"]),
        ("def f():\n    import leerroutes.rules\n", ["leerroutes"]),
        ("apps.get_model('pip_plans', 'Pip')", ["pip_plans"]),
        ("from . import models", []),
        ("import datetime", []),
    ],
)
def test_the_walk_sees_every_kind_of_import(bron, verwacht):
    assert [app for _, app in geimporteerde_apps(ast.parse(bron))] == verwacht
