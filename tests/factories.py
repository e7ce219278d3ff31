"""factory_boy factories with domain states as traits."""

import datetime as dt
import random

import factory

from intake.models import Doelgroep, Inburgeraar, Notitie
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

PASSWORD = "Test-wachtwoord-2026"


def make_bsn(seed: int) -> str:
    """A valid BSN derived from `seed` (eight digits, then the elfproef check digit)."""
    rng = random.Random(seed)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def gemeente(naam: str) -> Gemeente:
    codes = {"Zevenaar": "0299", "Duiven": "0226", "Westervoort": "0293"}
    return Gemeente.objects.get_or_create(
        naam=naam, defaults={"cbs_code": codes[naam]}
    )[0]


class UserFactory(factory.django.DjangoModelFactory):
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


class InburgeraarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    bsn = factory.Sequence(lambda n: make_bsn(n + 1000))
    voornamen = factory.Iterator(["Amal", "Yonas", "Farid", "Leyla", "Omar", "Selam"])
    achternaam = factory.Sequence(lambda n: f"Achternaam{n:05d}")
    geboortedatum = dt.date(1990, 5, 17)
    gemeente = factory.LazyFunction(lambda: gemeente("Zevenaar"))
    doelgroep = Doelgroep.ASIELSTATUSHOUDER
    datum_kennisgeving = dt.date(2026, 3, 5)

    class Params:
        gezinsmigrant = factory.Trait(doelgroep=Doelgroep.GEZINSVORMER)
        met_bijstand = factory.Trait(bijstand=True, bijstand_start=dt.date(2026, 4, 1))


class NotitieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notitie

    inburgeraar = factory.SubFactory(InburgeraarFactory)
    auteur = factory.SubFactory(UserFactory)
    tekst = "Kennismakingsgesprek gevoerd."
