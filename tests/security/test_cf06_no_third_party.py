"""CF-06: no third-party origins. Nothing a page (or a PDF) loads comes from anywhere
but our own origin: no CDN, no web font service, no tracker.

What counts as a *load*, and so fails outside ALLOWED_URLS:

* HTML and templates: `src`, `srcset`, `poster`, `data`, `action`, `formaction`,
  `background`, `manifest`, `xlink:href`, and `href` on anything but `<a>` (a
  `<link>` of any rel is fetched or at least resolved: stylesheet, icon, preload,
  preconnect, dns-prefetch); `<meta http-equiv="refresh" content="0; url=…">`;
* CSS (files, `<style>` blocks, `style=""`): `url(…)` and `@import`;
* JavaScript: `fetch(`, `import(`, `importScripts(`, `sendBeacon(`, `open(`,
  `new WebSocket/EventSource/Worker(`, `setAttribute(…,`, `.src=`/`.href=`/
  `.action=` with a URL literal, and any string literal that *starts* with a URL.

What is not a load, and why it may stay:

* `<a href="https://wetten.overheid.nl/…">`: navigation the user chooses; the page
  makes no request for it (and CSP does not govern navigation);
* comments (license headers of the vendored Bootstrap and htmx, doc comments):
  never executed or fetched;
* a URL inside prose (an error message of Bootstrap that names Popper's docs, user
  text in a template): text, not an address the code requests;
* XML namespace and DTD identifiers (`xmlns="http://www.w3.org/2000/svg"`): names,
  never dereferenced.
* source maps (`*.map`) are not scanned: only developer tools fetch them, and only
  from our own origin (`sourceMappingURL` is relative).
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.template import engines

import pytest

ROOT = Path(__file__).resolve().parents[2]

# URLs that may appear in a load position anyway, each with the reason.
ALLOWED_URLS = {
    "http://www.w3.org/2000/svg": "SVG namespace identifier, never fetched",
    "http://www.w3.org/1999/xlink": "XLink namespace identifier, never fetched",
    "http://www.w3.org/1999/xhtml": "XHTML namespace identifier, never fetched",
    "http://www.w3.org/XML/1998/namespace": "XML namespace identifier",
}

SCANNED_SUFFIXES = {".html", ".htm", ".txt", ".css", ".js", ".mjs", ".svg", ".xml"}

URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s"'`()<>\\]*""")
ABSOLUTE = re.compile(r"https?://", re.I)

HTML_LOAD_ATTR = re.compile(
    r"""\b(src|srcset|poster|data|action|formaction|background|manifest|"""
    r"""xlink:href|href)\s*=\s*["']?[^"'<>]*$""",
    re.I,
)
META_REFRESH = re.compile(r"""content\s*=\s*["'][^"']*url=\s*$""", re.I)
CSS_LOAD = re.compile(r"""(url\(\s*["']?|@import\s+(url\(\s*)?["']?)$""", re.I)
JS_LOAD = re.compile(
    r"""(\b(fetch|import|importScripts|sendBeacon|open|WebSocket|EventSource|"""
    r"""Worker|SharedWorker|setAttribute)\s*\((?:[^()]*,)?\s*|"""
    r"""\.(src|href|action)\s*=\s*)["'`]$"""
)
STRING_START = re.compile(r"""["'`]$""")
COMMENTS = {
    "css": [re.compile(r"/\*.*?\*/", re.S)],
    "js": [re.compile(r"/\*.*?\*/", re.S)],
    "html": [
        re.compile(r"<!--.*?-->", re.S),
        re.compile(r"\{#.*?#\}", re.S),
        re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    ],
}


def kind_of(path: Path) -> str:
    return {".css": "css", ".js": "js", ".mjs": "js"}.get(path.suffix, "html")


def _spans(patterns, text):
    return [m.span() for p in patterns for m in p.finditer(text)]


def _in(spans, position):
    return any(start <= position < end for start, end in spans)


def _open_tag(before: str) -> str | None:
    """The name of the tag whose attributes `before` ends in, if any."""
    lt, gt = before.rfind("<"), before.rfind(">")
    if lt <= gt:
        return None
    match = re.match(r"<\s*([A-Za-z][\w:-]*)", before[lt:])
    return match.group(1).lower() if match else None


def loads_in(text: str, kind: str) -> list[tuple[int, str]]:
    """(line, url) of every third-party load in `text` (see the module docstring)."""
    comments = _spans(COMMENTS[kind], text)
    found = []
    for match in URL.finditer(text):
        url, start = match.group(0), match.start()
        if _in(comments, start) or url in ALLOWED_URLS:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start]
        if kind == "js" and line.lstrip().startswith(("//", "*")):
            continue  # a line comment or a doc-comment line
        before = text[max(0, start - 300) : start]
        load = False
        if kind in ("html", "css") or "<" in line:
            tag = _open_tag(before)
            if tag is not None:
                attr = HTML_LOAD_ATTR.search(before)
                if attr and not (attr.group(1).lower() == "href" and tag == "a"):
                    load = True
                if META_REFRESH.search(before):
                    load = True
        if CSS_LOAD.search(before):
            load = True
        if kind == "js" and (JS_LOAD.search(before) or STRING_START.search(before)):
            load = True
        if load:
            found.append((text.count("\n", 0, start) + 1, url))
    return found


# --- which files ----------------------------------------------------------------------


def template_dirs() -> list[Path]:
    """Our templates: the project's DIRS and the templates/ of our own apps."""
    ours = []
    for directory in engines["django"].template_dirs:
        path = Path(directory).resolve()
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            ours.append(path)
    return ours


