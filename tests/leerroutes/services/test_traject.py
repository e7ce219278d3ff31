"""The leerroutes services against the real database: assignment, trajecten that
close, afschalen on recorded hours, the participatieverklaring, fulfilment,
participation, the keten, voortgangsgesprekken, the timeline and the log, scope.

Dates: today is whatever the clock says, but the services refuse hours, exams and
signatures in the future. So the first PIP is vastgesteld with a dagtekening in the
past (DAGTEKENING, 1 March 2026; pip_vaststellen takes a dagtekening): the termijn
then starts on 2 March 2026 and the months of hours after it are behind us, so every
hour below goes through uren_vastleggen, the same service a casusregisseur uses,
and nothing is written past its rules.
"""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from intake.models import Gebeurtenis, Status
from leerroutes.models import (
    Afronding,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Organisatie,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from leerroutes.services.keten import (
    begeleiding_vastleggen,
    verwijzing_aanmaken,
    verwijzing_bijwerken,
)
from leerroutes.services.participatie import (
    activiteit_beeindigen,
    activiteit_vastleggen,
)
from leerroutes.services.pip import pip_vaststellen, pip_wijziging_starten
from leerroutes.services.traject import aanbieders_voor, traject_toewijzen
from leerroutes.services.uren import nt2_uren_keurmerk, uren_vastleggen
from leerroutes.services.voldaan import afronding_vastleggen, voldaan_toets
from leerroutes.services.voortgang import (
    voortgang_vastleggen,
    voortgangsgesprek_plannen,
    voortgangsgesprek_vastleggen,
)
from pip_plans.selectors import geldende_pip
from pip_plans.services import pip as pip_services
from tests.factories.intake import InburgeraarFactory, klaar_voor_pip
from tests.factories.leerroutes import B1_UREN, taalaanbieder
from tests.leerroutes.scenario import (
    START,
    Z_PIP,
    Z_UREN_ASIEL,
    afronding,
    examen,
    pip_vastgesteld,
    schakelen_naar_z,
    toewijzen,
    toewijzen_met,
    uren,
)
from zevenaar_inburgering.termijnen import maand_begin, maanden_later
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def gezinsmigrant(zevenaar, casusregisseur):
    dossier = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, gezinsmigrant=True
    )
    assert dossier.doelgroep == "gezinsvormer"
    assert dossier.doelgroep_categorie == "gezin_overig"
    return dossier


def gelogd(dossier, actie_naam) -> bool:
    return Verwerking.objects.filter(
        object_id=str(dossier.pk), actie_naam=actie_naam
    ).exists()


def op_tijdlijn(dossier, soort, tekst) -> bool:
    return Gebeurtenis.objects.filter(
        inburgeraar=dossier, soort=soort, omschrijving__contains=tekst
    ).exists()


# --- Assignment ----------------------------------------------------------------------


def test_assignment_starts_the_traject_with_the_contract_hours(
    dossier, casusregisseur, aanbieder
):
    pip_vastgesteld(dossier, casusregisseur)
    dossier.refresh_from_db()
    assert dossier.status == Status.PIP_VASTGESTELD
    assert not Voortgangsgesprek.objects.exists()

    # Hours left empty are the contract's (NT2, KNM) and the PIP's (PVT, MAP).
    traject = toewijzen_met(dossier, aanbieder, casusregisseur, {})

    assert (traject.aanbieder, traject.leerroute, traject.ingekocht) == (
        aanbieder,
        "b1",
        True,
    )
    assert traject.contract == aanbieder.contracten.get()
    assert traject.is_open and traject.start == START
    assert {o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()} == B1_UREN
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT
    # The first voortgangsgesprek at the PIP's interval (12 weeks) after the start.
    gesprek = Voortgangsgesprek.objects.get()
    assert gesprek.gepland_op == START + dt.timedelta(weeks=12)
    assert gesprek.gehouden_op is None
    assert op_tijdlijn(dossier, "leerroute", "Toegewezen aan Taalschool Liemers")
    assert op_tijdlijn(dossier, "leerroute", "(ingekocht)")
    verwerking = Verwerking.objects.get(
        object_id=str(dossier.pk), actie_naam="Traject toegewezen"
    )
    assert (verwerking.actor, verwerking.handeling) == (casusregisseur, "Leerroute")
    stand = Routestand.objects.get(inburgeraar=dossier)
    assert stand.uren_norm == 680  # NT2 600 + KNM 80
    assert stand.volgend_voortgangsgesprek == gesprek.gepland_op


