"""Handhaving (DOMAIN.md §7): a Participatiewet maatregel and its samenloop with a
handhavingszaak — the window, the RSD's view, the annotation and the timeline."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Inburgeraar
from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.samenloop import samenloop, samenloop_voor_rsd
from pip_plans.handhaving.services import besluit_nemen
from pip_plans.models import Maatregel
from pip_plans.selectors import met_aandacht
from pip_plans.tijdlijn import GebeurtenisSoort
from tests.factories.intake import InburgeraarFactory
from tests.pip_plans.handhaving.helpers import VANDAAG, D, nieuwe_zaak, parameter
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


def maatregel(dossier, user, datum, **kwargs) -> Maatregel:
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond=kwargs.pop("grond", "re_integratie"),
        datum_gedraging=datum,
        omschrijving="Niet verschenen bij het werkgeversgesprek.",
        besluit_op=datum + dt.timedelta(days=10),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


@freeze_time(VANDAAG)
def test_maatregel_writes_a_maatregel_timeline_entry(dossier, klantmanager):
    maatregel(dossier, klantmanager, D(2026, 2, 1))
    gebeurtenis = Gebeurtenis.objects.get(soort=GebeurtenisSoort.MAATREGEL)
    assert "niet meewerken aan re-integratie" in gebeurtenis.omschrijving
    assert Verwerking.objects.filter(handeling="Maatregel Participatiewet").exists()


@freeze_time(VANDAAG)
def test_maatregel_refuses_bad_input(dossier, klantmanager):
    with pytest.raises(ValidationError) as error:
        maatregel_vastleggen(
            inburgeraar=dossier,
            grond="re_integratie",
            datum_gedraging=D(2026, 4, 1),
            omschrijving="",
            besluit_op=D(2026, 3, 1),
            verlaging_procent=120,
            acting_user=klantmanager,
        )
    assert set(error.value.message_dict) >= {
        "datum_gedraging",
        "omschrijving",
        "verlaging_procent",
    }
    assert not Maatregel.objects.exists()


@freeze_time(VANDAAG)
def test_samenloop_pairs_a_zaak_and_a_maatregel_within_the_window(
    dossier, casusregisseur, klantmanager
):
    zaak = nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    dichtbij = maatregel(dossier, klantmanager, D(2026, 3, 4))  # 30 days
    maatregel(dossier, klantmanager, D(2026, 3, 5))  # 31 days: not
    paren = samenloop(dossier)
    assert [(p.zaak, p.maatregel) for p in paren] == [(zaak, dichtbij)]
    assert paren[0].dagen == 30


@freeze_time(VANDAAG)
def test_samenloop_ignores_afgezien_and_other_people(
    dossier, zevenaar, casusregisseur, klantmanager
):
    zaak = nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    ander = InburgeraarFactory(gemeente=zevenaar)
    maatregel(ander, klantmanager, D(2026, 2, 2))
    assert samenloop(dossier) == []
    maatregel(dossier, klantmanager, D(2026, 2, 3))
    assert len(samenloop(dossier)) == 1
    besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="afzien",
        besluit_op=D(2026, 3, 20),
        afzien_reden="Dubbel gestraft: RSD heeft al een maatregel.",
        acting_user=casusregisseur,
    )
    assert samenloop(dossier) == []


@freeze_time(VANDAAG)
def test_samenloop_follows_the_dated_window(dossier, casusregisseur, klantmanager):
    parameter("samenloop_venster_dagen", 5)
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    maatregel(dossier, klantmanager, D(2026, 2, 10))
    assert samenloop(dossier) == []


@freeze_time(VANDAAG)
def test_samenloop_for_rsd_holds_only_the_maatregel_and_the_casusregisseur(
    dossier, casusregisseur, klantmanager
):
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    eigen = maatregel(dossier, klantmanager, D(2026, 2, 20))
    maatregel(dossier, klantmanager, D(2025, 6, 1))
    meldingen = samenloop_voor_rsd(dossier)
    assert [(m.maatregel, m.casusregisseur) for m in meldingen] == [
        (eigen, casusregisseur)
    ]
    assert not hasattr(meldingen[0], "zaak")


@freeze_time(VANDAAG)
def test_samenloop_annotation_marks_dossiers_in_one_query(
    dossier, zevenaar, casusregisseur, klantmanager, django_assert_num_queries
):
    zonder = InburgeraarFactory(gemeente=zevenaar)
    nieuwe_zaak(zonder, casusregisseur, datum=D(2026, 2, 2))
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    maatregel(dossier, klantmanager, D(2026, 2, 12))
    with django_assert_num_queries(2):  # the window parameter, then the list
        rijen = dict(
            met_aandacht(Inburgeraar.objects.all()).values_list("pk", "heeft_samenloop")
        )
    assert rijen == {dossier.pk: True, zonder.pk: False}
    # The function and the annotation agree.
    assert bool(samenloop(dossier)) is True
    assert bool(samenloop(zonder)) is False


@freeze_time(VANDAAG)
def test_timeline_says_when_a_new_zaak_is_samenloop(
    dossier, casusregisseur, klantmanager
):
    maatregel(dossier, klantmanager, D(2026, 2, 12))
    nieuwe_zaak(dossier, casusregisseur, datum=D(2026, 2, 2))
    assert Gebeurtenis.objects.filter(
        soort=GebeurtenisSoort.HANDHAVING, omschrijving__contains="samenloop"
    ).exists()
