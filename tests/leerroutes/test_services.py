"""The leerroutes services against the real database: assignment, trajecten that
close, afschalen on recorded hours, the participatieverklaring, fulfilment, scope."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from intake.models import Status
from leerroutes import services
from leerroutes.models import (
    Afronding,
    Examenpoging,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
)
from pip_plans import services as pip_services
from tests.factories import InburgeraarFactory
from tests.leerroutes.conftest import B1_UREN, taalaanbieder
from tests.pip_plans.conftest import complete_pip_data, klaar_voor_pip
from zevenaar_inburgering.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db

DAGTEKENING = dt.date(2026, 3, 1)  # the termijn starts 2 March 2026


def pip_vastgesteld(dossier, user, **changes):
    """The first PIP vastgesteld on DAGTEKENING, so months of hours lie behind it."""
    klaar_voor_pip(dossier, user)
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=user)
    pip = pip_services.pip_bewerken(
        pip=pip,
        data=complete_pip_data(**changes),
        bewerkversie=pip.bewerkversie,
        acting_user=user,
    )
    return pip_services.pip_vaststellen(
        pip=pip, acting_user=user, dagtekening=DAGTEKENING
    )


def toewijzen(dossier, aanbieder, user, start=dt.date(2026, 3, 2), **uren):
    return services.traject_toewijzen(
        inburgeraar=dossier,
        aanbieder=aanbieder,
        start=start,
        geplande_einde=dt.date(2029, 3, 1),
        uren={**B1_UREN, **uren},
        acting_user=user,
    )


def uren(dossier, user, onderdeel, maanden, per_maand):
    for maand in range(3, 3 + maanden):
        services.uren_vastleggen(
            inburgeraar=dossier,
            onderdeel=onderdeel,
            maand=dt.date(2026, maand, 1),
            uren_aanwezig=Decimal(per_maand),
            uren_geroosterd=None,
            acting_user=user,
        )


@pytest.fixture
def in_traject(dossier, casusregisseur, aanbieder):
    pip_vastgesteld(dossier, casusregisseur)
    toewijzen(dossier, aanbieder, casusregisseur)
    return dossier


def test_assignment_starts_the_traject(in_traject, aanbieder):
    traject = Traject.objects.get()
    assert (traject.aanbieder, traject.ingekocht, traject.contract is not None) == (
        aanbieder,
        True,
        True,
    )
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT
    gesprek = Voortgangsgesprek.objects.get()
    assert gesprek.gepland_op == dt.date(2026, 3, 2) + dt.timedelta(weeks=12)
    assert in_traject.gebeurtenissen.filter(soort="leerroute").exists()
    assert Verwerking.objects.filter(actie_naam="Traject toegewezen").exists()


def test_assignment_refuses_an_aanbieder_without_keurmerk_or_contract(
    dossier, casusregisseur
):
    pip_vastgesteld(dossier, casusregisseur)
    zonder_keurmerk = taalaanbieder("Zonder keurmerk", keurmerk=False)
    zonder_contract = taalaanbieder("Zonder contract", contract=False)
    alleen_z = taalaanbieder("Alleen Z", route="z")
    with pytest.raises(ValidationError, match="geen geldig keurmerk"):
        toewijzen(dossier, zonder_keurmerk, casusregisseur)
    for aanbieder in (zonder_contract, alleen_z):
        with pytest.raises(ValidationError, match="geen contract"):
            toewijzen(dossier, aanbieder, casusregisseur)
    assert not Traject.objects.exists()
    assert list(services.aanbieders_voor(dossier, "b1", dt.date(2026, 3, 2))) == []


def test_expired_keurmerk_is_refused(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    verlopen = taalaanbieder("Verlopen")
    verlopen.keurmerk_geldig_tot = dt.date(2026, 1, 31)
    verlopen.save()
    with pytest.raises(ValidationError, match="geen geldig keurmerk"):
        toewijzen(dossier, verlopen, casusregisseur)


def test_gezinsmigrant_records_own_choice_without_purchase(zevenaar, casusregisseur):
    dossier = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, gezinsmigrant=True
    )
    pip_vastgesteld(dossier, casusregisseur, ontzorgen=False)
    eigen_keuze = taalaanbieder("Eigen keuze", contract=False)
    traject = toewijzen(dossier, eigen_keuze, casusregisseur)
    assert (traject.ingekocht, traject.contract) == (False, None)


def test_too_few_pvt_hours_are_refused(dossier, casusregisseur, aanbieder):
    pip_vastgesteld(dossier, casusregisseur)
    with pytest.raises(ValidationError) as fout:
        toewijzen(dossier, aanbieder, casusregisseur, pvt=8)
    assert "uren_pvt" in fout.value.message_dict


def test_another_aanbieder_closes_the_traject_and_keeps_history(
    in_traject, casusregisseur, aanbieder
):
    with pytest.raises(ValidationError, match="al voor de"):
        toewijzen(in_traject, aanbieder, casusregisseur, start=dt.date(2026, 6, 1))
    ander = taalaanbieder("Taalcentrum Oost")
    toewijzen(in_traject, ander, casusregisseur, start=dt.date(2026, 6, 1))
    oud, nieuw = Traject.objects.order_by("start")
    assert (oud.einde, oud.einde_reden) == (dt.date(2026, 5, 31), "andere_aanbieder")
    assert nieuw.is_open and nieuw.aanbieder == ander


def test_schakelen_closes_the_traject_of_the_old_route(in_traject, casusregisseur):
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=in_traject,
        reden="schakelen",
        toelichting="",
        acting_user=casusregisseur,
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        data=complete_pip_data(
            leerroute="z",
            taalniveau="A1",
            knm_vorm="cursus",
            reden_afwijzing_z="",
            reden_afwijzing_b1="B1 blijkt te hoog gegrepen.",
        ),
        bewerkversie=concept.bewerkversie,
        acting_user=casusregisseur,
    )
    pip_services.pip_vaststellen(
        pip=concept, acting_user=casusregisseur, dagtekening=dt.date(2026, 9, 1)
    )
    traject = Traject.objects.get()
    assert (traject.einde, traject.einde_reden) == (dt.date(2026, 9, 1), "schakelen")


def afschalen(dossier, user):
    concept = pip_services.pip_wijziging_starten(
        inburgeraar=dossier, reden="afschalen", toelichting="", acting_user=user
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        # A typed number of hours must not count: only the urenregistratie does.
        data={"afschalen_nt2_uren": 640, "afschalen_inzet_oordeel": "Goede inzet."},
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    return pip_services.pip_vaststellen(pip=concept, acting_user=user)


def test_afschalen_needs_600_recorded_nt2_hours_at_a_keurmerk_aanbieder(
    in_traject, casusregisseur
):
    uren(in_traject, casusregisseur, "nt2", 8, "74.875")  # 599 hours
    with pytest.raises(ValidationError, match="599"):
        afschalen(in_traject, casusregisseur)
    # The concept stays; record the missing hour and vaststellen again.
    services.uren_vastleggen(
        inburgeraar=in_traject,
        onderdeel="nt2",
        maand=dt.date(2026, 11, 1),
        uren_aanwezig=Decimal(1),
        uren_geroosterd=None,
        acting_user=casusregisseur,
    )
    concept = in_traject.pips.get(status="concept")
    beschikking = pip_services.pip_vaststellen(pip=concept, acting_user=casusregisseur)
    assert beschikking.pip.afschalen_nt2_uren == 600
    assert beschikking.pip.taalniveau == "A2"


def test_hours_without_keurmerk_do_not_count_for_afschalen(dossier, casusregisseur):
    pip_vastgesteld(dossier, casusregisseur)
    geldig = taalaanbieder("Geldig tot maart")
    toewijzen(dossier, geldig, casusregisseur)
    # The keurmerk lapses after the assignment: later hours are not keurmerk hours.
    geldig.keurmerk_geldig_tot = dt.date(2026, 3, 31)
    geldig.save()
    uren(dossier, casusregisseur, "nt2", 8, 80)
    assert services.nt2_uren_keurmerk(dossier) == 80
    with pytest.raises(ValidationError, match="minstens 600 uur NT2"):
        afschalen(dossier, casusregisseur)


def test_manual_hours_rules(in_traject, casusregisseur):
    def vastleggen(maand, aanwezig, geroosterd=None):
        services.uren_vastleggen(
            inburgeraar=in_traject,
            onderdeel="nt2",
            maand=maand,
            uren_aanwezig=Decimal(aanwezig),
            uren_geroosterd=geroosterd,
            acting_user=casusregisseur,
        )

    with pytest.raises(ValidationError) as fout:
        vastleggen(dt.date(2099, 1, 1), 10)
    assert "maand" in fout.value.message_dict
    with pytest.raises(ValidationError, match="geroosterd"):
        vastleggen(dt.date(2026, 4, 1), 10, Decimal(8))
    with pytest.raises(ValidationError, match="geen traject"):
        vastleggen(dt.date(2026, 1, 1), 10)
    vastleggen(dt.date(2026, 4, 15), 10)
    vastleggen(dt.date(2026, 4, 1), 12)
    assert Urenregistratie.objects.get().uren_aanwezig == 12


def afronding(dossier, user, **data):
    huidig = Afronding.objects.filter(inburgeraar=dossier).first()
    return services.afronding_vastleggen(
        inburgeraar=dossier,
        data=data,
        versie=huidig.versie if huidig else 1,
        acting_user=user,
    )


def test_participatieverklaring_needs_12_pvt_hours(in_traject, casusregisseur):
    uren(in_traject, casusregisseur, "pvt", 1, 8)
    with pytest.raises(ValidationError, match="minstens 12 uur"):
        afronding(
            in_traject,
            casusregisseur,
            participatieverklaring_getekend_op=dt.date(2026, 4, 2),
        )
    uren(in_traject, casusregisseur, "pvt", 2, 6)  # March replaced, April added: 12
    gedaan = afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 30),
    )
    assert gedaan.participatieverklaring_getekend_op == dt.date(2026, 4, 30)
    with pytest.raises(ValidationError, match="gewijzigd"):
        services.afronding_vastleggen(
            inburgeraar=in_traject,
            data={"map_afgerond_op": dt.date(2026, 5, 1)},
            versie=1,
            acting_user=casusregisseur,
        )


def test_b1_exams_knm_and_participatieverklaring_fulfil_the_plicht(
    in_traject, casusregisseur
):
    uren(in_traject, casusregisseur, "pvt", 1, 12)
    afronding(
        in_traject,
        casusregisseur,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
    )
    services.examen_vastleggen(
        inburgeraar=in_traject,
        onderdeel="lezen",
        niveau="A2",
        datum=dt.date(2026, 9, 1),
        geslaagd=True,
        cijfer="",
        acting_user=casusregisseur,
    )  # A2 is below the B1 goal
    for onderdeel, niveau, datum in [
        ("lezen", "B1", dt.date(2026, 10, 1)),
        ("luisteren", "B1", dt.date(2026, 10, 2)),
        ("schrijven", "B2", dt.date(2026, 10, 3)),
        ("spreken", "B1", dt.date(2026, 10, 4)),
    ]:
        services.examen_vastleggen(
            inburgeraar=in_traject,
            onderdeel=onderdeel,
            niveau=niveau,
            datum=datum,
            geslaagd=True,
            cijfer="",
            acting_user=casusregisseur,
        )
    in_traject.refresh_from_db()
    assert in_traject.status == Status.IN_TRAJECT  # KNM still missing
    services.examen_vastleggen(
        inburgeraar=in_traject,
        onderdeel="knm",
        niveau="",
        datum=dt.date(2026, 10, 20),
        geslaagd=True,
        cijfer="",
        acting_user=casusregisseur,
    )
    in_traject.refresh_from_db()
    assert in_traject.status == Status.AFGEROND_VOLDAAN
    assert Afronding.objects.get().voldaan_op == dt.date(2026, 10, 20)
    assert Traject.objects.get().einde_reden == "voldaan"
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=True).exists()
    stand = Routestand.objects.get()
    assert stand.koers == "" and "voldaan" in stand.koers_redenen[0]
    assert Examenpoging.objects.count() == 6


def test_duurzaam_werk_and_meedoen_are_derived(in_traject, casusregisseur):
    with pytest.raises(ValidationError, match="uren per week"):
        services.activiteit_vastleggen(
            inburgeraar=in_traject,
            data={
                "soort": "betaald_werk",
                "organisatie": "Bakkerij",
                "start": dt.date(2026, 1, 1),
            },
            acting_user=casusregisseur,
        )
    services.activiteit_vastleggen(
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
    services.activiteit_vastleggen(
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
    assert stand.meedoen_sinds == dt.date(2026, 1, 1)
    assert stand.duurzaam_werk_sinds == dt.date(2026, 10, 14)
    activiteit = Participatieactiviteit.objects.get(organisatie="Distributiecentrum")
    services.activiteit_beeindigen(
        activiteit=activiteit, einde=dt.date(2026, 9, 30), acting_user=casusregisseur
    )
    assert Routestand.objects.get().duurzaam_werk_sinds is None


def test_verwijzing_and_begeleiding(in_traject, casusregisseur, zevenaar):
    from leerroutes.models import Organisatie

    caleidoz = Organisatie.objects.create(naam="Caleidoz", soort="welzijn")
    verwijzing = services.verwijzing_aanmaken(
        inburgeraar=in_traject,
        data={
            "ketenpartner": caleidoz,
            "reden": "Taalcafé",
            "verstuurd_op": dt.date(2026, 5, 1),
        },
        acting_user=casusregisseur,
    )
    services.verwijzing_bijwerken(
        verwijzing=verwijzing,
        status="geaccepteerd",
        terugkoppeling="Start in juni.",
        versie=1,
        acting_user=casusregisseur,
    )
    with pytest.raises(ValidationError, match="gewijzigd"):
        services.verwijzing_bijwerken(
            verwijzing=verwijzing,
            status="afgerond",
            terugkoppeling="",
            versie=1,
            acting_user=casusregisseur,
        )
    assert Verwijzing.objects.get().status == "geaccepteerd"

    vwon = Organisatie.objects.create(
        naam="Vluchtelingenwerk", soort="maatschappelijke_begeleiding"
    )
    gezin = InburgeraarFactory(gemeente=zevenaar, gezinsmigrant=True)
    with pytest.raises(ValidationError, match="asielstatushouders"):
        services.begeleiding_vastleggen(
            inburgeraar=gezin,
            data={"organisatie": vwon, "start": dt.date(2026, 3, 1)},
            acting_user=casusregisseur,
        )
    begeleiding = services.begeleiding_vastleggen(
        inburgeraar=in_traject,
        data={
            "organisatie": vwon,
            "start": dt.date(2026, 3, 1),
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


def test_voortgangsgesprek_held_plans_the_next(in_traject, casusregisseur):
    gesprek = Voortgangsgesprek.objects.get()
    services.voortgangsgesprek_vastleggen(
        gesprek=gesprek,
        data={"gehouden_op": dt.date(2026, 5, 20), "verslag": "Gaat goed."},
        acting_user=casusregisseur,
    )
    volgende = Voortgangsgesprek.objects.get(gehouden_op__isnull=True)
    assert volgende.gepland_op == dt.date(2026, 5, 20) + dt.timedelta(weeks=12)
    services.voortgangsgesprek_plannen(
        inburgeraar=in_traject,
        gepland_op=dt.date(2026, 8, 1),
        acting_user=casusregisseur,
    )
    assert Voortgangsgesprek.objects.filter(gehouden_op__isnull=True).count() == 1
    assert Routestand.objects.get().volgend_voortgangsgesprek == dt.date(2026, 8, 1)


def test_scope_of_the_querysets(
    in_traject,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    andere_klantmanager,
    beleidsmedewerker,
):
    uren(in_traject, casusregisseur, "nt2", 1, 40)
    rsd_zichtbaar = [Traject, Urenregistratie, Routestand]
    for model in rsd_zichtbaar:
        assert model.objects.visible_to(casusregisseur).exists()
        assert model.objects.visible_to(klantmanager).exists()  # their own client
        for user in (andere_casusregisseur, andere_klantmanager, beleidsmedewerker):
            assert not model.objects.visible_to(user).exists(), (model, user)
    assert Voortgangsgesprek.objects.visible_to(casusregisseur).exists()
    assert not Voortgangsgesprek.objects.visible_to(klantmanager).exists()
