"""The letters page of the werkvoorraad (issue 20 item 5): from the selection to
the letters and the bundle to print. The service: tests/pip_plans/test_uitnodigingen.py."""

import datetime as dt

from django.urls import reverse

import pytest
from freezegun import freeze_time

from pip_plans.models import Brief, BriefSoort, Brievenbundel
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen.models import Verwerking

VANDAAG = "2026-03-05 10:00:00"
MAKEN = reverse("monitoring:brieven_maken")
INVOER = {
    "soort": BriefSoort.UITNODIGING_INTAKE,
    "afspraak_datum": "2026-03-19",
    "afspraak_tijd": "10:30",
    "afspraak_plaats": "Gemeentehuis Zevenaar, Raadhuisplein 1",
    "verzenddatum": "2026-03-06",
    "maken": "1",
}


def met_adres(n, gemeente, casusregisseur):
    return InburgeraarFactory.create_batch(
        n, gemeente=gemeente, casusregisseur=casusregisseur, met_adres=True
    )


@pytest.fixture
def drie(zevenaar, casusregisseur):
    return met_adres(3, zevenaar, casusregisseur)


def ids(dossiers):
    return [str(d.pk) for d in dossiers]


def test_anonymous_goes_to_login(client):
    assert client.get(MAKEN).status_code == 302


def test_rsd_klantmanager_is_refused(client_for, klantmanager):
    assert client_for(klantmanager).get(MAKEN).status_code == 403


def test_the_werkvoorraad_offers_letters_for_the_selection(client_for, casusregisseur):
    page = client_for(casusregisseur).get(reverse("monitoring:werkvoorraad"))
    assert f'formaction="{MAKEN}"' in page.content.decode()


@freeze_time(VANDAAG)
def test_the_selection_opens_the_form_with_the_names(client_for, casusregisseur, drie):
    client = client_for(casusregisseur)
    for response in (
        client.get(MAKEN, {"dossiers": ids(drie)}),
        # The werkvoorraad's form posts its selection (and its own fields).
        client.post(MAKEN, {"dossiers": ids(drie), "casusregisseur": ""}),
    ):
        assert response.status_code == 200
        body = response.content.decode()
        for d in drie:
            assert d.naam in body and f'value="{d.pk}"' in body
        assert "Uitnodiging brede intake" in body
    assert not Brief.objects.exists()
    assert Verwerking.objects.filter(handeling="Brieven maken").count() == 6


@freeze_time(VANDAAG)
def test_a_dossier_out_of_scope_is_refused_on_the_form(
    client_for, casusregisseur, drie, dossier_duiven
):
    client = client_for(casusregisseur)
    keuze = [*ids(drie), str(dossier_duiven.pk)]
    for response in (
        client.get(MAKEN, {"dossiers": keuze}),
        client.post(MAKEN, {**INVOER, "dossiers": keuze}),
    ):
        assert response.status_code == 400
        body = response.content.decode()
        assert "niet van u" in body and dossier_duiven.achternaam not in body
    assert not Brief.objects.exists()


