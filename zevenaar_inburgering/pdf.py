"""The one way this project makes a PDF (SECURITY PD-01, PD-02, PD-04).

    pdf = render_pdf("pdf/beschikking.html", {"dossier": dossier}, title="Beschikking")

Templates are trusted, data is not: the Django template is rendered with autoescaping
on (never mark client data safe), under the Dutch locale, and WeasyPrint may fetch
nothing but our own static files, read from disk (`SafeURLFetcher`).

Render in a Celery task, never in a web request (SECURITY "WeasyPrint practices"), and
store the result with `zevenaar_inburgering.documents.store_document`.
"""

import copy
import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from zevenaar_inburgering.accounts.models import Gemeente, GemeenteLogo

logger = logging.getLogger(__name__)

# Why this base URL: templates use `{% static %}`, which yields root-relative URLs such
# as "/static/css/pdf.css". WeasyPrint resolves those against `base_url`; without one it
# cannot resolve them at all, and with a file:// base it would turn them into paths on
# this machine. We give it a fixed https origin in the reserved `.invalid` TLD
# (RFC 2606), which can never resolve in DNS, and the fetcher below maps exactly
# "https://liemers-inburgering.invalid" + STATIC_URL + <path> onto the static file
# found on disk. Any other host, scheme or path is refused before anything is opened,
# so no socket is ever created and no file outside the static files is ever read.
PDF_ORIGIN = "https://liemers-inburgering.invalid"
PDF_BASE_URL = PDF_ORIGIN + "/"

# Archival letters (beschikkingen): PDF/A-3u, the default (WeasyPrint's advice: every
# glyph maps to Unicode, which our embedded fonts provide); pdf/a-3b is allowed too.
# Reports: PDF/UA-1 (accessibility). Every variant is rendered as a tagged PDF.
# WeasyPrint writes the identification; it does not validate conformance (veraPDF does).
PDF_VARIANTS = frozenset({"pdf/a-3b", "pdf/a-3u", "pdf/ua-1"})
# The default, and what the archive package says its documents are (archief.py).
ARCHIEF_VARIANT = "pdf/a-3u"

# The only kinds of static file a document may use, with the type WeasyPrint needs
# (it checks text/css for stylesheets and detects SVG by type).
_ALLOWED_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
_MAX_BYTES = 5 * 1024 * 1024  # no static asset of ours comes near this


class URLRefused(ValueError):
    """The PDF fetcher refused a URL. WeasyPrint logs it and skips the resource."""


def _static_prefix() -> str:
    """The path part of STATIC_URL, e.g. "/static/"."""
    prefix = urlsplit(settings.STATIC_URL).path
    if not prefix.startswith("/"):
        prefix = "/" + prefix
    return prefix if prefix.endswith("/") else prefix + "/"


def _unhashed_name(name: str) -> str | None:
    """Map a ManifestStaticFilesStorage name ("css/pdf.1a2b3c4d5e6f.css") to its source.

    With DEBUG off, `{% static %}` yields hashed names that exist only in STATIC_ROOT;
    the finders know the source name.
    """
    hashed_files = getattr(staticfiles_storage, "hashed_files", None) or {}
    for original, hashed in hashed_files.items():
        if hashed == name:
            return original
    return None


def _static_roots() -> list[Path]:
    """Every directory the staticfiles finders serve from."""
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return roots


