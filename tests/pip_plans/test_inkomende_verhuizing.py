"""An incoming verhuizing from outside the region (DOMAIN §13.5, issue 17 item 4):
the termijn (start, end as DUO gave it, DUO's verlenging) and the leerroute of the
previous gemeente are recorded and kept; the first PIP here starts no new termijn,
keeps the leerroute, and its beschikking says so."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Leerroute, Status
from pip_plans.models import (
    Beschikking,
    Inburgeringstermijn,
    InkomendeVerhuizing,
    Pip,
    VerhuizingBron,
    Verlenging,
    VerlengingReden,
)
from pip_plans.services import pip as pip_services
from pip_plans.services.verhuizing import inkomende_verhuizing_vastleggen
from tests.factories.pip_plans import concept_vaststellen
from tests.pip_plans.pdf import pdf_text
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 3, 5)
# Three years from 2 May 2024 end on 1 May 2027 (the month-end rule); DUO extended
# the termijn to 1 November 2027.
START, DRIE_JAAR, DUO_EINDE = (
    dt.date(2024, 5, 2),
    dt.date(2027, 5, 1),
    dt.date(2027, 11, 1),
)


def gegevens(dossier, **changes) -> dict:
    data = {
        "versie": dossier.versie,
        "vorige_gemeente": "Arnhem",
        "verhuisdatum": dt.date(2026, 2, 1),
        "bron": VerhuizingBron.VORIGE_GEMEENTE,
        "kenmerk": "ARN-2026-0042",
        "leerroute": Leerroute.B1,
        "termijn_start": START,
        "einddatum": DUO_EINDE,
        "verlenging_besluitdatum": dt.date(2025, 9, 15),
        "verlenging_kenmerk": "DUO-VL-778899",
        "verlenging_reden": VerlengingReden.ZIEKTE,
    }
    data.update(changes)
    return data


@pytest.fixture
def verhuisd(dossier_klaar):
    """`dossier_klaar` whose plicht started in 2024 in the previous gemeente."""
    dossier_klaar.start_inburgeringsplicht = dt.date(2024, 2, 1)
    dossier_klaar.datum_kennisgeving = dt.date(2024, 2, 1)
    dossier_klaar.save()
    return dossier_klaar


def vastleggen(dossier, user, **changes):
    return inkomende_verhuizing_vastleggen(
        inburgeraar=dossier,
        acting_user=user,
        vandaag=VANDAAG,
        **gegevens(dossier, **changes),
    )


def test_the_termijn_is_taken_over_with_duos_end_and_verlenging(
    verhuisd, casusregisseur
):
    verhuizing = vastleggen(verhuisd, casusregisseur)
    termijn = Inburgeringstermijn.objects.get(inburgeraar=verhuisd)
    assert verhuizing.termijn == termijn
    assert termijn.eerste_beschikking is None
    assert (termijn.startdatum, termijn.oorspronkelijke_einddatum) == (START, DRIE_JAAR)
    # The end is the date DUO gave, not months added by us.
    assert termijn.einddatum == DUO_EINDE
    verlenging = Verlenging.objects.get(termijn=termijn)
    assert (verlenging.vorige_einddatum, verlenging.nieuwe_einddatum) == (
        DRIE_JAAR,
        DUO_EINDE,
    )
    assert verlenging.duo_kenmerk == "DUO-VL-778899"
    assert verlenging.besluitdatum == dt.date(2025, 9, 15)
    assert Gebeurtenis.objects.filter(
        inburgeraar=verhuisd,
        omschrijving__startswith="Verhuisd uit Arnhem op 1 februari 2026",
    ).exists()
    assert Verwerking.objects.filter(
        actie_naam="Inkomende verhuizing vastgelegd"
    ).exists()


def test_an_end_after_three_years_needs_duos_decision(verhuisd, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        vastleggen(
            verhuisd,
            casusregisseur,
            verlenging_besluitdatum=None,
            verlenging_kenmerk="",
            verlenging_reden="",
        )
    assert set(fout.value.message_dict) == {
        "verlenging_besluitdatum",
        "verlenging_kenmerk",
        "verlenging_reden",
    }
    assert not Inburgeringstermijn.objects.exists()
    # Ending exactly after three years: no verlenging to prove.
    vastleggen(
        verhuisd,
        casusregisseur,
        einddatum=DRIE_JAAR,
        verlenging_besluitdatum=None,
        verlenging_kenmerk="",
        verlenging_reden="",
    )
    assert Inburgeringstermijn.objects.get().einddatum == DRIE_JAAR
    assert not Verlenging.objects.exists()


@pytest.mark.parametrize(
    ("changes", "veld", "tekst"),
    [
        ({"einddatum": dt.date(2027, 4, 30)}, "einddatum", "tot en met 1 mei 2027"),
        ({"vorige_gemeente": "duiven"}, "vorige_gemeente", "hoort bij de regio"),
        ({"vorige_gemeente": " "}, "vorige_gemeente", "Vul de gemeente in"),
        ({"verhuisdatum": dt.date(2026, 3, 6)}, "verhuisdatum", "in de toekomst"),
        ({"verhuisdatum": dt.date(2024, 5, 1)}, "verhuisdatum", "vóór de start"),
        ({"termijn_start": dt.date(2024, 1, 31)}, "termijn_start", "1 februari 2024"),
        ({"leerroute": ""}, "leerroute", "Kies de leerroute"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    verhuisd, casusregisseur, changes, veld, tekst
):
    with pytest.raises(ValidationError) as fout:
        vastleggen(verhuisd, casusregisseur, **changes)
    assert tekst in " ".join(fout.value.message_dict[veld])
    assert not InkomendeVerhuizing.objects.exists()
    assert not Inburgeringstermijn.objects.exists()


def test_a_second_termijn_and_a_stale_form_are_refused(verhuisd, casusregisseur):
    vastleggen(verhuisd, casusregisseur)
    verhuisd.refresh_from_db()
    with pytest.raises(ValidationError, match="al een inburgeringstermijn"):
        vastleggen(verhuisd, casusregisseur, vorige_gemeente="Nijmegen")
    with pytest.raises(ValidationError, match="Iemand anders"):
        vastleggen(verhuisd, casusregisseur, versie=verhuisd.versie - 1)
    assert InkomendeVerhuizing.objects.get().vorige_gemeente == "Arnhem"


def test_a_wi2013_dossier_gets_no_termijn(casusregisseur, zevenaar):
    from tests.factories.intake import InburgeraarFactory

    dossier = InburgeraarFactory(gemeente=zevenaar, wi2013=True)
    with pytest.raises(ValidationError, match="Wet inburgering 2013"):
        vastleggen(dossier, casusregisseur, termijn_start=dt.date(2022, 3, 1))
    assert not Inburgeringstermijn.objects.exists()


@pytest.mark.pdf
@freeze_time("2026-03-05 10:00:00")
def test_the_first_pip_here_keeps_termijn_and_leerroute_and_says_so(
    verhuisd, casusregisseur
):
    vastleggen(verhuisd, casusregisseur, leerroute=Leerroute.B1)
    pip = pip_services.pip_opstellen(inburgeraar=verhuisd, acting_user=casusregisseur)
    assert pip.leerroute == Leerroute.B1  # from the previous gemeente, not the advice
    # The form cannot move it: the service keeps the previous gemeente's route.
    pip_services.pip_bewerken(
        pip=pip,
        data={"leerroute": Leerroute.ONDERWIJS},
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    assert Pip.objects.get().leerroute == Leerroute.B1
    beschikking = concept_vaststellen(Pip.objects.get(), casusregisseur)

    termijn = Inburgeringstermijn.objects.get()
    assert (termijn.startdatum, termijn.einddatum) == (START, DUO_EINDE)
    assert termijn.eerste_beschikking is None
    verhuisd.refresh_from_db()
    assert verhuisd.status == Status.PIP_VASTGESTELD
    assert verhuisd.pip_vastgesteld_op == VANDAAG
    tekst = pdf_text(beschikking)
    assert "verhuisd vanuit de gemeente Arnhem" in tekst
    assert "hij begon op 2 mei 2024 en loopt tot en met 1 november 2027" in tekst
    assert "Dit PIP begint geen nieuwe termijn" in tekst
    assert "kenmerk DUO-VL-778899" in tekst
    assert "leerroute die de gemeente Arnhem voor u vaststelde" in tekst
    assert "U heeft drie jaar om in te burgeren" not in tekst


def test_vaststellen_refuses_another_route_than_the_previous_gemeentes(
    verhuisd, casusregisseur
):
    vastleggen(verhuisd, casusregisseur, leerroute=Leerroute.Z)
    pip = pip_services.pip_opstellen(inburgeraar=verhuisd, acting_user=casusregisseur)
    Pip.objects.filter(pk=pip.pk).update(leerroute=Leerroute.B1)  # past the form
    fouten = pip_services.vaststellen_fouten(
        Pip.objects.get(pk=pip.pk), vandaag=VANDAAG
    )
    assert "Z-route" in fouten["leerroute"]
    assert not Beschikking.objects.exists()


@freeze_time("2026-03-05 10:00:00")
def test_the_pip_page_records_it_and_shows_bad_input_on_the_form(
    client_for, verhuisd, casusregisseur, klantmanager
):
    client = client_for(casusregisseur)
    pagina = reverse("pip_plans:pip", args=[verhuisd.pk])
    url = reverse("pip_plans:inkomende_verhuizing", args=[verhuisd.pk])
    assert "Termijn overnemen na verhuizing" in client.get(pagina).content.decode()

    fout = gegevens(verhuisd, verlenging_kenmerk="", vorige_gemeente="Rheden")
    response = client.post(url, {k: v or "" for k, v in fout.items()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "vul het kenmerk van het DUO-besluit over de verlenging in" in html
    assert 'value="Rheden"' in html  # what the user typed is kept
    assert not Inburgeringstermijn.objects.exists()

    response = client.post(url, {k: v or "" for k, v in gegevens(verhuisd).items()})
    assert response.status_code == 302
    html = client.get(pagina).content.decode()
    assert "Overgenomen na de verhuizing uit Arnhem" in html
    assert "Termijn overnemen na verhuizing" not in html
    # An RSD klantmanager does not record termijnen.
    assert client_for(klantmanager).post(url, gegevens(verhuisd)).status_code == 403
