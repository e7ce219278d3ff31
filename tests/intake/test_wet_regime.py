"""Wi2013 and Wi2021 apart (issue 17 item 1, DOMAIN §13.5): the law follows from the
start of the plicht; a Wi2013 dossier is kept, but every Wi2021 action refuses it
with a message that says why, its PIP and intake signals are not made, and the
screens say which law applies and warn when the law contradicts the start."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from intake.models import Inburgeraar, WetRegime
from intake.rules import WI2021_VANAF, wet_regime_uit_start
from intake.services import pip_uitstel_vastleggen
from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import sweep
from pip_plans.handhaving.services import handhavingszaak_aanmaken
from pip_plans.ontzorgen.services import ontzorging_starten
from pip_plans.services.pip import pip_opstellen, pip_wijziging_starten
from tests.factories.intake import InburgeraarFactory, klaar_voor_pip
from tests.factories.pip_plans import pip_vaststellen

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "wet"),
    [
        (None, None),
        (dt.date(2021, 12, 31), WetRegime.WI2013),
        (WI2021_VANAF, WetRegime.WI2021),
        (dt.date(2026, 3, 1), WetRegime.WI2021),
    ],
)
def test_the_law_follows_from_the_start_of_the_plicht(start, wet):
    assert wet_regime_uit_start(start) == wet


@pytest.fixture
def wi2013(zevenaar, casusregisseur, klantmanager):
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        rsd_klantmanager=klantmanager,
        met_bijstand=True,
        wi2013=True,
        achternaam="Rahimi",
    )


def test_a_wi2013_dossier_has_no_pip_deadline(wi2013):
    wi2013.datum_brp_inschrijving = dt.date(2021, 6, 10)
    wi2013.refresh_pip_deadline()
    assert wi2013.pip_deadline is None
    assert not wi2013.regime_tegenstrijdig


def test_a_contradiction_between_law_and_start_is_seen(wi2013):
    wi2013.start_inburgeringsplicht = dt.date(2022, 2, 1)
    assert wi2013.regime_tegenstrijdig
    wi2013.start_inburgeringsplicht = None  # unknown start: nothing to contradict
    assert not wi2013.regime_tegenstrijdig


def _weigert(functie, **kwargs):
    with pytest.raises(ValidationError) as fout:
        functie(**kwargs)
    assert "Wet inburgering 2013" in " ".join(fout.value.messages)
    return fout.value


def test_each_wi2021_service_refuses_a_wi2013_dossier(wi2013, casusregisseur):
    _weigert(pip_opstellen, inburgeraar=wi2013, acting_user=casusregisseur)
    _weigert(
        ontzorging_starten,
        inburgeraar=wi2013,
        acting_user=casusregisseur,
        startdatum=dt.date(2026, 4, 1),
    )
    _weigert(
        pip_uitstel_vastleggen,
        inburgeraar=wi2013,
        reden="Wachten op het COA-profiel",
        sinds=dt.date(2021, 7, 1),
        informatie_ontvangen=None,
        acting_user=casusregisseur,
    )
    _weigert(
        handhavingszaak_aanmaken,
        inburgeraar=wi2013,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 3, 1),
        feiten="Niet verschenen.",
        acting_user=casusregisseur,
    )
    wi2013.refresh_from_db()
    assert not wi2013.pips.exists()
    assert not wi2013.handhavingszaken.exists()


@pytest.mark.pdf
def test_a_pip_can_neither_be_changed_nor_vastgesteld_once_the_law_is_wi2013(
    dossier, casusregisseur
):
    """A dossier corrected to the Wi2013 after its PIP: no new version."""
    klaar_voor_pip(dossier, casusregisseur)
    pip_vaststellen(dossier, casusregisseur, dagtekening=dt.date(2026, 3, 2))
    Inburgeraar.objects.filter(pk=dossier.pk).update(wet_regime=WetRegime.WI2013)
    dossier.refresh_from_db()
    _weigert(
        pip_wijziging_starten,
        inburgeraar=dossier,
        reden="overig",
        toelichting="",
        acting_user=casusregisseur,
    )


def test_no_pip_or_intake_signal_for_a_wi2013_dossier(wi2013, dossier):
    # Even a deadline left from before (the migration clears them) makes no signal.
    Inburgeraar.objects.filter(pk__in=[wi2013.pk, dossier.pk]).update(
        pip_deadline=dt.date(2026, 5, 1)
    )
    sweep(dt.date(2026, 6, 1))
    soorten = dict(
        Signaal.objects.filter(soort__in=[SignaalSoort.PIP_TE_LAAT]).values_list(
            "inburgeraar_id", "soort"
        )
    )
    assert soorten == {dossier.pk: SignaalSoort.PIP_TE_LAAT}
    assert not Signaal.objects.filter(
        inburgeraar=wi2013, soort=SignaalSoort.INTAKE_NIET_GESTART
    ).exists()
    assert Signaal.objects.filter(
        inburgeraar=dossier, soort=SignaalSoort.INTAKE_NIET_GESTART
    ).exists()


def test_the_pages_say_which_law_applies(client_for, casusregisseur, wi2013, dossier):
    client = client_for(casusregisseur)
    pagina = client.get(reverse("monitoring:dossier", args=[wi2013.pk])).content
    tekst = pagina.decode()
    assert "Wet inburgering 2013" in tekst
    assert 'class="alert alert-info wi2013"' in tekst
    pip = client.get(reverse("pip_plans:pip", args=[wi2013.pk])).content.decode()
    assert "onder de Wet inburgering 2013 bestaat het PIP niet" in pip
    assert reverse("pip_plans:pip_opstellen", args=[wi2013.pk]) not in pip
    ander = client.get(reverse("monitoring:dossier", args=[dossier.pk])).content
    assert "Wet inburgering 2021" in ander.decode()
    assert b"wi2013" not in ander


def test_a_contradiction_is_a_warning_on_the_dossier_and_in_the_werkvoorraad(
    client_for, casusregisseur, wi2013
):
    Inburgeraar.objects.filter(pk=wi2013.pk).update(
        start_inburgeringsplicht=dt.date(2023, 1, 10)
    )
    client = client_for(casusregisseur)
    dossier = client.get(reverse("monitoring:dossier", args=[wi2013.pk])).content
    assert "De wet past niet bij de start van de inburgeringsplicht" in dossier.decode()
    lijst = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "wet klopt niet" in lijst
