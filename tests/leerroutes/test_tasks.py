from django.conf import settings
from django.utils import timezone

import pytest

from leerroutes.models import Routestand
from leerroutes.tasks import routestanden_bijwerken

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_daily_sweep_is_scheduled_and_judges_every_route(traject):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert any(
        entry["task"] == "leerroutes.routestanden_bijwerken"
        for entry in schedule.values()
    )
    Routestand.objects.all().delete()
    assert routestanden_bijwerken.apply().get() == 1
    stand = Routestand.objects.get(inburgeraar=traject.inburgeraar)
    assert stand.berekend_op == timezone.localdate()
    # A second run derives the same state and creates nothing.
    routestanden_bijwerken.apply()
    assert Routestand.objects.count() == 1
