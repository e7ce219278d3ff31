"""A termijn that ended prompts a decision (issue 19 item 4, the walkthrough's
"termijn verstreken op 18-06-2025, still 'In traject', nothing prompts a
handhaving, verlenging or ontheffing decision"): the signal starts the day after
the termijn's last day, stands while the dossier is open and nobody decided, and
clears itself when a DUO verlenging, an ontheffing or a handhavingszaak is
recorded. Te doen lists it as overdue with a link to the Handhaving tab, whose
block names the three decisions. The rule itself (and the exclusion of closed and
Wi2013 dossiers, with the other kinds) is also in test_signalering's GEVALLEN."""

import datetime as dt
import re

from django.urls import reverse

import pytest
from freezegun import freeze_time

from intake.models import Inburgeraar, Status, StatusBron, WetRegime
from intake.services.status import status_vastleggen
from monitoring.models import SignaalSoort
from monitoring.signalering import sweep
from pip_plans.handhaving.services import handhavingszaak_aanmaken
from pip_plans.models import (
    BesluitSoort,
    HandhavingStatus,
    Handhavingszaak,
    Overtreding,
    VerlengingReden,
)
from pip_plans.services.pip import verlenging_vastleggen
from tests.factories.pip_plans import InburgeringstermijnFactory

from .conftest import signalen
from .test_te_doen import groep, te_doen

pytestmark = pytest.mark.django_db

EINDE = dt.date(2025, 6, 18)
DAG_ERNA = EINDE + dt.timedelta(days=1)
VANDAAG = dt.date(2026, 12, 7)
SOORT = SignaalSoort.TERMIJN_VERSTREKEN


@pytest.fixture
def verstreken(dossier, casusregisseur):
    """Dima's case: in traject, the termijn ended on 18 June 2025."""
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=Status.IN_TRAJECT)
    return InburgeringstermijnFactory(
        inburgeraar=dossier,
        eerste_beschikking__pip__aangemaakt_door=casusregisseur,
        startdatum=dt.date(2022, 6, 19),
        oorspronkelijke_einddatum=EINDE,
    )


def _open():
    return signalen(SOORT).open()


def test_not_on_the_last_day_of_the_termijn_but_from_the_day_after(verstreken):
    sweep(EINDE)
    assert not signalen(SOORT).exists()
    sweep(DAG_ERNA)
    assert _open().get().vervaldatum == EINDE
    # A sweep that missed days catches up with the same signal.
    sweep(VANDAAG)
    assert signalen(SOORT).count() == 1


def test_it_stands_for_a_dossier_marked_termijn_overschreden(dossier, verstreken):
    """The nightly job's status is not a decision: the prompt stays."""
    Inburgeraar.objects.filter(pk=dossier.pk).update(status=Status.TERMIJN_OVERSCHREDEN)
    sweep(VANDAAG)
    assert _open().count() == 1


def _zaak(dossier, user, **velden):
    return handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding=Overtreding.PIP_VERPLICHTINGEN,
        datum_overtreding=velden.pop("datum_overtreding", EINDE),
        feiten="De lessen niet gevolgd.",
        acting_user=user,
    )


def test_a_handhavingszaak_opened_after_the_end_clears_it(
    dossier, casusregisseur, verstreken
):
    sweep(VANDAAG)
    with freeze_time(VANDAAG):
        _zaak(dossier, casusregisseur)
    sweep(VANDAAG)
    assert signalen(SOORT).get().opgelost_op is not None


def test_a_zaak_that_ended_in_afzien_is_a_decision_too(
    dossier, casusregisseur, verstreken
):
    """A prompt, not a fine: deciding not to fine settles it as much as a fine."""
    with freeze_time(VANDAAG):
        zaak = _zaak(dossier, casusregisseur)
    Handhavingszaak.objects.filter(pk=zaak.pk).update(
        status=HandhavingStatus.AFGEZIEN,
        besluit=BesluitSoort.AFZIEN,
        besluit_op=VANDAAG,
        afzien_reden="Niet verwijtbaar: lang ziek geweest.",
    )
    sweep(VANDAAG)
    assert not signalen(SOORT).exists()


