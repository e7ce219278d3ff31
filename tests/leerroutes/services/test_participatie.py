"""Participation activities against the real database, and the duurzaam werk and
meedoen the routestand derives from them.

The dates are those of tests/leerroutes/scenario.py: the first PIP is vastgesteld on
1 March 2026, so the termijn and the months of hours after it lie in the past and
every hour, exam and signature goes through the services a casusregisseur uses.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from leerroutes.models import Participatieactiviteit, Routestand
from leerroutes.services.participatie import (
    activiteit_beeindigen,
    activiteit_vastleggen,
)
from tests.leerroutes.services.helpers import gelogd, op_tijdlijn

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_duurzaam_werk_and_meedoen_are_derived(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "betaald_werk",
                "organisatie": "Bakkerij",
                "start": dt.date(2026, 1, 1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["uren_per_week"]
    assert not Participatieactiviteit.objects.exists()
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "vrijwilligerswerk",
            "organisatie": "Voedselbank",
            "start": dt.date(2025, 12, 1),
        },
        acting_user=casusregisseur,
    )
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "betaald_werk",
            "organisatie": "Bakkerij",
            "uren_per_week": Decimal(16),
            "start": dt.date(2026, 1, 1),
            "einde": dt.date(2026, 3, 31),
        },
        acting_user=casusregisseur,
    )
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "betaald_werk",
            "organisatie": "Distributiecentrum",
            "uren_per_week": Decimal(24),
            "start": dt.date(2026, 4, 15),  # a gap: the count starts again
        },
        acting_user=casusregisseur,
    )
    stand = Routestand.objects.get()
    assert stand.meedoen_sinds == dt.date(2025, 12, 1)  # volunteering counts
    assert stand.duurzaam_werk_sinds == dt.date(2026, 10, 14)
    assert op_tijdlijn(in_traject, "participatie", "Betaald werk bij Bakkerij")
    assert gelogd(in_traject, "Participatie vastgelegd")

    activiteit = Participatieactiviteit.objects.get(organisatie="Distributiecentrum")
    with pytest.raises(ValidationError) as fout:
        activiteit_beeindigen(
            activiteit=activiteit,
            einde=dt.date(2026, 4, 14),
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]
    activiteit_beeindigen(
        activiteit=activiteit, einde=dt.date(2026, 9, 30), acting_user=casusregisseur
    )
    activiteit.refresh_from_db()
    assert activiteit.einde == dt.date(2026, 9, 30)
    # Five and a half months of work after the gap: not duurzaam.
    assert Routestand.objects.get().duurzaam_werk_sinds is None
    assert op_tijdlijn(in_traject, "participatie", "beëindigd per 30-09-2026")
    assert gelogd(in_traject, "Participatie beëindigd")


def test_two_small_jobs_together_are_duurzaam_werk(in_traject, casusregisseur):
    for organisatie in ("Schoonmaak", "Supermarkt"):
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "betaald_werk",
                "organisatie": organisatie,
                "uren_per_week": Decimal(6),
                "start": dt.date(2026, 2, 1),
            },
            acting_user=casusregisseur,
        )
    assert Routestand.objects.get().duurzaam_werk_sinds == dt.date(2026, 7, 31)


def test_activity_ending_before_its_start_is_refused(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "stage",
                "organisatie": "Gemeente",
                "start": dt.date(2026, 5, 1),
                "einde": dt.date(2026, 4, 30),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]
