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
    vervaldatum,
    zaak_fouten,
    zienswijze_termijn,
)
from tests.pip_plans.handhaving.helpers import D
from zevenaar_inburgering.nl import datum_tekst, euro

pytestmark = pytest.mark.django_db


def besluit_regels(**changes) -> dict:
    """A boete that passes every rule: € 300, verwijtbaar, after a rapport of 1 March
    whose voornemen went out that day and whose zienswijze term has passed, by
    another official than the rapport's, within the verval term."""
    args = {
        "besluit": "boete",
        "besluit_op": D(2026, 3, 20),
        "vandaag": D(2026, 3, 20),
        "datum_overtreding": D(2026, 2, 2),
        "boetebedrag": Decimal("300"),
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Wist van de afspraak en kwam niet.",
        "afzien_reden": "",
        "motivering_bedrag": "Twee keer niet gekomen: dit bedrag past.",
        "reactie_op_zienswijze": "",
        "asiel_motivering": "",
        "rapport_op": D(2026, 3, 1),
        "voornemen_verzonden_op": D(2026, 3, 1),
        "zienswijze_tot": D(2026, 3, 15),
        "zienswijze_ontvangen_op": None,
        "maximum": Decimal("800"),
        "rapport_grens": Decimal("340"),
        "vervaldatum": D(2031, 2, 1),
        "toegestaan": True,
        "asiel": False,
        "doelgroep_label": "Asielstatushouders",
        "functiescheiding": None,
    }
    args.update(changes)
    return besluit_fouten(**args)


ZONDER_RAPPORT = {
    "rapport_op": None,
    "voornemen_verzonden_op": None,
    "zienswijze_tot": None,
}


def test_euro_and_dates_are_written_the_dutch_way():
    assert euro(Decimal("800")) == "€ 800,00"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert datum_tekst(D(2026, 3, 5)) == "5 maart 2026"


def test_rapport_is_needed_when_the_maximum_exceeds_the_limit():
    """Awb art. 5:53 lid 1 compares the maximum that can be imposed, not the
    intended amount: the college's € 800 always exceeds € 340."""
    grens = Decimal("340")
    assert rapport_vereist(Decimal("800"), grens)
    assert rapport_vereist(Decimal("340.01"), grens)
    assert not rapport_vereist(Decimal("340"), grens)


def test_beslistermijn_is_thirteen_weeks_after_the_rapport():
    assert beslistermijn(D(2026, 3, 5), 13) == D(2026, 6, 4)
    assert not beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 4))
    assert beslistermijn_verstreken(D(2026, 6, 4), D(2026, 6, 5))
    assert not beslistermijn_verstreken(None, D(2026, 6, 5))


def test_zienswijze_term_defaults_to_weeks_after_the_rapport():
    assert zienswijze_termijn(D(2026, 3, 5), 2) == D(2026, 3, 19)


def test_fine_above_the_maximum_is_refused_naming_the_maximum():
    fouten = besluit_regels(boetebedrag=Decimal("800.01"))
    assert "€ 800,00" in fouten["boetebedrag"]
    assert besluit_regels(boetebedrag=Decimal("800")) == {}


def test_fine_must_be_more_than_zero():
    assert "boetebedrag" in besluit_regels(boetebedrag=Decimal("0"))
    assert "boetebedrag" in besluit_regels(boetebedrag=None)


@pytest.mark.parametrize("bedrag", ["100", "250", "340", "340.01", "800"])
def test_every_fine_without_rapport_and_voornemen_is_refused(bedrag):
    """Awb art. 5:53: the maximum (€ 800) exceeds € 340, so also € 250 or € 340
    needs the rapport, the voornemen and the chance of a zienswijze (the old rule
    let a fine up to € 340 through without them)."""
    fouten = besluit_regels(boetebedrag=Decimal(bedrag), **ZONDER_RAPPORT)
    assert "rapport" in fouten["__all__"]
    assert "€ 340,00" in fouten["__all__"]
    zonder_voornemen = besluit_regels(
        boetebedrag=Decimal(bedrag), voornemen_verzonden_op=None
    )
    assert "voornemen" in zonder_voornemen["__all__"]


def test_fine_after_rapport_waits_for_zienswijze_or_its_term():
    te_vroeg = besluit_regels(besluit_op=D(2026, 3, 15), vandaag=D(2026, 3, 15))
    assert "zienswijze" in te_vroeg["__all__"]
    assert besluit_regels(besluit_op=D(2026, 3, 16)) == {}
    ontvangen = besluit_regels(
        besluit_op=D(2026, 3, 10),
        vandaag=D(2026, 3, 10),
        zienswijze_ontvangen_op=D(2026, 3, 9),
        reactie_op_zienswijze="Gelezen en gewogen.",
    )
    assert ontvangen == {}
    voor_ontvangst = besluit_regels(
        besluit_op=D(2026, 3, 8),
        vandaag=D(2026, 3, 10),
        zienswijze_ontvangen_op=D(2026, 3, 9),
        reactie_op_zienswijze="Gelezen en gewogen.",
    )
    assert "zienswijze" in voor_ontvangst["__all__"]


def test_a_received_zienswijze_needs_an_answer():
    fouten = besluit_regels(zienswijze_ontvangen_op=D(2026, 3, 9))
    assert "reactie_op_zienswijze" in fouten


def test_the_amount_needs_its_reasons():
    assert "motivering_bedrag" in besluit_regels(motivering_bedrag=" ")


def test_an_asielstatushouder_needs_the_motivation_of_an_exceptional_case():
    fouten = besluit_regels(asiel=True)
    assert "bewezen en aanhoudend gebrek" in fouten["asiel_motivering"]
    assert besluit_regels(asiel=True, asiel_motivering="Vier keer niet.") == {}


def test_no_fine_after_the_verval_term():
    fouten = besluit_regels(vervaldatum=D(2026, 3, 19))
    assert "5:45" in fouten["besluit_op"]
    assert "20 maart 2026" in fouten["besluit_op"]
    assert besluit_regels(vervaldatum=D(2026, 3, 20)) == {}


def test_functiescheiding_refuses_the_fine():
    fouten = besluit_regels(functiescheiding="U hebt het rapport opgemaakt.")
    assert fouten == {"__all__": "U hebt het rapport opgemaakt."}


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
    # Afzien needs no rapport, and is possible after the verval term.
    assert (
        besluit_regels(
            besluit="afzien",
            afzien_reden="Ziek",
            vervaldatum=D(2020, 1, 1),
            **ZONDER_RAPPORT,
        )
        == {}
    )
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


def test_vervaldatum_is_the_day_before_the_fifth_anniversary():
    assert vervaldatum(D(2026, 2, 2), 5) == D(2031, 2, 1)
    assert vervaldatum(D(2028, 2, 29), 5) == D(2033, 2, 28)


def test_no_zaak_for_a_wi2013_dossier():
    fouten = zaak_fouten(
        overtreding="pvt",
        datum_overtreding=D(2026, 3, 1),
        feiten="x",
        vandaag=D(2026, 3, 20),
        wi2013=True,
    )
    assert "Wet inburgering 2013" in fouten["__all__"]


def test_zaak_date_cannot_lie_in_the_future():
    fouten = zaak_fouten(
        overtreding="pvt",
        datum_overtreding=D(2026, 3, 21),
        feiten="x",
        vandaag=D(2026, 3, 20),
    )
    assert "toekomst" in fouten["datum_overtreding"]
