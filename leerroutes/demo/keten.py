"""The demo keten: the taalaanbieders with their contracts over two purchase periods,
and the ketenpartners."""

from datetime import date
from decimal import Decimal

from intake.demo.data import WI2021_START

from ..models import Contract, ContractOnderdeel, Organisatie, OrganisatieSoort
from .data import CONTRACT_INHOUD, KETENPARTNERS, TAALAANBIEDERS


def _keten(vandaag: date) -> dict[str, Organisatie]:
    """The organisations and contracts, made once (matched on name and kenmerk).
    Two purchase periods cover the demo's dates: the first tender from before the
    first demo dossier until the end of the year before last, the second from last
    year on."""
    jaar = vandaag.year
    eerste_inkoop = min(date(jaar - 5, 1, 1), WI2021_START)
    perioden = (
        (eerste_inkoop, date(jaar - 2, 12, 31), Decimal("1.00")),
        (date(jaar - 1, 1, 1), date(jaar + 2, 12, 31), Decimal("1.06")),
    )
    keten = {}
    for index, (naam, nummer, routes, factor, contact, verlopen) in enumerate(
        TAALAANBIEDERS
    ):
        slug = naam.lower().replace(" ", "").replace("-", "")
        aanbieder, nieuw = Organisatie.objects.get_or_create(
            naam=naam,
            defaults={
                "soort": OrganisatieSoort.TAALAANBIEDER,
                "contactpersoon": contact,
                "telefoon": f"0316-58{index:02d}{index * 37 % 100:02d}",
                "email": f"inburgering@{slug}.example",
                "keurmerk_nummer": nummer,
                "keurmerk_geldig_van": date(eerste_inkoop.year - 2, 1, 1),
                "keurmerk_geldig_tot": date(jaar - 2, 6, 30)
                if verlopen
                else date(jaar + 2, 12, 31),
            },
        )
        keten[naam] = aanbieder
        for periode, (start, einde, verhoging) in enumerate(perioden):
            if not nieuw or (verlopen and periode > 0):
                # Contracts come with a new aanbieder (functioneel beheer keeps
                # them after that); De Brug was not contracted again.
                continue
            for route in routes:
                prijs_route, onderdelen = CONTRACT_INHOUD[route]
                schaal = Decimal(factor) * verhoging
                contract = Contract.objects.create(
                    aanbieder=aanbieder,
                    leerroute=route,
                    kenmerk=f"RIL-{nummer[-5:]}-{route.upper()}-{start.year}",
                    start=start,
                    einde=einde,
                    prijs_route=(Decimal(prijs_route) * schaal).quantize(Decimal("1")),
                )
                ContractOnderdeel.objects.bulk_create(
                    ContractOnderdeel(
                        contract=contract,
                        onderdeel=onderdeel,
                        uren=uren,
                        prijs=(Decimal(prijs) * schaal).quantize(Decimal("1")),
                    )
                    for onderdeel, (uren, prijs) in onderdelen.items()
                )
    for naam, soort, contact in KETENPARTNERS:
        slug = naam.lower().replace(" ", "")
        keten[naam], _ = Organisatie.objects.get_or_create(
            naam=naam,
            defaults={
                "soort": soort,
                "contactpersoon": contact,
                "email": f"info@{slug}.example",
            },
        )
    return keten
