"""The pages' queries read the big tables through an index (issue 18).

On 1,000 seeded dossiers (monitoring.benchmark, the data `manage.py benchmark`
times) after ANALYZE, every SELECT a page runs is EXPLAINed: no sequential scan of
a table that grows with the region. At 100,000 dossiers such a scan was the
difference between 5 and 50-400 ms a page (the housemates lookup of the dossier
page, the werkvoorraad's sort orders)."""

from django.db import connection
from django.urls import reverse

import pytest

from intake.models import Inburgeraar, Status, WerkvoorraadVoorkeur
from monitoring.benchmark.data import geseede_dossiers
from monitoring.benchmark.referentie import gebruikers
from monitoring.benchmark.seed import seed
from monitoring.werkvoorraad import SORT_CHOICES

pytestmark = pytest.mark.django_db

AANTAL = 1000
# The tables that grow with the number of dossiers.
GROTE_TABELLEN = (
    "intake_inburgeraar",
    "intake_bredeintake",
    "pip_plans_pip",
    "leerroutes_traject",
    "leerroutes_urenregistratie",
    "monitoring_signaal",
    "verwerkingen_verwerking",
)
# Sorting by the gemeente's name orders by a column of another table; no index on
# the dossiers can give that order (3 gemeenten: the sort reads every dossier).
ZONDER_INDEX = {"gemeente"}


@pytest.fixture
def geseed():
    seed(AANTAL - geseede_dossiers().count())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return gebruikers()


def selects(client, url) -> list[tuple[str, object]]:
    """The SELECTs of one GET of `url`, with their parameters."""
    queries = []

    def bewaar(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(bewaar):
        response = client.get(url)
    assert response.status_code == 200
    return [(sql, p) for sql, p in queries if sql.lstrip().upper().startswith("SELECT")]


def plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def werkvoorraad_queries(client, kenmerk: str) -> list[tuple[str, object]]:
    """The SELECTs of the dossiers in one GET of the werkvoorraad that hold
    `kenmerk` (" LIMIT ": the page's list)."""
    return [
        (sql, p)
        for sql, p in selects(client, reverse("monitoring:werkvoorraad"))
        if 'FROM "intake_inburgeraar"' in sql and kenmerk in sql
    ]


def assert_geen_scan_van_de_dossiers(queries) -> None:
    for sql, params in queries:
        uitleg = plan(sql, params)
        assert "Seq Scan on intake_inburgeraar" not in uitleg, uitleg


def volledige_scans(plan_tekst: str) -> list[str]:
    return [t for t in GROTE_TABELLEN if f"Seq Scan on {t} " in plan_tekst + " "]


def test_database_compiles_no_queries_just_in_time():
    """JIT compilation cost more than it saved on the report's queries (settings)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize(
    "sorteer", [s for s, _ in SORT_CHOICES if s not in ZONDER_INDEX]
)
def test_werkvoorraad_page_is_read_from_an_index_in_every_sort_order(
    geseed, client_for, sorteer
):
    casusregisseur, _ = geseed
    WerkvoorraadVoorkeur.objects.create(
        user=casusregisseur, filters={"sorteer": sorteer}
    )
    lijst = werkvoorraad_queries(client_for(casusregisseur), " LIMIT ")
    assert lijst, "the werkvoorraad reads one page of dossiers"
    assert_geen_scan_van_de_dossiers(lijst)


@pytest.mark.parametrize(
    "pagina",
    ["monitoring:dossier", "pip_plans:pip", "leerroutes:route"],
)
def test_dossier_pages_read_no_big_table_whole(geseed, client_for, pagina):
    """The dossier page (its housemates by address included), the PIP page and the
    route page of a dossier in traject."""
    casusregisseur, _ = geseed
    dossier = (
        Inburgeraar.objects.visible_to(casusregisseur)
        .filter(status=Status.IN_TRAJECT, termijn__isnull=False)
        .order_by("bsn")
        .first()
    )
    client = client_for(casusregisseur)
    queries = selects(client, reverse(pagina, args=[dossier.pk]))
    if pagina == "monitoring:dossier":
        assert any('"postcode" =' in sql for sql, _ in queries), "housemates lookup"
    for sql, params in queries:
        uitleg = plan(sql, params)
        assert not volledige_scans(uitleg), f"{sql}\n{uitleg}"


def test_a_name_search_without_accents_is_read_from_the_trigram_index(
    geseed, client_for
):
    """The search "dogan" finds "Doğan" through unaccent; the werkvoorraad reads
    the dossiers through an index, the search through the trigram index on the
    unaccented name, never the whole table."""
    casusregisseur, _ = geseed
    dossier = Inburgeraar.objects.visible_to(casusregisseur).order_by("bsn").first()
    Inburgeraar.objects.filter(pk=dossier.pk).update(achternaam="Doğan")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_inburgeraar")
    client = client_for(casusregisseur)
    client.post(reverse("monitoring:werkvoorraad"), {"zoek": "dogan"})
    queries = werkvoorraad_queries(client, "inburgeraar_zoeknaam")
    assert queries, "the werkvoorraad searches the name"
    assert_geen_scan_van_de_dossiers(queries)
    # Which index the page's query takes depends on the scope's size (here the
    # gemeenten hold 1,000 dossiers, and reading them by gemeente is as cheap); the
    # search itself, over the whole table, is read from the trigram index.
    zoek = Inburgeraar.objects.search_terms("dogan")
    uitleg = plan(*Inburgeraar.objects.search(zoek).query.sql_with_params())
    assert "Bitmap Index Scan on inburgeraar_zoeknaam_trgm_idx" in uitleg, uitleg
    page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert reverse("monitoring:dossier", args=[dossier.pk]) in page
