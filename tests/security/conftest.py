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
`Canaries`) and every health text of the brede intake a health canary, so that the
AC-04 crawl can tell which field leaked. Each dossier's achternaam is a unique
canary name for the AC-03 IDOR test.

`fill_url(route, wereld)` fills a URL route with the world's objects; `login_as`
logs a persona in the way the role matrix describes.

`wereld` is one such world, function-scoped, of the casusregisseur and klantmanager
of tests/conftest.py: `real_urls(wereld)` walks every URL pattern over it, and
`fingerprint()` / `changed()` show whether a request changed any row (CF-03, CF-04).

The worlds have fixed dates, so they are built, and every test that uses one runs,
with the clock at SCENARIO_DAG (see there).
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, models, transaction
from django.test import override_settings

import pytest
from freezegun import freeze_time

from intake.models import IntakeGezondheid
from leerroutes.models import OrganisatieSoort
from monitoring.models import SignaalVoorkeur
from monitoring.rapportage.rapport import rapport_maken
from pip_plans.models import Brief, BriefSoort
from pip_plans.ontzorgen.services import ontzorgingsbeschikking_opmaken
from pip_plans.services import pip as pip_services
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.dossier import volledig_dossier
from tests.factories.leerroutes import (
    OrganisatieFactory,
    UrenImportFactory,
    taalaanbieder,
)
from tests.factories.monitoring import (
    KetenoverlegFactory,
    KwartaalrapportFactory,
    UitvoeringskostenFactory,
)
from tests.factories.pip_plans import zaak_tot_boete
from tests.urlwalk import all_urls
from zevenaar_inburgering.accounts.models import Role

# --- Canaries -------------------------------------------------------------------------

# The apps that hold person data; every TextField of their models gets a canary.
PERSON_DATA_APPS = ("intake", "pip_plans", "leerroutes", "monitoring")
# Short CharFields that are free text too (a reason, a description).
EXTRA_FREE_TEXT = {
    ("intake", "Inburgeraar", "pip_uitstel_reden"),
    ("intake", "Gesprek", "overige_deelnemers"),
    ("leerroutes", "Participatieactiviteit", "omschrijving"),
    ("leerroutes", "Voortgangsgesprek", "deelnemers"),
}
# The special category data (AVG art. 9) of the brede intake: IntakeGezondheid's
# texts. The AC-04 guarantee is about these.
HEALTH_MODEL = IntakeGezondheid


def _free_text_fields():
    """(model, field name) of every free text of the person-data apps, health excluded."""
    for model in apps.get_models():
        if model._meta.app_label not in PERSON_DATA_APPS or model is HEALTH_MODEL:
            continue
        for f in model._meta.concrete_fields:
            key = (model._meta.app_label, model.__name__, f.name)
            if (isinstance(f, models.TextField) and not f.choices) or (
                key in EXTRA_FREE_TEXT
            ):
                yield model, f.name


def _health_fields():
    return [
        f.name
        for f in HEALTH_MODEL._meta.concrete_fields
        if isinstance(f, models.TextField)
    ]


def _update_where_allowed(model, updates):
    """Update every row; rows a database trigger protects (a vastgesteld PIP) keep
    the canaries they were given when they were made."""
    try:
        with transaction.atomic():
            model.objects.update(**updates)
    except DatabaseError:
        for pk in model.objects.values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(**updates)
            except DatabaseError:
                pass


# Texts that are no canary: the DUO kenmerk of the verlenging granted for illness,
# which the AC-04 crawl looks for by itself (test_ac04_every_page.OTHER_MARKERS).
VASTE_TEKSTEN = {"pip_plans.Verlenging.duo_kenmerk": "DUOVERLKAN"}


