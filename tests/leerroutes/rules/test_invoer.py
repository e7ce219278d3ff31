"""The inputs of the pure leerroutes rules refuse values the rules do not know."""

from datetime import date

import pytest

from leerroutes.rules.participatie import Activiteit
from leerroutes.rules.uren import UrenStand
from leerroutes.rules.voldaan import Examen
from leerroutes.rules.waarden import BETAALD_WERK, KNM, LEZEN, NT2


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
