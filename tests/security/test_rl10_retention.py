"""RL-10: a closed dossier past its bewaartermijn is anonymised by a scheduled,
logged job (intake/anonimiseren.py with every app's retentie.py, task
`intake.dossiers_anonimiseren`).

The scenario: three dossiers with every kind of related row, built by one builder
with a canary prefix in every free text. "Oud" was closed in 2019 (voldaan), "recent"
in 2023 (verhuisd), "open" is still in traject. The job runs on 15 January 2025 with
a bewaartermijn of 5 years (limit 15 January 2020): only "oud" is due. Afterwards
no canary, BSN, v-nummer or birth date of "oud" may be anywhere in the database or
in private storage, while the rows of the other two are unchanged to the byte, the
kwartaalrapportage gives the same figures, and the verwerkingenlog has one row.
"""

import datetime as dt
import io
import json
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, models, transaction

import pytest
from freezegun import freeze_time

from intake import anonimiseren, tasks
from intake.models import (
    DuoSignaal,
    Gebeurtenis,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Status,
    Werkervaring,
)
from intake.tijdlijn import GebeurtenisSoort
from leerroutes.models import Onderdeel, OrganisatieSoort
from leerroutes.routestand import routestand_bijwerken
from monitoring.rapportage.cijfers import bereken
from pip_plans.models import (
    Beschikking,
    Brief,
    HandhavingStatus,
    Handhavingszaak,
    Overtreding,
    Pip,
    Verlenging,
)
from tests.factories.dossier import volledig_dossier
from tests.factories.intake import InburgeraarFactory, make_bsn
from tests.factories.leerroutes import ContractFactory, OrganisatieFactory
from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.validators import is_valid_bsn
from zevenaar_inburgering.verwerkingen.log import bsn_hash
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

D = dt.date
OUD, RECENT, OPEN = "KANARIE", "RECENTJE", "OPENSTAAND"
OUD_BSN = "725763863"
OUD_V_NUMMER = "4471829365"
OUD_GEBOORTEDATUM = D(1987, 7, 23)
RUN = "2025-01-15 09:00:00"  # 5 years back: 15 January 2020
BEAT_NAAM = "Bewaartermijn: dossiers anonimiseren"
APPS = ("intake", "pip_plans", "leerroutes", "monitoring")

# Text fields of dossier rows that carry no canary in the scenario, and why.
ZONDER_KANARIE = {
    "intake.Inburgeraar.bsn": "searched for by its value (OUD_BSN)",
    "intake.Inburgeraar.v_nummer": "searched for by its value (OUD_V_NUMMER)",
    "intake.DuoImportRegel.signaal_id": "DUO's reference of the signal: kept",
    "intake.DuoImportRegel.soort": "the signal's kind: kept",
    "intake.DuoSignaal.signaal_id": "DUO's reference of the signal: kept",
    "pip_plans.Beschikking.kenmerk": "the decision's reference number: kept",
    "pip_plans.Beschikking.pdf": "a stored name; file and name checked apart",
    "pip_plans.Beschikking.sha256": "a digest; cleared with the file",
    "pip_plans.Brief.kenmerk": "the letter's reference number: kept",
    "pip_plans.Brief.pdf": "a stored name; file and name checked apart",
    "pip_plans.Brief.sha256": "a digest; cleared with the file",
    "leerroutes.Examenpoging.cijfer": "a grade, no identifier: kept",
    "leerroutes.Routestand.koers_redenen": "derived from numbers every night",
    "monitoring.Signaal.object_type": "a model name",
    "monitoring.Signaal.object_id": "a primary key",
}


# --- The scenario ----------------------------------------------------------------


def kanaries(prefix: str):
    """The builder's texts: every free text starts with `prefix`, except the
    fields of ZONDER_KANARIE."""

    def tekst(label: str) -> str | None:
        if label in ZONDER_KANARIE:
            return None
        return f"{prefix}-{label.rsplit('.', 1)[1]}"

    return tekst


