"""The dates of the ontzorgen tests and the steps several of them take: starting
ontzorgen, changing its period, reading its timeline, and the data of a vaste last."""

import datetime as dt
from decimal import Decimal

from intake.models import Gebeurtenis
from pip_plans.models import Frequentie, VasteLastSoort
from pip_plans.ontzorgen.services import (
    ontzorging_periode_wijzigen,
    ontzorging_starten,
)
from pip_plans.tijdlijn import GebeurtenisSoort

D = dt.date
APRIL = D(2026, 4, 1)
MEI = D(2026, 5, 1)
REGULIER_EINDE = D(2026, 9, 30)


def starten(dossier, user, **kwargs):
    return ontzorging_starten(inburgeraar=dossier, acting_user=user, **kwargs)


def periode_wijzigen(
    ontzorging,
    user,
    *,
    versie=1,
    startdatum=APRIL,
    bijstand_einde=None,
    verlengd_tot=None,
    verlenging_reden="",
    andere_grondslag="",
):
    """ontzorging_periode_wijzigen: by default the period as `starten` leaves it
    (from April, the bijstand not ended, not verlengd), at versie 1. An extension
    (`verlengd_tot`) needs `andere_grondslag`."""
    return ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=versie,
        startdatum=startdatum,
        bijstand_einde=bijstand_einde,
        verlengd_tot=verlengd_tot,
        verlenging_reden=verlenging_reden,
        andere_grondslag=andere_grondslag,
        acting_user=user,
    )


def gebeurtenissen(dossier):
    return list(
        Gebeurtenis.objects.filter(
            inburgeraar=dossier, soort=GebeurtenisSoort.ONTZORGEN
        )
        .order_by("tijdstip", "pk")
        .values_list("omschrijving", flat=True)
    )


def last_data(**changes):
    data = {
        "soort": VasteLastSoort.HUUR,
        "omschrijving": "",
        "begunstigde": "Woonstichting De Liemers",
        "iban": "NL91ABNA0417164300",
        "bedrag": Decimal("650.00"),
        "frequentie": Frequentie.MAAND,
        "vanaf": None,
        "tot": None,
    }
    data.update(changes)
    return data


def huur(ontzorging):
    return ontzorging.vaste_lasten.get(soort=VasteLastSoort.HUUR)
