"""AC-08: generated and uploaded documents are reachable only through a
permission-checked view.

For every kind of generated document (the PIP beschikking, the three letters, the
kwartaalrapport as PDF and CSV, and the CSV exports): the stored file has no URL
(/media/, /private_media/, /static/ and the bare path give 404), another klantmanager
or another gemeente gets 404, and the owner gets 200 with `Cache-Control: no-store`,
`X-Robots-Tag: noindex`, `Content-Disposition: attachment` and `nosniff`. The
headers come from the one place each kind of download is built:
zevenaar_inburgering/documents.py (stored PDFs) and exports.py (CSV).

The uploaded documents on the dossier (issue 20, intake:document) likewise: the
scenario's diploma is in DOCUMENTS (its owners include the client's RSD
klantmanager); a PNG downloads with its stored content type, the health kinds
only for the dossier roles."""

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

import pytest
from PIL import Image

from intake.models import GEZONDHEIDSDOCUMENTEN, DocumentSoort
from intake.services.document import document_toevoegen
from pip_plans.models import BriefSoort
from tests.security.requesting import body_text
from tests.security.role_matrix import MATRIX
from zevenaar_inburgering.documents import NoPublicURL, private_storage

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Document:
    kind: str
    url_name: str
    # The object in the scenario: (world, kind) or (world, "brief", BriefSoort).
    source: tuple
    owners: tuple[str, ...]
    stored: bool = True
    content_type: str = "application/pdf"
    # The model field that names the stored file.
    file_field: str = "pdf"


DOCUMENTS = [
    Document(
        "beschikking", "pip_plans:beschikking_pdf", ("beschikking",), ("cr", "fb")
    ),
    Document(
        "ontzorgingsbeschikking",
        "pip_plans:brief_pdf",
        ("brief", BriefSoort.ONTZORGINGSBESCHIKKING),
        ("cr", "fb", "km"),
    ),
    Document(
        "waarschuwing",
        "pip_plans:brief_pdf",
        ("brief", BriefSoort.WAARSCHUWING),
        ("cr", "fb"),
    ),
    Document(
        "boetebeschikking",
        "pip_plans:brief_pdf",
        ("brief", BriefSoort.BOETEBESCHIKKING),
        ("cr", "fb"),
    ),
    Document(
        "uitnodiging-intake",
        "pip_plans:brief_pdf",
        ("brief", BriefSoort.UITNODIGING_INTAKE),
        ("cr", "fb"),
    ),
    # The print file of letters made in one go: who sees every letter in it.
    Document(
        "brievenbundel",
        "monitoring:brievenbundel_pdf",
        ("brievenbundel",),
        ("cr", "fb"),
    ),
    Document(
        "kwartaalrapport-pdf",
        "monitoring:kwartaalrapport_pdf",
        ("kwartaalrapport",),
        ("bm", "fb"),
    ),
    Document(
        "kwartaalrapport-csv",
        "monitoring:kwartaalrapport_csv",
        ("kwartaalrapport",),
        ("bm", "fb"),
        stored=False,
        content_type="text/csv",
    ),
    Document(
        "werkvoorraad-export",
        "monitoring:werkvoorraad_export",
        (),
        ("cr", "fb"),
        stored=False,
        content_type="text/csv",
    ),
    Document(
        "verwerkingenlog-export",
        "verwerkingen:export",
        (),
        ("fb",),
        stored=False,
        content_type="text/csv",
    ),
    # An uploaded document: the client's diploma (tests/security/wereld.py).
    Document(
        "document-diploma",
        "intake:document",
        ("document",),
        ("cr", "fb", "km"),
        file_field="bestand",
    ),
]
# Downloads of uploaded files (the test below finds the generated ones by name).
UPLOADED = {"intake:document"}
STORED = [d for d in DOCUMENTS if d.stored]
OBJECT_DOCUMENTS = [d for d in DOCUMENTS if d.source]

# Who is "the other party" for a document of the scenario's own world (`eigen`,
# Zevenaar, klantmanager km): (persona, world whose document they ask for).
#   - the other klantmanager asks for km's client's letter;
#   - km asks for the other klantmanager's client's letter;
#   - the Zevenaar casusregisseur and beleidsmedewerker ask for Duiven's documents.
OTHER_PARTIES = [
    ("km_ander", "eigen"),
    ("km", "ander_km"),
    ("cr", "duiven"),
    ("fb", "duiven"),
    ("bm", "duiven"),
]


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _object(scenario, document: Document, world: str):
    wereld = scenario.werelden[world]
    if document.source[0] == "brief":
        return wereld.brieven.get(document.source[1])
    return wereld.objects.get(document.source[0])


def _url(scenario, document: Document, world="eigen") -> str:
    if not document.source:
        return reverse(document.url_name)
    return reverse(document.url_name, args=[_object(scenario, document, world).pk])


def test_ac08_every_generated_document_kind_is_covered():
    """Every view that serves a stored PDF or a CSV is in DOCUMENTS."""
    from tests.urlwalk import all_urls

    downloads = {
        name
        for _route, name, _ in all_urls()
        if name and (name.endswith(("_pdf", "_csv", "export")))
    }
    assert downloads | UPLOADED == {d.url_name for d in DOCUMENTS}, downloads


