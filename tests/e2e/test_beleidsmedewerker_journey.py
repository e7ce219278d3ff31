"""A beleidsmedewerker in a real browser: logs in and lands on the dashboard with the
charts of the latest regional report, requests the report of the last quarter for
Zevenaar, sees it wait in the queue, lets a real Celery worker (the project's app,
the real Redis broker, the test database) make it while htmx polls the state, and
downloads its PDF and CSV. No name or BSN of a dossier is shown anywhere. axe-core
checks the pages on the way (WCAG 2.1 A/AA)."""

import hashlib
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect

from monitoring.models import Kwartaalrapport, KwartaalrapportStatus
from monitoring.rapportage.basis import Periode, laatste_afgesloten_kwartaal
from monitoring.rapportage.rapport import rapport_maken
from tests.e2e.stappen import assert_unique_ids, klik_en_wacht, menu_volgen
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_handhaving_journey import pdf_tekst
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.celery import app

pytestmark = pytest.mark.e2e

TAAK = "monitoring.kwartaalrapport_maken"
# Making a report (figures, then WeasyPrint) takes seconds; a loaded machine more.
KLAAR_BINNEN_MS = 60_000
CSV_KOP = "Stand;Onderdeel;Tabel;Regel;Kolom;Waarde"
# (gemeente, voornamen, achternaam, brede intake gestart, PIP vastgesteld)
DOSSIERS = [
    ("Zevenaar", "Yusra", "Abdelkarim", True, True),
    ("Zevenaar", "Mehari", "Tsegaye", True, False),
    ("Zevenaar", "Nour", "Almasri", False, False),
    ("Duiven", "Rania", "Alhamwi", True, True),
    ("Duiven", "Samir", "Qasemi", False, False),
    ("Westervoort", "Dawit", "Gebremariam", True, False),
]


def _celery_laat_logging_met_rust(**kwargs) -> None:
    """A receiver of `setup_logging`: with one connected, the embedded worker leaves
    the logging of the test session alone (it would empty the root logger's handlers
    and set its level)."""


@pytest.fixture
def rapportwachtrij(live_server):
    """A queue of this test's own for the report task, for the duration of the test.

    Other test runs on this machine may have a worker consuming the shared default
    queue ("celery") of the same Redis, on another database: it would take our task
    and never find the row. So `monitoring.kwartaalrapport_maken` is routed to a
    queue with a unique name (`task_routes`; Celery rebuilds its router when the
    setting is updated through `app.conf.update`), and only the worker started in
    this test consumes it (`queues=[...]`). Afterwards the routes and the worker's
    queue selection are put back, and the queue and its binding are removed from
    Redis (kombu keeps a binding set per exchange)."""
    naam = f"e2e-kwartaalrapport-{uuid.uuid4().hex[:12]}"
    oude_routes = app.conf.task_routes
    queues = app.amqp.queues
    oude_selectie = queues._consume_from
    app.conf.update(task_routes={TAAK: {"queue": naam}})
    try:
        yield naam
    finally:
        app.conf.update(task_routes=oude_routes)
        queues._consume_from = oude_selectie
        with app.connection_for_write() as conn:
            wachtrij = queues[naam](conn.default_channel)
            wachtrij.declare()  # so that kombu knows the binding it has to delete
            wachtrij.delete()


def berichten_in(wachtrij: str) -> int:
    """The messages waiting in the queue (Redis drops a list that becomes empty)."""
    with app.connection_for_write() as conn:
        try:
            return conn.default_channel.queue_declare(
                queue=wachtrij, passive=True
            ).message_count
        except conn.channel_errors:
            return 0


@contextmanager
def rapport_worker(wachtrij: str):
    """An in-process worker of the project's app on the real broker, consuming only
    `wachtrij`. It runs in a thread of this process, so its Django connection
    (opened in that thread from the settings pytest-django pointed at the test
    database) sees the rows the test and the live server committed. Celery's Django
    fix-up closes that connection after each task, so none is left open when the
    test database is flushed or dropped. No ping check: the ping task would go to
    the shared default queue."""
    signals.setup_logging.connect(_celery_laat_logging_met_rust)
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            loglevel="WARNING",
            perform_ping_check=False,
            shutdown_timeout=30.0,
            queues=[wachtrij],
        ) as worker:
            yield worker
    finally:
        signals.setup_logging.disconnect(_celery_laat_logging_met_rust)


@pytest.fixture
def beleidsmedewerker_regio(db):
    return UserFactory(
        username="beleid.liemers",
        role=Role.BELEIDSMEDEWERKER,
        gemeenten=[gemeente(naam) for naam in ("Zevenaar", "Duiven", "Westervoort")],
    )


