"""The PIP pages: the PDF download checks permission, refused input is shown on the
form with the concept kept, the flow through the views, and a fixed number of queries."""

from django.urls import reverse

import pytest

from pip_plans.models import Beschikking, Pip, PipStatus
from pip_plans.services import pip as pip_services
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen

pytestmark = pytest.mark.django_db


@pytest.mark.pdf
def test_pdf_download_is_permission_checked(
    client_for, dossier_klaar, casusregisseur, andere_casusregisseur, klantmanager
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    url = reverse("pip_plans:beschikking_pdf", args=[beschikking.pk])
    response = client_for(casusregisseur).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(andere_casusregisseur).get(url).status_code == 404
    assert client_for(klantmanager).get(url).status_code == 403
    # there is no public URL for stored documents
    assert (
        client_for(casusregisseur).get("/media/" + beschikking.pdf).status_code == 404
    )


def test_missing_rejected_route_reason_is_shown_on_the_form_and_the_concept_kept(
    client_for, dossier_klaar, casusregisseur
):
    client = client_for(casusregisseur)
    client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    data = {k: v for k, v in complete_pip_data().items() if v is not None}
    data.update(
        reden_afwijzing_z="",
        bewerkversie=pip.bewerkversie,
        voorbeeld_gezien=True,
        actie="vaststellen",
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Leg uit waarom de Z-route niet is gekozen" in page
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert pip.ondersteuning == data["ondersteuning"]  # the concept was saved


def test_map_in_the_onderwijsroute_is_refused_on_the_form(
    client_for, dossier_klaar, casusregisseur
):
    client = client_for(casusregisseur)
    client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]),
        {
            "leerroute": "onderwijs",
            "map_uren": "40",
            "pvt_uren": "12",
            "knm_vorm": "examen",
            "bewerkversie": pip.bewerkversie,
            "actie": "opslaan",
        },
    )
    assert response.status_code == 400
    assert "geen MAP" in response.content.decode()
    pip.refresh_from_db()
    assert pip.map_uren is None


@pytest.mark.pdf
def test_browser_flow_through_the_views(client_for, dossier_klaar, casusregisseur):
    client = client_for(casusregisseur)
    assert (
        client.get(reverse("pip_plans:pip", args=[dossier_klaar.pk])).status_code == 200
    )
    response = client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    assert response.url == reverse(
        "leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]
    )
    data = {
        k: ("on" if v is True else v)
        for k, v in complete_pip_data().items()
        if v not in (None, False)
    }
    data.update(
        bewerkversie=pip.bewerkversie, voorbeeld_gezien="on", actie="vaststellen"
    )
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]), data
    )
    beschikking = Beschikking.objects.get()
    assert response.url == reverse("pip_plans:beschikking", args=[beschikking.pk])
    page = client.get(response.url).content.decode()
    assert beschikking.kenmerk in page


@pytest.mark.pdf
def test_beschikking_page_speaks_plainly(client_for, dossier_klaar, casusregisseur):
    """No "SHA-256" in sight: the controlegetal is for an auditor, folded away under
    Technische gegevens and explained; the reden keeps "PIP" in capitals."""
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    page = (
        client_for(casusregisseur)
        .get(reverse("pip_plans:beschikking", args=[beschikking.pk]))
        .content.decode()
    )
    assert "SHA" not in page
    assert "PIP versie 1 (eerste PIP)" in page
    technisch = page.split("<details", 1)[1].split("</details>", 1)[0]
    assert "<summary>Technische gegevens</summary>" in technisch
    assert "niet is gewijzigd" in technisch and beschikking.sha256 in technisch
    assert page.count(beschikking.sha256) == 1


@pytest.mark.pdf
def test_pip_page_keeps_a_fixed_number_of_queries(
    client_for, dossier_klaar, casusregisseur, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(casusregisseur)
    url = reverse("pip_plans:pip", args=[dossier_klaar.pk])
    pip_vaststellen(dossier_klaar, casusregisseur)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        concept = pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="overig",
            toelichting="",
            acting_user=casusregisseur,
        )
        pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)
