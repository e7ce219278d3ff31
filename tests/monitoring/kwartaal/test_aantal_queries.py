"""The kwartaalrapportage: the number of queries does not depend on the data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from monitoring.rapportage.cijfers import bereken
from tests.monitoring.kwartaal.cellen import JAAR, aantallen
from tests.monitoring.kwartaal.scenario import STAND, meer_kopieen

pytestmark = pytest.mark.django_db


def test_aantal_queries_hangt_niet_af_van_de_data(scenario):
    zevenaar = scenario.gedeeld.zevenaar

    def queries(gemeente) -> int:
        with CaptureQueriesContext(connection) as context:
            bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=gemeente)
        return len(context.captured_queries)

    bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=zevenaar)  # warm up
    klein = {"regio": queries(None), "zevenaar": queries(zevenaar)}
    meer_kopieen(scenario, 2)  # three times every person and their rows
    groot = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=zevenaar)
    assert aantallen(groot, *JAAR) == (30, 9, 39)  # 3 × (10, 3, 13)
    assert {"regio": queries(None), "zevenaar": queries(zevenaar)} == klein
