"""Voortgangsgesprekken and voortgangsrapportages against the real database."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from leerroutes.models import Routestand, Voortgangsgesprek, Voortgangsrapportage
from leerroutes.services.voortgang import (
    voortgang_vastleggen,
    voortgangsgesprek_plannen,
    voortgangsgesprek_vastleggen,
)
from tests.leerroutes.scenario import pip_vastgesteld
from tests.leerroutes.services.helpers import gelogd, op_tijdlijn

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_voortgangsgesprek_held_plans_the_next(in_traject, casusregisseur):
    gesprek = Voortgangsgesprek.objects.get()
    with pytest.raises(ValidationError) as fout:
        voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={"gehouden_op": timezone.localdate() + dt.timedelta(days=1)},
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["gehouden_op"]

    voortgangsgesprek_vastleggen(
        gesprek=gesprek,
        data={
            "gehouden_op": dt.date(2026, 5, 20),
            "verslag": "Gaat goed.",
            "rsd_klantmanager_aanwezig": True,
        },
        acting_user=casusregisseur,
    )

    gesprek.refresh_from_db()
    assert (gesprek.gehouden_op, gesprek.verslag) == (
        dt.date(2026, 5, 20),
        "Gaat goed.",
    )
    volgende = Voortgangsgesprek.objects.get(gehouden_op__isnull=True)
    assert volgende.gepland_op == dt.date(2026, 5, 20) + dt.timedelta(weeks=12)
    assert Routestand.objects.get().volgend_voortgangsgesprek == volgende.gepland_op
    assert op_tijdlijn(in_traject, "voortgang", "volgende gepland op 12 augustus 2026")
    assert gelogd(in_traject, "Voortgangsgesprek vastgelegd")
    with pytest.raises(ValidationError, match="al vastgelegd"):
        voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={"gehouden_op": dt.date(2026, 5, 21)},
            acting_user=casusregisseur,
        )

    # Plannen moves the one planned meeting; there is never a second.
    voortgangsgesprek_plannen(
        inburgeraar=in_traject,
        gepland_op=dt.date(2026, 8, 1),
        acting_user=casusregisseur,
    )
    gepland = Voortgangsgesprek.objects.get(gehouden_op__isnull=True)
    assert (gepland.pk, gepland.gepland_op) == (volgende.pk, dt.date(2026, 8, 1))
    assert Routestand.objects.get().volgend_voortgangsgesprek == dt.date(2026, 8, 1)
    assert op_tijdlijn(in_traject, "voortgang", "gepland op 1 augustus 2026")
    assert gelogd(in_traject, "Voortgangsgesprek gepland")


def test_plannen_without_a_planned_meeting_creates_one(in_traject, casusregisseur):
    Voortgangsgesprek.objects.all().delete()
    voortgangsgesprek_plannen(
        inburgeraar=in_traject,
        gepland_op=dt.date(2026, 12, 1),
        acting_user=casusregisseur,
    )
    assert Voortgangsgesprek.objects.get().gepland_op == dt.date(2026, 12, 1)


def test_voortgangsrapportage(in_traject, casusregisseur, aanbieder):
    with pytest.raises(ValidationError) as fout:
        voortgang_vastleggen(
            inburgeraar=in_traject,
            data={"datum": timezone.localdate() + dt.timedelta(days=1)},
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["datum"]
    rapportage = voortgang_vastleggen(
        inburgeraar=in_traject,
        data={"datum": dt.date(2026, 6, 30), "lezen": "A2", "aanwezigheid_pct": 90},
        acting_user=casusregisseur,
    )
    # Without an aanbieder named: the aanbieder of the open traject.
    assert rapportage.aanbieder == aanbieder
    assert rapportage.niveaus() == {"lezen": "A2"}
    assert op_tijdlijn(in_traject, "leerroute", "Voortgangsrapportage van")
    assert gelogd(in_traject, "Voortgangsrapportage vastgelegd")


def test_voortgangsrapportage_needs_a_traject(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    with pytest.raises(ValidationError, match="geen traject"):
        voortgang_vastleggen(
            inburgeraar=dossier,
            data={"datum": dt.date(2026, 6, 30)},
            acting_user=casusregisseur,
        )
    assert not Voortgangsrapportage.objects.exists()
