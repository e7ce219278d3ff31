"""Every ontzorgen page test runs on 15 May 2026; `ontzorging` is the started period
of `dossier`."""

import pytest
from freezegun import freeze_time

from pip_plans.ontzorgen.services import ontzorging_starten


@pytest.fixture(autouse=True)
def mei_2026():
    """In the middle of the period that starts on the dossier's bijstand start."""
    with freeze_time("2026-05-15"):
        yield


@pytest.fixture
def ontzorging(dossier, casusregisseur):
    return ontzorging_starten(inburgeraar=dossier, acting_user=casusregisseur)
