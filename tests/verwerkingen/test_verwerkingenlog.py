from django.db import DatabaseError, connection, transaction
from django.urls import reverse

import pytest

from intake import services
from tests.downloads import csv_text
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Actie, Resultaat, Verwerking

pytestmark = pytest.mark.django_db


def test_viewing_a_dossier_writes_one_complete_row(client_for, dossier, casusregisseur):
    client_for(casusregisseur).get(
        reverse("monitoring:dossier", args=[dossier.pk]),
        HTTP_USER_AGENT="pytest-browser",
    )
    row = Verwerking.objects.get()
    assert row.actie == Actie.RAADPLEGEN
    assert row.actor == casusregisseur
    assert row.actor_rol == "casusregisseur"
    assert row.object_type == "intake.Inburgeraar"
    assert row.object_id == str(dossier.pk)
    assert row.betrokkene_id == log.bsn_hash(dossier.bsn)
    assert dossier.bsn not in row.betrokkene_id
    assert row.resultaat == Resultaat.OK
    assert row.oorsprong_user_agent == "pytest-browser"
    assert row.oorsprong_ip == "127.0.0.1"
    assert row.verwerkingsactiviteit.grondslag.startswith("Wet inburgering 2021")
    assert (
        row.bewaartermijn and row.trace_id and row.span_id and row.tijdstip_registratie
    )
    assert row.gemeente == dossier.gemeente
    assert "persoonsgegevens" in row.soorten_gegevens


def test_a_list_page_writes_one_row_per_dossier_shown(
    client_for, casusregisseur, zevenaar
):
    shown = InburgeraarFactory.create_batch(7, gemeente=zevenaar)
    client_for(casusregisseur).get(reverse("monitoring:werkvoorraad"))
    rows = Verwerking.objects.all()
    assert sorted(r.object_id for r in rows) == sorted(str(d.pk) for d in shown)
    assert len({r.parent_span_id for r in rows}) == 1  # children of one span
    assert len({r.trace_id for r in rows}) == 1
    # Written by one INSERT of log._insert: the model's defaults per row.
    assert len({r.pk for r in rows}) == len({r.span_id for r in rows}) == 7
    assert {(r.vertrouwelijkheid, r.betrokkene_id_type, r.afnemer) for r in rows} == {
        (Verwerking._meta.get_field("vertrouwelijkheid").default, "BSN", "")
    }
    assert all(r.tijdstip_registratie is not None for r in rows)


def test_a_row_with_an_unknown_column_is_refused(dossier, casusregisseur):
    with pytest.raises(ValueError, match="geen kolommen"):
        log._insert([{"object_id": str(dossier.pk), "bsn": dossier.bsn}])
    assert not Verwerking.objects.exists()


def test_a_change_writes_a_row_in_the_same_transaction(dossier, casusregisseur):
    services.notitie_toevoegen(
        inburgeraar=dossier, tekst="Gesprek", acting_user=casusregisseur
    )
    assert Verwerking.objects.get().actie == Actie.WIJZIGEN


def test_when_the_log_cannot_be_written_the_change_is_rolled_back(
    client_for, dossier, casusregisseur, monkeypatch
):
    def broken(**kwargs):
        raise DatabaseError("log unavailable")

    monkeypatch.setattr(log, "_write", broken)
    client = client_for(casusregisseur)
    client.raise_request_exception = False
    response = client.post(
        reverse("monitoring:notitie_toevoegen", args=[dossier.pk]),
        {"tekst": "Mag niet blijven"},
    )
    assert response.status_code == 500
    assert not dossier.notities.exists()
    assert not dossier.gebeurtenissen.exists()


def test_update_and_delete_are_refused_by_the_database(dossier, casusregisseur):
    log.log_dossier_viewed(dossier, user=casusregisseur)
    with pytest.raises(DatabaseError), transaction.atomic():
        Verwerking.objects.update(actie_naam="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        Verwerking.objects.all().delete()
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE verwerkingen_verwerking SET actor_rol = 'x'")
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM verwerkingen_verwerking")
    assert Verwerking.objects.get().actie_naam == "Dossier bekeken"


def test_saving_an_existing_row_is_refused(dossier, casusregisseur):
    log.log_dossier_viewed(dossier, user=casusregisseur)
    row = Verwerking.objects.get()
    row.actie_naam = "vervalst"
    with pytest.raises(ValueError):
        row.save()


def test_functioneel_beheer_searches_by_bsn_and_exports(
    client_for, dossier, casusregisseur, functioneel_beheerder, zevenaar
):
    other = InburgeraarFactory(gemeente=zevenaar)
    log.log_dossier_viewed(dossier, user=casusregisseur)
    log.log_dossier_viewed(other, user=casusregisseur)
    client = client_for(functioneel_beheerder)
    response = client.post(
        reverse("verwerkingen:zoeken"), {"bsn": dossier.bsn}, follow=True
    )
    assert all(dossier.bsn not in url for url, _ in response.redirect_chain)
    assert dossier.bsn not in str(client.session.items())
    assert len(response.context["page"]) == 1

    export = client.get(reverse("verwerkingen:export"))
    assert export["Content-Disposition"].startswith("attachment")
    lines = csv_text(export).strip().splitlines()
    assert len(lines) == 2  # header and the one row
    assert str(dossier.pk) in lines[1]
    assert casusregisseur.username in lines[1]
    # the export is itself logged, for the same betrokkene
    assert Verwerking.objects.filter(
        actie=Actie.EXPORTEREN, betrokkene_id=log.bsn_hash(dossier.bsn)
    ).exists()


def test_search_by_user(client_for, dossier, casusregisseur, functioneel_beheerder):
    log.log_dossier_viewed(dossier, user=casusregisseur)
    log.log_dossier_viewed(dossier, user=functioneel_beheerder)
    client = client_for(functioneel_beheerder)
    response = client.post(
        reverse("verwerkingen:zoeken"), {"gebruiker": casusregisseur.pk}, follow=True
    )
    assert [v.actor for v in response.context["page"]] == [casusregisseur]


def test_invalid_bsn_search_gets_a_dutch_message(client_for, functioneel_beheerder):
    response = client_for(functioneel_beheerder).post(
        reverse("verwerkingen:zoeken"), {"bsn": "123456789"}
    )
    assert response.status_code == 400
    assert "elfproef" in response.content.decode()
    assert 'value="123456789"' in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["casusregisseur", "klantmanager", "beleidsmedewerker"]
)
def test_only_functioneel_beheer_reads_the_log(client_for, request, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("verwerkingen:zoeken")).status_code == 403
    assert client_for(user).get(reverse("verwerkingen:export")).status_code == 403
