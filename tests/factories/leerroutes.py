"""Factories of leerroutes: the keten (organisations, contracts), the traject with
its hours, exams, progress, afronding, participation, verwijzingen, begeleiding and
voortgangsgesprekken, with their domain states as traits.

    taalaanbieder()                               # keurmerk and a B1-route contract
    TrajectFactory(inburgeraar=d, pip=p)          # B1-route from 2 March 2026
    TrajectFactory(..., onderdelen=B1_UREN)       # ... with its planned hours
    TrajectFactory(..., uren=[("nt2", maand, 40)])   # ... and hours recorded
    TrajectFactory(..., voldaan=True)             # closed: plicht voldaan
    ExamenpogingFactory(inburgeraar=d, gezakt=True)
    AfrondingFactory(inburgeraar=d, voldaan=True)
    VoortgangsgesprekFactory(inburgeraar=d)       # planned
    VoortgangsgesprekFactory(..., gehouden=True)  # held, with the RSD present
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

import factory

from leerroutes import models
from tests.factories.accounts import UserFactory
from tests.factories.intake import DossierrijFactory, door
from tests.factories.pip_plans import PipFactory

# Planned hours that pass every rule of a B1-route traject.
B1_UREN = {"nt2": 600, "knm": 80, "pvt": 12, "map": 40}


def over_drie_jaar() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=3 * 365)


# --- The keten ------------------------------------------------------------------------


class OrganisatieFactory(factory.django.DjangoModelFactory):
    """A ketenpartner; `taalaanbieder=True`: a taalaanbieder with a keurmerk valid
    from 2024 to three years from today."""

    class Meta:
        model = models.Organisatie

    naam = factory.Sequence(lambda n: f"Ketenpartner {n}")
    soort = models.OrganisatieSoort.OVERIG

    class Params:
        met_keurmerk = factory.Trait(
            keurmerk_nummer="BOW-1234",
            keurmerk_geldig_van=dt.date(2024, 1, 1),
            keurmerk_geldig_tot=factory.LazyFunction(over_drie_jaar),
        )
        taalaanbieder = factory.Trait(
            soort=models.OrganisatieSoort.TAALAANBIEDER, met_keurmerk=True
        )


class ContractFactory(factory.django.DjangoModelFactory):
    """A B1-route contract with the onderdelen of B1_UREN at € 1000 each
    (`onderdelen={onderdeel: (uren, prijs)}` for others)."""

    class Meta:
        model = models.Contract
        skip_postgeneration_save = True

    aanbieder = factory.SubFactory(OrganisatieFactory, taalaanbieder=True)
    leerroute = "b1"
    kenmerk = factory.LazyAttribute(lambda o: f"INK-{o.aanbieder.naam[:4].upper()}")
    start = dt.date(2025, 1, 1)
    einde = factory.LazyFunction(over_drie_jaar)
    prijs_route = Decimal("10000.00")

    @factory.post_generation
    def onderdelen(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = {o: (uren, "1000.00") for o, uren in B1_UREN.items()}
        for onderdeel, (uren, prijs) in extracted.items():
            models.ContractOnderdeel.objects.create(
                contract=self, onderdeel=onderdeel, uren=uren, prijs=Decimal(prijs)
            )


def taalaanbieder(
    naam="Taalschool Liemers", *, keurmerk=True, route="b1", contract=True
) -> models.Organisatie:
    """Keurmerk and contract valid from before every fixed date of the tests
    (2024, 2025) to three years from today: for the scenarios of 2026 and for a
    traject that starts tomorrow alike."""
    aanbieder = OrganisatieFactory(
        naam=naam, soort=models.OrganisatieSoort.TAALAANBIEDER, met_keurmerk=keurmerk
    )
    if contract:
        ContractFactory(aanbieder=aanbieder, leerroute=route)
    return aanbieder


class UrenImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.UrenImport

    aanbieder = factory.SubFactory(OrganisatieFactory, taalaanbieder=True)
    bestandsnaam = "uren.csv"
    geupload_door = factory.SubFactory(UserFactory)
    status = models.UrenImportStatus.GEIMPORTEERD
    aantal_regels = 1


# --- The traject and its hours --------------------------------------------------------


class UrenregistratieFactory(factory.django.DjangoModelFactory):
    """Hours of one month at the traject's aanbieder, keurmerk as on that month."""

    class Meta:
        model = models.Urenregistratie

    traject = factory.SubFactory("tests.factories.leerroutes.TrajectFactory")
    inburgeraar = factory.SelfAttribute("traject.inburgeraar")
    aanbieder = factory.SelfAttribute("traject.aanbieder")
    onderdeel = models.Onderdeel.NT2
    maand = dt.date(2026, 4, 1)
    uren_aanwezig = Decimal("40.0")
    keurmerk = factory.LazyAttribute(lambda o: o.aanbieder.keurmerk_geldig_op(o.maand))
    bron = models.UrenBron.HANDMATIG
    vastgelegd_door = factory.SelfAttribute("traject.aangemaakt_door")


