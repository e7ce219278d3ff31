"""The pure rules of the leerroutes: afschalen, Z-route hours, PVT, fulfilment,
duurzaam werk and meedoen, and the on-track judgement."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerroutes.rules.koers import Koers, KoersOordeel, op_koers
from leerroutes.rules.participatie import Activiteit, duurzaam_werk_sinds, meedoen_sinds
from leerroutes.rules.uren import (
    UrenStand,
    afschalen_toegestaan,
    gevolgde_uren,
    participatieverklaring_mag_getekend,
    z_route_uren_fouten,
)
from leerroutes.rules.voldaan import Examen, inburgeringsplicht_voldaan
from leerroutes.rules.waarden import (
    ACTIVITEIT_SOORTEN,
    BETAALD_WERK,
    KNM,
    LEZEN,
    LUISTEREN,
    NT2,
    OPLEIDING,
    PVT,
    SCHRIJVEN,
    SPREKEN,
    STAGE,
    VRIJWILLIGERSWERK,
)
from zevenaar_inburgering.termijnen import periode_einde

DAG = timedelta(days=1)


# --- Inputs ----------------------------------------------------------------------


def test_a_language_exam_needs_a_level_but_knm_may_have_none():
    with pytest.raises(ValueError, match="niveau"):
        Examen(LEZEN, None, True, date(2026, 1, 1))
    assert Examen(KNM, None, True, date(2026, 1, 1)).niveau is None


@pytest.mark.parametrize(
    "maak",
    [
        lambda: Examen("rekenen", "B1", True, date(2026, 1, 1)),
        lambda: Examen(LEZEN, "C1", True, date(2026, 1, 1)),
        lambda: Activiteit("hobby", date(2026, 1, 1)),
        lambda: Activiteit(BETAALD_WERK, date(2026, 2, 1), date(2026, 1, 31), 20),
        lambda: Activiteit(BETAALD_WERK, date(2026, 2, 1), None, -1),
        lambda: UrenStand("zwemmen", 10),
        lambda: UrenStand(NT2, -3),
    ],
)
def test_inputs_refuse_values_the_rules_do_not_know(maak):
    with pytest.raises(ValueError):
        maak()


def test_gevolgde_uren_adds_the_asked_onderdelen_and_optionally_only_keurmerk():
    standen = [
        UrenStand(NT2, 300, keurmerk=True),
        UrenStand(NT2, Decimal("150.5"), keurmerk=False),
        UrenStand(KNM, 40, keurmerk=True),
        UrenStand(PVT, 12, keurmerk=True),
    ]
    assert gevolgde_uren(standen, onderdelen={NT2}) == Decimal("450.5")
    assert gevolgde_uren(standen, onderdelen={NT2}, alleen_keurmerk=True) == 300
    assert gevolgde_uren(standen, onderdelen={NT2, KNM}) == Decimal("490.5")
    assert gevolgde_uren([], onderdelen={NT2}) == 0


# --- Afschalen -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leerroute", "uren", "oordeel", "toegestaan", "in_redenen"),
    [
        ("b1", 600, "Zet zich goed in.", True, []),
        ("b1", Decimal("612.5"), "Voldoende.", True, []),
        ("b1", Decimal("599.5"), "Voldoende.", False, ["600 uur NT2", "599,5 uur"]),
        ("b1", None, "Voldoende.", False, ["gevolgd: 0 uur"]),
        ("b1", 700, "", False, ["inzet"]),
        ("b1", 700, "   ", False, ["inzet"]),
        ("b1", 700, None, False, ["inzet"]),
        ("z", 700, "Voldoende.", False, ["alleen in de B1-route"]),
        ("onderwijs", 0, "", False, ["B1-route", "600 uur", "inzet"]),
    ],
)
def test_afschalen_needs_the_b1_route_600_keurmerk_hours_and_an_effort_judgement(
    leerroute, uren, oordeel, toegestaan, in_redenen
):
    uitkomst = afschalen_toegestaan(
        leerroute=leerroute, nt2_uren_keurmerk=uren, inzet_oordeel=oordeel, min_uren=600
    )
    assert uitkomst.toegestaan is toegestaan
    assert bool(uitkomst.redenen) is not toegestaan
    tekst = " ".join(uitkomst.redenen)
    for stuk in in_redenen:
        assert stuk in tekst


def test_afschalen_takes_the_dated_minimum_as_an_argument():
    args = {"leerroute": "b1", "nt2_uren_keurmerk": 500, "inzet_oordeel": "Goed"}
    assert afschalen_toegestaan(**args, min_uren=500).toegestaan
    assert not afschalen_toegestaan(**args, min_uren=501).toegestaan


@given(
    st.sampled_from(["b1", "onderwijs", "z"]),
    st.integers(0, 1200),
    st.sampled_from(["", " ", "Goed"]),
    st.integers(1, 1000),
)
def test_afschalen_is_allowed_exactly_when_all_three_conditions_hold(
    leerroute, uren, oordeel, minimum
):
    toegestaan, redenen = afschalen_toegestaan(
        leerroute=leerroute,
        nt2_uren_keurmerk=uren,
        inzet_oordeel=oordeel,
        min_uren=minimum,
    )
    assert toegestaan == (
        leerroute == "b1" and uren >= minimum and bool(oordeel.strip())
    )
    assert len(redenen) == (
        (leerroute != "b1") + (uren < minimum) + (not oordeel.strip())
    )


# --- Z-route hours ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("categorie", "taal_knm", "participatie", "velden"),
    [
        ("asiel", 800, 800, set()),
        ("asiel", 1000, Decimal("800.0"), set()),
        ("asiel", 799, 800, {"taal_knm_uren"}),
        ("asiel", 800, 799, {"participatie_uren"}),
        ("asiel", None, None, {"taal_knm_uren", "participatie_uren"}),
        ("gezin_overig", 800, None, set()),
        ("gezin_overig", 800, 0, set()),
        ("gezin_overig", Decimal("799.9"), 900, {"taal_knm_uren"}),
    ],
)
def test_z_route_asks_800_plus_800_for_asiel_and_800_for_gezin_overig(
    categorie, taal_knm, participatie, velden
):
    fouten = z_route_uren_fouten(
        categorie=categorie, taal_knm_uren=taal_knm, participatie_uren=participatie
    )
    assert set(fouten) == velden


def test_z_route_messages_name_the_norm_and_the_hours_now():
    fouten = z_route_uren_fouten(
        categorie="asiel", taal_knm_uren=640, participatie_uren=Decimal("400.5")
    )
    assert fouten["taal_knm_uren"] == (
        "De Z-route omvat minstens 800 uur NT2 en KNM samen; nu 640 uur."
    )
    assert "800 uur participatie; nu 400,5 uur" in fouten["participatie_uren"]


def test_z_route_norms_are_arguments_and_the_categorie_must_be_known():
    assert (
        z_route_uren_fouten(
            categorie="asiel",
            taal_knm_uren=700,
            participatie_uren=500,
            norm_taal_knm=700,
            norm_participatie=500,
        )
        == {}
    )
    with pytest.raises(ValueError):
        z_route_uren_fouten(
            categorie="asielstatushouder", taal_knm_uren=800, participatie_uren=800
        )


# --- PVT -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uren", "mag"),
    [
        (12, True),
        (Decimal("12.0"), True),
        (40, True),
        (Decimal("11.5"), False),
        (0, False),
        (None, False),
    ],
)
def test_participatieverklaring_is_signed_only_after_twelve_pvt_hours(uren, mag):
    uitkomst = participatieverklaring_mag_getekend(pvt_uren=uren)
    assert uitkomst.toegestaan is mag
    if not mag:
        assert "minstens 12 uur participatieverklaringstraject" in uitkomst.redenen[0]


def test_participatieverklaring_minimum_is_an_argument():
    assert not participatieverklaring_mag_getekend(pvt_uren=12, min_uren=16).toegestaan


# --- Fulfilment ------------------------------------------------------------------


def geslaagd(onderdeel, niveau, dag):
    return Examen(onderdeel, niveau, True, dag)


B1_EXAMENS = [
    geslaagd(LEZEN, "B1", date(2027, 3, 1)),
    geslaagd(LUISTEREN, "B1", date(2027, 3, 2)),
    geslaagd(SCHRIJVEN, "B1", date(2027, 6, 10)),
    geslaagd(SPREKEN, "B1", date(2027, 6, 11)),
    geslaagd(KNM, None, date(2026, 11, 20)),
]


def voldaan(**changes):
    args = {
        "leerroute": "b1",
        "taalniveau_doel": "B1",
        "examens": B1_EXAMENS,
        "participatieverklaring_getekend": date(2026, 9, 1),
        "z_eindgesprek": None,
        "onderwijsroute_resultaat": None,
    }
    return inburgeringsplicht_voldaan(**{**args, **changes})


def test_b1_route_is_fulfilled_on_the_day_of_the_last_requirement():
    uitkomst = voldaan()
    assert uitkomst.voldaan
    assert uitkomst.datum == date(2027, 6, 11)
    assert "Examen spreken op B1 of hoger gehaald op 11-06-2027." in uitkomst.redenen
    assert "Participatieverklaring ondertekend op 01-09-2026." in uitkomst.redenen
    ok, redenen, dag = uitkomst  # unpacks as (bool, reasons, date)
    assert (ok, dag) == (True, date(2027, 6, 11))


def test_b1_route_lists_what_is_missing():
    examens = [e for e in B1_EXAMENS if e.onderdeel not in (SCHRIJVEN, KNM)]
    uitkomst = voldaan(examens=examens, participatieverklaring_getekend=None)
    assert uitkomst == (
        False,
        (
            "Examen schrijven op B1 nog niet gehaald.",
            "Examen KNM nog niet gehaald.",
            "Participatieverklaring nog niet ondertekend.",
        ),
        None,
    )


def test_a_failed_attempt_does_not_count_and_the_first_pass_gives_the_date():
    examens = [
        *B1_EXAMENS[:3],
        Examen(SPREKEN, "B1", False, date(2027, 5, 1)),
        geslaagd(SPREKEN, "B1", date(2027, 7, 1)),
        geslaagd(SPREKEN, "B1", date(2027, 9, 1)),  # a later retake changes nothing
        B1_EXAMENS[4],
    ]
    assert voldaan(examens=examens).datum == date(2027, 7, 1)
    assert not voldaan(examens=[*B1_EXAMENS[:3], examens[3], B1_EXAMENS[4]]).voldaan


def test_a2_exams_fulfil_only_after_afschalen_and_b2_counts_for_b1():
    a2 = [
        geslaagd(vaardigheid, "A2", date(2027, 3, 1))
        for vaardigheid in (LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN)
    ]
    knm = geslaagd(KNM, None, date(2027, 1, 1))
    assert not voldaan(examens=[*a2, knm]).voldaan
    assert voldaan(examens=[*a2, knm], taalniveau_doel="A2").voldaan
    b2 = [geslaagd(e.onderdeel, "B2", e.datum) for e in a2]
    assert voldaan(examens=[*b2, knm]).voldaan
    assert voldaan(examens=[*b2, knm], taalniveau_doel="A2").voldaan


def test_map_counts_only_when_the_gemeente_requires_it():
    assert voldaan(map_vereist=False).voldaan
    zonder = voldaan(map_vereist=True)
    assert zonder.redenen == ("MAP nog niet afgerond.",)
    met = voldaan(map_vereist=True, map_afgerond=date(2027, 12, 1))
    assert met.datum == date(2027, 12, 1)


def test_onderwijsroute_needs_its_result_knm_and_pvt_but_never_map():
    args = {
        "leerroute": "onderwijs",
        "taalniveau_doel": None,
        "examens": [geslaagd(KNM, None, date(2027, 2, 1))],
        "map_vereist": True,
    }
    assert voldaan(**args, onderwijsroute_resultaat=None).redenen == (
        "Resultaat van de onderwijsroute nog niet behaald.",
    )
    assert not voldaan(**args, onderwijsroute_resultaat=False).voldaan
    zonder_datum = voldaan(**args, onderwijsroute_resultaat=True)
    assert zonder_datum.voldaan
    assert zonder_datum.datum == date(2027, 2, 1)
    met_datum = voldaan(
        **args,
        onderwijsroute_resultaat=True,
        onderwijsroute_resultaat_op=date(2028, 7, 1),
    )
    assert met_datum.datum == date(2028, 7, 1)
    assert "Resultaat van de onderwijsroute behaald op 01-07-2028." in met_datum.redenen
    geen_knm = voldaan(**{**args, "examens": []}, onderwijsroute_resultaat=True)
    assert geen_knm.redenen == ("Examen KNM nog niet gehaald.",)


def test_z_route_needs_the_eindgesprek_and_pvt_not_exams():
    args = {"leerroute": "z", "taalniveau_doel": "A1", "examens": []}
    assert voldaan(**args).redenen == ("Eindgesprek van de Z-route nog niet gevoerd.",)
    uitkomst = voldaan(**args, z_eindgesprek=date(2028, 10, 3))
    assert uitkomst == (
        True,
        (
            "Eindgesprek van de Z-route gevoerd op 03-10-2028.",
            "Participatieverklaring ondertekend op 01-09-2026.",
        ),
        date(2028, 10, 3),
    )


def test_fulfilment_refuses_an_unknown_route_or_b1_without_a_level():
    with pytest.raises(ValueError):
        voldaan(leerroute="b2")
    with pytest.raises(ValueError):
        voldaan(taalniveau_doel=None)


dagen = st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31))
examens = st.lists(
    st.builds(
        Examen,
        st.sampled_from([LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN]),
        st.sampled_from(["A1", "A2", "B1", "B2"]),
        st.booleans(),
        dagen,
    )
    | st.builds(Examen, st.just(KNM), st.none(), st.booleans(), dagen),
    max_size=14,
)


@given(examens, examens, st.sampled_from(["A2", "B1"]), dagen)
def test_more_exams_never_undo_fulfilment_or_move_it_later(eerst, later, doel, pvt):
    args = {
        "leerroute": "b1",
        "taalniveau_doel": doel,
        "participatieverklaring_getekend": pvt,
        "z_eindgesprek": None,
        "onderwijsroute_resultaat": None,
    }
    voor = inburgeringsplicht_voldaan(**args, examens=eerst)
    na = inburgeringsplicht_voldaan(**args, examens=eerst + later)
    if voor.voldaan:
        assert na.voldaan
        assert na.datum <= voor.datum
    if na.voldaan:
        gebruikte = {e.datum for e in eerst + later if e.geslaagd} | {pvt}
        assert na.datum in gebruikte
        assert na.datum >= pvt
    else:
        assert na.datum is None and na.redenen


# --- Duurzaam werk ---------------------------------------------------------------


def werk(start, einde=None, uren=12):
    return Activiteit(BETAALD_WERK, start, einde, uren)


OP = date(2030, 1, 1)


@pytest.mark.parametrize(
    ("activiteiten", "sinds"),
    [
        ([werk(date(2026, 1, 1))], date(2026, 6, 30)),
        ([werk(date(2026, 3, 1))], date(2026, 8, 31)),
        ([werk(date(2026, 9, 1))], date(2027, 2, 28)),
        ([werk(date(2027, 9, 1))], date(2028, 2, 29)),  # leap year
        # DOMAIN §13.1: 6 months from 31 August end on the last day of February.
        ([werk(date(2027, 8, 31))], date(2028, 2, 29)),
        ([werk(date(2026, 8, 31))], date(2027, 2, 28)),
        ([werk(date(2026, 1, 1), date(2026, 6, 30))], date(2026, 6, 30)),
        ([werk(date(2026, 1, 1), date(2026, 6, 29))], None),  # one day short
        ([werk(date(2026, 1, 1), uren=Decimal("11.5"))], None),
        ([werk(date(2026, 1, 1), uren=None)], None),
        ([werk(date(2026, 1, 1), uren=40)], date(2026, 6, 30)),
        # Two part-time jobs at the same time add up.
        (
            [werk(date(2026, 1, 1), uren=6), werk(date(2026, 1, 1), uren=6)],
            date(2026, 6, 30),
        ),
        (
            [
                werk(date(2026, 1, 1), uren=Decimal("6.5")),
                werk(date(2026, 3, 1), uren=Decimal("5.5")),
            ],
            date(2026, 8, 31),
        ),
        # A job that ends on the 31st and one that starts on the 1st: no gap.
        (
            [werk(date(2026, 1, 1), date(2026, 3, 31)), werk(date(2026, 4, 1))],
            date(2026, 6, 30),
        ),
        # One day without work in between resets the count.
        (
            [werk(date(2026, 1, 1), date(2026, 3, 31)), werk(date(2026, 4, 2))],
            date(2026, 10, 1),
        ),
        # The hours drop below 12 for a while: a gap too.
        (
            [
                werk(date(2026, 1, 1), uren=8),
                werk(date(2026, 1, 1), date(2026, 4, 30), uren=8),
                werk(date(2026, 5, 16), uren=4),
            ],
            date(2026, 11, 15),
        ),
        # Other activities do not count, however many hours.
        ([Activiteit(VRIJWILLIGERSWERK, date(2026, 1, 1), None, 40)], None),
        ([Activiteit(STAGE, date(2026, 1, 1), None, 40)], None),
        ([], None),
    ],
)
def test_duurzaam_werk_is_12_hours_a_week_for_6_unbroken_months(activiteiten, sinds):
    assert duurzaam_werk_sinds(activiteiten, op=OP) == sinds


def test_duurzaam_werk_counts_only_up_to_op():
    baan = [werk(date(2026, 1, 1))]
    assert duurzaam_werk_sinds(baan, op=date(2026, 6, 30)) == date(2026, 6, 30)
    assert duurzaam_werk_sinds(baan, op=date(2026, 6, 29)) is None
    later = [werk(date(2026, 7, 1), date(2027, 12, 31))]
    assert duurzaam_werk_sinds(later, op=date(2026, 6, 30)) is None
    assert duurzaam_werk_sinds(later, op=date(2026, 12, 31)) == date(2026, 12, 31)


def test_duurzaam_werk_threshold_and_months_are_arguments():
    baan = [werk(date(2026, 1, 1), uren=8)]
    assert duurzaam_werk_sinds(baan, op=OP) is None
    assert duurzaam_werk_sinds(baan, op=OP, min_uren_per_week=8) == date(2026, 6, 30)
    assert duurzaam_werk_sinds(
        baan, op=OP, min_uren_per_week=8, min_maanden=12
    ) == date(2026, 12, 31)
    with pytest.raises(ValueError):
        duurzaam_werk_sinds(baan, op=OP, min_maanden=0)


def duurzaam_per_dag(activiteiten, op, min_uren=12, min_maanden=6):
    """The definition read literally, one day at a time."""
    banen = [a for a in activiteiten if a.soort == BETAALD_WERK and a.start <= op]
    if not banen:
        return None
    dag, reeks = min(a.start for a in banen), None
    while dag <= op:
        uren = sum(
            a.uren_per_week or 0 for a in banen if a.start <= dag <= (a.einde or op)
        )
        if uren >= min_uren:
            reeks = reeks or dag
            if periode_einde(reeks, maanden=min_maanden) == dag:
                return dag
        else:
            reeks = None
        dag += DAG
    return None


VENSTER_START, VENSTER_EINDE = date(2026, 1, 1), date(2028, 12, 31)


@st.composite
def activiteit(draw, soorten=ACTIVITEIT_SOORTEN):
    start = draw(st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE))
    einde = draw(st.none() | st.integers(0, 400).map(lambda n: start + n * DAG))
    uren = draw(st.none() | st.integers(0, 20) | st.sampled_from([Decimal("6.5")]))
    return Activiteit(draw(st.sampled_from(soorten)), start, einde, uren)


activiteiten = st.lists(activiteit(), max_size=6)
banen = st.lists(activiteit(soorten=(BETAALD_WERK,)), max_size=6)
peildata = st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE)


@given(st.lists(activiteit(soorten=(BETAALD_WERK, OPLEIDING)), max_size=6), peildata)
def test_duurzaam_werk_matches_the_definition_read_day_by_day(activiteiten, op):
    assert duurzaam_werk_sinds(activiteiten, op=op) == duurzaam_per_dag(
        activiteiten, op
    )


@given(banen, activiteit(soorten=(BETAALD_WERK,)), peildata)
def test_an_extra_job_never_makes_duurzaam_werk_later(activiteiten, extra, op):
    zonder = duurzaam_werk_sinds(activiteiten, op=op)
    met = duurzaam_werk_sinds([*activiteiten, extra], op=op)
    if zonder is not None:
        assert met is not None and met <= zonder


@given(activiteiten, peildata)
def test_only_paid_work_counts_for_duurzaam_werk(activiteiten, op):
    alleen_werk = [a for a in activiteiten if a.soort == BETAALD_WERK]
    assert duurzaam_werk_sinds(activiteiten, op=op) == duurzaam_werk_sinds(
        alleen_werk, op=op
    )


@given(
    st.dates(min_value=VENSTER_START, max_value=VENSTER_EINDE),
    st.integers(1, 500),
    st.integers(1, 700),
    st.integers(12, 40),
)
def test_a_gap_day_always_resets_the_six_months(start, tot_gat, daarna, uren):
    gat = start + tot_gat * DAG
    einde = gat + daarna * DAG
    activiteiten = [werk(start, gat - DAG, uren), werk(gat + DAG, einde, uren)]
    voor_gat = periode_einde(start, maanden=6)
    na_gat = periode_einde(gat + DAG, maanden=6)
    verwacht = voor_gat if voor_gat < gat else (na_gat if na_gat <= einde else None)
    assert duurzaam_werk_sinds(activiteiten, op=einde) == verwacht


# --- Meedoen ---------------------------------------------------------------------


def test_meedoen_is_the_first_start_of_any_activity_by_op():
    activiteiten = [
        werk(date(2027, 5, 1)),
        Activiteit(VRIJWILLIGERSWERK, date(2026, 9, 1), date(2026, 10, 1)),
        Activiteit(OPLEIDING, date(2026, 11, 1), None, 4),
    ]
    assert meedoen_sinds(activiteiten, op=date(2028, 1, 1)) == date(2026, 9, 1)
    assert meedoen_sinds(activiteiten, op=date(2026, 9, 1)) == date(2026, 9, 1)
    assert meedoen_sinds(activiteiten, op=date(2026, 8, 31)) is None
    assert meedoen_sinds([], op=date(2028, 1, 1)) is None


@given(activiteiten, peildata)
def test_meedoen_is_no_later_than_any_started_activity(activiteiten, op):
    sinds = meedoen_sinds(activiteiten, op=op)
    gestart = [a.start for a in activiteiten if a.start <= op]
    if not gestart:
        assert sinds is None
    else:
        assert sinds in gestart
        assert all(sinds <= dag for dag in gestart)
        duurzaam = duurzaam_werk_sinds(activiteiten, op=op)
        assert duurzaam is None or sinds <= duurzaam


# --- On-track --------------------------------------------------------------------

START, EINDE = date(2026, 1, 1), date(2028, 12, 31)  # 1096 days


def koers(**changes):
    args = {
        "vandaag": date(2027, 9, 1),
        "termijn_start": START,
        "termijn_einde": EINDE,
        "leerroute": "b1",
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
    assert "1 examenpoging, de laatste op 01-03-2028" in oordeel.redenen
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
    assert oordeel == KoersOordeel(Koers.OP_KOERS, ("de termijn begint op 01-01-2026",))


def test_after_the_termijn_ended_it_is_niet_op_koers():
    oordeel = koers(
        vandaag=date(2029, 2, 1),
        uren_gevolgd=700,
        examenpogingen=[Examen(KNM, None, True, date(2028, 1, 1))],
    )
    assert oordeel.status == "niet_op_koers"
    assert oordeel.redenen[0] == "de termijn is verstreken op 31-12-2028"
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


@given(koers_args)
def test_on_track_always_gives_a_valid_status_and_at_least_one_reason(args):
    oordeel = koers(**args)
    assert oordeel.status in {"op_koers", "risico", "niet_op_koers"}
    assert oordeel.redenen
    assert all(isinstance(reden, str) and reden for reden in oordeel.redenen)


@given(koers_args, st.integers(1, 400))
def test_more_hours_never_make_it_worse(args, extra):
    minder = koers(**args)
    meer = koers(**{**args, "uren_gevolgd": (args["uren_gevolgd"] or 0) + extra})
    assert meer.status.ernst <= minder.status.ernst


@given(koers_args, st.integers(0, 100))
def test_better_attendance_never_makes_it_worse(args, hoger):
    pct = args["aanwezigheid_pct"]
    if pct is None or hoger < pct:
        return
    lager = koers(**args)
    assert (
        koers(**{**args, "aanwezigheid_pct": hoger}).status.ernst <= lager.status.ernst
    )


@given(koers_args, examens)
def test_an_extra_exam_attempt_never_makes_it_worse(args, extra):
    zonder = koers(**args)
    met = koers(**{**args, "examenpogingen": args["examenpogingen"] + extra})
    assert met.status.ernst <= zonder.status.ernst
