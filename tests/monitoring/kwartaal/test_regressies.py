"""Regressions of kwartaalrapportage bugs found while writing the figure tests:
unjudged people counted in "op koers", termijnen of dossiers that left the plicht, a
termijn ending on the peildatum, and Doel 1's route taken from a PIP after the
peildatum.
"""

import pytest

from intake.models import Doelgroep, Leerroute, Status
from monitoring.rapportage.cijfers import bereken
from pip_plans.models import WijzigingReden
from tests.monitoring.kwartaal.cellen import ASIEL, TOTAAL, aantallen, cel, pct
from tests.monitoring.kwartaal.scenario import STAND, Bouwer, D, op

pytestmark = pytest.mark.django_db


def test_op_koers_telt_niet_beoordeelden(zevenaar_k4):
    t = ("termijnen", "Stand op de peildatum", "Op koers (van wie een oordeel heeft)")
    # Not ended, with a judgement: A3 op koers, A4 risico, A5 op koers (A6's
    # routestand has no koers yet); G2 op koers, G3 niet op koers.
    # Asiel 2/3 = 66,7 % (the code: 2/4 = 50 %, counting A6); totaal 3/5 = 60 %.
    assert cel(zevenaar_k4, *t, ASIEL) == pct(66.7, 2, 3)
    assert cel(zevenaar_k4, *t, TOTAAL) == pct(60.0, 3, 5)
    # Doel table, cohort 2022: judged A3, A4, A5 of whom 2 op koers: 66,7 % (the
    # code: 2/5 = 40 %, counting A1 and A6 whose koers is empty).
    assert cel(zevenaar_k4, "doelen", "Doel 1–3", "2022", "Op koers") == pct(66.7, 2, 3)


def test_termijnen_tellen_afgesloten_dossiers(scenario):
    g = scenario.gedeeld
    b = Bouwer(g, ronde=7)
    for code, status, einde in (
        ("A1", Status.ONTHEVEN, D(2022, 11, 30)),  # would be "verstreken"
        ("A2", Status.VRIJGESTELD, D(2023, 3, 1)),  # would be "binnen 6 maanden"
    ):
        b.persoon(
            code,
            Doelgroep.ASIELSTATUSHOUDER,
            D(2022, 1, 10),
            gem=g.zevenaar,
            status=status,
            pip_vastgesteld_op=D(2022, 3, 1),
        )
        b.pip(code, 1, Leerroute.B1, op(D(2022, 3, 1)))
        b.termijn(code, D(2022, 3, 2), einde)
    c = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=g.zevenaar)
    t = ("termijnen", "Stand op de peildatum")
    # Unchanged from test_cijfers.py: the two left the plicht.
    assert aantallen(c, *t, "Termijn verstreken, plicht niet voldaan") == (0, 1, 1)
    assert aantallen(c, *t, "Termijn eindigt binnen 6 maanden") == (2, 0, 2)


def test_termijn_die_op_de_peildatum_eindigt(scenario):
    g = scenario.gedeeld
    b = Bouwer(g, ronde=7)
    b.persoon(
        "A1",
        Doelgroep.ASIELSTATUSHOUDER,
        D(2022, 1, 10),
        gem=g.zevenaar,
        status=Status.IN_TRAJECT,
        pip_vastgesteld_op=D(2022, 3, 1),
    )
    b.pip("A1", 1, Leerroute.B1, op(D(2022, 3, 1)))
    b.termijn("A1", D(2022, 3, 2), D(2022, 12, 31))
    c = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=g.zevenaar)
    t = ("termijnen", "Stand op de peildatum")
    # The scenario's (2, 0, 2) and (3, 1, 4), plus this person (asiel).
    assert aantallen(c, *t, "Termijn eindigt binnen 6 maanden") == (3, 0, 3)
    assert aantallen(c, *t, "Termijn eindigt binnen 12 maanden") == (4, 1, 5)


def test_doel1_route_na_de_peildatum(scenario):
    # A5 (onderwijsroute) switches to the B1-route on 01-03-2023, after the
    # peildatum of 2022 K4: on 31-12-2022 the B1/Z group was still A1 A3 A4 A6 (A2
    # moved away on 30-09-2022).
    b = Bouwer(scenario.gedeeld, ronde=0)
    b.p["A5"] = scenario.personen["A5"]
    b.pip("A5", 2, Leerroute.B1, op(D(2023, 3, 1)), reden=WijzigingReden.SCHAKELEN)
    c = bereken(stand=STAND, jaar=2022, kwartaal=4, gemeente=scenario.gedeeld.zevenaar)
    assert cel(c, "doelen", "Doel 1–3", "2022", "Doel 1") == pct(25.0, 1, 4)
