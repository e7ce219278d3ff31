"""The participatieverklaring, exams and the afronding against the real database,
and the day the inburgeringsplicht is voldaan in each route."""

import datetime as dt
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

import pytest
from freezegun import freeze_time

from intake.models import Status, StatusBron, Statuswijziging
from leerroutes.models import (
    Afronding,
    Examenpoging,
    Routestand,
    Traject,
    Voortgangsgesprek,
)
from leerroutes.services.voldaan import afronding_vastleggen, voldaan_toets
from pip_plans.selectors import geldende_pip
from tests.factories.leerroutes import taalaanbieder
from tests.leerroutes.scenario import (
    Z_PIP,
    Z_UREN_ASIEL,
    afronding,
    examen,
    participatieverklaring,
    pip_vastgesteld,
    taalexamens,
    toewijzen_met,
    uren,
)
from tests.leerroutes.services.helpers import afschalen, gelogd, op_tijdlijn

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


# --- Participatieverklaring ----------------------------------------------------------


def test_participatieverklaring_needs_12_pvt_hours(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 1, 40)  # NT2 hours are no PVT hours
    uren(in_traject, casusregisseur, "pvt", 1, 8)
    with pytest.raises(ValidationError, match="minstens 12 uur") as fout:
        afronding(
            in_traject,
            casusregisseur,
            participatieverklaring_getekend_op=dt.date(2026, 4, 2),
        )
    assert "gevolgd: 8 uur" in str(fout.value)
    assert not Afronding.objects.exists()
    uren(in_traject, casusregisseur, "pvt", 2, 6)  # March replaced, April added: 12

    gedaan = afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 30),
    )

    assert gedaan.participatieverklaring_getekend_op == dt.date(2026, 4, 30)
    assert gedaan.versie == 2
    assert op_tijdlijn(in_traject, "leerroute", "participatieverklaring ondertekend")
    assert gelogd(in_traject, "Afronding vastgelegd")
    # Optimistic locking: a form opened at version 1 is refused.
    with pytest.raises(ValidationError, match="gewijzigd"):
        afronding_vastleggen(
            inburgeraar=in_traject,
            data={"map_afgerond_op": dt.date(2026, 5, 1)},
            versie=1,
            acting_user=casusregisseur,
        )
    assert Afronding.objects.get().map_afgerond_op is None


def test_afronding_dates_in_the_future_are_refused(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    morgen = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        afronding(
            in_traject,
            casusregisseur,
            participatieverklaring_getekend_op=morgen,
            map_afgerond_op=morgen,
        )
    assert set(fout.value.message_dict) == {
        "participatieverklaring_getekend_op",
        "map_afgerond_op",
    }
    # Nothing is written, not even the empty Afronding.
    assert not Afronding.objects.exists()
    vandaag = timezone.localdate()
    assert (
        afronding(
            in_traject, casusregisseur, participatieverklaring_getekend_op=vandaag
        ).participatieverklaring_getekend_op
        == vandaag
    )


def test_onderwijsroute_result_needs_a_description(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        afronding(
            in_traject,
            casusregisseur,
            onderwijsroute_resultaat_op=dt.date(2026, 6, 1),
            onderwijsroute_resultaat="  ",
        )
    assert list(fout.value.message_dict) == ["onderwijsroute_resultaat"]


# --- Fulfilment ----------------------------------------------------------------------


@freeze_time("2026-11-02 10:00:00")  # after the exams: the event's date is in the past
def test_b1_exams_knm_and_participatieverklaring_fulfil_the_plicht(
    in_traject, casusregisseur
):
    participatieverklaring(in_traject, casusregisseur)
    examen(in_traject, casusregisseur, "lezen", "A2", dt.date(2026, 9, 1))  # < B1
    examen(in_traject, casusregisseur, "spreken", "B1", dt.date(2026, 9, 2), False)
    for onderdeel, niveau, datum in [
        ("lezen", "B1", dt.date(2026, 10, 1)),
        ("luisteren", "B1", dt.date(2026, 10, 2)),
        ("schrijven", "B2", dt.date(2026, 10, 3)),  # higher counts for B1
        ("spreken", "B1", dt.date(2026, 10, 4)),
    ]:
        examen(in_traject, casusregisseur, onderdeel, niveau, datum)
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT  # KNM still missing
    assert Afronding.objects.get().voldaan_op is None
    assert Traject.objects.get().is_open

    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 10, 20))

    in_traject.refresh_from_db()
    assert in_traject.status == Status.AFGEROND_VOLDAAN
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 10, 20)
    traject = Traject.objects.get()
    assert (traject.einde, traject.einde_reden) == (dt.date(2026, 10, 20), "voldaan")
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=True).exists()
    stand = Routestand.objects.get()
    assert stand.koers == ""
    assert stand.koers_redenen == ["inburgeringsplicht voldaan op 20 oktober 2026"]
    assert Examenpoging.objects.count() == 7
    # The rule's status event, on the timeline with its date and source.
    wijziging = Statuswijziging.objects.get(inburgeraar=in_traject)
    assert (wijziging.status, wijziging.datum, wijziging.bron) == (
        Status.AFGEROND_VOLDAAN,
        dt.date(2026, 10, 20),
        StatusBron.REGEL,
    )
    assert op_tijdlijn(in_traject, "status", wijziging.omschrijving)
    assert op_tijdlijn(in_traject, "leerroute", "Examen Spreken B1 (2 september 2026)")
    assert gelogd(in_traject, "Examen vastgelegd")