def resolve_static_url(url: str) -> Path:
    """The file on disk for a URL under our static files, or raise `URLRefused`.

    Accepts only "https://liemers-inburgering.invalid/static/<path>" (STATIC_URL), where
    <path> is a static file of an allowed type found by the staticfiles finders. Refuses
    every other scheme (http, file, ftp, data, ...), host, port, user info, query,
    percent-encoded trickery and `..` or `.` segments.
    """
    if not isinstance(url, str) or not url.isprintable() or "\\" in url:
        raise URLRefused("niet-afdrukbare tekens of backslash in URL")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise URLRefused(f"ongeldige URL: {exc}") from None
    if parts.scheme.lower() != "https" or parts.netloc != PDF_ORIGIN.split("//", 1)[1]:
        raise URLRefused("alleen eigen statische bestanden")
    if port is not None or parts.username or parts.password or parts.query:
        raise URLRefused("poort, gebruiker of query niet toegestaan")

    prefix = _static_prefix()
    path = unquote(parts.path)
    if "%" in path or "\\" in path or "\x00" in path:
        raise URLRefused("dubbel gecodeerde URL")
    if not path.startswith(prefix):
        raise URLRefused("buiten STATIC_URL")
    relative = path[len(prefix) :]
    segments = relative.split("/")
    if not relative or any(segment in ("", ".", "..") for segment in segments):
        raise URLRefused("ongeldig pad")
    if posixpath.normpath(relative) != relative:
        raise URLRefused("ongeldig pad")
    if posixpath.splitext(relative)[1].lower() not in _ALLOWED_TYPES:
        raise URLRefused("bestandstype niet toegestaan")

    found = finders.find(relative)
    if found is None:
        original = _unhashed_name(relative)
        found = finders.find(original) if original else None
    if found is None:
        raise URLRefused("statisch bestand niet gevonden")
    file_path = Path(found).resolve()
    if not file_path.is_file() or not any(
        file_path.is_relative_to(root) for root in _static_roots()
    ):
        raise URLRefused("statisch bestand buiten de static-mappen")
    return file_path


class SafeURLFetcher(URLFetcher):
    """WeasyPrint 70 URL fetcher that serves only our static files, from disk.

    WeasyPrint 70 calls `fetcher(url)` (→ `fetch`) for every resource: stylesheets,
    @import, @font-face (including `local()` fonts, which arrive as file:// URLs),
    images, SVG <image>, attachments. An exception makes WeasyPrint skip the resource
    and log a warning. One instance per render: it records what it served and refused.
    """

    def __init__(self, bronnen: dict[str, tuple[bytes, str]] | None = None) -> None:
        # Defence in depth: even the inherited urllib machinery would allow no
        # protocol and follow no redirect. Our `fetch` never calls it.
        super().__init__(
            allowed_protocols=frozenset(), allow_redirects=False, timeout=1
        )
        # Resources held in memory for this render only (the gemeente's logo from
        # the database): exact URL -> (bytes, content type); nothing else is added.
        self.bronnen = bronnen or {}
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url in self.bronnen:
            body, content_type = self.bronnen[url]
            self.served.append(url)
            return URLFetcherResponse(
                url, body=body, headers={"Content-Type": content_type}
            )
        try:
            file_path = resolve_static_url(url)
            if file_path.stat().st_size > _MAX_BYTES:
                raise URLRefused("bestand te groot")
        except URLRefused as exc:
            self.refused.append(url)
            logger.warning("PDF: bron geweigerd (%s): %.200s", exc, url)
            raise
        self.served.append(url)
        content_type = _ALLOWED_TYPES[file_path.suffix.lower()]
        return URLFetcherResponse(
            url, body=file_path.read_bytes(), headers={"Content-Type": content_type}
        )

    def open(self, url, data=None, timeout=None):
        # urllib's OpenerDirector API, should anything call it: same policy.
        return self.fetch(url if isinstance(url, str) else url.full_url)


def safe_url_fetcher(
    bronnen: dict[str, tuple[bytes, str]] | None = None,
) -> SafeURLFetcher:
    """A fresh fetcher for one render (WeasyPrint 70 wants a URLFetcher instance)."""
    return SafeURLFetcher(bronnen)


# The gemeente's logo in a letter: a URL the fetcher serves from memory.
LOGO_URL = PDF_ORIGIN + "/briefhoofd/logo"


def briefhoofd_bronnen(gemeente) -> dict[str, tuple[bytes, str]]:
    """The in-memory resources of a gemeente's letterhead (its logo, if any)."""
    # A stored gemeente only (a test or a report may pass plain values).
    logo = (
        GemeenteLogo.objects.filter(gemeente=gemeente).first()
        if isinstance(gemeente, Gemeente)
        else None
    )
    if logo is None:
        return {}
    return {LOGO_URL: (bytes(logo.data), logo.content_type)}