@pytest.mark.parametrize("document", STORED, ids=lambda d: d.kind)
def test_ac08_the_stored_file_has_no_url(scenario, login_as, document):
    stored = getattr(_object(scenario, document, "eigen"), document.file_field)
    name = str(stored)
    # The file is really there, in private storage, which has no URL at all.
    assert (scenario.media_root / name).is_file(), name
    assert private_storage.exists(name)
    with pytest.raises(NoPublicURL):
        private_storage.url(name)
    paths = [
        f"/media/{name}",
        f"/private_media/{name}",
        f"/static/{name}",
        f"/{name}",
        f"/static/../private_media/{name}",
    ]
    for client in (Client(), login_as(document.owners[0])):
        for path in paths:
            response = client.get(path)
            assert response.status_code == 404, (path, response.status_code)
            assert b"%PDF" not in _body(response)


@pytest.mark.parametrize(
    ("document", "persona", "world"),
    [
        pytest.param(d, persona, world, id=f"{d.kind}-{persona}-{world}")
        for d in OBJECT_DOCUMENTS
        for persona, world in OTHER_PARTIES
        # (the scenario makes one kwartaalrapport per gemeente: none in ander_km)
        if not (d.source[0] == "kwartaalrapport" and world == "ander_km")
    ],
)
def test_ac08_another_party_gets_404(scenario, login_as, document, persona, world):
    assert _object(scenario, document, world) is not None
    response = login_as(persona).get(_url(scenario, document, world))
    # 404; or 403 where the role may not download this kind at all (the role
    # matrix says so for the own document too): refused before any lookup.
    expected = 403 if getattr(MATRIX[document.url_name], persona) == 403 else 404
    assert response.status_code == expected, response.status_code
    assert scenario.werelden[world].naam not in body_text(response)


def test_ac08_the_klantmanager_gets_no_handhaving_letter_of_their_own_client(
    scenario, login_as
):
    client = login_as("km")
    for soort in (BriefSoort.WAARSCHUWING, BriefSoort.BOETEBESCHIKKING):
        brief = scenario.eigen.brieven[soort]
        response = client.get(reverse("pip_plans:brief_pdf", args=[brief.pk]))
        assert response.status_code == 404, soort


@pytest.mark.parametrize(
    ("document", "persona"),
    [
        pytest.param(d, persona, id=f"{d.kind}-{persona}")
        for d in DOCUMENTS
        for persona in d.owners
    ],
)
def test_ac08_the_owner_gets_the_document_with_safe_headers(
    scenario, login_as, document, persona
):
    response = login_as(persona).get(_url(scenario, document))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(document.content_type)
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]
    assert response.get("X-Robots-Tag") == "noindex", response.get("X-Robots-Tag")
    assert response["Content-Disposition"].startswith("attachment"), response[
        "Content-Disposition"
    ]
    assert response.get("X-Content-Type-Options") == "nosniff"
    body = _body(response)
    if document.content_type == "application/pdf":
        assert body.startswith(b"%PDF"), body[:20]
    else:
        assert len(body.decode("utf-8-sig").splitlines()) >= 2  # header and rows


# --- Uploaded documents on the dossier (issue 20) ------------------------------------


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _assert_safe_download(response, content_type: str, body: bytes) -> None:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == content_type, response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment"), response[
        "Content-Disposition"
    ]
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]
    assert response.get("X-Robots-Tag") == "noindex"
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert _body(response) == body


@pytest.mark.parametrize("persona", ["cr", "fb", "km"])
def test_ac08_the_diploma_downloads_as_stored_with_safe_headers(
    scenario, login_as, persona
):
    diploma = scenario.eigen["document"]
    stored = (scenario.media_root / diploma.bestand).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == diploma.sha256
    response = login_as(persona).get(reverse("intake:document", args=[diploma.pk]))
    _assert_safe_download(response, "application/pdf", stored)
    assert 'filename="diploma.pdf"' in response["Content-Disposition"]


def test_ac08_a_png_document_downloads_as_image_png(scenario, login_as):
    """The stored content type, not application/pdf: the download opens as the
    image it is, and nosniff keeps the browser from guessing otherwise."""
    data = _png()
    document = document_toevoegen(
        scenario.eigen.dossier,
        data=data,
        bestandsnaam="scan diploma.png",
        soort=DocumentSoort.DIPLOMA,
        datum=dt.date(2026, 3, 2),
        gebruiker=scenario.personas["cr"],
    )
    assert document.inhoudstype == "image/png"
    url = reverse("intake:document", args=[document.pk])
    for persona in ("cr", "km"):
        response = login_as(persona).get(url)
        _assert_safe_download(response, "image/png", data)
        assert ".png" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("bm", 403), ("cr_ander", 404), ("km_ander", 404)],
)
def test_ac08_the_document_is_refused_to_others(scenario, login_as, persona, status):
    """The beleidsmedewerker may download no document at all (403, before any
    lookup); another gemeente's casusregisseur and another klantmanager do not
    find the client's documents (404), of any kind."""
    client = login_as(persona)
    for document in scenario.eigen.documenten.values():
        response = client.get(reverse("intake:document", args=[document.pk]))
        assert response.status_code == status, (document.soort, response.status_code)
        assert b"%PDF" not in _body(response)
        assert scenario.eigen.naam not in body_text(response)


def test_ac08_health_documents_only_for_the_dossier_roles(scenario, login_as):
    """The medische verklaring and the COA-profiel: the casusregisseur and
    functioneel beheer get them (GEZONDHEID_ROLES), the client's own RSD
    klantmanager does not (404, AC-04)."""
    for soort in GEZONDHEIDSDOCUMENTEN:
        document = scenario.eigen.documenten[soort]
        url = reverse("intake:document", args=[document.pk])
        stored = (scenario.media_root / document.bestand).read_bytes()
        for persona in ("cr", "fb"):
            _assert_safe_download(login_as(persona).get(url), "application/pdf", stored)
        response = login_as("km").get(url)
        assert response.status_code == 404, soort
        assert b"%PDF" not in _body(response)