class Canaries:
    """Short, unique codes per field: `VT017Q` for a free text, `GZ03Q` for health.

    Short words survive PDF text extraction (no line breaks inside them)."""

    def __init__(self):
        self.free = {}  # code -> "app.Model.field"
        self._free_code = {}
        for n, (model, name) in enumerate(sorted(_free_text_fields(), key=str)):
            label = f"{model._meta.label}.{name}"
            code = f"VT{n:03d}Q"
            self.free[code] = label
            self._free_code[label] = code
        self.health = {}
        self._health_code = {}
        for n, name in enumerate(_health_fields()):
            label = f"{HEALTH_MODEL._meta.label}.{name}"
            code = f"GZ{n:02d}Q"
            self.health[code] = label
            self._health_code[label] = code

    def __call__(self, label: str) -> str:
        """The canary text of `label` ("app.Model.field"), a sentence around the code."""
        code = self._free_code.get(label) or self._health_code[label]
        return f"Tekst {code} hier"

    def tekst(self, label: str) -> str | None:
        """What volledig_dossier writes into `label`: its canary, or a fixed text
        (VASTE_TEKSTEN), or None (the factory's own)."""
        if label in VASTE_TEKSTEN:
            return VASTE_TEKSTEN[label]
        return self(label) if label in self._free_code | self._health_code else None

    def code(self, label: str) -> str:
        return self._free_code.get(label) or self._health_code[label]

    def found(self, text: str) -> set[str]:
        """Labels of every canary code in `text`."""
        codes = set(re.findall(r"\b(?:VT\d{3}Q|GZ\d{2}Q)\b", text))
        return {self.free.get(c) or self.health[c] for c in codes}

    def mark_all(self):
        """Write the canary into every free text and health text of every row."""
        for model in {m for m, _ in _free_text_fields()}:
            updates = {
                name: models.Value(self(f"{model._meta.label}.{name}"))
                for m, name in _free_text_fields()
                if m is model
            }
            _update_where_allowed(model, updates)
        HEALTH_MODEL.objects.update(
            **{
                name: models.Value(self(f"{HEALTH_MODEL._meta.label}.{name}"))
                for name in _health_fields()
            }
        )


HIER = Path(__file__).parent

# --- The worlds -----------------------------------------------------------------------

# The day the worlds' fixed dates belong to: the PIP vastgesteld on 1 March 2026, the
# ontzorging from 1 April, the boete of 1 June, a meeting held on 10 June, the
# kwartaalrapport of Q2 2026, and a signal due on 20 December and snoozed until
# 1 December with a meeting planned on 10 December (so "Te doen" is empty). The
# worlds are built, and every test that uses one runs, on this day with the clock
# running on: from the start of the module-scoped `scenario` to the end of its
# module (one clock, so that what a test does comes after what was built, and a
# login attempt the scenario made is as fresh as it was with the real clock), and
# from the start of each test that uses `wereld`.
SCENARIO_DAG = dt.datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@dataclass
class Wereld:
    """One client's dossier and every object hanging off it."""

    naam: str  # the canary achternaam
    dossier: object
    objects: dict = field(default_factory=dict)  # kind -> instance
    brieven: dict = field(default_factory=dict)  # BriefSoort -> Brief

    def __getitem__(self, kind):
        return self.objects[kind]


@dataclass
class Scenario:
    personas: dict
    eigen: Wereld
    ander_km: Wereld
    duiven: Wereld
    canaries: Canaries
    media_root: object
    admin_objects: dict  # "app_label.model_name" -> instance

    @property
    def werelden(self):
        return {"eigen": self.eigen, "ander_km": self.ander_km, "duiven": self.duiven}


def _persona(username, role, *gemeenten):
    return UserFactory(username=username, role=role, gemeenten=list(gemeenten))


def bouw_wereld(
    *, naam, gemeente_obj, cr, km, aanbieder, ketenpartner, canaries, rapport=True
):
    """A complete dossier of `cr` (and `km`, when given) named `naam`, with canaries
    in its texts and its letters rendered by the services."""
    c = canaries
    dossier = volledig_dossier(
        casusregisseur=cr,
        klantmanager=km,
        handhaving=False,
        voornamen="Amal",
        aanbieder=aanbieder,
        ketenpartner=ketenpartner,
        achternaam=naam,
        gemeente=gemeente_obj,
        tekst=c.tekst,
    )
    w = Wereld(naam=naam, dossier=dossier.dossier, objects=dossier.objects)
    # Canaries in every text written so far, before any PDF is rendered.
    c.mark_all()

    # The ontzorgingsbeschikking (a letter the RSD may see) and handhaving up to the
    # boete: waarschuwing and boetebeschikking.
    ontzorgingsbeschikking_opmaken(ontzorging=w["ontzorging"], acting_user=cr)
    w.objects["zaak"] = zaak_tot_boete(
        w.dossier, cr, lambda veld: c(f"pip_plans.Handhavingszaak.{veld}")
    )
    w.brieven = {b.soort: b for b in Brief.objects.filter(inburgeraar=w.dossier)}
    w.objects["brief"] = w.brieven[BriefSoort.ONTZORGINGSBESCHIKKING]

    # Imports (no dossier, but an uploader) and the gemeente's keten and report.
    w.objects["uren_import"] = UrenImportFactory(
        aanbieder=aanbieder, bestandsnaam=f"uren-{naam}.csv", geupload_door=cr
    )
    w.objects["ketenoverleg"] = KetenoverlegFactory(
        onderwerp=f"Overleg {naam}", vastgelegd_door=cr, gemeenten=[gemeente_obj]
    )
    if rapport:
        aanvraag = KwartaalrapportFactory(gemeente=gemeente_obj, aangevraagd_door=cr)
        w.objects["kwartaalrapport"] = rapport_maken(aanvraag.pk)
    return w


