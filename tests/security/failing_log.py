"""LG-02 helpers: making the verwerkingenlog write fail, and seeing that a request then
changed nothing, left no document and showed the Dutch error page.
"""

from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError

from zevenaar_inburgering.verwerkingen import log
from zevenaar_inburgering.verwerkingen.models import Verwerking

# Every app whose tables hold personal data or its log; all their rows are compared.
APPS = ["intake", "pip_plans", "leerroutes", "monitoring", "verwerkingen"]
ERROR_PAGE = "Er ging iets mis"


def snapshot() -> dict:
    """Every row of every table of APPS, by model, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for label in APPS
        for model in apps.get_app_config(label).get_models()
    }


def stored_documents() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@contextmanager
def log_write_fails(when=lambda row: True):
    """Make the verwerkingenlog INSERT (verwerkingen.log._insert) raise for a batch
    with a row matching `when`; yields the rows it was asked to write (and refused),
    as unsaved Verwerking objects."""
    original = log._insert
    attempted = []

    def insert(rijen):
        rijen = list(rijen)
        rows = [Verwerking(**rij) for rij in rijen]
        if any(when(row) for row in rows):
            attempted.extend(rows)
            raise DatabaseError("verwerkingenlog niet bereikbaar (test)")
        return original(rijen)

    with mock.patch.object(log, "_insert", insert):
        yield attempted


def assert_error_page(response):
    assert response.status_code == 500, response.status_code
    assert ERROR_PAGE in response.content.decode()


def assert_fails_closed(send, *, logged_actie: str):
    """`send()` fails as a whole when its log write fails, and succeeds (302, a
    change, a row with `logged_actie`) when it does not."""
    before, documents = snapshot(), stored_documents()
    with log_write_fails() as attempted:
        response = send()
    assert attempted, "the request never tried to write the verwerkingenlog"
    assert_error_page(response)
    assert snapshot() == before
    assert stored_documents() == documents

    response = send()
    assert response.status_code == 302, response.status_code
    assert snapshot() != before
    assert Verwerking.objects.filter(actie=logged_actie).exists()
