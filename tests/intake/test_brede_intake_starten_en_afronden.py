"""The brede intake: starting it (the checklist, the dossier status, one current intake),
filling and completing it, and heropenen.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest
from freezegun import freeze_time

from intake.models import BredeIntake, IntakeOnderdeelSoort, IntakeStatus, Status
from intake.services import brede_intake as services
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.intake import BredeIntakeFactory
from tests.intake.brede_intake_helpers import intake_data, url
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


def test_what_is_missing_reads_as_a_dutch_sentence(dossier):
    """ "datum en uitkomst ontbreken", not "datum, uitkomst ontbreekt"."""
    intake = BredeIntakeFactory(inburgeraar=dossier)
    toelichting = {o.code: o.toelichting for o in intake.wettelijke_onderdelen()}
    assert toelichting["leerbaarheidstoets"].startswith("datum en uitkomst ontbreken; ")
    assert toelichting["onderwijs"].startswith(
        "hoogste opleiding, jaren onderwijs en alfabetisering ontbreken; "
    )
    intake.lbt_datum = dt.date(2026, 3, 12)
    toelichting = {o.code: o.toelichting for o in intake.wettelijke_onderdelen()}
    assert toelichting["leerbaarheidstoets"].startswith("uitkomst ontbreekt; ")


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
    # The header and the werkvoorraad read the dossier status: it follows the intake.
    assert dossier.status == Status.INTAKE_AFGEROND
    assert dossier.gebeurtenissen.get(
        omschrijving__startswith="Brede intake afgerond"
    ).wijzigingen == [
        {"veld": "Status", "oud": "Intake loopt", "nieuw": "Intake afgerond"}
    ]
    page = client.get(url("intake:brede_intake", dossier)).content.decode()
    assert "Intake loopt" not in page
    assert "Volgende stap:</strong> stel het PIP op" in page
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


@pytest.mark.parametrize(
    ("status_voor", "status_na"),
    [
        # A dossier in its intake phase follows the intake back ...
        (Status.INTAKE_AFGEROND, Status.INTAKE_LOOPT),
        # ... a dossier with a PIP keeps its status: the PIP moves it, not the intake.
        (Status.PIP_CONCEPT, Status.PIP_CONCEPT),
    ],
)
def test_heropenen_moves_the_dossier_status_only_in_the_intake_phase(
    client_for, dossier, casusregisseur, status_voor, status_na
):
    dossier.status = status_voor
    dossier.save(update_fields=["status"])
    BredeIntakeFactory(inburgeraar=dossier, afgerond=True)
    client = client_for(casusregisseur)
    assert client.post(url("intake:intake_heropenen", dossier)).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == status_na
