"""The reference data of the benchmark seed, made once whatever n is: the staff,
the taalaanbieders with their contracts, ketenpartners, ketenoverleggen and
uitvoeringskosten."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from leerroutes.models import Contract, ContractOnderdeel, Organisatie, OrganisatieSoort
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

from ..models import Ketenoverleg, Uitvoeringskosten
from .data import (
    B1,
    CASUSREGISSEURS_PER_GEMEENTE,
    CONTRACTEN,
    GEMEENTE_GEWICHTEN,
    KETENPARTNERS,
    ONDERWIJS,
    TAALAANBIEDERS,
    WI2021_VANAF,
    Z,
)


@dataclass
class Referentie:
    gemeenten: list[Gemeente]
    casusregisseurs: dict[int, list[User]]
    klantmanager: User
    aanbieders: dict[str, list[tuple[Organisatie, Contract]]]  # per route


def _gebruiker(username: str, role: str, gemeenten, **namen) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, **namen}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.gemeenten.set(gemeenten)
    return user


def gebruikers() -> tuple[User, User]:
    """A casusregisseur and a beleidsmedewerker of all three gemeenten, for the
    pages the benchmark and the tests open."""
    gemeenten = list(Gemeente.objects.all())
    casus = _gebruiker(
        "bench.casus.regio",
        Role.CASUSREGISSEUR,
        gemeenten,
        first_name="Regio",
        last_name="Casusregisseur",
    )
    beleid = _gebruiker(
        "bench.beleid",
        Role.BELEIDSMEDEWERKER,
        gemeenten,
        first_name="Regio",
        last_name="Beleidsmedewerker",
    )
    return casus, beleid


def _referentie(vandaag: date) -> Referentie:
    gemeenten = list(Gemeente.objects.filter(naam__in=GEMEENTE_GEWICHTEN))
    if len(gemeenten) != len(GEMEENTE_GEWICHTEN):
        raise RuntimeError("De gemeenten Zevenaar, Duiven en Westervoort ontbreken.")
    casusregisseurs = {
        g.pk: [
            _gebruiker(
                f"bench.casus.{g.naam.lower()}.{k}",
                Role.CASUSREGISSEUR,
                [g],
                first_name=f"Casus{k}",
                last_name=g.naam,
            )
            for k in range(1, CASUSREGISSEURS_PER_GEMEENTE + 1)
        ]
        for g in gemeenten
    }
    klantmanager = _gebruiker(
        "bench.rsd",
        Role.RSD_KLANTMANAGER,
        gemeenten,
        first_name="RSD",
        last_name="Liemers",
    )
    aanbieders: dict[str, list] = {B1: [], ONDERWIJS: [], Z: []}
    for naam, nummer, routes in TAALAANBIEDERS:
        aanbieder, _ = Organisatie.objects.get_or_create(
            naam=naam,
            defaults={
                "soort": OrganisatieSoort.TAALAANBIEDER,
                "keurmerk_nummer": nummer,
                "keurmerk_geldig_van": date(2020, 1, 1),
                "keurmerk_geldig_tot": date(vandaag.year + 3, 12, 31),
                "email": f"inburgering@{nummer.lower()}.example",
            },
        )
        for route in routes:
            contract = Contract.objects.filter(
                aanbieder=aanbieder, leerroute=route
            ).first()
            if contract is None:
                prijs, delen = CONTRACTEN[route]
                contract = Contract.objects.create(
                    aanbieder=aanbieder,
                    leerroute=route,
                    kenmerk=f"BENCH-{nummer[-5:]}-{route.upper()}",
                    start=date(2021, 1, 1),
                    einde=date(vandaag.year + 3, 12, 31),
                    prijs_route=Decimal(prijs),
                )
                ContractOnderdeel.objects.bulk_create(
                    ContractOnderdeel(
                        contract=contract,
                        onderdeel=onderdeel,
                        uren=uren,
                        prijs=Decimal(bedrag),
                    )
                    for onderdeel, (uren, bedrag) in delen.items()
                )
            aanbieders[route].append((aanbieder, contract))
    partners = [
        Organisatie.objects.get_or_create(naam=naam, defaults={"soort": soort})[0]
        for naam, soort in KETENPARTNERS
    ]
    eigenaar = casusregisseurs[gemeenten[0].pk][0]
    if not Ketenoverleg.objects.filter(onderwerp__startswith="Benchmark:").exists():
        for jaar in range(WI2021_VANAF.year, vandaag.year + 1):
            for maand, onderwerp in ((3, "voorjaar"), (10, "najaar")):
                datum = date(jaar, maand, 12)
                if datum > vandaag:
                    continue
                overleg = Ketenoverleg.objects.create(
                    datum=datum,
                    onderwerp=f"Benchmark: ketenoverleg {onderwerp} {jaar}",
                    afspraken="Afspraken over instroom en taalaanbod.",
                    vastgelegd_door=eigenaar,
                )
                overleg.gemeenten.set(gemeenten)
                overleg.partners.set(partners + [a for a, _ in aanbieders[B1]])
    kosten = []
    bestaand = set(
        Uitvoeringskosten.objects.values_list("gemeente_id", "jaar", "kwartaal")
    )
    for g in gemeenten:
        for jaar in range(WI2021_VANAF.year, vandaag.year + 1):
            for kwartaal in range(1, 5):
                if date(jaar, 3 * kwartaal, 1) > vandaag or (
                    (g.pk, jaar, kwartaal) in bestaand
                ):
                    continue
                kosten.append(
                    Uitvoeringskosten(
                        gemeente=g,
                        jaar=jaar,
                        kwartaal=kwartaal,
                        bedrag=Decimal(40_000 + 5_000 * kwartaal),
                        toelichting="Benchmark",
                    )
                )
    Uitvoeringskosten.objects.bulk_create(kosten)
    return Referentie(gemeenten, casusregisseurs, klantmanager, aanbieders)
