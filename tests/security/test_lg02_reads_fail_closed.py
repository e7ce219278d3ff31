"""LG-02 for reads: a page, a listing, a PDF or a CSV export whose view cannot be logged
is not shown; the user sees the Dutch error page and no personal data.
"""

from django.urls import reverse

import pytest

from tests.factories.intake import klaar_voor_pip
from tests.factories.pip_plans import pip_vaststellen
from tests.security.failing_log import assert_error_page, log_write_fails
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

# --- Reads: no log row, no page -------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["monitoring:dossier", "intake:dossier_wijzigen", "pip_plans:pip"]
)
def test_lg02_a_dossier_page_is_not_shown_when_its_view_cannot_be_logged(
    casus_client, dossier, url_name
):
    url = reverse(url_name, args=[dossier.pk])
    with log_write_fails() as attempted:
        response = casus_client.get(url)
    assert attempted and attempted[0].actie == Actie.RAADPLEGEN
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()
    assert not Verwerking.objects.exists()

    response = casus_client.get(url)
    assert response.status_code == 200
    assert dossier.achternaam in response.content.decode()
    assert Verwerking.objects.filter(actie=Actie.RAADPLEGEN).count() == 1


def test_lg02_the_werkvoorraad_is_not_shown_when_the_listing_cannot_be_logged(
    casus_client, dossier
):
    with log_write_fails() as attempted:
        response = casus_client.get(reverse("monitoring:werkvoorraad"))
    assert [row.object_id for row in attempted] == [str(dossier.pk)]
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()


@pytest.mark.pdf
def test_lg02_a_beschikking_pdf_is_not_served_when_the_download_cannot_be_logged(
    casus_client, dossier, casusregisseur
):
    klaar_voor_pip(dossier, casusregisseur)
    beschikking = pip_vaststellen(dossier, casusregisseur)
    url = reverse("pip_plans:beschikking_pdf", args=[beschikking.pk])
    with log_write_fails() as attempted:
        response = casus_client.get(url)
    assert attempted
    assert_error_page(response)
    assert response["Content-Type"].startswith("text/html")

    response = casus_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_lg02_a_csv_export_is_not_served_when_it_cannot_be_logged(
    casus_client, dossier
):
    with log_write_fails() as attempted:
        response = casus_client.get(reverse("monitoring:werkvoorraad_export"))
    assert attempted and attempted[0].actie == Actie.EXPORTEREN
    assert_error_page(response)
    assert dossier.achternaam not in response.content.decode()
