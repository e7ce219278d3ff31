"""Legal status changes are events (issue 17 item 3, DOMAIN §13.5): voldaan,
vrijgesteld, ontheven, verhuisd, beëindigd and termijn overschreden each carry a date
and a source, land on the timeline and in the verwerkingenlog, and the dossier form
can no longer set them. An event that ends the plicht here closes the running
traject and the planned voortgangsgesprekken."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from intake.models import (
    Gebeurtenis,
    Inburgeraar,
    Status,
    StatusBron,
    Statuswijziging,
)
from intake.services import inburgeraar_wijzigen, status_vastleggen
from intake.tijdlijn import GebeurtenisSoort
from leerroutes.models import Traject, TrajectEinde, Voortgangsgesprek
from pip_plans.services.termijn import termijn_statussen_bijwerken
from tests.factories.intake import InburgeraarFactory
from tests.factories.leerroutes import TrajectFactory, VoortgangsgesprekFactory
from tests.factories.pip_plans import InburgeringstermijnFactory
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 11, 2)


@pytest.fixture
def dossier(zevenaar, casusregisseur):
    return InburgeraarFactory(
        gemeente=zevenaar,
        casusregisseur=casusregisseur,
        status=Status.IN_TRAJECT,
        start_inburgeringsplicht=dt.date(2026, 1, 5),
    )


@pytest.fixture
def met_traject(dossier):
    traject = TrajectFactory(inburgeraar=dossier)
    VoortgangsgesprekFactory(inburgeraar=dossier, gepland_op=dt.date(2026, 12, 1))
    gehouden = VoortgangsgesprekFactory(inburgeraar=dossier, gehouden=True)
    return traject, gehouden


@pytest.mark.parametrize(
    ("status", "bron", "extra"),
    [
        (Status.ONTHEVEN, StatusBron.DUO, {"kenmerk": "DUO-ONT-1"}),
        (Status.VRIJGESTELD, StatusBron.DUO, {"kenmerk": "DUO-VRIJ-2"}),
        (Status.AFGEROND_VOLDAAN, StatusBron.DUO, {"kenmerk": "DUO-VOLD-3"}),
        (Status.VERHUISD, StatusBron.GEMEENTE, {"nieuwe_gemeente": "Arnhem"}),
        (Status.BEEINDIGD, StatusBron.CASUSREGISSEUR, {"reden": "Overleden"}),
    ],
)
def test_each_event_sets_status_date_and_source_and_closes_what_runs(
    dossier, met_traject, casusregisseur, status, bron, extra
):
    traject, gehouden = met_traject
    datum = dt.date(2026, 10, 15)
    status_vastleggen(
        dossier,
        status=status,
        datum=datum,
        bron=bron,
        acting_user=casusregisseur,
        vandaag=VANDAAG,
        **extra,
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.status_sinds) == (status, datum)
    wijziging = Statuswijziging.objects.get(inburgeraar=dossier)
    assert (wijziging.bron, wijziging.vorige_status) == (bron, Status.IN_TRAJECT)
    assert wijziging.vastgelegd_door == casusregisseur
    regel = Gebeurtenis.objects.get(inburgeraar=dossier, soort=GebeurtenisSoort.STATUS)
    assert "15 oktober 2026" in regel.omschrijving
    assert next(iter(extra.values())) in regel.omschrijving
    assert Verwerking.objects.filter(
        object_id=str(dossier.pk), actie_naam__startswith="Status:"
    ).exists()
    # The running traject ended on the event's date; planned meetings went, the
    # held one stays on record.
    traject.refresh_from_db()
    assert traject.einde == datum
    assert traject.einde_reden == {
        Status.AFGEROND_VOLDAAN: TrajectEinde.VOLDAAN,
        Status.VERHUISD: TrajectEinde.VERHUISD,
    }.get(status, TrajectEinde.BEEINDIGD)
    assert list(Voortgangsgesprek.objects.filter(inburgeraar=dossier)) == [gehouden]


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"status": Status.ONTHEVEN, "datum": None}, "datum", "Vul de datum in."),
        (
            {"status": Status.ONTHEVEN, "datum": dt.date(2026, 11, 3)},
            "datum",
            "toekomst",
        ),
        (
            {"status": Status.ONTHEVEN, "datum": dt.date(2025, 12, 31)},
            "datum",
            "voor de start van de inburgeringsplicht",
        ),
        ({"status": Status.ONTHEVEN, "kenmerk": " "}, "kenmerk", "kenmerk"),
        (
            {"status": Status.VERHUISD, "bron": StatusBron.GEMEENTE},
            "nieuwe_gemeente",
            "gemeente",
        ),
        (
            {"status": Status.BEEINDIGD, "bron": StatusBron.CASUSREGISSEUR},
            "reden",
            "reden",
        ),
        (
            {"status": Status.ONTHEVEN, "bron": StatusBron.CASUSREGISSEUR},
            "status",
            "volgt niet uit deze bron",
        ),
        (
            {"status": Status.IN_TRAJECT},
            "status",
            "niet als gebeurtenis",
        ),
    ],
)
def test_an_event_that_does_not_hold_changes_nothing(
    dossier, met_traject, casusregisseur, velden, veld, melding
):
    gegevens = {
        "datum": dt.date(2026, 10, 1),
        "bron": StatusBron.DUO,
        "kenmerk": "",
        **velden,
    }
    with pytest.raises(ValidationError) as fout:
        status_vastleggen(
            dossier, acting_user=casusregisseur, vandaag=VANDAAG, **gegevens
        )
    assert melding in " ".join(fout.value.message_dict[veld])
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT
    assert not Statuswijziging.objects.exists()
    assert Traject.objects.get(inburgeraar=dossier).einde is None


def test_a_closed_dossier_takes_no_second_event(dossier, casusregisseur):
    status_vastleggen(
        dossier,
        status=Status.VERHUISD,
        datum=dt.date(2026, 9, 1),
        bron=StatusBron.GEMEENTE,
        nieuwe_gemeente="Arnhem",
        acting_user=casusregisseur,
        vandaag=VANDAAG,
    )
    with pytest.raises(ValidationError, match="al afgesloten"):
        status_vastleggen(
            dossier,
            status=Status.ONTHEVEN,
            datum=dt.date(2026, 10, 1),
            bron=StatusBron.DUO,
            kenmerk="X",
            acting_user=casusregisseur,
            vandaag=VANDAAG,
        )


def test_the_dossier_form_cannot_set_a_legal_status(
    dossier, casusregisseur, client_for
):
    client = client_for(casusregisseur)
    pagina = client.get(reverse("intake:dossier_wijzigen", args=[dossier.pk]))
    assert pagina.status_code == 200
    assert "status" not in pagina.context["form"].fields
    # The service refuses it too, whatever a form sends.
    with pytest.raises(ValidationError):
        inburgeraar_wijzigen(
            inburgeraar=dossier,
            data={"status": Status.ONTHEVEN},
            versie=dossier.versie,
            acting_user=casusregisseur,
        )
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT


def test_before_the_intake_the_planning_is_still_set_by_hand(
    zevenaar, casusregisseur, client_for
):
    nieuw = InburgeraarFactory(gemeente=zevenaar, status=Status.SIGNAAL_ONTVANGEN)
    pagina = client_for(casusregisseur).get(
        reverse("intake:dossier_wijzigen", args=[nieuw.pk])
    )
    keuzes = [w for w, _ in pagina.context["form"].fields["status"].choices]
    assert keuzes == [Status.SIGNAAL_ONTVANGEN, Status.INTAKE_GEPLAND]


def test_the_dossier_page_records_a_duo_ontheffing(
    dossier, met_traject, casusregisseur, client_for
):
    client = client_for(casusregisseur)
    url = reverse("monitoring:status_vastleggen", args=[dossier.pk])
    fout = client.post(
        url,
        {
            "status": Status.ONTHEVEN,
            "datum": "2026-10-15",
            "kenmerk": "",
            "versie": dossier.versie,
        },
    )
    # Without DUO's kenmerk: the page again, with the message and what was typed.
    assert fout.status_code == 400
    tekst = fout.content.decode()
    assert "Vul het kenmerk van het DUO-besluit in." in tekst
    assert 'value="2026-10-15"' in tekst
    goed = client.post(
        url,
        {
            "status": Status.ONTHEVEN,
            "datum": "2026-10-15",
            "kenmerk": "DUO-2026-77",
            "versie": dossier.versie,
        },
    )
    assert goed.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.ONTHEVEN
    pagina = client.get(reverse("monitoring:dossier", args=[dossier.pk])).content
    assert "DUO-2026-77" in pagina.decode()


def test_a_stale_page_does_not_record(dossier, casusregisseur, client_for):
    antwoord = client_for(casusregisseur).post(
        reverse("monitoring:status_vastleggen", args=[dossier.pk]),
        {
            "status": Status.ONTHEVEN,
            "datum": "2026-10-15",
            "kenmerk": "DUO-1",
            "versie": dossier.versie - 1,
        },
    )
    assert antwoord.status_code in (400, 409)
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT


def test_a_klantmanager_cannot_record_a_status(dossier, klantmanager, client_for):
    dossier.rsd_klantmanager = klantmanager
    dossier.save()
    antwoord = client_for(klantmanager).post(
        reverse("monitoring:status_vastleggen", args=[dossier.pk]),
        {"status": Status.ONTHEVEN, "datum": "2026-10-15", "kenmerk": "X"},
    )
    assert antwoord.status_code in (403, 404)
    assert not Statuswijziging.objects.exists()


def test_termijn_overschreden_follows_the_termijn_and_a_verlenging_undoes_it(dossier):
    termijn = InburgeringstermijnFactory(inburgeraar=dossier)
    einde = termijn.einddatum
    dag_erna = einde + dt.timedelta(days=1)
    assert termijn_statussen_bijwerken(einde) == 0  # the last day still runs
    assert termijn_statussen_bijwerken(dag_erna) == 1
    dossier.refresh_from_db()
    assert (dossier.status, dossier.status_sinds) == (
        Status.TERMIJN_OVERSCHREDEN,
        dag_erna,
    )
    assert termijn_statussen_bijwerken(dag_erna) == 0  # idempotent
    # DUO extends the termijn: the dossier returns to what it was.
    termijn.einddatum = einde.replace(year=einde.year + 1)
    termijn.save()
    assert termijn_statussen_bijwerken(dag_erna + dt.timedelta(days=3)) == 1
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT
    assert [w.bron for w in Statuswijziging.objects.filter(inburgeraar=dossier)] == [
        StatusBron.TERMIJN,
        StatusBron.TERMIJN,
    ]
    assert (
        Gebeurtenis.objects.filter(
            inburgeraar=dossier, soort=GebeurtenisSoort.STATUS
        ).count()
        == 2
    )


def test_the_termijn_does_not_reopen_a_closed_dossier(dossier, casusregisseur):
    termijn = InburgeringstermijnFactory(inburgeraar=dossier)
    status_vastleggen(
        dossier,
        status=Status.ONTHEVEN,
        datum=dt.date(2026, 10, 1),
        bron=StatusBron.DUO,
        kenmerk="DUO-1",
        acting_user=casusregisseur,
        vandaag=VANDAAG,
    )
    assert termijn_statussen_bijwerken(termijn.einddatum + dt.timedelta(days=1)) == 0
    assert Inburgeraar.objects.get(pk=dossier.pk).status == Status.ONTHEVEN
