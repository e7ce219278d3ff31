"""Private storage of generated documents (SECURITY AC-08)."""

import hashlib
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.http import Http404

import pytest

from zevenaar_inburgering import documents
from zevenaar_inburgering.documents import (
    NoPublicURL,
    document_response,
    private_storage,
    store_document,
    verify_document,
)

PDF = b"%PDF-1.7\n% een beschikking\n%%EOF\n"


@pytest.fixture
def private_root(settings, tmp_path):
    root = tmp_path / "private_media"
    settings.PRIVATE_MEDIA_ROOT = root
    return root


def body_of(response) -> bytes:
    """The streamed body; closes the file (response.close() would also signal
    request_finished, which touches the database)."""
    try:
        return b"".join(response.streaming_content)
    finally:
        response.file_to_stream.close()


def test_store_returns_name_and_sha256(private_root):
    name, sha256 = store_document(PDF, folder="beschikkingen/2026", filename="b-1.pdf")

    assert name == "beschikkingen/2026/b-1.pdf"
    assert sha256 == hashlib.sha256(PDF).hexdigest()
    path = private_root / name
    assert path.read_bytes() == PDF
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_store_never_overwrites(private_root):
    first, _ = store_document(PDF, folder="beschikkingen", filename="b.pdf")
    second, _ = store_document(b"%PDF-anders", folder="beschikkingen", filename="b.pdf")

    assert first != second
    assert (private_root / first).read_bytes() == PDF
    assert (private_root / second).read_bytes() == b"%PDF-anders"


@pytest.mark.parametrize(
    ("folder", "filename"),
    [
        ("../buiten", "b.pdf"),
        ("beschikkingen/../..", "b.pdf"),
        ("/etc", "b.pdf"),
        ("beschikkingen", "../b.pdf"),
        ("beschikkingen", "sub/b.pdf"),
        ("beschikkingen", ".verborgen.pdf"),
        ("beschikkingen", "b..pdf"),
        ("beschikkingen", "naam met spatie.pdf"),
        ("beschikkingen", "b.pdf\n"),
        ("", "b.pdf"),
        ("beschikkingen", ""),
        ("a//b", "b.pdf"),
    ],
)
def test_store_refuses_unsafe_names(private_root, folder, filename):
    with pytest.raises(SuspiciousFileOperation):
        store_document(PDF, folder=folder, filename=filename)
    assert not private_root.exists() or not any(private_root.rglob("*.pdf"))


def test_storage_has_no_url(private_root):
    name, _ = store_document(PDF, folder="beschikkingen", filename="b.pdf")
    with pytest.raises(NoPublicURL):
        private_storage.url(name)
    with pytest.raises(NotImplementedError):
        private_storage.url(name)
    assert private_storage.base_url is None
    assert documents.get_private_storage() is private_storage


def test_ac08_response_headers(private_root):
    name, _ = store_document(PDF, folder="beschikkingen", filename="b.pdf")

    response = document_response(name, download_name="beschikking-2026.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="beschikking-2026.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(PDF))
    assert body_of(response) == PDF


@pytest.mark.parametrize(
    ("download_name", "expected"),
    [
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ('a"b\r\nX-Evil: 1.pdf', 'attachment; filename="a\\"bX-Evil: 1.pdf"'),
        ("..", 'attachment; filename="document.pdf"'),
        (
            "beschikking Şükrü.pdf",
            "attachment; filename*=utf-8''beschikking%20%C5%9E%C3%BCkr%C3%BC.pdf",
        ),
    ],
)
def test_ac08_download_name_is_cleaned(private_root, download_name, expected):
    name, _ = store_document(PDF, folder="beschikkingen", filename="b.pdf")
    response = document_response(name, download_name=download_name)
    assert response["Content-Disposition"] == expected
    body_of(response)


@pytest.mark.parametrize(
    "name", ["beschikkingen/bestaat-niet.pdf", "../../etc/passwd", "/etc/passwd"]
)
def test_ac08_missing_or_outside_is_404(private_root, name):
    with pytest.raises(Http404):
        document_response(name, download_name="x.pdf")


def test_verify_document(private_root):
    name, sha256 = store_document(PDF, folder="beschikkingen", filename="b.pdf")

    assert verify_document(name, sha256)
    assert verify_document(name, sha256.upper())
    (private_root / name).write_bytes(PDF + b"gewijzigd")
    assert not verify_document(name, sha256)
    assert not verify_document("beschikkingen/weg.pdf", sha256)
    assert not verify_document("../../etc/passwd", sha256)


def test_default_root_is_private_media_beside_manage_py(settings):
    if hasattr(settings, "PRIVATE_MEDIA_ROOT"):
        del settings.PRIVATE_MEDIA_ROOT
    assert documents.private_media_root() == settings.BASE_DIR / "private_media"
    assert private_storage.location == str(settings.BASE_DIR / "private_media")


@pytest.mark.parametrize("where", ["media", "media/prive", "static/prive", "base_dir"])
def test_root_inside_or_around_a_served_directory_is_refused(settings, where):
    targets = {
        "media": Path(settings.MEDIA_ROOT),
        "media/prive": Path(settings.MEDIA_ROOT) / "prive",
        "static/prive": settings.BASE_DIR / "static" / "prive",
        "base_dir": settings.BASE_DIR,  # contains static/ and node_modules/
    }
    settings.PRIVATE_MEDIA_ROOT = targets[where]
    with pytest.raises(ImproperlyConfigured):
        private_storage.path("x.pdf")


def test_root_inside_static_root_is_refused(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "staticfiles" / "prive"
    with pytest.raises(ImproperlyConfigured):
        private_storage.path("x.pdf")


def test_ac08_no_url_serves_private_files(client_for, casusregisseur, private_root):
    """The raw file is not reachable over HTTP, not even for a logged-in user."""
    name, _ = store_document(PDF, folder="beschikkingen", filename="b.pdf")
    client = client_for(casusregisseur)
    for url in (
        f"/media/{name}",
        f"/private_media/{name}",
        f"/static/../private_media/{name}",
        f"/{name}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        assert PDF not in content