class TrajectFactory(DossierrijFactory):
    """The traject of a vastgesteld PIP at a taalaanbieder, bought under its
    contract for the route when it has one."""

    class Meta:
        model = models.Traject
        skip_postgeneration_save = True

    pip = factory.SubFactory(
        PipFactory, vastgesteld=True, inburgeraar=factory.SelfAttribute("..inburgeraar")
    )
    leerroute = factory.SelfAttribute("pip.leerroute")
    aanbieder = factory.SubFactory(OrganisatieFactory, taalaanbieder=True)
    contract = factory.LazyAttribute(
        lambda o: o.aanbieder.contracten.filter(leerroute=o.leerroute).first()
    )
    ingekocht = factory.LazyAttribute(lambda o: o.contract is not None)
    start = dt.date(2026, 3, 2)
    geplande_einde = dt.date(2029, 3, 1)
    aangemaakt_door = door()

    class Params:
        voldaan = factory.Trait(
            einde=dt.date(2029, 2, 1), einde_reden=models.TrajectEinde.VOLDAAN
        )

    @factory.post_generation
    def onderdelen(self, create, extracted, **kwargs):
        """{onderdeel: planned hours}, each over the whole traject."""
        if not (create and extracted):
            return
        for onderdeel, uren in extracted.items():
            models.TrajectOnderdeel.objects.create(
                traject=self,
                onderdeel=onderdeel,
                geplande_uren=uren,
                start=self.start,
                geplande_einde=self.geplande_einde,
            )

    @factory.post_generation
    def uren(self, create, extracted, **kwargs):
        """[(onderdeel, maand, uren aanwezig)], recorded by hand."""
        if not (create and extracted):
            return
        for onderdeel, maand, aanwezig in extracted:
            UrenregistratieFactory(
                traject=self,
                onderdeel=onderdeel,
                maand=maand,
                uren_aanwezig=Decimal(aanwezig),
                **kwargs,
            )


# --- Exams, progress, afronding -------------------------------------------------------


class ExamenpogingFactory(DossierrijFactory):
    """A passed KNM exam unless told otherwise."""

    class Meta:
        model = models.Examenpoging

    onderdeel = models.Examenonderdeel.KNM
    niveau = ""
    datum = dt.date(2026, 6, 1)
    geslaagd = True
    vastgelegd_door = door()

    class Params:
        gezakt = factory.Trait(geslaagd=False)


class VoortgangsrapportageFactory(DossierrijFactory):
    class Meta:
        model = models.Voortgangsrapportage

    aanbieder = factory.SubFactory(OrganisatieFactory, taalaanbieder=True)
    datum = dt.date(2026, 6, 1)
    lezen = models.Niveau.A2
    aanwezigheid_pct = 90
    opmerkingen = "Komt goed mee."
    vastgelegd_door = door()


class AfrondingFactory(DossierrijFactory):
    class Meta:
        model = models.Afronding

    class Params:
        voldaan = factory.Trait(
            participatieverklaring_getekend_op=dt.date(2026, 6, 1),
            map_afgerond_op=dt.date(2026, 9, 1),
            voldaan_op=dt.date(2029, 2, 1),
        )


class RoutestandFactory(DossierrijFactory):
    """As the nightly derivation leaves it; not judged unless `koers=` is given."""

    class Meta:
        model = models.Routestand

    koers = ""
    berekend_op = dt.date(2026, 6, 1)

    class Params:
        op_koers = factory.Trait(
            koers=models.KoersStatus.OP_KOERS, koers_redenen=["op schema"]
        )


# --- Participation and the keten around the person ------------------------------------


class ParticipatieactiviteitFactory(DossierrijFactory):
    """Vrijwilligerswerk at the food bank."""

    class Meta:
        model = models.Participatieactiviteit

    organisatie = "Voedselbank"
    soort = models.ActiviteitSoort.VRIJWILLIGERSWERK
    start = dt.date(2026, 3, 1)
    vastgelegd_door = door()


class VerwijzingFactory(DossierrijFactory):
    """A referral sent (status verstuurd since the day it was sent)."""

    class Meta:
        model = models.Verwijzing

    ketenpartner = factory.SubFactory(OrganisatieFactory)
    reden = "Hulp bij het vinden van vrijwilligerswerk."
    verstuurd_op = dt.date(2026, 5, 1)
    status_op = factory.SelfAttribute("verstuurd_op")
    aangemaakt_door = door()


class MaatschappelijkeBegeleidingFactory(DossierrijFactory):
    class Meta:
        model = models.MaatschappelijkeBegeleiding

    organisatie = factory.SubFactory(
        OrganisatieFactory, soort=models.OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING
    )
    start = dt.date(2026, 3, 1)
    praktische_hulp = True
    vastgelegd_door = door()


class VoortgangsgesprekFactory(DossierrijFactory):
    """Planned; `gehouden=True`: held that day, with the RSD klantmanager."""

    class Meta:
        model = models.Voortgangsgesprek

    gepland_op = dt.date(2026, 6, 10)
    vastgelegd_door = door()

    class Params:
        gehouden = factory.Trait(
            gehouden_op=factory.SelfAttribute("gepland_op"),
            deelnemers="Inburgeraar, casusregisseur, klantmanager RSD",
            rsd_klantmanager_aanwezig=True,
            verslag="Taallessen gaan goed.",
            afspraken="Zoekt vrijwilligerswerk.",
        )
