"""Each kind of signal appears on its day and not the day before, exactly once
however often the sweep runs, and resolves itself when its condition clears."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

import pytest

from intake.models import Inburgeraar, Status
from leerroutes.models import KoersStatus, Routestand
from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import REGELS, sweep
from pip_plans.models import (
    BesluitSoort,
    HandhavingStatus,
    Handhavingszaak,
    Inburgeringstermijn,
    Ontzorging,
)
from tests.factories.accounts import UserFactory

from .conftest import (
    handhavingszaak,
    intake,
    ontzorging,
    routestand,
    signalen,
    termijn,
)

PIP_DEADLINE = dt.date(2026, 6, 30)
TERMIJN_EINDE = dt.date(2026, 6, 30)


def pip_deadline(dossier, user):
    Inburgeraar.objects.filter(pk=dossier.pk).update(pip_deadline=PIP_DEADLINE)
    return dossier


def pip_vastgesteld(dossier, user, obj):
    Inburgeraar.objects.filter(pk=dossier.pk).update(
        pip_vastgesteld_op=dt.date(2026, 6, 20), status=Status.PIP_VASTGESTELD
    )


@dataclass
class Geval:
    soort: str
    maak: Callable[[Any, Any], Any]  # (dossier, user) -> the object
    dag: dt.date  # the first day the signal is due
    vervaldatum: dt.date
    oplossen: Callable[[Any, Any, Any], None]  # clears the condition
    object_is_dossier: bool = True


GEVALLEN = [
    Geval(
        SignaalSoort.PIP_WEEK_6,
        pip_deadline,
        PIP_DEADLINE - dt.timedelta(weeks=4),
        PIP_DEADLINE,
        pip_vastgesteld,
    ),
    Geval(
        SignaalSoort.PIP_WEEK_8,
        pip_deadline,
        PIP_DEADLINE - dt.timedelta(weeks=2),
        PIP_DEADLINE,
        pip_vastgesteld,
    ),
    Geval(
        SignaalSoort.PIP_TE_LAAT,
        pip_deadline,
        PIP_DEADLINE + dt.timedelta(days=1),
        PIP_DEADLINE,
        pip_vastgesteld,
    ),
    Geval(
        # The dossier fixture's kennisgeving is 5 March 2026.
        SignaalSoort.INTAKE_NIET_GESTART,
        lambda dossier, user: dossier,
        dt.date(2026, 4, 2),
        dt.date(2026, 4, 2),
        lambda dossier, user, obj: intake(dossier, user),
    ),
    Geval(
        SignaalSoort.ONTZORGEN_EINDIGT,
        lambda dossier, user: ontzorging(dossier, user, dt.date(2026, 10, 1)),
        dt.date(2026, 9, 3),
        dt.date(2026, 10, 1),
        # Verlengd as maatwerk: the end is no longer within 4 weeks.
        lambda dossier, user, obj: Ontzorging.objects.filter(pk=obj.pk).update(
            einddatum=dt.date(2026, 12, 1),
            verlengd_tot=dt.date(2026, 12, 1),
            verlenging_reden="Cursus omgaan met geld loopt nog.",
            andere_grondslag="pw57_budgetbeheer",
        ),
        object_is_dossier=False,
    ),
    Geval(
        SignaalSoort.TERMIJN_12_MAANDEN,
        lambda dossier, user: termijn(dossier, user, dt.date(2029, 3, 1)),
        # The termijn ends within the 12 months from 2 March 2028 through 1 March
        # 2029 (the month-end rule, DOMAIN §13.1), not yet on 1 March 2028.
        dt.date(2028, 3, 2),
        dt.date(2029, 3, 1),
        lambda dossier, user, obj: Inburgeraar.objects.filter(pk=dossier.pk).update(
            status=Status.AFGEROND_VOLDAAN
        ),
        object_is_dossier=False,
    ),
    Geval(
        # Six months before 31 August is 28 February (the month's last day).
        SignaalSoort.TERMIJN_6_MAANDEN,
        lambda dossier, user: termijn(dossier, user, dt.date(2029, 8, 31)),
        # The last 6 months of a termijn ending 31 August are March to August.
        dt.date(2029, 3, 1),
        dt.date(2029, 8, 31),
        # DUO's verlenging moves the end: the old signal is resolved.
        lambda dossier, user, obj: Inburgeringstermijn.objects.filter(pk=obj.pk).update(
            einddatum=dt.date(2030, 8, 31)
        ),
        object_is_dossier=False,
    ),
    Geval(
        # The termijn's last day is 30 June: the prompt starts on 1 July.
        SignaalSoort.TERMIJN_VERSTREKEN,
        lambda dossier, user: termijn(dossier, user, TERMIJN_EINDE),
        TERMIJN_EINDE + dt.timedelta(days=1),
        TERMIJN_EINDE,
        # DUO's verlenging moves the end past the day: nothing to decide yet.
        lambda dossier, user, obj: Inburgeringstermijn.objects.filter(pk=obj.pk).update(
            einddatum=dt.date(2027, 6, 30)
        ),
        object_is_dossier=False,
    ),
    Geval(
        SignaalSoort.NIET_OP_KOERS,
        lambda dossier, user: (
            termijn(dossier, user, dt.date(2029, 3, 1)),
            routestand(dossier, koers=KoersStatus.OP_KOERS),
        )[1],
        None,  # appears with the koers, see test_niet_op_koers_appears_with_the_koers
        dt.date(2029, 3, 1),
        lambda dossier, user, obj: Routestand.objects.filter(pk=obj.pk).update(
            koers=KoersStatus.RISICO
        ),
    ),
    Geval(
        SignaalSoort.VOORTGANGSGESPREK,
        lambda dossier, user: routestand(
            dossier, volgend_voortgangsgesprek=dt.date(2026, 9, 15)
        ),
        dt.date(2026, 9, 15),
        dt.date(2026, 9, 15),
        # The gesprek was held; the routestand plans the next one.
        lambda dossier, user, obj: Routestand.objects.filter(pk=obj.pk).update(
            volgend_voortgangsgesprek=dt.date(2026, 12, 15)
        ),
    ),
    Geval(
        SignaalSoort.HANDHAVING_BESLISTERMIJN,
        lambda dossier, user: handhavingszaak(
            dossier, user, beslistermijn=dt.date(2026, 9, 30)
        ),
        dt.date(2026, 9, 16),
        dt.date(2026, 9, 30),
        lambda dossier, user, obj: Handhavingszaak.objects.filter(pk=obj.pk).update(
            besluit=BesluitSoort.AFZIEN,
            besluit_op=dt.date(2026, 9, 20),
            afzien_reden="Niet verwijtbaar: ziek.",
            status=HandhavingStatus.AFGEZIEN,
        ),
        object_is_dossier=False,
    ),
    Geval(
        SignaalSoort.ZIENSWIJZE_VERSTREKEN,
        lambda dossier, user: handhavingszaak(
            dossier,
            user,
            zienswijze_tot=dt.date(2026, 8, 14),
            beslistermijn=dt.date(2026, 12, 30),
        ),
        dt.date(2026, 8, 15),
        dt.date(2026, 8, 14),
        lambda dossier, user, obj: Handhavingszaak.objects.filter(pk=obj.pk).update(
            zienswijze_ontvangen_op=dt.date(2026, 8, 20),
            zienswijze="Ik was ziek.",
        ),
        object_is_dossier=False,
    ),
]
MET_DAG = [g for g in GEVALLEN if g.dag is not None]


# Tested in test_signalering_extra.py.
ELDERS_GETEST = {SignaalSoort.UREN_ONTBREKEN, SignaalSoort.BEZWAAR_BESLISTERMIJN}


def test_every_kind_is_tested():
    getest = {g.soort for g in GEVALLEN} | ELDERS_GETEST
    assert getest == set(REGELS) == set(SignaalSoort.values)


@pytest.mark.parametrize("geval", MET_DAG, ids=lambda g: g.soort)
def test_signal_appears_on_its_day_and_not_the_day_before(
    geval, dossier, casusregisseur
):
    obj = geval.maak(dossier, casusregisseur)

    sweep(geval.dag - dt.timedelta(days=1))
    assert not signalen(geval.soort).exists()

    resultaat = sweep(geval.dag)
    assert resultaat[geval.soort] == 1
    signaal = signalen(geval.soort).get()
    assert signaal.inburgeraar == dossier
    assert signaal.vervaldatum == geval.vervaldatum
    assert signaal.verantwoordelijke == casusregisseur
    assert signaal.is_open
    if geval.object_is_dossier:
        assert (signaal.object_type, signaal.object_id) == (
            "intake.inburgeraar",
            str(dossier.pk),
        )
    else:
        assert signaal.object_type == f"pip_plans.{type(obj).__name__.lower()}"
        assert signaal.object_id == str(obj.pk)


@pytest.mark.parametrize("geval", GEVALLEN, ids=lambda g: g.soort)
def test_two_runs_make_one_signal_that_resolves_when_the_condition_clears(
    geval, dossier, casusregisseur
):
    obj = geval.maak(dossier, casusregisseur)
    if geval.soort == SignaalSoort.NIET_OP_KOERS:
        Routestand.objects.filter(pk=obj.pk).update(koers=KoersStatus.NIET_OP_KOERS)
    dag = geval.dag or dt.date(2026, 9, 1)

    sweep(dag)
    tweede = sweep(dag)
    assert tweede[geval.soort] == 0
    assert signalen(geval.soort).count() == 1

    geval.oplossen(dossier, casusregisseur, obj)
    assert sweep(dag)["opgelost"] >= 1
    signaal = signalen(geval.soort).get()
    assert signaal.opgelost_op is not None
    assert not Signaal.objects.open().filter(soort=geval.soort).exists()


def test_niet_op_koers_appears_with_the_koers_and_reopens_when_it_falls_again(
    dossier, casusregisseur
):
    termijn(dossier, casusregisseur, dt.date(2029, 3, 1))
    stand = routestand(dossier, koers=KoersStatus.RISICO)
    dag = dt.date(2026, 9, 1)
    sweep(dag)
    assert not signalen(SignaalSoort.NIET_OP_KOERS).exists()

    Routestand.objects.filter(pk=stand.pk).update(koers=KoersStatus.NIET_OP_KOERS)
    sweep(dag)
    assert signalen(SignaalSoort.NIET_OP_KOERS).open().count() == 1

    Routestand.objects.filter(pk=stand.pk).update(koers=KoersStatus.OP_KOERS)
    sweep(dag + dt.timedelta(days=1))
    assert not signalen(SignaalSoort.NIET_OP_KOERS).open().exists()

    Routestand.objects.filter(pk=stand.pk).update(koers=KoersStatus.NIET_OP_KOERS)
    assert sweep(dag + dt.timedelta(days=2))["heropend"] == 1
    assert signalen(SignaalSoort.NIET_OP_KOERS).open().count() == 1
    assert signalen(SignaalSoort.NIET_OP_KOERS).count() == 1


def test_pip_week_6_gives_way_to_week_8_and_then_to_overdue(dossier, casusregisseur):
    pip_deadline(dossier, casusregisseur)
    pip = [SignaalSoort.PIP_WEEK_6, SignaalSoort.PIP_WEEK_8, SignaalSoort.PIP_TE_LAAT]

    def open_soorten():
        return set(
            Signaal.objects.open().filter(soort__in=pip).values_list("soort", flat=True)
        )

    sweep(dt.date(2026, 6, 2))
    assert open_soorten() == {SignaalSoort.PIP_WEEK_6}
    sweep(dt.date(2026, 6, 16))
    assert open_soorten() == {SignaalSoort.PIP_WEEK_8}
    sweep(PIP_DEADLINE)
    assert open_soorten() == {SignaalSoort.PIP_WEEK_8}
    sweep(dt.date(2026, 7, 1))
    assert open_soorten() == {SignaalSoort.PIP_TE_LAAT}


def test_a_missed_day_is_caught_up_at_the_next_run(dossier, casusregisseur):
    """No sweep ran on the first day of week 8 (broker down): the next run still
    makes the signal, with the same vervaldatum."""
    pip_deadline(dossier, casusregisseur)
    sweep(dt.date(2026, 6, 20))
    signaal = signalen(SignaalSoort.PIP_WEEK_8).get()
    assert signaal.vervaldatum == PIP_DEADLINE


def test_a_moved_pip_deadline_resolves_the_old_signal_and_makes_a_new_one(
    dossier, casusregisseur
):
    pip_deadline(dossier, casusregisseur)
    sweep(dt.date(2026, 6, 20))
    Inburgeraar.objects.filter(pk=dossier.pk).update(pip_deadline=dt.date(2026, 7, 3))
    sweep(dt.date(2026, 6, 21))
    rijen = signalen(SignaalSoort.PIP_WEEK_8).order_by("vervaldatum")
    assert [(s.vervaldatum, s.is_open) for s in rijen] == [
        (PIP_DEADLINE, False),
        (dt.date(2026, 7, 3), True),
    ]


def test_no_signals_for_a_closed_dossier(dossier, casusregisseur):
    pip_deadline(dossier, casusregisseur)
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=Status.VERHUISD)
    sweep(dt.date(2026, 7, 1))
    assert not signalen().exists()


def test_signals_follow_a_new_casusregisseur(dossier, casusregisseur, zevenaar):
    pip_deadline(dossier, casusregisseur)
    sweep(dt.date(2026, 6, 20))
    opvolger = UserFactory(username="casus.opvolger", gemeenten=[zevenaar])
    Inburgeraar.objects.filter(pk=dossier.pk).update(casusregisseur=opvolger)

    assert sweep(dt.date(2026, 6, 21))["verantwoordelijke"] >= 1
    assert set(Signaal.objects.open().values_list("verantwoordelijke", flat=True)) == {
        opvolger.pk
    }


def test_the_database_refuses_a_second_signal_for_the_same_key(dossier):
    velden = {
        "soort": SignaalSoort.PIP_TE_LAAT,
        "inburgeraar": dossier,
        "object_type": "intake.inburgeraar",
        "object_id": str(dossier.pk),
        "vervaldatum": PIP_DEADLINE,
    }
    Signaal.objects.create(**velden)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signaal.objects.create(**velden)


def test_a_snooze_needs_a_reason(dossier):
    with pytest.raises(IntegrityError), transaction.atomic():
        Signaal.objects.create(
            soort=SignaalSoort.PIP_TE_LAAT,
            inburgeraar=dossier,
            object_type="intake.inburgeraar",
            object_id=str(dossier.pk),
            vervaldatum=PIP_DEADLINE,
            gesnoozed_tot=dt.date(2026, 7, 10),
        )
