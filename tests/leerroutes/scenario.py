"""The leerroutes test scenario: the first PIP vastgesteld on DAGTEKENING (1 March
2026) so that the termijn (2 March 2026 – 1 March 2029) and the months of hours
after it lie in the past, and every hour, exam and signature goes through the same
services a casusregisseur uses."""

import datetime as dt
from decimal import Decimal

from leerroutes.models import Afronding
from leerroutes.services.participatie import activiteit_vastleggen
from leerroutes.services.pip import pip_wijziging_starten
from leerroutes.services.traject import traject_toewijzen
from leerroutes.services.uren import uren_vastleggen
from leerroutes.services.voldaan import afronding_vastleggen, examen_vastleggen
from tests.factories.intake import klaar_voor_pip
from tests.factories.leerroutes import B1_UREN
from tests.factories.pip_plans import concept_vaststellen, pip_vaststellen

DAGTEKENING = dt.date(2026, 3, 1)  # the termijn starts 2 March 2026
START = dt.date(2026, 3, 2)
# A Z-route PIP (first version): content that passes pip_plans.rules.pip_fouten.
Z_PIP = {
    "leerroute": "z",
    "taalniveau": "A1",
    "knm_vorm": "cursus",
    "reden_afwijzing_z": "",
    "reden_afwijzing_b1": "Leerbaarheidstoets wijst op de Z-route.",
}
# Planned hours of a Z-route traject for an asielstatushouder: 800 NT2 and KNM
# together and 800 participation (Besluit art. 3.14).
Z_UREN_ASIEL = {"nt2": 720, "knm": 80, "participatie_z": 800, "pvt": 12, "map": 40}


def pip_vastgesteld(dossier, user, **changes):
    """The first PIP vastgesteld on DAGTEKENING, so months of hours lie behind it."""
    klaar_voor_pip(dossier, user)
    return pip_vaststellen(dossier, user, dagtekening=DAGTEKENING, **changes)


def toewijzen_met(dossier, aanbieder, user, uren, start=START):
    """Assign with exactly these planned hours (None or missing: the proposal)."""
    return traject_toewijzen(
        inburgeraar=dossier,
        aanbieder=aanbieder,
        start=start,
        geplande_einde=dt.date(2029, 3, 1),
        uren=uren,
        acting_user=user,
    )


def toewijzen(dossier, aanbieder, user, start=START, **uren):
    return toewijzen_met(dossier, aanbieder, user, {**B1_UREN, **uren}, start=start)


def uren(dossier, user, onderdeel, maanden, per_maand, vanaf=3):
    """`per_maand` hours in each of `maanden` months of 2026 from month `vanaf`."""
    for maand in range(vanaf, vanaf + maanden):
        uren_vastleggen(
            inburgeraar=dossier,
            onderdeel=onderdeel,
            maand=dt.date(2026, maand, 1),
            uren_aanwezig=Decimal(per_maand),
            uren_geroosterd=None,
            acting_user=user,
        )


def examen(dossier, user, onderdeel, niveau, datum, geslaagd=True):
    return examen_vastleggen(
        inburgeraar=dossier,
        onderdeel=onderdeel,
        niveau=niveau,
        datum=datum,
        geslaagd=geslaagd,
        cijfer="",
        acting_user=user,
    )


def participatieverklaring(dossier, user):
    """12 PVT hours in March 2026, then the participatieverklaring signed on 2 April
    and the MAP completed on 1 April (both part of the plicht in the B1- and
    Z-route, DOMAIN §13.5)."""
    uren(dossier, user, "pvt", 1, 12)
    return afronding(
        dossier,
        user,
        participatieverklaring_getekend_op=dt.date(2026, 4, 2),
        map_afgerond_op=dt.date(2026, 4, 1),
    )


def taalexamens(dossier, user, niveau, datum):
    """The four language exams passed at `niveau` on `datum` (KNM is not one)."""
    for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
        examen(dossier, user, onderdeel, niveau, datum)


def afronding(dossier, user, **data):
    huidig = Afronding.objects.filter(inburgeraar=dossier).first()
    return afronding_vastleggen(
        inburgeraar=dossier,
        data=data,
        versie=huidig.versie if huidig else 1,
        acting_user=user,
    )


def participatie(dossier, user, soort, organisatie, start, einde=None, uren=None):
    """A participation activity through activiteit_vastleggen; its einde and its
    hours a week (`uren`) go in only where given."""
    data = {"soort": soort, "organisatie": organisatie, "start": start}
    if einde is not None:
        data["einde"] = einde
    if uren is not None:
        data["uren_per_week"] = Decimal(uren)
    return activiteit_vastleggen(inburgeraar=dossier, data=data, acting_user=user)


def schakelen_naar_z(dossier, user, dagtekening=dt.date(2026, 9, 1)):
    concept = pip_wijziging_starten(
        inburgeraar=dossier,
        reden="schakelen",
        toelichting="B1 blijkt te hoog gegrepen.",
        acting_user=user,
    )
    return concept_vaststellen(concept, user, dagtekening=dagtekening, **Z_PIP)
