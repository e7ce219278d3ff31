"""The kwartaalrapportage tests read the fixed scenario (scenario/), mostly its report
Zevenaar 2022 K4."""

import pytest

from monitoring.rapportage.cijfers import bereken
from tests.monitoring.kwartaal.scenario import STAND, bouw


@pytest.fixture
def scenario(db):
    return bouw()


@pytest.fixture
def zevenaar_k4(scenario):
    return bereken(
        stand=STAND, jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar
    )