def dossier_met_alles(prefix: str, *, keten, user, jaar: int, **velden) -> Inburgeraar:
    """The complete dossier (tests/factories/dossier.py) of Zevenaar, its story in
    `jaar`, every free text starting with `prefix`: a row of every kind a dossier
    can have, the beschikking and the waarschuwing as stored stand-in PDFs."""
    return volledig_dossier(
        casusregisseur=user,
        aanbieder=keten["aanbieder"],
        ketenpartner=keten["ketenpartner"],
        jaar=jaar,
        tekst=kanaries(prefix),
        **velden,
    ).dossier


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


# --- Looking at the database -------------------------------------------------------


def _paden(model, diepte: int = 3) -> list[str]:
    """Lookups from `model` to the Inburgeraar it belongs to (forward relations)."""
    if model is Inburgeraar:
        return ["pk"]
    if model is Huishouden:
        return ["inburgeraars"]
    if model is Huishoudlid:
        return ["huishouden__inburgeraars"]
    if diepte == 0:
        return []
    paden = []
    for veld in model._meta.get_fields():
        if not (veld.concrete and veld.is_relation and veld.related_model):
            continue
        if veld.related_model is model or not (veld.many_to_one or veld.one_to_one):
            continue
        for rest in _paden(veld.related_model, diepte - 1):
            paden.append(f"{veld.name}__{rest}" if rest != "pk" else veld.name)
    return paden


def _dossiermodellen() -> list:
    return [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if _paden(model)
    ]


def _rijen(model, dossier) -> models.QuerySet:
    filter_ = models.Q()
    for pad in _paden(model):
        filter_ |= models.Q(**{pad: dossier.pk})
    return model.objects.filter(filter_).distinct().order_by("pk")


def _momentopname(dossier) -> dict:
    """Every row belonging to `dossier`, every field, as JSON text."""
    return {
        model._meta.label: json.dumps(
            list(_rijen(model, dossier).values()), default=str, sort_keys=True
        )
        for model in _dossiermodellen()
    }


def _database() -> str:
    """The whole database (every model of every app) as JSON, upper case."""
    uit = io.StringIO()
    call_command("dumpdata", stdout=uit)
    return uit.getvalue().upper()


def _tekstvelden(model):
    for veld in model._meta.concrete_fields:
        tekst = isinstance(veld, models.CharField | models.TextField | models.JSONField)
        if tekst and not veld.choices:
            yield veld


def _bestanden() -> dict[str, bytes]:
    root = private_storage.base_location
    return {
        str(pad.relative_to(root)): pad.read_bytes()
        for pad in Path(root).rglob("*")
        if pad.is_file()
    }


def _rapporten() -> dict[tuple, dict]:
    """The figures of every quarter the scenario touches, region and Zevenaar."""
    zevenaar = Inburgeraar.objects.first().gemeente
    return {
        (jaar, kwartaal, gemeente and gemeente.naam): bereken(
            jaar=jaar, kwartaal=kwartaal, gemeente=gemeente
        )
        for jaar in (2016, 2017, 2019, 2020, 2023)
        for kwartaal in (1, 2, 3, 4)
        for gemeente in (None, zevenaar)
    }


def _cel(cijfers: dict, code: str, rij_label: str) -> list:
    for sectie in cijfers["secties"]:
        if sectie["code"] != code:
            continue
        for tabel in sectie["tabellen"]:
            for rij in tabel["rijen"]:
                if rij["label"] == rij_label:
                    return rij["cellen"]
    raise AssertionError(f"{code}/{rij_label} niet gevonden")


def _draai() -> int:
    with freeze_time(RUN):
        return tasks.dossiers_anonimiseren()


# --- The tests -------------------------------------------------------------------


