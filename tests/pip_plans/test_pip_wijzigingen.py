"""Changes to a vastgestelde PIP: schakelen within 18 months, verhuizing, afschalen,
bezwaar gegrond and the bulk verlenging, each a new version."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from pip_plans.models import Bezwaar, Inburgeringstermijn, WijzigingReden
from pip_plans.services import bezwaar as bezwaar_services
from pip_plans.services import pip as pip_services
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from zevenaar_inburgering.termijnen import verlengd_einde

pytestmark = pytest.mark.django_db


def _wijziging(dossier, user, reden, data):
    """Start a wijziging of the vastgestelde PIP of `dossier` for `reden` and edit
    its concept with `data`: the concept as edited."""
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=dossier, reden=reden, toelichting="", acting_user=user
    )
    return pip_services.pip_bewerken(
        pip=concept, data=data, bewerkversie=concept.bewerkversie, acting_user=user
    )


@pytest.mark.pdf
def test_schakelen_is_refused_after_18_months(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2027-09-10"):
        concept = _wijziging(
            dossier_klaar,
            casusregisseur,
            "schakelen",
            complete_pip_data(leerroute="z", reden_afwijzing_b1="Gaat te langzaam."),
        )
        with pytest.raises(ValidationError, match="18 maanden"):
            pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)


@pytest.mark.pdf
def test_schakelen_within_18_months_changes_the_route(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2027-01-10"):
        concept = _wijziging(
            dossier_klaar,
            casusregisseur,
            "schakelen",
            complete_pip_data(leerroute="z", reden_afwijzing_b1="Gaat te langzaam."),
        )
        beschikking = pip_services.pip_vaststellen(
            pip=concept, acting_user=casusregisseur
        )
    assert beschikking.pip.leerroute == "z"


@pytest.mark.pdf
def test_verhuizing_keeps_the_leerroute(dossier_klaar, casusregisseur):
    pip_vaststellen(dossier_klaar, casusregisseur)
    concept = _wijziging(
        dossier_klaar, casusregisseur, "verhuizing", {"leerroute": "z"}
    )
    assert concept.leerroute == "b1"


@pytest.mark.pdf
def test_afschalen_needs_600_hours(dossier_klaar, casusregisseur):
    pip_vaststellen(dossier_klaar, casusregisseur)
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=dossier_klaar,
        reden="afschalen",
        toelichting="",
        acting_user=casusregisseur,
    )
    assert concept.taalniveau == "A2"
    concept = pip_services.pip_bewerken(
        pip=concept,
        data={"afschalen_nt2_uren": 420, "afschalen_inzet_oordeel": "Goed"},
        bewerkversie=concept.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError, match="600"):
        pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)


@pytest.mark.pdf
def test_bezwaar_gegrond_leads_to_a_new_version(dossier_klaar, casusregisseur, collega):
    """Who vastgesteld the PIP does not decide on the bezwaar (Awb art. 10:3 lid
    3): a colleague does."""
    with freeze_time("2026-03-05"):
        beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2026-04-20"):
        bezwaar = bezwaar_services.bezwaar_registreren(
            beschikking=beschikking,
            ontvangen_op=beschikking.dagtekening + dt.timedelta(days=10),
            gronden="Onderwijsroute niet onderzocht",
            acting_user=casusregisseur,
        )
        assert bezwaar.tijdig
        bezwaar = bezwaar_services.bezwaar_beslissen(
            bezwaar=bezwaar,
            versie=bezwaar.versie,
            besluit_datum=bezwaar.ontvangen_op + dt.timedelta(days=30),
            uitkomst="gegrond",
            toelichting="Onderwijsroute alsnog onderzoeken",
            acting_user=collega,
        )
    assert bezwaar.herziening.reden == WijzigingReden.HERZIENING_NA_BEZWAAR
    assert bezwaar.herziening.versie == 2
    assert Bezwaar.objects.get().herziening.is_concept


@pytest.mark.pdf
def test_bulk_verlenging_moves_the_end_only(dossier_klaar, casusregisseur, zevenaar):
    pip_vaststellen(dossier_klaar, casusregisseur)
    termijn = Inburgeringstermijn.objects.get()
    einde = termijn.einddatum
    pip_services.verlenging_vastleggen(
        einddata={termijn.pk: verlengd_einde(einde, maanden=6)},
        besluitdatum=timezone.localdate(),
        reden="examenvertraging",
        duo_kenmerk="DUO-2026-123",
        acting_user=casusregisseur,
    )
    termijn.refresh_from_db()
    assert termijn.einddatum == verlengd_einde(einde, maanden=6)
    assert termijn.oorspronkelijke_einddatum == einde


@pytest.mark.pdf
def test_the_verlenging_stores_the_end_duo_gave_per_person_or_for_all(
    dossier_klaar, casusregisseur, client_for
):
    """DOMAIN §13.5: DUO decides the new end; the bulk page takes one date for all
    or a date per person (which wins), and DUO's kenmerk is required."""
    pip_vaststellen(dossier_klaar, casusregisseur)
    termijn = Inburgeringstermijn.objects.get()
    einde = termijn.einddatum
    client = client_for(casusregisseur)
    url = reverse("pip_plans:verlenging")
    basis = {
        "termijnen": [termijn.pk],
        "besluitdatum": timezone.localdate().isoformat(),
        "reden": "examenvertraging",
    }
    geweigerd = client.post(url, {**basis, "nieuwe_einddatum": einde.isoformat()})
    assert geweigerd.status_code == 400
    tekst = geweigerd.content.decode()
    assert "Vul het kenmerk van het DUO-besluit in." in tekst or "verplicht" in tekst
    te_vroeg = client.post(
        url,
        {**basis, "duo_kenmerk": "DUO-1", "nieuwe_einddatum": einde.isoformat()},
    )
    assert te_vroeg.status_code == 400
    assert "ligt na de huidige einddatum" in te_vroeg.content.decode()
    termijn.refresh_from_db()
    assert termijn.einddatum == einde  # nothing changed

    eigen = einde + dt.timedelta(days=200)
    gelukt = client.post(
        url,
        {
            **basis,
            "duo_kenmerk": "DUO-2026-77",
            "nieuwe_einddatum": (einde + dt.timedelta(days=90)).isoformat(),
            f"einde_{termijn.pk}": eigen.isoformat(),
        },
    )
    assert gelukt.status_code == 302
    termijn.refresh_from_db()
    assert termijn.einddatum == eigen  # the person's own date wins
    verlenging = termijn.verlengingen.get()
    assert (verlenging.nieuwe_einddatum, verlenging.duo_kenmerk) == (
        eigen,
        "DUO-2026-77",
    )
