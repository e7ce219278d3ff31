"""A keten with one contracted taalaanbieder and a dossier with a vastgesteld PIP."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

import pytest

from leerroutes import services
from leerroutes.models import (
    Contract,
    ContractOnderdeel,
    Organisatie,
    OrganisatieSoort,
)
from tests.leerroutes.scenario import B1_UREN, pip_vastgesteld, toewijzen
from tests.pip_plans.conftest import klaar_voor_pip, vaststellen


def taalaanbieder(
    naam="Taalschool Liemers", *, keurmerk=True, route="b1", contract=True
):
    """Keurmerk and contract valid from before every fixed date of the tests
    (2024, 2025) to three years from today: for the scenarios of 2026 and for a
    traject that starts tomorrow alike."""
    over_drie_jaar = timezone.localdate() + dt.timedelta(days=3 * 365)
    aanbieder = Organisatie.objects.create(
        naam=naam,
        soort=OrganisatieSoort.TAALAANBIEDER,
        keurmerk_nummer="BOW-1234" if keurmerk else "",
        keurmerk_geldig_van=dt.date(2024, 1, 1) if keurmerk else None,
        keurmerk_geldig_tot=over_drie_jaar if keurmerk else None,
    )
    if contract:
        overeenkomst = Contract.objects.create(
            aanbieder=aanbieder,
            leerroute=route,
            kenmerk=f"INK-{naam[:4].upper()}",
            start=dt.date(2025, 1, 1),
            einde=over_drie_jaar,
            prijs_route=Decimal("10000.00"),
        )
        for onderdeel, uren in B1_UREN.items():
            ContractOnderdeel.objects.create(
                contract=overeenkomst,
                onderdeel=onderdeel,
                uren=uren,
                prijs=Decimal("1000.00"),
            )
    return aanbieder


@pytest.fixture
def aanbieder(db):
    """A taalaanbieder with a valid keurmerk and a B1-route contract."""
    return taalaanbieder()


@pytest.fixture
def dossier_met_pip(dossier, casusregisseur):
    """`dossier` (asiel, Zevenaar) with its first PIP (B1-route) vastgesteld today."""
    klaar_voor_pip(dossier, casusregisseur)
    vaststellen(dossier, casusregisseur)
    return dossier


@pytest.fixture
def traject(dossier_met_pip, aanbieder, casusregisseur):
    """The dossier assigned to `aanbieder`, starting the termijn's first day."""
    start = dossier_met_pip.termijn.startdatum
    return services.traject_toewijzen(
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