def test_assignment_needs_a_vastgesteld_pip(dossier, casusregisseur, aanbieder):
    klaar_voor_pip(dossier, casusregisseur)
    pip_services.pip_opstellen(inburgeraar=dossier, acting_user=casusregisseur)
    with pytest.raises(ValidationError, match="Stel eerst het PIP vast"):
        toewijzen(dossier, aanbieder, casusregisseur)
    assert not Traject.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.PIP_CONCEPT


def test_assignment_refuses_an_aanbieder_without_keurmerk_or_contract(
    dossier, casusregisseur
):
    pip_vastgesteld(dossier, casusregisseur)
    zonder_keurmerk = taalaanbieder("Zonder keurmerk", keurmerk=False)
    zonder_contract = taalaanbieder("Zonder contract", contract=False)
    alleen_z = taalaanbieder("Alleen Z", route="z")
    with pytest.raises(ValidationError, match="geen geldig keurmerk") as fout:
        toewijzen(dossier, zonder_keurmerk, casusregisseur)
    assert list(fout.value.message_dict) == ["aanbieder"]
    for aanbieder in (zonder_contract, alleen_z):
        with pytest.raises(ValidationError, match="geen contract"):
            toewijzen(dossier, aanbieder, casusregisseur)
    assert not Traject.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.PIP_VASTGESTELD
    assert list(aanbieders_voor(dossier, "b1", START)) == []
    assert list(aanbieders_voor(dossier, "z", START)) == [alleen_z]