def test_rl10_scenario_has_every_kind_of_row_and_a_canary_in_every_text(drie):
    """Guards the scenario itself: a new dossier model or text field fails here
    until the scenario (and so the canary check below) covers it."""
    oud = drie["oud"]
    zonder_rijen = [m._meta.label for m in _dossiermodellen() if not _rijen(m, oud)]
    assert zonder_rijen == []
    zonder_kanarie = []
    for model in _dossiermodellen():
        for rij in _rijen(model, oud):
            for veld in _tekstvelden(model):
                sleutel = f"{model._meta.label}.{veld.name}"
                waarde = json.dumps(veld.value_from_object(rij), default=str)
                if sleutel not in ZONDER_KANARIE and OUD not in waarde.upper():
                    zonder_kanarie.append(sleutel)
    assert zonder_kanarie == []


def test_rl10_old_closed_dossier_leaves_no_personal_value_anywhere(drie):
    oud = drie["oud"]
    database = _database()
    for waarde in (OUD, OUD_BSN, OUD_V_NUMMER, OUD_GEBOORTEDATUM.isoformat()):
        assert waarde in database  # the check below can fail

    assert _draai() == 1

    database = _database()
    for waarde in (OUD, OUD_BSN, OUD_V_NUMMER, OUD_GEBOORTEDATUM.isoformat()):
        assert waarde not in database
    oud.refresh_from_db()
    assert oud.geanonimiseerd_op is not None
    assert oud.naam == "Geanonimiseerd"
    assert not is_valid_bsn(oud.bsn)  # can never collide with a real BSN
    assert oud.huishouden_id is None
    assert oud.casusregisseur_id is None
    assert oud.rsd_klantmanager_id is None
    # The health reason of the verlenging is gone too (a choice, so no canary).
    assert list(
        Verlenging.objects.filter(termijn__inburgeraar=oud).values_list(
            "reden", flat=True
        )
    ) == [""]
    # Rows that are nothing but personal text are gone.
    assert not Notitie.objects.filter(inburgeraar=oud).exists()
    assert not Gebeurtenis.objects.filter(inburgeraar=oud).exists()
    assert not Werkervaring.objects.filter(intake__inburgeraar=oud).exists()
    assert not Huishoudlid.objects.filter(naam__startswith=OUD).exists()
    # A late DUO correctie of its signal can no longer reach the dossier.
    signaal = DuoSignaal.objects.get(regel__inburgeraar=oud)
    assert signaal.inburgeraar_id is None


def test_rl10_generated_documents_are_deleted(drie):
    oud = drie["oud"]
    namen = [
        Beschikking.objects.get(inburgeraar=oud).pdf,
        Brief.objects.get(inburgeraar=oud).pdf,
    ]
    assert all(private_storage.exists(naam) for naam in namen)

    _draai()

    assert not any(private_storage.exists(naam) for naam in namen)
    assert not private_storage.exists(f"beschikkingen/{oud.pk}")
    assert not private_storage.exists(f"brieven/{oud.pk}")
    for model in (Beschikking, Brief):
        rij = model.objects.get(inburgeraar=oud)
        assert (rij.pdf, rij.sha256) == ("", "")
    bestanden = _bestanden()
    assert len(bestanden) == 4  # two PDFs each of recent and open
    assert not any(OUD.encode() in inhoud for inhoud in bestanden.values())


def test_rl10_recent_and_open_dossiers_are_untouched(drie):
    voor = {naam: _momentopname(drie[naam]) for naam in ("recent", "open")}
    bestanden = {k: v for k, v in _bestanden().items() if OUD.encode() not in v}
    assert len(bestanden) == 4

    _draai()

    for naam in ("recent", "open"):
        assert _momentopname(drie[naam]) == voor[naam], naam
    assert _bestanden() == bestanden


