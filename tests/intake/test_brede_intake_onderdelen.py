"""The brede intake's parts: the checklist (and functioneel beheer maintaining it in the
admin), gesprekken and werkervaring.
"""

import pytest
from freezegun import freeze_time

from intake.models import (
    Gebeurtenis,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    Werkervaring,
)
from intake.services import brede_intake as services
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.intake import BredeIntakeFactory, WerkervaringFactory
from tests.intake.brede_intake_helpers import url

pytestmark = pytest.mark.django_db

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
