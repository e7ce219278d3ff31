"""The dates of the handhaving tests and the steps they take through the services:
a new zaak, a rapport, the zienswijze, a boete and a bezwaar against it, and a
dated parameter."""

import datetime as dt
from decimal import Decimal

from pip_plans.handhaving.services import (
    besluit_nemen,
    boete_bezwaar_registreren,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    zienswijze_vastleggen,
)
from pip_plans.models import Handhavingszaak
from zevenaar_inburgering.parameters.models import Parameter

D = dt.date
VANDAAG = "2026-03-20"
START = D(2020, 1, 1)
OVERTREDING_OP = D(2026, 2, 2)
RAPPORT_OP = D(2026, 3, 2)
BESLUIT_OP = D(2026, 3, 20)


def parameter(code: str, waarde, vanaf=START) -> None:
    Parameter.objects.create(
        code=code, geldig_vanaf=vanaf, waarde=Decimal(waarde), bron="Test"
    )


def nieuwe_zaak(dossier, user, datum=OVERTREDING_OP, **kwargs) -> Handhavingszaak:
    return handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding=kwargs.pop("overtreding", "pvt"),
        datum_overtreding=datum,
        feiten=kwargs.pop(
            "feiten", "Niet verschenen op de PVT-bijeenkomsten van 2 en 9 februari."
        ),
        acting_user=user,
    )


def rapport(zaak, user, bedrag="800", op=RAPPORT_OP, **kwargs):
    return rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(bedrag),
        rapport_op=op,
        rapport="Twee keer niet verschenen; presentielijsten van de aanbieder.",
        acting_user=user,
        **kwargs,
    )


def zienswijze(zaak, user, op=None, tekst="Ik was ziek."):
    """The zienswijze received on `op`, saying `tekst`; none received without `op`."""
    return zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=op is not None,
        ontvangen_op=op,
        zienswijze=tekst if op is not None else "",
        acting_user=user,
    )


def boete(zaak, user, bedrag="800", op=BESLUIT_OP, **kwargs):
    args = {
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Was uitgenodigd en had geen reden.",
    }
    args.update(kwargs)
    return besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=op,
        boetebedrag=Decimal(bedrag),
        acting_user=user,
        **args,
    )


def bezwaar(zaak, user, ontvangen_op, gronden=""):
    """A bezwaar against the boete, received on `ontvangen_op`."""
    return boete_bezwaar_registreren(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        acting_user=user,
    )
