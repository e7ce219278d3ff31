"""The brede intake: start, fill, complete; checklist, gesprekken, werkervaring;
optimistic locking, bad input, access per persona and a fixed number of queries."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.services import brede_intake as services
from intake.models import (
    BredeIntake,
    Gebeurtenis,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    IntakeStatus,
    Status,
    Werkervaring,
)
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.accounts import UserFactory
from tests.factories.intake import (
    BredeIntakeFactory,
    GesprekFactory,
    WerkervaringFactory,
)
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

STANDAARD_ONDERDELEN = [
    "gezinssituatie",
    "financiele-situatie",
    "participatiemogelijkheden",
    "maatschappelijke-begeleiding",
    "talenten-en-wensen",
    "kinderopvang",
]

# Every URL of the intake, with the method that changes something.
INTAKE_URLS = [
    ("intake:brede_intake", "get"),
    ("intake:brede_intake", "post"),
    ("intake:intake_wijzigen", "get"),
    ("intake:intake_wijzigen", "post"),
    ("intake:intake_gezondheid", "get"),
    ("intake:intake_gezondheid", "post"),
    ("intake:intake_onderdelen", "get"),
    ("intake:intake_onderdelen", "post"),
    ("intake:intake_gesprek_toevoegen", "get"),
    ("intake:intake_gesprek_toevoegen", "post"),
    ("intake:intake_werkervaring_toevoegen", "get"),
    ("intake:intake_werkervaring_toevoegen", "post"),
    ("intake:intake_afronden", "post"),
    ("intake:intake_heropenen", "post"),
]


def url(name: str, dossier, *args) -> str:
    return reverse(name, args=[dossier.pk, *args])


def intake_data(intake: BredeIntake, **changes) -> dict:
    """The intake edit form as the browser posts it, unchanged unless told."""
    data = {}
    for name in services.INTAKE_VELDEN:
        value = getattr(intake, name)
        if isinstance(value, bool):
            value = "on" if value else ""
        elif value is None:
            value = ""
        elif isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = value
    data["versie"] = intake.versie
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Starting ----------------------------------------------------------------------


def test_the_default_checklist_is_there_after_migrating():
    assert (
        list(IntakeOnderdeelSoort.objects.values_list("code", flat=True))
        == STANDAARD_ONDERDELEN
    )
    assert IntakeOnderdeelSoort.objects.get(code="financiele-situatie").naam == (
        "Financiële situatie"
    )


@freeze_time("2026-03-10 10:00:00")
def test_starting_the_intake_adds_the_checklist_and_moves_the_dossier_on(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Nog geen brede intake" in page and "Intake starten" in page

    response = client.post(
        url("intake:brede_intake", dossier), {"aanleiding": "eerste"}
    )

    assert response.status_code == 302
    intake = BredeIntake.objects.get(inburgeraar=dossier)
    assert intake.gestart_op == dt.date(2026, 3, 10)
    assert intake.gestart_door == casusregisseur
    assert intake.status == IntakeStatus.LOOPT
    assert [o.soort.code for o in intake.onderdelen.all()] == STANDAARD_ONDERDELEN
    assert intake.gezondheid.besproken_op is None
    dossier.refresh_from_db()
    assert dossier.status == Status.INTAKE_LOOPT
    assert dossier.versie == 2  # an open dossier edit form is now stale
    event = dossier.gebeurtenissen.get(soort=GebeurtenisSoort.INTAKE)
    assert event.omschrijving == "Brede intake gestart"
    assert {
        "veld": "Status",
        "oud": "Signaal ontvangen",
        "nieuw": "Intake loopt",
    } in event.wijzigingen
    assert Verwerking.objects.filter(
        actie=Actie.AANMAKEN, object_id=str(dossier.pk), handeling="Brede intake"
    ).exists()


def test_starting_leaves_a_later_dossier_status_alone(dossier, casusregisseur):
    dossier.status = Status.PIP_CONCEPT
    dossier.save()
    services.intake_starten(inburgeraar=dossier, acting_user=casusregisseur)
    dossier.refresh_from_db()
    assert dossier.status == Status.PIP_CONCEPT
    assert dossier.versie == 1


def test_a_second_intake_only_after_a_verhuizing(client_for, dossier, casusregisseur):
    client = client_for(casusregisseur)
    client.post(url("intake:brede_intake", dossier), {"aanleiding": "eerste"})
    eerste = BredeIntake.objects.get()

    response = client.post(
        url("intake:brede_intake", dossier), {"aanleiding": "eerste"}
    )
    assert response.status_code == 400
    assert "alleen na een verhuizing" in response.content.decode()
    assert BredeIntake.objects.count() == 1

    response = client.post(
        url("intake:brede_intake", dossier), {"aanleiding": "verhuizing"}
    )
    assert response.status_code == 302
    eerste.refresh_from_db()
    assert eerste.vervangen_op is not None
    nieuwe = BredeIntake.objects.actueel().get(inburgeraar=dossier)
    assert nieuwe.aanleiding == "verhuizing" and nieuwe != eerste
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Nieuwe intake na verhuizing" in page and "Vervangen intakes" in page


def test_the_database_allows_one_current_intake_per_person(dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    with pytest.raises(IntegrityError), transaction.atomic():
        BredeIntake.objects.create(
            inburgeraar=dossier,
            gestart_op=dt.date(2026, 3, 1),
            gestart_door=casusregisseur,
        )
    BredeIntake.objects.create(
        inburgeraar=dossier,
        gestart_op=dt.date(2025, 3, 1),
        gestart_door=casusregisseur,
        vervangen_op=dt.date(2025, 9, 1),
    )


# --- Filling and completing --------------------------------------------------------


def test_afronden_is_refused_with_a_dutch_message_listing_what_is_missing(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier, lbt_datum=dt.date(2026, 3, 12))
    with pytest.raises(ValidationError) as error:
        services.intake_afronden(intake=intake, acting_user=casusregisseur)
    message = error.value.messages[0]
    assert message.startswith("De brede intake kan nog niet worden afgerond.")
    assert "Leerbaarheidstoets (uitkomst ontbreekt" in message
    assert "Opleiding en werkervaring (hoogste opleiding, jaren onderwijs" in message
    assert "Persoonlijke omstandigheden en gezondheid" in message

    response = client_for(casusregisseur).post(url("intake:intake_afronden", dossier))
    assert response.status_code == 400
    page = response.content.decode()
    assert "De brede intake kan nog niet worden afgerond." in page
    assert "<title>Fout: " in page
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.LOOPT and intake.afgerond_op is None


@freeze_time("2026-03-20 10:00:00")
def test_afronden_succeeds_once_the_statutory_parts_are_filled(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    client.post(url("intake:brede_intake", dossier))
    intake = BredeIntake.objects.get()
    response = client.post(
        url("intake:intake_wijzigen", dossier),
        intake_data(
            intake,
            lbt_datum="2026-03-12",
            lbt_uitkomst="a2",
            lbt_toetsbegeleider="J. de Vries",
            hoogste_opleiding="basisonderwijs",
            jaren_onderwijs="7",
            gealfabetiseerd="deels",
            persoonlijke_omstandigheden="Woont met partner en twee kinderen.",
            wens="werk",
            vve_informatie_gegeven="on",
            vve_informatie_op="2026-03-12",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "datum gezondheid besproken ontbreekt" in page  # still one thing missing

    intake.refresh_from_db()
    response = client.post(
        url("intake:intake_gezondheid", dossier),
        {"besproken_op": "2026-03-12", "versie": intake.versie},
    )
    assert response.status_code == 302, response.content.decode()

    response = client.post(url("intake:intake_afronden", dossier))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.is_afgerond
    assert intake.afgerond_op == dt.date(2026, 3, 20)
    assert intake.afgerond_door == casusregisseur
    dossier.refresh_from_db()
    assert dossier.status == Status.INTAKE_LOOPT  # the PIP moves it on, not the intake
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Advies: B1-route" in page
    assert "De casusregisseur beslist" in page
    assert "afgeschaald naar A2" in page  # one of the reasons
    assert dossier.gebeurtenissen.filter(
        omschrijving="Brede intake afgerond (advies: B1-route)"
    ).exists()


def test_afronden_succeeds_with_a_reason_for_each_part_not_done(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    services.intake_wijzigen(
        intake=intake,
        data={
            "lbt_reden_niet_afgenomen": "Toets technisch niet afneembaar.",
            "onderwijs_reden_niet_onderzocht": "Geen gegevens te achterhalen.",
            "omstandigheden_reden_niet_onderzocht": "Inburgeraar wilde dit niet.",
        },
        versie=intake.versie,
        acting_user=casusregisseur,
    )
    client = client_for(casusregisseur)
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert page.count("Niet uitgevoerd, met reden") == 3
    assert client.post(url("intake:intake_afronden", dossier)).status_code == 302
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Advies: B1-route" in page and "minder zeker" in page


def test_a_reason_next_to_a_complete_toets_result_is_refused(dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    with pytest.raises(ValidationError) as error:
        services.intake_wijzigen(
            intake=intake,
            data={
                "lbt_datum": dt.date(2026, 3, 1),
                "lbt_uitkomst": "a2",
                "lbt_reden_niet_afgenomen": "Ziek",
            },
            versie=intake.versie,
            acting_user=casusregisseur,
        )
    assert "lbt_reden_niet_afgenomen" in error.value.message_dict
    intake.refresh_from_db()
    assert intake.lbt_uitkomst == ""


def test_a_completed_intake_is_changed_only_after_heropenen(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier, afgerond=True)
    with pytest.raises(ValidationError, match="afgerond"):
        services.intake_wijzigen(
            intake=intake,
            data={"wens": "werk"},
            versie=intake.versie,
            acting_user=casusregisseur,
        )
    client = client_for(casusregisseur)
    response = client.get(url("intake:intake_wijzigen", dossier))
    assert response.status_code == 302
    assert response.url == url("intake:brede_intake", dossier)

    assert client.post(url("intake:intake_heropenen", dossier)).status_code == 302
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.LOOPT and intake.afgerond_op is None
    assert client.get(url("intake:intake_wijzigen", dossier)).status_code == 200


# --- Checklist, gesprekken, werkervaring ------------------------------------------


def test_checklist_findings_are_saved_and_a_part_added_later_appears(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    IntakeOnderdeelSoort.objects.create(
        code="huisvesting", naam="Huisvesting", volgorde=99
    )
    client = client_for(casusregisseur)
    page = client.get(url("intake:intake_onderdelen", dossier)).content.decode()
    assert "Huisvesting" in page and "Gezinssituatie" in page

    response = client.post(
        url("intake:intake_onderdelen", dossier),
        {
            "versie": intake.versie,
            "bevindingen_gezinssituatie": "Partner en twee kinderen (3 en 6).",
            "afgerond_gezinssituatie": "on",
            "bevindingen_huisvesting": "Huurwoning, geen problemen.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    gezin = IntakeOnderdeel.objects.get(intake=intake, soort__code="gezinssituatie")
    assert gezin.afgerond and gezin.bevindingen.startswith("Partner")
    assert IntakeOnderdeel.objects.get(intake=intake, soort__code="huisvesting")
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Overige onderdelen: 1 van 7 afgerond." in page


def test_a_checklist_part_cannot_be_completed_without_findings(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    response = client_for(casusregisseur).post(
        url("intake:intake_onderdelen", dossier),
        {
            "versie": intake.versie,
            "afgerond_kinderopvang": "on",
            "bevindingen_gezinssituatie": "Getypte tekst",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schrijf de bevindingen op" in page
    assert "Getypte tekst" in page
    assert not IntakeOnderdeel.objects.filter(intake=intake).exclude(bevindingen="")


@freeze_time("2026-03-12 10:00:00")
def test_a_gesprek_appears_on_the_timeline_without_its_notes(
    client_for, dossier, casusregisseur
):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_gesprek_toevoegen", dossier),
        {
            "datum": "2026-03-11",
            "soort": "warme_overdracht",
            "coa": "on",
            "tolk": "on",
            "tolk_taal": "Tigrinya",
            "notities": "Vertrouwelijke notitie uit het gesprek.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    dossier_page = client.get(url("monitoring:dossier", dossier)).content.decode()
    assert (
        "Gesprek vastgelegd: Warme overdracht COA op 11 maart 2026 "
        "(met COA, tolk (Tigrinya))" in dossier_page
    )
    assert "Vertrouwelijke notitie" not in dossier_page
    assert Gebeurtenis.objects.filter(soort=GebeurtenisSoort.GESPREK).count() == 1
    intake_page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Vertrouwelijke notitie uit het gesprek." in intake_page


def test_werkervaring_is_added_and_removed(client_for, dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_werkervaring_toevoegen", dossier),
        {"beroep": "Kok", "sector": "Horeca", "jaren": "4,5", "land": "Eritrea"},
    )
    assert response.status_code == 302, response.content.decode()
    werk = Werkervaring.objects.get(intake=intake)
    assert str(werk.jaren) == "4.5"
    assert "Kok" in client.get(url("intake:brede_intake", dossier)).content.decode()

    response = client.post(
        url("intake:intake_werkervaring_verwijderen", dossier, werk.pk)
    )
    assert response.status_code == 302
    assert not Werkervaring.objects.exists()
    assert dossier.gebeurtenissen.filter(
        omschrijving="Werkervaring verwijderd: Kok"
    ).exists()


def test_werkervaring_of_another_dossier_cannot_be_removed(
    client_for, dossier, casusregisseur, zevenaar
):
    BredeIntakeFactory(inburgeraar=dossier)
    ander = WerkervaringFactory(intake__inburgeraar__gemeente=zevenaar)
    response = client_for(casusregisseur).post(
        url("intake:intake_werkervaring_verwijderen", dossier, ander.pk)
    )
    assert response.status_code == 404
    assert Werkervaring.objects.filter(pk=ander.pk).exists()


# --- Optimistic locking and bad input ----------------------------------------------


def test_a_stale_intake_form_is_refused(client_for, dossier, casusregisseur, zevenaar):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    stale = intake_data(intake, lbt_toetsbegeleider="Mijn invoer")
    collega = UserFactory(gemeenten=[zevenaar])
    services.intake_wijzigen(
        intake=intake, data={"wens": "opleiding"}, versie=1, acting_user=collega
    )
    response = client_for(casusregisseur).post(
        url("intake:intake_wijzigen", dossier), stale
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Iemand anders heeft dit dossier gewijzigd" in page
    assert 'value="Mijn invoer"' in page
    intake.refresh_from_db()
    assert intake.lbt_toetsbegeleider == "" and intake.wens == "opleiding"


def test_a_stale_health_form_is_refused(client_for, dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    services.intake_wijzigen(
        intake=intake, data={"wens": "werk"}, versie=1, acting_user=casusregisseur
    )
    response = client_for(casusregisseur).post(
        url("intake:intake_gezondheid", dossier),
        {"besproken_op": "2026-03-12", "versie": 1},
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit dossier gewijzigd" in response.content.decode()
    intake.gezondheid.refresh_from_db()
    assert intake.gezondheid.besproken_op is None


def test_bad_input_gives_a_dutch_message_keeps_what_was_typed_and_changes_nothing(
    client_for, dossier, casusregisseur
):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_wijzigen", dossier),
        intake_data(
            intake,
            jaren_onderwijs="31",
            lbt_datum="31-02-2026",
            lbt_uitkomst="b2_bestaat_niet",
            lbt_toetsbegeleider="Piet Toets",
            vve_informatie_op="2026-03-01",  # a date without "gegeven"
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zorg ervoor dat deze waarde hoogstens 30 is." in page
    assert "Voer een geldige datum in." in page
    assert "Selecteer een geldige keuze" in page
    assert 'value="Piet Toets"' in page and 'value="31"' in page
    assert "<title>Fout: " in page
    # the message is tied to its field
    assert re.search(r'aria-describedby="[^"]*id_jaren_onderwijs_error', page)
    intake.refresh_from_db()
    assert intake.versie == 1 and intake.lbt_toetsbegeleider == ""
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.INTAKE).exists()

    response = client.post(
        url("intake:intake_wijzigen", dossier),
        intake_data(intake, vve_informatie_op="2026-03-01"),
    )
    assert response.status_code == 400
    assert "alleen een datum in als de VVE-informatie is gegeven" in (
        response.content.decode()
    )


@freeze_time("2026-03-12 10:00:00")
def test_bad_gesprek_and_werkervaring_input_is_refused_with_a_message(
    client_for, dossier, casusregisseur
):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    response = client.post(
        url("intake:intake_gesprek_toevoegen", dossier),
        {
            "datum": "2026-03-30",
            "soort": "intakegesprek",
            "tolk": "on",
            "notities": "Mijn",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "in welke taal de tolk" in page
    assert "Een gesprek in de toekomst" in page
    assert ">\nMijn</textarea>" in page

    response = client.post(
        url("intake:intake_werkervaring_toevoegen", dossier),
        {"beroep": "Lasser", "jaren": "veel"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voer een getal in." in page and 'value="Lasser"' in page
    assert not Werkervaring.objects.exists()


# --- Access --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "method"), INTAKE_URLS)
def test_another_gemeentes_casusregisseur_gets_404_and_changes_nothing(
    client_for, dossier, andere_casusregisseur, name, method
):
    BredeIntakeFactory(inburgeraar=dossier)
    response = getattr(client_for(andere_casusregisseur), method)(url(name, dossier))
    assert response.status_code == 404
    assert BredeIntake.objects.get().versie == 1
    assert not dossier.gebeurtenissen.exists()


@pytest.mark.parametrize("persona", ["klantmanager", "beleidsmedewerker"])
@pytest.mark.parametrize(("name", "method"), INTAKE_URLS)
def test_klantmanager_and_beleidsmedewerker_get_403(
    client_for, request, dossier, persona, name, method
):
    BredeIntakeFactory(inburgeraar=dossier, compleet=True)
    client = client_for(request.getfixturevalue(persona))
    response = getattr(client, method)(url(name, dossier))
    assert response.status_code == 403
    assert BredeIntake.objects.get().status == IntakeStatus.LOOPT


def test_functioneel_beheerder_works_with_the_intake_of_own_gemeente(
    client_for, dossier, functioneel_beheerder
):
    client = client_for(functioneel_beheerder)
    assert client.post(url("intake:brede_intake", dossier)).status_code == 302
    assert client.get(url("intake:intake_gezondheid", dossier)).status_code == 200


def test_action_urls_refuse_get(client_for, dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    assert client.get(url("intake:intake_afronden", dossier)).status_code == 405
    assert client.get(url("intake:intake_heropenen", dossier)).status_code == 405


def test_anonymous_is_sent_to_login(client, dossier):
    response = client.get(url("intake:brede_intake", dossier))
    assert response.status_code == 302 and response.url.startswith("/inloggen/")


def test_viewing_the_intake_is_logged(client_for, dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    client_for(casusregisseur).get(url("intake:brede_intake", dossier))
    row = Verwerking.objects.get(actie=Actie.RAADPLEGEN, handeling="Brede intake")
    assert row.object_id == str(dossier.pk) and row.actor == casusregisseur
    assert "persoonlijke_omstandigheden" in row.soorten_gegevens


def test_the_timeline_never_carries_intake_texts(dossier, casusregisseur):
    intake = BredeIntakeFactory(inburgeraar=dossier)
    services.intake_wijzigen(
        intake=intake,
        data={
            "persoonlijke_omstandigheden": "TIJDLIJN-CANARY zorgt voor moeder",
            "lbt_uitkomst": "a2",
        },
        versie=1,
        acting_user=casusregisseur,
    )
    event = dossier.gebeurtenissen.get()
    assert "Persoonlijke omstandigheden" in event.omschrijving
    assert "TIJDLIJN-CANARY" not in str(event.omschrijving) + str(event.wijzigingen)
    assert {
        "veld": "Uitkomst leerbaarheidstoets",
        "oud": "—",
        "nieuw": "A2 haalbaar",
    } in event.wijzigingen


# --- Functioneel beheer: the checklist in the admin ----------------------------------


def test_functioneel_beheer_maintains_the_checklist_in_the_admin(
    client_for, functioneel_beheerder, casusregisseur
):
    client = client_for(functioneel_beheerder)
    assert client.get("/beheer/intake/intakeonderdeelsoort/").status_code == 200
    response = client.post(
        "/beheer/intake/intakeonderdeelsoort/add/",
        {"code": "huisvesting", "naam": "Huisvesting", "volgorde": 70, "actief": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IntakeOnderdeelSoort.objects.filter(code="huisvesting").exists()
    # The rest of the intake app stays out of the admin.
    assert client.get("/beheer/intake/inburgeraar/").status_code == 404
    assert client.get("/beheer/intake/bredeintake/").status_code == 404
    assert client.get("/beheer/intake/intakegezondheid/").status_code == 404
    assert (
        client_for(casusregisseur)
        .get("/beheer/intake/intakeonderdeelsoort/")
        .status_code
        == 302
    )


def test_an_inactive_checklist_part_is_left_out_of_new_intakes(dossier, casusregisseur):
    IntakeOnderdeelSoort.objects.filter(code="kinderopvang").update(actief=False)
    intake = services.intake_starten(inburgeraar=dossier, acting_user=casusregisseur)
    assert "kinderopvang" not in intake.onderdelen.values_list("soort__code", flat=True)


# --- Performance ---------------------------------------------------------------------


def test_the_intake_page_does_a_fixed_number_of_queries(
    client_for, dossier, casusregisseur, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    intake = BredeIntakeFactory(inburgeraar=dossier, afgerond=True)
    client = client_for(casusregisseur)
    page_url = url("intake:brede_intake", dossier)

    def add(n):
        GesprekFactory.create_batch(n, intake=intake)
        WerkervaringFactory.create_batch(n, intake=intake)

    add(2)
    client.get(page_url)  # registers the verwerkingsactiviteit
    with CaptureQueriesContext(connection) as with_2:
        assert client.get(page_url).status_code == 200
    add(18)
    with django_assert_max_num_queries(len(with_2)):
        page = client.get(page_url)
    assert page.content.decode().count("Kennismaking en uitleg") == 20
    assert len(with_2) <= 25
