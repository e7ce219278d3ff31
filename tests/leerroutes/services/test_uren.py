"""Hours against the real database: recording them month by month, the traject they
go to, and afschalen on the NT2 hours recorded at an aanbieder with a keurmerk."""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from freezegun import freeze_time

from leerroutes.models import Routestand, Traject, Urenregistratie
from leerroutes.services.pip import pip_vaststellen, pip_wijziging_starten
from leerroutes.services.uren import nt2_uren_keurmerk, uren_vastleggen
from pip_plans.selectors import geldende_pip
from tests.factories.leerroutes import taalaanbieder
from tests.leerroutes.scenario import pip_vastgesteld, toewijzen, uren
from tests.leerroutes.services.helpers import afschalen, gelogd, op_tijdlijn
from zevenaar_inburgering.termijnen import maand_begin, maanden_later

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


# --- Afschalen on the recorded hours -------------------------------------------------


# Hours up to November 2026: a day before that month refuses them as the future.
@freeze_time("2026-12-07")
def test_afschalen_needs_600_recorded_nt2_hours_at_a_keurmerk_aanbieder(
    in_traject, casusregisseur
):
    uren(in_traject, casusregisseur, "nt2", 7, 75)  # March-September
    uren(in_traject, casusregisseur, "nt2", 1, 74, vanaf=10)  # 599 hours
    assert nt2_uren_keurmerk(in_traject) == 599
    with pytest.raises(ValidationError) as fout:
        afschalen(in_traject, casusregisseur)
    assert list(fout.value.message_dict) == ["afschalen_nt2_uren"]
    assert re.search(
        r"urenregistratie: 599(,0)? uur",
        fout.value.message_dict["afschalen_nt2_uren"][0],
    )

    # The concept stays; record the missing hour and vaststellen again.
    uren(in_traject, casusregisseur, "nt2", 1, 1, vanaf=11)
    beschikking = afschalen(in_traject, casusregisseur)

    # The decision records the counted hours, not the typed 640.
    assert beschikking.pip.afschalen_nt2_uren == 600
    assert beschikking.pip.taalniveau == "A2"
    assert geldende_pip(in_traject).taalniveau == "A2"
    # Afschalen keeps the route and the traject.
    assert Traject.objects.get().is_open


def test_afschalen_needs_an_effort_judgement(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "nt2", 8, 75)
    concept = pip_wijziging_starten(
        inburgeraar=in_traject,
        reden="afschalen",
        toelichting="",
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError) as fout:
        pip_vaststellen(pip=concept, acting_user=casusregisseur)
    assert list(fout.value.message_dict) == ["afschalen_inzet_oordeel"]


