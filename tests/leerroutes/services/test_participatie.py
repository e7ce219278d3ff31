"""Participation activities against the real database, and the duurzaam werk and
meedoen the routestand derives from them."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from leerroutes.models import Participatieactiviteit, Routestand
from leerroutes.services.participatie import activiteit_beeindigen
from tests.leerroutes.scenario import participatie
from tests.leerroutes.services.helpers import gelogd, op_tijdlijn

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_duurzaam_werk_and_meedoen_are_derived(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        participatie(
            in_traject, casusregisseur, "betaald_werk", "Bakkerij", dt.date(2026, 1, 1)
        )
    assert list(fout.value.message_dict) == ["uren_per_week"]
    assert not Participatieactiviteit.objects.exists()
    for soort, organisatie, start, einde, uren in [
        ("vrijwilligerswerk", "Voedselbank", dt.date(2025, 12, 1), None, None),
        ("betaald_werk", "Bakkerij", dt.date(2026, 1, 1), dt.date(2026, 3, 31), 16),
        # A gap: the count starts again.
        ("betaald_werk", "Distributiecentrum", dt.date(2026, 4, 15), None, 24),
    ]:
        participatie(in_traject, casusregisseur, soort, organisatie, start, einde, uren)
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
    assert op_tijdlijn(in_traject, "participatie", "beëindigd per 30 september 2026")
    assert gelogd(in_traject, "Participatie beëindigd")


def test_two_small_jobs_together_are_duurzaam_werk(in_traject, casusregisseur):
    for organisatie in ("Schoonmaak", "Supermarkt"):
        participatie(
            in_traject,
            casusregisseur,
            "betaald_werk",
            organisatie,
            dt.date(2026, 2, 1),
            uren=6,
        )
    assert Routestand.objects.get().duurzaam_werk_sinds == dt.date(2026, 7, 31)


def test_activity_ending_before_its_start_is_refused(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        participatie(
            in_traject,
            casusregisseur,
            "stage",
            "Gemeente",
            dt.date(2026, 5, 1),
            dt.date(2026, 4, 30),
        )
    assert list(fout.value.message_dict) == ["einde"]
