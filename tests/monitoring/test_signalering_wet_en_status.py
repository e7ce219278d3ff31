"""No signal where the dossier's law or status makes it meaningless (issue 19 item
1): every rule leaves out closed dossiers (verhuisd included), and the rules built
on Wi2021 matters (PIP, brede intake, termijn, koers, ontzorgen, handhaving) leave
out Wi2013 dossiers. The one exception, a bezwaar on a closed dossier, is tested in
test_signalering_extra."""

import datetime as dt

from django.db.models import Q

import pytest

from intake.models import GESLOTEN_STATUSSEN, Inburgeraar, WetRegime
from leerroutes.models import KoersStatus, Routestand
from monitoring.models import SignaalSoort
from monitoring.signalering import sweep

from .conftest import signalen
from .test_signalering import GEVALLEN
from .test_signalering_extra import UREN_DAG, traject

# What the sweep needs to raise each kind: (soort, make, day). niet_op_koers has no
# day of its own: it follows the koers (set below).
REGELS_MET_DAG = [
    *((g.soort, g.maak, g.dag or dt.date(2026, 7, 1)) for g in GEVALLEN),
    (SignaalSoort.UREN_ONTBREKEN, traject, UREN_DAG),
]
ALLEEN_WI2021 = {
    SignaalSoort.PIP_WEEK_6,
    SignaalSoort.PIP_WEEK_8,
    SignaalSoort.PIP_TE_LAAT,
    SignaalSoort.INTAKE_NIET_GESTART,
    SignaalSoort.ONTZORGEN_EINDIGT,
    SignaalSoort.TERMIJN_12_MAANDEN,
    SignaalSoort.TERMIJN_6_MAANDEN,
    SignaalSoort.TERMIJN_VERSTREKEN,
    SignaalSoort.NIET_OP_KOERS,
    SignaalSoort.HANDHAVING_BESLISTERMIJN,
    SignaalSoort.ZIENSWIJZE_VERSTREKEN,
}


def _maak(soort, maak, dossier, user):
    obj = maak(dossier, user)
    if soort == SignaalSoort.NIET_OP_KOERS:
        Routestand.objects.filter(inburgeraar=dossier).update(
            koers=KoersStatus.NIET_OP_KOERS
        )
    return obj


def _ids(regel):
    return str(regel[0])


@pytest.mark.parametrize("regel", REGELS_MET_DAG, ids=_ids)
def test_each_rule_raises_its_signal_for_an_open_wi2021_dossier(
    regel, dossier, casusregisseur
):
    """The control for the tests below: the same data on an open Wi2021 dossier."""
    soort, maak, dag = regel
    _maak(soort, maak, dossier, casusregisseur)
    sweep(dag)
    assert signalen(soort).open().count() == 1


@pytest.mark.parametrize("status", GESLOTEN_STATUSSEN)
@pytest.mark.parametrize("regel", REGELS_MET_DAG, ids=_ids)
def test_no_rule_raises_a_signal_for_a_closed_dossier(
    regel, status, dossier, casusregisseur
):
    soort, maak, dag = regel
    _maak(soort, maak, dossier, casusregisseur)
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=status)
    sweep(dag)
    assert not signalen(soort).exists()


@pytest.mark.parametrize("regel", REGELS_MET_DAG, ids=_ids)
def test_a_wi2013_dossier_gets_no_wi2021_signal_but_keeps_its_guidance(
    regel, dossier, casusregisseur
):
    soort, maak, dag = regel
    _maak(soort, maak, dossier, casusregisseur)
    Inburgeraar.objects.filter(pk=dossier.pk).update(wet_regime=WetRegime.WI2013)
    sweep(dag)
    verwacht = 0 if soort in ALLEEN_WI2021 else 1
    assert signalen(soort).count() == verwacht


def test_a_wi2013_dossier_past_its_pip_deadline_raises_no_pip_signal(
    dossier, casusregisseur
):
    """The issue's first item every morning: "PIP-deadline verstreken" for a Wi2013
    dossier, where no PIP exists."""
    Inburgeraar.objects.filter(pk=dossier.pk).update(
        wet_regime=WetRegime.WI2013, pip_deadline=dt.date(2022, 4, 18)
    )
    sweep(dt.date(2026, 12, 7))
    assert (
        not signalen()
        .filter(Q(soort__startswith="pip_") | Q(soort=SignaalSoort.INTAKE_NIET_GESTART))
        .exists()
    )
