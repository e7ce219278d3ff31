"""The PDF helper: WeasyPrint fetches only our static files, data is escaped, metadata
is set (SECURITY PD-01, PD-02, PD-04, PD-05). Real WeasyPrint throughout; PDFs are read
back with poppler's pdftotext/pdfinfo/pdffonts (installed by the Makefile)."""

import datetime
import hashlib
import logging
import re
import shutil
import socket
import subprocess
import zlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import translation

import pytest

from zevenaar_inburgering import pdf
from zevenaar_inburgering.pdf import (
    PDF_BASE_URL,
    SafeURLFetcher,
    URLRefused,
    html_to_pdf,
    render_pdf,
    resolve_static_url,
)

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = PDF_BASE_URL.rstrip("/")
FONT = "fonts/noto-sans/noto-sans-latin-400-normal.woff"
LOGO = "img/gemeente-zevenaar-briefhoofd.svg"
PASSWD_MARKER = "root:x:0:0"
EVIL = "<img src=x onerror=1><link href=//x>"


# --- helpers -------------------------------------------------------------------------


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} missing: apt-get install poppler-utils (the Makefile does)"
    return path


def pdf_text(data: bytes) -> str:
    command = [_poppler("pdftotext"), "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(command, input=data, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def pdf_tool(tool: str, data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    command = [_poppler(tool), *args, str(path)]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603


def inflated(data: bytes) -> bytes:
    """The PDF with every Flate stream decompressed appended (object streams too)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        end = data.find(b"endstream", start)
        try:
            parts.append(zlib.decompressobj().decompress(data[start:end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture
def sockets(monkeypatch):
    """Record (and forbid) every attempt to open a network connection or resolve a name.

    WeasyPrint catches exceptions from fetching, so the test asserts on the record."""
    attempts = []

    def forbid(name):
        def refuse(*args, **kwargs):
            attempts.append((name, args))
            raise AssertionError(f"network access via {name}: {args!r}")

        return refuse

    monkeypatch.setattr(socket, "create_connection", forbid("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbid("getaddrinfo"))
    monkeypatch.setattr(socket.socket, "connect", forbid("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", forbid("socket.connect_ex"))
    return attempts


@pytest.fixture
def recording_fetcher(monkeypatch):
    """The fetcher render_pdf() will use, kept so the test can read served/refused."""
    fetcher = SafeURLFetcher()

    def met_bronnen(bronnen=None):
        fetcher.bronnen = bronnen or {}
        return fetcher

    monkeypatch.setattr(pdf, "safe_url_fetcher", met_bronnen)
    return fetcher


def letter_context(**overrides):
    context = {
        "geadresseerde": {
            "naam": "A. Jansen",
            "adresregels": ["Kerkstraat 1", "6901 AA Zevenaar"],
        },
        "datum": datetime.date(2026, 3, 5),
        "kenmerk": "Z-2026-0001",
        "onderwerp": "Beschikking inburgeringsplicht",
        "ondertekenaar": {"naam": "J. de Vries", "functie": "teamleider Inburgering"},
    }
    context.update(overrides)
    return context


# --- PD-01: the fetcher ----------------------------------------------------------------

HOSTILE_URLS = [
    "http://127.0.0.1:9/x.png",
    "https://example.org/a.css",
    "https://127.0.0.1:9/static/css/pdf.css",
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "ftp://127.0.0.1:9/x.png",
    "data:text/css,body{color:red}",
    "data:image/png;base64,iVBORw0KGgo=",
    "gopher://127.0.0.1:9/",
    "http://liemers-inburgering.invalid/static/css/pdf.css",
    f"{ORIGIN}:443/static/css/pdf.css",
    "https://user@liemers-inburgering.invalid/static/css/pdf.css",
    "https://liemers-inburgering.invalid.example.org/static/css/pdf.css",
    "//example.org/static/css/pdf.css",
    "/static/css/pdf.css",
    "static/css/pdf.css",
    f"{ORIGIN}/etc/passwd",
    f"{ORIGIN}/static/../../etc/passwd",
    f"{ORIGIN}/static/css/../../../etc/passwd",
    f"{ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
    f"{ORIGIN}/static/..%2f..%2fetc%2fpasswd",
    f"{ORIGIN}/static/%252e%252e/%252e%252e/etc/passwd",
    f"{ORIGIN}/static/css\\..\\..\\zevenaar_inburgering\\settings.py",
    f"{ORIGIN}/static//etc/passwd",
    f"{ORIGIN}/static/./css/pdf.css",
    f"{ORIGIN}/static/css/pdf.css?v=1",
    f"{ORIGIN}/static/css/pdf%00.css",
    f"{ORIGIN}/static/",
    f"{ORIGIN}/static/css/bestaat-niet.css",
    f"{ORIGIN}/static/admin/js/core.js",  # exists, but not a type a document needs
    f"{ORIGIN}/static/fonts/noto-sans/OFL.txt",  # idem
    f"{ORIGIN}/media/beschikking.pdf",
    f"{ORIGIN}/private_media/beschikking.pdf",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_pd01_fetcher_refuses(url, sockets):
    fetcher = SafeURLFetcher()
    with pytest.raises(URLRefused):
        fetcher(url)
    assert fetcher.refused == [url]
    assert fetcher.served == []
    assert sockets == []


@pytest.mark.parametrize("name", [FONT, LOGO, "css/pdf.css"])
def test_pd01_fetcher_serves_static_files_from_disk(name, sockets):
    fetcher = SafeURLFetcher()
    url = f"{ORIGIN}{settings.STATIC_URL}{name}"
    response = fetcher(url)
    try:
        body = response.read()
    finally:
        response.close()
    assert body == (ROOT / "static" / name).read_bytes()
    assert response.url == url
    assert fetcher.served == [url] and fetcher.refused == []
    assert sockets == []


def test_pd01_fetcher_types_css_and_svg():
    """WeasyPrint insists on text/css for stylesheets and detects SVG by type."""
    fetcher = SafeURLFetcher()
    assert fetcher(f"{ORIGIN}/static/css/pdf.css").content_type == "text/css"
    assert fetcher(f"{ORIGIN}/static/{LOGO}").content_type == "image/svg+xml"


def test_pd01_fetcher_maps_manifest_names_back_to_the_source_file():
    """With DEBUG off, {% static %} gives hashed names (ManifestStaticFilesStorage)."""
    hashed_url = staticfiles_storage.url("css/pdf.css")
    assert hashed_url != "/static/css/pdf.css", "expected a hashed name (collectstatic)"
    assert (
        resolve_static_url(ORIGIN + hashed_url)
        == (ROOT / "static/css/pdf.css").resolve()
    )


def test_pd01_works_without_collectstatic(settings, tmp_path, sockets):
    """Finders read STATICFILES_DIRS on disk; no STATIC_ROOT, no manifest needed."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "eigen.css").write_text("p { color: #0b3d66 }")
    settings.STATICFILES_DIRS = [tmp_path]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    found = resolve_static_url(f"{ORIGIN}/static/css/eigen.css")
    assert found == (tmp_path / "css" / "eigen.css").resolve()


def test_pd01_symlink_out_of_static_is_refused(settings, tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "passwd.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [tmp_path]
    with pytest.raises(URLRefused):
        resolve_static_url(f"{ORIGIN}/static/css/passwd.css")


HOSTILE_HTML = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Aanval</title>
<link rel="stylesheet" href="/static/css/pdf.css">
<link rel="stylesheet" href="https://example.org/a.css">
<link rel="attachment" href="file:///etc/passwd">
<style>
  @import url(http://127.0.0.1:9/a.css);
  @font-face { font-family: Lek; src: url(ftp://127.0.0.1:9/f.woff), url(file:///etc/passwd); }
  body { background-image: url(http://127.0.0.1:9/bg.png); }
</style></head>
<body>
<p>Tekst blijft staan.</p>
<img src="http://127.0.0.1:9/x.png" alt="a">
<img src="file:///etc/passwd" alt="b">
<img src="/static/../../etc/passwd" alt="c">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="d">
<object data="http://127.0.0.1:9/o.svg" type="image/svg+xml">o</object>
<embed src="http://127.0.0.1:9/e.svg" type="image/svg+xml">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="20" height="20"><image href="http://127.0.0.1:9/y.png" width="10" height="10"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>
</body></html>"""

EXPECTED_REFUSALS = {
    "https://example.org/a.css",
    "file:///etc/passwd",
    "http://127.0.0.1:9/a.css",
    "ftp://127.0.0.1:9/f.woff",
    "http://127.0.0.1:9/bg.png",
    "http://127.0.0.1:9/x.png",
    f"{ORIGIN}/etc/passwd",
    "data:image/png;base64,iVBORw0KGgo=",
    "http://127.0.0.1:9/o.svg",
    "http://127.0.0.1:9/e.svg",
    "http://127.0.0.1:9/y.png",
}


@pytest.mark.pdf
def test_pd01_full_render_refuses_everything_but_static(sockets, caplog):
    fetcher = SafeURLFetcher()
    with caplog.at_level(logging.WARNING):
        data = html_to_pdf(HOSTILE_HTML, title="Aanval", url_fetcher=fetcher)

    assert sockets == []
    assert set(fetcher.refused) >= EXPECTED_REFUSALS
    assert all(url.startswith(f"{ORIGIN}/static/") for url in fetcher.served)
    assert f"{ORIGIN}/static/css/pdf.css" in fetcher.served
    passwd = Path("/etc/passwd").read_text()
    assert PASSWD_MARKER in passwd
    assert PASSWD_MARKER not in pdf_text(data)
    assert PASSWD_MARKER.encode() not in inflated(data)
    assert b"/EmbeddedFile" not in inflated(data)
    assert "Tekst blijft staan." in pdf_text(data)
    refusal_logs = [r for r in caplog.records if r.name == "zevenaar_inburgering.pdf"]
    assert len(refusal_logs) == len(fetcher.refused)


@pytest.mark.pdf
def test_pd01_base_element_cannot_redirect_fetching(sockets):
    fetcher = SafeURLFetcher()
    html_to_pdf(
        '<html><head><base href="file:///etc/"></head>'
        '<body><img src="passwd" alt=""></body></html>',
        title="Base",
        url_fetcher=fetcher,
    )
    assert "file:///etc/passwd" in fetcher.refused
    assert fetcher.served == []
    assert sockets == []


# --- PD-02: client data is text ---------------------------------------------------------


@pytest.mark.pdf
def test_pd02_client_data_is_escaped_and_never_fetched(recording_fetcher, sockets):
    context = letter_context(
        geadresseerde={
            "naam": EVIL,
            "adresregels": ['"><img src="file:///etc/passwd">'],
        },
        kenmerk="<style>@import url(http://127.0.0.1:9/k.css)</style>",
    )
    data = render_pdf("pdf/base.html", context, title="Beschikking")

    text = pdf_text(data)
    assert EVIL in text
    assert '"><img src="file:///etc/passwd">' in text
    assert "<style>@import url(http://127.0.0.1:9/k.css)</style>" in text
    assert recording_fetcher.refused == []
    assert all(url.startswith(f"{ORIGIN}/static/") for url in recording_fetcher.served)
    assert sockets == []


# --- PD-04: metadata, variants ------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.parametrize(
    ("variant", "xmp"),
    [
        ("pdf/a-3u", ['pdfaid:part="3"', 'pdfaid:conformance="U"']),
        ("pdf/a-3b", ['pdfaid:part="3"', 'pdfaid:conformance="B"']),
        ("pdf/ua-1", ['pdfuaid:part="1"']),
    ],
)
def test_pd04_metadata_title_lang_and_identification(variant, xmp, tmp_path):
    data = render_pdf(
        "pdf/base.html",
        letter_context(),
        title="Beschikking inburgeringsplicht",
        variant=variant,
    )
    info = pdf_tool("pdfinfo", data, tmp_path)
    assert re.search(r"^Title:\s+Beschikking inburgeringsplicht$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    meta = pdf_tool("pdfinfo", data, tmp_path, "-meta")
    for fragment in xmp:
        assert fragment in meta
    assert "Beschikking inburgeringsplicht</rdf:li>" in meta
    assert b"/Lang (nl)" in inflated(data)


@pytest.mark.pdf
def test_pd04_default_variant_is_pdfa_3u():
    data = html_to_pdf("<p>x</p>", title="Standaard")
    assert b'pdfaid:part="3" pdfaid:conformance="U"' in inflated(data)


@pytest.mark.pdf
def test_pd04_title_and_lang_set_even_without_them_in_html(tmp_path):
    data = html_to_pdf("<p>Geen head</p>", title="Rapportage Q1", variant="pdf/ua-1")
    info = pdf_tool("pdfinfo", data, tmp_path)
    assert re.search(r"^Title:\s+Rapportage Q1$", info, re.M)
    assert b"/Lang (nl)" in inflated(data)


@pytest.mark.parametrize("variant", ["pdf/a-1b", "pdf/a-4u", "", None])
def test_pd04_unknown_variant_refused(variant):
    with pytest.raises(ValueError):
        html_to_pdf("<p>x</p>", title="x", variant=variant)


def test_pd04_title_required():
    with pytest.raises(ValueError):
        html_to_pdf("<p>x</p>", title="")


def test_html_to_pdf_only_accepts_our_fetcher():
    from weasyprint.urls import URLFetcher

    with pytest.raises(TypeError):
        html_to_pdf("<p>x</p>", title="x", url_fetcher=URLFetcher())


# --- PD-05 and the letter --------------------------------------------------------------


@pytest.mark.pdf
def test_pd05_dutch_date_and_letter_parts_whatever_the_active_language():
    with translation.override("en"):
        data = render_pdf("pdf/base.html", letter_context(), title="Beschikking")
        assert translation.get_language() == "en"  # restored after the render
    text = pdf_text(data)
    assert "Zevenaar, 5 maart 2026" in text
    assert "Ons kenmerk" in text and "Z-2026-0001" in text
    assert "A. Jansen" in text and "6901 AA Zevenaar" in text
    assert "J. de Vries" in text and "teamleider Inburgering" in text
    assert "Gemeente Zevenaar" in text  # letterhead and footer
    assert "Pagina 1 van 1" in text


@pytest.mark.pdf
def test_letter_shows_the_gemeente_when_given():
    gemeente = {
        "naam": "Duiven",
        "postadres": "Postbus 1, 6920 AA Duiven",
        "telefoon": "0316 000000",
        "website": "<www.duiven.example>",
    }
    text = pdf_text(
        render_pdf("pdf/base.html", letter_context(gemeente=gemeente), title="Brief")
    )
    assert "Gemeente Duiven" in text
    assert "Postbus 1, 6920 AA Duiven" in text
    assert "Telefoon: 0316 000000" in text
    assert "Gemeente Duiven · <www.duiven.example>" in text


@pytest.mark.pdf
def test_letter_without_date_shows_today_in_dutch():
    data = render_pdf("pdf/base.html", letter_context(datum=None), title="Brief")
    with translation.override("nl"):
        from django.utils import dateformat, timezone

        today = dateformat.format(timezone.localdate(), "j F Y")
    assert f"Zevenaar, {today}" in pdf_text(data)


@pytest.mark.pdf
def test_page_numbers_count_all_pages():
    paragraphs = "".join(f"<p>Alinea {i} van een lange brief.</p>" for i in range(120))
    html = (
        '<html lang="nl"><head><link rel="stylesheet" href="/static/css/pdf.css"></head>'
        f"<body>{paragraphs}</body></html>"
    )
    text = pdf_text(html_to_pdf(html, title="Lang"))
    pages = int(re.search(r"Pagina 1 van (\d+)", text).group(1))
    assert pages >= 2
    assert f"Pagina {pages} van {pages}" in text


# --- fonts ---------------------------------------------------------------------------


@pytest.mark.pdf
def test_fonts_are_bundled_and_used_not_system_fonts(tmp_path):
    # Latin, latin-ext and Vietnamese subsets. (pdftotext splits some Vietnamese
    # letters with a space, e.g. "Thị" as "Th ị", whatever the font: not used here.)
    names = "Şükrü Çelik, Łódź, Ørsted, Nguyễn, € 1.234,56"
    data = render_pdf(
        "pdf/base.html",
        letter_context(geadresseerde={"naam": names, "adresregels": []}),
        title="Lettertypen",
    )
    assert names in pdf_text(data)
    fonts = pdf_tool("pdffonts", data, tmp_path).splitlines()[2:]
    families = {line.split()[0].split("+", 1)[1] for line in fonts}
    assert families <= {
        "Noto-Sans",
        "Noto-Sans-Bold",
        "Noto-Sans-Italic",
        "Noto-Sans-Bold-Italic",
        "Noto-Sans-Latin-Ext",
        "Noto-Sans-Latin-Ext-Bold",
        "Noto-Sans-Vietnamese",
        "Noto-Sans-Vietnamese-Bold",
    }, families
    # Each subset is its own PDF font: WeasyPrint 70 merges same-family faces and then
    # draws wrong glyphs (see static/css/pdf.css).
    assert {"Noto-Sans", "Noto-Sans-Latin-Ext", "Noto-Sans-Vietnamese"} <= families
    assert all(
        line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts
    )  # emb sub uni


def test_font_files_are_the_npm_package_files():
    """static/fonts/noto-sans holds unchanged copies of @fontsource/noto-sans (package.json)."""
    package = ROOT / "node_modules" / "@fontsource" / "noto-sans"
    copies = sorted((ROOT / "static" / "fonts" / "noto-sans").glob("*.woff"))
    assert len(copies) == 12
    for copy in copies:
        original = package / "files" / copy.name
        assert (
            hashlib.sha256(copy.read_bytes()).digest()
            == hashlib.sha256(original.read_bytes()).digest()
        ), copy.name
    assert (ROOT / "static/fonts/noto-sans/OFL.txt").read_bytes() == (
        package / "LICENSE"
    ).read_bytes()
    css = (ROOT / "static" / "css" / "pdf.css").read_text()
    for copy in copies:
        assert f"../fonts/noto-sans/{copy.name}" in css