def test_a_zaak_from_before_the_end_is_no_decision_on_it(
    dossier, casusregisseur, verstreken
):
    """An overtreding handled during the termijn says nothing about its end."""
    with freeze_time(EINDE - dt.timedelta(days=30)):
        _zaak(dossier, casusregisseur, datum_overtreding=dt.date(2025, 5, 1))
    sweep(VANDAAG)
    assert _open().count() == 1


def test_an_ontheffing_by_duo_clears_it(dossier, casusregisseur, verstreken):
    sweep(VANDAAG)
    status_vastleggen(
        dossier,
        status=Status.ONTHEVEN,
        datum=dt.date(2026, 12, 1),
        bron=StatusBron.DUO,
        kenmerk="DUO-ONT-7",
        acting_user=casusregisseur,
        vandaag=VANDAAG,
    )
    sweep(VANDAAG)
    assert not _open().exists()


@freeze_time(VANDAAG)
def test_a_verlenging_clears_it_and_a_new_end_that_passed_prompts_again(
    casusregisseur, verstreken
):
    sweep(VANDAAG)

    def verleng(tot):
        verlenging_vastleggen(
            einddata={verstreken.pk: tot},
            besluitdatum=dt.date(2026, 11, 20),
            reden=VerlengingReden.ZIEKTE,
            duo_kenmerk="DUO-VERL-1",
            acting_user=casusregisseur,
        )

    verleng(dt.date(2027, 6, 18))
    sweep(VANDAAG)
    assert not _open().exists()

    # DUO's automatic extension for delayed exam results, itself already over.
    verstreken.refresh_from_db()
    verleng(dt.date(2027, 6, 18) + dt.timedelta(days=1))
    sweep(dt.date(2027, 7, 1))
    assert _open().get().vervaldatum == dt.date(2027, 6, 19)


@pytest.mark.parametrize(
    "wijziging",
    [
        {"status": Status.AFGEROND_VOLDAAN},
        {"status": Status.VERHUISD},
        {"wet_regime": WetRegime.WI2013},
    ],
    ids=["voldaan", "verhuisd", "wi2013"],
)
def test_none_for_a_closed_or_wi2013_dossier(dossier, verstreken, wijziging):
    Inburgeraar.objects.filter(pk=dossier.pk).update(**wijziging)
    sweep(VANDAAG)
    assert not signalen(SOORT).exists()


# --- Te doen and the Handhaving tab -------------------------------------------------


@freeze_time(VANDAAG)
def test_te_doen_lists_it_as_overdue_with_a_link_to_the_decision(
    client_for, casusregisseur, dossier, verstreken
):
    sweep(VANDAAG)
    client = client_for(casusregisseur)
    te_laat = groep(te_doen(client), "te_laat")
    assert "Termijn verstreken op 18 juni 2025</span>" in te_laat
    link = re.search(
        r'<a class="signaal-actie fw-semibold" href="([^"]+)">Besluit over het vervolg<',
        te_laat,
    ).group(1)
    assert link == reverse("pip_plans:handhaving", args=[dossier.pk]) + (
        "#termijn-verstreken"
    )

    html = client.get(link.split("#")[0]).content.decode()
    blok = html[html.index('id="termijn-verstreken"') :]
    blok = blok[: blok.index("</section>")]
    assert "De inburgeringstermijn is verstreken op 18 juni 2025" in blok
    for doel in (
        reverse("pip_plans:pip", args=[dossier.pk]) + "#termijn",
        reverse("monitoring:dossier", args=[dossier.pk]) + "#status",
        "#nieuwe-zaak",
    ):
        assert f'href="{doel}"' in blok


@freeze_time(VANDAAG)
def test_the_handhaving_tab_has_no_block_once_decided_or_before_the_end(
    client_for, casusregisseur, dossier, verstreken
):
    client = client_for(casusregisseur)
    pagina = reverse("pip_plans:handhaving", args=[dossier.pk])
    _zaak(dossier, casusregisseur)
    assert 'id="termijn-verstreken"' not in client.get(pagina).content.decode()

    Handhavingszaak.objects.all().delete()
    with freeze_time(EINDE):
        assert 'id="termijn-verstreken"' not in client.get(pagina).content.decode()
