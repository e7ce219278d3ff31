"""The verwerkingenlog at scale (issue 18): its search pages without counting the
log, its export streams."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from tests.downloads import csv_rows
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering import exports
from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Actie, Verwerking

pytestmark = pytest.mark.django_db

ZOEKEN = reverse("verwerkingen:zoeken")
EXPORT = reverse("verwerkingen:export")


@pytest.fixture
def vijf_rijen(dossier, casusregisseur):
    for n in range(5):
        log.log_dossiers_changed(
            [dossier], user=casusregisseur, actie_naam=f"Wijziging {n}", handeling="T"
        )


def test_the_search_pages_without_a_count_query(
    client_for, functioneel_beheerder, vijf_rijen, settings
):
    settings.PAGE_SIZE = 2
    client = client_for(functioneel_beheerder)
    client.get(ZOEKEN)  # warm up: session, caches
    for pagina in ("1", "2", "3"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(ZOEKEN, {"pagina": pagina})
        assert response.status_code == 200
        sqls = [q["sql"] for q in ctx.captured_queries]
        assert not [sql for sql in sqls if "COUNT(" in sql.upper()], sqls


def test_the_search_pages_read_pagina_n_with_vorige_and_volgende(
    client_for, functioneel_beheerder, vijf_rijen, settings
):
    settings.PAGE_SIZE = 2
    client = client_for(functioneel_beheerder)
    html = client.get(ZOEKEN, {"pagina": "2"}).content.decode()
    assert 'aria-label="Paginering"' in html
    assert 'aria-current="page"><span class="page-link">Pagina 2</span>' in html
    assert 'href="?pagina=1">Vorige</a>' in html
    assert 'href="?pagina=3">Volgende</a>' in html
    assert "Verwerking 3 tot en met 4, nieuwste eerst." in html
    assert " van " not in html.split('aria-label="Paginering"')[1]

    html = client.get(ZOEKEN, {"pagina": "3"}).content.decode()
    assert "Vorige" in html and "Volgende" not in html


@pytest.mark.parametrize("pagina", ["999", "abc", "-1"])
def test_a_page_that_does_not_exist_shows_the_first(
    client_for, functioneel_beheerder, vijf_rijen, settings, pagina
):
    settings.PAGE_SIZE = 2
    response = client_for(functioneel_beheerder).get(ZOEKEN, {"pagina": pagina})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert "Verwerking 1 tot en met 2" in response.content.decode()


def test_an_empty_search_says_so(client_for, functioneel_beheerder):
    html = client_for(functioneel_beheerder).get(ZOEKEN).content.decode()
    assert "Geen verwerkingen gevonden." in html
    assert 'aria-label="Paginering"' not in html


def test_the_export_streams_every_row_over_several_chunks(
    client_for, functioneel_beheerder, vijf_rijen, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    response = client_for(functioneel_beheerder).get(EXPORT)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="verwerkingenlog.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    rows = csv_rows(response)
    assert rows[0][:3] == ["Tijdstip", "Actie", "Omschrijving"]
    assert sorted(r[2] for r in rows[1:]) == [f"Wijziging {n}" for n in range(5)]


def test_the_export_neutralises_formulas(client_for, functioneel_beheerder, dossier):
    log.log_dossiers_changed(
        [dossier],
        user=functioneel_beheerder,
        actie_naam='=HYPERLINK("https://example.org")',
        handeling="@SUM(A1)",
    )
    response = client_for(functioneel_beheerder).get(EXPORT)
    (rij,) = csv_rows(response)[1:]
    assert rij[2] == '\'=HYPERLINK("https://example.org")'
    assert rij[3] == "'@SUM(A1)"


def test_an_inzageverzoek_export_is_logged_once_and_does_not_list_itself(
    client_for, functioneel_beheerder, dossier, casusregisseur, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    for _ in range(3):
        log.log_dossier_viewed(dossier, user=casusregisseur)
    client = client_for(functioneel_beheerder)
    client.post(ZOEKEN, {"bsn": dossier.bsn})
    response = client.get(EXPORT)
    # Written before the response is returned, not when the stream ends.
    assert Verwerking.objects.filter(actie=Actie.EXPORTEREN).count() == 1
    assert len(csv_rows(response)) == 1 + 3
    assert Verwerking.objects.filter(actie=Actie.EXPORTEREN).count() == 1


def test_the_export_holds_only_the_users_gemeenten(
    client_for, functioneel_beheerder, dossier, dossier_duiven, casusregisseur
):
    log.log_dossier_viewed(dossier, user=casusregisseur)
    log.log_dossier_viewed(dossier_duiven, user=casusregisseur)
    rows = csv_rows(client_for(functioneel_beheerder).get(EXPORT))[1:]
    assert [r[9] for r in rows] == [str(dossier.pk)]


def test_the_export_reads_in_chunks_without_skipping_or_repeating_a_row(
    client_for, functioneel_beheerder, dossier, casusregisseur, zevenaar, monkeypatch
):
    """Rows written together share their tijdstip: the chunks continue after the
    last row by (tijdstip, id), also inside such a group."""
    anderen = [InburgeraarFactory(gemeente=zevenaar) for _ in range(4)]
    log.log_dossiers_listed([dossier, *anderen], user=casusregisseur)  # 5, one moment
    log.log_dossier_viewed(dossier, user=casusregisseur)
    log.log_dossier_viewed(anderen[0], user=casusregisseur)
    verwacht = [
        str(span)
        for span in Verwerking.objects.order_by("-tijdstip", "id").values_list(
            "span_id", flat=True
        )
    ]
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    with CaptureQueriesContext(connection) as ctx:
        rows = csv_rows(client_for(functioneel_beheerder).get(EXPORT))[1:]
    assert [r[13] for r in rows] == verwacht
    chunk_queries = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "verwerkingen_verwerking"' in q["sql"] and "LIMIT 2" in q["sql"]
    ]
    assert len(chunk_queries) == 4  # 2 + 2 + 2 + 1 of the 7 rows
