"""Financieel ontzorgen, the pure rules: the period of six months and its
extension, and what is due against what was paid."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from pip_plans.models import Frequentie
from pip_plans.ontzorgen.betalingsoverzicht import betalingsoverzicht
from pip_plans.ontzorgen.rules import (
    OntzorgenFase,
    betaling_fouten,
    ontzorgen_einde,
    ontzorgen_fase,
    periode_fouten,
)
from tests.pip_plans.ontzorgen.helpers import APRIL, REGULIER_EINDE, D
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst

# --- Period rules (pure) ------------------------------------------------------------------


def test_ontzorgen_lasts_six_months_from_the_start_of_the_bijstand():
    assert ontzorgen_einde(APRIL, 6) == D(2026, 9, 30)
    assert ontzorgen_einde(D(2026, 3, 15), 6) == D(2026, 9, 14)
    # The 31st: six months on is 31 July, so the last day is 30 July.
    assert ontzorgen_einde(D(2026, 1, 31), 6) == D(2026, 7, 30)


def test_ontzorgen_ends_early_when_the_bijstand_ends():
    assert ontzorgen_einde(APRIL, 6, bijstand_einde=D(2026, 6, 15)) == D(2026, 6, 15)
    # A bijstand end after the regular end changes nothing.
    assert ontzorgen_einde(APRIL, 6, bijstand_einde=D(2027, 1, 1)) == D(2026, 9, 30)


def test_an_extension_moves_the_end_but_never_past_the_bijstand():
    assert ontzorgen_einde(APRIL, 6, verlengd_tot=D(2026, 12, 31)) == D(2026, 12, 31)
    assert ontzorgen_einde(
        APRIL, 6, bijstand_einde=D(2026, 11, 30), verlengd_tot=D(2026, 12, 31)
    ) == D(2026, 11, 30)


def periode(**changes):
    data = {
        "startdatum": APRIL,
        "duur_maanden": 6,
        "bijstand_einde": None,
        "verlengd_tot": None,
        "verlenging_reden": "",
        "andere_grondslag": "",
    }
    data.update(changes)
    return periode_fouten(**data)


PW57 = "pw57_budgetbeheer"


def test_a_regular_period_has_no_errors():
    assert periode() == {}
    assert (
        periode(
            verlengd_tot=D(2026, 12, 31),
            verlenging_reden="Schulden",
            andere_grondslag=PW57,
        )
        == {}
    )


def test_an_extension_past_the_56a_months_needs_another_basis():
    fouten = periode(verlengd_tot=D(2026, 12, 31), verlenging_reden="Schulden")
    assert fouten["andere_grondslag"].startswith(
        "Participatiewet art. 56a geldt 6 maanden, tot en met 30 september 2026."
    )


def test_another_basis_without_an_extension_or_an_unknown_one_is_refused():
    assert "verlengd_tot" in periode(andere_grondslag=PW57)
    assert "andere_grondslag" in periode(
        verlengd_tot=D(2026, 12, 31),
        verlenging_reden="Schulden",
        andere_grondslag="beleidsregel",
    )


def test_an_extension_needs_a_reason():
    assert "verlenging_reden" in periode(verlengd_tot=D(2026, 12, 31))
    assert "verlenging_reden" in periode(
        verlengd_tot=D(2026, 12, 31), verlenging_reden="   "
    )


def test_an_extension_lies_after_the_regular_end():
    fouten = periode(verlengd_tot=D(2026, 9, 30), verlenging_reden="Schulden")
    assert fouten["verlengd_tot"].endswith("(30 september 2026).")
    assert "verlengd_tot" not in periode(
        verlengd_tot=D(2026, 10, 1), verlenging_reden="Schulden"
    )


def test_a_reason_without_an_extension_date_is_refused():
    assert "verlengd_tot" in periode(verlenging_reden="Schulden")


def test_the_bijstand_cannot_end_before_ontzorgen_starts():
    assert "bijstand_einde" in periode(bijstand_einde=D(2026, 3, 31))
    assert periode(bijstand_einde=APRIL) == {}


@pytest.mark.parametrize(
    ("vandaag", "fase"),
    [
        (D(2026, 3, 31), OntzorgenFase.NOG_NIET_GESTART),
        (APRIL, OntzorgenFase.ACTIEF),
        (D(2026, 9, 30), OntzorgenFase.ACTIEF),
        (D(2026, 10, 1), OntzorgenFase.VERLENGD),
        (D(2026, 12, 31), OntzorgenFase.VERLENGD),
        (D(2027, 1, 1), OntzorgenFase.BEEINDIGD),
    ],
)
def test_the_phase_of_an_extended_period(vandaag, fase):
    assert (
        ontzorgen_fase(
            startdatum=APRIL,
            einddatum=D(2026, 12, 31),
            regulier_einde=D(2026, 9, 30),
            vandaag=vandaag,
        )
        == fase
    )


def test_a_regular_period_is_beeindigd_after_its_end():
    assert (
        ontzorgen_fase(
            startdatum=APRIL,
            einddatum=D(2026, 9, 30),
            regulier_einde=D(2026, 9, 30),
            vandaag=D(2026, 10, 1),
        )
        == OntzorgenFase.BEEINDIGD
    )


def test_money_and_dates_are_written_the_dutch_way():
    assert euro(Decimal("650")) == "€ 650,00"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert datum_tekst(D(2026, 3, 1)) == "1 maart 2026"
    assert maand_tekst(D(2026, 3, 1)) == "maart 2026"


# --- Due against paid (pure) ----------------------------------------------------------------


def last(pk, bedrag, frequentie=Frequentie.MAAND, vanaf=None, tot=None):
    return SimpleNamespace(
        pk=pk,
        bedrag=None if bedrag is None else Decimal(bedrag),
        frequentie=frequentie,
        vanaf=vanaf,
        tot=tot,
    )


def betaling(pk, maand, bedrag, betaald_op=None):
    return SimpleNamespace(
        vaste_last_id=pk,
        maand=maand,
        bedrag=Decimal(bedrag),
        betaald_op=betaald_op or maand,
    )


def overzicht(lasten, betalingen=(), einde=REGULIER_EINDE, vandaag=REGULIER_EINDE):
    """On `vandaag`; by default the period's last day, when every month has begun."""
    return betalingsoverzicht(
        startdatum=APRIL,
        einddatum=einde,
        lasten=lasten,
        betalingen=betalingen,
        vandaag=vandaag,
    )


