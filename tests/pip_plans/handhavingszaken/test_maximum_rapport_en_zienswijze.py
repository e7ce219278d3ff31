"""Handhaving (DOMAIN.md §7), the amount of a boete: the pure rules, the dated
maximum, the € 340 rapport and the zienswijze it waits for, and the 13-week term."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS

import pytest

from intake.models import Gebeurtenis
from pip_plans.handhaving.rules import (
    beslistermijn,
    beslistermijn_verstreken,
    in_samenloop,
    rapport_vereist,
    zienswijze_afgewacht,
    zienswijze_termijn,
)
from pip_plans.handhaving.selectors import boete_maximum
from pip_plans.models import Brief, BriefSoort, HandhavingStatus
from tests.pip_plans.handhavingszaken.helpers import (
    RAPPORT,
    ZIENSWIJZE,
    D,
    besluiten,
    boete,
    gehoord,
    messages,
    openen,
    parameter,
    rapport,
    refused,
    vers,
    zienswijze,
)
from zevenaar_inburgering.nl import datum_tekst, euro

# --- Pure rules ----------------------------------------------------------------------


def test_the_pure_rules():
    # Awb 5:53 lid 1 compares the maximum that can be imposed with € 340.
    assert not rapport_vereist(Decimal("340"), Decimal("340"))
    assert rapport_vereist(Decimal("340.01"), Decimal("340"))
    assert rapport_vereist(Decimal("800"), Decimal("340"))
    assert beslistermijn(D(2026, 3, 2), 13) == D(2026, 6, 1)
    assert zienswijze_termijn(D(2026, 3, 2), 2) == D(2026, 3, 16)
    assert in_samenloop(D(2026, 5, 1), D(2026, 5, 31), 30)
    assert in_samenloop(D(2026, 5, 1), D(2026, 4, 1), 30)
    assert not in_samenloop(D(2026, 5, 1), D(2026, 6, 1), 30)
    assert not zienswijze_afgewacht(
        zienswijze_tot=D(2026, 3, 16), zienswijze_ontvangen_op=None, op=D(2026, 3, 16)
    )
    assert zienswijze_afgewacht(
        zienswijze_tot=D(2026, 3, 16), zienswijze_ontvangen_op=None, op=D(2026, 3, 17)
    )
    assert euro(Decimal("800")) == "€ 800,00"
    assert datum_tekst(D(2026, 3, 1)) == "1 maart 2026"


# --- The maximum -------------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_of_the_maximum_passes_and_one_cent_more_is_refused(
    dossier, casusregisseur, collega
):
    zaak = gehoord(dossier, casusregisseur, "800")

    error = refused(besluiten, zaak, collega, boete("800.01"))
    assert "€ 800,00" in error.message_dict["boetebedrag"][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()

    besluiten(zaak, collega, boete("800"))
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.BOETE
    assert zaak.boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_dated_parameter_lowers_the_maximum_from_its_date_on(
    dossier, casusregisseur, collega
):
    parameter("boete_maximum", D(2026, 4, 1), "500")
    assert boete_maximum(D(2026, 3, 31)) == Decimal("800")
    assert boete_maximum(D(2026, 4, 1)) == Decimal("500")

    # The rapport predates the lower maximum.
    zaak = gehoord(dossier, casusregisseur, "800")

    for besluit_op in (D(2026, 4, 1), D(2026, 4, 15)):
        error = refused(besluiten, zaak, collega, boete("800", besluit_op))
        assert "€ 500,00" in error.message_dict["boetebedrag"][0]
    error = refused(besluiten, zaak, collega, boete("500.01", D(2026, 4, 15)))
    assert "boetebedrag" in error.message_dict

    # A besluit dated before the new maximum still allows € 800.
    besluiten(zaak, collega, boete("800", D(2026, 3, 31)))
    assert vers(zaak).boetebedrag == Decimal("800.00")


@pytest.mark.pdf
@pytest.mark.django_db
def test_from_the_date_of_a_lower_maximum_its_amount_passes(
    dossier, casusregisseur, collega
):
    parameter("boete_maximum", D(2026, 4, 1), "500")
    zaak = gehoord(dossier, casusregisseur, "500")
    besluiten(zaak, collega, boete("500", D(2026, 4, 15)))
    assert vers(zaak).boetebedrag == Decimal("500.00")


# --- The € 340 rapport and zienswijze ------------------------------------------------


@pytest.mark.django_db
def test_a_fine_of_exactly_the_rapport_limit_needs_a_rapport_too(
    dossier, casusregisseur, collega
):
    """Awb art. 5:53 looks at the maximum (€ 800 > € 340), not the amount: the old
    rule let a fine of € 340 through without rapport; now it is refused."""
    zaak = openen(dossier, casusregisseur)
    for bedrag in ("250", "340"):
        error = refused(besluiten, zaak, collega, boete(bedrag))
        assert "Maak eerst het rapport op" in messages(error)
    assert vers(zaak).status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_above_the_rapport_limit_a_fine_without_rapport_is_refused(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    error = refused(besluiten, zaak, collega, boete("340.01"))
    assert "rapport" in error.message_dict[NON_FIELD_ERRORS][0]
    assert "€ 340,00" in error.message_dict[NON_FIELD_ERRORS][0]
    assert vers(zaak).status == HandhavingStatus.OVERTREDING
    assert not Brief.objects.exists()


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_fine_above_the_limit_needs_a_rapport_that_announced_it(
    dossier, casusregisseur, collega
):
    """A rapport for € 300 does not cover a fine of € 500 (Awb 5:53)."""
    zaak = gehoord(dossier, casusregisseur, "300")
    error = refused(besluiten, zaak, collega, boete("500"))
    assert "rapport" in error.message_dict["boetebedrag"][0]


@pytest.mark.pdf
@pytest.mark.django_db
def test_after_the_rapport_the_besluit_waits_for_the_zienswijze(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500")
    zaak = vers(zaak)
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert zaak.zienswijze_tot == D(2026, 3, 16)

    # While the term runs (up to and including its last day) and nothing came in;
    # also a fine below the limit waits.
    for bedrag, besluit_op in (("300", D(2026, 3, 3)), ("500", D(2026, 3, 16))):
        error = refused(besluiten, zaak, collega, boete(bedrag, besluit_op))
        assert "16 maart 2026" in error.message_dict[NON_FIELD_ERRORS][0]
    assert vers(zaak).besluit == ""
    assert not Brief.objects.filter(soort=BriefSoort.BOETEBESCHIKKING).exists()

    # After the zienswijze came in: allowed, also within the term.
    zienswijze(zaak, casusregisseur, op=D(2026, 3, 10))
    besluiten(zaak, collega, boete("500", D(2026, 3, 12)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_besluit_after_the_zienswijze_term_without_zienswijze_is_allowed(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    besluiten(zaak, collega, boete("800", D(2026, 3, 17)))
    assert vers(zaak).status == HandhavingStatus.BOETE


@pytest.mark.pdf
@pytest.mark.django_db
def test_no_zienswijze_can_be_recorded_only_after_the_term(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    # The term of 16 March 2026 has passed (today is later), so "none came" is fine.
    zaak = zienswijze(zaak, casusregisseur, op=None, ontvangen=False)
    assert zaak.zienswijze_ontvangen_op is None
    assert Gebeurtenis.objects.filter(
        omschrijving="Geen zienswijze ontvangen binnen de termijn"
    ).exists()


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_besluit_does_not_precede_the_rapport(dossier, casusregisseur, collega):
    zaak = openen(dossier, casusregisseur, datum_overtreding=D(2026, 2, 20))
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur)
    error = refused(besluiten, zaak, collega, boete("800", D(2026, 3, 1)))
    assert "besluit_op" in error.message_dict


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_besluit_before_the_zienswijze_came_in_is_refused(
    dossier, casusregisseur, collega
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "800")
    zienswijze(zaak, casusregisseur, op=ZIENSWIJZE)
    refused(besluiten, zaak, collega, boete("800", D(2026, 3, 5)))


@pytest.mark.django_db
def test_the_rapport_refuses_an_amount_above_the_maximum_and_an_empty_rapport(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    error = refused(rapport, zaak, casusregisseur, "800.01")
    assert "€ 800,00" in error.message_dict["voorgenomen_bedrag"][0]

    error = refused(rapport, zaak, casusregisseur, "500", rapport="   ")
    assert "rapport" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "0")
    assert "voorgenomen_bedrag" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", rapport_op=D(2026, 2, 1))
    assert "rapport_op" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", rapport_op=D(2099, 1, 1))
    assert "rapport_op" in error.message_dict

    error = refused(rapport, zaak, casusregisseur, "500", zienswijze_tot=RAPPORT)
    assert "zienswijze_tot" in error.message_dict

    # Awb 5:48: the rapport names the overtreden voorschrift and the place.
    error = refused(rapport, zaak, casusregisseur, "500", overtreden_voorschrift=" ")
    assert "overtreden_voorschrift" in error.message_dict
    error = refused(rapport, zaak, casusregisseur, "500", plaats_overtreding="")
    assert "plaats_overtreding" in error.message_dict
    # Awb 5:10a: a verhoor with a fine in view only after the cautie.
    error = refused(rapport, zaak, casusregisseur, "500", verhoord_op=RAPPORT)
    assert "5:10a" in error.message_dict["cautie_gegeven"][0]
    # The letters go out on or after the rapport's date.
    error = refused(rapport, zaak, casusregisseur, "500", verzenddatum=D(2026, 3, 1))
    assert "verzenddatum" in error.message_dict

    zaak = vers(zaak)
    assert zaak.rapport_op is None and zaak.voorgenomen_bedrag is None
    assert zaak.status == HandhavingStatus.OVERTREDING
    assert zaak.versie == 1


@pytest.mark.pdf
@pytest.mark.django_db
def test_a_zienswijze_follows_a_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    refused(zienswijze, zaak, casusregisseur)

    rapport(zaak, casusregisseur, "500")
    error = refused(zienswijze, zaak, casusregisseur, op=D(2026, 3, 1))
    assert "ontvangen_op" in error.message_dict
    error = refused(zienswijze, zaak, casusregisseur, op=D(2099, 1, 1))
    assert "ontvangen_op" in error.message_dict
    assert vers(zaak).zienswijze_ontvangen_op is None

    zienswijze(zaak, casusregisseur)
    assert "al vastgelegd" in messages(refused(zienswijze, zaak, casusregisseur))


# --- The 13-week term ----------------------------------------------------------------


@pytest.mark.pdf
@pytest.mark.django_db
def test_the_rapport_stores_the_13_week_term_and_the_default_zienswijze_term(
    dossier, casusregisseur
):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500", rapport_op=D(2026, 3, 2))
    zaak = vers(zaak)
    assert zaak.rapport_op == D(2026, 3, 2)
    assert zaak.beslistermijn == D(2026, 6, 1)
    assert zaak.zienswijze_tot == D(2026, 3, 16)
    assert zaak.voorgenomen_bedrag == Decimal("500.00")
    assert zaak.status == HandhavingStatus.ZIENSWIJZE
    assert beslistermijn_verstreken(zaak.beslistermijn, D(2026, 6, 2))
    assert not beslistermijn_verstreken(zaak.beslistermijn, D(2026, 6, 1))


@pytest.mark.pdf
@pytest.mark.django_db
def test_an_explicit_zienswijze_term_is_kept(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500", zienswijze_tot=D(2026, 3, 30))
    assert vers(zaak).zienswijze_tot == D(2026, 3, 30)
    assert vers(zaak).beslistermijn == D(2026, 6, 1)


@pytest.mark.pdf
@pytest.mark.django_db
def test_only_one_rapport(dossier, casusregisseur):
    zaak = openen(dossier, casusregisseur)
    rapport(zaak, casusregisseur, "500")
    refused(rapport, zaak, casusregisseur, "600", rapport_op=D(2026, 3, 3))
    assert vers(zaak).voorgenomen_bedrag == Decimal("500.00")
