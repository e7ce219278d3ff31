"""AC-04, every page: an RSD klantmanager never sees health or trauma data, in any
HTML page, htmx fragment, PDF, CSV or JSON they can reach.

Every text field of the brede intake's health row (IntakeGezondheid) holds a health
canary, and every free text of every person-data model (COA profiel, notes,
verwijzingen, verslagen, reasons...) a canary of its own (tests/security/canaries.py,
`Canaries`). The klantmanager of the client then crawls: every URL pattern filled
with their client's ids (every letter, too), plus every link (`href`, `hx-get`) and
redirect found on the way, breadth-first and bounded. PDFs are read with pdftotext.

- The health canaries must never appear (hard assertion).
- A free text that *may* hold health data but that the klantmanager does see is a
  finding for the lead to decide on: such fields are listed in SEEN_BY_KLANTMANAGER
  and their test is an xfail(strict=True) with the reason, so that it stays visible
  and fails as soon as the page stops showing it (then remove the entry).
"""

import html
import re
from collections import deque
from urllib.parse import urldefrag

import pytest

from intake.models import IntakeGezondheid
from tests.security.canaries import Canaries
from tests.security.requesting import body_text, request_rolled_back
from tests.security.url_filling import fill_url
from tests.urlwalk import all_urls

pytestmark = pytest.mark.django_db

MAX_REQUESTS = 1200
LINK = re.compile(r"""(?:href|hx-get)\s*=\s*["']([^"']+)["']""")

# Free texts the klantmanager sees today, with why they may hold health data. The
# lead decides per field (hide it from the RSD, or accept and document it); until
# then each is a strict xfail. Keys are "app.Model.field".
SEEN_BY_KLANTMANAGER = {
    "pip_plans.Pip.participatiewet_onderdelen": (
        "FINDING: the PIP's 'onderdelen Participatiewet' (free text by the "
        "casusregisseur; may state medical limits on work) is on the RSD client "
        "page (rsd_klant), by design of issue 5."
    ),
    "leerroutes.Voortgangsgesprek.afspraken": (
        "FINDING: the afspraken of a voortgangsgesprek the RSD attended (free text; "
        "may name treatment or health) are on the RSD client page, by design."
    ),
    "leerroutes.Voortgangsgesprek.deelnemers": (
        "FINDING: the participants of a voortgangsgesprek the RSD attended (free "
        "text; may name a GGZ worker or doctor) are on the RSD client page."
    ),
    "leerroutes.Participatieactiviteit.omschrijving": (
        "FINDING: the description of a participation activity (free text; may "
        "mention e.g. dagbesteding in a GGZ setting) is on the RSD route page; the "
        "RSD records these activities itself."
    ),
    "pip_plans.Maatregel.omschrijving": (
        "FINDING: the omschrijving of a Participatiewet maatregel (free text; a "
        "verwijtbaarheid assessment may mention health) is on the RSD maatregelen "
        "page; the RSD records it itself."
    ),
}
# Other markers: a DUO verlenging granted for illness ("ziekte" is health data);
# its DUO kenmerk shows where a verlenging is displayed.
OTHER_MARKERS = {"DUOVERLKAN": "pip_plans.Verlenging (reden: ziekte)"}


class Crawl:
    """What the klantmanager reached: per canary label the URLs showing it."""

    def __init__(self):
        self.found: dict[str, set[str]] = {}
        self.statuses: dict[str, int] = {}
        self.content_types: dict[str, str] = {}

    def ok(self) -> set[str]:
        return {url for url, status in self.statuses.items() if status == 200}


def _seeds(scenario) -> list[str]:
    eigen = scenario.eigen
    seeds = []
    for route, _name, _ in all_urls():
        if route.startswith("brieven/"):
            for brief in eigen.brieven.values():
                seeds.append(fill_url(route, eigen, scenario, brief=brief))
        else:
            seeds.append(fill_url(route, eigen, scenario))
    return seeds


def _links(text: str) -> list[str]:
    links = []
    for raw in LINK.findall(text):
        url = urldefrag(html.unescape(raw)).url
        if url.startswith("/") and not url.startswith(("//", "/static/")):
            links.append(url)
    return links


