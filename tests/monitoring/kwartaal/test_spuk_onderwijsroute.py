"""The SPUK onderwijsroute top-up in the kwartaalrapport's money section (issue 17,
item 9; DOMAIN.md §10): from 2026, once, in the year of housing, per
asielstatushouder whose PIP in force on the peildatum sets the onderwijsroute, at
the amount of parameter spuk_onderwijsroute_toeslag valid on the date of housing.

Seed values (parameters migrations 0005 and 0009): SPUK € 12.713 per
asielstatushouder and € 590 per gezins- of overige migrant from 2022; the top-up
€ 4.287 (17.000 - 12.713) from 1 January 2026, nothing before."""

from datetime import date
from decimal import Decimal

import pytest

from intake.models import Doelgroep, Leerroute
from monitoring.rapportage.cijfers import bereken
from tests.factories.accounts import gemeente
from tests.factories.intake import InburgeraarFactory
from tests.factories.pip_plans import PipFactory
from tests.monitoring.kwartaal.cellen import aantallen, bedragen
from tests.monitoring.kwartaal.scenario import STAND, op
from zevenaar_inburgering.parameters.models import Parameter

pytestmark = pytest.mark.django_db

TOESLAG = "spuk_onderwijsroute_toeslag"


def rijen(jaar: int) -> dict:
    titel = f"Inburgeringsvoorzieningen {jaar}"
    return {
        "ow": ("geld", titel, f"Asielstatushouders met onderwijsroute, gehuisvest in {jaar}"),
        "toeslag": ("geld", titel, "SPUK-toeslag onderwijsroute (jaar van huisvesting)"),
        "basis": ("geld", titel, "SPUK per doelgroep (start plicht)"),
        "inkomsten": ("geld", titel, "SPUK toegekend voor het cohort (geen ontvangen geld)"),
    }  # fmt: skip


def persoon(huisvesting, leerroute, vastgesteld, *, gem="Zevenaar", **velden):
    """A Wi2021 dossier whose plicht started on 5 January 2026, housed on
    `huisvesting`, with a PIP in `leerroute` vastgesteld on `vastgesteld`."""
    dossier = InburgeraarFactory(
        gemeente=gemeente(gem),
        start_inburgeringsplicht=date(2026, 1, 5),
        datum_kennisgeving=date(2026, 1, 5),
        datum_huisvesting=huisvesting,
        **velden,
    )
    PipFactory(
        inburgeraar=dossier,
        leerroute=leerroute,
        vastgesteld=True,
        vastgesteld_op=op(vastgesteld),
    )
    return dossier


@pytest.fixture
def personen():
    OW, B1 = Leerroute.ONDERWIJS, Leerroute.B1
    return {
        # Asiel, housed in 2026, onderwijsroute: the top-up.
        "ow_2026": persoon(date(2026, 2, 10), OW, date(2026, 3, 2)),
        # Housed in 2025 (the top-up belonged to 2025, when there was none).
        "ow_2025": persoon(date(2025, 11, 20), OW, date(2026, 2, 16)),
        # A gezinsmigrant in the onderwijsroute: no asielstatushouder.
        "gezin": persoon(
            date(2026, 1, 20), OW, date(2026, 3, 9), doelgroep=Doelgroep.GEZINSVORMER
        ),
        # Asiel, housed in 2026, but the B1-route.
        "b1": persoon(date(2026, 3, 1), B1, date(2026, 3, 16)),
        # Asiel, housed in Q1 2026; the onderwijsroute PIP only in Q2.
        "ow_k2": persoon(date(2026, 3, 20), OW, date(2026, 5, 4)),
    }


def test_seed_has_no_top_up_before_2026():
    rijen_ = Parameter.objects.filter(code=TOESLAG)
    assert [(r.geldig_vanaf, r.waarde, r.gemeente_id) for r in rijen_] == [
        (date(2026, 1, 1), Decimal("4287.00"), None)
    ]
    assert "[U]" in rijen_[0].bron


