"""The paginator without COUNT (zevenaar_inburgering.paginering): one query per page,
"Pagina N" with Vorige and Volgende, a total only when asked for."""

import pytest

from intake.models import Inburgeraar
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.paginering import Paginering

pytestmark = pytest.mark.django_db


@pytest.fixture
def vijf():
    """Five dossiers, in a fixed order: pages of two are 2, 2 and 1."""
    for n in range(5):
        InburgeraarFactory(achternaam=f"Naam{n}")
    return Inburgeraar.objects.order_by("achternaam")


def namen(page) -> list[str]:
    return [d.achternaam for d in page]


def test_the_first_page_has_a_next_and_no_previous(vijf, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginering(vijf, 2).get_page(None)
    assert namen(page) == ["Naam0", "Naam1"]
    assert page.number == 1
    assert page.has_next() and not page.has_previous() and page.has_other_pages()
    assert page.next_page_number() == 2
    assert (page.start_index(), page.end_index()) == (1, 2)
    assert page.paginator.count is None and page.paginator.num_pages is None


def test_a_middle_page_has_both_neighbours(vijf):
    page = Paginering(vijf, 2).get_page("2")
    assert namen(page) == ["Naam2", "Naam3"]
    assert page.has_previous() and page.has_next()
    assert (page.previous_page_number(), page.next_page_number()) == (1, 3)
    assert (page.start_index(), page.end_index()) == (3, 4)


def test_the_last_page_has_no_next(vijf):
    page = Paginering(vijf, 2).get_page(3)
    assert namen(page) == ["Naam4"]
    assert page.has_previous() and not page.has_next()


def test_a_last_page_exactly_full_has_no_next(vijf):
    page = Paginering(vijf, 5).get_page(1)
    assert len(page) == 5
    assert not page.has_next() and not page.has_other_pages()
    assert not Paginering(vijf[:4], 2).get_page(2).has_next()


def test_an_empty_list_is_one_empty_page(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginering(Inburgeraar.objects.order_by("pk"), 2).get_page(1)
    assert list(page) == [] and page.number == 1
    assert not page.has_other_pages()
    assert (page.start_index(), page.end_index()) == (0, 0)


def test_a_page_beyond_the_end_is_the_first_page(vijf):
    page = Paginering(vijf, 2).get_page(9)
    assert page.number == 1 and namen(page) == ["Naam0", "Naam1"]


@pytest.mark.parametrize("number", ["abc", "0", "-2", "", "1.5", None])
def test_an_invalid_page_number_is_the_first_page(vijf, number):
    page = Paginering(vijf, 2).get_page(number)
    assert page.number == 1 and namen(page) == ["Naam0", "Naam1"]


def test_the_total_of_a_list_that_fits_costs_no_count(vijf, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginering(vijf, 10, tellen=True).get_page(1)
        assert page.paginator.count == 5
        assert page.paginator.num_pages == 1


def test_the_total_of_a_longer_list_is_counted_once(vijf, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = Paginering(vijf, 2, tellen=True).get_page(1)
        assert page.paginator.count == 5
        assert page.paginator.count == 5
        assert page.paginator.num_pages == 3


def test_the_total_on_the_last_page_is_known_without_a_count(
    vijf, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = Paginering(vijf, 2, tellen=True).get_page(3)
        assert page.paginator.count == 5
