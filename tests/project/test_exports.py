"""exports.chunks(): the rows of a queryset in its order, a short chunk first."""

import pytest

from intake.models import Inburgeraar
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def vijf():
    for n in range(5):
        InburgeraarFactory(achternaam=f"Naam{n}")
    return Inburgeraar.objects.order_by("-achternaam")


def namen(chunks) -> list[list[str]]:
    return [[d.achternaam for d in chunk] for chunk in chunks]


def test_chunks_keep_the_order_with_a_short_first_chunk(vijf, monkeypatch):
    monkeypatch.setattr(exports, "FIRST_CHUNK_SIZE", 1)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    assert namen(exports.chunks(vijf)) == [
        ["Naam4"],
        ["Naam3", "Naam2", "Naam1"],
        ["Naam0"],
    ]


def test_chunks_of_an_empty_queryset_are_none(db):
    assert list(exports.chunks(Inburgeraar.objects.all())) == []


def test_a_row_deleted_during_the_download_is_left_out(vijf, monkeypatch):
    monkeypatch.setattr(exports, "FIRST_CHUNK_SIZE", 2)
    chunks = exports.chunks(vijf)
    assert namen([next(chunks)]) == [["Naam4", "Naam3"]]
    Inburgeraar.objects.filter(achternaam="Naam1").delete()
    assert namen(chunks) == [["Naam2", "Naam0"]]
