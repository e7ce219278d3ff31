"""The demo region's leerroutes: the keten, trajecten at several aanbieders, hours,
exams, every on-track state, both participation goals, the keten's referrals in
every status, afschalen, and a second run that adds nothing.

Building the region takes over a minute (some 200 beschikkingen as PDF), so it is
built once for the module, in a transaction that is rolled back at the end; each
test runs in a savepoint inside it.
"""

from datetime import timedelta
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

import pytest

from intake.demo.builder import demo_dossiers
from intake.models import DoelgroepCategorie, Status
from leerroutes import services
from leerroutes.models import (
    Afronding,
    Contract,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from leerroutes.routestand import gesprek_te_doen_tot
from pip_plans.models import Pip

pytestmark = pytest.mark.django_db

MODELS = (
    Organisatie,
    Contract,
    Traject,
    Urenregistratie,
    Voortgangsrapportage,
    Examenpoging,
    Afronding,
    Participatieactiviteit,
    Verwijzing,
    MaatschappelijkeBegeleiding,
    Voortgangsgesprek,
    Pip,
)


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


@pytest.fixture(scope="module")
def demo_regio(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo region, built once; rolled back after the module."""
    media = tmp_path_factory.mktemp("private_media")
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("demo_region", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_every_koers_occurs(demo_regio):
    koersen = set(Routestand.objects.values_list("koers", flat=True))
    assert {"op_koers", "risico", "niet_op_koers"} <= koersen


def test_trajecten_at_several_aanbieders_some_not_purchased(demo_regio):
    trajecten = Traject.objects.all()
    assert trajecten.values("aanbieder").distinct().count() >= 3
    eigen_keuze = trajecten.filter(ingekocht=False)
    assert eigen_keuze.exists()
    assert all(
        t.inburgeraar.doelgroep_categorie == DoelgroepCategorie.GEZIN_OVERIG
        and t.contract_id is None
        for t in eigen_keuze.select_related("inburgeraar")
    )
    assert trajecten.filter(ingekocht=True, contract__isnull=False).exists()
    # Some vastgesteld dossiers still wait for an aanbieder.
    assert (
        demo_dossiers()
        .filter(status=Status.PIP_VASTGESTELD, trajecten__isnull=True)
        .exists()
    )


def test_the_expired_aanbieder_is_refused(demo_regio):
    brug = Organisatie.objects.get(naam="Taalschool De Brug")
    vandaag = timezone.localdate()
    assert not brug.keurmerk_geldig_op(vandaag)
    wachtend = (
        demo_dossiers()
        .filter(status=Status.PIP_VASTGESTELD, trajecten__isnull=True)
        .select_related("casusregisseur")
        .first()
    )
    with pytest.raises(ValidationError) as fout:
        services.traject_toewijzen(
            inburgeraar=wachtend,
            aanbieder=brug,
            start=vandaag,
            geplande_einde=vandaag + timedelta(days=700),
            uren={},
            acting_user=wachtend.casusregisseur,
        )
    assert "keurmerk" in str(fout.value)
    # Its hours after the keurmerk lapsed do not count as keurmerk hours.
    assert Urenregistratie.objects.filter(aanbieder=brug, keurmerk=False).exists()


def test_keten_has_every_kind_of_partner(demo_regio):
    soorten = set(Organisatie.objects.values_list("soort", flat=True))
    assert set(OrganisatieSoort.values) - {OrganisatieSoort.OVERIG} <= soorten
    assert Contract.objects.filter(onderdelen__isnull=False).exists()


def test_hours_progress_and_exams(demo_regio):
    uren = Urenregistratie.objects.all()
    assert uren.count() > 1000
    assert not uren.filter(maand__gte=timezone.localdate().replace(day=1)).exists()
    assert Voortgangsrapportage.objects.exclude(lezen="").exists()
    assert Examenpoging.objects.filter(geslaagd=False).exists()
    assert Examenpoging.objects.filter(geslaagd=True).exists()


def test_some_finished_their_route(demo_regio):
    voldaan = Afronding.objects.filter(voldaan_op__isnull=False)
    assert voldaan.exists()
    assert voldaan.filter(z_eindgesprek_op__isnull=False).exists()
    for afronding in voldaan.select_related("inburgeraar"):
        assert afronding.inburgeraar.status == Status.AFGEROND_VOLDAAN
        assert afronding.voldaan_op <= timezone.localdate()
    assert Traject.objects.filter(einde_reden="voldaan").exists()


def test_both_participation_goals_occur(demo_regio):
    standen = Routestand.objects.all()
    assert standen.filter(
        duurzaam_werk_sinds__isnull=False,
        inburgeraar__doelgroep="asielstatushouder",
    ).exists()
    assert standen.filter(meedoen_sinds__isnull=False).exists()


def test_keten_referrals_begeleiding_and_gesprekken(demo_regio):
    statuses = set(Verwijzing.objects.values_list("status", flat=True))
    assert statuses == {"verstuurd", "geaccepteerd", "afgewezen", "afgerond"}
    begeleidingen = MaatschappelijkeBegeleiding.objects.select_related("organisatie")
    assert {b.organisatie.naam for b in begeleidingen} == {
        "Vluchtelingenwerk Oost Nederland"
    }
    assert any(all(gedaan for _, gedaan in b.elementen()) for b in begeleidingen)
    assert Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()
    te_doen = gesprek_te_doen_tot(timezone.localdate())
    assert Routestand.objects.filter(volgend_voortgangsgesprek__lte=te_doen).exists()
    # Nobody who has voldaan still has a meeting planned.
    assert not Voortgangsgesprek.objects.filter(
        gehouden_op__isnull=True, inburgeraar__afronding__voldaan_op__isnull=False
    ).exists()


def test_afschalen_after_600_keurmerk_hours(demo_regio):
    afgeschaald = Pip.objects.filter(reden="afschalen", status="vastgesteld")
    assert afgeschaald.exists()
    for pip in afgeschaald:
        assert pip.taalniveau == "A2"
        assert pip.afschalen_nt2_uren >= 600
        assert services.nt2_uren_keurmerk(pip.inburgeraar) >= 600


def test_a_second_run_adds_nothing(demo_regio):
    before = counts()
    out = StringIO()
    call_command("demo_region", stdout=out)
    assert counts() == before
    assert "bestaan al" in out.getvalue()
