"""Financieel ontzorgen under Pw art. 56a (DOMAIN.md §13.5): only for holders of an
asylum permit, a nareiziger's derived one included, not for a family member with a
regular permit (who counts as asielstatushouder for the inburgering offer) nor while
the permit is not known; six months, longer only on another basis (the
ontzorgingsbeschikking naming it: test_beschikking.py)."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import DoelgroepCategorie, Verblijfsvergunning
from intake.tijdlijn import GebeurtenisSoort as IntakeSoort
from pip_plans.models import Brief, Ontzorging
from pip_plans.ontzorgen.rules import ontzorgen_mogelijk
from pip_plans.ontzorgen.services import ontzorgingsbeschikking_opmaken
from tests.factories.intake import InburgeraarFactory
from tests.intake.test_dossier import form_data
from tests.pip_plans.ontzorgen.helpers import (
    D,
    gebeurtenissen,
    periode_wijzigen,
    starten,
)
from tests.pip_plans.ontzorgen.test_beschikking import klaar_voor_beschikking

pytestmark = pytest.mark.django_db


def _dossier(zevenaar, casusregisseur, **traits):
    return InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, met_bijstand=True, **traits
    )


# --- Who -------------------------------------------------------------------------------


def test_a_family_member_with_a_regular_permit_gets_no_ontzorgen(
    casusregisseur, zevenaar
):
    gezinslid = _dossier(zevenaar, casusregisseur, gezinslid_asiel=True)
    # Asiel for the inburgering offer, but not an asylum permit.
    assert gezinslid.doelgroep_categorie == DoelgroepCategorie.ASIEL
    assert not gezinslid.heeft_asielvergunning
    with pytest.raises(ValidationError) as error:
        starten(gezinslid, casusregisseur)
    [bericht] = error.value.messages
    assert bericht.startswith(
        "Financieel ontzorgen (Participatiewet art. 56a) is alleen voor houders van "
        "een asielvergunning"
    )
    assert "reguliere verblijfsvergunning" in bericht
    assert not Ontzorging.objects.exists()
    assert gebeurtenissen(gezinslid) == []


def test_an_unknown_permit_gets_no_ontzorgen_until_it_is_recorded(
    casusregisseur, zevenaar
):
    onbekend = _dossier(
        zevenaar, casusregisseur, verblijfsvergunning=Verblijfsvergunning.ONBEKEND
    )
    with pytest.raises(ValidationError, match="niet bekend: leg die eerst vast"):
        starten(onbekend, casusregisseur)
    assert not Ontzorging.objects.exists()


@pytest.mark.parametrize(
    "traits",
    [
        {"verblijfsvergunning": Verblijfsvergunning.ASIEL},
        {"nareiziger": True},  # a derived asylum permit
    ],
    ids=["asielvergunning", "nareiziger"],
)
def test_an_asylum_permit_also_a_derived_one_allows_ontzorgen(
    casusregisseur, zevenaar, traits
):
    dossier = _dossier(zevenaar, casusregisseur, **traits)
    assert dossier.heeft_asielvergunning and ontzorgen_mogelijk(dossier)
    ontzorging = starten(dossier, casusregisseur)
    assert ontzorging.einddatum == D(2026, 9, 30)


def test_the_page_explains_why_and_offers_no_start_form(
    client_for, casusregisseur, zevenaar
):
    gezinslid = _dossier(zevenaar, casusregisseur, gezinslid_asiel=True)
    client = client_for(casusregisseur)
    html = client.get(reverse("pip_plans:ontzorgen", args=[gezinslid.pk])).content
    html = html.decode()
    assert "reguliere verblijfsvergunning" in html
    assert 'name="start-startdatum"' not in html
    response = client.post(
        reverse("pip_plans:ontzorgen_starten", args=[gezinslid.pk]),
        {"start-startdatum": "2026-04-01"},
    )
    assert response.status_code == 400
    assert "alleen voor houders van een asielvergunning" in response.content.decode()
    assert not Ontzorging.objects.exists()


def test_the_casusregisseur_records_the_permit_on_the_dossier(
    client_for, casusregisseur, zevenaar
):
    dossier = _dossier(
        zevenaar, casusregisseur, verblijfsvergunning=Verblijfsvergunning.ONBEKEND
    )
    client = client_for(casusregisseur)
    response = client.post(
        reverse("intake:dossier_wijzigen", args=[dossier.pk]),
        form_data(dossier, verblijfsvergunning=Verblijfsvergunning.ASIEL_AFGELEID),
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.verblijfsvergunning == Verblijfsvergunning.ASIEL_AFGELEID
    event = dossier.gebeurtenissen.get(soort=IntakeSoort.GEWIJZIGD)
    assert {
        "veld": "Verblijfsvergunning",
        "oud": "Onbekend",
        "nieuw": "Afgeleide asielvergunning (nareiziger)",
    } in event.wijzigingen
    page = client.get(reverse("monitoring:dossier", args=[dossier.pk])).content
    assert "Afgeleide asielvergunning (nareiziger)" in page.decode()
    assert ontzorgen_mogelijk(dossier)


# --- How long ----------------------------------------------------------------------


def test_a_period_past_the_six_months_without_another_basis_is_refused(
    dossier, casusregisseur
):
    ontzorging = starten(dossier, casusregisseur)
    with pytest.raises(ValidationError) as error:
        periode_wijzigen(
            ontzorging,
            casusregisseur,
            verlengd_tot=D(2026, 12, 31),
            verlenging_reden="Huurachterstand.",
        )
    assert error.value.message_dict["andere_grondslag"] == [
        "Participatiewet art. 56a geldt 6 maanden, tot en met 30 september 2026. "
        "Langer ontzorgen kan alleen op een andere grondslag: kies die, bijvoorbeeld "
        "budgetbeheer (Participatiewet art. 57)."
    ]
    ontzorging.refresh_from_db()
    assert (ontzorging.einddatum, ontzorging.versie, ontzorging.andere_grondslag) == (
        D(2026, 9, 30),
        1,
        "",
    )


@freeze_time("2026-05-15")
def test_the_period_form_keeps_what_was_typed_and_changes_nothing(
    client_for, dossier, casusregisseur
):
    ontzorging = starten(dossier, casusregisseur)
    response = client_for(casusregisseur).post(
        reverse("pip_plans:ontzorgen_periode", args=[dossier.pk]),
        {
            "periode-startdatum": "2026-04-01",
            "periode-bijstand_einde": "",
            "periode-verlengd_tot": "2026-12-31",
            "periode-andere_grondslag": "",
            "periode-verlenging_reden": "Huurachterstand bij de woonstichting.",
            "periode-versie": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Langer ontzorgen kan alleen op een andere grondslag" in html
    assert 'value="2026-12-31"' in html
    assert "Huurachterstand bij de woonstichting." in html
    ontzorging.refresh_from_db()
    assert (ontzorging.verlengd_tot, ontzorging.verlenging_reden) == (None, "")
    assert ontzorging.versie == 1


def test_an_extension_recorded_without_a_basis_gets_no_new_beschikking(
    dossier, casusregisseur
):
    """An extension from before the basis was asked (migration 0008 left it empty)."""
    ontzorging = starten(dossier, casusregisseur)
    klaar_voor_beschikking(ontzorging, casusregisseur)
    Ontzorging.objects.filter(pk=ontzorging.pk).update(
        verlengd_tot=D(2026, 12, 31),
        einddatum=D(2026, 12, 31),
        verlenging_reden="Maatwerk van vóór de andere grondslag.",
    )
    with pytest.raises(ValidationError, match="andere grondslag is niet vastgelegd"):
        ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=casusregisseur
        )
    assert not Brief.objects.exists()
