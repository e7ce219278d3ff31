"""The Documenten tab of a dossier (issue 20 item 3) over HTTP: the list and the
upload, a document linked to a handhavingszaak, a bezwaar or an intake part and
shown there, bad input answered on the form with nothing stored, the download with
the headers of SECURITY AC-08, the verwerkingenlog, a fixed number of queries."""

import datetime as dt
import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from freezegun import freeze_time
from PIL import Image

from intake.models import Document, DocumentSoort, Gebeurtenis
from intake.tijdlijn import GebeurtenisSoort
from pip_plans.services.documenten import document_toevoegen_aan_dossier
from tests.factories.intake import (
    BredeIntakeFactory,
    InburgeraarFactory,
    document,
    pdf_met_tekst,
)
from tests.factories.pip_plans import BezwaarFactory
from tests.pip_plans.handhaving_views.helpers import detail, zaak_voor
from tests.pip_plans.http import doorgestuurd
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 4, 15)
DATUM = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def vandaag():
    with freeze_time("2026-04-15 10:00:00+02:00"):
        yield


def tab(dossier) -> str:
    return reverse("pip_plans:documenten", args=[dossier.pk])


def download(doc) -> str:
    return reverse("intake:document", args=[doc.pk])


def pdf_upload(naam="diploma.pdf", tekst="Diploma MBO niveau 2"):
    return SimpleUploadedFile(
        naam, pdf_met_tekst(tekst), content_type="application/pdf"
    )


def png_upload(naam="scan.png"):
    uit = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(uit, "PNG")
    return SimpleUploadedFile(naam, uit.getvalue(), content_type="image/png")


def upload(**velden) -> dict:
    """The upload form as the browser posts it: a diploma of 1 March 2026."""
    return {
        "bestand": pdf_upload(),
        "soort": "diploma",
        "datum": DATUM.isoformat(),
        "hoort_bij": "",
        "notitie": "",
        **velden,
    }


def opgeslagen_bestanden() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def niets_opgeslagen():
    assert not Document.objects.exists()
    assert opgeslagen_bestanden() == []
    assert not Gebeurtenis.objects.filter(soort=GebeurtenisSoort.DOCUMENT).exists()
    assert not Verwerking.objects.filter(actie=Actie.AANMAKEN).exists()


# --- The tab ---------------------------------------------------------------------------


def test_the_tab_lists_the_documents_and_shows_the_form(
    client_for, dossier, casusregisseur
):
    document(dossier, casusregisseur, notitie="Gewaarmerkte kopie")
    client = client_for(casusregisseur)
    response = client.get(tab(dossier))
    assert response.status_code == 200
    page = response.content.decode()
    doc = Document.objects.get()
    assert "Documenten in het dossier" in page
    assert f'href="{download(doc)}"' in page
    assert "diploma.pdf" in page
    assert "Gewaarmerkte kopie" in page
    assert "1 maart 2026" in page
    assert "het dossier" in page  # belongs to nothing in particular
    # The form
    assert "Document toevoegen" in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="bestand"' in page
    assert 'name="soort"' in page
    assert 'name="hoort_bij"' in page
    assert "Het dossier als geheel" in page
    rij = Verwerking.objects.get(actie_naam="Documenten bekeken")
    assert rij.actie == Actie.RAADPLEGEN
    assert rij.object_id == str(dossier.pk)
    assert rij.actor == casusregisseur
    assert "gezondheid" not in rij.soorten_gegevens


def test_the_tab_says_when_there_are_no_documents(client_for, dossier, casusregisseur):
    page = client_for(casusregisseur).get(tab(dossier)).content.decode()
    assert "Er zijn nog geen documenten in dit dossier." in page


def test_the_view_is_logged_with_gezondheid_when_a_medical_document_is_shown(
    client_for, dossier, casusregisseur
):
    document(dossier, casusregisseur, soort=DocumentSoort.MEDISCHE_VERKLARING)
    page = client_for(casusregisseur).get(tab(dossier)).content.decode()
    assert "Medische verklaring" in page
    assert '<span class="badge text-bg-warning">gezondheid</span>' in page
    rij = Verwerking.objects.get(actie_naam="Documenten bekeken")
    assert "gezondheid" in rij.soorten_gegevens