@pytest.fixture
def dossiers(db):
    """Six dossiers whose plicht started in the last finished quarter, some with a
    brede intake and a PIP."""
    periode = Periode(*laatste_afgesloten_kwartaal(timezone.localdate()))
    gemaakt = []
    for i, (naam, voornamen, achternaam, intake, pip) in enumerate(DOSSIERS):
        start = periode.begin + timedelta(days=5 * i)
        dossier = InburgeraarFactory(
            gemeente=gemeente(naam),
            voornamen=voornamen,
            achternaam=achternaam,
            datum_kennisgeving=start,
            start_inburgeringsplicht=start,
            pip_vastgesteld_op=start + timedelta(days=50) if pip else None,
        )
        if intake:
            BredeIntakeFactory(inburgeraar=dossier, gestart_op=start + timedelta(14))
        gemaakt.append(dossier)
    return gemaakt


@pytest.fixture
def regiorapport(dossiers):
    """The regional report of the last finished quarter, made beforehand as the
    quarterly job would (no requester)."""
    jaar, kwartaal = laatste_afgesloten_kwartaal(timezone.localdate())
    rapport = Kwartaalrapport.objects.create(jaar=jaar, kwartaal=kwartaal)
    assert rapport_maken(rapport.pk).status == KwartaalrapportStatus.KLAAR
    return rapport


def assert_geen_persoonsgegevens(tekst: str, dossiers, waar: str) -> None:
    for dossier in dossiers:
        for gegeven in (dossier.bsn, dossier.voornamen, dossier.achternaam):
            assert gegeven not in tekst, f"{gegeven!r} staat in {waar}"


