"""A fixed scenario for the kwartaalrapportage tests (tests/monitoring/kwartaal/).

Every row is made directly with the ORM (the report only reads them; the services
that write them are tested in their own apps). A vastgesteld PIP, a beschikking and
a verlenging are created in their final state: the database refuses to change them.

The report the tests read most is 2022 K4 (1 October – 31 December 2022, peildatum
31 December 2022). The persons are in PERSONEN (personen.py; "asiel" = a doelgroep in the
asiel category, "gezin" = a gezins- or overige migrant): A1–A10 asiel and G1–G3 gezin
in Zevenaar, all starting in 2022. X1–X4 in Zevenaar are never counted in its 2022
figures, though each has rows in 2022: X1 is ontkoppeld (a DUO correction), X2 falls
under the Wet inburgering 2013, X3 has no start of the plicht, X4 starts only in 2023
(but was housed in December 2022, which the taakstelling counts). D1, D2 live in
Duiven, W1 in Westervoort.

The rows per person are in verloop.py (intakes, PIP versions, trajecten, hours,
exams, afronding) and termijnen_en_handhaving.py (termijn, ontzorgen, handhaving,
routestand), each with the date that decides in which quarter it counts; what all
copies of the persons share is in gedeeld.py.
"""

from tests.monitoring.kwartaal.scenario.bouwer import Bouwer
from tests.monitoring.kwartaal.scenario.gedeeld import (
    STAND,
    D,
    Gedeeld,
    Scenario,
    gedeeld_maken,
    op,
)
from tests.monitoring.kwartaal.scenario.personen import (
    DOELGROEPEN,
    EXTRA,
    PERSONEN,
    lees_datum,
)
from tests.monitoring.kwartaal.scenario.termijnen_en_handhaving import (
    handhaving,
    ontzorgen,
    routestanden,
    termijnen,
)
from tests.monitoring.kwartaal.scenario.verloop import (
    afrondingen,
    examens,
    intakes,
    pips,
    trajecten,
)

__all__ = ["STAND", "D", "Bouwer", "Scenario", "bouw", "meer_kopieen", "op"]


def personen_maken(g: Gedeeld, ronde: int) -> dict:
    """One copy of the persons (PERSONEN) with their rows."""
    b = Bouwer(g, ronde)
    for regel in PERSONEN.strip().splitlines()[1:]:
        code, gem, doelgroep, start, deadline, pip_op, status, huis = regel.split()
        b.persoon(
            code,
            DOELGROEPEN[doelgroep],
            lees_datum(start),
            gem={"Z": g.zevenaar, "D": g.duiven, "W": g.westervoort}[gem],
            pip_deadline=lees_datum(deadline),
            pip_vastgesteld_op=lees_datum(pip_op),
            status=status,
            datum_huisvesting=lees_datum(huis),
            **EXTRA.get(code, {}),
        )

    intakes(b)
    pips(b)
    trajecten(b)
    examens(b)
    afrondingen(b)
    termijnen(b)
    ontzorgen(b)
    handhaving(b)
    routestanden(b)
    return b.p


def bouw(kopieen: int = 1) -> Scenario:
    """The shared rows and `kopieen` copies of the persons."""
    g = gedeeld_maken()
    rondes = [personen_maken(g, ronde) for ronde in range(kopieen)]
    return Scenario(
        gedeeld=g,
        personen=rondes[0],
        alle_personen=[p for ronde in rondes for p in ronde.values()],
    )


def meer_kopieen(scenario: Scenario, extra: int) -> None:
    """Add `extra` copies of the persons to a scenario."""
    start = len(scenario.alle_personen) // len(scenario.personen)
    for ronde in range(start, start + extra):
        scenario.alle_personen.extend(personen_maken(scenario.gedeeld, ronde).values())
