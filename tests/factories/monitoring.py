"""Factories of monitoring: signals, the keten's meetings, costs and the
kwartaalrapport, with their domain states as traits.

    SignaalFactory(inburgeraar=d)                 # open, about the dossier itself
    SignaalFactory(..., over=ontzorging)          # about another row of the dossier
    SignaalFactory(..., gesnoozed=True)           # put off for two weeks, with a reason
    SignaalFactory(..., opgelost=True)            # resolved by the sweep
    KwartaalrapportFactory(gemeente=z)            # requested, in the queue
"""

import datetime as dt
from decimal import Decimal

import factory

from monitoring.models import (
    Ketenoverleg,
    Kwartaalrapport,
    Signaal,
    SignaalSoort,
    Uitvoeringskosten,
)
from tests.factories.accounts import UserFactory, gemeente
from tests.factories.intake import DossierrijFactory


class SignaalFactory(DossierrijFactory):
    """A signal as the sweep makes it: for the dossier's casusregisseur, about
    `over` (a row of the dossier; default the dossier)."""

    class Meta:
        model = Signaal

    soort = SignaalSoort.PIP_WEEK_6
    object_type = factory.LazyAttribute(
        lambda o: (o.over or o.inburgeraar)._meta.label_lower
    )
    object_id = factory.LazyAttribute(lambda o: str((o.over or o.inburgeraar).pk))
    vervaldatum = dt.date(2026, 6, 1)
    verantwoordelijke = factory.SelfAttribute("inburgeraar.casusregisseur")

    class Params:
        over = None
        gesnoozed = factory.Trait(
            gesnoozed_tot=factory.LazyAttribute(
                lambda o: o.vervaldatum - dt.timedelta(days=14)
            ),
            snooze_reden="Wacht op bericht van de taalaanbieder.",
        )
        opgelost = factory.Trait(
            opgelost_op=factory.LazyAttribute(
                lambda o: dt.datetime.combine(o.vervaldatum, dt.time(6), dt.UTC)
            )
        )


class KetenoverlegFactory(factory.django.DjangoModelFactory):
    """A meeting of Zevenaar's keten (`gemeenten=`, `partners=` to say otherwise)."""

    class Meta:
        model = Ketenoverleg
        skip_postgeneration_save = True

    datum = dt.date(2026, 5, 1)
    onderwerp = "Overleg taalaanbod"
    vastgelegd_door = factory.SubFactory(UserFactory)

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create:
            self.gemeenten.set(extracted or [gemeente("Zevenaar")])

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)


class UitvoeringskostenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Uitvoeringskosten

    gemeente = factory.LazyFunction(lambda: gemeente("Zevenaar"))
    jaar = 2026
    kwartaal = 1
    bedrag = Decimal("1000.00")


class KwartaalrapportFactory(factory.django.DjangoModelFactory):
    """Requested by a beleidsmedewerker, waiting in the queue (rapport_maken makes
    it: a test of the PDF goes through there)."""

    class Meta:
        model = Kwartaalrapport

    jaar = 2026
    kwartaal = 2
    gemeente = factory.LazyFunction(lambda: gemeente("Zevenaar"))
    aangevraagd_door = factory.SubFactory(UserFactory, role="beleidsmedewerker")
