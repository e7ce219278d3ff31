"""The full demo region on today's date: every situation occurs, nothing that
happened lies in the future, the intakes, PIPs, ontzorgen, handhaving and
leerroutes are what the demo promises, and a second run adds nothing.

Building the region takes over a minute (some 230 PDFs), so it is built once for
the module, in a transaction that is rolled back at the end; each test runs in a
savepoint inside it. The small region on other days: test_kalender.py.
"""

from datetime import timedelta
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

import pytest

from intake.demo.regio import demo_dossiers
from intake.models import (
    BRONNEN,
    BredeIntake,
    DoelgroepCategorie,
    Gebeurtenis,
    Inburgeraar,
    Status,
    StatusBron,
)
from intake.tijdlijn import GebeurtenisSoort
from leerroutes.models import (
    Afronding,
    Contract,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from leerroutes.services.traject import traject_toewijzen
from leerroutes.services.uren import nt2_uren_keurmerk
from monitoring.models import Ketenoverleg, Kwartaalrapport
from pip_plans.models import (
    Beschikking,
    Betaling,
    Bezwaar,
    Brief,
    Brieftekst,
    Handhavingszaak,
    Ontzorging,
    Pip,
    Verlenging,
)
from zevenaar_inburgering.documents import verify_document

from .invarianten import (
    in_de_toekomst,
    in_de_verkeerde_volgorde,
    kwartalen_in_de_toekomst,
    statussen_tegen_de_termijn,
)
from .situaties import ontbrekend

pytestmark = pytest.mark.django_db

MODELS = (
    BredeIntake,
    Pip,
    Beschikking,
    Bezwaar,
    Verlenging,
    Ontzorging,
    Betaling,
    Handhavingszaak,
    Brief,
    Brieftekst,
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
    Ketenoverleg,
    Kwartaalrapport,
)


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """Where the region's documents are stored."""
    return tmp_path_factory.mktemp("private_media")


@pytest.fixture(scope="module")
def demo_regio(django_db_setup, django_db_blocker, demo_media):
    """The whole demo region, built once; rolled back after the module."""
    media = demo_media
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("demo_region", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.pdf
def test_every_situation_occurs(demo_regio):
    assert ontbrekend(timezone.localdate()) == []


def test_nothing_that_happened_lies_in_the_future(demo_regio):
    assert in_de_toekomst(timezone.localdate(), timezone.now()) == []
    assert kwartalen_in_de_toekomst(timezone.localdate()) == []


def test_no_status_disagrees_with_the_termijn(demo_regio):
    """No "In traject" beside an ended termijn: the build ran the nightly job."""
    vandaag = timezone.localdate()
    assert statussen_tegen_de_termijn(vandaag) == []
    assert demo_dossiers().filter(status=Status.TERMIJN_OVERSCHREDEN).exists()


def test_no_period_ends_before_it_starts(demo_regio):
    assert in_de_verkeerde_volgorde() == []


def test_beschikkingen_are_real_pdfs_and_some_came_late(
    demo_regio, demo_media, settings
):
    settings.PRIVATE_MEDIA_ROOT = demo_media
    beschikking = Beschikking.objects.order_by("kenmerk").first()
    assert verify_document(beschikking.pdf, beschikking.sha256)
    statuses = {d.pip_deadline_status for d in Inburgeraar.objects.all()}
    assert {"vastgesteld", "te_laat", "opgeschort"} <= statuses


def test_several_klantmanagers_each_with_their_own_caseload(demo_regio):
    assert (
        Inburgeraar.objects.filter(bijstand=True)
        .exclude(rsd_klantmanager=None)
        .values("rsd_klantmanager")
        .distinct()
        .count()
        >= 2
    )


def test_handhaving_sends_both_letters(demo_regio):
    assert {"waarschuwing", "boetebeschikking"} <= set(
        Brief.objects.values_list("soort", flat=True)
    )


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
        traject_toewijzen(
            inburgeraar=wachtend,
            aanbieder=brug,
            start=vandaag,
            geplande_einde=vandaag + timedelta(days=700),
            uren={},
            acting_user=wachtend.casusregisseur,
        )
    assert "keurmerk" in str(fout.value)


def test_keten_has_every_kind_of_partner(demo_regio):
    soorten = set(Organisatie.objects.values_list("soort", flat=True))
    assert set(OrganisatieSoort.values) - {OrganisatieSoort.OVERIG} <= soorten
    assert Contract.objects.filter(onderdelen__isnull=False).exists()


def test_hours_up_to_last_month_and_progress_reports(demo_regio):
    uren = Urenregistratie.objects.all()
    assert uren.count() > 1000
    assert not uren.filter(maand__gte=timezone.localdate().replace(day=1)).exists()
    assert Voortgangsrapportage.objects.exclude(lezen="").exists()


def test_who_finished_their_route_has_voldaan(demo_regio):
    voldaan = Afronding.objects.filter(voldaan_op__isnull=False)
    assert voldaan.filter(z_eindgesprek_op__isnull=False).exists()
    for afronding in voldaan.select_related("inburgeraar"):
        assert afronding.inburgeraar.status == Status.AFGEROND_VOLDAAN
    assert Traject.objects.filter(einde_reden="voldaan").exists()


def test_ontheffing_vrijstelling_and_move_are_events_on_the_timeline(demo_regio):
    vandaag = timezone.localdate()
    dossiers = demo_dossiers().filter(
        status__in=(Status.ONTHEVEN, Status.VRIJGESTELD, Status.VERHUISD)
    )
    assert dossiers.filter(status=Status.ONTHEVEN).exists()
    for dossier in dossiers.prefetch_related("statuswijzigingen"):
        (wijziging,) = dossier.statuswijzigingen.all()
        assert wijziging.status == dossier.status
        assert wijziging.bron in BRONNEN[dossier.status]
        assert dossier.start_inburgeringsplicht <= wijziging.datum <= vandaag
        assert dossier.status_sinds == wijziging.datum
        if wijziging.bron == StatusBron.DUO:
            assert wijziging.kenmerk.startswith("DUO-")
        else:
            assert wijziging.nieuwe_gemeente
        assert Gebeurtenis.objects.filter(
            inburgeraar=dossier,
            soort=GebeurtenisSoort.STATUS,
            omschrijving=wijziging.omschrijving,
        ).exists()


def test_begeleiding_by_vluchtelingenwerk_and_no_meeting_after_voldaan(demo_regio):
    begeleidingen = MaatschappelijkeBegeleiding.objects.select_related("organisatie")
    assert {b.organisatie.naam for b in begeleidingen} == {
        "Vluchtelingenwerk Oost Nederland"
    }
    assert any(all(gedaan for _, gedaan in b.elementen()) for b in begeleidingen)
    assert not Voortgangsgesprek.objects.filter(
        gehouden_op__isnull=True, inburgeraar__afronding__voldaan_op__isnull=False
    ).exists()


def test_afschalen_after_600_keurmerk_hours(demo_regio):
    afgeschaald = Pip.objects.filter(reden="afschalen", status="vastgesteld")
    assert afgeschaald.exists()
    for pip in afgeschaald:
        assert pip.taalniveau == "A2"
        assert pip.afschalen_nt2_uren >= 600
        assert nt2_uren_keurmerk(pip.inburgeraar) >= 600


def test_a_second_run_adds_nothing(demo_regio):
    before = counts()
    out = StringIO()
    call_command("demo_region", stdout=out)
    assert counts() == before
    assert "bestaan al" in out.getvalue()