def test_expired_keurmerk_is_refused(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    verlopen = taalaanbieder("Verlopen")
    verlopen.keurmerk_geldig_tot = dt.date(2026, 1, 31)
    verlopen.save()
    with pytest.raises(ValidationError, match="geen geldig keurmerk"):
        toewijzen(dossier, verlopen, casusregisseur)
    # Valid on the last day of the keurmerk, not the day after.
    verlopen.keurmerk_geldig_tot = START - dt.timedelta(days=1)
    verlopen.save()
    with pytest.raises(ValidationError, match="geen geldig keurmerk"):
        toewijzen(dossier, verlopen, casusregisseur)
    verlopen.keurmerk_geldig_tot = START
    verlopen.save()
    assert toewijzen(dossier, verlopen, casusregisseur).aanbieder == verlopen


def test_expired_contract_is_refused(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    oud = taalaanbieder("Oud contract")
    oud.contracten.update(einde=dt.date(2026, 2, 28))
    with pytest.raises(ValidationError, match="geen contract"):
        toewijzen(dossier, oud, casusregisseur)


def test_gezinsmigrant_records_own_choice_without_purchase(zevenaar, casusregisseur):
    dossier = gezinsmigrant(zevenaar, casusregisseur)
    pip_vastgesteld(
        dossier, casusregisseur, ontzorgen=False, maatschappelijke_begeleiding=False
    )
    eigen_keuze = taalaanbieder("Eigen keuze", contract=False)
    gecontracteerd = taalaanbieder("Gecontracteerd")
    zonder_keurmerk = taalaanbieder("Zonder keurmerk", keurmerk=False, contract=False)
    # Any aanbieder with a keurmerk, contract or not; never one without.
    assert list(aanbieders_voor(dossier, "b1", START)) == [
        eigen_keuze,
        gecontracteerd,
    ]
    with pytest.raises(ValidationError, match="geen geldig keurmerk"):
        toewijzen(dossier, zonder_keurmerk, casusregisseur)

    traject = toewijzen(dossier, eigen_keuze, casusregisseur)

    assert (traject.ingekocht, traject.contract) == (False, None)
    assert {o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()} == B1_UREN
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_TRAJECT
    assert op_tijdlijn(dossier, "leerroute", "eigen keuze, niet ingekocht")


def test_gezinsmigrant_at_a_contracted_aanbieder_buys_nothing(zevenaar, casusregisseur):
    dossier = gezinsmigrant(zevenaar, casusregisseur)
    pip_vastgesteld(
        dossier, casusregisseur, ontzorgen=False, maatschappelijke_begeleiding=False
    )
    traject = toewijzen(dossier, taalaanbieder("Gecontracteerd"), casusregisseur)
    assert (traject.ingekocht, traject.contract) == (False, None)


def test_missing_planned_hours_are_refused(zevenaar, casusregisseur):
    dossier = gezinsmigrant(zevenaar, casusregisseur)
    pip_vastgesteld(
        dossier, casusregisseur, ontzorgen=False, maatschappelijke_begeleiding=False
    )
    eigen_keuze = taalaanbieder("Eigen keuze", contract=False)
    # No contract proposes NT2 and KNM hours; PVT and MAP come from the PIP.
    with pytest.raises(ValidationError) as fout:
        toewijzen_met(dossier, eigen_keuze, casusregisseur, {})
    assert set(fout.value.message_dict) == {"uren_nt2", "uren_knm"}
    assert "Vul de geplande uren in" in fout.value.message_dict["uren_nt2"][0]
    assert not Traject.objects.exists()


def test_too_few_pvt_hours_are_refused(dossier, casusregisseur, aanbieder):
    pip_vastgesteld(dossier, casusregisseur)
    with pytest.raises(ValidationError) as fout:
        toewijzen(dossier, aanbieder, casusregisseur, pvt=11)
    assert list(fout.value.message_dict) == ["uren_pvt"]
    assert "minstens 12 uur" in fout.value.message_dict["uren_pvt"][0]
    assert toewijzen(dossier, aanbieder, casusregisseur, pvt=12).is_open


def test_geplande_einde_before_start_is_refused(dossier, casusregisseur, aanbieder):
    pip_vastgesteld(dossier, casusregisseur)
    with pytest.raises(ValidationError) as fout:
        traject_toewijzen(
            inburgeraar=dossier,
            aanbieder=aanbieder,
            start=START,
            geplande_einde=START - dt.timedelta(days=1),
            uren=dict(B1_UREN),
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["geplande_einde"]


def test_z_route_for_an_asielstatushouder_plans_800_and_800_hours(
    dossier, casusregisseur
):
    pip_vastgesteld(dossier, casusregisseur, **Z_PIP)
    z_school = taalaanbieder("Z-school", route="z")
    # The contract's 600 NT2 + 80 KNM fall short and it names no participation.
    with pytest.raises(ValidationError) as fout:
        toewijzen_met(dossier, z_school, casusregisseur, {})
    assert set(fout.value.message_dict) == {"uren_nt2", "uren_participatie_z"}
    assert "minstens 800 uur NT2 en KNM" in fout.value.message_dict["uren_nt2"][0]
    with pytest.raises(ValidationError) as fout:
        toewijzen_met(
            dossier, z_school, casusregisseur, {**Z_UREN_ASIEL, "participatie_z": 799}
        )
    assert list(fout.value.message_dict) == ["uren_participatie_z"]
    assert "800 uur participatie" in fout.value.message_dict["uren_participatie_z"][0]
    with pytest.raises(ValidationError) as fout:
        toewijzen_met(dossier, z_school, casusregisseur, {**Z_UREN_ASIEL, "nt2": 719})
    assert list(fout.value.message_dict) == ["uren_nt2"]

    traject = toewijzen_met(dossier, z_school, casusregisseur, Z_UREN_ASIEL)

    assert (traject.leerroute, traject.ingekocht) == ("z", True)
    assert {
        o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()
    } == Z_UREN_ASIEL


def test_z_route_for_a_gezinsmigrant_plans_800_hours_only(zevenaar, casusregisseur):
    dossier = gezinsmigrant(zevenaar, casusregisseur)
    pip_vastgesteld(
        dossier,
        casusregisseur,
        ontzorgen=False,
        maatschappelijke_begeleiding=False,
        **Z_PIP,
    )
    eigen_keuze = taalaanbieder("Eigen keuze", contract=False)
    uren_gezin = {"nt2": 720, "knm": 80, "participatie_z": 0}
    with pytest.raises(ValidationError) as fout:
        toewijzen_met(dossier, eigen_keuze, casusregisseur, {**uren_gezin, "nt2": 700})
    assert list(fout.value.message_dict) == ["uren_nt2"]

    traject = toewijzen_met(dossier, eigen_keuze, casusregisseur, uren_gezin)

    # Participation is not required of them: no participation onderdeel.
    assert {o.onderdeel: o.geplande_uren for o in traject.onderdelen.all()} == {
        "nt2": 720,
        "knm": 80,
        "pvt": 12,
        "map": 40,
    }


# --- Trajecten that close ------------------------------------------------------------


def test_same_route_at_the_same_aanbieder_is_refused(
    in_traject, casusregisseur, aanbieder
):
    with pytest.raises(ValidationError, match="al voor de B1-route") as fout:
        toewijzen(in_traject, aanbieder, casusregisseur, start=dt.date(2026, 6, 1))
    assert list(fout.value.message_dict) == ["aanbieder"]
    assert Traject.objects.get().is_open


def test_another_aanbieder_closes_the_traject_and_keeps_history(
    in_traject, casusregisseur, aanbieder
):
    ander = taalaanbieder("Taalcentrum Oost")
    # The new traject starts after the current one.
    with pytest.raises(ValidationError) as fout:
        toewijzen(in_traject, ander, casusregisseur, start=START)
    assert list(fout.value.message_dict) == ["start"]

    toewijzen(in_traject, ander, casusregisseur, start=dt.date(2026, 6, 1))

    oud, nieuw = Traject.objects.filter(inburgeraar=in_traject).order_by("start")
    assert (oud.aanbieder, oud.einde, oud.einde_reden) == (
        aanbieder,
        dt.date(2026, 5, 31),
        "andere_aanbieder",
    )
    assert nieuw.is_open and nieuw.aanbieder == ander and nieuw.leerroute == "b1"
    assert op_tijdlijn(
        in_traject, "leerroute", "Traject bij Taalschool Liemers beëindigd"
    )
    # Still one planned voortgangsgesprek.
    assert Voortgangsgesprek.objects.filter(gehouden_op__isnull=True).count() == 1
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT


def test_schakelen_closes_the_traject_of_the_old_route(in_traject, casusregisseur):
    schakelen_naar_z(in_traject, casusregisseur)

    traject = Traject.objects.get()
    assert (traject.einde, traject.einde_reden) == (dt.date(2026, 9, 1), "schakelen")
    assert op_tijdlijn(in_traject, "leerroute", "beëindigd: andere leerroute")
    assert "geen lopend traject bij een aanbieder" in (
        Routestand.objects.get().koers_redenen
    )

    # The casusregisseur then assigns the new route; the old traject stays.
    z_school = taalaanbieder("Z-school", route="z")
    toewijzen_met(
        in_traject, z_school, casusregisseur, Z_UREN_ASIEL, start=dt.date(2026, 9, 2)
    )
    oud, nieuw = Traject.objects.order_by("start")
    assert (oud.leerroute, oud.einde_reden) == ("b1", "schakelen")
    assert (nieuw.leerroute, nieuw.aanbieder, nieuw.is_open) == ("z", z_school, True)
    assert nieuw.pip.versie == 2
    assert Routestand.objects.get().uren_norm == 800


def test_a_new_version_of_the_same_route_keeps_the_traject(in_traject, casusregisseur):
    concept = pip_wijziging_starten(
        inburgeraar=in_traject,
        reden="overig",
        toelichting="Andere ondersteuning.",
        acting_user=casusregisseur,
    )
    pip_vaststellen(
        pip=concept, acting_user=casusregisseur, dagtekening=dt.date(2026, 5, 1)
    )
    assert Traject.objects.get().is_open


# --- Afschalen on the recorded hours -------------------------------------------------


def afschalen(dossier, user):
    concept = dossier.pips.filter(status="concept").first() or pip_wijziging_starten(
        inburgeraar=dossier, reden="afschalen", toelichting="", acting_user=user
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        # A typed number of hours must not count: only the urenregistratie does.
        data={"afschalen_nt2_uren": 640, "afschalen_inzet_oordeel": "Goede inzet."},
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    return pip_vaststellen(pip=concept, acting_user=user)


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
    assert list(fout.value.message_dict) == ["uren_geroosterd"]
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
    assert op_tijdlijn(in_traject, "leerroute", "Uren NT2 (taal) 04-2026: 12")
    assert gelogd(in_traject, "Uren vastgelegd")


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


def test_b1_exams_knm_and_participatieverklaring_fulfil_the_plicht(
    in_traject, casusregisseur
):
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
    )
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
    assert stand.koers_redenen == ["inburgeringsplicht voldaan op 20-10-2026"]
    assert Examenpoging.objects.count() == 7
    assert op_tijdlijn(in_traject, "leerroute", "Inburgeringsplicht voldaan op 20-10")
    assert op_tijdlijn(in_traject, "leerroute", "Examen Spreken B1 (02-09-2026)")
    assert gelogd(in_traject, "Examen vastgelegd")


def test_voldaan_on_the_latest_date_the_participatieverklaring_last(
    in_traject, casusregisseur
):
    for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
        examen(in_traject, casusregisseur, onderdeel, "B1", dt.date(2026, 7, 1))
    examen(in_traject, casusregisseur, "knm", "", dt.date(2026, 7, 2))
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT
    uren(in_traject, casusregisseur, "pvt", 1, 12, vanaf=8)

    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 8, 20),
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
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
    )
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
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
    )
    for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
        examen(in_traject, casusregisseur, onderdeel, "A2", dt.date(2026, 10, 1))
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

    # No exams in the Z-route.
    assert not Examenpoging.objects.exists()
    dossier.refresh_from_db()
    assert dossier.status == Status.AFGEROND_VOLDAAN
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 10, 15)
    traject = Traject.objects.get()
    assert (traject.einde, traject.einde_reden) == (dt.date(2026, 10, 15), "voldaan")


