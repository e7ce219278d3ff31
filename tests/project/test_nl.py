"""Dutch dates, numbers and amounts outside templates (zevenaar_inburgering.nl)."""

from datetime import date
from decimal import Decimal

from django.utils import translation

import pytest

from zevenaar_inburgering.nl import datum_tekst, euro, getal, maand_tekst


@pytest.mark.parametrize(
    ("waarde", "opties", "tekst"),
    [
        (312, {}, "312"),
        (1096, {}, "1.096"),
        (Decimal("12.50"), {}, "12,5"),
        ("50.00", {}, "50"),
        (3.0, {}, "3"),
        (Decimal("1E+3"), {}, "1.000"),
        (-1234.5, {}, "-1.234,5"),
        (45.34, {"decimalen": 1}, "45,3"),
        (12.25, {"decimalen": 1}, "12,2"),
        (79.96, {"decimalen": 1, "afkappen": True}, "79,9"),
        (Decimal("312.04"), {"decimalen": 1, "afkappen": True}, "312"),
    ],
)
def test_getal_writes_dutch_separators_without_trailing_zeros(waarde, opties, tekst):
    assert getal(waarde, **opties) == tekst


def test_texts_are_dutch_whatever_language_is_active():
    with translation.override("en"):
        assert datum_tekst(date(2026, 3, 5)) == "5 maart 2026"
        assert maand_tekst(date(2026, 10, 1)) == "oktober 2026"
        assert euro(Decimal("1250")) == "€ 1.250,00"
        assert getal(Decimal("1234.5")) == "1.234,5"
