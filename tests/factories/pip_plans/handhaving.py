"""Handhaving: the zaak with its steps as traits, its letters, the RSD's maatregel."""

import datetime as dt
from decimal import Decimal

import factory

from pip_plans import models, rules
from tests.factories.accounts import UserFactory, behandelaar
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


def collega(dossier):
    """Another casusregisseur of the dossier's gemeente: who takes the besluit after
    the rapport of `behandelaar` (functiescheiding, Awb art. 10:3 lid 4)."""
    return UserFactory(gemeenten=[dossier.gemeente])


def _besluit(besluit, status, **velden) -> factory.Trait:
    """The besluit a month after the rapport, the zienswijze heard, by another
    official than the rapport's."""
    return factory.Trait(
        zienswijze_ontvangen=True,
        besluit=besluit,
        status=status,
        besluit_op=factory.LazyAttribute(
            lambda o: o.rapport_op + dt.timedelta(days=31)
        ),
        besluit_door=factory.LazyAttribute(lambda o: collega(o.inburgeraar)),
        **velden,
    )


class HandhavingszaakFactory(DossierrijFactory):
    """A PVT overtreding of 1 June 2026; each trait is a step further, with the
    dates and texts the steps before it left (`boete` and `afgezien` include the
    rapport and a zienswijze received). A bezwaar against the fine is a Bezwaar
    (BezwaarFactory with `boetebeschikking=`)."""

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
            overtreden_voorschrift="artikel 22 van de Wet inburgering 2021",
            plaats_overtreding="Zevenaar",
            rapport_door=factory.SelfAttribute("aangemaakt_door"),
            zienswijze_tot=_weken("zienswijze_termijn_weken"),
            beslistermijn=_weken("boete_beslistermijn_weken"),
        )
        zienswijze_ontvangen = factory.Trait(
            met_rapport=True,
            zienswijze_ontvangen_op=factory.LazyAttribute(
                lambda o: o.rapport_op + dt.timedelta(days=9)
            ),
            zienswijze="Ik was ziek en heb dat niet doorgegeven.",
            zienswijze_wijze=models.ZienswijzeWijze.SCHRIFTELIJK,
        )
        boete = _besluit(
            models.BesluitSoort.BOETE,
            models.HandhavingStatus.BOETE,
            boetebedrag=Decimal("800.00"),
            verwijtbaarheid=models.Verwijtbaarheid.VOLLEDIG,
            verwijtbaarheid_toelichting="Geen verhindering gemeld.",
            motivering_bedrag="Twee keer niet verschenen: het maximum past.",
            reactie_op_zienswijze="Ziekte is niet gemeld; de boete blijft.",
            asiel_motivering=factory.LazyAttribute(
                lambda o: (
                    "Aanhoudend geen bereidheid tot integratie."
                    if o.inburgeraar.doelgroep_categorie == "asiel"
                    else ""
                )
            ),
        )
        afgezien = _besluit(
            models.BesluitSoort.AFZIEN,
            models.HandhavingStatus.AFGEZIEN,
            afzien_reden="Ziek in die periode.",
        )


class BriefFactory(DocumentFactory):
    """The waarschuwing of a gewaarschuwde zaak, dated and sent the day it was
    made (`met_bestand=True`: with a stored stand-in); `boetebeschikking=True`: the
    boetebeschikking of a zaak with a fine, dated the besluit, with its bezwaar
    deadline from the verzenddatum."""

    class Meta:
        model = models.Brief

    handhavingszaak = factory.SubFactory(HandhavingszaakFactory, gewaarschuwd=True)
    inburgeraar = factory.SelfAttribute("handhavingszaak.inburgeraar")
    soort = models.BriefSoort.WAARSCHUWING
    kenmerk = factory.Sequence(lambda n: f"BRIEF-TEST-{n:05d}")
    dagtekening = factory.SelfAttribute("handhavingszaak.waarschuwing_op")
    verzenddatum = factory.SelfAttribute("dagtekening")
    aangemaakt_door = factory.SelfAttribute("handhavingszaak.aangemaakt_door")

    class Params:
        met_bestand = met_bestand("brieven")
        boetebeschikking = factory.Trait(
            handhavingszaak=factory.SubFactory(HandhavingszaakFactory, boete=True),
            soort=models.BriefSoort.BOETEBESCHIKKING,
            dagtekening=factory.SelfAttribute("handhavingszaak.besluit_op"),
            bezwaar_deadline=factory.LazyAttribute(
                lambda o: rules.bezwaar_deadline(o.verzenddatum)
            ),
            aangemaakt_door=factory.SelfAttribute("handhavingszaak.besluit_door"),
        )


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
