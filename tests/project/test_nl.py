"""Dutch dates, numbers and amounts outside templates (zevenaar_inburgering.nl)."""

from datetime import date
from decimal import Decimal

from django.template import engines
from django.utils import translation

import pytest

from zevenaar_inburgering.nl import (
    datum_tekst,
    euro,
    getal,
    kleine_beginletter,
    maand_tekst,
    ontbreekt,
    opsomming,
)


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


@pytest.mark.parametrize(
    ("delen", "tekst"),
    [
        ([], ""),
        (["datum"], "datum"),
        (["datum", "uitkomst"], "datum en uitkomst"),
        (["huur", "energie", "water"], "huur, energie en water"),
    ],
)
def test_opsomming_puts_en_before_the_last_item(delen, tekst):
    assert opsomming(delen) == tekst
    assert opsomming(iter(delen)) == tekst


def test_ontbreekt_agrees_with_the_number_of_items():
    assert ontbreekt(["datum"]) == "datum ontbreekt"
    assert ontbreekt(["datum", "uitkomst"]) == "datum en uitkomst ontbreken"
    assert (
        ontbreekt(["taal", "lezen", "schrijven"])
        == "taal, lezen en schrijven ontbreken"
    )


@pytest.mark.parametrize(
    ("label", "tekst"),
    [
        ("Eerste PIP", "eerste PIP"),
        ("Afschalen van B1 naar A2", "afschalen van B1 naar A2"),
        ("Het PIP niet nagekomen", "het PIP niet nagekomen"),
        (
            "Overige verplichting Participatiewet",
            "overige verplichting Participatiewet",
        ),
        ("PIP in concept", "PIP in concept"),
        ("DUO-signaal verwerkt", "DUO-signaal verwerkt"),
        ("NT2 (taal)", "NT2 (taal)"),
        ("B1", "B1"),
        ("Verhuizing", "verhuizing"),
        ("", ""),
    ],
)
def test_kleine_beginletter_keeps_abbreviations(label, tekst):
    assert kleine_beginletter(label) == tekst


def test_the_template_filter_kleine_letter():
    template = engines["django"].from_string(
        "{% load nl %}{{ label|kleine_letter }} / {{ label|lower }}"
    )
    assert template.render({"label": "Eerste PIP"}) == "eerste PIP / eerste pip"