def crawl(scenario, client) -> Crawl:
    result = Crawl()
    queue = deque(_seeds(scenario))
    seen = set(queue)
    while queue and len(result.statuses) < MAX_REQUESTS:
        url = queue.popleft()
        response = request_rolled_back(client, "get", url)
        result.statuses[url] = response.status_code
        content_type = response.get("Content-Type", "")
        result.content_types[url] = content_type
        text = body_text(response)
        labels = scenario.canaries.found(text)
        labels |= {label for mark, label in OTHER_MARKERS.items() if mark in text}
        for label in labels:
            result.found.setdefault(label, set()).add(url)
        follow = []
        if response.status_code in (301, 302):
            follow.append(response["Location"])
        elif response.status_code == 200 and "html" in content_type:
            follow.extend(_links(text))
        for link in follow:
            if link.startswith("/") and link not in seen:
                seen.add(link)
                queue.append(link)
    assert not queue, f"crawl stopped at {MAX_REQUESTS} requests: raise the bound"
    return result


@pytest.fixture
def klantmanager_crawl(scenario, login_as) -> Crawl:
    """The klantmanager's crawl, made once per module (requests are rolled back)."""
    if not hasattr(scenario, "_km_crawl"):
        scenario._km_crawl = crawl(scenario, login_as("km"))
    return scenario._km_crawl


def test_ac04_klantmanager_finds_no_health_data_on_any_page(
    scenario, klantmanager_crawl
):
    canaries = scenario.canaries
    # The canaries are really in the rows the crawl could leak.
    for code, label in canaries.health.items():
        field = label.rsplit(".", 1)[1]
        assert IntakeGezondheid.objects.filter(**{f"{field}__contains": code}).count()
    leaks = {
        label: sorted(urls)
        for label, urls in klantmanager_crawl.found.items()
        if label in canaries.health.values()
    }
    assert not leaks, leaks
    # Nor the DUO verlenging granted for illness.
    for label in OTHER_MARKERS.values():
        assert label not in klantmanager_crawl.found, klantmanager_crawl.found[label]
    ok = klantmanager_crawl.ok()
    # The crawl reached the klantmanager's own pages, the letter PDF and followed
    # links beyond the URL patterns.
    eigen = scenario.eigen.dossier.pk
    for must in (
        f"/rsd/klanten/{eigen}/",
        f"/rsd/klanten/{eigen}/route/",
        f"/rsd/klanten/{eigen}/ontzorgen/",
        f"/rsd/klanten/{eigen}/maatregelen/",
        f"/brieven/{scenario.eigen['brief'].pk}/pdf/",
    ):
        assert must in ok, (must, sorted(ok))
    pdfs = [
        url
        for url in ok
        if klantmanager_crawl.content_types[url].startswith("application/pdf")
    ]
    assert pdfs, "no PDF reached"
    assert len(ok) >= 8, sorted(ok)
    assert len(klantmanager_crawl.statuses) >= 180


def test_ac04_the_canaries_are_found_where_they_may_be_shown(scenario, login_as):
    """Positive control: the casusregisseur (GEZONDHEID_ROLES) does see the health
    canaries on the brede intake, so a leak would be found by the same search."""
    client = login_as("cr")
    dossier = scenario.eigen.dossier.pk
    page = body_text(client.get(f"/dossiers/{dossier}/intake/"))
    assert set(scenario.canaries.health.values()) <= scenario.canaries.found(page)
    page = body_text(client.get(f"/dossiers/{dossier}/pip/"))
    assert all(marker in page for marker in OTHER_MARKERS)


def _free_text_cases():
    cases = []
    for label in sorted(Canaries().free.values()):
        marks = []
        if label in SEEN_BY_KLANTMANAGER:
            marks.append(
                pytest.mark.xfail(strict=True, reason=SEEN_BY_KLANTMANAGER[label])
            )
        cases.append(pytest.param(label, marks=marks, id=label))
    return cases


@pytest.mark.parametrize("label", _free_text_cases())
def test_ac04_free_text_that_may_hold_health_data_is_not_shown_to_klantmanager(
    scenario, klantmanager_crawl, label
):
    urls = sorted(klantmanager_crawl.found.get(label, ()))
    assert not urls, f"{label} is shown to the RSD klantmanager on {urls}"


def test_ac04_every_free_text_finding_is_still_a_field():
    labels = set(Canaries().free.values())
    assert len(labels) >= 40
    assert set(SEEN_BY_KLANTMANAGER) <= labels, set(SEEN_BY_KLANTMANAGER) - labels
