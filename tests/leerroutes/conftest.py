"""A keten with one contracted taalaanbieder and a dossier with a vastgesteld PIP."""

import datetime as dt

import pytest

from leerroutes.services.traject import traject_toewijzen
from tests.factories.intake import klaar_voor_pip
from tests.factories.leerroutes import B1_UREN, taalaanbieder
from tests.factories.pip_plans import pip_vaststellen
from tests.leerroutes.scenario import pip_vastgesteld, toewijzen


@pytest.fixture
def aanbieder(db):
    """A taalaanbieder with a valid keurmerk and a B1-route contract."""
    return taalaanbieder()


@pytest.fixture
def dossier_met_pip(dossier, casusregisseur):
    """`dossier` (asiel, Zevenaar) with its first PIP (B1-route) vastgesteld today."""
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur)
    return dossier


@pytest.fixture
def traject(dossier_met_pip, aanbieder, casusregisseur):
    """The dossier assigned to `aanbieder`, starting the termijn's first day."""
    start = dossier_met_pip.termijn.startdatum
    return traject_toewijzen(
        inburgeraar=dossier_met_pip,
        aanbieder=aanbieder,
        start=start,
        geplande_einde=start + dt.timedelta(days=900),
        uren=dict(B1_UREN),
        acting_user=casusregisseur,
    )


@pytest.fixture
def in_traject(dossier, casusregisseur, aanbieder):
    """`dossier` with its first PIP vastgesteld on scenario.DAGTEKENING and assigned
    to `aanbieder` from scenario.START."""
    pip_vastgesteld(dossier, casusregisseur)
    toewijzen(dossier, aanbieder, casusregisseur)
    return dossier
