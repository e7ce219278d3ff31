"""The pure rule of fulfilment: the day the inburgeringsplicht is voldaan in the B1-,
onderwijs- and Z-route, and what is still missing."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerroutes.rules.voldaan import Examen, inburgeringsplicht_voldaan
from leerroutes.rules.waarden import KNM, LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN
from tests.leerroutes.rules.helpers import dagen, examens


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
        "map_afgerond": date(2027, 5, 1),
    }
    return inburgeringsplicht_voldaan(**{**args, **changes})


def test_b1_route_is_fulfilled_on_the_day_of_the_last_requirement():
    uitkomst = voldaan()
    assert uitkomst.voldaan
    assert uitkomst.datum == date(2027, 6, 11)
    assert "Examen spreken op B1 of hoger gehaald op 11 juni 2027." in uitkomst.redenen
    assert "Participatieverklaring ondertekend op 1 september 2026." in uitkomst.redenen
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


def test_the_b1_and_z_route_need_the_map_too():
    """Wet art. 8 [S], DOMAIN §13.5: PVT and MAP in the B1- and Z-route."""
    zonder = voldaan(map_afgerond=None)
    assert not zonder.voldaan
    assert zonder.redenen == ("MAP nog niet afgerond.",)
    met = voldaan(map_afgerond=date(2027, 12, 1))
    assert met.datum == date(2027, 12, 1)
    z = {"leerroute": "z", "taalniveau_doel": "A1", "examens": []}
    assert voldaan(**z, z_eindgesprek=date(2028, 1, 5), map_afgerond=None).redenen == (
        "MAP nog niet afgerond.",
    )


def test_onderwijsroute_needs_its_result_knm_and_pvt_but_never_map():
    args = {
        "leerroute": "onderwijs",
        "taalniveau_doel": None,
        "examens": [geslaagd(KNM, None, date(2027, 2, 1))],
        "map_afgerond": None,
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
    assert (
        "Resultaat van de onderwijsroute behaald op 1 juli 2028." in met_datum.redenen
    )
    geen_knm = voldaan(**{**args, "examens": []}, onderwijsroute_resultaat=True)
    assert geen_knm.redenen == ("Examen KNM nog niet gehaald.",)


def test_z_route_needs_the_eindgesprek_and_pvt_not_exams():
    args = {"leerroute": "z", "taalniveau_doel": "A1", "examens": []}
    assert voldaan(**args).redenen == ("Eindgesprek van de Z-route nog niet gevoerd.",)
    uitkomst = voldaan(**args, z_eindgesprek=date(2028, 10, 3))
    assert uitkomst == (
        True,
        (
            "Eindgesprek van de Z-route gevoerd op 3 oktober 2028.",
            "Participatieverklaring ondertekend op 1 september 2026.",
            "MAP afgerond op 1 mei 2027.",
        ),
        date(2028, 10, 3),
    )


def test_fulfilment_refuses_an_unknown_route_or_b1_without_a_level():
    with pytest.raises(ValueError):
        voldaan(leerroute="b2")
    with pytest.raises(ValueError):
        voldaan(taalniveau_doel=None)


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
