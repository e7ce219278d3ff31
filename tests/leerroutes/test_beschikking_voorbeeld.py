"""See before it is final (issue 20 item 4): the PIP page shows the beschikking as
it will be sent, marked CONCEPT with the free texts highlighted, without storing
anything; vaststellen asks that it was seen."""

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from pip_plans.models import Beschikking, Pip, PipStatus
from tests.factories.intake import klaar_voor_pip
from tests.factories.pip_plans import complete_pip_data
from tests.project.test_pdf import pdf_text
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

ZIN_OVER_HAAR = "Mevrouw is 32 jaar en leert snel."


@pytest.fixture
def concept(client_for, dossier, casusregisseur):
    klaar_voor_pip(dossier, casusregisseur)
    client = client_for(casusregisseur)
    client.post(reverse("pip_plans:pip_opstellen", args=[dossier.pk]))
    return client, Pip.objects.get()


def formulier(pip, **changes) -> dict:
    data = {
        k: ("on" if v is True else v)
        for k, v in complete_pip_data().items()
        if v not in (None, False)
    }
    return {**data, "bewerkversie": pip.bewerkversie, **changes}


@pytest.mark.pdf
def test_the_voorbeeld_is_the_letter_marked_concept_and_stores_nothing(
    concept, dossier
):
    client, pip = concept
    versie = pip.bewerkversie
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier.pk, pip.pk]),
        formulier(pip, ondersteuning=ZIN_OVER_HAAR, actie="voorbeeld"),
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    tekst = " ".join(pdf_text(response.content).split())
    assert "CONCEPT: een voorbeeld, geen besluit" in tekst
    assert ZIN_OVER_HAAR in tekst  # what the form says now, not what was saved
    assert dossier.gemeente.bezwaaradres in tekst
    # Nothing saved or stored: not the concept, not a beschikking.
    pip.refresh_from_db()
    assert (pip.status, pip.bewerkversie) == (PipStatus.CONCEPT, versie)
    assert pip.ondersteuning != ZIN_OVER_HAAR
    assert not Beschikking.objects.exists()
    assert Verwerking.objects.filter(handeling="Voorbeeld beschikking PIP").exists()


def test_the_free_texts_are_marked_only_in_the_voorbeeld(dossier, casusregisseur):
    pip = Pip(
        inburgeraar=dossier, versie=1, **complete_pip_data(ondersteuning="<b>Hulp</b>")
    )
    context = {"pip": pip, "inburgeraar": dossier, "gemeente": dossier.gemeente}
    voorbeeld = render_to_string(
        "pip_plans/pdf/beschikking_inhoud.html", {**context, "concept": True}
    )
    assert '<mark class="vrije-tekst">&lt;b&gt;Hulp&lt;/b&gt;</mark>' in voorbeeld
    assert (
        voorbeeld.count('class="vrije-tekst"') >= 3
    )  # and the rejected routes' reasons
    echt = render_to_string(
        "pip_plans/pdf/beschikking_inhoud.html", {**context, "concept": False}
    )
    assert "vrije-tekst" not in echt
    assert "&lt;b&gt;Hulp&lt;/b&gt;" in echt


def test_vaststellen_asks_that_the_voorbeeld_was_seen(concept, dossier):
    client, pip = concept
    url = reverse("leerroutes:pip_bewerken", args=[dossier.pk, pip.pk])
    response = client.post(url, formulier(pip, actie="vaststellen"))
    assert response.status_code == 400
    assert "Bekijk eerst het voorbeeld van de brief" in response.content.decode()
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.exists()
