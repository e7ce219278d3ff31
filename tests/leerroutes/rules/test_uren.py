"""The pure rules on hours: the hours followed, afschalen, the Z-route's hours and
the twelve PVT hours before the participatieverklaring."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerroutes.rules.uren import (
    UrenStand,
    afschalen_toegestaan,
    gevolgde_uren,
    participatieverklaring_mag_getekend,
    z_route_uren_fouten,
)
from leerroutes.rules.waarden import KNM, NT2, PVT

# --- Hours followed -------------------------------------------------------------


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