def test_beleidsmedewerker_makes_and_downloads_a_kwartaalrapport(
    live_server,
    login,
    beleidsmedewerker_regio,
    dossiers,
    regiorapport,
    rapportwachtrij,
    tmp_path,
):
    jaar, kwartaal = regiorapport.jaar, regiorapport.kwartaal
    periode = f"{jaar} K{kwartaal}"
    page = login(beleidsmedewerker_regio)

    # --- The dashboard: the regional report with its charts ---------------------------
    expect(page).to_have_url(f"{live_server.url}/beleidsdoelen/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Beleidsdoelen en kwartaalcijfers"
    )
    expect(page.locator("p.lead")).to_have_text(
        f"Regio De Liemers · {jaar}, kwartaal {kwartaal}"
    )
    grafieken = page.locator("figure.rapport-grafiek")
    expect(grafieken.first).to_be_visible()
    assert grafieken.count() >= 3  # the policy goals, the funnel, the money
    expect(grafieken.locator("svg")).to_have_count(grafieken.count())
    expect(grafieken.locator("svg rect").first).to_be_attached()
    expect(grafieken.filter(has_text="streven").first).to_be_visible()
    expect(page.locator(".rapport table").first).to_be_visible()
    expect(page.locator(".rapport table tbody tr").first).to_be_visible()
    assert_geen_persoonsgegevens(page.locator("body").inner_text(), dossiers, "tekst")
    assert_geen_persoonsgegevens(page.content(), dossiers, "de HTML")
    assert_accessible(page, "het dashboard van de beleidsmedewerker")
    assert_unique_ids(page, "het dashboard")

    # --- Kwartaalrapporten: request Zevenaar's report of the last quarter -------------
    menu_volgen(page, "Kwartaalrapporten")
    expect(page).to_have_url(f"{live_server.url}/kwartaalrapporten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kwartaalrapporten")
    formulier = page.locator("form").filter(
        has=page.get_by_role("heading", name="Rapport maken")
    )
    formulier.get_by_label("Jaar").select_option(str(jaar))
    formulier.get_by_label("Kwartaal").select_option(str(kwartaal))
    formulier.get_by_label("Gemeente of regio").select_option(label="Zevenaar")
    klik_en_wacht(page, formulier.get_by_role("button", name="Maak rapport"))

    expect(page).to_have_url(f"{live_server.url}/kwartaalrapporten/")
    expect(
        page.get_by_text(
            f"Het kwartaalrapport {periode} voor Zevenaar is aangevraagd.",
            exact=False,
        )
    ).to_be_visible()
    rapport = Kwartaalrapport.objects.get(aangevraagd_door=beleidsmedewerker_regio)
    assert (rapport.jaar, rapport.kwartaal, rapport.gemeente) == (
        jaar,
        kwartaal,
        gemeente("Zevenaar"),
    )
    # Published on commit to this test's queue; no worker consumes it yet.
    assert berichten_in(rapportwachtrij) == 1
    rij = page.locator("tbody tr").filter(has=page.locator(f"#status-{rapport.pk}"))
    expect(rij).to_contain_text(periode)
    expect(rij).to_contain_text("Zevenaar")
    status = page.locator(f"#status-{rapport.pk}")
    expect(status).to_contain_text("In de wachtrij")
    expect(status).to_have_attribute("hx-trigger", "every 3s")
    # htmx polls the state and finds it unchanged: 204, htmx keeps what it shows.
    assert page.evaluate("typeof window.htmx") == "object", "htmx is niet geladen"
    with page.expect_response(
        lambda r: (
            f"/kwartaalrapporten/{rapport.pk}/status/?was=wachtrij" in r.url
            and r.status == 204
        )
    ):
        pass
    expect(status).to_contain_text("In de wachtrij")
    assert_accessible(page, "de kwartaalrapporten met een rapport in de wachtrij")
    assert_unique_ids(page, "de kwartaalrapporten")

    # --- A worker makes it; the polled state turns to "Klaar" -------------------------
    with rapport_worker(rapportwachtrij):
        expect(status.get_by_text("Klaar", exact=True)).to_be_visible(
            timeout=KLAAR_BINNEN_MS
        )
    rapport.refresh_from_db()
    assert rapport.status == KwartaalrapportStatus.KLAAR
    assert rapport.cijfers["gebied"] == "Zevenaar"
    assert berichten_in(rapportwachtrij) == 0  # acknowledged
    # The swapped-in state no longer polls.
    expect(page.locator(f"#status-{rapport.pk}")).not_to_have_attribute(
        "hx-trigger", "every 3s"
    )
    pdf_link = status.get_by_role("link", name=f"PDF van {periode} Zevenaar")
    csv_link = status.get_by_role("link", name=f"CSV van {periode} Zevenaar")
    expect(pdf_link).to_be_visible()
    expect(csv_link).to_be_visible()
    assert_accessible(page, "de kwartaalrapporten met een gemaakt rapport")

    # --- The PDF and the CSV ------------------------------------------------------------
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.suggested_filename == (
        f"kwartaalrapport-{jaar}-k{kwartaal}-zevenaar.pdf"
    )
    assert download.suggested_filename.endswith(".pdf")
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    inhoud = pdf.read_bytes()
    assert inhoud.startswith(b"%PDF")
    assert hashlib.sha256(inhoud).hexdigest() == rapport.sha256
    tekst = pdf_tekst(pdf)
    assert "Zevenaar" in tekst
    assert_geen_persoonsgegevens(tekst, dossiers, "de PDF")

    with page.expect_download() as download_info:
        csv_link.click()
    download = download_info.value
    assert download.suggested_filename == (
        f"kwartaalrapport-{jaar}-k{kwartaal}-zevenaar.csv"
    )
    csv = tmp_path / download.suggested_filename
    download.save_as(csv)
    csv_tekst = csv.read_text(encoding="utf-8-sig")
    assert CSV_KOP in csv_tekst
    assert csv_tekst.splitlines()[0] == CSV_KOP
    # The last quarter has ended: the report is final, and says so on every line.
    assert csv_tekst.splitlines()[1].startswith("definitief, stand van ")
    assert_geen_persoonsgegevens(csv_tekst, dossiers, "de CSV")

    # --- Bekijken: the dashboard shows Zevenaar's report, the select says so -----------
    klik_en_wacht(page, status.get_by_role("link", name=f"Bekijken {periode} Zevenaar"))
    expect(page.locator("p.lead")).to_contain_text(
        f"Zevenaar · {jaar}, kwartaal {kwartaal}"
    )
    expect(page.get_by_label("Gemeente of regio").first).to_have_value(
        str(gemeente("Zevenaar").pk)
    )
    expect(page.get_by_text("Voorlopig", exact=True)).to_have_count(0)
    assert_accessible(page, "het dashboard met het rapport van Zevenaar")


def test_een_lopend_kwartaal_is_voorlopig(
    live_server, login, beleidsmedewerker_regio, dossiers
):
    """The report of the quarter that is running is marked Voorlopig, with the
    date of its data, and the page stays accessible."""
    vandaag = timezone.localdate()
    lopend = Periode(vandaag.year, (vandaag.month - 1) // 3 + 1)
    rapport = Kwartaalrapport.objects.create(jaar=lopend.jaar, kwartaal=lopend.kwartaal)
    assert (
        rapport_maken(rapport.pk, stand=vandaag).status == KwartaalrapportStatus.KLAAR
    )
    page = login(beleidsmedewerker_regio)
    page.goto(f"{live_server.url}/beleidsdoelen/?rapport={rapport.pk}")
    expect(page.locator("p.lead .badge")).to_have_text("Voorlopig")
    expect(page.locator(".rapport-voorlopig")).to_contain_text(
        "was het kwartaal nog niet afgelopen"
    )
    assert_accessible(page, "het dashboard met een voorlopig rapport")
