"""RL-10: which closed dossiers the job anonymises: exactly the bewaartermijn is not
yet due, later activity restarts the clock, unfinished handhaving holds a dossier,
the bewaartermijn comes from the settings, and placeholder BSNs and shared households
stay sound.
"""

from django.core.exceptions import ImproperlyConfigured

import pytest
from freezegun import freeze_time

from intake import anonimiseren
from intake.models import Gebeurtenis, Huishouden, Huishoudlid, Inburgeraar, Status
from intake.tijdlijn import GebeurtenisSoort
from pip_plans.models import HandhavingStatus, Handhavingszaak, Overtreding
from tests.factories.intake import InburgeraarFactory
from tests.security.bewaartermijn import D, draai

pytestmark = pytest.mark.django_db


def _gesloten(casusregisseur, op: str, **velden) -> Inburgeraar:
    velden.setdefault("status", Status.VERHUISD)
    with freeze_time(op):
        return InburgeraarFactory(casusregisseur=casusregisseur, **velden)


def test_rl10_exactly_the_bewaartermijn_is_not_yet_more(casusregisseur):
    dossier = _gesloten(casusregisseur, "2019-06-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2024, 6, 1)) == 0
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2024, 6, 2)) == 1
    dossier.refresh_from_db()
    assert dossier.geanonimiseerd_op is not None


def test_rl10_later_activity_restarts_the_clock(casusregisseur):
    dossier = _gesloten(casusregisseur, "2015-01-01 10:00:00")
    with freeze_time("2022-03-01 10:00:00"):
        Gebeurtenis.objects.create(
            inburgeraar=dossier,
            soort=GebeurtenisSoort.NOTITIE,
            gebruiker=casusregisseur,
            omschrijving="Vraag van de inburgeraar beantwoord.",
        )
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 0


def test_rl10_termijn_overschreden_is_not_closed(casusregisseur):
    _gesloten(casusregisseur, "2015-01-01 10:00:00", status=Status.ONTKOPPELD)
    with freeze_time("2015-01-01 10:00:00"):
        InburgeraarFactory(status=Status.TERMIJN_OVERSCHREDEN)
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1
    assert Inburgeraar.objects.get(status=Status.TERMIJN_OVERSCHREDEN).achternaam != (
        "Geanonimiseerd"
    )


def test_rl10_unfinished_handhaving_or_bezwaar_holds_the_dossier(casusregisseur):
    lopend = _gesloten(casusregisseur, "2015-01-01 10:00:00")
    with freeze_time("2015-01-01 10:00:00"):
        Handhavingszaak.objects.create(
            inburgeraar=lopend,
            overtreding=Overtreding.PVT,
            datum_overtreding=D(2014, 6, 1),
            feiten="Niet verschenen.",
            status=HandhavingStatus.GEWAARSCHUWD,
            aangemaakt_door=casusregisseur,
        )
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 0


def test_rl10_bewaartermijn_comes_from_settings(drie, settings):
    settings.BEWAARTERMIJN_JAREN = 10
    assert draai() == 0
    settings.BEWAARTERMIJN_JAREN = 0
    with pytest.raises(ImproperlyConfigured, match="BEWAARTERMIJN_JAREN"):
        draai()


def test_rl10_placeholder_bsns_are_unique(casusregisseur):
    for _ in range(3):
        _gesloten(casusregisseur, "2015-01-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 3
    _gesloten(casusregisseur, "2015-01-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1
    bsns = sorted(Inburgeraar.objects.values_list("bsn", flat=True))
    assert bsns == ["X00000001", "X00000002", "X00000003", "X00000004"]


def test_rl10_household_shared_with_an_open_dossier_keeps_its_members(
    casusregisseur,
):
    huishouden = Huishouden.objects.create()
    Huishoudlid.objects.create(huishouden=huishouden, naam="Kind", relatie="kind")
    oud = _gesloten(casusregisseur, "2015-01-01 10:00:00", huishouden=huishouden)
    partner = InburgeraarFactory(huishouden=huishouden, status=Status.IN_TRAJECT)

    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1

    oud.refresh_from_db()
    partner.refresh_from_db()
    assert oud.huishouden_id is None
    assert partner.huishouden_id == huishouden.pk
    assert list(huishouden.leden.values_list("naam", flat=True)) == ["Kind"]