def test_hours_without_keurmerk_do_not_count_for_afschalen(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    verlopen = taalaanbieder("Keurmerk verloopt")
    toewijzen(dossier, verlopen, casusregisseur)
    # The keurmerk lapses before the first month of lessons: 600 hours follow, none
    # of them in a month with a valid keurmerk.
    verlopen.keurmerk_geldig_tot = dt.date(2026, 2, 28)
    verlopen.save()
    uren(dossier, casusregisseur, "nt2", 8, 75)
    assert Urenregistratie.objects.filter(onderdeel="nt2").count() == 8
    assert not Urenregistratie.objects.filter(keurmerk=True).exists()
    assert nt2_uren_keurmerk(dossier) == 0

    with pytest.raises(ValidationError) as fout:
        afschalen(dossier, casusregisseur)  # with 640 typed in the concept

    assert re.search(
        r"urenregistratie: 0(,0)? uur", fout.value.message_dict["afschalen_nt2_uren"][0]
    )
    assert geldende_pip(dossier).taalniveau == "B1"


def test_only_the_keurmerk_months_count_for_afschalen(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    aanbieder = taalaanbieder("Keurmerk tot juni")
    toewijzen(dossier, aanbieder, casusregisseur)
    aanbieder.keurmerk_geldig_tot = dt.date(2026, 6, 15)  # June still counts
    aanbieder.save()
    uren(dossier, casusregisseur, "nt2", 8, 75)  # March-October
    assert nt2_uren_keurmerk(dossier) == 4 * 75
    with pytest.raises(ValidationError, match=r"urenregistratie: 300(,0)? uur"):
        afschalen(dossier, casusregisseur)


# --- Hours ---------------------------------------------------------------------------


def test_manual_hours_rules(in_traject, casusregisseur):
    def vastleggen(maand, aanwezig, geroosterd=None):
        uren_vastleggen(
            inburgeraar=in_traject,
            onderdeel="nt2",
            maand=maand,
            uren_aanwezig=Decimal(aanwezig),
            uren_geroosterd=geroosterd,
            acting_user=casusregisseur,
        )

    volgende_maand = maanden_later(maand_begin(timezone.localdate()), 1)
    with pytest.raises(ValidationError) as fout:
        vastleggen(volgende_maand, 10)
    assert list(fout.value.message_dict) == ["maand"]
    with pytest.raises(ValidationError) as fout:
        vastleggen(dt.date(2026, 4, 1), 10, Decimal(8))
    assert list(fout.value.message_dict) == ["uren_geroosterd_nt2"]  # the form's row
    with pytest.raises(ValidationError, match="geen traject") as fout:
        vastleggen(dt.date(2026, 2, 1), 10)  # the traject starts 2 March
    assert list(fout.value.message_dict) == ["maand"]
    assert not Urenregistratie.objects.exists()

    # The current month is allowed; any day of a month is that month.
    vastleggen(timezone.localdate(), 4)
    vastleggen(dt.date(2026, 4, 15), 10, Decimal(10))
    vastleggen(dt.date(2026, 4, 1), 12, Decimal(16))  # the same month replaces
    vastleggen(dt.date(2026, 4, 1), 12, Decimal(16))  # and repeating changes nothing

    april = Urenregistratie.objects.get(maand=dt.date(2026, 4, 1))
    assert (april.uren_aanwezig, april.uren_geroosterd) == (12, 16)
    assert (april.aanbieder, april.keurmerk, april.bron) == (
        Traject.objects.get().aanbieder,
        True,
        "handmatig",
    )
    assert Urenregistratie.objects.count() == 2
    assert Routestand.objects.get().uren_gevolgd == 16
    assert op_tijdlijn(in_traject, "leerroute", "Uren april 2026: NT2 (taal) 12 aanw")
    assert gelogd(in_traject, "Uren vervangen (NT2 (taal), april 2026)")


def test_hours_need_a_traject_that_ran_in_that_month(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    # The traject starts on the first of April: it did not run in March.
    toewijzen(dossier, taalaanbieder(), casusregisseur, start=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="geen traject"):
        uren(dossier, casusregisseur, "nt2", 1, 10, vanaf=3)
    uren(dossier, casusregisseur, "nt2", 1, 10, vanaf=4)
    assert Urenregistratie.objects.get().maand == dt.date(2026, 4, 1)


def test_hours_go_to_the_traject_of_that_month(in_traject, casusregisseur, aanbieder):
    ander = taalaanbieder("Taalcentrum Oost")
    toewijzen(in_traject, ander, casusregisseur, start=dt.date(2026, 6, 1))
    uren(in_traject, casusregisseur, "nt2", 2, 40, vanaf=4)  # April, May
    uren(in_traject, casusregisseur, "nt2", 1, 30, vanaf=6)  # June
    oud, nieuw = Traject.objects.order_by("start")
    assert sorted(
        (u.maand.month, u.aanbieder.naam, u.traject_id)
        for u in Urenregistratie.objects.all()
    ) == [
        (4, aanbieder.naam, oud.pk),
        (5, aanbieder.naam, oud.pk),
        (6, ander.naam, nieuw.pk),
    ]