def test_rl10_one_verwerking_per_dossier_with_the_real_bsn_hash(drie):
    oud = drie["oud"]
    voor = Verwerking.objects.count()

    _draai()

    assert Verwerking.objects.count() == voor + 1
    rij = Verwerking.objects.get(object_id=str(oud.pk), actie=Actie.VERWIJDEREN)
    assert rij.betrokkene_id == bsn_hash(OUD_BSN)
    assert rij.object_type == "intake.Inburgeraar"
    assert rij.actor is None and rij.actor_rol == "systeem"
    assert rij.gemeente_id == oud.gemeente_id
    assert "gezondheid" in rij.soorten_gegevens


def test_rl10_second_run_anonymises_and_logs_nothing(drie):
    assert _draai() == 1
    database = _database()
    verwerkingen = Verwerking.objects.count()

    assert _draai() == 0

    assert Verwerking.objects.count() == verwerkingen
    assert _database() == database


def test_rl10_kwartaalrapportage_counts_the_anonymised_dossier_the_same(drie):
    ids = list(Inburgeraar.objects.values_list("pk", flat=True))
    with freeze_time(RUN):
        routestand_bijwerken(ids)
        voor = _rapporten()
    voldaan = _cel(voor[2019, 2, None], "leerroutes", "Inburgeringsplicht voldaan")
    assert voldaan == [{"n": 1}, {"n": 0}, {"n": 1}]  # oud met the plicht in K2

    _draai()
    with freeze_time(RUN):
        routestand_bijwerken(ids)  # the nightly job derives the same state again
        na = _rapporten()

    assert _cel(na[2019, 2, None], "leerroutes", "Inburgeringsplicht voldaan") == (
        voldaan
    )
    assert na == voor
    oud = Inburgeraar.objects.get(pk=drie["oud"].pk)
    assert (oud.gemeente.naam, oud.doelgroep, oud.status) == (
        "Zevenaar",
        "asielstatushouder",
        Status.AFGEROND_VOLDAAN,
    )
    assert (oud.start_inburgeringsplicht, oud.pip_vastgesteld_op) == (
        D(2016, 1, 10),
        D(2016, 3, 1),
    )


def test_rl10_decisions_stay_immutable_after_the_run(drie):
    _draai()
    beschikking = Beschikking.objects.get(inburgeraar=drie["oud"])
    for model, rij in ((Beschikking, beschikking), (Pip, beschikking.pip)):
        with pytest.raises(DatabaseError), transaction.atomic():
            model.objects.filter(pk=rij.pk).update(aangemaakt_op=rij.aangemaakt_op)


def test_rl10_job_logs_one_line_without_personal_data(drie, caplog):
    with caplog.at_level(logging.INFO, logger="zevenaar_inburgering.retentie"):
        _draai()
    regels = [r for r in caplog.records if r.name == "zevenaar_inburgering.retentie"]
    assert len(regels) == 1
    tekst = regels[0].getMessage()
    assert "1 dossier" in tekst and "5 jaar" in tekst
    assert OUD not in tekst.upper() and OUD_BSN not in tekst


def _gesloten(casusregisseur, op: str, **velden) -> Inburgeraar:
    velden.setdefault("status", Status.VERHUISD)
    with freeze_time(op):
        return InburgeraarFactory(casusregisseur=casusregisseur, **velden)


def test_rl10_exactly_the_bewaartermijn_is_not_yet_more(casusregisseur):
    dossier = _gesloten(casusregisseur, "2019-06-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2024, 6, 1)) == 0
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2024, 6, 2)) == 1
    dossier.refresh_from_db()
    assert dossier.geanonimiseerd_op is not None


def test_rl10_later_activity_restarts_the_clock(casusregisseur):
    dossier = _gesloten(casusregisseur, "2015-01-01 10:00:00")
    with freeze_time("2022-03-01 10:00:00"):
        Gebeurtenis.objects.create(
            inburgeraar=dossier,
            soort=GebeurtenisSoort.NOTITIE,
            gebruiker=casusregisseur,
            omschrijving="Vraag van de inburgeraar beantwoord.",
        )
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 0


