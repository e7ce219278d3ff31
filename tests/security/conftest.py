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
and boetebeschikking; uploaded documents (a diploma, which is the world's
`document`, a medische verklaring and a COA-profiel: `Wereld.documenten`); an
hours import, a ketenoverleg and a kwartaalrapport; and the `brieftekst`, the
concept of a letter text of the world's gemeente (opened by `fb`, for Duiven by a
Duiven functioneel beheerder who is no persona).
Every text field of every person-data model holds a short canary code (see
`Canaries`, canaries.py) and every health text of the brede intake, and the text
and the note of each health document, a health canary, so that the AC-04 crawl
can tell which field leaked. Each dossier's achternaam is a unique
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

For LG-02, `casus_client` is a casusregisseur's client that shows the error page
instead of raising; for RL-10, `keten` and `drie` build the bewaartermijn scenario
(bewaartermijn.py).
"""

from pathlib import Path

from django.db import transaction
from django.test import override_settings

import pytest
from freezegun import freeze_time

from intake.models import Status
from leerroutes.models import Onderdeel, OrganisatieSoort
from pip_plans.services import pip as pip_services
from tests.factories.accounts import gemeente
from tests.factories.intake import make_bsn
from tests.factories.leerroutes import (
    ContractFactory,
    OrganisatieFactory,
    taalaanbieder,
)
from tests.security.bewaartermijn import (
    OPEN,
    OUD,
    OUD_BSN,
    OUD_GEBOORTEDATUM,
    OUD_V_NUMMER,
    RECENT,
    D,
    dossier_met_alles,
)
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
        # Duiven's functioneel beheerder, no persona: opens Duiven's letter text.
        beheer_duiven = persona_maken(
            "sec.beheer.duiven", Role.FUNCTIONEEL_BEHEERDER, duiven
        )
        canaries = Canaries()
        aanbieder = taalaanbieder()
        ketenpartner = OrganisatieFactory(naam="GGD Gelderland-Midden")
        common = {
            "aanbieder": aanbieder,
            "ketenpartner": ketenpartner,
            "canaries": canaries,
        }
        eigen = bouw_wereld(
            naam="Haddadeigen",
            gemeente_obj=zevenaar,
            cr=p["cr"],
            km=p["km"],
            beheerder=p["fb"],
            **common,
        )
        ander_km = bouw_wereld(
            naam="Mekonnenander",
            gemeente_obj=zevenaar,
            cr=p["cr"],
            km=p["km_ander"],
            beheerder=p["fb"],
            rapport=False,
            **common,
        )
        duiven_w = bouw_wereld(
            naam="Tesfayduiven",
            gemeente_obj=duiven,
            cr=p["cr_ander"],
            km=None,
            beheerder=beheer_duiven,
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
def wereld(zevenaar, casusregisseur, klantmanager, functioneel_beheerder):
    """One complete Zevenaar dossier of `casusregisseur` and `klantmanager`, its
    `pip` a concept PIP wijziging (so that the PIP form page is reached too)."""
    w = bouw_wereld(
        naam="Haddad",
        gemeente_obj=zevenaar,
        cr=casusregisseur,
        km=klantmanager,
        beheerder=functioneel_beheerder,
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


# --- LG-02: a casusregisseur whose failing request shows the error page ------------


@pytest.fixture
def casus_client(client_for, casusregisseur):
    client = client_for(casusregisseur)
    client.raise_request_exception = False
    return client


# --- RL-10: the bewaartermijn scenario (bewaartermijn.py) ---------------------------


@pytest.fixture
def keten(db):
    """A taalaanbieder with a keurmerk and a B1 contract for 2010-2030."""
    aanbieder = OrganisatieFactory(
        naam="Taalschool Retentie",
        soort=OrganisatieSoort.TAALAANBIEDER,
        keurmerk_nummer="BOW-1",
        keurmerk_geldig_van=D(2010, 1, 1),
        keurmerk_geldig_tot=D(2030, 12, 31),
    )
    ContractFactory(
        aanbieder=aanbieder,
        start=D(2010, 1, 1),
        einde=D(2030, 12, 31),
        onderdelen={Onderdeel.NT2: (600, "6000")},
    )
    ketenpartner = OrganisatieFactory(
        naam="Welzijn Retentie", soort=OrganisatieSoort.WELZIJN
    )
    return {"aanbieder": aanbieder, "ketenpartner": ketenpartner}


@pytest.fixture
def drie(casusregisseur, keten):
    """Oud (closed 2019), recent (closed 2023) and open (in traject since 2016)."""
    with freeze_time("2019-06-01 10:00:00"):
        oud = dossier_met_alles(
            OUD,
            bsn=OUD_BSN,
            v_nummer=OUD_V_NUMMER,
            geboortedatum=OUD_GEBOORTEDATUM,
            jaar=2016,
            status=Status.AFGEROND_VOLDAAN,
            voldaan=True,
            user=casusregisseur,
            keten=keten,
        )
        open_ = dossier_met_alles(
            OPEN,
            bsn=make_bsn(1),
            v_nummer="4400000002",
            geboortedatum=D(1990, 2, 2),
            jaar=2016,
            status=Status.IN_TRAJECT,
            user=casusregisseur,
            keten=keten,
        )
    with freeze_time("2023-06-01 10:00:00"):
        recent = dossier_met_alles(
            RECENT,
            bsn=make_bsn(2),
            v_nummer="4400000003",
            geboortedatum=D(1991, 3, 3),
            jaar=2020,
            status=Status.VERHUISD,
            user=casusregisseur,
            keten=keten,
        )
    return {"oud": oud, "recent": recent, "open": open_}