def _check_variant(variant: str) -> dict:
    """WeasyPrint's options for a variant, for rendering and writing alike."""
    if variant not in PDF_VARIANTS:
        raise ValueError(
            f"Onbekende PDF-variant {variant!r}; kies uit {sorted(PDF_VARIANTS)}"
        )
    return {"pdf_variant": variant, "pdf_tags": True}


def html_to_document(
    html: str,
    *,
    title: str,
    variant: str = ARCHIEF_VARIANT,
    url_fetcher: SafeURLFetcher | None = None,
) -> Document:
    """Render trusted HTML to a WeasyPrint document with our fetcher, base URL,
    title and lang (write it with `document.write_pdf(**pdf_options(variant))`).

    The title and language "nl" are set in the PDF metadata even when the HTML has no
    <title> or lang. Pass your own `SafeURLFetcher` to inspect `served`/`refused`.
    """
    options = _check_variant(variant)
    if not title:
        raise ValueError("Een PDF heeft een titel nodig (PDF/UA, PDF/A).")
    fetcher = url_fetcher if url_fetcher is not None else safe_url_fetcher()
    if not isinstance(fetcher, SafeURLFetcher):
        raise TypeError("Gebruik een SafeURLFetcher.")
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render(
        **options
    )
    document.metadata.title = title
    document.metadata.lang = document.metadata.lang or "nl"
    return document


def html_to_pdf(
    html: str,
    *,
    title: str,
    variant: str = ARCHIEF_VARIANT,
    url_fetcher: SafeURLFetcher | None = None,
) -> bytes:
    """Render trusted HTML to PDF bytes (see html_to_document)."""
    document = html_to_document(
        html, title=title, variant=variant, url_fetcher=url_fetcher
    )
    return document.write_pdf(**_check_variant(variant))


def render_document(
    template_name: str, context: dict, *, title: str, variant: str = ARCHIEF_VARIANT
) -> Document:
    """Render a Django template (autoescaped, Dutch) to a WeasyPrint document.

    The template gets `pdf_title` (= title) in its context; extend "pdf/base.html" for
    a letter. Dates, month names and numbers are formatted in Dutch whatever language
    the caller (a Celery worker, a test) has active.
    """
    bronnen = briefhoofd_bronnen(context.get("gemeente"))
    with translation.override("nl"):
        html = render_to_string(
            template_name,
            {
                "concept": False,  # a voorbeeld says so (pdf/base.html)
                **context,
                "pdf_title": title,
                "briefhoofd_logo": LOGO_URL if bronnen else None,
            },
        )
        return html_to_document(
            html, title=title, variant=variant, url_fetcher=safe_url_fetcher(bronnen)
        )


def render_pdf(
    template_name: str, context: dict, *, title: str, variant: str = ARCHIEF_VARIANT
) -> bytes:
    """Render a Django template (autoescaped, Dutch) to PDF bytes (see
    render_document)."""
    document = render_document(template_name, context, title=title, variant=variant)
    return document.write_pdf(**_check_variant(variant))


def write_pdf(document: Document, *, variant: str = ARCHIEF_VARIANT) -> bytes:
    """The PDF bytes of a document from render_document."""
    return document.write_pdf(**_check_variant(variant))


def documents_to_pdf(
    documents: list[Document], *, title: str, variant: str = ARCHIEF_VARIANT
) -> bytes:
    """One PDF of the pages of several rendered documents, in order, without
    rendering them again (WeasyPrint's `Document.copy`, the way its documentation
    combines documents). The title is the combined file's own."""
    if not documents:
        raise ValueError("Geen documenten om samen te voegen.")
    combined = documents[0].copy([page for doc in documents for page in doc.pages])
    # copy() shares the first document's metadata object: give the copy its own.
    combined.metadata = copy.copy(documents[0].metadata)
    combined.metadata.title = title
    return write_pdf(combined, variant=variant)


__all__ = [
    "ARCHIEF_VARIANT",
    "LOGO_URL",
    "briefhoofd_bronnen",
    "PDF_BASE_URL",
    "PDF_VARIANTS",
    "SafeURLFetcher",
    "URLRefused",
    "documents_to_pdf",
    "html_to_document",
    "html_to_pdf",
    "render_document",
    "render_pdf",
    "write_pdf",
    "resolve_static_url",
    "safe_url_fetcher",
]
