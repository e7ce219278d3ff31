"""The pure on-track rule: hours against the norm, attendance, exam attempts before
the end of the termijn and progress levels, judged as op koers, risico or niet op
koers."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerroutes.rules.koers import Koers, KoersOordeel, op_koers
from leerroutes.rules.voldaan import Examen
from leerroutes.rules.waarden import KNM, LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN
from tests.leerroutes.rules.helpers import DAG, examens

START, EINDE = date(2026, 1, 1), date(2028, 12, 31)  # 1096 days


def koers(**changes):
    args = {
        "vandaag": date(2027, 9, 1),
        "termijn_start": START,
        "termijn_einde": EINDE,
        "leerroute": "b1",
        "traject_loopt": True,
        "uren_gevolgd": 312,
        "uren_norm": 600,
        "aanwezigheid_pct": None,
        "laatste_voortgang_niveaus": {},
        "examenpogingen": [],
        "doel_niveau": "B1",
    }
    return op_koers(**{**args, **changes})


def test_on_track_names_hours_against_the_norm_and_months_gone():
    oordeel = koers()
    assert oordeel.status == "op_koers"
    assert oordeel.label == "Op koers"
    assert oordeel.redenen == ("312 van 600 uur na 20 maanden",)


@pytest.mark.parametrize(
    ("gevolgd", "status"),
    [
        (500, Koers.OP_KOERS),
        (400, Koers.OP_KOERS),  # exactly 20 % behind
        (Decimal("399.9"), Koers.RISICO),
        (300, Koers.RISICO),  # exactly 40 % behind
        (Decimal("299.9"), Koers.NIET_OP_KOERS),
        (0, Koers.NIET_OP_KOERS),
        (None, Koers.NIET_OP_KOERS),
    ],
)
def test_hours_behind_the_linear_schedule(gevolgd, status):
    # 1096 hours over 1096 days: after 500 days, 500 hours are expected.
    oordeel = koers(vandaag=START + 499 * DAG, uren_gevolgd=gevolgd, uren_norm=1096)
    assert oordeel.status == status
    assert oordeel.redenen[0].endswith("van 1.096 uur na 16 maanden")


def test_hours_are_not_judged_in_the_first_three_months():
    assert koers(vandaag=date(2026, 2, 1), uren_gevolgd=0).redenen == (
        "0 van 600 uur na 1 maand",
    )
    assert koers(vandaag=date(2026, 3, 30), uren_gevolgd=0).status == "op_koers"
    # The third month is complete on its last day (volle_maanden counts through
    # vandaag, as the linear schedule counts the days).
    assert koers(vandaag=date(2026, 3, 31), uren_gevolgd=0).status == "niet_op_koers"
    assert koers(vandaag=START, uren_gevolgd=0).redenen == (
        "0 van 600 uur na 0 maanden",
    )


@pytest.mark.parametrize(
    ("pct", "status", "reden"),
    [
        (95, Koers.OP_KOERS, "aanwezigheid 95 %"),
        (80, Koers.OP_KOERS, "aanwezigheid 80 %"),
        (Decimal("79.96"), Koers.RISICO, "aanwezigheid 79,9 %"),
        (60, Koers.RISICO, "aanwezigheid 60 %"),
        (54, Koers.NIET_OP_KOERS, "aanwezigheid 54 %"),
        (59.5, Koers.NIET_OP_KOERS, "aanwezigheid 59,5 %"),
    ],
)
def test_attendance_thresholds(pct, status, reden):
    oordeel = koers(aanwezigheid_pct=pct)
    assert oordeel.status == status
    assert reden in oordeel.redenen


def test_no_exam_attempt_in_the_last_six_months_is_niet_op_koers():
    oordeel = koers(vandaag=date(2028, 7, 1), uren_gevolgd=590)
    assert oordeel.status == "niet_op_koers"
    assert oordeel.redenen[0] == (
        "geen examenpoging 6 maanden voor het einde van de termijn"
    )


@pytest.mark.parametrize(
    ("vandaag", "status"),
    [
        (date(2027, 12, 31), Koers.OP_KOERS),
        (date(2028, 1, 1), Koers.RISICO),  # the last 12 months start
        (date(2028, 6, 30), Koers.RISICO),
        (date(2028, 7, 1), Koers.NIET_OP_KOERS),  # the last 6 months start
    ],
)
def test_exam_windows_before_the_end(vandaag, status):
    oordeel = koers(vandaag=vandaag, uren_gevolgd=600)
    assert oordeel.status == status


def test_any_exam_attempt_counts_but_not_one_in_the_future():
    poging = Examen(LEZEN, "B1", False, date(2028, 3, 1))
    oordeel = koers(vandaag=date(2028, 8, 1), uren_gevolgd=600, examenpogingen=[poging])
    assert oordeel.status == "op_koers"
    assert "1 examenpoging, de laatste op 1 maart 2028" in oordeel.redenen
    gepland = Examen(LEZEN, "B1", False, date(2028, 9, 1))
    assert koers(
        vandaag=date(2028, 8, 1), uren_gevolgd=600, examenpogingen=[gepland]
    ).status == ("niet_op_koers")


def test_a_verlenging_moves_the_exam_windows():
    assert koers(
        vandaag=date(2028, 8, 1), uren_gevolgd=600, termijn_einde=date(2029, 12, 31)
    ).status == ("op_koers")


def test_the_z_route_is_not_judged_on_exams():
    oordeel = koers(
        leerroute="z",
        vandaag=date(2028, 8, 1),
        uren_gevolgd=780,
        uren_norm=800,
        doel_niveau="A1",
    )
    assert oordeel.status == "op_koers"
    assert oordeel.redenen == ("780 van 800 uur na 31 maanden",)


def test_before_the_termijn_starts_nothing_is_judged():
    oordeel = koers(vandaag=START - DAG, uren_gevolgd=0, aanwezigheid_pct=10)
    assert oordeel == KoersOordeel(
        None, ("nog geen oordeel: de termijn begint op 1 januari 2026",)
    )
    # Not "op koers": nothing has been judged yet.
    assert oordeel.label == "Nog geen oordeel"
    assert koers(vandaag=START, uren_gevolgd=0).status == Koers.OP_KOERS


def test_without_a_running_traject_it_is_a_risk_not_op_koers():
    # The contradiction of issue 19: "Op koers" beside "geen lopend traject".
    oordeel = koers(traject_loopt=False, uren_norm=0, uren_gevolgd=0)
    assert oordeel.status == Koers.RISICO
    assert oordeel.redenen == ("geen lopend traject bij een aanbieder",)
    assert "geen urennorm voor deze route" not in oordeel.redenen
    # A termijn that has ended stays the worst finding.
    na_einde = koers(traject_loopt=False, vandaag=EINDE + DAG)
    assert na_einde.status == Koers.NIET_OP_KOERS
    assert "geen lopend traject bij een aanbieder" in na_einde.redenen


def test_after_the_termijn_ended_it_is_niet_op_koers():
    oordeel = koers(
        vandaag=date(2029, 2, 1),
        uren_gevolgd=700,
        examenpogingen=[Examen(KNM, None, True, date(2028, 1, 1))],
    )
    assert oordeel.status == "niet_op_koers"
    assert oordeel.redenen[0] == "de termijn is verstreken op 31 december 2028"
    assert "700 van 600 uur na 37 maanden" in oordeel.redenen


def test_without_a_norm_the_hours_are_not_judged():
    for norm in (0, None):
        oordeel = koers(uren_norm=norm, uren_gevolgd=0, leerroute="onderwijs")
        assert oordeel.status == "op_koers"
        assert oordeel.redenen == ("geen urennorm voor deze route",)


def test_no_data_at_all_halfway_is_niet_op_koers_on_the_hours():
    oordeel = koers(uren_gevolgd=None)
    assert oordeel.status == "niet_op_koers"
    assert oordeel.redenen == ("0 van 600 uur na 20 maanden",)


def test_progress_levels_far_below_the_goal_are_a_risk_from_halfway():
    niveaus = {LEZEN: "B1", LUISTEREN: "A2", SCHRIJVEN: "A1", SPREKEN: "A2"}
    vroeg = koers(
        vandaag=date(2027, 1, 1), uren_gevolgd=200, laatste_voortgang_niveaus=niveaus
    )
    assert vroeg.status == "op_koers"
    assert "voortgang lezen B1, luisteren A2, schrijven A1, spreken A2, doel B1" in (
        vroeg.redenen
    )
    later = koers(laatste_voortgang_niveaus=niveaus)
    assert later.status == "risico"
    assert later.redenen[0] == "schrijven op A1, doel B1"
    assert len(later.redenen) == 2


def test_in_the_last_six_months_every_skill_below_the_goal_is_a_risk():
    niveaus = {LEZEN: "B1", SPREKEN: "A2"}
    oordeel = koers(
        vandaag=date(2028, 8, 1),
        uren_gevolgd=600,
        examenpogingen=[Examen(LEZEN, "B1", True, date(2028, 5, 1))],
        laatste_voortgang_niveaus=niveaus,
    )
    assert oordeel.status == "risico"
    assert oordeel.redenen[0] == "spreken op A2, doel B1"


def test_the_worst_finding_decides_and_all_are_listed_worst_first():
    oordeel = koers(
        vandaag=date(2028, 2, 1),
        uren_gevolgd=312,
        aanwezigheid_pct=54,
        laatste_voortgang_niveaus={SPREKEN: "A1"},
    )
    assert oordeel.status == "niet_op_koers"
    assert oordeel.redenen == (
        "aanwezigheid 54 %",  # niet op koers
        "312 van 600 uur na 25 maanden",  # risico: 25 % behind 417 hours
        "geen examenpoging 12 maanden voor het einde van de termijn",
        "spreken op A1, doel B1",
    )


def test_thresholds_are_arguments():
    args = {"vandaag": START + 499 * DAG, "uren_gevolgd": 450, "uren_norm": 1096}
    assert koers(**args).status == "op_koers"
    assert koers(**args, uren_achter_risico_pct=5).status == "risico"
    assert koers(**args, uren_achter_niet_op_koers_pct=5).status == "niet_op_koers"
    assert koers(aanwezigheid_pct=85, aanwezigheid_risico_pct=90).status == "risico"
    assert koers(vandaag=date(2027, 9, 1), examen_risico_maanden=18).status == "risico"


def test_on_track_refuses_a_termijn_that_ends_before_it_starts_and_bad_levels():
    with pytest.raises(ValueError):
        koers(termijn_einde=START - DAG)
    with pytest.raises(ValueError):
        koers(laatste_voortgang_niveaus={"rekenen": "A2"})
    with pytest.raises(ValueError):
        koers(laatste_voortgang_niveaus={LEZEN: "A0"})


koers_args = st.fixed_dictionaries(
    {
        "vandaag": st.dates(min_value=date(2025, 6, 1), max_value=date(2029, 6, 30)),
        "leerroute": st.sampled_from(["b1", "onderwijs", "z"]),
        "traject_loopt": st.booleans(),
        "uren_gevolgd": st.none() | st.integers(0, 1200),
        "uren_norm": st.none() | st.sampled_from([0, 600, 800, 1600]),
        "aanwezigheid_pct": st.none() | st.integers(0, 100),
        "laatste_voortgang_niveaus": st.dictionaries(
            st.sampled_from([LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN]),
            st.sampled_from(["A1", "A2", "B1", "B2"]),
        ),
        "examenpogingen": examens,
        "doel_niveau": st.sampled_from(["A1", "A2", "B1"]),
    }
)


def ernst(oordeel: KoersOordeel) -> int:
    """No judgement yet (before the termijn) ranks below op koers."""
    return -1 if oordeel.status is None else oordeel.status.ernst


@given(koers_args)
def test_on_track_always_gives_a_valid_status_and_at_least_one_reason(args):
    oordeel = koers(**args)
    if args["vandaag"] < START:
        assert oordeel.status is None
    else:
        assert oordeel.status in {"op_koers", "risico", "niet_op_koers"}
    assert oordeel.redenen
    assert all(isinstance(reden, str) and reden for reden in oordeel.redenen)


@given(koers_args, st.integers(1, 400))
def test_more_hours_never_make_it_worse(args, extra):
    minder = koers(**args)
    meer = koers(**{**args, "uren_gevolgd": (args["uren_gevolgd"] or 0) + extra})
    assert ernst(meer) <= ernst(minder)


@given(koers_args, st.integers(0, 100))
def test_better_attendance_never_makes_it_worse(args, hoger):
    pct = args["aanwezigheid_pct"]
    if pct is None or hoger < pct:
        return
    lager = koers(**args)
    assert ernst(koers(**{**args, "aanwezigheid_pct": hoger})) <= ernst(lager)


@given(koers_args, examens)
def test_an_extra_exam_attempt_never_makes_it_worse(args, extra):
    zonder = koers(**args)
    met = koers(**{**args, "examenpogingen": args["examenpogingen"] + extra})
    assert ernst(met) <= ernst(zonder)
