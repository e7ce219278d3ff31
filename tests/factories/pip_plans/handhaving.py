"""Handhaving: the zaak with its steps as traits, its letters, the RSD's maatregel."""

import datetime as dt
from decimal import Decimal

import factory

from pip_plans import models
from tests.factories.accounts import behandelaar
from tests.factories.intake import DossierrijFactory, door
from tests.factories.pip_plans.basis import DocumentFactory, met_bestand
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import wettelijke_termijn_einde


def _weken(code: str):
    """A term of the dated parameter `code` from the rapport (rapport_opmaken)."""
    return factory.LazyAttribute(
        lambda o: wettelijke_termijn_einde(
            o.rapport_op, weken=geheel(code, o.rapport_op)
        )
    )


def _besluit(besluit, status, **velden) -> factory.Trait:
    """The besluit a month after the rapport, the zienswijze heard."""
    return factory.Trait(
        zienswijze_ontvangen=True,
        besluit=besluit,
        status=status,
        besluit_op=factory.LazyAttribute(
            lambda o: o.rapport_op + dt.timedelta(days=31)
        ),
        **velden,
    )


class HandhavingszaakFactory(DossierrijFactory):
    """A PVT overtreding of 1 June 2026; each trait is a step further, with the
    dates and texts the steps before it left (`boete` and `afgezien` include the
    rapport and a zienswijze received)."""

    class Meta:
        model = models.Handhavingszaak

    overtreding = models.Overtreding.PVT
    datum_overtreding = dt.date(2026, 6, 1)
    feiten = "Niet verschenen bij het participatieverklaringstraject."
    status = models.HandhavingStatus.OVERTREDING
    aangemaakt_door = door()

    class Params:
        gewaarschuwd = factory.Trait(
            status=models.HandhavingStatus.GEWAARSCHUWD,
            waarschuwing_op=factory.LazyAttribute(
                lambda o: o.datum_overtreding + dt.timedelta(days=14)
            ),
        )
        met_rapport = factory.Trait(
            status=models.HandhavingStatus.ZIENSWIJZE,
            voorgenomen_bedrag=Decimal("800.00"),
            rapport_op=factory.LazyAttribute(
                lambda o: o.datum_overtreding + dt.timedelta(days=30)
            ),
            rapport="Twee keer niet verschenen, geen bericht van verhindering.",
            zienswijze_tot=_weken("zienswijze_termijn_weken"),
            beslistermijn=_weken("boete_beslistermijn_weken"),
        )
        zienswijze_ontvangen = factory.Trait(
            met_rapport=True,
            zienswijze_ontvangen_op=factory.LazyAttribute(
                lambda o: o.rapport_op + dt.timedelta(days=9)
            ),
            zienswijze="Ik was ziek en heb dat niet doorgegeven.",
        )
        boete = _besluit(
            models.BesluitSoort.BOETE,
            models.HandhavingStatus.BOETE,
            boetebedrag=Decimal("800.00"),
            verwijtbaarheid=models.Verwijtbaarheid.VOLLEDIG,
            verwijtbaarheid_toelichting="Geen verhindering gemeld.",
        )
        afgezien = _besluit(
            models.BesluitSoort.AFZIEN,
            models.HandhavingStatus.AFGEZIEN,
            afzien_reden="Ziek in die periode.",
        )
        in_bezwaar = factory.Trait(
            bezwaar_ontvangen_op=factory.LazyAttribute(
                lambda o: o.besluit_op + dt.timedelta(days=19)
            ),
            bezwaar_gronden="De boete is te hoog.",
        )
        bezwaar_beslist = factory.Trait(
            in_bezwaar=True,
            bezwaar_besluit_op=factory.LazyAttribute(
                lambda o: o.bezwaar_ontvangen_op + dt.timedelta(weeks=6)
            ),
            bezwaar_uitkomst=models.BezwaarUitkomst.ONGEGROND,
        )


class BriefFactory(DocumentFactory):
    """The waarschuwing of a gewaarschuwde zaak, dated the day it was sent
    (`met_bestand=True`: with a stored stand-in)."""

    class Meta:
        model = models.Brief

    handhavingszaak = factory.SubFactory(HandhavingszaakFactory, gewaarschuwd=True)
    inburgeraar = factory.SelfAttribute("handhavingszaak.inburgeraar")
    soort = models.BriefSoort.WAARSCHUWING
    kenmerk = factory.Sequence(lambda n: f"BRIEF-TEST-{n:05d}")
    dagtekening = factory.SelfAttribute("handhavingszaak.waarschuwing_op")
    aangemaakt_door = factory.SelfAttribute("handhavingszaak.aangemaakt_door")

    class Params:
        met_bestand = met_bestand("brieven")


class MaatregelFactory(DossierrijFactory):
    """A Participatiewet maatregel the RSD recorded (with a handhavingszaak about
    the same days: samenloop)."""

    class Meta:
        model = models.Maatregel

    grond = models.MaatregelGrond.RE_INTEGRATIE
    datum_gedraging = dt.date(2026, 6, 3)
    omschrijving = "Niet verschenen op de afspraak bij het werkbedrijf."
    besluit_op = factory.LazyAttribute(
        lambda o: o.datum_gedraging + dt.timedelta(days=17)
    )
    vastgelegd_door = factory.LazyAttribute(
        lambda o: o.inburgeraar.rsd_klantmanager or behandelaar(o.inburgeraar)
    )
