"""RL-10: a closed dossier past its bewaartermijn is anonymised by a scheduled,
logged job (intake/anonimiseren.py with every app's retentie.py, task
`intake.dossiers_anonimiseren`).

The scenario: three dossiers with every kind of related row, built by one builder
with a canary prefix in every free text. "Oud" was closed in 2019 (voldaan), "recent"
in 2023 (verhuisd), "open" is still in traject. The job runs on 15 January 2025 with
a bewaartermijn of 5 years (limit 15 January 2020): only "oud" is due. Afterwards
no canary, BSN, v-nummer or birth date of "oud" may be anywhere in the database,
while the rows of the other two are unchanged to the byte, the kwartaalrapportage
gives the same figures, and the verwerkingenlog has one row. Its decisions (the
beschikking and the letter, with their PDFs) are archival records: exported to the
archive package and kept (DOMAIN §13.6; the package itself in
test_rl10_archief.py). Its uploaded documents (issue 20: a diploma and a medical
statement) are no decisions: their rows and their files in private storage are
deleted.

This module: the run over that scenario. When a dossier is due is in
test_rl10_when_a_dossier_is_due.py, the command and the schedule in
test_rl10_command_and_schedule.py; the builder in bewaartermijn.py.
"""

import json
import logging
from datetime import date
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, models, transaction

import pytest
from freezegun import freeze_time

from intake.models import (
    Document,
    DuoSignaal,
    Gebeurtenis,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Status,
    Werkervaring,
)
from leerroutes.routestand import routestand_bijwerken
from monitoring.rapportage.cijfers import bereken
from pip_plans.models import Beschikking, Brief, Pip, Verlenging
from tests.security.bewaartermijn import (
    DOCUMENTSOORTEN,
    OUD,
    OUD_BSN,
    OUD_GEBOORTEDATUM,
    OUD_V_NUMMER,
    RUN,
    ZONDER_KANARIE,
    D,
    database_als_tekst,
    draai,
)
from zevenaar_inburgering.documents import private_storage, verify_document
from zevenaar_inburgering.validators import is_valid_bsn
from zevenaar_inburgering.verwerkingen.log import bsn_hash
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

APPS = ("intake", "pip_plans", "leerroutes", "monitoring")


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
            jaar=jaar, kwartaal=kwartaal, gemeente=gemeente, stand=date(2024, 1, 2)
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
    database = database_als_tekst()
    for waarde in (OUD, OUD_BSN, OUD_V_NUMMER, OUD_GEBOORTEDATUM.isoformat()):
        assert waarde in database  # the check below can fail

    assert draai() == 1

    database = database_als_tekst()
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


def test_rl10_decisions_are_archived_and_kept(drie):
    """DOMAIN §13.6: the decisions go to the archive package and stay in the app;
    only those of the dossier due are exported (the archive's format and failures:
    test_rl10_archief.py)."""
    oud = drie["oud"]
    rijen = [
        Beschikking.objects.get(inburgeraar=oud),
        Brief.objects.get(inburgeraar=oud),
    ]
    bestanden = _bestanden()
    # Only the uploaded documents of "oud" go (the test below).
    documenten = set(
        Document.objects.filter(inburgeraar=oud).values_list("bestand", flat=True)
    )
    assert len(documenten) == len(DOCUMENTSOORTEN)

    draai()

    # No decision's PDF deleted, none changed.
    assert _bestanden() == {
        naam: inhoud for naam, inhoud in bestanden.items() if naam not in documenten
    }
    for rij in rijen:
        na = type(rij).objects.get(pk=rij.pk)
        assert (na.pdf, na.sha256) == (rij.pdf, rij.sha256)
        assert verify_document(na.pdf, na.sha256)
    pakketten = sorted(Path(settings.ARCHIEF_EXPORT_ROOT).glob("*/*/manifest.json"))
    assert [p.parent.name for p in pakketten] == [str(oud.pk)]
    assert {p.name for p in pakketten[0].parent.iterdir()} == {
        "manifest.json",
        *(f"{rij.kenmerk}.{ext}" for rij in rijen for ext in ("pdf", "json")),
    }


