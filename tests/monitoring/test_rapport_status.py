"""The state of a requested kwartaalrapport, polled by htmx: nothing new (204) while
the state is what the page shows, the new state when it changed, and no more polling
once a request waited so long that its task was lost."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

import pytest

from monitoring.models import Kwartaalrapport, KwartaalrapportStatus
from monitoring.rapportage.rapport import WACHTRIJ_TE_LANG, wachtende_rapporten

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapport(zevenaar, beleidsmedewerker):
    return Kwartaalrapport.objects.create(
        jaar=2026, kwartaal=1, gemeente=zevenaar, aangevraagd_door=beleidsmedewerker
    )


def _status(client, rapport, was):
    url = reverse("monitoring:kwartaalrapport_status", args=[rapport.pk])
    return client.get(url, {"was": was})


def test_unchanged_state_is_204_changed_state_is_shown(
    client_for, beleidsmedewerker, rapport
):
    client = client_for(beleidsmedewerker)
    assert _status(client, rapport, "wachtrij").status_code == 204
    Kwartaalrapport.objects.filter(pk=rapport.pk).update(
        status=KwartaalrapportStatus.BEZIG
    )
    response = _status(client, rapport, "wachtrij")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wordt gemaakt" in html and 'hx-trigger="every 3s"' in html
    assert "was=bezig" in html


def test_a_lost_request_stops_polling_and_is_picked_up_again(
    client_for, beleidsmedewerker, rapport
):
    lang_geleden = timezone.now() - WACHTRIJ_TE_LANG - dt.timedelta(minutes=1)
    Kwartaalrapport.objects.filter(pk=rapport.pk).update(aangevraagd_op=lang_geleden)
    response = _status(client_for(beleidsmedewerker), rapport, "wachtrij")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vertraagd" in html and "hx-trigger" not in html
    assert wachtende_rapporten() == [rapport.pk]


def test_other_roles_and_gemeenten_cannot_poll(
    client_for, casusregisseur, duiven, rapport
):
    from tests.factories.accounts import UserFactory
    from zevenaar_inburgering.accounts.models import Role

    assert _status(client_for(casusregisseur), rapport, "wachtrij").status_code == 403
    beleid_duiven = UserFactory(role=Role.BELEIDSMEDEWERKER, gemeenten=[duiven])
    assert _status(client_for(beleid_duiven), rapport, "wachtrij").status_code == 404


def test_the_report_list_does_not_read_the_figures(
    client_for, rapport, beleidsmedewerker
):
    """The list shows state and period only; every report's figures (a JSON of the
    whole report) are not read for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client_for(beleidsmedewerker).get(
            reverse("monitoring:kwartaalrapporten")
        )
    assert response.status_code == 200
    assert rapport.periode in response.content.decode()
    lijst = [
        q["sql"]
        for q in ctx.captured_queries
        if "monitoring_kwartaalrapport" in q["sql"]
    ]
    assert lijst
    assert not any('"cijfers"' in sql for sql in lijst)
