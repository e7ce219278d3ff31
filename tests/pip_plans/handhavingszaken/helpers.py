"""The steps of a handhavingszaak for the tests of this package, each on the zaak
afresh from the database, and the dates and texts they use.

Functiescheiding (Awb art. 10:3): the tests make the rapport as `casusregisseur`
and take the boetebesluit as `collega`; the beslissing op bezwaar against that
fine is again `casusregisseur`'s."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from pip_plans.handhaving.maatregel import maatregel_vastleggen
from pip_plans.handhaving.selectors import boetebeschikking
from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.models import (
    BesluitSoort,
    Bezwaar,
    BezwaarUitkomst,
    Brief,
    Handhavingszaak,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
)
from pip_plans.services import bezwaar as bezwaar_services
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
VOORSCHRIFT = "artikel 22, eerste lid, van de Wet inburgering 2021"
PLAATS = "Zevenaar, gemeentehuis"
MOTIVERING = "Twee afspraken gemist zonder bericht: een boete van dit bedrag past."
REACTIE = "Ziekte is niet gemeld en niet aangetoond; de boete blijft."
ASIEL_MOTIVERING = (
    "Een bewezen en aanhoudend gebrek aan bereidheid tot integratie: vier "
    "uitnodigingen, ook met tolk, zonder enige reactie."
)


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
    """The rapport, with the voornemen and the afschrift as letters; the zaak."""
    data = {
        "rapport_op": RAPPORT,
        "voorgenomen_bedrag": Decimal(bedrag),
        "rapport": "De inburgeraar werkte niet mee aan de brede intake.",
        "overtreden_voorschrift": VOORSCHRIFT,
        "plaats_overtreding": PLAATS,
    }
    data.update(changes)
    zaak = vers(zaak)
    rapport_opmaken(zaak=zaak, versie=zaak.versie, acting_user=user, **data)
    return vers(zaak)


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
    """A fine with everything the besluit needs: the verwijtbaarheid, the reasons
    for the amount, the answer to a zienswijze and (the `dossier` is an
    asielstatushouder) the motivation of the exceptional case."""
    data = {
        "besluit": BesluitSoort.BOETE,
        "besluit_op": besluit_op,
        "boetebedrag": None if bedrag is None else Decimal(bedrag),
        "verwijtbaarheid": Verwijtbaarheid.VOLLEDIG,
        "verwijtbaarheid_toelichting": TOELICHTING,
        "motivering_bedrag": MOTIVERING,
        "reactie_op_zienswijze": REACTIE,
        "asiel_motivering": ASIEL_MOTIVERING,
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


def bezwaar(
    zaak, user, ontvangen_op, gronden="Het bedrag is te hoog.", **kwargs
) -> Bezwaar:
    """A bezwaar against the boetebeschikking of `zaak` (None without one)."""
    return bezwaar_services.bezwaar_registreren(
        boetebeschikking=beschikking(zaak),
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        acting_user=user,
        **kwargs,
    )


def bezwaar_beslissen(
    bezwaar: Bezwaar,
    user,
    besluit_datum,
    uitkomst=BezwaarUitkomst.ONGEGROND,
    toelichting="De boete past bij de overtreding.",
    **kwargs,
) -> Bezwaar:
    bezwaar.refresh_from_db()
    return bezwaar_services.bezwaar_beslissen(
        bezwaar=bezwaar,
        versie=bezwaar.versie,
        besluit_datum=besluit_datum,
        uitkomst=uitkomst,
        toelichting=toelichting,
        acting_user=user,
        **kwargs,
    )
