"""The plicht applies from 18 up to the AOW age (Wet art. 3 [S], DOMAIN §13.5): a
person outside it is flagged for review on the dossier and in the DUO import result,
never refused (the birth date may be wrong). The AOW age is a dated parameter."""

import datetime as dt

from django.urls import reverse

import pytest

from intake.rules import leeftijd_ter_controle
from tests.factories.intake import InburgeraarFactory

AOW_67 = 67 * 12


@pytest.mark.parametrize(
    ("geboren", "op", "melding"),
    [
        (dt.date(2008, 3, 10), dt.date(2026, 3, 9), "jonger dan 18 jaar"),
        (dt.date(2008, 3, 10), dt.date(2026, 3, 10), ""),  # 18 on the day
        (dt.date(1959, 3, 10), dt.date(2026, 3, 9), ""),  # 66 and 364 days
        (dt.date(1959, 3, 10), dt.date(2026, 3, 10), "de AOW-leeftijd (67 jaar)"),
        (None, dt.date(2026, 3, 10), ""),
    ],
)
def test_the_age_range_of_the_plicht(geboren, op, melding):
    uitkomst = leeftijd_ter_controle(geboren, op, aow_leeftijd_maanden=AOW_67)
    assert (melding in uitkomst) if melding else uitkomst == ""


def test_from_2028_the_aow_age_is_67_years_and_3_months():
    geboren = dt.date(1961, 3, 10)
    op = dt.date(2028, 4, 1)  # 67 years and 22 days
    assert leeftijd_ter_controle(geboren, op, aow_leeftijd_maanden=807) == ""
    assert "67 jaar en 3 maanden" in leeftijd_ter_controle(
        geboren, dt.date(2028, 6, 10), aow_leeftijd_maanden=807
    )


@pytest.mark.django_db
def test_the_dossier_says_to_check_the_age(client_for, casusregisseur, zevenaar):
    jong = InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        geboortedatum=dt.date(2010, 1, 1),
        start_inburgeringsplicht=dt.date(2026, 2, 1),
    )
    pagina = client_for(casusregisseur).get(
        reverse("monitoring:dossier", args=[jong.pk])
    )
    tekst = pagina.content.decode()
    assert "jonger dan 18 jaar" in tekst
    assert "Controleer de geboortedatum" in tekst
    # The 2028 AOW age is a seeded parameter row (migration parameters 0007).
    assert jong.leeftijd_ter_controle.startswith("Ter controle")
