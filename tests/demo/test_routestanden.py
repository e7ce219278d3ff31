"""The demo switches off deriving the routestand after each change; a services
module that it forgets would only make the demo slow, so this test says so."""

import pkgutil
from importlib import import_module

from leerroutes import services
from leerroutes.demo.routestanden import MET_ROUTESTAND, routestanden_aan_het_eind
from leerroutes.routestand import routestand_bijwerken


def _services_modules():
    return [
        import_module(f"{services.__name__}.{info.name}")
        for info in pkgutil.iter_modules(services.__path__)
    ]


def test_the_demo_switches_off_every_services_module_that_derives_the_routestand():
    afgeleid = {m for m in _services_modules() if hasattr(m, "routestand_bijwerken")}
    assert afgeleid == set(MET_ROUTESTAND)


def test_the_demo_switches_the_routestand_back_on_afterwards(monkeypatch):
    monkeypatch.setattr(
        "leerroutes.demo.routestanden.alle_routestanden_bijwerken", lambda: 0
    )
    with routestanden_aan_het_eind():
        assert all(
            m.routestand_bijwerken is not routestand_bijwerken for m in MET_ROUTESTAND
        )
    assert all(m.routestand_bijwerken is routestand_bijwerken for m in MET_ROUTESTAND)
