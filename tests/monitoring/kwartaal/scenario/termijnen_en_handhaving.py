"""The scenario persons' termijnen (with verlengingen and bezwaren), ontzorgen,
handhaving and routestand.
"""

from decimal import Decimal

from leerroutes.models import KoersStatus
from pip_plans.models import BesluitSoort, HandhavingStatus, Verwijtbaarheid
from tests.monitoring.kwartaal.scenario.bouwer import Bouwer
from tests.monitoring.kwartaal.scenario.gedeeld import D


def termijnen(b: Bouwer) -> None:
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


def ontzorgen(b: Bouwer) -> None:
    """Ontzorgen."""
    b.ontzorging("A3", D(2022, 8, 1), D(2023, 1, 31))  # actief
    b.ontzorging("A4", D(2022, 10, 15), D(2023, 4, 14))  # actief, gestart
    b.ontzorging("A5", D(2022, 5, 1), D(2022, 10, 31))  # geëindigd
    b.ontzorging("A6", D(2022, 11, 1), D(2022, 12, 31))  # actief, gestart, geëindigd
    b.ontzorging("G2", D(2022, 12, 1), D(2023, 5, 31))  # actief, gestart


def handhaving(b: Bouwer) -> None:
    """Handhaving."""
    b.zaak("A3", status=HandhavingStatus.GEWAARSCHUWD, waarschuwing_op=D(2022, 10, 10))
    a4_zaak = b.zaak(
        "A4",
        status=HandhavingStatus.BOETE,
        waarschuwing_op=D(2022, 9, 1),
        besluit=BesluitSoort.BOETE,
        besluit_op=D(2022, 11, 15),
        boetebedrag=Decimal("350.00"),
        verwijtbaarheid=Verwijtbaarheid.VOLLEDIG,
    )
    b.boete_bezwaar(a4_zaak, D(2022, 12, 1))
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


def routestanden(b: Bouwer) -> None:
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
