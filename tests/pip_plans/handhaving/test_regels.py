"""Handhaving (DOMAIN.md §7), the pure rules of the bestuurlijke boete: the rapport
limit, the terms, the maximum, verwijtbaarheid, the doelgroep and the samenloop window."""

from decimal import Decimal

import pytest

from pip_plans.handhaving.rules import (
    beslistermijn,
    beslistermijn_verstreken,
    besluit_fouten,
    boete_toegestaan,
    in_samenloop,
    rapport_vereist,
    zaak_fouten,
    zienswijze_termijn,
)
from tests.pip_plans.handhaving.helpers import D
from zevenaar_inburgering.nl import datum_tekst, euro

pytestmark = pytest.mark.django_db


def besluit_regels(**changes) -> dict:
    """A boete that passes every rule: € 300, verwijtbaar, no rapport needed."""
    args = {
        "besluit": "boete",
        "besluit_op": D(2026, 3, 20),
        "vandaag": D(2026, 3, 20),
        "datum_overtreding": D(2026, 2, 2),
        "boetebedrag": Decimal("300"),
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Wist van de afspraak en kwam niet.",
        "afzien_reden": "",
        "rapport_op": None,
        "voorgenomen_bedrag": None,
        "zienswijze_tot": None,
        "zienswijze_ontvangen_op": None,
        "maximum": Decimal("800"),
        "rapport_grens": Decimal("340"),
        "toegestaan": True,
        "doelgroep_label": "Asielstatushouders",
    }
    args.update(changes)
    return besluit_fouten(**args)


MET_RAPPORT = {
    "rapport_op": D(2026, 3, 1),
    "voorgenomen_bedrag": Decimal("800"),
    "zienswijze_tot": D(2026, 3, 15),
}


def test_euro_and_dates_are_written_the_dutch_way():
    assert euro(Decimal("800")) == "€ 800,00"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert datum_tekst(D(2026, 3, 5)) == "5 maart 2026"


def test_rapport_is_needed_only_above_the_limit():
    grens = Decimal("340")
    assert not rapport_vereist(Decimal("340"), grens)
    assert rapport_vereist(Decimal("340.01"), grens)
    assert not rapport_vereist(None, grens)


def test_beslistermijn_is_thirteen_weeks_after_the_rapport():
    assert beslistermijn(D(2026, 3, 5), 13) == D(2026, 6, 4)
    assert not beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 4))
    assert beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 5))
    assert not beslistermijn_verstreken(None, D(2026, 6, 5))


def test_zienswijze_term_defaults_to_weeks_after_the_rapport():
    assert zienswijze_termijn(D(2026, 3, 5), 2) == D(2026, 3, 19)


def test_fine_above_the_maximum_is_refused_naming_the_maximum():
    fouten = besluit_regels(boetebedrag=Decimal("800.01"), **MET_RAPPORT)
    assert "€ 800,00" in fouten["boetebedrag"]
    assert besluit_regels(boetebedrag=Decimal("800"), **MET_RAPPORT) == {}


def test_fine_must_be_more_than_zero():
    assert "boetebedrag" in besluit_regels(boetebedrag=Decimal("0"))
    assert "boetebedrag" in besluit_regels(boetebedrag=None)


def test_fine_of_exactly_340_needs_no_rapport():
    assert besluit_regels(boetebedrag=Decimal("340")) == {}


def test_fine_above_340_without_rapport_is_refused():
    fouten = besluit_regels(boetebedrag=Decimal("340.01"))
    assert "rapport" in fouten["boetebedrag"]
    assert "€ 340,00" in fouten["boetebedrag"]


def test_fine_above_340_is_refused_when_the_voorgenomen_bedrag_was_not():
    fouten = besluit_regels(
        boetebedrag=Decimal("500"),
        **{**MET_RAPPORT, "voorgenomen_bedrag": Decimal("300")},
    )
    assert "rapport" in fouten["boetebedrag"]


def test_fine_after_rapport_waits_for_zienswijze_or_its_term():
    te_vroeg = besluit_regels(
        besluit_op=D(2026, 3, 15), vandaag=D(2026, 3, 15), **MET_RAPPORT
    )
    assert "zienswijze" in te_vroeg["__all__"]
    assert besluit_regels(besluit_op=D(2026, 3, 16), **MET_RAPPORT) == {}
    ontvangen = besluit_regels(
        besluit_op=D(2026, 3, 10),
        vandaag=D(2026, 3, 10),
        **{**MET_RAPPORT, "zienswijze_ontvangen_op": D(2026, 3, 9)},
    )
    assert ontvangen == {}
    voor_ontvangst = besluit_regels(
        besluit_op=D(2026, 3, 8),
        vandaag=D(2026, 3, 10),
        **{**MET_RAPPORT, "zienswijze_ontvangen_op": D(2026, 3, 9)},
    )
    assert "zienswijze" in voor_ontvangst["__all__"]


@pytest.mark.parametrize("oordeel", ["geen", ""])
def test_no_fine_without_verwijtbaarheid(oordeel):
    fouten = besluit_regels(verwijtbaarheid=oordeel)
    assert "5:41" in fouten["verwijtbaarheid"]


def test_verminderd_verwijtbaar_allows_a_fine():
    assert besluit_regels(verwijtbaarheid="verminderd") == {}


def test_verwijtbaarheid_needs_a_toelichting():
    assert "verwijtbaarheid_toelichting" in besluit_regels(
        verwijtbaarheid_toelichting=" "
    )


def test_fine_is_refused_when_fines_are_switched_off_for_the_doelgroep():
    fouten = besluit_regels(toegestaan=False)
    assert "uitgeschakeld voor asielstatushouders" in fouten["besluit"]


def test_afzien_is_possible_when_fines_are_switched_off_but_needs_a_reason():
    assert besluit_regels(besluit="afzien", toegestaan=False, afzien_reden="Ziek") == {}
    assert "afzien_reden" in besluit_regels(besluit="afzien", afzien_reden="")


def test_besluit_cannot_lie_in_the_future():
    fouten = besluit_regels(besluit_op=D(2026, 3, 21))
    assert "toekomst" in fouten["besluit_op"]


def test_boete_toegestaan_follows_the_doelgroep():
    assert not boete_toegestaan("asiel", asiel=False, gezin_overig=True)
    assert boete_toegestaan("gezin_overig", asiel=False, gezin_overig=True)
    assert not boete_toegestaan("gezin_overig", asiel=True, gezin_overig=False)


def test_samenloop_window_is_inclusive_on_both_sides():
    assert in_samenloop(D(2026, 3, 1), D(2026, 3, 31), 30)
    assert in_samenloop(D(2026, 3, 31), D(2026, 3, 1), 30)
    assert not in_samenloop(D(2026, 3, 1), D(2026, 4, 1), 30)


def test_zaak_date_cannot_lie_in_the_future():
    fouten = zaak_fouten(
        overtreding="pvt",
        datum_overtreding=D(2026, 3, 21),
        feiten="x",
        vandaag=D(2026, 3, 20),
    )
    assert "toekomst" in fouten["datum_overtreding"]
