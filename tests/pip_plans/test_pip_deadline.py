import datetime as dt
import subprocess

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.models import Gebeurtenis, Status
from pip_plans.models import (
    Beschikking,
    Bezwaar,
    Inburgeringstermijn,
    Pip,
    PipStatus,
    WijzigingReden,
)
from pip_plans.services import bezwaar as bezwaar_services
from pip_plans.services import pip as pip_services
from tests.factories.intake import InburgeraarFactory
from tests.factories.pip_plans import complete_pip_data, pip_vaststellen
from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.termijnen import verlengd_einde

pytestmark = pytest.mark.django_db


def pdf_text(beschikking: Beschikking) -> str:
    with private_storage.open(beschikking.pdf) as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_vaststellen_requires_a_completed_intake(dossier, casusregisseur):
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError, match="brede intake"):
        pip_services.pip_vaststellen(pip=pip, acting_user=casusregisseur)
    assert not Beschikking.objects.exists()
    assert Pip.objects.get().status == PipStatus.CONCEPT


@pytest.mark.pdf
@freeze_time("2026-03-05 10:00:00")
def test_vaststellen_makes_the_beschikking_pdf_and_starts_the_termijn(
    dossier_klaar, casusregisseur
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert beschikking.dagtekening == dt.date(2026, 3, 5)
    assert beschikking.bezwaar_deadline == dt.date(2026, 4, 16)
    termijn = Inburgeringstermijn.objects.get(inburgeraar=dossier_klaar)
    assert termijn.startdatum == dt.date(2026, 3, 6)
    assert termijn.einddatum == dt.date(2029, 3, 5)
    dossier_klaar.refresh_from_db()
    assert dossier_klaar.status == Status.PIP_VASTGESTELD
    assert dossier_klaar.pip_vastgesteld_op == dt.date(2026, 3, 5)
    assert Gebeurtenis.objects.filter(
        inburgeraar=dossier_klaar, omschrijving__contains=beschikking.kenmerk
    ).exists()

    text = " ".join(pdf_text(beschikking).split())
    assert "5 maart 2026" in text
    assert dossier_klaar.bsn_gemaskeerd in text
    assert dossier_klaar.bsn not in text
    assert "B1-route" in text
    assert "16 april 2026" in text  # bezwaar deadline
    assert "Te oud voor de onderwijsroute" in text  # a rejected route's reason


@pytest.mark.pdf
def test_the_stored_hash_matches_the_pdf(dossier_klaar, casusregisseur):
    from zevenaar_inburgering.documents import verify_document

    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert verify_document(beschikking.pdf, beschikking.sha256)


@pytest.mark.pdf
def test_a_name_with_html_prints_literally(dossier_klaar, casusregisseur):
    dossier_klaar.achternaam = "<b>Haddad</b><img src=x>"
    dossier_klaar.save()
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    assert "<b>Haddad</b><img src=x>" in pdf_text(beschikking)


def test_pdf_is_rendered_in_the_transaction_and_failure_vaststelt_nothing(
    dossier_klaar, casusregisseur, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint kapot")

    monkeypatch.setattr(pip_services, "render_pdf", broken)
    pip = pip_services.pip_opstellen(
        inburgeraar=dossier_klaar, acting_user=casusregisseur
    )
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(),
        bewerkversie=pip.bewerkversie,
        acting_user=casusregisseur,
    )
    with pytest.raises(RuntimeError):
        pip_services.pip_vaststellen(pip=pip, acting_user=casusregisseur)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert not Beschikking.objects.exists()
    assert not Inburgeringstermijn.objects.exists()


@pytest.mark.pdf
def test_a_vastgesteld_pip_and_its_beschikking_never_change(
    dossier_klaar, casusregisseur
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    with pytest.raises(DatabaseError), transaction.atomic():
        Pip.objects.filter(pk=beschikking.pip_id).update(pvt_uren=40)
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).delete()


@pytest.mark.pdf
def test_the_termijn_start_never_moves(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2026-09-01"):
        pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="overig",
            toelichting="Meer uren MAP",
            acting_user=casusregisseur,
        )
        concept = Pip.objects.get(status=PipStatus.CONCEPT)
        pip_services.pip_bewerken(
            pip=concept,
            data={"map_uren": 80},
            bewerkversie=concept.bewerkversie,
            acting_user=casusregisseur,
        )
        tweede = pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)
    termijn = Inburgeringstermijn.objects.get()
    assert termijn.startdatum == dt.date(2026, 3, 6)
    assert "verandert de start van deze termijn niet" in " ".join(
        pdf_text(tweede).split()
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Inburgeringstermijn.objects.filter(pk=termijn.pk).update(
            startdatum=dt.date(2026, 9, 2)
        )


@pytest.mark.pdf
def test_schakelen_is_refused_after_18_months(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2027-09-10"):
        concept = pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="schakelen",
            toelichting="",
            acting_user=casusregisseur,
        )
        data = complete_pip_data(leerroute="z", reden_afwijzing_b1="Gaat te langzaam.")
        concept = pip_services.pip_bewerken(
            pip=concept,
            data=data,
            bewerkversie=concept.bewerkversie,
            acting_user=casusregisseur,
        )
        with pytest.raises(ValidationError, match="18 maanden"):
            pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)


