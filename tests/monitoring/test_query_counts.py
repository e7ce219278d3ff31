"""The sweep, the report figures and the werkvoorraad are SQL aggregates: their
number of queries does not grow with the number of dossiers. Measured on 50 seeded
dossiers, then on 1,000 (monitoring.benchmark, the data `manage.py benchmark`
times), the counts are equal, not merely below a bound."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from intake.models import Inburgeraar, Status
from leerroutes.models import Traject, Urenregistratie
from monitoring.benchmark.data import bsn, geseede_dossiers
from monitoring.benchmark.referentie import gebruikers
from monitoring.benchmark.seed import seed
from monitoring.models import Signaal
from pip_plans.models import Beschikking, Inburgeringstermijn, Pip, PipStatus
from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.validators import is_valid_bsn

pytestmark = pytest.mark.django_db

KLEIN, GROOT = 50, 1000


def aantal_queries(functie) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        uitkomst = functie()
    return len(ctx.captured_queries), uitkomst


def naar(aantal: int) -> None:
    """Seed until there are `aantal` seeded dossiers."""
    seed(aantal - geseede_dossiers().count())
    assert geseede_dossiers().count() == aantal


def test_seed_makes_valid_varied_dossiers():
    naar(KLEIN)
    naar(GROOT)
    bsns = list(geseede_dossiers().values_list("bsn", flat=True))
    assert len(set(bsns)) == GROOT
    assert all(is_valid_bsn(b) for b in bsns)
    assert bsn(0) == "200000007"  # deterministic
    assert is_valid_bsn(bsn(999_999))
    with pytest.raises(ValueError):
        bsn(1_000_000)  # would leave the seeded range
    dossiers = geseede_dossiers()
    asiel = dossiers.filter(doelgroep="asielstatushouder").count()
    assert 0.6 * GROOT < asiel < 0.8 * GROOT
    assert set(dossiers.values_list("gemeente__naam", flat=True)) == set(
        Gemeente.objects.values_list("naam", flat=True)
    )
    jaren = {
        d.year for d in dossiers.values_list("start_inburgeringsplicht", flat=True)
    }
    assert {2022, 2023, 2024, 2025, 2026} <= jaren
    # Every stage occurs, from a fresh signal to voldaan.
    statussen = set(dossiers.values_list("status", flat=True))
    assert {
        Status.SIGNAAL_ONTVANGEN,
        Status.INTAKE_LOOPT,
        Status.PIP_CONCEPT,
        Status.IN_TRAJECT,
        Status.AFGEROND_VOLDAAN,
    } <= statussen
    vastgesteld = Pip.objects.filter(status=PipStatus.VASTGESTELD)
    assert vastgesteld.count() == Beschikking.objects.count()
    assert Inburgeringstermijn.objects.count() == (
        dossiers.filter(pip_vastgesteld_op__isnull=False).count()
    )
    assert Traject.objects.count() > 0.4 * GROOT
    assert Urenregistratie.objects.count() > 10 * GROOT


def test_sweep_queries_do_not_grow():
    from monitoring.signalering import sweep

    vandaag = timezone.localdate()
    naar(KLEIN)
    klein_eerste, gemaakt_klein = aantal_queries(lambda: sweep(vandaag))
    klein_tweede, _ = aantal_queries(lambda: sweep(vandaag))
    signalen_klein = Signaal.objects.count()
    naar(GROOT)
    groot_eerste, _ = aantal_queries(lambda: sweep(vandaag))
    groot_tweede, nogmaals = aantal_queries(lambda: sweep(vandaag))

    assert signalen_klein > 0
    assert (
        Signaal.objects.count() > 5 * signalen_klein
    )  # the data grew, and so did the work
    assert (klein_eerste, klein_tweede) == (groot_eerste, groot_tweede)
    assert klein_eerste == klein_tweede
    # The second run on the same day is idempotent: nothing made, resolved or moved.
    assert set(nogmaals.values()) == {0}


def test_report_queries_do_not_grow():
    from monitoring.rapportage.basis import laatste_afgesloten_kwartaal
    from monitoring.rapportage.cijfers import bereken

    vandaag = timezone.localdate()
    jaar, kwartaal = laatste_afgesloten_kwartaal(vandaag)
    zevenaar = Gemeente.objects.get(naam="Zevenaar")

    def meten():
        regio = aantal_queries(
            lambda: bereken(stand=vandaag, jaar=jaar, kwartaal=kwartaal, gemeente=None)
        )
        gemeente = aantal_queries(
            lambda: bereken(
                stand=vandaag,
                jaar=jaar,
                kwartaal=kwartaal,
                gemeente=zevenaar,
            )
        )
        return regio, gemeente

    naar(KLEIN)
    meten()  # warm up: parameters and content types may be cached on first use
    (regio_klein, cijfers_klein), (gemeente_klein, _) = meten()
    naar(GROOT)
    (regio_groot, cijfers_groot), (gemeente_groot, _) = meten()

    assert cijfers_klein != cijfers_groot  # the figures did change
    assert regio_klein == regio_groot
    assert gemeente_klein == gemeente_groot


def test_werkvoorraad_queries_do_not_grow(client_for):
    casusregisseur, _ = gebruikers()
    client = client_for(casusregisseur)
    url = reverse("monitoring:werkvoorraad")

    def meten() -> int:
        aantal, response = aantal_queries(lambda: client.get(url))
        assert response.status_code == 200
        return aantal

    naar(KLEIN)
    meten()  # warm up: the first request loads the session and caches
    klein = meten()
    naar(GROOT)
    groot = meten()
    assert Inburgeraar.objects.visible_to(casusregisseur).count() == GROOT
    assert klein == groot
