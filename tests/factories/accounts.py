"""Users and gemeenten."""

import factory

from intake.demo.medewerkers import demo_briefhoofd
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

PASSWORD = "Test-wachtwoord-2026"
CBS_CODES = {"Zevenaar": "0299", "Duiven": "0226", "Westervoort": "0293"}


def gemeente(naam: str) -> Gemeente:
    """One of the three gemeenten of the Liemers, made once, with the demo's
    letterhead (a letter is refused without one)."""
    return demo_briefhoofd(
        Gemeente.objects.get_or_create(
            naam=naam, defaults={"cbs_code": CBS_CODES[naam]}
        )[0]
    )


class UserFactory(factory.django.DjangoModelFactory):
    """A casusregisseur of Zevenaar unless told otherwise (`role=`, `gemeenten=`)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    role = Role.CASUSREGISSEUR
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create:
            for g in extracted or [gemeente("Zevenaar")]:
                self.gemeenten.add(g)
            self.save()


def behandelaar(dossier) -> User:
    """Who records a row of `dossier` when a test does not say: its casusregisseur,
    or a new one."""
    return dossier.casusregisseur or UserFactory()