def test_voldaan_on_the_latest_date_the_participatieverklaring_last(
    in_traject, casusregisseur
):
    taalexamens(in_traject, casusregisseur, "B1", dt.date(2026, 7, 1))
    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 7, 2))
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT
    uren(in_traject, casusregisseur, "pvt", 1, 12, vanaf=8)

    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 8, 20),
        map_afgerond_op=dt.date(2026, 8, 1),
    )

    assert Afronding.objects.get().voldaan_op == dt.date(2026, 8, 20)
    in_traject.refresh_from_db()
    assert in_traject.status == Status.AFGEROND_VOLDAAN
    assert Traject.objects.get().einde == dt.date(2026, 8, 20)
    # A later exam changes nothing: voldaan stays on its day.
    examen(in_traject, casusregisseur, "spreken", "B2", dt.date(2026, 10, 1))
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 8, 20)


def test_exam_rules(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        examen(in_traject, casusregisseur, "lezen", "", dt.date(2026, 9, 1))
    assert list(fout.value.message_dict) == ["niveau"]
    with pytest.raises(ValidationError) as fout:
        examen(
            in_traject,
            casusregisseur,
            "knm",
            "",
            timezone.localdate() + dt.timedelta(days=1),
        )
    assert list(fout.value.message_dict) == ["datum"]
    assert not Examenpoging.objects.exists()


def test_a2_goal_after_afschalen_accepts_a2_exams(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 8, 75)  # 600 hours, March-October
    participatieverklaring(in_traject, casusregisseur)
    afschalen(in_traject, casusregisseur)
    assert geldende_pip(in_traject).taalniveau == "A2"

    examen(in_traject, casusregisseur, "lezen", "A1", dt.date(2026, 11, 2))  # < A2
    for dag, onderdeel in enumerate(
        ("luisteren", "schrijven", "spreken", "lezen"), start=3
    ):
        examen(in_traject, casusregisseur, onderdeel, "A2", dt.date(2026, 11, dag))
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT
    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 11, 10))

    in_traject.refresh_from_db()
    assert in_traject.status == Status.AFGEROND_VOLDAAN
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 11, 10)
    assert Traject.objects.get().einde_reden == "voldaan"


def test_a2_exams_do_not_fulfil_the_b1_goal(in_traject, casusregisseur):
    participatieverklaring(in_traject, casusregisseur)
    taalexamens(in_traject, casusregisseur, "A2", dt.date(2026, 10, 1))
    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 10, 2))
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT
    assert voldaan_toets(in_traject).voldaan is False


def test_z_route_ends_with_the_eindgesprek_and_the_participatieverklaring(
    dossier, casusregisseur
):
    pip_vastgesteld(dossier, casusregisseur, **Z_PIP)
    z_school = taalaanbieder("Z-school", route="z")
    toewijzen_met(dossier, z_school, casusregisseur, Z_UREN_ASIEL)
    uren(dossier, casusregisseur, "pvt", 1, 12)
    afronding(
        dossier,
        casusregisseur,
        z_eindgesprek_op=dt.date(2026, 10, 1),
        z_eindgesprek_verslag="Redt zich goed in het dagelijks leven.",
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT  # no participatieverklaring yet

    afronding(
        dossier,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 10, 15),
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT  # the MAP is part of the plicht too
    assert voldaan_toets(dossier).redenen == ("MAP nog niet afgerond.",)

    afronding(dossier, casusregisseur, map_afgerond_op=dt.date(2026, 10, 12))

    # No exams in the Z-route.
    assert not Examenpoging.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.AFGEROND_VOLDAAN
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 10, 15)
    traject = Traject.objects.get()
    assert (traject.einde, traject.einde_reden) == (dt.date(2026, 10, 15), "voldaan")


def test_voldaan_without_map_is_listed_for_review_and_not_changed(
    in_traject, casusregisseur
):
    """Recorded as voldaan before the MAP became a condition: listed by
    `manage.py voldaan_zonder_map`, the dossier itself untouched."""
    Afronding.objects.create(
        inburgeraar=in_traject,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
        voldaan_op=dt.date(2026, 10, 20),
    )
    uitvoer = StringIO()
    call_command("voldaan_zonder_map", stdout=uitvoer)
    assert str(in_traject.pk) in uitvoer.getvalue()
    assert "1 dossier(s) ter controle." in uitvoer.getvalue()
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 10, 20)

    Afronding.objects.update(map_afgerond_op=dt.date(2026, 9, 1))
    uitvoer = StringIO()
    call_command("voldaan_zonder_map", stdout=uitvoer)
    assert "0 dossier(s) ter controle." in uitvoer.getvalue()