# --- Participation -------------------------------------------------------------------


def test_duurzaam_werk_and_meedoen_are_derived(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "betaald_werk",
                "organisatie": "Bakkerij",
                "start": dt.date(2026, 1, 1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["uren_per_week"]
    assert not Participatieactiviteit.objects.exists()
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "vrijwilligerswerk",
            "organisatie": "Voedselbank",
            "start": dt.date(2025, 12, 1),
        },
        acting_user=casusregisseur,
    )
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "betaald_werk",
            "organisatie": "Bakkerij",
            "uren_per_week": Decimal(16),
            "start": dt.date(2026, 1, 1),
            "einde": dt.date(2026, 3, 31),
        },
        acting_user=casusregisseur,
    )
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "betaald_werk",
            "organisatie": "Distributiecentrum",
            "uren_per_week": Decimal(24),
            "start": dt.date(2026, 4, 15),  # a gap: the count starts again
        },
        acting_user=casusregisseur,
    )
    stand = Routestand.objects.get()
    assert stand.meedoen_sinds == dt.date(2025, 12, 1)  # volunteering counts
    assert stand.duurzaam_werk_sinds == dt.date(2026, 10, 14)
    assert op_tijdlijn(in_traject, "participatie", "Betaald werk bij Bakkerij")
    assert gelogd(in_traject, "Participatie vastgelegd")

    activiteit = Participatieactiviteit.objects.get(organisatie="Distributiecentrum")
    with pytest.raises(ValidationError) as fout:
        activiteit_beeindigen(
            activiteit=activiteit,
            einde=dt.date(2026, 4, 14),
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]
    activiteit_beeindigen(
        activiteit=activiteit, einde=dt.date(2026, 9, 30), acting_user=casusregisseur
    )
    activiteit.refresh_from_db()
    assert activiteit.einde == dt.date(2026, 9, 30)
    # Five and a half months of work after the gap: not duurzaam.
    assert Routestand.objects.get().duurzaam_werk_sinds is None
    assert op_tijdlijn(in_traject, "participatie", "beëindigd per 30-09-2026")
    assert gelogd(in_traject, "Participatie beëindigd")


