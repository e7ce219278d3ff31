"""What every copy of the scenario persons shares: the gemeenten, the organisations and
their contracts, the uitvoeringskosten and the ketenoverleggen; and the dates.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from intake.models import Leerroute
from leerroutes.models import Onderdeel, OrganisatieSoort
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.leerroutes import ContractFactory, OrganisatieFactory
from tests.factories.monitoring import KetenoverlegFactory, UitvoeringskostenFactory
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.parameters.models import Parameter

D = dt.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The date of the data of the scenario's reports: after every quarter they show, so
# they are final (a test of a provisional report passes its own).
STAND = D(2027, 1, 4)


def op(dag: dt.date, uur: int = 12, minuut: int = 0) -> dt.datetime:
    """A moment on `dag`, Dutch time."""
    return dt.datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMSTERDAM)


@dataclass
class Gedeeld:
    """What every copy of the persons shares."""

    user: object
    zevenaar: object
    duiven: object
    westervoort: object
    taalschool: object
    taalcentrum: object
    rsd: object
    contract: dict = field(default_factory=dict)  # leerroute -> Contract


@dataclass
class Scenario:
    gedeeld: Gedeeld
    personen: dict  # code -> Inburgeraar (the first copy)
    alle_personen: list = field(default_factory=list)  # every copy


def controleer_seed() -> None:
    """The figures below rely on the values migration parameters 0005 loads."""
    codes = set(
        Parameter.objects.filter(
            code__in=[
                "spuk_asiel",
                "spuk_gezin_overig",
                "uitvoeringskosten_budget",
                "taakstelling_huisvesting",
                "aandeel_inburgeringsplichtig_pct",
            ]
        ).values_list("code", "waarde")
    )
    verwacht = {
        ("spuk_asiel", Decimal("12713.00")),
        ("spuk_gezin_overig", Decimal("590.00")),
        ("uitvoeringskosten_budget", Decimal("127101.00")),
        ("taakstelling_huisvesting", Decimal("34.00")),
        ("aandeel_inburgeringsplichtig_pct", Decimal("65.00")),
    }
    assert verwacht <= codes, f"seed parameters missing: {verwacht - codes}"


def gedeeld_maken() -> Gedeeld:
    controleer_seed()
    zevenaar, duiven = gemeente("Zevenaar"), gemeente("Duiven")
    westervoort = gemeente("Westervoort")
    user = UserFactory(
        username="kw.casus", role=Role.CASUSREGISSEUR, gemeenten=[zevenaar]
    )
    taal = OrganisatieSoort.TAALAANBIEDER
    g = Gedeeld(
        user,
        zevenaar,
        duiven,
        westervoort,
        taalschool=OrganisatieFactory(naam="Taalschool Kwartaal", soort=taal),
        taalcentrum=OrganisatieFactory(naam="Taalcentrum Kwartaal", soort=taal),
        rsd=OrganisatieFactory(naam="RSD Kwartaal", soort=OrganisatieSoort.RSD),
    )
    _contracten(g)
    _kosten_en_overleggen(g)
    return g


# Contract prices per person for the route, and per onderdeel (uren, prijs): the
# hourly price is prijs / uren.
CONTRACTEN = {
    Leerroute.B1: (
        "10000.00",
        {
            Onderdeel.NT2: (600, "6000.00"),  # € 10 an hour
            Onderdeel.KNM: (80, "800.00"),  # € 10
            Onderdeel.PVT: (12, "300.00"),  # € 25
            Onderdeel.MAP: (40, "900.00"),  # € 22,50
        },
    ),
    Leerroute.Z: (
        "12000.00",
        {
            Onderdeel.NT2: (720, "7200.00"),  # € 10
            Onderdeel.PARTICIPATIE_Z: (800, "2000.00"),  # € 2,50
            Onderdeel.PVT: (12, "300.00"),
            Onderdeel.MAP: (40, "900.00"),
            # no KNM in the Z contract: KNM hours cost nothing here
        },
    ),
    Leerroute.ONDERWIJS: (
        "15000.00",
        {
            Onderdeel.TAALSCHAKEL: (1000, "12000.00"),  # € 12
            Onderdeel.NT2: (0, "500.00"),  # 0 hours: no hourly price
        },
    ),
}


def _contracten(g: Gedeeld) -> None:
    for route, (prijs, onderdelen) in CONTRACTEN.items():
        g.contract[route] = ContractFactory(
            aanbieder=g.taalschool,
            leerroute=route,
            kenmerk="",
            start=D(2022, 1, 1),
            einde=D(2025, 12, 31),
            prijs_route=Decimal(prijs),
            onderdelen=onderdelen,
        )


def _kosten_en_overleggen(g: Gedeeld) -> None:
    zevenaar, duiven, rsd, taalschool = g.zevenaar, g.duiven, g.rsd, g.taalschool
    # Uitvoeringskosten realised (functioneel beheer enters them per quarter).
    for gem, jaar, kwartaal, bedrag in [
        (zevenaar, 2022, 1, "30000.00"),
        (zevenaar, 2022, 2, "31000.00"),
        (zevenaar, 2022, 3, "29500.50"),
        (zevenaar, 2022, 4, "32000.00"),
        (zevenaar, 2023, 1, "1000.00"),
        (duiven, 2022, 4, "5000.00"),
    ]:
        UitvoeringskostenFactory(
            gemeente=gem, jaar=jaar, kwartaal=kwartaal, bedrag=Decimal(bedrag)
        )
    # Ketenoverleggen (Doel 4): datum, onderwerp, gemeenten, partners.
    for datum, onderwerp, gemeenten, partners in [
        (
            D(2022, 3, 10),
            "Start inburgering 2022",
            [zevenaar, duiven],
            [rsd, taalschool],
        ),
        (D(2022, 11, 17), "Evaluatie taalaanbod", [zevenaar], [taalschool]),
        (D(2022, 6, 1), "Overleg Duiven", [duiven], [rsd]),
        (D(2021, 12, 1), "Voorbereiding Wi2021", [zevenaar], [rsd]),
        (D(2023, 1, 10), "Nieuwjaarsoverleg", [zevenaar], [rsd]),
    ]:
        KetenoverlegFactory(
            datum=datum, onderwerp=onderwerp, gemeenten=gemeenten, partners=partners
        )
