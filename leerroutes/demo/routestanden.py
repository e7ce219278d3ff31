"""Deriving the demo's routestanden once, at the end, instead of after each change."""

from contextlib import contextmanager

from ..routestand import alle_routestanden_bijwerken, routestand_bijwerken
from ..services import participatie, pip, traject, uren, uren_import, voldaan, voortgang

# The services modules that derive the routestand after a change: each looks the
# function up in its own namespace, so each is switched off on its own
# (tests/demo checks that none is missing).
MET_ROUTESTAND = (participatie, pip, traject, uren, uren_import, voldaan, voortgang)


@contextmanager
def routestanden_aan_het_eind():
    """Every service derives the person's routestand again after its change (some
    30 ms). The demo makes thousands of changes, so it derives each routestand once,
    at the end, from the same rows: the result is the same, in a fraction of the
    time."""
    for module in MET_ROUTESTAND:
        module.routestand_bijwerken = lambda *args, **kwargs: 0
    try:
        yield
    finally:
        for module in MET_ROUTESTAND:
            module.routestand_bijwerken = routestand_bijwerken
    alle_routestanden_bijwerken()
