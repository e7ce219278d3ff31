"""The steps of a handhavingszaak for the tests of this package, each on the zaak
afresh from the database, and the dates and texts they use."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.selectors import boetebeschikking
from pip_plans.handhaving.services import (
    besluit_nemen,
    boete_bezwaar_beslissen,
    boete_bezwaar_registreren,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.models import (
    BesluitSoort,
    BezwaarUitkomst,
    Brief,
    Handhavingszaak,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
)
from zevenaar_inburgering.parameters.models import Parameter

D = dt.date
OVERTREDING = D(2026, 3, 1)
RAPPORT = D(2026, 3, 2)
ZIENSWIJZE = D(2026, 3, 10)
BESLUIT = D(2026, 3, 20)
WAARSCHUWING_OP = D(2026, 3, 5)
FEITEN = "Twee keer zonder bericht niet verschenen op de afspraak voor de brede intake."
TOELICHTING = "Uitnodigingen ontvangen en bevestigd; geen reden opgegeven."
AFZIEN = "Ziek gebleken, met een verklaring van de huisarts."


def vers(zaak: Handhavingszaak) -> Handhavingszaak:
    zaak.refresh_from_db()
    return zaak


def openen(dossier, user, **changes) -> Handhavingszaak:
    data = {
        "overtreding": Overtreding.BREDE_INTAKE,
        "datum_overtreding": OVERTREDING,
        "feiten": FEITEN,
    }
    data.update(changes)
    return handhavingszaak_aanmaken(inburgeraar=dossier, acting_user=user, **data)


def waarschuwen(zaak, user, dagtekening=WAARSCHUWING_OP) -> Brief:
    zaak = vers(zaak)
    return waarschuwing_versturen(
        zaak=zaak, versie=zaak.versie, acting_user=user, dagtekening=dagtekening
    )


def rapport(zaak, user, bedrag="800", **changes) -> Handhavingszaak:
    data = {
        "rapport_op": RAPPORT,
        "voorgenomen_bedrag": Decimal(bedrag),
        "rapport": "De inburgeraar werkte niet mee aan de brede intake.",
    }
    data.update(changes)
    zaak = vers(zaak)
    return rapport_opmaken(zaak=zaak, versie=zaak.versie, acting_user=user, **data)


def zienswijze(zaak, user, op=ZIENSWIJZE, ontvangen=True) -> Handhavingszaak:
    zaak = vers(zaak)
    return zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=ontvangen,
        ontvangen_op=op,
        zienswijze="Ik was ziek." if ontvangen else "",
        acting_user=user,
    )


def gehoord(dossier, user, bedrag="800") -> Handhavingszaak:
    """A new zaak with a rapport announcing a fine of `bedrag` and the zienswijze
    received: ready for a besluit."""
    zaak = openen(dossier, user)
    rapport(zaak, user, bedrag)
    zienswijze(zaak, user)
    return vers(zaak)


def boete(bedrag="300", besluit_op=BESLUIT, **changes) -> dict:
    data = {
        "besluit": BesluitSoort.BOETE,
        "besluit_op": besluit_op,
        "boetebedrag": None if bedrag is None else Decimal(bedrag),
        "verwijtbaarheid": Verwijtbaarheid.VOLLEDIG,
        "verwijtbaarheid_toelichting": TOELICHTING,
    }
    data.update(changes)
    return data


def afzien(besluit_op=BESLUIT, reden=AFZIEN) -> dict:
    return {
        "besluit": BesluitSoort.AFZIEN,
        "besluit_op": besluit_op,
        "afzien_reden": reden,
    }


def besluiten(zaak, user, data) -> Handhavingszaak:
    zaak = vers(zaak)
    return besluit_nemen(zaak=zaak, versie=zaak.versie, acting_user=user, **data)


def beschikking(zaak) -> Brief | None:
    return boetebeschikking(vers(zaak))


def refused(func, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        func(*args, **kwargs)
    return exc.value


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def maatregel(dossier, user, datum_gedraging, besluit_op=None):
    return maatregel_vastleggen(
        inburgeraar=dossier,
        grond=MaatregelGrond.RE_INTEGRATIE,
        datum_gedraging=datum_gedraging,
        omschrijving="Niet verschenen bij het re-integratiebedrijf.",
        besluit_op=besluit_op or datum_gedraging + dt.timedelta(days=3),
        verlaging_procent=20,
        duur_maanden=1,
        acting_user=user,
    )


def parameter(code, vanaf, waarde):
    return Parameter.objects.create(
        code=code, geldig_vanaf=vanaf, waarde=Decimal(waarde), bron="Test"
    )


def bezwaar(zaak, user, ontvangen_op, gronden="Het bedrag is te hoog."):
    zaak = vers(zaak)
    return boete_bezwaar_registreren(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        acting_user=user,
    )


def bezwaar_beslissen(zaak, user, besluit_op, uitkomst=BezwaarUitkomst.ONGEGROND):
    zaak = vers(zaak)
    return boete_bezwaar_beslissen(
        zaak=zaak,
        versie=zaak.versie,
        besluit_op=besluit_op,
        uitkomst=uitkomst,
        acting_user=user,
    )