def verschuldigde_maanden(result, kolom=0):
    return [r.maand.month for r in result.maanden if r.cellen[kolom].verschuldigd]


def test_a_monthly_cost_is_due_every_month_of_the_period():
    result = overzicht([last("huur", "650")])
    assert [r.maand for r in result.maanden] == [D(2026, m, 1) for m in range(4, 10)]
    assert verschuldigde_maanden(result) == [4, 5, 6, 7, 8, 9]
    assert result.verschuldigd == Decimal("3900")


def test_a_period_starting_mid_month_includes_that_month():
    result = betalingsoverzicht(
        startdatum=D(2026, 3, 15),
        einddatum=D(2026, 9, 14),
        lasten=[last("huur", "650")],
        betalingen=[],
        vandaag=D(2026, 9, 14),
    )
    assert [r.maand.month for r in result.maanden] == [3, 4, 5, 6, 7, 8, 9]


def test_a_quarterly_cost_is_due_every_third_month_from_the_first():
    result = overzicht([last("zorg", "390", Frequentie.KWARTAAL)])
    assert verschuldigde_maanden(result) == [4, 7]
    assert result.verschuldigd == Decimal("780")


def test_a_quarterly_cost_counts_from_its_own_first_month():
    result = overzicht([last("zorg", "390", Frequentie.KWARTAAL, vanaf=D(2026, 5, 20))])
    assert verschuldigde_maanden(result) == [5, 8]


def test_a_yearly_cost_is_due_once():
    result = overzicht([last("verzekering", "120", Frequentie.JAAR)])
    assert verschuldigde_maanden(result) == [4]
    assert result.verschuldigd == Decimal("120")


def test_a_cost_is_due_only_between_its_first_and_last_month():
    result = overzicht([last("huur", "650", vanaf=D(2026, 6, 1), tot=D(2026, 7, 1))])
    assert verschuldigde_maanden(result) == [6, 7]


