"""A fixed scenario for the kwartaalrapportage tests (tests/monitoring/test_kwartaal.py).

Every row is made directly with the ORM (the report only reads them; the services
that write them are tested in their own apps). A vastgesteld PIP, a beschikking and
a verlenging are created in their final state: the database refuses to change them.

The report the tests read most is 2022 K4 (1 October – 31 December 2022, peildatum
31 December 2022). The persons are in PERSONEN below ("asiel" = a doelgroep in the
asiel category, "gezin" = a gezins- or overige migrant): A1–A10 asiel and G1–G3 gezin
in Zevenaar, all starting in 2022. X1–X4 in Zevenaar are never counted in its 2022
figures, though each has rows in 2022: X1 is ontkoppeld (a DUO correction), X2 falls
under the Wet inburgering 2013, X3 has no start of the plicht, X4 starts only in 2023
(but was housed in December 2022, which the taakstelling counts). D1, D2 live in
Duiven, W1 in Westervoort.

The rows per person (intakes, PIP versions, trajecten, hours, exams, afronding,
termijn, ontzorgen, handhaving, routestand) are in `_personen` below, each with the
date that decides in which quarter it counts.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from intake.models import (
    Doelgroep,
    Inburgeraar,
    IntakeStatus,
    Leerroute,
    WetRegime,
)
from leerroutes.models import (
    Examenonderdeel,
    KoersStatus,
    Niveau,
    Onderdeel,
    OrganisatieSoort,
    TrajectEinde,
)
from pip_plans.models import (
    BesluitSoort,
    HandhavingStatus,
    Pip,
    Taalniveau,
    Verwijtbaarheid,
    WijzigingReden,
)
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory, make_bsn
from tests.factories.leerroutes import (
    AfrondingFactory,
    ContractFactory,
    ExamenpogingFactory,
    OrganisatieFactory,
    RoutestandFactory,
    TrajectFactory,
    UrenregistratieFactory,
)
from tests.factories.monitoring import KetenoverlegFactory, UitvoeringskostenFactory
from tests.factories.pip_plans import (
    BeschikkingFactory,
    BezwaarFactory,
    HandhavingszaakFactory,
    InburgeringstermijnFactory,
    OntzorgingFactory,
    PipFactory,
    VerlengingFactory,
)
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.parameters.models import Parameter

D = dt.date
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Given names of the scenario persons: the report must never show any of them.
VOORNAMEN = {
    "A1": "Yusuf",
    "A2": "Amira",
    "A3": "Tesfaye",
    "A4": "Mariam",
    "A5": "Dawit",
    "A6": "Fatima",
    "A7": "Hamid",
    "A8": "Layla",
    "A9": "Bashir",
    "A10": "Rahel",
    "G1": "Svetlana",
    "G2": "Priya",
    "G3": "Joaquim",
    "X1": "Ebrahim",
    "X2": "Nadia",
    "X3": "Kidane",
    "X4": "Samira",
    "D1": "Ghebre",
    "D2": "Olena",
    "W1": "Mahmoud",
}


# Zevenaar (Z), Duiven (D), Westervoort (W); doelgroep: ash asielstatushouder, gva
# gezinsvormer met asielstatushouder, gha gezinshereniger met asielstatushouder (both
# asiel), gv gezinsvormer, gh gezinshereniger, ov overig; "-" is empty. The DUO
# kennisgeving is the start of the plicht unless EXTRA says otherwise.
PERSONEN = """
code gem dg  start       pip_deadline pip_vastgesteld status            huisvesting
A1   Z   ash 2022-01-10  2022-03-21   2022-03-01      afgerond_voldaan  2021-03-01
A2   Z   ash 2022-02-14  2022-04-25   2022-04-20      verhuisd          2021-05-10
A3   Z   ash 2022-04-04  2022-06-13   2022-06-01      in_traject        2021-06-30
A4   Z   gva 2022-05-02  2022-07-11   2022-10-03      in_traject        2021-07-01
A5   Z   ash 2022-08-01  2022-10-10   2022-10-10      in_traject        2022-06-15
A6   Z   ash 2022-10-03  2022-12-12   2022-12-01      pip_vastgesteld   2022-09-01
A7   Z   ash 2022-10-10  2022-12-19   -               pip_concept       2022-09-20
A8   Z   ash 2022-10-17  2022-12-26   -               intake_loopt      2022-10-01
A9   Z   ash 2022-11-07  2022-12-28   -               intake_gepland    -
A10  Z   gha 2022-12-05  2023-02-13   -               signaal_ontvangen 2022-11-15
G1   Z   gv  2022-11-14  2023-01-23   -               intake_loopt      2022-08-01
G2   Z   gh  2022-04-11  2022-06-20   2022-11-15      in_traject        -
G3   Z   ov  2022-06-13  2022-08-22   2022-08-15      in_traject        -
X1   Z   ash 2022-10-05  2022-11-01   -               ontkoppeld        2022-08-01
X2   Z   ash 2022-10-05  -            -               in_traject        2022-08-02
X3   Z   ash -           -            -               signaal_ontvangen 2022-09-05
X4   Z   ash 2023-01-09  2023-03-20   -               signaal_ontvangen 2022-12-20
D1   D   ash 2022-11-01  -            -               signaal_ontvangen 2021-04-01
D2   D   gv  2022-03-01  -            -               intake_loopt      -
W1   W   ash 2022-12-01  -            -               signaal_ontvangen 2022-11-01
"""
EXTRA = {
    "A6": {"kennisgeving": None},  # the PIP wait counts from the start of the plicht
    "G2": {"bijstand": True, "bijstand_start": D(2022, 12, 1)},
    "X2": {"wet_regime": WetRegime.WI2013},
    "X3": {"kennisgeving": None},
}
DOELGROEPEN = {
    "ash": Doelgroep.ASIELSTATUSHOUDER,
    "gva": Doelgroep.GEZINSVORMER_ASIEL,
    "gha": Doelgroep.GEZINSHERENIGER_ASIEL,
    "gv": Doelgroep.GEZINSVORMER,
    "gh": Doelgroep.GEZINSHERENIGER,
    "ov": Doelgroep.OVERIG,
}


def _datum(tekst: str) -> dt.date | None:
    return None if tekst == "-" else dt.date.fromisoformat(tekst)


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


class _Bouwer:
    """Makes the rows of one copy of the persons, with the factories."""

    def __init__(self, g: Gedeeld, ronde: int):
        self.g, self.ronde, self.user = g, ronde, g.user
        self.p: dict[str, Inburgeraar] = {}
        self.pips: dict[tuple[str, int], Pip] = {}
        self._volgnummer = 0

    def persoon(self, code, doelgroep, start, *, gem, **velden):
        self._volgnummer += 1
        self.p[code] = InburgeraarFactory(
            bsn=make_bsn(880_000 + 1000 * self.ronde + self._volgnummer),
            voornamen=VOORNAMEN[code],
            achternaam=f"Scenariopersoon{code}r{self.ronde}",
            geboortedatum=D(1990, 1, 1),
            gemeente=gem,
            doelgroep=doelgroep,
            start_inburgeringsplicht=start,
            datum_kennisgeving=velden.pop("kennisgeving", start),
            **velden,
        )
        return self.p[code]

    def intake(self, code, gestart, afgerond=None):
        BredeIntakeFactory(
            inburgeraar=self.p[code],
            gestart_op=gestart,
            gestart_door=self.user,
            status=IntakeStatus.AFGEROND if afgerond else IntakeStatus.LOOPT,
            afgerond_op=afgerond,
            afgerond_door=self.user if afgerond else None,
            onderdelen=False,
        )

    def pip(
        self,
        code,
        versie,
        leerroute,
        moment,
        *,
        reden=WijzigingReden.INITIEEL,
        taalniveau=Taalniveau.B1,
    ):
        """A PIP version; `moment` None: a concept."""
        pip = PipFactory(
            inburgeraar=self.p[code],
            versie=versie,
            reden=reden,
            leerroute=leerroute,
            taalniveau=taalniveau,
            aangemaakt_door=self.user,
            vastgesteld=moment is not None,
            vastgesteld_op=moment,
        )
        self.pips[(code, versie)] = pip
        return pip

    def traject(
        self,
        code,
        versie,
        start,
        *,
        aanbieder=None,
        einde=None,
        reden="",
        ingekocht=True,
    ):
        pip = self.pips[(code, versie)]
        return TrajectFactory(
            inburgeraar=self.p[code],
            pip=pip,
            aanbieder=aanbieder or self.g.taalschool,
            contract=self.g.contract[pip.leerroute] if ingekocht else None,
            ingekocht=ingekocht,
            start=start,
            geplande_einde=D(2025, 12, 31),
            einde=einde,
            einde_reden=reden,
            aangemaakt_door=self.user,
        )

    def uren(self, traject, onderdeel, maand, uren):
        UrenregistratieFactory(
            traject=traject,
            onderdeel=onderdeel,
            maand=maand,
            uren_aanwezig=Decimal(uren),
            keurmerk=False,
        )

    def examen(self, code, onderdeel, datum, geslaagd=True, niveau=""):
        ExamenpogingFactory(
            inburgeraar=self.p[code],
            onderdeel=onderdeel,
            niveau=niveau,
            datum=datum,
            geslaagd=geslaagd,
            vastgelegd_door=self.user,
        )

    def afronding(self, code, **data):
        AfrondingFactory(inburgeraar=self.p[code], **data)

    def termijn(self, code, start, einde, oorspronkelijk=None, verlengingen=()):
        """The first beschikking (of PIP version 1) and its termijn; `verlengingen`
        as (besluitdatum, vorige einddatum, nieuwe einddatum)."""
        beschikking = BeschikkingFactory(
            pip=self.pips[(code, 1)], kenmerk=f"KW-{self.ronde}-{code}"
        )
        termijn = InburgeringstermijnFactory(
            inburgeraar=self.p[code],
            eerste_beschikking=beschikking,
            startdatum=start,
            oorspronkelijke_einddatum=oorspronkelijk or einde,
            einddatum=einde,
        )
        for besluit, vorige, nieuwe in verlengingen:
            VerlengingFactory(
                termijn=termijn,
                vastgelegd_door=self.user,
                besluitdatum=besluit,
                vorige_einddatum=vorige,
                nieuwe_einddatum=nieuwe,
            )
        return beschikking

    def bezwaar(self, beschikking, ontvangen_op):
        BezwaarFactory(beschikking=beschikking, ontvangen_op=ontvangen_op, gronden="")

    def ontzorging(self, code, start, einde):
        OntzorgingFactory(
            inburgeraar=self.p[code],
            startdatum=start,
            duur_maanden=6,
            einddatum=einde,
            aangemaakt_door=self.user,
        )

    def zaak(self, code, **velden):
        HandhavingszaakFactory(
            inburgeraar=self.p[code],
            datum_overtreding=D(2022, 8, 1),
            feiten="Niet verschenen.",
            aangemaakt_door=self.user,
            **velden,
        )

    def routestand(self, code, koers="", **velden):
        RoutestandFactory(
            inburgeraar=self.p[code], koers=koers, berekend_op=D(2026, 11, 1), **velden
        )


def _personen(g: Gedeeld, ronde: int) -> dict:
    """One copy of the persons (PERSONEN) with their rows."""
    b = _Bouwer(g, ronde)
    for regel in PERSONEN.strip().splitlines()[1:]:
        code, gem, doelgroep, start, deadline, pip_op, status, huis = regel.split()
        b.persoon(
            code,
            DOELGROEPEN[doelgroep],
            _datum(start),
            gem={"Z": g.zevenaar, "D": g.duiven, "W": g.westervoort}[gem],
            pip_deadline=_datum(deadline),
            pip_vastgesteld_op=_datum(pip_op),
            status=status,
            datum_huisvesting=_datum(huis),
            **EXTRA.get(code, {}),
        )

    _intakes(b)
    _pips(b)
    _trajecten(b)
    _examens(b)
    _afrondingen(b)
    _termijnen(b)
    _ontzorgen(b)
    _handhaving(b)
    _routestanden(b)
    return b.p


def _intakes(b: _Bouwer) -> None:
    """The brede intakes (gestart, afgerond)."""
    b.intake("A1", D(2022, 1, 20), D(2022, 2, 20))
    b.intake("A2", D(2022, 2, 20), D(2022, 3, 30))
    b.intake("A3", D(2022, 4, 10), D(2022, 5, 10))
    b.intake("A4", D(2022, 5, 10), D(2022, 9, 15))
    b.intake("A5", D(2022, 8, 15), D(2022, 10, 5))  # afgerond in K4
    b.intake("A6", D(2022, 10, 10), D(2022, 11, 1))  # gestart and afgerond in K4
    b.intake("A7", D(2022, 10, 20), D(2022, 11, 20))  # gestart and afgerond in K4
    b.intake("A8", D(2022, 11, 1))  # gestart in K4
    b.intake("G1", D(2022, 11, 21))  # gestart in K4
    b.intake("G2", D(2022, 4, 20), D(2022, 6, 1))
    b.intake("G3", D(2022, 6, 20), D(2022, 7, 20))
    b.intake("X1", D(2022, 10, 12))
    b.intake("D2", D(2022, 10, 15))


def _pips(b: _Bouwer) -> None:
    """The PIP versions."""
    B1, Z, OW = Leerroute.B1, Leerroute.Z, Leerroute.ONDERWIJS
    b.pip("A1", 1, Z, op(D(2022, 3, 1)), taalniveau=Taalniveau.A1)
    b.pip("A2", 1, B1, op(D(2022, 4, 20)))
    b.pip("A3", 1, B1, op(D(2022, 6, 1)))
    b.pip(
        "A3",
        2,
        Z,
        op(D(2022, 11, 10)),
        reden=WijzigingReden.SCHAKELEN,
        taalniveau=Taalniveau.A1,
    )
    b.pip("A4", 1, B1, op(D(2022, 10, 3)))
    b.pip(
        "A4",
        2,
        B1,
        op(D(2022, 12, 20)),
        reden=WijzigingReden.AFSCHALEN,
        taalniveau=Taalniveau.A2,
    )
    b.pip("A5", 1, OW, op(D(2022, 10, 10)))
    b.pip("A6", 1, B1, op(D(2022, 12, 1)))
    b.pip("A6", 2, B1, None, reden=WijzigingReden.AFSCHALEN)  # a concept
    b.pip("A7", 1, Z, None)  # a concept
    b.pip("G2", 1, B1, op(D(2022, 11, 15)))
    b.pip("G3", 1, B1, op(D(2022, 8, 15)))
    # 1 October 2022 00:30 in the Netherlands is still 30 September in UTC.
    b.pip(
        "G3",
        2,
        B1,
        op(D(2022, 10, 1), 0, 30),
        reden=WijzigingReden.AFSCHALEN,
        taalniveau=Taalniveau.A2,
    )


def _trajecten(b: _Bouwer) -> None:
    """Trajecten and hours."""
    g = b.g
    a1 = b.traject(
        "A1", 1, D(2022, 3, 15), einde=D(2022, 12, 12), reden=TrajectEinde.VOLDAAN
    )
    b.uren(a1, Onderdeel.NT2, D(2022, 4, 1), "40")  # 40 × 10 = 400
    b.uren(a1, Onderdeel.PARTICIPATIE_Z, D(2022, 5, 1), "20")  # 20 × 2,50 = 50
    b.uren(a1, Onderdeel.KNM, D(2022, 6, 1), "5")  # not in the Z contract: 0
    b.traject(
        "A2", 1, D(2022, 5, 1), einde=D(2022, 9, 30), reden=TrajectEinde.BEEINDIGD
    )
    a3_b1 = b.traject(
        "A3", 1, D(2022, 6, 15), einde=D(2022, 11, 15), reden=TrajectEinde.SCHAKELEN
    )
    b.uren(a3_b1, Onderdeel.NT2, D(2022, 7, 1), "30")  # 30 × 10 = 300
    b.uren(a3_b1, Onderdeel.PVT, D(2022, 10, 1), "12")  # 12 × 25 = 300
    a3_z = b.traject("A3", 2, D(2022, 11, 16))
    b.uren(a3_z, Onderdeel.NT2, D(2022, 12, 1), "16")  # 16 × 10 = 160
    a4 = b.traject("A4", 1, D(2022, 10, 10))
    b.uren(a4, Onderdeel.MAP, D(2022, 11, 1), "8")  # 8 × 22,50 = 180
    b.uren(a4, Onderdeel.KNM, D(2022, 12, 1), "10")  # 10 × 10 = 100
    b.uren(a4, Onderdeel.NT2, D(2023, 1, 1), "10")  # 2023: not this year
    a5 = b.traject("A5", 1, D(2022, 10, 17))
    b.uren(a5, Onderdeel.TAALSCHAKEL, D(2022, 11, 1), "25.5")  # 25,5 × 12 = 306
    b.uren(a5, Onderdeel.NT2, D(2022, 12, 1), "6")  # contract has 0 hours: 0
    b.traject("A6", 1, D(2023, 1, 9))
    g2 = b.traject("G2", 1, D(2022, 11, 21), ingekocht=False)
    b.uren(g2, Onderdeel.NT2, D(2022, 12, 1), "20")  # not bought: no price
    b.traject(
        "G3",
        1,
        D(2022, 9, 1),
        einde=D(2022, 12, 31),
        reden=TrajectEinde.ANDERE_AANBIEDER,
        ingekocht=False,
    )
    b.traject("G3", 2, D(2023, 1, 1), aanbieder=g.taalcentrum, ingekocht=False)


def _examens(b: _Bouwer) -> None:
    """Exams."""
    KNM = Examenonderdeel.KNM
    b.examen("A1", KNM, D(2022, 10, 20))
    b.examen("A1", Examenonderdeel.LEZEN, D(2022, 10, 25), niveau=Niveau.A1)
    b.examen("A1", Examenonderdeel.LUISTEREN, D(2022, 10, 25), niveau=Niveau.A1)
    b.examen("A3", KNM, D(2022, 10, 5), geslaagd=False)
    b.examen("A3", KNM, D(2022, 11, 10))
    b.examen("A3", KNM, D(2022, 12, 10))  # a second pass: still one person
    b.examen("A4", KNM, D(2022, 9, 30))  # K3
    b.examen(
        "A4", Examenonderdeel.SPREKEN, D(2022, 11, 3), geslaagd=False, niveau=Niveau.B1
    )
    b.examen("A5", Examenonderdeel.LEZEN, D(2022, 12, 30), niveau=Niveau.B1)
    b.examen("G2", KNM, D(2022, 12, 1))
    b.examen("G3", Examenonderdeel.SCHRIJVEN, D(2022, 11, 30), niveau=Niveau.B1)
    b.examen("G3", Examenonderdeel.LEZEN, D(2022, 9, 15), niveau=Niveau.B1)  # K3
    b.examen("X1", KNM, D(2022, 11, 1))


def _afrondingen(b: _Bouwer) -> None:
    """Afronding."""
    b.afronding(
        "A1",
        participatieverklaring_getekend_op=D(2022, 10, 12),
        map_afgerond_op=D(2022, 11, 2),
        z_eindgesprek_op=D(2022, 12, 1),
        voldaan_op=D(2022, 12, 12),
    )
    b.afronding(
        "A3",
        participatieverklaring_getekend_op=D(2022, 11, 20),
        voldaan_op=D(2025, 4, 3),
    )  # the last day of the 3 years from the start (4 April 2022)
    b.afronding("A4", participatieverklaring_getekend_op=D(2022, 9, 28))  # K3
    b.afronding("A5", voldaan_op=D(2025, 8, 1))  # on the third anniversary: outside
    b.afronding("G2", participatieverklaring_getekend_op=D(2022, 12, 15))
    b.afronding("G3", map_afgerond_op=D(2022, 10, 1))
    b.afronding("X1", participatieverklaring_getekend_op=D(2022, 10, 20))


def _termijnen(b: _Bouwer) -> None:
    """Termijnen, verlengingen and bezwaren."""
    b.termijn("A1", D(2022, 3, 2), D(2023, 2, 1))  # voldaan: counted nowhere
    b.termijn("A3", D(2022, 6, 2), D(2023, 6, 30))
    a4_beschikking = b.termijn(
        "A4",
        D(2022, 10, 4),
        D(2023, 1, 15),
        oorspronkelijk=D(2022, 12, 20),
        verlengingen=[(D(2022, 11, 1), D(2022, 12, 20), D(2023, 1, 15))],
    )
    b.termijn("A5", D(2022, 10, 11), D(2023, 7, 1))
    b.termijn("A6", D(2022, 12, 2), D(2024, 1, 1))
    b.termijn(
        "G2",
        D(2022, 11, 16),
        D(2023, 12, 31),
        oorspronkelijk=D(2023, 6, 1),
        verlengingen=[
            (D(2022, 12, 1), D(2023, 6, 1), D(2023, 9, 1)),
            (D(2023, 1, 10), D(2023, 9, 1), D(2023, 12, 31)),
        ],
    )
    g3_beschikking = b.termijn("G3", D(2022, 8, 16), D(2022, 12, 30))
    b.bezwaar(a4_beschikking, D(2022, 11, 1))
    b.bezwaar(g3_beschikking, D(2022, 9, 10))


def _ontzorgen(b: _Bouwer) -> None:
    """Ontzorgen."""
    b.ontzorging("A3", D(2022, 8, 1), D(2023, 1, 31))  # actief
    b.ontzorging("A4", D(2022, 10, 15), D(2023, 4, 14))  # actief, gestart
    b.ontzorging("A5", D(2022, 5, 1), D(2022, 10, 31))  # geëindigd
    b.ontzorging("A6", D(2022, 11, 1), D(2022, 12, 31))  # actief, gestart, geëindigd
    b.ontzorging("G2", D(2022, 12, 1), D(2023, 5, 31))  # actief, gestart


def _handhaving(b: _Bouwer) -> None:
    """Handhaving."""
    b.zaak("A3", status=HandhavingStatus.GEWAARSCHUWD, waarschuwing_op=D(2022, 10, 10))
    b.zaak(
        "A4",
        status=HandhavingStatus.BOETE,
        waarschuwing_op=D(2022, 9, 1),
        besluit=BesluitSoort.BOETE,
        besluit_op=D(2022, 11, 15),
        boetebedrag=Decimal("350.00"),
        verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
        bezwaar_ontvangen_op=D(2022, 12, 1),
    )
    b.zaak(
        "A5",
        status=HandhavingStatus.BOETE,
        besluit=BesluitSoort.BOETE,
        besluit_op=D(2022, 9, 30),
        boetebedrag=Decimal("500.00"),
        verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
    )  # K3
    b.zaak(
        "G2",
        status=HandhavingStatus.BOETE,
        waarschuwing_op=D(2022, 11, 2),
        besluit=BesluitSoort.BOETE,
        besluit_op=D(2022, 12, 20),
        boetebedrag=Decimal("250.50"),
        verwijtbaarheid=Verwijtbaarheid.VERMINDERD,
    )
    b.zaak(
        "G3",
        status=HandhavingStatus.AFGEZIEN,
        besluit=BesluitSoort.AFZIEN,
        besluit_op=D(2022, 10, 20),
        afzien_reden="Ziek in die periode.",
    )


def _routestanden(b: _Bouwer) -> None:
    """The routestand, derived nightly; here as it stands when the report is made."""
    b.routestand(
        "A1", duurzaam_werk_sinds=D(2022, 11, 1), meedoen_sinds=D(2022, 6, 1)
    )  # voldaan: no koers
    b.routestand(
        "A2", meedoen_sinds=D(2022, 8, 1), duurzaam_werk_sinds=D(2025, 2, 14)
    )  # on the third anniversary: just outside the 3 years
    b.routestand("A3", KoersStatus.OP_KOERS, meedoen_sinds=D(2023, 2, 1))
    b.routestand(
        "A4",
        KoersStatus.RISICO,
        duurzaam_werk_sinds=D(2025, 5, 1),
        meedoen_sinds=D(2024, 5, 2),
    )  # the last day of the 3 years; on the second anniversary (outside)
    b.routestand(
        "A5",
        KoersStatus.OP_KOERS,
        meedoen_sinds=D(2022, 12, 31),
        duurzaam_werk_sinds=D(2023, 1, 1),
    )  # onderwijsroute
    b.routestand("A6", duurzaam_werk_sinds=D(2023, 6, 1))  # not judged yet
    b.routestand("G2", KoersStatus.OP_KOERS, meedoen_sinds=D(2022, 10, 1))
    b.routestand("G3", KoersStatus.NIET_OP_KOERS)


def bouw(kopieen: int = 1) -> Scenario:
    """The shared rows and `kopieen` copies of the persons."""
    g = gedeeld_maken()
    rondes = [_personen(g, ronde) for ronde in range(kopieen)]
    return Scenario(
        gedeeld=g,
        personen=rondes[0],
        alle_personen=[p for ronde in rondes for p in ronde.values()],
    )


def meer_kopieen(scenario: Scenario, extra: int) -> None:
    """Add `extra` copies of the persons to a scenario."""
    start = len(scenario.alle_personen) // len(scenario.personen)
    for ronde in range(start, start + extra):
        scenario.alle_personen.extend(_personen(scenario.gedeeld, ronde).values())
