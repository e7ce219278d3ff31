"""Builders for the rows each kind of signal looks at, made directly (the sweep
only reads them; the services that write them are tested in their own apps)."""

import datetime as dt
import itertools

from intake.models import BredeIntake, IntakeStatus
from leerroutes.models import Routestand
from monitoring.models import Signaal
from pip_plans.models import (
    Beschikking,
    HandhavingStatus,
    Handhavingszaak,
    Inburgeringstermijn,
    Ontzorging,
    Overtreding,
    Pip,
    PipStatus,
)

_kenmerk = itertools.count(1)


def signalen(soort=None):
    qs = Signaal.objects.all()
    return qs.filter(soort=soort) if soort else qs


def intake(dossier, user, gestart_op=dt.date(2026, 4, 1)) -> BredeIntake:
    return BredeIntake.objects.create(
        inburgeraar=dossier,
        gestart_op=gestart_op,
        gestart_door=user,
        status=IntakeStatus.LOOPT,
    )


def ontzorging(dossier, user, einddatum) -> Ontzorging:
    return Ontzorging.objects.create(
        inburgeraar=dossier,
        startdatum=dt.date(2026, 4, 1),
        duur_maanden=6,
        einddatum=einddatum,
        aangemaakt_door=user,
    )


def termijn(dossier, user, einddatum) -> Inburgeringstermijn:
    """A first beschikking and its termijn, without the PDF."""
    pip = Pip.objects.create(
        inburgeraar=dossier,
        versie=1,
        status=PipStatus.VASTGESTELD,
        aangemaakt_door=user,
    )
    beschikking = Beschikking.objects.create(
        pip=pip,
        inburgeraar=dossier,
        kenmerk=f"TEST-{next(_kenmerk)}",
        dagtekening=dt.date(2026, 3, 1),
        bekendmaking=dt.date(2026, 3, 1),
        bezwaar_deadline=dt.date(2026, 4, 12),
        pdf="test.pdf",
        sha256="0" * 64,
        vastgesteld_door=user,
    )
    return Inburgeringstermijn.objects.create(
        inburgeraar=dossier,
        eerste_beschikking=beschikking,
        startdatum=dt.date(2026, 3, 2),
        oorspronkelijke_einddatum=einddatum,
        einddatum=einddatum,
    )


def routestand(dossier, **velden) -> Routestand:
    return Routestand.objects.create(
        inburgeraar=dossier, berekend_op=dt.date(2026, 6, 1), **velden
    )


def handhavingszaak(dossier, user, **velden) -> Handhavingszaak:
    return Handhavingszaak.objects.create(
        inburgeraar=dossier,
        overtreding=Overtreding.PVT,
        datum_overtreding=dt.date(2026, 6, 1),
        feiten="Niet verschenen bij het participatieverklaringstraject.",
        status=HandhavingStatus.ZIENSWIJZE,
        rapport_op=dt.date(2026, 7, 1),
        aangemaakt_door=user,
        **velden,
    )