@pytest.mark.pdf
def test_schakelen_within_18_months_changes_the_route(dossier_klaar, casusregisseur):
    with freeze_time("2026-03-05"):
        pip_vaststellen(dossier_klaar, casusregisseur)
    with freeze_time("2027-01-10"):
        concept = pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="schakelen",
            toelichting="",
            acting_user=casusregisseur,
        )
        data = complete_pip_data(leerroute="z", reden_afwijzing_b1="Gaat te langzaam.")
        concept = pip_services.pip_bewerken(
            pip=concept,
            data=data,
            bewerkversie=concept.bewerkversie,
            acting_user=casusregisseur,
        )
        beschikking = pip_services.pip_vaststellen(
            pip=concept, acting_user=casusregisseur
        )
    assert beschikking.pip.leerroute == "z"


@pytest.mark.pdf
def test_verhuizing_keeps_the_leerroute(dossier_klaar, casusregisseur):
    pip_vaststellen(dossier_klaar, casusregisseur)
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=dossier_klaar,
        reden="verhuizing",
        toelichting="",
        acting_user=casusregisseur,
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        data={"leerroute": "z"},
        bewerkversie=concept.bewerkversie,
        acting_user=casusregisseur,
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
def test_bezwaar_gegrond_leads_to_a_new_version(dossier_klaar, casusregisseur):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    bezwaar = bezwaar_services.bezwaar_registreren(
        beschikking=beschikking,
        ontvangen_op=beschikking.dagtekening + dt.timedelta(days=10),
        gronden="Onderwijsroute niet onderzocht",
        acting_user=casusregisseur,
    )
    assert bezwaar.tijdig
    bezwaar = bezwaar_services.bezwaar_beslissen(
        bezwaar=bezwaar,
        besluit_datum=bezwaar.ontvangen_op + dt.timedelta(days=30),
        uitkomst="gegrond",
        toelichting="Onderwijsroute alsnog onderzoeken",
        acting_user=casusregisseur,
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
        termijnen=[termijn],
        besluitdatum=timezone.localdate(),
        maanden=6,
        reden="examenvertraging",
        duo_kenmerk="DUO-2026-123",
        acting_user=casusregisseur,
    )
    termijn.refresh_from_db()
    assert termijn.einddatum == verlengd_einde(einde, maanden=6)
    assert termijn.oorspronkelijke_einddatum == einde


@pytest.mark.pdf
def test_pdf_download_is_permission_checked(
    client_for, dossier_klaar, casusregisseur, andere_casusregisseur, klantmanager
):
    beschikking = pip_vaststellen(dossier_klaar, casusregisseur)
    url = reverse("pip_plans:beschikking_pdf", args=[beschikking.pk])
    response = client_for(casusregisseur).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(andere_casusregisseur).get(url).status_code == 404
    assert client_for(klantmanager).get(url).status_code == 403
    # there is no public URL for stored documents
    assert (
        client_for(casusregisseur).get("/media/" + beschikking.pdf).status_code == 404
    )


