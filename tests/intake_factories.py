"""Factories of the brede intake, with its domain states as traits:

BredeIntakeFactory(inburgeraar=dossier)                 # just started
BredeIntakeFactory(inburgeraar=dossier, compleet=True)  # statutory parts filled
BredeIntakeFactory(inburgeraar=dossier, afgerond=True)  # completed (PIP may follow)
"""

import datetime as dt

import factory

from intake.models import (
    Alfabetisering,
    BredeIntake,
    Gesprek,
    GesprekSoort,
    IntakeGezondheid,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    IntakeStatus,
    LbtUitkomst,
    Opleidingsniveau,
    Werkervaring,
)
from tests.factories import InburgeraarFactory, UserFactory


class IntakeGezondheidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeGezondheid

    intake = None  # set by BredeIntakeFactory


class BredeIntakeFactory(factory.django.DjangoModelFactory):
    """Creates the health row and the checklist parts, as intake_starten does."""

    class Meta:
        model = BredeIntake
        skip_postgeneration_save = True

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    gestart_op = dt.date(2026, 3, 10)
    gestart_door = factory.LazyAttribute(
        lambda o: o.inburgeraar.casusregisseur or UserFactory()
    )
    gezondheid = factory.RelatedFactory(
        IntakeGezondheidFactory, factory_related_name="intake"
    )

    class Params:
        compleet = factory.Trait(
            lbt_datum=dt.date(2026, 3, 12),
            lbt_uitkomst=LbtUitkomst.B1_OF_HOGER,
            lbt_toetsbegeleider="J. de Vries",
            hoogste_opleiding=Opleidingsniveau.VOORTGEZET,
            land_opleiding="Syrië",
            jaren_onderwijs=12,
            gealfabetiseerd=Alfabetisering.JA,
            persoonlijke_omstandigheden="Woont met partner en twee kinderen.",
            gezondheid__besproken_op=dt.date(2026, 3, 12),
        )
        afgerond = factory.Trait(
            compleet=True,
            status=IntakeStatus.AFGEROND,
            afgerond_op=dt.date(2026, 3, 20),
            afgerond_door=factory.SelfAttribute("gestart_door"),
        )

    @factory.post_generation
    def onderdelen(self, create, extracted, **kwargs):
        if create:
            IntakeOnderdeel.objects.bulk_create(
                IntakeOnderdeel(intake=self, soort=soort)
                for soort in IntakeOnderdeelSoort.objects.filter(actief=True)
            )


class WerkervaringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkervaring

    intake = factory.SubFactory(BredeIntakeFactory)
    beroep = factory.Iterator(["Kok", "Lasser", "Verpleegkundige", "Boekhouder"])
    sector = "Horeca"
    jaren = 3
    land = "Syrië"


class GesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gesprek

    intake = factory.SubFactory(BredeIntakeFactory)
    datum = dt.date(2026, 3, 11)
    soort = GesprekSoort.INTAKEGESPREK
    tolk = True
    tolk_taal = "Arabisch"
    notities = "Kennismaking en uitleg over de inburgering."
    vastgelegd_door = factory.SelfAttribute("intake.gestart_door")
