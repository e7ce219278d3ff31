"""AC-04: no health or trauma data for RSD klantmanagers, anywhere. Health data is
shown only to GEZONDHEID_ROLES, and every page that shows it logs "gezondheid".
The klantmanager's crawl of every page, PDF and link is test_ac04_every_page.py."""

import subprocess

from django.urls import reverse

import pytest

from intake.models import IntakeGezondheid
from intake.services import brede_intake as services
from tests.factories.intake import BredeIntakeFactory, GesprekFactory
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

CANARY = "GEZONDHEID-CANARY-7f3a"
GEZONDHEID_TEKSTEN = [
    "fysieke_gezondheid",
    "mentale_gezondheid",
    "trauma",
    "zorg_en_behandeling",
    "belemmeringen_voor_inburgering",
]


@pytest.fixture
def intake_met_canary(dossier, casusregisseur):
    """A running intake with the canary in every health text field and in the
    persoonlijke omstandigheden, written through the services (so the timeline
    and the log have their rows too)."""
    intake = BredeIntakeFactory(inburgeraar=dossier, compleet=True)
    intake = services.intake_wijzigen(
        intake=intake,
        data={"persoonlijke_omstandigheden": f"{CANARY} omstandigheden"},
        versie=intake.versie,
        acting_user=casusregisseur,
    )
    services.intake_gezondheid_vastleggen(
        intake=intake,
        data={name: f"{CANARY} {name}" for name in GEZONDHEID_TEKSTEN},
        versie=intake.versie,
        acting_user=casusregisseur,
    )
    GesprekFactory(intake=intake)
    return intake


def body_text(response) -> str:
    """The response as text; a PDF converted to text first."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        content = subprocess.run(
            ["/usr/bin/pdftotext", "-", "-"],
            input=content,
            capture_output=True,
            check=True,
        ).stdout
    return content.decode("utf-8", errors="replace")


def test_ac04_health_is_visible_only_through_the_policy_queryset(
    intake_met_canary,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    andere_klantmanager,
    beleidsmedewerker,
    functioneel_beheerder,
):
    gezondheid = intake_met_canary.gezondheid

    def visible(user):
        return set(IntakeGezondheid.objects.visible_to(user))

    assert visible(casusregisseur) == {gezondheid}
    assert visible(functioneel_beheerder) == {gezondheid}
    assert visible(andere_casusregisseur) == set()
    assert visible(klantmanager) == set()
    assert visible(andere_klantmanager) == set()
    assert visible(beleidsmedewerker) == set()
    casusregisseur.is_active = False
    casusregisseur.save()
    assert visible(casusregisseur) == set()


def test_ac04_casusregisseur_sees_health_on_its_page_and_the_view_is_logged(
    client_for, dossier, casusregisseur, intake_met_canary
):
    response = client_for(casusregisseur).get(
        reverse("intake:intake_gezondheid", args=[dossier.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{CANARY} trauma" in page
    assert "Bijzondere persoonsgegevens" in page
    row = Verwerking.objects.filter(actie=Actie.RAADPLEGEN).get()
    assert row.actor == casusregisseur
    assert row.object_id == str(dossier.pk)
    assert "gezondheid" in row.soorten_gegevens


def test_ac04_functioneel_beheerder_viewing_the_intake_logs_gezondheid(
    client_for, dossier, functioneel_beheerder, intake_met_canary
):
    response = client_for(functioneel_beheerder).get(
        reverse("intake:brede_intake", args=[dossier.pk])
    )
    page = response.content.decode()
    assert f"{CANARY} mentale_gezondheid" in page
    assert "Bijzondere persoonsgegevens" in page
    row = Verwerking.objects.filter(actie=Actie.RAADPLEGEN).get()
    assert row.actor == functioneel_beheerder
    assert "gezondheid" in row.soorten_gegevens


def test_ac04_changing_health_is_logged_as_gezondheid(intake_met_canary):
    row = Verwerking.objects.get(
        actie=Actie.WIJZIGEN, actie_naam="Gezondheid in de brede intake gewijzigd"
    )
    assert "gezondheid" in row.soorten_gegevens


def test_ac04_pages_without_health_data_do_not_log_gezondheid(
    client_for, dossier, casusregisseur, intake_met_canary
):
    client = client_for(casusregisseur)
    for name in ("intake:intake_wijzigen", "monitoring:dossier"):
        before = set(Verwerking.objects.values_list("pk", flat=True))
        page = client.get(reverse(name, args=[dossier.pk])).content.decode()
        for field in GEZONDHEID_TEKSTEN:
            assert f"{CANARY} {field}" not in page, (name, field)
        new = Verwerking.objects.exclude(pk__in=before)
        assert new.exists()
        assert all("gezondheid" not in row.soorten_gegevens for row in new), name


def test_ac04_the_timeline_does_not_carry_health_data(dossier, intake_met_canary):
    for event in dossier.gebeurtenissen.all():
        assert CANARY not in event.omschrijving + str(event.wijzigingen)
    assert dossier.gebeurtenissen.filter(
        omschrijving="Gezondheid in de brede intake bijgewerkt"
    ).exists()