def test_missing_rejected_route_reason_is_shown_on_the_form_and_the_concept_kept(
    client_for, dossier_klaar, casusregisseur
):
    client = client_for(casusregisseur)
    client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    data = {k: v for k, v in complete_pip_data().items() if v is not None}
    data.update(
        reden_afwijzing_z="", bewerkversie=pip.bewerkversie, actie="vaststellen"
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Leg uit waarom de Z-route niet is gekozen" in page
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert pip.ondersteuning == data["ondersteuning"]  # the concept was saved


def test_map_in_the_onderwijsroute_is_refused_on_the_form(
    client_for, dossier_klaar, casusregisseur
):
    client = client_for(casusregisseur)
    client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]),
        {
            "leerroute": "onderwijs",
            "map_uren": "40",
            "pvt_uren": "12",
            "knm_vorm": "examen",
            "bewerkversie": pip.bewerkversie,
            "actie": "opslaan",
        },
    )
    assert response.status_code == 400
    assert "geen MAP" in response.content.decode()
    pip.refresh_from_db()
    assert pip.map_uren is None


@pytest.mark.pdf
def test_browser_flow_through_the_views(client_for, dossier_klaar, casusregisseur):
    client = client_for(casusregisseur)
    assert (
        client.get(reverse("pip_plans:pip", args=[dossier_klaar.pk])).status_code == 200
    )
    response = client.post(reverse("pip_plans:pip_opstellen", args=[dossier_klaar.pk]))
    pip = Pip.objects.get()
    assert response.url == reverse(
        "leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]
    )
    data = {
        k: ("on" if v is True else v)
        for k, v in complete_pip_data().items()
        if v not in (None, False)
    }
    data.update(bewerkversie=pip.bewerkversie, actie="vaststellen")
    response = client.post(
        reverse("leerroutes:pip_bewerken", args=[dossier_klaar.pk, pip.pk]), data
    )
    beschikking = Beschikking.objects.get()
    assert response.url == reverse("pip_plans:beschikking", args=[beschikking.pk])
    page = client.get(response.url).content.decode()
    assert beschikking.kenmerk in page


@pytest.mark.pdf
def test_pip_page_keeps_a_fixed_number_of_queries(
    client_for, dossier_klaar, casusregisseur, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(casusregisseur)
    url = reverse("pip_plans:pip", args=[dossier_klaar.pk])
    pip_vaststellen(dossier_klaar, casusregisseur)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        concept = pip_services.pip_wijziging_starten(
            inburgeraar=dossier_klaar,
            reden="overig",
            toelichting="",
            acting_user=casusregisseur,
        )
        pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


def test_uitstel_suspends_and_then_extends_the_deadline(
    client_for, casusregisseur, zevenaar
):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 3, 5),
        datum_brp_inschrijving=dt.date(2026, 3, 5),
    )
    dossier.refresh_pip_deadline()
    dossier.save()
    assert dossier.pip_deadline == dt.date(2026, 5, 14)
    client = client_for(casusregisseur)
    url = reverse("pip_plans:uitstel", args=[dossier.pk])
    response = client.post(
        url, {"pip_uitstel_reden": "", "pip_uitstel_sinds": "2026-04-01"}
    )
    assert response.status_code == 400
    client.post(
        url,
        {"pip_uitstel_reden": "Medisch advies GGD", "pip_uitstel_sinds": "2026-04-01"},
    )
    dossier.refresh_from_db()
    assert dossier.pip_deadline is None
    assert dossier.pip_deadline_status == "opgeschort"
    client.post(
        url,
        {
            "pip_uitstel_reden": "Medisch advies GGD",
            "pip_uitstel_sinds": "2026-04-01",
            "pip_uitstel_informatie_ontvangen": "2026-05-10",
        },
    )
    dossier.refresh_from_db()
    assert dossier.pip_deadline == dt.date(2026, 5, 24)


