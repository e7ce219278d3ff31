"""The demo region: realistic, valid, idempotent, with four working demo logins."""

import datetime as dt
from io import StringIO

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

import pytest
from freezegun import freeze_time

import intake.demo
from intake.management.commands import demo_region
from intake.management.commands.demo_region import DEFAULT_DEMO_PASSWORD, DEMO_LOGINS
from intake.models import (
    Doelgroep,
    Gebeurtenis,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Relatie,
    WetRegime,
)
from intake.tijdlijn import GebeurtenisSoort
from zevenaar_inburgering.accounts.models import Role, User
from zevenaar_inburgering.validators import is_valid_bsn

# The numbers drawn depend on the date, so the shape of the region is checked on a
# fixed day; the validity checks run on the real one.
FIXED_DAY = "2026-11-28 10:00:00"
DEMO_USERNAMES = [member.username for member in DEMO_LOGINS]


@pytest.fixture(autouse=True)
def dossiers_only(monkeypatch):
    """These tests check the dossiers: only intake's part of the region. The parts
    the later apps add (and their PDFs, which take a minute) are tested in
    tests/demo/."""
    monkeypatch.setattr(demo_region, "per_app", lambda module: [intake.demo])


def load_demo_region(*args: str) -> str:
    out = StringIO()
    call_command("demo_region", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def region_on_fixed_day(db):
    with freeze_time(FIXED_DAY):
        load_demo_region()


def test_demo_region_has_about_250_dossiers_in_all_three_gemeenten(
    region_on_fixed_day,
):
    assert 240 <= Inburgeraar.objects.count() <= 265
    gemeenten = set(Inburgeraar.objects.values_list("gemeente__naam", flat=True))
    assert gemeenten == {"Zevenaar", "Duiven", "Westervoort"}


def test_about_two_thirds_are_asielstatushouders(region_on_fixed_day):
    doelgroepen = list(Inburgeraar.objects.values_list("doelgroep", flat=True))
    asiel = [d for d in doelgroepen if settings.DOELGROEP_CATEGORIE[d] == "asiel"]
    assert 0.58 <= len(asiel) / len(doelgroepen) <= 0.72
    assert {
        Doelgroep.ASIELSTATUSHOUDER,
        Doelgroep.GEZINSHERENIGER_ASIEL,
        Doelgroep.GEZINSVORMER,
        Doelgroep.GEZINSHERENIGER,
    } <= set(doelgroepen)


def test_syria_leads_asiel_and_turkey_or_morocco_leads_gezinsmigratie(
    region_on_fixed_day,
):
    def most_common_country(doelgroep: str) -> str:
        countries = list(
            Inburgeraar.objects.filter(doelgroep=doelgroep).values_list(
                "geboorteland", flat=True
            )
        )
        return max(set(countries), key=countries.count)

    assert most_common_country(Doelgroep.ASIELSTATUSHOUDER) == "Syrië"
    assert most_common_country(Doelgroep.GEZINSVORMER) in {"Turkije", "Marokko"}
    assert not Inburgeraar.objects.filter(geboorteland="Oekraïne").exists()


def test_every_demo_dossier_is_valid_and_consistent(db):
    load_demo_region()
    today = timezone.localdate()
    dossiers = Inburgeraar.objects.select_related(
        "gemeente", "casusregisseur", "rsd_klantmanager"
    ).prefetch_related("casusregisseur__gemeenten")
    assert dossiers.exists()
    for dossier in dossiers:
        dossier.full_clean()  # BSN, v-nummer, postcode, e-mail, choices, roles
        assert is_valid_bsn(dossier.bsn)
        assert dossier.casusregisseur.role == Role.CASUSREGISSEUR
        assert dossier.gemeente in dossier.casusregisseur.gemeenten.all()
        if dossier.bijstand:
            assert dossier.rsd_klantmanager.role == Role.RSD_KLANTMANAGER
            assert dossier.bijstand_start <= today
        else:
            assert dossier.bijstand_start is None
        assert dossier.start_inburgeringsplicht <= dossier.datum_kennisgeving <= today
        if dossier.wet_regime == WetRegime.WI2021:
            assert dossier.start_inburgeringsplicht >= dt.date(2022, 1, 1)
        age = (dossier.start_inburgeringsplicht - dossier.geboortedatum).days / 365.25
        assert 18 <= age < 67
        if dossier.datum_huisvesting:
            assert dossier.datum_coa_koppeling <= dossier.datum_huisvesting
            # Asielstatushouders are ingeschreven in the BRP once they have moved in.
            if dossier.datum_brp_inschrijving:
                assert dossier.datum_huisvesting <= dossier.datum_brp_inschrijving


def test_families_share_a_household_and_an_address(region_on_fixed_day):
    families = [
        household
        for household in Huishouden.objects.prefetch_related("inburgeraars")
        if household.inburgeraars.count() > 1
    ]
    assert len(families) >= 20
    for household in families:
        adults = household.inburgeraars.all()
        assert len({(a.postcode, a.huisnummer, a.gemeente_id) for a in adults}) == 1
        assert len({a.casusregisseur_id for a in adults}) == 1

    children = Huishoudlid.objects.filter(relatie=Relatie.KIND)
    assert children.exists()
    eighteen_years_ago = dt.date(2026, 11, 28) - dt.timedelta(days=18 * 365)
    assert not children.filter(geboortedatum__lt=eighteen_years_ago).exists()
    assert Huishoudlid.objects.filter(relatie=Relatie.PARTNER).exists()


def test_timeline_shows_when_things_happened_not_when_the_command_ran(
    region_on_fixed_day,
):
    for dossier in Inburgeraar.objects.prefetch_related("gebeurtenissen"):
        (created,) = [
            event
            for event in dossier.gebeurtenissen.all()
            if event.soort == GebeurtenisSoort.AANGEMAAKT
        ]
        assert timezone.localtime(created.tijdstip).date() == dossier.datum_kennisgeving
        assert dossier.aangemaakt_op == created.tijdstip

    notes = Notitie.objects.select_related("gebeurtenis")
    assert notes.exists()
    for note in notes:
        assert note.gebeurtenis.soort == GebeurtenisSoort.NOTITIE
        assert note.gebeurtenis.tijdstip == note.aangemaakt_op
        assert note.aangemaakt_op < timezone.make_aware(dt.datetime(2026, 11, 28, 23))


def test_a_smaller_region_has_about_the_dossiers_asked_for(db):
    load_demo_region("--dossiers", "60")
    assert 60 <= Inburgeraar.objects.count() <= 66


def test_a_region_too_small_to_show_every_situation_is_refused(db):
    with pytest.raises(CommandError, match="minstens 50 dossiers"):
        load_demo_region("--dossiers", "20")
    assert not Inburgeraar.objects.exists()


def test_notes_of_a_region_built_early_in_the_morning_lie_before_now(db):
    with freeze_time("2027-03-01 06:15:00+01:00", tick=True):
        load_demo_region()
        assert Notitie.objects.exists()
        assert not Notitie.objects.filter(aangemaakt_op__gt=timezone.now()).exists()
        assert not Gebeurtenis.objects.filter(tijdstip__gt=timezone.now()).exists()


def test_running_twice_adds_nothing(db):
    def counts():
        return [
            model.objects.count()
            for model in (
                Inburgeraar,
                Huishouden,
                Huishoudlid,
                Notitie,
                Gebeurtenis,
                User,
            )
        ]

    load_demo_region()
    first = counts()

    output = load_demo_region()

    assert counts() == first
    assert "bestaat al" in output


def test_without_users_option_no_account_can_log_in(db):
    load_demo_region()
    assert User.objects.count() == 16
    assert not any(user.has_usable_password() for user in User.objects.all())


def test_users_option_opens_exactly_the_four_demo_logins(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    output = load_demo_region("--users")

    for username in DEMO_USERNAMES:
        assert authenticate(
            RequestFactory().post("/inloggen/"),
            username=username,
            password=DEFAULT_DEMO_PASSWORD,
        )
        assert username in output
    assert DEFAULT_DEMO_PASSWORD in output
    others = User.objects.exclude(username__in=DEMO_USERNAMES)
    assert not any(user.has_usable_password() for user in others)
    beheer = User.objects.get(username="beheer")
    assert beheer.role == Role.FUNCTIONEEL_BEHEERDER
    assert beheer.gemeenten.count() == 3
    assert list(
        User.objects.get(username="casus").gemeenten.values_list("naam", flat=True)
    ) == ["Zevenaar"]


def test_users_option_takes_the_password_from_the_environment_and_does_not_print_it(
    db, monkeypatch
):
    monkeypatch.setenv("DEMO_PASSWORD", "Eigen-demo-wachtwoord-42")

    output = load_demo_region("--users")

    for username in DEMO_USERNAMES:
        assert authenticate(
            RequestFactory().post("/inloggen/"),
            username=username,
            password="Eigen-demo-wachtwoord-42",
        )
        assert not authenticate(
            RequestFactory().post("/inloggen/"),
            username=username,
            password=DEFAULT_DEMO_PASSWORD,
        )
    assert "Eigen-demo-wachtwoord-42" not in output
