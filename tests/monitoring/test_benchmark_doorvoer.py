"""The benchmark's throughput step (monitoring.benchmark.doorvoer): wrk's figures are
read from its Lua hook, and a page that redirects is not taken for a page."""

from django.urls import reverse

import pytest

from monitoring.benchmark import doorvoer

pytestmark = pytest.mark.django_db(transaction=True)


def test_reads_the_figures_of_the_wrk_hook():
    uitvoer = (
        "Running 20s test\n  2 threads\nUITSLAG 2400 20000000 31000 48500 90000 0\n"
    )
    uitslag = doorvoer.lees_uitslag(uitvoer)
    assert uitslag.verzoeken == 2400
    assert uitslag.per_seconde == 120.0
    assert (uitslag.p50_ms, uitslag.p95_ms, uitslag.p99_ms) == (31.0, 48.5, 90.0)
    assert uitslag.fouten == 0
    assert "120 verzoeken/s" in uitslag.omschrijving()


def test_output_without_figures_is_an_error():
    with pytest.raises(ValueError, match="geen uitslag"):
        doorvoer.lees_uitslag("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_wrk_loads_a_live_server(live_server):
    uitslag = doorvoer.belast(
        live_server.url + reverse("health"), "", clients=2, seconden=1
    )
    assert uitslag.verzoeken > 0
    assert uitslag.fouten == 0
    assert uitslag.p50_ms <= uitslag.p95_ms <= uitslag.p99_ms


def test_a_redirect_is_not_a_page(live_server):
    """Without a session the werkvoorraad sends the client to the login: 302,
    which the step reports as a failure instead of timing the redirect."""
    url = live_server.url + reverse("monitoring:werkvoorraad")
    assert doorvoer.status(url, "sessionid=onbekend") == 302
    assert doorvoer.status(live_server.url + reverse("health"), "") == 200