def test_uitstel_after_the_deadline_is_refused(client_for, casusregisseur, zevenaar):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 3, 5),
        datum_brp_inschrijving=dt.date(2026, 3, 5),
    )
    response = client_for(casusregisseur).post(
        reverse("pip_plans:uitstel", args=[dossier.pk]),
        {"pip_uitstel_reden": "Rapport", "pip_uitstel_sinds": "2026-06-01"},
    )
    assert response.status_code == 400
    assert "binnen de termijn van 10 weken" in response.content.decode()


def test_werkvoorraad_shows_and_sorts_by_days_to_the_pip_deadline(
    client_for, casusregisseur, zevenaar
):
    with freeze_time("2026-05-01"):
        late = InburgeraarFactory(
            gemeente=zevenaar,
            achternaam="Laat",
            datum_kennisgeving=dt.date(2026, 1, 5),
            datum_brp_inschrijving=dt.date(2026, 1, 5),
        )
        soon = InburgeraarFactory(
            gemeente=zevenaar,
            achternaam="Binnenkort",
            datum_kennisgeving=dt.date(2026, 3, 1),
            datum_brp_inschrijving=dt.date(2026, 3, 1),
        )
        for d in (late, soon):
            d.refresh_pip_deadline()
            d.save()
        client = client_for(casusregisseur)
        client.post(reverse("monitoring:werkvoorraad"), {"sorteer": "pip_deadline"})
        page = client.get(reverse("monitoring:werkvoorraad")).content.decode()
    assert "Dagen tot PIP-deadline" in page
    assert page.index("Laat,") < page.index("Binnenkort,")
    assert "Te laat" in page and "9 dagen" in page


def test_days_to_the_deadline_count_in_amsterdam_around_the_dst_change(zevenaar):
    dossier = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 1, 19),
        datum_brp_inschrijving=dt.date(2026, 1, 19),
    )
    dossier.refresh_pip_deadline()
    assert dossier.pip_deadline == dt.date(2026, 3, 30)
    # 23:30 UTC on 28 March is already 29 March in Amsterdam (the night DST starts).
    with freeze_time("2026-03-28 23:30:00"):
        assert dossier.dagen_tot_pip_deadline == 1
        assert dossier.pip_deadline_status == "minder_dan_2_weken"
    with freeze_time("2026-03-30 21:59:00"):  # 23:59 summer time: still the last day
        assert dossier.dagen_tot_pip_deadline == 0
    with freeze_time("2026-03-30 22:00:00"):  # midnight in Amsterdam: too late
        assert dossier.pip_deadline_status == "te_laat"


@pytest.mark.pdf
def test_verlenging_for_many_dossiers_at_once_through_the_page(
    client_for, dossier_klaar, casusregisseur, zevenaar
):
    from tests.factories.intake import afgeronde_intake

    tweede = InburgeraarFactory(
        gemeente=zevenaar,
        datum_kennisgeving=dt.date(2026, 1, 12),
        datum_brp_inschrijving=dt.date(2026, 1, 12),
        bijstand=True,
        bijstand_start=dt.date(2026, 1, 1),
    )
    afgeronde_intake(tweede, casusregisseur)
    pip_vaststellen(dossier_klaar, casusregisseur)
    pip_vaststellen(tweede, casusregisseur)
    termijnen = list(Inburgeringstermijn.objects.order_by("pk"))
    client = client_for(casusregisseur)
    assert client.get(reverse("pip_plans:verlenging")).status_code == 200
    response = client.post(
        reverse("pip_plans:verlenging"),
        {
            "termijnen": [t.pk for t in termijnen],
            "besluitdatum": "2026-07-31",
            "maanden": "6",
            "reden": "examenvertraging",
            "duo_kenmerk": "DUO-A2-2026",
        },
    )
    assert response.status_code == 302
    for termijn in termijnen:
        before = termijn.einddatum
        termijn.refresh_from_db()
        assert termijn.einddatum == verlengd_einde(before, maanden=6)
    assert len({v.bulk_id for t in termijnen for v in t.verlengingen.all()}) == 1
    response = client.post(reverse("pip_plans:verlenging"), {"maanden": "0"})
    assert response.status_code == 400
