"""Shared fixtures of the security tests (SECURITY.md AC-02, AC-03, AC-04, AC-08).

`scenario` is a module-scoped world of three complete client "worlds", built once per
test module inside one transaction that is rolled back when the module is done (each
test still runs in its own savepoint, so a test's requests change nothing for the
next test):

- `eigen`:    a Zevenaar dossier of `cr` (casusregisseur) and `km` (RSD klantmanager);
- `ander_km`: a Zevenaar dossier of `cr` and `km_ander` (another klantmanager);
- `duiven`:   a Duiven dossier of `cr_ander` (another gemeente's casusregisseur).

Each world is the complete dossier of tests/factories/dossier.py (intake,
werkervaring, PIP, beschikking, bezwaar, verlenging, ontzorgen, maatregel, traject,
hours, exams, afronding, participation, verwijzing, begeleiding,
voortgangsgesprekken, signaal, DUO import) with, rendered by the services, the
ontzorgingsbeschikking and a handhavingszaak up to the boete with its waarschuwing
and boetebeschikking; and an hours import, a ketenoverleg and a kwartaalrapport.
Every text field of every person-data model holds a short canary code (see
`Canaries`, canaries.py) and every health text of the brede intake a health canary, so that the
AC-04 crawl can tell which field leaked. Each dossier's achternaam is a unique
canary name for the AC-03 IDOR test.

The worlds are made in wereld.py. `fill_url(route, wereld)` (url_filling.py) fills a
URL route with the world's objects; `login_as`
logs a persona in the way the role matrix describes.

`wereld` is one such world, function-scoped, of the casusregisseur and klantmanager
of tests/conftest.py: `real_urls(wereld)` walks every URL pattern over it, and
`fingerprint()` / `changed()` (fingerprint.py) show whether a request changed any
row (CF-03, CF-04). requesting.py makes a request that is rolled back afterwards.

The worlds have fixed dates, so they are built, and every test that uses one runs,
with the clock at SCENARIO_DAG (see wereld.py).
"""

from pathlib import Path

from django.db import transaction
from django.test import override_settings

import pytest
from freezegun import freeze_time

from leerroutes.models import OrganisatieSoort
from pip_plans.services import pip as pip_services
from tests.factories.accounts import gemeente
from tests.factories.leerroutes import OrganisatieFactory, taalaanbieder
from tests.security.canaries import Canaries
from tests.security.wereld import (
    SCENARIO_DAG,
    Scenario,
    admin_objects,
    bouw_wereld,
    persona_maken,
)
from zevenaar_inburgering.accounts.models import Role

HIER = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """The worlds render letters and a kwartaalrapport: a security test that uses
    one is a `pdf` test."""
    for item in items:
        if item.path.is_relative_to(HIER) and {"scenario", "wereld"}.intersection(
            item.fixturenames
        ):
            item.add_marker(pytest.mark.pdf)


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, tmp_path_factory):
    """The three worlds and the personas, built once per module and rolled back."""
    media_root = tmp_path_factory.mktemp("private_media")
    with (
        freeze_time(SCENARIO_DAG, tick=True),
        django_db_blocker.unblock(),
        override_settings(
            PRIVATE_MEDIA_ROOT=media_root,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        zevenaar, duiven = gemeente("Zevenaar"), gemeente("Duiven")
        p = {
            "cr": persona_maken("sec.cr", Role.CASUSREGISSEUR, zevenaar),
            "cr_ander": persona_maken("sec.cr.duiven", Role.CASUSREGISSEUR, duiven),
            "km": persona_maken("sec.km.a", Role.RSD_KLANTMANAGER, zevenaar),
            "km_ander": persona_maken("sec.km.b", Role.RSD_KLANTMANAGER, zevenaar),
            "bm": persona_maken("sec.beleid", Role.BELEIDSMEDEWERKER, zevenaar),
            "fb": persona_maken("sec.beheer", Role.FUNCTIONEEL_BEHEERDER, zevenaar),
            # The two "broken" personas hold the widest role, so that what stops
            # them is the missing activation or second factor, not their role.
            "inactief": persona_maken(
                "sec.inactief", Role.FUNCTIONEEL_BEHEERDER, zevenaar
            ),
            "zonder_2fa": persona_maken(
                "sec.zonder2fa", Role.FUNCTIONEEL_BEHEERDER, zevenaar
            ),
        }
        canaries = Canaries()
        aanbieder = taalaanbieder()
        ketenpartner = OrganisatieFactory(naam="GGD Gelderland-Midden")
        common = {
            "aanbieder": aanbieder,
            "ketenpartner": ketenpartner,
            "canaries": canaries,
        }
        eigen = bouw_wereld(
            naam="Haddadeigen", gemeente_obj=zevenaar, cr=p["cr"], km=p["km"], **common
        )
        ander_km = bouw_wereld(
            naam="Mekonnenander",
            gemeente_obj=zevenaar,
            cr=p["cr"],
            km=p["km_ander"],
            rapport=False,
            **common,
        )
        duiven_w = bouw_wereld(
            naam="Tesfayduiven",
            gemeente_obj=duiven,
            cr=p["cr_ander"],
            km=None,
            **common,
        )
        canaries.mark_all()
        yield Scenario(
            personas=p,
            eigen=eigen,
            ander_km=ander_km,
            duiven=duiven_w,
            canaries=canaries,
            media_root=media_root,
            admin_objects=admin_objects(p, zevenaar),
        )
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def op_de_scenariodag(request):
    """A test that uses `wereld` runs on SCENARIO_DAG (a test that uses `scenario`
    already does: the scenario's clock runs to the end of its module)."""
    if "wereld" in request.fixturenames and "scenario" not in request.fixturenames:
        with freeze_time(SCENARIO_DAG, tick=True):
            yield
    else:
        yield


@pytest.fixture
def wereld(zevenaar, casusregisseur, klantmanager):
    """One complete Zevenaar dossier of `casusregisseur` and `klantmanager`, its
    `pip` a concept PIP wijziging (so that the PIP form page is reached too)."""
    w = bouw_wereld(
        naam="Haddad",
        gemeente_obj=zevenaar,
        cr=casusregisseur,
        km=klantmanager,
        aanbieder=taalaanbieder(),
        ketenpartner=OrganisatieFactory(
            naam="Vluchtelingenwerk",
            soort=OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
        ),
        canaries=Canaries(),
    )
    w.objects["pip"] = pip_services.pip_wijziging_starten(
        inburgeraar=w.dossier,
        reden="overig",
        toelichting="Nieuwe afspraken.",
        acting_user=casusregisseur,
    )
    return w


@pytest.fixture(autouse=True)
def private_media_in_tmp(request, settings, tmp_path):
    """As tests/conftest.py, but a test using `scenario` reads the scenario's files."""
    if "scenario" in request.fixturenames:
        settings.PRIVATE_MEDIA_ROOT = request.getfixturevalue("scenario").media_root
    else:
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


# --- Logging in -----------------------------------------------------------------------

PERSONAS = ("cr", "cr_ander", "km", "km_ander", "bm", "fb", "inactief", "zonder_2fa")


@pytest.fixture
def login_as(client, client_for, scenario):
    """Log the test client in as a persona (see role_matrix.py) and return it."""

    def login(persona: str):
        user = scenario.personas[persona]
        if persona == "zonder_2fa":
            # Password accepted, no second factor verified.
            client.force_login(user)
            return client
        logged_in = client_for(user)
        if persona == "inactief":
            user.is_active = False
            user.save(update_fields=["is_active"])
        return logged_in

    return login
