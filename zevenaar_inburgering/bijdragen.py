"""Per-app contributions to cross-cutting jobs (the floor plan, README).

A job that touches every app — retention, the demo region, the timeline kinds —
does not import the apps: each app declares its own part in a module of an agreed
name (`<app>/retentie.py`, `<app>/demo/__init__.py`, …), and the job collects those
modules here in `INSTALLED_APPS` order, in the manner of Django's
`autodiscover_modules`. The order is the layer order, so a higher app's part runs
after (and may build on) the parts of the apps below it.
"""

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


def per_app(module: str) -> list[ModuleType]:
    """`<app>.<module>` of every installed app that has one, in INSTALLED_APPS order."""
    gevonden = []
    for config in apps.get_app_configs():
        naam = f"{config.name}.{module}"
        if find_spec(naam) is not None:
            gevonden.append(import_module(naam))
    return gevonden