@freeze_time(VANDAAG)
@pytest.mark.parametrize(
    "anders, melding",
    [
        ({"verzenddatum": ""}, "Vul de verzenddatum in."),
        ({"verzenddatum": "2026-03-04"}, "niet worden verzonden vóór de dagtekening"),
        ({"afspraak_plaats": ""}, "Vul de plaats van de afspraak in."),
        ({"afspraak_datum": "2026-03-06"}, "na de verzenddatum"),
        ({"afspraak_datum": "19-19-2026"}, "Voer een geldige datum in."),
        ({"dossiers": []}, "Kies eerst een of meer dossiers in de werkvoorraad."),
        ({"dossiers": ["geen-uuid"]}, "geen geldige UUID"),
    ],
    ids=[
        "geen-verzenddatum",
        "te-vroeg",
        "geen-plaats",
        "afspraak-te-vroeg",
        "datum-onzin",
        "geen-dossiers",
        "geen-uuid",
    ],
)
def test_bad_input_is_a_dutch_message_and_keeps_what_was_typed(
    client_for, casusregisseur, drie, anders, melding
):
    response = client_for(casusregisseur).post(
        MAKEN, {**INVOER, "dossiers": ids(drie), **anders}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert melding in body and "Er zijn geen brieven gemaakt." in body
    if "afspraak_plaats" not in anders:
        assert 'value="Gemeentehuis Zevenaar, Raadhuisplein 1"' in body
    assert not Brief.objects.exists() and not Brievenbundel.objects.exists()


@freeze_time(VANDAAG)
def test_more_than_a_hundred_dossiers_are_refused(client_for, casusregisseur, zevenaar):
    veel = met_adres(101, zevenaar, casusregisseur)
    response = client_for(casusregisseur).post(MAKEN, {**INVOER, "dossiers": ids(veel)})
    assert response.status_code == 400
    assert "ten hoogste 100 brieven" in response.content.decode()
    assert not Brief.objects.exists()


def test_wrong_method_is_405(client_for, casusregisseur):
    assert client_for(casusregisseur).put(MAKEN).status_code == 405


@freeze_time(VANDAAG)
def test_the_form_page_asks_as_many_queries_for_ten_dossiers_as_for_one(
    client_for, casusregisseur, zevenaar, django_assert_max_num_queries
):
    client = client_for(casusregisseur)
    een = ids(met_adres(1, zevenaar, casusregisseur))
    tien = ids(met_adres(10, zevenaar, casusregisseur))
    fout = {**INVOER, "verzenddatum": ""}
    with django_assert_max_num_queries(100) as weinig_get:
        assert client.get(MAKEN, {"dossiers": een}).status_code == 200
    with django_assert_max_num_queries(100) as weinig_post:
        assert client.post(MAKEN, {**fout, "dossiers": een}).status_code == 400
    with django_assert_max_num_queries(len(weinig_get.captured_queries)):
        assert client.get(MAKEN, {"dossiers": tien}).status_code == 200
    with django_assert_max_num_queries(len(weinig_post.captured_queries)):
        assert client.post(MAKEN, {**fout, "dossiers": tien}).status_code == 400


@pytest.mark.pdf
@freeze_time(VANDAAG)
def test_letters_are_made_and_the_bundle_downloads(
    client_for,
    casusregisseur,
    drie,
    andere_casusregisseur,
    django_assert_max_num_queries,
):
    client = client_for(casusregisseur)
    response = client.post(MAKEN, {**INVOER, "dossiers": ids(drie)})
    bundel = Brievenbundel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:brievenbundel", args=[bundel.pk])
    brieven = Brief.objects.filter(bundel=bundel)
    assert brieven.count() == 3
    assert {b.verzenddatum for b in brieven} == {dt.date(2026, 3, 6)}

    with django_assert_max_num_queries(16):
        page = client.get(response["Location"])
    body = page.content.decode()
    for brief in brieven:
        assert reverse("pip_plans:brief_pdf", args=[brief.pk]) in body
        assert brief.inburgeraar.naam in body
    # Each letter is on its own dossier's page too.
    brief = brieven.first()
    dossierpagina = client.get(
        reverse("monitoring:dossier", args=[brief.inburgeraar_id])
    ).content.decode()
    assert reverse("pip_plans:brief_pdf", args=[brief.pk]) in dossierpagina
    assert "verzonden op 6 maart 2026" in dossierpagina
    pdf_url = reverse("monitoring:brievenbundel_pdf", args=[bundel.pk])
    assert pdf_url in body and "Alles afdrukken (PDF)" in body

    download = client.get(pdf_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]
    assert download["X-Robots-Tag"] == "noindex"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        Verwerking.objects.filter(actie_naam__contains="PDF met meer brieven").count()
        == 3
    )

    # Another gemeente's casusregisseur sees neither the page nor the bundle.
    client.logout()
    ander = client_for(andere_casusregisseur)
    assert ander.get(response["Location"]).status_code == 404
    assert ander.get(pdf_url).status_code == 404