def test_2026_report_adds_the_top_up_in_the_year_of_housing(personen):
    r = rijen(2026)
    k1 = bereken(stand=STAND, jaar=2026, kwartaal=1, gemeente=gemeente("Zevenaar"))
    # Peildatum 31 March: of the asiel persons housed in 2026 (ow_2026, b1, ow_k2)
    # only ow_2026 has an onderwijsroute PIP by then (ow_k2's comes on 4 May).
    assert aantallen(k1, *r["ow"]) == (1, 0, 1)
    # 1 × € 4.287 (the value on 10 February 2026).
    assert bedragen(k1, *r["toeslag"]) == ("4287.00", "0.00", "4287.00")
    # Plicht started in 2026 for all five: asiel ow_2026, ow_2025, b1, ow_k2
    # 4 × 12.713 = 50.852; gezin 1 × 590.
    assert bedragen(k1, *r["basis"]) == ("50852.00", "590.00", "51442.00")
    # 50.852 + 4.287 = 55.139; with 590: 55.729.
    assert bedragen(k1, *r["inkomsten"]) == ("55139.00", "590.00", "55729.00")

    k2 = bereken(stand=STAND, jaar=2026, kwartaal=2, gemeente=gemeente("Zevenaar"))
    # Peildatum 30 June: ow_k2's PIP now sets the onderwijsroute (housed in 2026).
    # ow_2025 (housed 2025), gezin (a gezinsmigrant) and b1 (B1-route) never count.
    assert aantallen(k2, *r["ow"]) == (2, 0, 2)
    # 2 × 4.287 = 8.574.
    assert bedragen(k2, *r["toeslag"]) == ("8574.00", "0.00", "8574.00")
    # 50.852 + 8.574 = 59.426; with 590: 60.016.
    assert bedragen(k2, *r["inkomsten"]) == ("59426.00", "590.00", "60016.00")
    # The chart puts the top-up in the quarter of housing: both were housed in
    # K1 (10 February, 20 March), so K1 = 51.442 + 8.574 = 60.016 and K2 = 0.
    assert [(g["label"], g["reeksen"]) for g in k2["grafieken"]["geld"]["groepen"]] == [
        ("K1", [60016.0, 0.0, 0.0]),
        ("K2", [0.0, 0.0, 0.0]),
    ]
    # The report lists the parameter with the value on its peildatum.
    gebruikt = k2["parameters"][TOESLAG]
    assert gebruikt["waarde"] == "4287.00"
    assert gebruikt["geldig_vanaf"] == "2026-01-01"


def test_the_amount_valid_on_the_date_of_housing_per_gemeente(personen):
    """A gemeente's own row wins for its dossiers; a new value applies from its
    date of validity, for those housed from then."""
    duiven = gemeente("Duiven")
    Parameter.objects.create(
        code=TOESLAG,
        gemeente=duiven,
        geldig_vanaf=date(2026, 1, 1),
        waarde=Decimal(5000),
        bron="Test",
    )
    Parameter.objects.create(
        code=TOESLAG, geldig_vanaf=date(2026, 3, 1), waarde=Decimal(4500), bron="Test"
    )
    persoon(date(2026, 2, 1), Leerroute.ONDERWIJS, date(2026, 3, 2), gem="Duiven")
    r = rijen(2026)
    zevenaar = bereken(
        stand=STAND, jaar=2026, kwartaal=2, gemeente=gemeente("Zevenaar")
    )
    # ow_2026 housed 10 February: 4.287; ow_k2 housed 20 March: 4.500 → 8.787.
    assert bedragen(zevenaar, *r["toeslag"]) == ("8787.00", "0.00", "8787.00")
    regio = bereken(stand=STAND, jaar=2026, kwartaal=2)
    # Zevenaar 8.787 + Duiven's own 5.000 = 13.787.
    assert aantallen(regio, *r["ow"]) == (3, 0, 3)
    assert bedragen(regio, *r["toeslag"]) == ("13787.00", "0.00", "13787.00")


def test_2022_report_adds_nothing(zevenaar_k4):
    """The scenario's A5 is an asielstatushouder housed on 15 June 2022 whose PIP
    (vastgesteld 10 October 2022) sets the onderwijsroute; in 2022 there was no
    top-up per person (a separate national SPUK), so no amount."""
    r = rijen(2022)
    assert aantallen(zevenaar_k4, *r["ow"]) == (1, 0, 1)
    assert bedragen(zevenaar_k4, *r["toeslag"]) == ("0.00", "0.00", "0.00")
    # The SPUK income is the amount per doelgroep alone (test_cijfers.test_geld).
    assert bedragen(zevenaar_k4, *r["inkomsten"]) == bedragen(zevenaar_k4, *r["basis"])
    assert bedragen(zevenaar_k4, *r["inkomsten"]) == (
        "127130.00",
        "1770.00",
        "128900.00",
    )
    # Listed with the default (0) and its source, as a parameter without a row.
    gebruikt = zevenaar_k4["parameters"][TOESLAG]
    assert gebruikt["waarde"] == "0"
    assert gebruikt["bron"].startswith("Standaard: ")