def test_rl10_uploaded_documents_are_deleted_with_their_files(drie):
    """The documents uploaded to the dossier due (a diploma, a medical statement):
    the rows and the files in private storage are gone; those of the other
    dossiers stay, rows and files, unchanged."""
    oud = drie["oud"]
    weg = list(Document.objects.filter(inburgeraar=oud))
    blijven = list(Document.objects.exclude(inburgeraar=oud))
    assert {d.soort for d in weg} == set(DOCUMENTSOORTEN)
    assert len(blijven) == 2 * len(DOCUMENTSOORTEN)
    for document in weg + blijven:
        assert private_storage.exists(document.bestand), document.bestand
        assert verify_document(document.bestand, document.sha256)
    assert OUD in Path(private_storage.path(weg[0].bestand)).read_bytes().decode()

    draai()

    assert not Document.objects.filter(inburgeraar=oud).exists()
    assert not Document.objects.filter(pk__in=[d.pk for d in weg]).exists()
    for document in weg:
        assert not private_storage.exists(document.bestand), document.bestand
    assert sorted(Document.objects.values_list("pk", "bestand", "sha256")) == sorted(
        (d.pk, d.bestand, d.sha256) for d in blijven
    )
    for document in blijven:
        assert verify_document(document.bestand, document.sha256)


def test_rl10_recent_and_open_dossiers_are_untouched(drie):
    voor = {naam: _momentopname(drie[naam]) for naam in ("recent", "open")}
    bestanden = _bestanden()
    # The beschikking, the waarschuwing and the uploaded documents of each.
    assert len(bestanden) == 3 * (2 + len(DOCUMENTSOORTEN))
    van_oud = set(
        Document.objects.filter(inburgeraar=drie["oud"]).values_list(
            "bestand", flat=True
        )
    )

    draai()

    for naam in ("recent", "open"):
        assert _momentopname(drie[naam]) == voor[naam], naam
    # Every file but the uploaded documents of "oud", unchanged.
    assert _bestanden() == {
        naam: inhoud for naam, inhoud in bestanden.items() if naam not in van_oud
    }


def test_rl10_one_verwerking_per_dossier_with_the_real_bsn_hash(drie):
    oud = drie["oud"]
    voor = Verwerking.objects.count()

    draai()

    assert Verwerking.objects.count() == voor + 1
    rij = Verwerking.objects.get(object_id=str(oud.pk), actie=Actie.VERWIJDEREN)
    assert rij.betrokkene_id == bsn_hash(OUD_BSN)
    assert rij.object_type == "intake.Inburgeraar"
    assert rij.actor is None and rij.actor_rol == "systeem"
    assert rij.gemeente_id == oud.gemeente_id
    assert "gezondheid" in rij.soorten_gegevens


def test_rl10_second_run_anonymises_and_logs_nothing(drie):
    assert draai() == 1
    database = database_als_tekst()
    verwerkingen = Verwerking.objects.count()

    assert draai() == 0

    assert Verwerking.objects.count() == verwerkingen
    assert database_als_tekst() == database


def test_rl10_kwartaalrapportage_counts_the_anonymised_dossier_the_same(drie):
    ids = list(Inburgeraar.objects.values_list("pk", flat=True))
    with freeze_time(RUN):
        routestand_bijwerken(ids)
        voor = _rapporten()
    voldaan = _cel(voor[2019, 2, None], "leerroutes", "Inburgeringsplicht voldaan")
    assert voldaan == [{"n": 1}, {"n": 0}, {"n": 1}]  # oud met the plicht in K2

    draai()
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
    draai()
    beschikking = Beschikking.objects.get(inburgeraar=drie["oud"])
    for model, rij in ((Beschikking, beschikking), (Pip, beschikking.pip)):
        with pytest.raises(DatabaseError), transaction.atomic():
            model.objects.filter(pk=rij.pk).update(aangemaakt_op=rij.aangemaakt_op)


def test_rl10_job_logs_one_line_without_personal_data(drie, caplog):
    with caplog.at_level(logging.INFO, logger="zevenaar_inburgering.retentie"):
        draai()
    regels = [r for r in caplog.records if r.name == "zevenaar_inburgering.retentie"]
    assert len(regels) == 1
    tekst = regels[0].getMessage()
    assert "1 dossier" in tekst and "5 jaar" in tekst
    assert OUD not in tekst.upper() and OUD_BSN not in tekst
