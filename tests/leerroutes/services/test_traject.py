"""The traject services against the real database: assignment to a taalaanbieder (the
keurmerk, the contract, the planned hours, the gezinsmigrant's own choice, the
Z-route's hours) and the trajecten that close when another starts."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from intake.models import Status
from leerroutes.models import Routestand, Traject, Voortgangsgesprek
from leerroutes.services.pip import pip_vaststellen, pip_wijziging_starten
from leerroutes.services.traject import aanbieders_voor, traject_toewijzen
from pip_plans.services import pip as pip_services
from tests.factories.intake import klaar_voor_pip
from tests.factories.leerroutes import B1_UREN, taalaanbieder
from tests.leerroutes.scenario import (
    START,
    Z_PIP,
    Z_UREN_ASIEL,
    pip_vastgesteld,
    schakelen_naar_z,
    toewijzen,
    toewijzen_met,
)
from tests.leerroutes.services.helpers import gezinsmigrant, op_tijdlijn
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


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
