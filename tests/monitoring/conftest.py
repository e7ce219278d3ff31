"""The rows each kind of signal looks at, in the shape the signal tests use them
(`maak(dossier, user)`); the sweep only reads them."""

import datetime as dt
import threading

from django.db import connections

from monitoring.models import Signaal
from monitoring.signalering import sweep
from tests.factories.intake import BredeIntakeFactory
from tests.factories.leerroutes import RoutestandFactory
from tests.factories.pip_plans import (
    HandhavingszaakFactory,
    InburgeringstermijnFactory,
    OntzorgingFactory,
)


def signalen(soort=None):
    qs = Signaal.objects.all()
    return qs.filter(soort=soort) if soort else qs


def intake(dossier, user, gestart_op=dt.date(2026, 4, 1)):
    """A brede intake started (and not completed)."""
    return BredeIntakeFactory(
        inburgeraar=dossier, gestart_door=user, gestart_op=gestart_op, onderdelen=False
    )


def ontzorging(dossier, user, einddatum):
    """Ontzorgen from 1 April 2026 to `einddatum`."""
    return OntzorgingFactory(
        inburgeraar=dossier,
        aangemaakt_door=user,
        startdatum=dt.date(2026, 4, 1),
        duur_maanden=6,
        einddatum=einddatum,
    )


def termijn(dossier, user, einddatum):
    """The first beschikking (1 March 2026, no PDF) and its termijn to `einddatum`."""
    return InburgeringstermijnFactory(
        inburgeraar=dossier,
        eerste_beschikking__pip__aangemaakt_door=user,
        oorspronkelijke_einddatum=einddatum,
    )


def routestand(dossier, **velden):
    return RoutestandFactory(inburgeraar=dossier, **velden)


def handhavingszaak(dossier, user, **velden):
    """A PVT overtreding of 1 June 2026 with its rapport of 1 July; no zienswijze
    term and no beslistermijn unless given."""
    return HandhavingszaakFactory(
        inburgeraar=dossier,
        aangemaakt_door=user,
        met_rapport=True,
        rapport_op=dt.date(2026, 7, 1),
        **{"zienswijze_tot": None, "beslistermijn": None, **velden},
    )


def twee_sweeps_tegelijk(dag) -> list[dict]:
    """Run the sweep of `dag` in two threads that start at once (a database with
    transactions, `django_db(transaction=True)`): what each sweep returned. Fails
    when either raised or did not finish."""
    start = threading.Barrier(2)
    resultaten, fouten = [], []

    def run():
        try:
            start.wait()
            resultaten.append(sweep(dag))
        except Exception as exc:  # reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert fouten == []
    assert len(resultaten) == 2
    return resultaten
