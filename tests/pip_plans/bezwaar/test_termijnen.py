"""Bezwaar terms as pure rules (issue 16, DOMAIN §13.2, §13.4): no database, no
clock, fixed dates. The bezwaartermijn of six weeks from the day after the
verzenddatum (Awb 6:7, 6:8) runs on past a Saturday, Sunday or algemeen erkende
feestdag (Algemene termijnenwet); a bezwaar posted in time is on time when it
arrives within a week after the end (Awb 6:9 lid 2); the beslistermijn is 6 weeks,
or 12 with an adviescommissie, from the day after the bezwaartermijn, once
verdaagd by 6 weeks (Awb 7:10)."""

import datetime as dt

import pytest

from pip_plans.rules import (
    bezwaar_beslistermijn,
    bezwaar_deadline,
    bezwaar_tijdig,
    verdaagde_beslistermijn,
)
from zevenaar_inburgering.termijnen import feestdagen

D = dt.date
ZES_WEKEN = dt.timedelta(weeks=6)


def verzonden_voor(einde: dt.date) -> dt.date:
    """The verzenddatum whose plain six-week term ends on `einde`."""
    return einde - ZES_WEKEN


@pytest.mark.parametrize(
    ("einde", "volgende_werkdag"),
    [
        # A Saturday: to the Monday.
        (D(2026, 10, 3), D(2026, 10, 5)),
        # Koningsdag, Monday 27 April 2026: to the Tuesday.
        (D(2026, 4, 27), D(2026, 4, 28)),
        # 27 April 2025 is a Sunday, so Koningsdag is Saturday 26 April: Monday.
        (D(2025, 4, 26), D(2025, 4, 28)),
        # Hemelvaartsdag, Thursday 10 May 2029: to the Friday.
        (D(2029, 5, 10), D(2029, 5, 11)),
        # Hemelvaartsdag 14 May 2026; the Friday after it is declared equal to a
        # feestdag (Besluit gelijkstelling 2026-2028): to Monday 18 May.
        (D(2026, 5, 14), D(2026, 5, 18)),
        # Tweede Pinksterdag, Monday 25 May 2026: to the Tuesday.
        (D(2026, 5, 25), D(2026, 5, 26)),
        # Eerste Kerstdag, Friday 25 December 2026: past Tweede Kerstdag and the
        # weekend to Monday 28 December.
        (D(2026, 12, 25), D(2026, 12, 28)),
    ],
    ids=[
        "zaterdag",
        "koningsdag",
        "koningsdag-26-april",
        "hemelvaart",
        "hemelvaart-gelijkgesteld",
        "tweede-pinksterdag",
        "kerst",
    ],
)
def test_a_bezwaartermijn_ending_on_a_rest_day_moves_to_the_next_working_day(
    einde, volgende_werkdag
):
    verzonden = verzonden_voor(einde)
    assert bezwaar_deadline(verzonden) == volgende_werkdag


def test_koningsdag_is_26_april_when_the_27th_is_a_sunday():
    assert D(2025, 4, 27).weekday() == 6
    assert D(2025, 4, 26) in feestdagen(2025)
    assert D(2026, 4, 27) in feestdagen(2026)
    assert D(2026, 4, 26) not in feestdagen(2026)


def test_a_bezwaartermijn_ending_on_a_working_day_stays():
    # Sent Monday 2 March 2026: six weeks later, Monday 13 April 2026.
    assert bezwaar_deadline(D(2026, 3, 2)) == D(2026, 4, 13)


# --- Awb 6:9: posted in time, received within a week ---------------------------------

EINDE = D(2026, 5, 1)  # a Friday, the last day of the bezwaartermijn


def tijdig(ontvangen_op, poststempel_op=None) -> bool:
    return bezwaar_tijdig(
        ontvangen_op=ontvangen_op,
        poststempel_op=poststempel_op,
        termijn_einde=EINDE,
        nazending_dagen=7,
    )


def test_received_by_the_last_day_is_on_time():
    assert tijdig(EINDE)
    assert tijdig(D(2026, 4, 1))


def test_posted_on_the_last_day_and_received_five_days_later_is_on_time():
    assert tijdig(EINDE + dt.timedelta(days=5), poststempel_op=EINDE)


def test_posted_on_the_last_day_and_received_nine_days_later_is_late():
    assert not tijdig(EINDE + dt.timedelta(days=9), poststempel_op=EINDE)


def test_the_week_after_the_end_counts_up_to_its_seventh_day():
    assert tijdig(EINDE + dt.timedelta(days=7), poststempel_op=EINDE)
    assert not tijdig(EINDE + dt.timedelta(days=8), poststempel_op=EINDE)


def test_received_late_without_a_postmark_is_late():
    assert not tijdig(EINDE + dt.timedelta(days=1))
    assert not tijdig(EINDE + dt.timedelta(days=5))


def test_posted_after_the_end_is_late_however_soon_it_arrives():
    assert not tijdig(
        EINDE + dt.timedelta(days=2), poststempel_op=EINDE + dt.timedelta(days=1)
    )


# --- Awb 7:10: the beslistermijn ------------------------------------------------------


def test_the_beslistermijn_is_six_weeks_from_the_day_after_the_bezwaartermijn():
    # Bezwaartermijn to Friday 1 May 2026: six weeks later is Friday 12 June.
    assert bezwaar_beslistermijn(EINDE, weken=6) == D(2026, 6, 12)


def test_with_an_adviescommissie_the_beslistermijn_is_twelve_weeks():
    # Twelve weeks later is Friday 24 July 2026.
    assert bezwaar_beslistermijn(EINDE, weken=12) == D(2026, 7, 24)


def test_the_beslistermijn_follows_the_algemene_termijnenwet():
    # Bezwaartermijn to Monday 13 April 2026: six weeks later is Monday 25 May,
    # Tweede Pinksterdag, so Tuesday 26 May; twelve weeks later Monday 6 July.
    assert bezwaar_beslistermijn(D(2026, 4, 13), weken=6) == D(2026, 5, 26)
    assert bezwaar_beslistermijn(D(2026, 4, 13), weken=12) == D(2026, 7, 6)
    # Bezwaartermijn to Friday 13 November 2026: six weeks later is Eerste
    # Kerstdag, so Monday 28 December.
    assert bezwaar_beslistermijn(D(2026, 11, 13), weken=6) == D(2026, 12, 28)


def test_verdaging_adds_six_weeks_to_the_beslistermijn():
    assert verdaagde_beslistermijn(D(2026, 6, 12), weken=6) == D(2026, 7, 24)
    # From Friday 13 November: 25 December, Christmas, to Monday 28 December.
    assert verdaagde_beslistermijn(D(2026, 11, 13), weken=6) == D(2026, 12, 28)
