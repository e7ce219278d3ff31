"""The course of each scenario person: brede intakes, PIP versions, trajecten with
their hours, exams and afronding.
"""

from intake.models import Leerroute, Status, StatusBron
from leerroutes.models import Examenonderdeel, Niveau, Onderdeel, TrajectEinde
from pip_plans.models import Taalniveau, WijzigingReden
from tests.monitoring.kwartaal.scenario.bouwer import Bouwer
from tests.monitoring.kwartaal.scenario.gedeeld import D, op


def intakes(b: Bouwer) -> None:
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


def pips(b: Bouwer) -> None:
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


def trajecten(b: Bouwer) -> None:
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


def examens(b: Bouwer) -> None:
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


def afrondingen(b: Bouwer) -> None:
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
    # The status events (intake.models.status): the voldaan rule fires when the
    # afronding is complete; A2 moved away when its traject ended.
    for code, datum in (
        ("A1", D(2022, 12, 12)),
        ("A3", D(2025, 4, 3)),
        ("A5", D(2025, 8, 1)),
    ):
        b.statuswijziging(code, Status.AFGEROND_VOLDAAN, datum, StatusBron.REGEL)
    b.statuswijziging(
        "A2",
        Status.VERHUISD,
        D(2022, 9, 30),
        StatusBron.GEMEENTE,
        nieuwe_gemeente="Arnhem",
    )
    b.afronding("G3", map_afgerond_op=D(2022, 10, 1))
    b.afronding("X1", participatieverklaring_getekend_op=D(2022, 10, 20))
