"""The dates of the handhaving tests and the steps they take through the services:
a new zaak, a rapport (with its voornemen and afschrift), the zienswijze, a boete
and a bezwaar against it, and a dated parameter.

Functiescheiding (Awb art. 10:3): the tests make the rapport as `casusregisseur`
and take the boetebesluit as `collega`."""

import datetime as dt
from decimal import Decimal

from pip_plans.handhaving.selectors import boetebeschikking
from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    zienswijze_vastleggen,
)
from pip_plans.models import Bezwaar, Handhavingszaak
from pip_plans.services.bezwaar import bezwaar_registreren
from zevenaar_inburgering.parameters.models import Parameter

D = dt.date
VANDAAG = "2026-03-20"
START = D(2020, 1, 1)
OVERTREDING_OP = D(2026, 2, 2)
RAPPORT_OP = D(2026, 3, 2)
BESLUIT_OP = D(2026, 3, 20)
VOORSCHRIFT = "artikel 22 van de Wet inburgering 2021"
PLAATS = "Zevenaar, Raadhuisplein 1"
MOTIVERING = "Twee keer niet verschenen; het bedrag past bij die ernst."
REACTIE = "Ziekte is niet gemeld en niet aangetoond."
ASIEL_MOTIVERING = (
    "Een bewezen en aanhoudend gebrek aan bereidheid tot integratie: drie keer "
    "uitgenodigd, nooit gekomen, geen reactie op een gesprek met tolk."
)


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


def rapport(zaak, user, bedrag="800", op=RAPPORT_OP, **kwargs) -> Handhavingszaak:
    """The rapport (with the voornemen and the afschrift as letters); the zaak."""
    args = {
        "rapport": "Twee keer niet verschenen; presentielijsten van de aanbieder.",
        "overtreden_voorschrift": VOORSCHRIFT,
        "plaats_overtreding": PLAATS,
    }
    args.update(kwargs)
    rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(bedrag),
        rapport_op=op,
        acting_user=user,
        **args,
    )
    zaak.refresh_from_db()
    return zaak


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
    """A fine with everything the besluit needs: the verwijtbaarheid, the reasons
    for the amount, the answer to a zienswijze and (the `dossier` is an
    asielstatushouder) the motivation of the exceptional case."""
    args = {
        "verwijtbaarheid": "volledig",
        "verwijtbaarheid_toelichting": "Was uitgenodigd en had geen reden.",
        "motivering_bedrag": MOTIVERING,
        "reactie_op_zienswijze": REACTIE,
        "asiel_motivering": ASIEL_MOTIVERING,
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


def gehoord(dossier, user, bedrag="800", rapport_op=RAPPORT_OP, zienswijze_op=None):
    """A new zaak with a rapport by `user` announcing `bedrag` and the zienswijze
    received (on `zienswijze_op`, default a week after the rapport): ready for a
    besluit by another user."""
    zaak = rapport(nieuwe_zaak(dossier, user), user, bedrag, op=rapport_op)
    return zienswijze(zaak, user, zienswijze_op or rapport_op + dt.timedelta(days=7))


def bezwaar(zaak, user, ontvangen_op, gronden="", **kwargs) -> Bezwaar:
    """A bezwaar against the boete of `zaak`, received on `ontvangen_op`."""
    return bezwaar_registreren(
        boetebeschikking=boetebeschikking(zaak),
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        acting_user=user,
        **kwargs,
    )