def test_rl10_termijn_overschreden_is_not_closed(casusregisseur):
    _gesloten(casusregisseur, "2015-01-01 10:00:00", status=Status.ONTKOPPELD)
    with freeze_time("2015-01-01 10:00:00"):
        InburgeraarFactory(status=Status.TERMIJN_OVERSCHREDEN)
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1
    assert Inburgeraar.objects.get(status=Status.TERMIJN_OVERSCHREDEN).achternaam != (
        "Geanonimiseerd"
    )


def test_rl10_unfinished_handhaving_or_bezwaar_holds_the_dossier(casusregisseur):
    lopend = _gesloten(casusregisseur, "2015-01-01 10:00:00")
    with freeze_time("2015-01-01 10:00:00"):
        Handhavingszaak.objects.create(
            inburgeraar=lopend,
            overtreding=Overtreding.PVT,
            datum_overtreding=D(2014, 6, 1),
            feiten="Niet verschenen.",
            status=HandhavingStatus.GEWAARSCHUWD,
            aangemaakt_door=casusregisseur,
        )
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 0


def test_rl10_bewaartermijn_comes_from_settings(drie, settings):
    settings.BEWAARTERMIJN_JAREN = 10
    assert _draai() == 0
    settings.BEWAARTERMIJN_JAREN = 0
    with pytest.raises(ImproperlyConfigured, match="BEWAARTERMIJN_JAREN"):
        _draai()


def test_rl10_placeholder_bsns_are_unique(casusregisseur):
    for _ in range(3):
        _gesloten(casusregisseur, "2015-01-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 3
    _gesloten(casusregisseur, "2015-01-01 10:00:00")
    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1
    bsns = sorted(Inburgeraar.objects.values_list("bsn", flat=True))
    assert bsns == ["X00000001", "X00000002", "X00000003", "X00000004"]


def test_rl10_household_shared_with_an_open_dossier_keeps_its_members(
    casusregisseur,
):
    huishouden = Huishouden.objects.create()
    Huishoudlid.objects.create(huishouden=huishouden, naam="Kind", relatie="kind")
    oud = _gesloten(casusregisseur, "2015-01-01 10:00:00", huishouden=huishouden)
    partner = InburgeraarFactory(huishouden=huishouden, status=Status.IN_TRAJECT)

    assert anonimiseren.dossiers_anonimiseren(peildatum=D(2025, 1, 15)) == 1

    oud.refresh_from_db()
    partner.refresh_from_db()
    assert oud.huishouden_id is None
    assert partner.huishouden_id == huishouden.pk
    assert list(huishouden.leden.values_list("naam", flat=True)) == ["Kind"]


def test_rl10_command_dry_run_counts_and_changes_nothing(drie):
    database = _database()
    uit = io.StringIO()
    with freeze_time(RUN):
        call_command("anonimiseren", "--dry-run", stdout=uit)
    assert uit.getvalue().startswith("1 dossier(s) zouden worden geanonimiseerd")
    assert _database() == database

    uit = io.StringIO()
    with freeze_time(RUN):
        call_command("anonimiseren", "--peildatum", "2020-01-01", stdout=uit)
    assert uit.getvalue().startswith("0 dossier(s) geanonimiseerd")
    with freeze_time(RUN):
        call_command("anonimiseren", stdout=uit)
    assert "1 dossier(s) geanonimiseerd" in uit.getvalue()


def test_rl10_command_refuses_a_peildatum_in_the_future(db):
    with freeze_time(RUN), pytest.raises(CommandError, match="toekomst"):
        call_command("anonimiseren", "--peildatum", "2025-01-16")


def test_rl10_beat_runs_the_task_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE[BEAT_NAAM]
    assert (
        entry["task"]
        == "intake.dossiers_anonimiseren"
        == tasks.dossiers_anonimiseren.name
    )
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