def test_the_dossier_tabs_include_documenten(client_for, dossier, casusregisseur):
    client = client_for(casusregisseur)
    link = f'href="{tab(dossier)}">Documenten</a>'
    page = client.get(tab(dossier)).content.decode()
    assert 'class="nav-link active" aria-current="page" ' + link in page
    overzicht = client.get(reverse("monitoring:dossier", args=[dossier.pk]))
    assert link in overzicht.content.decode()


@pytest.mark.parametrize("persona", ["klantmanager", "beleidsmedewerker"])
def test_klantmanager_and_beleidsmedewerker_get_403(
    client_for, request, dossier, persona
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(tab(dossier)).status_code == 403
    assert client.post(tab(dossier), upload()).status_code == 403
    niets_opgeslagen()


def test_another_gemeentes_casusregisseur_gets_404_and_stores_nothing(
    client_for, dossier, andere_casusregisseur
):
    client = client_for(andere_casusregisseur)
    assert client.get(tab(dossier)).status_code == 404
    assert client.post(tab(dossier), upload()).status_code == 404
    niets_opgeslagen()


# --- Upload ------------------------------------------------------------------------------


def test_upload_linked_to_a_handhavingszaak(client_for, dossier, casusregisseur):
    zaak = zaak_voor(dossier, casusregisseur)
    client = client_for(casusregisseur)
    assert f'value="zaak:{zaak.pk}"' in client.get(tab(dossier)).content.decode()

    response = doorgestuurd(
        client,
        tab(dossier),
        upload(
            bestand=pdf_upload("bezwaar-scan.pdf", "Uitnodiging PVT"),
            soort="overig",
            hoort_bij=f"zaak:{zaak.pk}",
            notitie="Uitnodiging die niet aankwam",
        ),
    )
    assert response["Location"] == tab(dossier)
    doc = Document.objects.get()
    assert list(zaak.documenten.all()) == [doc]
    assert doc.intake_onderdeel == ""
    assert doc.soort == "overig"
    assert doc.notitie == "Uitnodiging die niet aankwam"
    assert doc.toegevoegd_door == casusregisseur

    page = client.get(tab(dossier)).content.decode()
    assert "Het document is toegevoegd aan het dossier." in page
    assert f"{zaak.get_overtreding_display()}, overtreding van 2 februari 2026" in page
    zaakpagina = client.get(detail(zaak)).content.decode()
    assert "Documenten bij deze zaak" in zaakpagina
    assert f'href="{download(doc)}"' in zaakpagina
    assert "Overig van 1 maart 2026" in zaakpagina


def test_upload_linked_to_an_intake_part(client_for, dossier, casusregisseur):
    BredeIntakeFactory(inburgeraar=dossier)
    client = client_for(casusregisseur)
    doorgestuurd(
        client,
        tab(dossier),
        upload(bestand=png_upload("diploma.png"), hoort_bij="intake:onderwijs"),
    )
    doc = Document.objects.get()
    assert doc.intake_onderdeel == "onderwijs"
    assert doc.inhoudstype == "image/png"
    assert not doc.handhavingszaken.exists()

    tabpagina = client.get(tab(dossier)).content.decode()
    assert "Opleiding en werkervaring" in tabpagina
    intake = client.get(reverse("intake:brede_intake", args=[dossier.pk]))
    page = intake.content.decode()
    assert "Documenten bij de intake" in page
    assert "Opleiding en werkervaring: " in page
    assert f'href="{download(doc)}"' in page
    assert "Diploma van 1 maart 2026" in page


def test_the_intake_page_lists_a_coa_profile_under_its_part(
    client_for, dossier, casusregisseur
):
    """A health kind, shown to the casusregisseur (GEZONDHEID_ROLES)."""
    BredeIntakeFactory(inburgeraar=dossier)
    document(
        dossier,
        casusregisseur,
        soort=DocumentSoort.COA_PROFIEL,
        intake_onderdeel="omstandigheden",
    )
    page = (
        client_for(casusregisseur)
        .get(reverse("intake:brede_intake", args=[dossier.pk]))
        .content.decode()
    )
    assert "Persoonlijke omstandigheden en gezondheid: " in page
    assert "COA-profiel van 1 maart 2026" in page


def test_upload_linked_to_a_bezwaar(client_for, dossier, casusregisseur):
    bezwaar = BezwaarFactory(beschikking__pip__inburgeraar=dossier)
    client = client_for(casusregisseur)
    doorgestuurd(
        client,
        tab(dossier),
        upload(soort="bezwaarschrift", hoort_bij=f"bezwaar:{bezwaar.pk}"),
    )
    doc = Document.objects.get()
    assert list(bezwaar.documenten.all()) == [doc]
    page = client.get(reverse("pip_plans:pip", args=[dossier.pk])).content.decode()
    assert "Documenten bij dit bezwaar" in page
    assert f'href="{download(doc)}"' in page


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        pytest.param(
            lambda: {"bestand": pdf_upload("diploma.png")},
            "bestand",
            "De inhoud van dit bestand is een PDF, maar de naam eindigt op “.png”.",
            id="pdf-als-png",
        ),
        pytest.param(
            lambda: {
                "bestand": SimpleUploadedFile(
                    "diploma.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf"
                )
            },
            "bestand",
            "Dit bestand is geen PDF, JPEG of PNG",
            id="exe-als-pdf",
        ),
        pytest.param(
            lambda: {"soort": ""},
            "soort",
            "Dit veld is verplicht.",
            id="geen-soort",
        ),
        pytest.param(
            lambda: {"datum": (VANDAAG + dt.timedelta(days=1)).isoformat()},
            "datum",
            "De datum van het document ligt in de toekomst.",
            id="datum-morgen",
        ),
    ],
)
def test_bad_input_is_answered_on_the_form_and_stores_nothing(
    client_for, dossier, casusregisseur, velden, veld, melding
):
    data = upload(soort="medische_verklaring", notitie="Getypt door de casusregisseur")
    data.update(velden())
    response = client_for(casusregisseur).post(tab(dossier), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert melding in page
    assert response.context["form"].errors[veld]
    assert "<title>Fout: Documenten" in page
    # What was typed stays.
    assert "Getypt door de casusregisseur" in page
    if data["soort"]:
        assert '<option value="medische_verklaring" selected>' in page
    if veld != "bestand":
        assert "Kies het bestand opnieuw; de andere velden zijn bewaard." in page
    niets_opgeslagen()


def test_an_empty_file_is_refused(client_for, dossier, casusregisseur):
    response = client_for(casusregisseur).post(
        tab(dossier),
        upload(bestand=SimpleUploadedFile("leeg.pdf", b"", "application/pdf")),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["bestand"] == [
        "Het verstuurde bestand is leeg."
    ]
    niets_opgeslagen()


def test_a_file_of_25_mb_is_refused(client_for, dossier, casusregisseur):
    groot = b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024 - 9)
    response = client_for(casusregisseur).post(
        tab(dossier),
        upload(bestand=SimpleUploadedFile("groot.pdf", groot, "application/pdf")),
    )
    assert response.status_code == 400
    assert "Het bestand is te groot: het mag hoogstens 20 MB zijn." in (
        response.content.decode()
    )
    niets_opgeslagen()


def test_the_functioneel_beheerder_sees_and_adds_documents(
    client_for, dossier, casusregisseur, functioneel_beheerder
):
    document(dossier, casusregisseur, soort=DocumentSoort.COA_PROFIEL)
    client = client_for(functioneel_beheerder)
    assert "COA-profiel" in client.get(tab(dossier)).content.decode()
    doorgestuurd(client, tab(dossier), upload())
    assert Document.objects.filter(toegevoegd_door=functioneel_beheerder).exists()


def test_another_dossiers_zaak_is_refused(
    zevenaar, client_for, dossier, casusregisseur
):
    """The casusregisseur may see the other dossier, but a document of this one
    cannot belong to its zaak: only this dossier's zaken are choices."""
    ander = InburgeraarFactory(gemeente=zevenaar, casusregisseur=casusregisseur)
    vreemde_zaak = zaak_voor(ander, casusregisseur)
    response = client_for(casusregisseur).post(
        tab(dossier), upload(hoort_bij=f"zaak:{vreemde_zaak.pk}")
    )
    assert response.status_code == 400
    fout = response.context["form"].errors["hoort_bij"]
    assert fout == [
        f"Selecteer een geldige keuze. zaak:{vreemde_zaak.pk} is geen beschikbare "
        "keuze."
    ]
    assert not vreemde_zaak.documenten.exists()
    niets_opgeslagen()


def test_a_made_up_intake_part_is_refused(client_for, dossier, casusregisseur):
    response = client_for(casusregisseur).post(
        tab(dossier), upload(hoort_bij="intake:bestaat-niet")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["hoort_bij"]
    niets_opgeslagen()


# --- Download ------------------------------------------------------------------------------


def test_download_gives_the_bytes_with_the_ac08_headers_and_is_logged(
    client_for, dossier, casusregisseur
):
    client = client_for(casusregisseur)
    bestand = png_upload("Scan diploma.png")
    inhoud = bestand.read()
    bestand.seek(0)
    doorgestuurd(client, tab(dossier), upload(bestand=bestand))
    doc = Document.objects.get()

    response = client.get(download(doc))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == inhoud
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Scan diploma.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Robots-Tag"] == "noindex"
    rij = Verwerking.objects.get(actie_naam="Documenten (Diploma) gedownload")
    assert rij.actie == Actie.RAADPLEGEN
    assert rij.object_id == str(dossier.pk)
    assert rij.actor == casusregisseur
    assert "gezondheid" not in rij.soorten_gegevens


def test_download_of_a_pdf_says_application_pdf(client_for, dossier, casusregisseur):
    doc = document(dossier, casusregisseur, soort=DocumentSoort.MEDISCHE_VERKLARING)
    response = client_for(casusregisseur).get(download(doc))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_met_tekst("Diploma MBO niveau 2")
    assert response["Content-Type"] == "application/pdf"
    rij = Verwerking.objects.get(
        actie_naam="Documenten (Medische verklaring) gedownload"
    )
    assert "gezondheid" in rij.soorten_gegevens


def test_the_klantmanager_downloads_a_diploma_but_not_a_medical_statement(
    client_for, dossier, casusregisseur, klantmanager
):
    diploma = document(dossier, casusregisseur)
    medisch = document(dossier, casusregisseur, soort=DocumentSoort.MEDISCHE_VERKLARING)
    client = client_for(klantmanager)
    assert client.get(download(diploma)).status_code == 200
    assert client.get(download(medisch)).status_code == 404
    assert not Verwerking.objects.filter(
        actie_naam="Documenten (Medische verklaring) gedownload"
    ).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("andere_casusregisseur", 404),
        ("andere_klantmanager", 404),
        ("beleidsmedewerker", 403),
    ],
)
def test_download_out_of_scope_is_refused_and_not_logged_as_download(
    client_for, request, dossier, casusregisseur, persona, status
):
    doc = document(dossier, casusregisseur)
    response = client_for(request.getfixturevalue(persona)).get(download(doc))
    assert response.status_code == status
    assert not Verwerking.objects.filter(actie_naam__endswith="gedownload").exists()


# --- Queries -------------------------------------------------------------------------------


def test_the_tab_runs_a_fixed_number_of_queries(
    client_for, dossier, casusregisseur, django_assert_max_num_queries
):
    zaak = zaak_voor(dossier, casusregisseur)
    bezwaar = BezwaarFactory(beschikking__pip__inburgeraar=dossier)
    document(dossier, casusregisseur)
    client = client_for(casusregisseur)
    with django_assert_max_num_queries(40) as een:
        response = client.get(tab(dossier))
    assert response.status_code == 200
    assert len(response.context["documenten"]) == 1

    soorten = list(DocumentSoort.values)
    keuzes = ["", f"zaak:{zaak.pk}", f"bezwaar:{bezwaar.pk}", "intake:onderwijs"]
    for i in range(9):
        document_toevoegen_aan_dossier(
            dossier,
            hoort_bij=keuzes[i % len(keuzes)],
            gebruiker=casusregisseur,
            data=pdf_met_tekst(f"Document {i}"),
            bestandsnaam=f"document-{i}.pdf",
            soort=soorten[i % len(soorten)],
            datum=DATUM - dt.timedelta(days=i),
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        response = client.get(tab(dossier))
    assert response.status_code == 200
    assert len(response.context["documenten"]) == 10
