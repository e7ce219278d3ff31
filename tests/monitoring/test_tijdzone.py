"""Every "today" is the date in Europe/Amsterdam (`timezone.localdate()`), never the
UTC date: the nightly sweep run just before and just after local midnight, on the
nights the clocks change, takes the right day."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.models import Inburgeraar
from monitoring.models import SignaalSoort
from monitoring.tasks import signalering_sweep
from tests.factories.intake import InburgeraarFactory

from .conftest import signalen

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lokaal(dag: dt.date, uur: int, minuut: int) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(uur, minuut), tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    "zaterdag",
    [
        dt.date(2026, 3, 28),  # summer time starts in the night to Sunday 29 March
        dt.date(2026, 10, 24),  # winter time starts in the night to Sunday 25 October
    ],
)
def test_the_sweep_takes_the_amsterdam_date_at_2330_and_0030(zaterdag, casusregisseur):
    """The PIP deadline is the Saturday: at 23:30 that evening it has not passed; at
    00:30 on Sunday it has, although UTC is still on Saturday then."""
    dossier = InburgeraarFactory(casusregisseur=casusregisseur)
    Inburgeraar.objects.filter(pk=dossier.pk).update(pip_deadline=zaterdag)
    zondag = zaterdag + dt.timedelta(days=1)

    with freeze_time(lokaal(zaterdag, 23, 30)):
        assert timezone.localdate() == zaterdag
        signalering_sweep.apply().get()
    assert not signalen(SignaalSoort.PIP_TE_LAAT).exists()
    assert signalen(SignaalSoort.PIP_WEEK_8).get().vervaldatum == zaterdag

    with freeze_time(lokaal(zondag, 0, 30)):
        assert dt.datetime.now(dt.UTC).date() == zaterdag
        assert timezone.localdate() == zondag
        signalering_sweep.apply().get()
    te_laat = signalen(SignaalSoort.PIP_TE_LAAT).get()
    assert te_laat.vervaldatum == zaterdag
    assert te_laat.inburgeraar_id == dossier.pk
    assert signalen(SignaalSoort.PIP_WEEK_8).get().opgelost_op is not None