def test_two_small_jobs_together_are_duurzaam_werk(in_traject, casusregisseur):
    for organisatie in ("Schoonmaak", "Supermarkt"):
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "betaald_werk",
                "organisatie": organisatie,
                "uren_per_week": Decimal(6),
                "start": dt.date(2026, 2, 1),
            },
            acting_user=casusregisseur,
        )
    assert Routestand.objects.get().duurzaam_werk_sinds == dt.date(2026, 7, 31)


def test_activity_ending_before_its_start_is_refused(in_traject, casusregisseur):
    with pytest.raises(ValidationError) as fout:
        activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "stage",
                "organisatie": "Gemeente",
                "start": dt.date(2026, 5, 1),
                "einde": dt.date(2026, 4, 30),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]


# --- Keten ---------------------------------------------------------------------------


def test_verwijzing_with_optimistic_locking(in_traject, casusregisseur):
    caleidoz = Organisatie.objects.create(naam="Caleidoz", soort="welzijn")
    with pytest.raises(ValidationError) as fout:
        verwijzing_aanmaken(
            inburgeraar=in_traject,
            data={
                "ketenpartner": caleidoz,
                "reden": "Taalcafé",
                "verstuurd_op": timezone.localdate() + dt.timedelta(days=1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["verstuurd_op"]
    verwijzing = verwijzing_aanmaken(
        inburgeraar=in_traject,
        data={
            "ketenpartner": caleidoz,
            "reden": "Taalcafé",
            "verstuurd_op": dt.date(2026, 5, 1),
        },
        acting_user=casusregisseur,
    )
    assert (verwijzing.status, verwijzing.status_op, verwijzing.versie) == (
        "verstuurd",
        dt.date(2026, 5, 1),
        1,
    )
    assert op_tijdlijn(in_traject, "keten", "Verwezen naar Caleidoz")
    assert gelogd(in_traject, "Verwijzing aangemaakt")

    bijgewerkt = verwijzing_bijwerken(
        verwijzing=verwijzing,
        status="geaccepteerd",
        terugkoppeling="Start in juni.",
        versie=1,
        acting_user=casusregisseur,
    )

    assert (bijgewerkt.status, bijgewerkt.status_op, bijgewerkt.versie) == (
        "geaccepteerd",
        timezone.localdate(),
        2,
    )
    assert op_tijdlijn(in_traject, "keten", "Verwijzing naar Caleidoz: geaccepteerd")
    assert gelogd(in_traject, "Verwijzing bijgewerkt")
    # A second form opened at version 1 is refused; the first answer stays.
    with pytest.raises(ValidationError, match="gewijzigd"):
        verwijzing_bijwerken(
            verwijzing=verwijzing,
            status="afgerond",
            terugkoppeling="",
            versie=1,
            acting_user=casusregisseur,
        )
    opgeslagen = Verwijzing.objects.get()
    assert (opgeslagen.status, opgeslagen.terugkoppeling, opgeslagen.versie) == (
        "geaccepteerd",
        "Start in juni.",
        2,
    )


def test_begeleiding_only_for_asielstatushouders(in_traject, casusregisseur, zevenaar):
    vwon = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort="maatschappelijke_begeleiding"
    )
    gezin = gezinsmigrant(zevenaar, casusregisseur)
    with pytest.raises(ValidationError, match="asielstatushouders"):
        begeleiding_vastleggen(
            inburgeraar=gezin,
            data={"organisatie": vwon, "start": dt.date(2026, 3, 1)},
            acting_user=casusregisseur,
        )
    assert not MaatschappelijkeBegeleiding.objects.exists()
    with pytest.raises(ValidationError) as fout:
        begeleiding_vastleggen(
            inburgeraar=in_traject,
            data={
                "organisatie": vwon,
                "start": dt.date(2026, 3, 1),
                "einde": dt.date(2026, 2, 1),
            },
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["einde"]

    begeleiding = begeleiding_vastleggen(
        inburgeraar=in_traject,
        data={
            "organisatie": vwon,
            "start": dt.date(2026, 3, 1),
            "einde": dt.date(2027, 2, 28),
            "praktische_hulp": True,
        },
        acting_user=casusregisseur,
    )

    assert [geleverd for _, geleverd in begeleiding.elementen()] == [
        True,
        False,
        False,
        False,
    ]
    assert op_tijdlijn(in_traject, "keten", "Maatschappelijke begeleiding door")
    assert gelogd(in_traject, "Begeleiding vastgelegd")


# --- Voortgangsgesprekken and progress reports ----------------------------------------


def test_voortgangsgesprek_held_plans_the_next(in_traject, casusregisseur):
    gesprek = Voortgangsgesprek.objects.get()
    with pytest.raises(ValidationError) as fout:
        voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={"gehouden_op": timezone.localdate() + dt.timedelta(days=1)},
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["gehouden_op"]

    voortgangsgesprek_vastleggen(
        gesprek=gesprek,
        data={
            "gehouden_op": dt.date(2026, 5, 20),
            "verslag": "Gaat goed.",
            "rsd_klantmanager_aanwezig": True,
        },
        acting_user=casusregisseur,
    )

    gesprek.refresh_from_db()
    assert (gesprek.gehouden_op, gesprek.verslag) == (
        dt.date(2026, 5, 20),
        "Gaat goed.",
    )
    volgende = Voortgangsgesprek.objects.get(gehouden_op__isnull=True)
    assert volgende.gepland_op == dt.date(2026, 5, 20) + dt.timedelta(weeks=12)
    assert Routestand.objects.get().volgend_voortgangsgesprek == volgende.gepland_op
    assert op_tijdlijn(in_traject, "voortgang", "volgende gepland op 12-08-2026")
    assert gelogd(in_traject, "Voortgangsgesprek vastgelegd")
    with pytest.raises(ValidationError, match="al vastgelegd"):
        voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={"gehouden_op": dt.date(2026, 5, 21)},
            acting_user=casusregisseur,
        )

    # Plannen moves the one planned meeting; there is never a second.
    voortgangsgesprek_plannen(
        inburgeraar=in_traject,
        gepland_op=dt.date(2026, 8, 1),
        acting_user=casusregisseur,
    )
    gepland = Voortgangsgesprek.objects.get(gehouden_op__isnull=True)
    assert (gepland.pk, gepland.gepland_op) == (volgende.pk, dt.date(2026, 8, 1))
    assert Routestand.objects.get().volgend_voortgangsgesprek == dt.date(2026, 8, 1)
    assert op_tijdlijn(in_traject, "voortgang", "gepland op 01-08-2026")
    assert gelogd(in_traject, "Voortgangsgesprek gepland")


def test_plannen_without_a_planned_meeting_creates_one(in_traject, casusregisseur):
    Voortgangsgesprek.objects.all().delete()
    voortgangsgesprek_plannen(
        inburgeraar=in_traject,
        gepland_op=dt.date(2026, 12, 1),
        acting_user=casusregisseur,
    )
    assert Voortgangsgesprek.objects.get().gepland_op == dt.date(2026, 12, 1)


def test_voortgangsrapportage(in_traject, casusregisseur, aanbieder):
    with pytest.raises(ValidationError) as fout:
        voortgang_vastleggen(
            inburgeraar=in_traject,
            data={"datum": timezone.localdate() + dt.timedelta(days=1)},
            acting_user=casusregisseur,
        )
    assert list(fout.value.message_dict) == ["datum"]
    rapportage = voortgang_vastleggen(
        inburgeraar=in_traject,
        data={"datum": dt.date(2026, 6, 30), "lezen": "A2", "aanwezigheid_pct": 90},
        acting_user=casusregisseur,
    )
    # Without an aanbieder named: the aanbieder of the open traject.
    assert rapportage.aanbieder == aanbieder
    assert rapportage.niveaus() == {"lezen": "A2"}
    assert op_tijdlijn(in_traject, "leerroute", "Voortgangsrapportage van")
    assert gelogd(in_traject, "Voortgangsrapportage vastgelegd")


def test_voortgangsrapportage_needs_a_traject(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    with pytest.raises(ValidationError, match="geen traject"):
        voortgang_vastleggen(
            inburgeraar=dossier,
            data={"datum": dt.date(2026, 6, 30)},
            acting_user=casusregisseur,
        )
    assert not Voortgangsrapportage.objects.exists()


def test_refused_changes_write_nothing(in_traject, casusregisseur, aanbieder):
    """A ValidationError rolls the whole service back: no row, no timeline entry,
    no log line."""
    gebeurtenissen = Gebeurtenis.objects.count()
    verwerkingen = Verwerking.objects.count()
    with pytest.raises(ValidationError):
        toewijzen(in_traject, aanbieder, casusregisseur, start=dt.date(2026, 6, 1))
    with pytest.raises(ValidationError):
        uren(in_traject, casusregisseur, "nt2", 1, 10, vanaf=1)
    assert Gebeurtenis.objects.count() == gebeurtenissen
    assert Verwerking.objects.count() == verwerkingen


# --- Scope ---------------------------------------------------------------------------


@pytest.fixture
def alles_vastgelegd(in_traject, casusregisseur):
    """One of every row, for `in_traject` (a client of `klantmanager`)."""
    uren(in_traject, casusregisseur, "nt2", 1, 40)
    examen(in_traject, casusregisseur, "lezen", "A2", dt.date(2026, 6, 1))
    activiteit_vastleggen(
        inburgeraar=in_traject,
        data={
            "soort": "vrijwilligerswerk",
            "organisatie": "Voedselbank",
            "start": dt.date(2026, 3, 1),
        },
        acting_user=casusregisseur,
    )
    voortgang_vastleggen(
        inburgeraar=in_traject,
        data={"datum": dt.date(2026, 6, 30), "lezen": "A2"},
        acting_user=casusregisseur,
    )
    partner = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort="maatschappelijke_begeleiding"
    )
    verwijzing_aanmaken(
        inburgeraar=in_traject,
        data={
            "ketenpartner": partner,
            "reden": "Begeleiding",
            "verstuurd_op": dt.date(2026, 3, 3),
        },
        acting_user=casusregisseur,
    )
    begeleiding_vastleggen(
        inburgeraar=in_traject,
        data={"organisatie": partner, "start": dt.date(2026, 3, 3)},
        acting_user=casusregisseur,
    )
    return in_traject


RSD_ZICHTBAAR = [
    Traject,
    Urenregistratie,
    Participatieactiviteit,
    Examenpoging,
    Routestand,
    Afronding,
]
NIET_VOOR_RSD = [
    Voortgangsrapportage,
    Verwijzing,
    MaatschappelijkeBegeleiding,
    Voortgangsgesprek,
]


def test_scope_of_the_querysets(
    alles_vastgelegd,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    andere_klantmanager,
    beleidsmedewerker,
    functioneel_beheerder,
):
    afronding(alles_vastgelegd, casusregisseur, map_afgerond_op=dt.date(2026, 6, 1))
    for model in RSD_ZICHTBAAR + NIET_VOOR_RSD:
        assert model.objects.exists(), model
        # The dossier roles of the gemeente see every row.
        for user in (casusregisseur, functioneel_beheerder):
            assert model.objects.visible_to(user).count() == model.objects.count()
        # Another gemeente, another klantmanager's clients, aggregates only: none.
        for user in (andere_casusregisseur, andere_klantmanager, beleidsmedewerker):
            assert not model.objects.visible_to(user).exists(), (model, user)
    for model in RSD_ZICHTBAAR:
        assert model.objects.visible_to(klantmanager).exists(), model
    for model in NIET_VOOR_RSD:
        assert not model.objects.visible_to(klantmanager).exists(), model

    # The client moves to the other klantmanager: the route goes with them.
    alles_vastgelegd.rsd_klantmanager = andere_klantmanager
    alles_vastgelegd.save()
    for model in RSD_ZICHTBAAR:
        assert model.objects.visible_to(andere_klantmanager).exists(), model
        assert not model.objects.visible_to(klantmanager).exists(), model
    for model in NIET_VOOR_RSD:
        assert not model.objects.visible_to(andere_klantmanager).exists(), model


def test_scope_keeps_gemeenten_apart(
    alles_vastgelegd, dossier_duiven, andere_casusregisseur, casusregisseur
):
    """Duiven's casusregisseur sees Duiven's rows and none of Zevenaar's."""
    pip_vastgesteld(dossier_duiven, andere_casusregisseur, ontzorgen=False)
    toewijzen(dossier_duiven, taalaanbieder("Taalhuis Duiven"), andere_casusregisseur)
    for model in (Traject, Routestand, Voortgangsgesprek):
        zichtbaar = model.objects.visible_to(andere_casusregisseur)
        assert {r.inburgeraar_id for r in zichtbaar} == {dossier_duiven.pk}
        zichtbaar = model.objects.visible_to(casusregisseur)
        assert {r.inburgeraar_id for r in zichtbaar} == {alles_vastgelegd.pk}
