"""Handhaving (DOMAIN.md §7): samenloop of a handhavingszaak with a Participatiewet
maatregel, both ways within the dated window, and the maatregel's own checks."""

import datetime as dt

from django.utils import timezone

import pytest

from intake.models import Gebeurtenis, Inburgeraar
from monitoring.werkvoorraad import aandacht
from pip_plans.handhaving.samenloop import samenloop, samenloop_voor_rsd
from pip_plans.models import Handhavingszaak
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.handhavingszaken.helpers import (
    OVERTREDING,
    D,
    afzien,
    besluiten,
    boete,
    gehoord,
    maatregel,
    openen,
    parameter,
    refused,
    vers,
)

# --- Samenloop -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_maatregel_20_days_from_the_overtreding_is_samenloop(
    dossier, casusregisseur, klantmanager
):
    zaak = openen(dossier, casusregisseur)
    assert samenloop(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )

    m = maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    paren = samenloop(dossier)
    assert [(p.zaak.pk, p.maatregel.pk) for p in paren] == [(zaak.pk, m.pk)]
    assert paren[0].dagen == 20
    assert list(Handhavingszaak.objects.met_samenloop()) == [zaak]
    assert dossier in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )
    assert [r.maatregel for r in samenloop_voor_rsd(dossier)] == [m]
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.MAATREGEL,
        gebruiker=klantmanager,
        omschrijving__endswith="samenloop met een handhavingszaak",
    ).exists()


@pytest.mark.django_db
def test_samenloop_found_when_the_zaak_comes_after_the_maatregel(
    dossier, casusregisseur, klantmanager
):
    maatregel(dossier, klantmanager, D(2026, 3, 15))
    zaak = openen(dossier, casusregisseur)
    assert [p.zaak for p in samenloop(dossier)] == [zaak]
    assert Gebeurtenis.objects.filter(
        soort=GebeurtenisSoort.HANDHAVING,
        omschrijving__endswith="samenloop met een maatregel Participatiewet",
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("dagen", [-30, -20, 30])
def test_samenloop_works_both_ways_within_the_window(
    dossier, casusregisseur, klantmanager, dagen
):
    zaak = openen(dossier, casusregisseur, datum_overtreding=D(2026, 5, 1))
    maatregel(dossier, klantmanager, D(2026, 5, 1) + dt.timedelta(days=dagen))
    assert [p.zaak for p in samenloop(dossier)] == [zaak]
    assert list(Handhavingszaak.objects.met_samenloop()) == [zaak]
    assert dossier in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("dagen", [31, -31, 60])
def test_no_samenloop_outside_the_window(dossier, casusregisseur, klantmanager, dagen):
    openen(dossier, casusregisseur, datum_overtreding=D(2026, 5, 1))
    maatregel(dossier, klantmanager, D(2026, 5, 1) + dt.timedelta(days=dagen))
    assert samenloop(dossier) == []
    assert samenloop_voor_rsd(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )


@pytest.mark.django_db
def test_no_samenloop_with_another_persons_maatregel(
    dossier, zevenaar, casusregisseur, klantmanager
):
    openen(dossier, casusregisseur)
    ander = InburgeraarFactory(gemeente=zevenaar, rsd_klantmanager=klantmanager)
    maatregel(ander, klantmanager, OVERTREDING + dt.timedelta(days=5))
    assert samenloop(dossier) == []
    assert samenloop(ander) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert not aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    ).exists()


@pytest.mark.django_db
def test_no_samenloop_once_the_zaak_is_afgezien(dossier, casusregisseur, klantmanager):
    zaak = openen(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    assert samenloop(dossier)
    besluiten(zaak, casusregisseur, afzien())
    assert samenloop(dossier) == []
    assert samenloop_voor_rsd(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()
    assert dossier not in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )


@pytest.mark.pdf
@pytest.mark.django_db
def test_samenloop_stays_after_a_fine(dossier, casusregisseur, collega, klantmanager):
    zaak = gehoord(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    besluiten(zaak, collega, boete())
    assert [p.zaak for p in samenloop(dossier)] == [vers(zaak)]
    assert dossier in aandacht(
        Inburgeraar.objects.all(), "samenloop", timezone.localdate()
    )


@pytest.mark.django_db
def test_the_samenloop_window_is_a_dated_parameter(
    dossier, casusregisseur, klantmanager
):
    parameter("samenloop_venster_dagen", D(2026, 1, 1), "10")
    openen(dossier, casusregisseur)
    maatregel(dossier, klantmanager, OVERTREDING + dt.timedelta(days=20))
    assert samenloop(dossier) == []
    assert not Handhavingszaak.objects.met_samenloop().exists()


@pytest.mark.django_db
def test_a_maatregel_refuses_future_and_inconsistent_dates(dossier, klantmanager):
    error = refused(
        maatregel, dossier, klantmanager, D(2026, 3, 10), besluit_op=D(2026, 3, 9)
    )
    assert "besluit_op" in error.message_dict
    error = refused(maatregel, dossier, klantmanager, D(2099, 1, 1))
    assert "datum_gedraging" in error.message_dict
    assert not dossier.maatregelen.exists()
