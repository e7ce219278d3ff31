"""Ontzorgen: the period, its fixed costs and their payments."""

import datetime as dt
from decimal import Decimal

import factory

from pip_plans import models
from pip_plans.ontzorgen.rules import ontzorgen_einde
from tests.factories.intake import InburgeraarFactory, door
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import maand_begin, periode_einde


class OntzorgingFactory(factory.django.DjangoModelFactory):
    """The period from the start of the bijstand for the dated number of months;
    `einddatum` as the services derive it (ontzorgen_einde)."""

    class Meta:
        model = models.Ontzorging

    inburgeraar = factory.SubFactory(InburgeraarFactory, met_bijstand=True)
    startdatum = factory.LazyAttribute(
        lambda o: o.inburgeraar.bijstand_start or dt.date(2026, 4, 1)
    )
    duur_maanden = factory.LazyAttribute(
        lambda o: geheel("ontzorgen_maanden", o.startdatum)
    )
    einddatum = factory.LazyAttribute(
        lambda o: ontzorgen_einde(
            o.startdatum, o.duur_maanden, o.bijstand_einde, o.verlengd_tot
        )
    )
    bijstand_einde = None
    verlengd_tot = None
    aangemaakt_door = door()

    class Params:
        verlengd = factory.Trait(
            verlengd_tot=factory.LazyAttribute(
                lambda o: periode_einde(o.startdatum, maanden=o.duur_maanden + 3)
            ),
            verlenging_reden="Maatwerk: de schulden zijn nog niet geregeld.",
            andere_grondslag=models.AndereGrondslag.PW57_BUDGETBEHEER,
        )
        bijstand_beeindigd = factory.Trait(
            bijstand_einde=factory.LazyAttribute(
                lambda o: periode_einde(o.startdatum, maanden=2)
            )
        )


class VasteLastFactory(factory.django.DjangoModelFactory):
    """A fixed cost with payee, IBAN and amount, paid monthly from the start."""

    class Meta:
        model = models.VasteLast

    ontzorging = factory.SubFactory(OntzorgingFactory)
    inburgeraar = factory.SelfAttribute("ontzorging.inburgeraar")
    soort = models.VasteLastSoort.HUUR
    begunstigde = "Woonstichting"
    iban = "NL91ABNA0417164300"
    bedrag = Decimal("100.00")
    vanaf = factory.SelfAttribute("ontzorging.startdatum")


class BetalingFactory(factory.django.DjangoModelFactory):
    """The payment of a fixed cost in its first month."""

    class Meta:
        model = models.Betaling

    vaste_last = factory.SubFactory(VasteLastFactory)
    inburgeraar = factory.SelfAttribute("vaste_last.inburgeraar")
    maand = factory.LazyAttribute(lambda o: maand_begin(o.vaste_last.vanaf))
    bedrag = factory.SelfAttribute("vaste_last.bedrag")
    betaald_op = factory.LazyAttribute(lambda o: o.maand + dt.timedelta(days=4))
    vastgelegd_door = door()