def static_dirs() -> list[Path]:
    """STATICFILES_DIRS as served: our static/ and the vendored npm dist folders."""
    dirs = []
    for entry in settings.STATICFILES_DIRS:
        directory = entry[1] if isinstance(entry, tuple | list) else entry
        dirs.append(Path(directory))
    return dirs


def scanned_files() -> list[Path]:
    files = []
    for directory in template_dirs() + static_dirs():
        files += [
            path
            for path in sorted(directory.rglob("*"))
            if path.is_file() and path.suffix in SCANNED_SUFFIXES
        ]
    return files


# --- the tests ------------------------------------------------------------------------


def test_cf06_the_scan_covers_templates_static_and_vendored_files():
    files = scanned_files()
    names = {str(p.relative_to(ROOT)) for p in files if p.is_relative_to(ROOT)}
    assert len(files) >= 100, len(files)
    for expected in (
        "templates/base.html",
        "static/css/app.css",
        "static/img/favicon.svg",
        "node_modules/bootstrap/dist/css/bootstrap.min.css",
        "node_modules/htmx.org/dist/htmx.min.js",
    ):
        assert expected in names, expected
    # the PDF templates (WeasyPrint would fetch what they load) are in too
    assert any(n.startswith("templates/pdf/") for n in names)


def test_cf06_no_template_or_static_file_loads_from_another_origin():
    problems = []
    for path in scanned_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, url in loads_in(text, kind_of(path)):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {url}")
    assert not problems, "\n".join(problems)


def test_cf06_every_allowed_url_is_a_name_not_a_resource():
    for url, reason in ALLOWED_URLS.items():
        assert urlsplit(url).hostname == "www.w3.org", url
        assert reason


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        ("html", '<script src="https://cdn.example.com/x.js"></script>'),
        ("html", '<link rel="stylesheet" href="//fonts.googleapis.com/css">'),
        ("html", "<link rel=preconnect href=https://fonts.gstatic.com>"),
        ("html", '<img class="logo" alt="" src="http://tracker.example/p.gif">'),
        ("html", '<div style="background: url(https://x.example/a.png)"></div>'),
        ("html", "<style>@import url('https://x.example/a.css');</style>"),
        ("html", '<meta http-equiv="refresh" content="0; url=https://x.example/">'),
        ("html", '<svg><image xlink:href="https://x.example/a.png"/></svg>'),
        ("css", 'body { background: url("https://x.example/bg.png"); }'),
        ("css", '@import "https://x.example/theme.css";'),
        ("js", 'fetch("https://api.example.com/v1")'),
        ("js", "el.src = 'https://x.example/a.js';"),
        ("js", 'const ENDPOINT = "https://collect.example.com/";'),
    ],
)
def test_cf06_self_test_loads_are_caught(kind, source):
    assert loads_in(source, kind), source


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        ("html", '<a href="https://wetten.overheid.nl/BWBR0044770">Wet</a>'),
        ("html", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("html", "<!-- see https://example.com/ --><p>tekst</p>"),
        ("html", "{# https://cdn.example.com/x.js #}"),
        ("html", "<p>Zie https://www.zevenaar.nl voor meer.</p>"),
        ("css", "/*! Bootstrap (https://getbootstrap.com/) */ a{color:red}"),
        (
            "css",
            "a{background:url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e\")}",
        ),
        ("js", "/*! htmx https://htmx.org */ var a = 1;"),
        ("js", "  // see https://bugs.webkit.org/show_bug.cgi?id=13724\n"),
        ("js", 'throw new TypeError("requires Popper (https://popper.js.org)")'),
    ],
)
def test_cf06_self_test_non_loads_pass(kind, source):
    assert loads_in(source, kind) == [], source


class _Loads(HTMLParser):
    """Every URL a rendered page makes the browser load."""

    ATTRS = {
        "script": ("src",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "source": ("src", "srcset"),
        "iframe": ("src",),
        "video": ("src", "poster"),
        "audio": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "image": ("href", "xlink:href"),
        "use": ("href", "xlink:href"),
        "form": ("action",),
    }

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.ATTRS.get(tag, ()) and value:
                for part in value.split(","):
                    self.urls.append((tag, part.strip().split(" ")[0]))

    handle_startendtag = handle_starttag


def third_party(urls, host="testserver"):
    bad = []
    for tag, url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("", "data") and not url.startswith("//"):
            continue  # relative to our origin, or inline
        if parts.hostname != host or parts.scheme not in ("http", "https"):
            bad.append((tag, url))
    return bad


@pytest.mark.django_db
def test_cf06_rendered_pages_load_nothing_from_another_origin(
    client_for, casusregisseur, dossier
):
    client = client_for(casusregisseur)
    pages = ["/", f"/dossiers/{dossier.pk}/", f"/dossiers/{dossier.pk}/pip/"]
    loaded = []
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        parser = _Loads()
        parser.feed(response.content.decode())
        assert third_party(parser.urls) == [], (page, third_party(parser.urls))
        loaded += parser.urls
    tags = {tag for tag, _url in loaded}
    # The pages do load things (stylesheets, htmx, the icon): the check had input.
    assert {"script", "link"} <= tags, loaded
    assert len(loaded) >= 3 * len(pages), loaded
    assert third_party([("script", "https://cdn.example.com/x.js")])


def test_cf06_the_csp_names_no_other_origin():
    from csp.constants import NONCE, NONE, SELF

    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
    assert policy, "no CONTENT_SECURITY_POLICY (django-csp) in settings"
    directives = policy["DIRECTIVES"]
    assert directives, "no CSP directives"
    for directive, sources in directives.items():
        if isinstance(sources, str | bool) or sources is None:
            continue  # flags such as upgrade-insecure-requests
        for source in sources:
            assert source in (SELF, NONE, NONCE, "data:"), (directive, source)
    assert not ABSOLUTE.search(str(directives))