def test_payments_are_set_against_what_was_due():
    lasten = [last("huur", "650"), last("water", "20", Frequentie.KWARTAAL)]
    result = overzicht(
        lasten,
        [
            betaling("huur", D(2026, 4, 1), "650"),
            betaling("huur", D(2026, 5, 1), "600"),
            betaling("water", D(2026, 5, 1), "20"),
        ],
    )
    april, mei, juni = result.maanden[:3]
    assert april.cellen[0].status == "betaald"
    assert april.cellen[1].status == "open"  # water due in April, not paid
    assert mei.cellen[0].status == "deels"
    assert mei.cellen[0].nog_open == Decimal("50")
    assert mei.cellen[1].status == "extra"  # paid, but not due in May
    assert juni.cellen[0].status == "open"
    assert april.verschuldigd == Decimal("670")
    assert april.betaald == Decimal("650")
    assert result.betaald == Decimal("1270")
    huur, water = result.per_last
    assert (huur.verschuldigd, huur.betaald, huur.open_maanden) == (
        Decimal("3900"),
        Decimal("1250"),
        5,
    )
    assert (water.verschuldigd, water.betaald, water.open_maanden) == (
        Decimal("40"),
        Decimal("20"),
        2,
    )
    assert result.nog_open == Decimal("3900") - Decimal("1250") + Decimal("40")


def test_only_months_begun_by_the_day_are_open_the_later_ones_still_to_pay():
    """On 5 June (issue 19's "Nog open: € 4.340,00" counted the months to come):
    April to June have begun; July to September are "nog te betalen", not arrears."""
    lasten = [last("huur", "650"), last("water", "20", Frequentie.KWARTAAL)]
    result = overzicht(
        lasten,
        [
            betaling("huur", D(2026, 4, 1), "650"),
            betaling("huur", D(2026, 5, 1), "600"),
            betaling("huur", D(2026, 8, 1), "650"),  # paid in advance
        ],
        vandaag=D(2026, 6, 5),
    )
    juni, juli = result.maanden[2:4]
    assert (juni.cellen[0].status, juni.cellen[0].status_label) == (
        "open",
        "Nog niet betaald",
    )
    assert (juli.cellen[0].status, juli.cellen[0].status_label) == (
        "toekomst",
        "Nog te betalen",
    )
    assert juli.cellen[1].status == "toekomst"  # water's second quarter
    assert result.maanden[4].cellen[0].status == "betaald"
    huur, water = result.per_last
    # Huur: May's 50 and June's 650 are open; July and September to pay.
    assert (huur.open_maanden, huur.toekomstige_maanden) == (2, 2)
    assert (water.open_maanden, water.toekomstige_maanden) == (1, 1)
    assert result.nog_open == Decimal("50") + Decimal("650") + Decimal("20")
    assert result.nog_te_betalen == 2 * Decimal("650") + Decimal("20")
    # Nothing is lost: what is open and still to pay is all that is unpaid.
    assert result.nog_open + result.nog_te_betalen == (
        result.verschuldigd - result.betaald
    )


def test_the_first_day_of_a_month_makes_it_due():
    result = overzicht([last("huur", "650")], vandaag=D(2026, 7, 1))
    assert [r.cellen[0].status for r in result.maanden] == [
        *["open"] * 4,
        *["toekomst"] * 2,
    ]
    assert result.nog_open == 4 * Decimal("650")


def test_a_cost_without_an_amount_is_due_but_unknown():
    result = overzicht([last("energie", None)])
    cel = result.maanden[0].cellen[0]
    assert cel.verschuldigd and cel.bedrag is None and cel.status == "open"
    assert result.bedragen_onbekend
    assert result.verschuldigd == 0


def test_payment_rules():
    fouten = betaling_fouten(
        maand=D(2026, 10, 1),
        bedrag=Decimal("0"),
        betaald_op=D(2026, 5, 16),
        startdatum=APRIL,
        einddatum=D(2026, 9, 30),
        vandaag=D(2026, 5, 15),
    )
    assert set(fouten) == {"maand", "bedrag", "betaald_op"}
    assert fouten["maand"].startswith("Oktober 2026 valt buiten de periode")
