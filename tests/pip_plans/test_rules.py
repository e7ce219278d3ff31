"""The date and content rules of the PIP as pure functions."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.rules import DeadlineStatus, deadline_status, pip_deadline
from pip_plans import rules

dates = st.dates(min_value=date(2022, 1, 1), max_value=date(2035, 12, 31))


@pytest.mark.parametrize(
    ("kennisgeving", "brp", "deadline"),
    [
        (date(2026, 3, 5), date(2026, 2, 1), date(2026, 5, 14)),  # kennisgeving later
        (date(2026, 2, 1), date(2026, 3, 5), date(2026, 5, 14)),  # BRP later
        (date(2025, 11, 3), date(2025, 11, 3), date(2026, 1, 12)),  # over the year end
        (
            date(2026, 3, 1),
            date(2026, 3, 1),
            date(2026, 5, 10),
        ),  # across the DST change
        (date(2026, 8, 20), date(2026, 8, 20), date(2026, 10, 29)),  # across DST back
        (date(2027, 12, 24), date(2027, 12, 1), date(2028, 3, 3)),  # leap year
    ],
)
def test_pip_deadline_is_ten_weeks_after_the_later_date(kennisgeving, brp, deadline):
    assert pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp) == deadline


def test_no_deadline_before_both_dates_are_known():
    assert pip_deadline(kennisgeving=date(2026, 3, 5), brp_inschrijving=None) is None
    assert pip_deadline(kennisgeving=None, brp_inschrijving=date(2026, 3, 5)) is None


@given(dates, dates)
def test_deadline_is_always_70_days_after_the_later_date(kennisgeving, brp):
    deadline = pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp)
    assert deadline - max(kennisgeving, brp) == timedelta(days=70)
    assert deadline.weekday() == max(kennisgeving, brp).weekday()


def test_waiting_for_information_suspends_the_deadline():
    args = {"kennisgeving": date(2026, 3, 5), "brp_inschrijving": date(2026, 3, 5)}
    assert pip_deadline(**args, uitstel_sinds=date(2026, 4, 1)) is None


@given(dates, st.integers(0, 69), st.integers(0, 200))
def test_extension_runs_until_two_weeks_after_the_information_arrived(
    start, wait, delay
):
    uitstel = start + timedelta(days=wait)
    ontvangen = uitstel + timedelta(days=delay)
    deadline = pip_deadline(
        kennisgeving=start,
        brp_inschrijving=start,
        uitstel_sinds=uitstel,
        informatie_ontvangen=ontvangen,
    )
    assert deadline == max(start + timedelta(weeks=10), ontvangen + timedelta(weeks=2))


@pytest.mark.parametrize(
    ("days_left", "status"),
    [
        (40, DeadlineStatus.OP_TIJD),
        (28, DeadlineStatus.OP_TIJD),
        (27, DeadlineStatus.MINDER_DAN_4_WEKEN),
        (14, DeadlineStatus.MINDER_DAN_4_WEKEN),
        (13, DeadlineStatus.MINDER_DAN_2_WEKEN),
        (0, DeadlineStatus.MINDER_DAN_2_WEKEN),
        (-1, DeadlineStatus.TE_LAAT),
    ],
)
def test_deadline_status_by_days_left(days_left, status):
    today = date(2026, 12, 31)
    assert (
        deadline_status(deadline=today + timedelta(days=days_left), today=today)
        == status
    )


def test_deadline_status_when_vastgesteld_or_suspended():
    today = date(2026, 1, 1)
    assert (
        deadline_status(deadline=None, today=today, vastgesteld_op=today)
        == "vastgesteld"
    )
    assert deadline_status(deadline=None, today=today, opgeschort=True) == "opgeschort"
    assert deadline_status(deadline=None, today=today) == "onbekend"


def test_termijn_starts_the_day_after_dagtekening_and_lasts_three_years():
    start = rules.termijn_start(date(2026, 3, 5))
    assert start == date(2026, 3, 6)
    assert rules.termijn_einde(start) == date(2029, 3, 5)


def test_termijn_over_a_leap_day():
    # DOMAIN §13.1: from 29 February the three years end on 28 February, not the 27th.
    start = rules.termijn_start(date(2028, 2, 28))
    assert start == date(2028, 2, 29)
    assert rules.termijn_einde(start) == date(2031, 2, 28)


def test_termijn_from_the_first_of_a_month_ends_on_the_last_of_one():
    # Wet art. 11 lid 1 and the month-end rule: 1 January 2027 through 31 December 2029.
    assert rules.termijn_einde(date(2027, 1, 1)) == date(2029, 12, 31)


@given(dates)
def test_termijn_is_about_three_years(dagtekening):
    start = rules.termijn_start(dagtekening)
    einde = rules.termijn_einde(start)
    assert 365 * 3 - 1 <= (einde - start).days <= 366 * 3


def test_bezwaar_deadline_is_six_weeks_after_bekendmaking():
    # Awb 6:7 and 6:8: from Wednesday 23 December 2026, six weeks end on Tuesday 2 Feb.
    assert rules.bezwaar_deadline(date(2026, 12, 22)) == date(2027, 2, 2)


def test_bezwaar_deadline_skips_christmas_and_the_weekend():
    # Six weeks from 13 November 2026 end on Eerste Kerstdag (Friday); the
    # Algemene termijnenwet art. 1 moves it past the weekend to Monday 28 December.
    assert rules.bezwaar_deadline(date(2026, 11, 13)) == date(2026, 12, 28)


def test_schakelen_until_18_months_after_start():
    assert rules.schakelen_uiterlijk(date(2026, 3, 6), 18) == date(2027, 9, 5)
    # DOMAIN §13.1: 18 months from 31 August 2022 end on 29 February 2024.
    assert rules.schakelen_uiterlijk(date(2022, 8, 31), 18) == date(2024, 2, 29)


def inhoud(**changes):
    base = {
        "leerroute": "b1",
        "afwijzingen": {
            "onderwijs": "Te oud voor de onderwijsroute.",
            "z": "Leert snel.",
        },
        "pvt_uren": 12,
        "map_uren": 40,
        "knm_vorm": "examen",
        "ondersteuning": "Maatschappelijke begeleiding door Vluchtelingenwerk.",
        "interval_weken": 12,
        "ontzorgen": False,
        "ontzorgen_mogelijk": False,
    }
    return {**base, **changes}


def test_a_complete_pip_has_no_errors():
    assert rules.pip_fouten(**inhoud()) == {}


def test_each_route_not_chosen_needs_a_reason():
    fouten = rules.pip_fouten(**inhoud(afwijzingen={"onderwijs": "", "z": "  "}))
    assert "Raad van State" in fouten["reden_afwijzing_onderwijs"]
    assert "reden_afwijzing_z" in fouten
    assert "reden_afwijzing_b1" not in fouten


def test_map_is_refused_in_the_onderwijsroute():
    fouten = rules.pip_fouten(
        **inhoud(leerroute="onderwijs", afwijzingen={"b1": "x", "z": "y"}, map_uren=20)
    )
    assert "art. 8 lid 3" in fouten["map_uren"]
    assert (
        rules.pip_fouten(
            **inhoud(
                leerroute="onderwijs", afwijzingen={"b1": "x", "z": "y"}, map_uren=None
            )
        )
        == {}
    )


def test_pvt_needs_twelve_hours_and_b1_needs_map():
    fouten = rules.pip_fouten(**inhoud(pvt_uren=11, map_uren=None))
    assert "12 uur" in fouten["pvt_uren"]
    assert "map_uren" in fouten


def test_ontzorgen_only_for_asielstatushouders_with_bijstand():
    assert "ontzorgen" in rules.pip_fouten(**inhoud(ontzorgen=True))
    assert rules.pip_fouten(**inhoud(ontzorgen=True, ontzorgen_mogelijk=True)) == {}


def wijziging(**changes):
    base = {
        "reden": "schakelen",
        "leerroute": "z",
        "vorige_leerroute": "b1",
        "vandaag": date(2027, 1, 1),
        "schakelen_tot": date(2027, 9, 5),
        "afschalen_nt2_uren": None,
        "afschalen_inzet_oordeel": "",
        "min_afschalen_uren": 600,
    }
    return {**base, **changes}


def test_schakelen_within_18_months_is_allowed_and_refused_after():
    assert rules.wijziging_fouten(**wijziging()) == {}
    fouten = rules.wijziging_fouten(**wijziging(vandaag=date(2027, 9, 6)))
    assert "18 maanden" in fouten["leerroute"]


def test_verhuizing_keeps_the_leerroute():
    fouten = rules.wijziging_fouten(**wijziging(reden="verhuizing"))
    assert "leerroute" in fouten
    assert rules.wijziging_fouten(**wijziging(reden="verhuizing", leerroute="b1")) == {}


def test_afschalen_needs_600_hours_and_an_effort_judgement():
    args = wijziging(reden="afschalen", leerroute="b1")
    fouten = rules.wijziging_fouten(**args)
    assert "600" in fouten["afschalen_nt2_uren"]
    assert "afschalen_inzet_oordeel" in fouten
    ok = {
        **args,
        "afschalen_nt2_uren": 600,
        "afschalen_inzet_oordeel": "Voldoende inzet.",
    }
    assert rules.wijziging_fouten(**ok) == {}
    assert (
        "B1-route"
        in rules.wijziging_fouten(**{**ok, "vorige_leerroute": "z", "leerroute": "z"})[
            "leerroute"
        ]
    )
