"""The werkvoorraad at scale (issue 18): its export streams and logs each chunk of
dossiers before sending it; its total is counted only when the list is longer than
the page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.downloads import csv_rows
from tests.factories.intake import InburgeraarFactory
from tests.security.failing_log import log_write_fails
from zevenaar_inburgering import exports
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

WERKVOORRAAD = reverse("monitoring:werkvoorraad")
EXPORT = reverse("monitoring:werkvoorraad_export")


@pytest.fixture
def vijf(zevenaar):
    return [
        InburgeraarFactory(gemeente=zevenaar, achternaam=f"Naam{n}") for n in range(5)
    ]


def exportrijen():
    return Verwerking.objects.filter(actie=Actie.EXPORTEREN)


def test_the_export_streams_a_csv_for_excel(client_for, casusregisseur, vijf):
    response = client_for(casusregisseur).get(EXPORT)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="werkvoorraad.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    rows = csv_rows(response)
    assert rows[0][:3] == ["Naam", "Geboortedatum", "v-nummer"]
    assert [r[0].split()[-1] for r in rows[1:]] == [f"Naam{n}" for n in range(5)]
    assert rows[1][1] == "17-05-1990"


def test_the_export_neutralises_formulas(client_for, casusregisseur, zevenaar):
    InburgeraarFactory(gemeente=zevenaar, voornamen="=1+2", achternaam="Som")
    (rij,) = csv_rows(client_for(casusregisseur).get(EXPORT))[1:]
    assert rij[0].startswith("'=1+2")


@pytest.mark.parametrize(
    ("first_chunk", "chunk", "in_view"),
    [(100, 2, 2), (1, 3, 1)],  # chunks of 2 + 2 + 1 and of 1 + 3 + 1 dossiers
)
def test_every_exported_dossier_is_logged_once_under_one_trace_over_several_chunks(
    client_for, casusregisseur, vijf, monkeypatch, first_chunk, chunk, in_view
):
    monkeypatch.setattr(exports, "FIRST_CHUNK_SIZE", first_chunk)
    monkeypatch.setattr(exports, "CHUNK_SIZE", chunk)
    response = client_for(casusregisseur).get(EXPORT, HTTP_USER_AGENT="pytest-export")
    # The first chunk is read and logged in the view, the rest as the stream runs,
    # after the view (and the middleware's request context) has returned.
    assert exportrijen().count() == in_view
    with CaptureQueriesContext(connection) as ctx:
        rows = csv_rows(response)[1:]
    inserts = [
        q
        for q in ctx.captured_queries
        if 'INSERT INTO "verwerkingen_verwerking"' in q["sql"]
    ]
    assert len(inserts) == 2  # one per further chunk
    assert len(rows) == 5

    logged = list(exportrijen())
    assert sorted(row.object_id for row in logged) == sorted(str(d.pk) for d in vijf)
    assert len({row.trace_id for row in logged}) == 1
    assert len({row.parent_span_id for row in logged}) == 1
    assert logged[0].parent_span_id is not None
    assert len({row.span_id for row in logged}) == 5
    assert {row.actor for row in logged} == {casusregisseur}
    assert {row.handeling for row in logged} == {"Werkvoorraad"}
    # The request's origin, taken in the view, also on the rows written later.
    assert {row.oorsprong_ip for row in logged} == {"127.0.0.1"}
    assert {row.oorsprong_user_agent for row in logged} == {"pytest-export"}


def test_an_empty_export_has_its_header_and_logs_nothing(client_for, casusregisseur):
    rows = csv_rows(client_for(casusregisseur).get(EXPORT))
    assert len(rows) == 1 and rows[0][0] == "Naam"
    assert not exportrijen().exists()


def test_a_chunk_that_cannot_be_logged_is_not_sent(
    client_for, casusregisseur, vijf, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    response = client_for(casusregisseur).get(EXPORT)
    ontvangen = b""
    with log_write_fails() as attempted, pytest.raises(Exception, match="test"):
        for part in response.streaming_content:
            ontvangen += part
    assert [row.object_id for row in attempted] == [str(d.pk) for d in vijf[2:4]]
    tekst = ontvangen.decode("utf-8")
    assert not any(d.achternaam in tekst for d in vijf[2:])


def test_the_export_holds_only_the_users_dossiers(
    client_for, casusregisseur, dossier, dossier_duiven
):
    rows = csv_rows(client_for(casusregisseur).get(EXPORT))[1:]
    assert [r[0] for r in rows] == [dossier.naam]
    assert [row.object_id for row in exportrijen()] == [str(dossier.pk)]


# --- The page's total ---------------------------------------------------------------


def telqueries(ctx) -> list[str]:
    """The counts of the dossier list (not Te doen's counts per urgency group,
    which read the signals of the same dossiers)."""
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "COUNT(" in q["sql"].upper()
        and "intake_inburgeraar" in q["sql"]
        and "monitoring_signaal" not in q["sql"]
    ]


def test_a_list_that_fits_on_the_page_is_not_counted(client_for, casusregisseur, vijf):
    client = client_for(casusregisseur)
    client.get(WERKVOORRAAD)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(WERKVOORRAAD).content.decode()
    assert "5 dossiers" in html
    assert not telqueries(ctx)
    assert 'aria-label="Paginering"' not in html


def test_a_longer_list_is_counted_once_and_numbers_its_pages(
    client_for, casusregisseur, vijf, settings
):
    settings.PAGE_SIZE = 2
    client = client_for(casusregisseur)
    client.get(WERKVOORRAAD)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(WERKVOORRAAD, {"pagina": "2"}).content.decode()
    assert "5 dossiers" in html
    assert len(telqueries(ctx)) == 1
    assert "Pagina 2 van 3" in html
    assert 'href="?pagina=1">Vorige</a>' in html
    assert 'href="?pagina=3">Volgende</a>' in html

    with CaptureQueriesContext(connection) as ctx:
        html = client.get(WERKVOORRAAD, {"pagina": "3"}).content.decode()
    assert "5 dossiers" in html and "Pagina 3 van 3" in html
    assert not telqueries(ctx)  # the last page knows the total


@pytest.mark.parametrize("pagina", ["99", "nul"])
def test_a_page_that_does_not_exist_shows_the_first(
    client_for, casusregisseur, vijf, settings, pagina
):
    settings.PAGE_SIZE = 2
    response = client_for(casusregisseur).get(WERKVOORRAAD, {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["page"].number == 1
