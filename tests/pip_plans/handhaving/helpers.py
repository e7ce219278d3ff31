"""The dates of the handhaving tests and the steps they take through the services:
a new zaak, a rapport and a boete, and a dated parameter."""

import datetime as dt
from decimal import Decimal

from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
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