def _admin_object_makers(personas, zevenaar) -> dict:
    """How to make one object of each admin model that may have none yet."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice

    from tests.otp import app_voor
    from zevenaar_inburgering.accounts import gebeurtenissen
    from zevenaar_inburgering.accounts.models import Beveiligingsgebeurtenis

    cr = personas["cr"]
    poging = {
        "username": "onbekend.account",
        "ip_address": "127.0.0.1",
        "user_agent": "pytest",
        "http_accept": "text/html",
        "path_info": "/inloggen/",
    }
    return {
        "auth.group": lambda: Group.objects.get_or_create(name="Beheerders")[0],
        "accounts.user": lambda: cr,
        "accounts.gemeente": lambda: zevenaar,
        "accounts.beveiligingsgebeurtenis": lambda: gebeurtenissen.vastleggen(
            Beveiligingsgebeurtenis.Soort.INLOGGEN, user=cr
        ),
        "axes.accessattempt": lambda: AccessAttempt.objects.create(
            **poging, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": lambda: AccessLog.objects.create(**poging),
        "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**poging),
        "otp_totp.totpdevice": lambda: app_voor(cr),
        "otp_static.staticdevice": lambda: StaticDevice.objects.create(
            user=cr, name="Reservecodes"
        ),
        "monitoring.signaalvoorkeur": lambda: SignaalVoorkeur.objects.get_or_create(
            user=cr
        )[0],
        "monitoring.uitvoeringskosten": lambda: UitvoeringskostenFactory(
            gemeente=zevenaar, jaar=2026, kwartaal=1
        ),
    }


def _admin_objects(personas, zevenaar) -> dict:
    """One object of every model registered in the admin (for its object URLs):
    made by _admin_object_makers, or else the first row the scenario made."""
    from django.contrib import admin

    makers = _admin_object_makers(personas, zevenaar)
    result = {}
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label in makers:
            result[label] = makers[label]()
        else:
            result[label] = model._default_manager.order_by("pk").first()
    return result


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
            "cr": _persona("sec.cr", Role.CASUSREGISSEUR, zevenaar),
            "cr_ander": _persona("sec.cr.duiven", Role.CASUSREGISSEUR, duiven),
            "km": _persona("sec.km.a", Role.RSD_KLANTMANAGER, zevenaar),
            "km_ander": _persona("sec.km.b", Role.RSD_KLANTMANAGER, zevenaar),
            "bm": _persona("sec.beleid", Role.BELEIDSMEDEWERKER, zevenaar),
            "fb": _persona("sec.beheer", Role.FUNCTIONEEL_BEHEERDER, zevenaar),
            # The two "broken" personas hold the widest role, so that what stops
            # them is the missing activation or second factor, not their role.
            "inactief": _persona("sec.inactief", Role.FUNCTIONEEL_BEHEERDER, zevenaar),
            "zonder_2fa": _persona(
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
            admin_objects=_admin_objects(p, zevenaar),
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


# --- Filling URLs ---------------------------------------------------------------------

# The object a `pk` stands for, by the route segment just before it.
KIND_BY_SEGMENT = {
    "dossiers": "dossier",
    "klanten": "dossier",
    "duo-signalen": "duo_import",
    "beschikkingen": "beschikking",
    "bezwaren": "bezwaar",
    "brieven": "brief",
    "lasten": "vaste_last",
    "handhaving": "zaak",
    "participatie": "activiteit",
    "activiteiten": "activiteit",
    "verwijzingen": "verwijzing",
    "voortgangsgesprekken": "voortgangsgesprek",
    "uren-import": "uren_import",
    "signalen": "signaal",
    "ketenoverleg": "ketenoverleg",
    "kwartaalrapporten": "kwartaalrapport",
}
# Other kwarg names and the object they stand for.
KIND_BY_KWARG = {"pip_id": "pip", "werkervaring_id": "werkervaring"}

_KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


class UnknownKwarg(LookupError):
    """A URL kwarg this module does not know how to fill: add it above."""


def object_kinds(route: str) -> list[str]:
    """The object kinds a (non-admin) route takes, in order."""
    kinds = []
    for m in _KWARG.finditer(route):
        name = m.group(2)
        if name in KIND_BY_KWARG:
            kinds.append(KIND_BY_KWARG[name])
            continue
        segment = route[: m.start()].rstrip("/").rsplit("/", 1)[-1]
        if name == "pk" and segment in KIND_BY_SEGMENT:
            kinds.append(KIND_BY_SEGMENT[segment])
            continue
        raise UnknownKwarg(f"{route}: {name}")
    return kinds


def fill_url(route: str, wereld: Wereld, scenario: Scenario, **override) -> str:
    """The concrete path of `route` with the objects of `wereld` filled in.

    `override` maps an object kind to another instance (e.g. brief=<a Brief>)."""
    if route.startswith("beheer/"):
        return "/" + _fill_admin(route, scenario)
    kinds = object_kinds(route)
    return fill_route(route, [override.get(k) or wereld[k] for k in kinds])


def fill_route(route: str, objects: list) -> str:
    """The concrete path of a (non-admin) route with `objects` filled in, in order."""
    values = iter(objects)
    return "/" + _KWARG.sub(lambda _m: str(next(values).pk), route)


def real_urls(wereld: Wereld):
    """(route, name, path) of every URL pattern: `wereld`'s objects in a route's
    arguments, the dummy ids of all_urls() in the admin's. Fails (UnknownKwarg) on a
    new argument nobody mapped above."""
    for route, name, path in all_urls():
        if not route.startswith("beheer/"):
            path = fill_route(route, [wereld[k] for k in object_kinds(route)])
        yield route, name, path


def _fill_admin(route: str, scenario: Scenario) -> str:
    from django.contrib.contenttypes.models import ContentType

    path = _REGEX_GROUP.sub(
        lambda m: "accounts" if m.group(1) == "app_label" else "x", route
    )
    path = path.replace("^", "").replace("$", "")
    parts = path.split("/")
    obj = None
    if len(parts) > 3 and parts[1] != "r":
        obj = scenario.admin_objects.get(f"{parts[1]}.{parts[2]}")
    if "<path:content_type_id>" in path:
        # "View on site" of a dossier: a redirect to its page, if it had one.
        dossier = scenario.eigen.dossier
        ct = ContentType.objects.get_for_model(type(dossier))
        return path.replace("<path:content_type_id>", str(ct.pk)).replace(
            "<path:object_id>", str(dossier.pk)
        )
    if "<id>" in path:  # the user's password page
        return path.replace("<id>", str(scenario.personas["cr"].pk))
    if "<path:object_id>" in path or "<int:pk>" in path:
        if obj is None:
            raise UnknownKwarg(
                f"{route}: no object of this admin model; add one to "
                "_admin_object_makers() in tests/security/conftest.py"
            )
        return path.replace("<path:object_id>", str(obj.pk)).replace(
            "<int:pk>", str(obj.pk)
        )
    if _KWARG.search(path):
        raise UnknownKwarg(route)
    return path


# --- Seeing a change ------------------------------------------------------------------

# Tables whose change a request may legitimately cause: the verwerkingenlog (every
# read is logged) and the sessions (login, messages, session timestamps).
MAY_CHANGE = {"verwerkingen.Verwerking", "sessions.Session"}


def fingerprint() -> dict[str, tuple[int, str]]:
    """{model label: (row count, md5 of all rows)} for every table except
    MAY_CHANGE: a change of any row, not only of the counts, shows."""
    state = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            if label in MAY_CHANGE or not model._meta.managed:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            # The table name comes from the model registry, quoted; no input.
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "  # noqa: S608
                f"ORDER BY t::text), '')) FROM {table} t"
            )
            state[label] = cursor.fetchone()
    return state


def changed(before: dict, after: dict) -> dict:
    return {
        label: (before.get(label), after.get(label))
        for label in set(before) | set(after)
        if before.get(label) != after.get(label)
    }


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


def request_rolled_back(client, method: str, path: str, data=None):
    """One request whose changes (an action's rows, a logout) are rolled back
    afterwards, so that every request of a walk sees the same scenario and the
    same session."""
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies.output(header="", sep=";"))
    try:
        with transaction.atomic():
            if data is None:
                response = getattr(client, method)(path)
            else:
                response = getattr(client, method)(path, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def body_text(response) -> str:
    """The response body as text; a PDF converted with pdftotext first."""
    from tests.security.test_ac04_health import body_text as convert

    return convert(response)
