"""The route advice from the brede intake: a pure rule, advice only."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake import rules
from intake.models import (
    Alfabetisering,
    IntakeWens,
    LbtUitkomst,
    Leerroute,
)
from intake.rules import RouteAdvies, route_advies
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory

B1 = LbtUitkomst.B1_OF_HOGER
A2 = LbtUitkomst.A2
A1 = LbtUitkomst.A1_OF_LAGER
JA, DEELS, NEE = Alfabetisering.JA, Alfabetisering.DEELS, Alfabetisering.NEE
WERK, OPLEIDING, GEEN = IntakeWens.WERK, IntakeWens.OPLEIDING, IntakeWens.GEEN_VOORKEUR


def advies(**kwargs) -> RouteAdvies:
    values = {
        "lbt_uitkomst": B1,
        "leeftijd": 30,
        "jaren_onderwijs": 12,
        "gealfabetiseerd": JA,
        "wens": WERK,
        "max_leeftijd_onderwijsroute": 27,
    }
    values.update(kwargs)
    return route_advies(**values)


@pytest.mark.parametrize(
    ("lbt", "leeftijd", "jaren", "alfa", "wens", "route"),
    [
        # The toets says A1 or lower: always Z, whatever else.
        (A1, 20, 14, JA, OPLEIDING, "z"),
        (A1, 45, 0, NEE, WERK, "z"),
        # Not literate, little schooling, no toets: Z.
        (None, 40, 3, NEE, WERK, "z"),
        (None, 22, 5, NEE, OPLEIDING, "z"),
        # ... but a toets result above A1 overrides the literacy rule.
        (A2, 40, 3, NEE, WERK, "b1"),
        (B1, 22, 3, NEE, OPLEIDING, "onderwijs"),
        # Partly literate or 6 years of schooling is not "little".
        (None, 40, 3, DEELS, WERK, "b1"),
        (None, 40, 6, NEE, WERK, "b1"),
        # Onderwijsroute: B1+, young enough, and a wish to study or 10+ years.
        (B1, 22, 8, JA, OPLEIDING, "onderwijs"),
        (B1, 27, 10, JA, WERK, "onderwijs"),
        (B1, 28, 14, JA, OPLEIDING, "b1"),  # one year over the limit
        (B1, 22, 9, JA, WERK, "b1"),  # no wish to study, fewer than 10 years
        (B1, 22, None, JA, GEEN, "b1"),
        (A2, 20, 14, JA, OPLEIDING, "b1"),  # the toets must say B1 or higher
        (None, 20, 14, JA, OPLEIDING, "b1"),
        # Otherwise the B1-route.
        (A2, 35, 8, JA, WERK, "b1"),
        (None, 35, None, None, None, "b1"),
    ],
)
def test_route_advice_table(lbt, leeftijd, jaren, alfa, wens, route):
    result = route_advies(
        lbt_uitkomst=lbt,
        leeftijd=leeftijd,
        jaren_onderwijs=jaren,
        gealfabetiseerd=alfa,
        wens=wens,
        max_leeftijd_onderwijsroute=27,
    )
    assert result.route == route
    assert result.redenen


def test_the_age_limit_is_a_parameter_not_a_constant():
    assert advies(leeftijd=30, wens=OPLEIDING).route == "b1"
    assert (
        advies(leeftijd=30, wens=OPLEIDING, max_leeftijd_onderwijsroute=30).route
        == "onderwijs"
    )


def test_the_reasons_say_why_the_other_routes_were_not_advised():
    result = advies(leeftijd=35, wens=OPLEIDING)
    assert result.route == "b1"
    text = " ".join(result.redenen)
    assert "Onderwijsroute niet geadviseerd" in text and "35 jaar" in text
    assert "Z-route niet geadviseerd" in text

    result = advies(lbt_uitkomst=A1)
    assert "B1-route en onderwijsroute niet geadviseerd" in " ".join(result.redenen)

    result = advies(leeftijd=20, wens=OPLEIDING)
    assert result.route == "onderwijs"
    text = " ".join(result.redenen)
    assert "B1-route niet geadviseerd" in text and "Z-route niet geadviseerd" in text


def test_without_a_leerbaarheidstoets_the_advice_says_it_is_less_certain():
    for kwargs in ({}, {"gealfabetiseerd": NEE, "jaren_onderwijs": 2}):
        result = advies(lbt_uitkomst=None, **kwargs)
        assert any("minder zeker" in reden for reden in result.redenen), result
    assert not any("minder zeker" in r for r in advies().redenen)


def test_an_empty_string_counts_as_unknown():
    assert advies(lbt_uitkomst="", gealfabetiseerd="", wens="") == advies(
        lbt_uitkomst=None, gealfabetiseerd=None, wens=None
    )


def test_rule_values_match_the_model_choices():
    assert dict(Leerroute.choices) == rules.ROUTE_LABELS
    assert {rules.LBT_B1_OF_HOGER, rules.LBT_A2, rules.LBT_A1_OF_LAGER} == set(
        LbtUitkomst.values
    )
    assert advies().route_label == "B1-route"


@given(
    lbt=st.sampled_from([None, "", *LbtUitkomst.values]),
    leeftijd=st.integers(min_value=16, max_value=90),
    jaren=st.none() | st.integers(min_value=0, max_value=30),
    alfa=st.sampled_from([None, *Alfabetisering.values]),
    wens=st.sampled_from([None, *IntakeWens.values]),
    grens=st.integers(min_value=18, max_value=40),
)
def test_advice_is_always_one_route_with_reasons_and_z_whenever_the_toets_says_a1(
    lbt, leeftijd, jaren, alfa, wens, grens
):
    result = route_advies(
        lbt_uitkomst=lbt,
        leeftijd=leeftijd,
        jaren_onderwijs=jaren,
        gealfabetiseerd=alfa,
        wens=wens,
        max_leeftijd_onderwijsroute=grens,
    )
    assert result.route in Leerroute.values
    assert len(result.redenen) >= 1
    assert all(isinstance(r, str) and r.strip() for r in result.redenen)
    if lbt == LbtUitkomst.A1_OF_LAGER:
        assert result.route == Leerroute.Z
    if result.route == Leerroute.ONDERWIJS:
        assert lbt == LbtUitkomst.B1_OF_HOGER and leeftijd <= grens
    if not lbt:
        assert any("minder zeker" in r for r in result.redenen)


@pytest.mark.django_db
def test_the_intake_computes_the_advice_from_its_data(zevenaar):
    from zevenaar_inburgering.parameters.models import Parameter

    dossier = InburgeraarFactory(gemeente=zevenaar, geboortedatum=dt.date(2002, 6, 1))
    intake = BredeIntakeFactory(inburgeraar=dossier, afgerond=True, wens=OPLEIDING)
    # 23 on the day the intake was completed (20 March 2026)
    assert intake.route_advies().route == "onderwijs"
    # The age limit is a dated parameter: from 2026 on, functioneel beheer lowers it.
    Parameter.objects.create(
        code="onderwijsroute_max_leeftijd",
        geldig_vanaf=dt.date(2026, 1, 1),
        waarde=22,
        bron="Beleidsregel 2026",
    )
    result = intake.route_advies()
    assert result.route == "b1"
    assert "23 jaar" in " ".join(result.redenen)
    # Asked for another day, the person's age on that day counts.
    assert intake.route_advies(op=dt.date(2031, 1, 1)).route == "b1"
