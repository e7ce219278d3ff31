"""Seed many realistic dossiers fast, for `manage.py benchmark` and the query-count
tests (tests/monitoring/test_query_counts.py).

`seed(n)` adds n dossiers spread over Zevenaar, Duiven and Westervoort, each with
what its age makes likely: the brede intake, PIP versions (vastgesteld ones with
their beschikking and the termijn), trajecten at a contracted aanbieder with their
onderdelen and monthly hours, exams, participation, afronding, the routestand, and
for some ontzorgen, handhaving, bezwaar and a DUO verlenging. Everything is written
with bulk_create in batches: no save(), no signals, no services, no PDFs (a
beschikking names a PDF that is not stored). Rows are made in their final state,
since the database refuses any change to a vastgesteld PIP.

The data is deterministic and additive: a second call continues the numbering, so
`seed(50)` then `seed(950)` gives the same 1,000 dossiers as `seed(1000)` would give
in the first 50 and a further 950. Seeded dossiers are recognised by their BSN
(200000000-299999999, valid under the elfproef). Reference data (staff, the
taalaanbieders and their contracts, ketenoverleggen, uitvoeringskosten) is made once,
whatever n is, so query counts of the reports compare like with like.

Dates count back from today: a plicht started in 2022 is far along, one started
last month has at most an intake.
"""

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from intake.models import (
    BredeIntake,
    Doelgroep,
    Gebeurtenis,
    Geslacht,
    Inburgeraar,
    IntakeGezondheid,
    IntakeStatus,
    Status,
    WetRegime,
)
from intake.rules import pip_deadline
from intake.tijdlijn import GebeurtenisSoort
from leerroutes.demo.data import CONTRACT_INHOUD
from leerroutes.models import (
    ActiviteitSoort,
    Afronding,
    Contract,
    ContractOnderdeel,
    Examenonderdeel,
    Examenpoging,
    Leerroute,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Routestand,
    Traject,
    TrajectEinde,
    TrajectOnderdeel,
    UrenBron,
    Urenregistratie,
)
from pip_plans.handhaving import beslistermijn, zienswijze_termijn
from pip_plans.models import (
    Beschikking,
    BesluitSoort,
    Bezwaar,
    BezwaarUitkomst,
    HandhavingStatus,
    Handhavingszaak,
    Inburgeringstermijn,
    Maatregel,
    MaatregelGrond,
    Ontzorging,
    Overtreding,
    Pip,
    PipStatus,
    Verlenging,
    VerlengingReden,
    Verwijtbaarheid,
    WijzigingReden,
)
from pip_plans.ontzorgen import regulier_einde
from pip_plans.rules import bezwaar_deadline, termijn_einde, termijn_start
from zevenaar_inburgering.accounts.models import Gemeente, Role, User
from zevenaar_inburgering.termijnen import (
    maand_begin,
    maanden_later,
    maanden_verschil,
    periode_einde,
    verlengd_einde,
)

from .models import Ketenoverleg, Uitvoeringskosten

SEED = 20_210_101
BATCH = 5000
# The first seven digits of a seeded BSN are BSN_BASIS + index; the eighth is chosen
# so that the elfproef check digit exists. Room for a million dossiers.
BSN_BASIS = 2_000_000
BSN_VAN, BSN_TOT = "200000000", "300000000"
MAX_DOSSIERS = 1_000_000
WI2021_VANAF = date(2022, 1, 1)
# The region's inflow is roughly in proportion to the population.
GEMEENTE_GEWICHTEN = {"Zevenaar": 53, "Duiven": 29, "Westervoort": 18}
DOELGROEP_GEWICHTEN = (
    (Doelgroep.ASIELSTATUSHOUDER, 70),
    (Doelgroep.GEZINSVORMER, 9),
    (Doelgroep.GEZINSHERENIGER, 7),
    (Doelgroep.GEZINSVORMER_ASIEL, 4),
    (Doelgroep.GEZINSHERENIGER_ASIEL, 6),
    (Doelgroep.GEESTELIJK_BEDIENAAR, 1),
    (Doelgroep.OVERIG, 3),
)
CASUSREGISSEURS_PER_GEMEENTE = 4
NT2, KNM, PVT, MAP = Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP
TAALSCHAKEL, PARTICIPATIE_Z = Onderdeel.TAALSCHAKEL, Onderdeel.PARTICIPATIE_Z
B1, ONDERWIJS, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
CURSUS = (NT2, KNM, TAALSCHAKEL)
# Per route: the contract price per person and per onderdeel (hours, price), as in
# the demo region.
CONTRACTEN = CONTRACT_INHOUD
# The rooster of each onderdeel: (first month, number of months) from the start.
ROOSTER = {
    B1: {NT2: (0, 28), KNM: (3, 10), PVT: (1, 3), MAP: (6, 4)},
    ONDERWIJS: {TAALSCHAKEL: (0, 20), NT2: (8, 22), KNM: (3, 10), PVT: (1, 3)},
    Z: {NT2: (0, 30), KNM: (3, 10), PARTICIPATIE_Z: (2, 28), PVT: (1, 3), MAP: (6, 4)},
}
TAALNIVEAU = {B1: "B1", ONDERWIJS: "B1", Z: "A1"}
# Name, Blik op Werk number, routes contracted.
TAALAANBIEDERS = (
    ("Taalinstituut Rijnstroom", "BOW-INB-30101", (B1, Z)),
    ("Leerhuis De Liemers", "BOW-INB-30102", (B1, ONDERWIJS)),
    ("Taalcentrum Oostpoort", "BOW-INB-30103", (B1, Z)),
)
KETENPARTNERS = (
    (
        "Vluchtelingenwerk Liemers (benchmark)",
        OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
    ),
    ("Welzijn Rijnwaarden (benchmark)", OrganisatieSoort.WELZIJN),
    ("Sociale dienst Liemers (benchmark)", OrganisatieSoort.RSD),
)
# Attendance per profile: share of the scheduled hours, and how it shows.
PROFIELEN = {"goed": (0.90, 1.00), "matig": (0.65, 0.80), "zwak": (0.35, 0.58)}
KOERS = {"goed": "op_koers", "matig": "risico", "zwak": "niet_op_koers"}
AFWIJZING = {
    B1: "B1 is in drie jaar niet haalbaar gezien de leerbaarheidstoets.",
    ONDERWIJS: "Betrokkene wil werken en valt buiten de doelgroep van de onderwijsroute.",
    Z: "De leerbaarheidstoets laat zien dat een hoger niveau haalbaar is.",
}
HERKOMST = (
    ("Syrische", "Syrië", "Arabisch", ("Ahmad", "Omar", "Khaled"), ("Rasha", "Amal")),
    (
        "Eritrese",
        "Eritrea",
        "Tigrinya",
        ("Yonas", "Dawit", "Tesfay"),
        ("Selam", "Senait"),
    ),
    ("Afghaanse", "Afghanistan", "Dari", ("Farid", "Jawad"), ("Leyla", "Mariam")),
    ("Turkse", "Turkije", "Turks", ("Emre", "Mehmet"), ("Elif", "Zeynep")),
    (
        "Marokkaanse",
        "Marokko",
        "Arabisch, Berbers",
        ("Youssef", "Karim"),
        ("Fatima", "Nadia"),
    ),
    ("Oekraïense", "Oekraïne", "Oekraïens", ("Oleksandr", "Taras"), ("Olena", "Iryna")),
)
ACHTERNAMEN = (
    "Haddad", "Tesfay", "Rahimi", "Yilmaz", "El Amrani", "Kovalenko", "Alhassan",
    "Ghebremedhin", "Karimi", "Demir", "Bakkali", "Shevchenko", "Mansour", "Berhane",
)  # fmt: skip
STRATEN = {
    "Zevenaar": ("Kerkstraat", "6901", "AB"),
    "Duiven": ("Rijksweg", "6921", "CD"),
    "Westervoort": ("Dorpsstraat", "6931", "EF"),
}


def bsn(index: int) -> str:
    """The index-th seeded BSN: unique per index, always passing the elfproef."""
    if not 0 <= index < MAX_DOSSIERS:
        raise ValueError(f"Hoogstens {MAX_DOSSIERS} benchmarkdossiers.")
    prefix = str(BSN_BASIS + index)
    for achtste in range(10):
        cijfers = prefix + str(achtste)
        controle = sum(
            int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)
        )
        if controle % 11 < 10:
            return cijfers + str(controle % 11)
    raise AssertionError("unreachable: the eighth digit changes the sum by 2 mod 11")


def geseede_dossiers():
    """The dossiers this module made."""
    return Inburgeraar.objects.filter(bsn__gte=BSN_VAN, bsn__lt=BSN_TOT)


# --- Reference data (made once) --------------------------------------------------------


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


# --- One chunk of dossiers ---------------------------------------------------------------


class Rijen:
    """The rows of one chunk, per model, in the order they are inserted.

    The monthly hours are most of the rows (about 30 per dossier): they are kept as
    tuples and written with COPY, which is several times faster than making and
    inserting model instances. Everything else goes through bulk_create."""

    UREN_KOLOMMEN = (
        "inburgeraar_id",
        "traject_id",
        "aanbieder_id",
        "onderdeel",
        "maand",
        "uren_aanwezig",
        "uren_geroosterd",
        "keurmerk",
        "bron",
        "vastgelegd_door_id",
    )

    MODELLEN = (
        Inburgeraar,
        Gebeurtenis,
        BredeIntake,
        IntakeGezondheid,
        Pip,
        Beschikking,
        Inburgeringstermijn,
        Verlenging,
        Bezwaar,
        Traject,
        TrajectOnderdeel,
        Examenpoging,
        Afronding,
        Participatieactiviteit,
        Routestand,
        Ontzorging,
        Handhavingszaak,
        Maatregel,
    )

    def __init__(self):
        self.per_model = {model: [] for model in self.MODELLEN}
        self.uren: list[tuple] = []

    def add(self, obj) -> None:
        self.per_model[type(obj)].append(obj)

    def opslaan(self) -> dict:
        for model, objs in self.per_model.items():
            if objs:
                model.objects.bulk_create(objs, batch_size=BATCH)
        self._uren_kopieren()
        aantallen = {model: len(objs) for model, objs in self.per_model.items()}
        return aantallen | {Urenregistratie: len(self.uren)}

    def _uren_kopieren(self) -> None:
        if not self.uren:
            return
        nu = timezone.now().isoformat()
        # Ids, codes, dates and decimals only: no tab, newline or backslash to escape.
        tekst = "".join("\t".join(map(str, rij)) + f"\t{nu}\n" for rij in self.uren)
        kolommen = ", ".join((*self.UREN_KOLOMMEN, "vastgelegd_op"))
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {Urenregistratie._meta.db_table} ({kolommen}) FROM STDIN",
                io.StringIO(tekst),
            )


class Bouwer:
    """Builds the rows of one dossier with a seeded random generator."""

    def __init__(self, ref: Referentie, vandaag: date):
        self.ref = ref
        self.vandaag = vandaag
        self.rng = random.Random(SEED)
        self.gemeenten = ref.gemeenten
        self.gewichten = [GEMEENTE_GEWICHTEN[g.naam] for g in ref.gemeenten]
        self.vorige_maand = maanden_later(maand_begin(vandaag), -1)
        self.asiel = {
            d for d, c in settings.DOELGROEP_CATEGORIE.items() if c == "asiel"
        }

    # Helpers

    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    def later(self, dag: date, van: int, tot: int) -> date:
        return dag + timedelta(days=self.rng.randint(van, tot))

    def bekend(self, dag: date | None) -> date | None:
        """A date that has not come yet is not known yet."""
        return dag if dag is not None and dag <= self.vandaag else None

    def moment(self, dag: date) -> datetime:
        return timezone.make_aware(datetime.combine(dag, time(10, 0)))

    # The dossier

    def dossier(self, index: int, rijen: Rijen) -> None:
        rng = self.rng
        gemeente = rng.choices(self.gemeenten, self.gewichten)[0]
        doelgroep = rng.choices(*zip(*DOELGROEP_GEWICHTEN, strict=True))[0]
        asiel = doelgroep in self.asiel
        nationaliteit, land, taal, mannen, vrouwen = rng.choice(HERKOMST)
        man = self.kans(0.55)
        laatste_start = self.vandaag - timedelta(days=30)
        start = WI2021_VANAF + timedelta(
            days=round(rng.random() ** 0.8 * (laatste_start - WI2021_VANAF).days)
        )
        leeftijd = rng.randint(18, 58)
        geboren = start - timedelta(days=round(leeftijd * 365.25) + rng.randint(0, 364))
        kennisgeving = self.bekend(self.later(start, 14, 42))
        koppeling = huisvesting = None
        if asiel:
            koppeling = self.later(start, 7, 35)
            huisvesting = self.later(koppeling, 42, 150)
            brp = self.later(huisvesting, 0, 7)
        else:
            brp = self.later(start, 7, 42)
        brp = self.bekend(brp)
        bijstand = asiel and self.kans(0.6) and huisvesting is not None
        bijstand_start = self.bekend(huisvesting) if bijstand else None
        bijstand = bijstand_start is not None
        straat, cijfers, letters = STRATEN[gemeente.naam]
        casus = rng.choice(self.ref.casusregisseurs[gemeente.pk])
        dossier = Inburgeraar(
            bsn=bsn(index),
            v_nummer=f"{3_000_000_000 + index}",
            voornamen=rng.choice(mannen if man else vrouwen),
            achternaam=rng.choice(ACHTERNAMEN),
            geboortedatum=geboren,
            geslacht=Geslacht.MAN if man else Geslacht.VROUW,
            nationaliteit=nationaliteit,
            geboorteland=land,
            talen=taal,
            telefoon=f"06-{20_000_000 + index:08d}",
            straat=straat,
            huisnummer=str(1 + index % 180),
            postcode=f"{cijfers} {letters}",
            woonplaats=gemeente.naam,
            gemeente=gemeente,
            wet_regime=WetRegime.WI2021,
            doelgroep=doelgroep,
            start_inburgeringsplicht=start,
            datum_kennisgeving=kennisgeving,
            datum_brp_inschrijving=brp,
            datum_coa_koppeling=self.bekend(koppeling),
            datum_huisvesting=self.bekend(huisvesting),
            casusregisseur=casus,
            rsd_klantmanager=self.ref.klantmanager if bijstand else None,
            bijstand=bijstand,
            bijstand_start=bijstand_start,
            pip_deadline=pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp),
            status=Status.SIGNAAL_ONTVANGEN,
        )
        rijen.add(dossier)
        rijen.add(
            Gebeurtenis(
                inburgeraar=dossier,
                soort=GebeurtenisSoort.AANGEMAAKT,
                omschrijving="Dossier aangemaakt (benchmark)",
            )
        )
        if kennisgeving is None:
            if self.kans(0.3):
                dossier.casusregisseur = None  # new: not yet assigned
            return
        self._verloop(dossier, casus, asiel, leeftijd, rijen)
        if bijstand and self.kans(0.6):
            self._ontzorging(dossier, casus, rijen)

    def _verloop(self, dossier, casus, asiel: bool, leeftijd: int, rijen) -> None:
        """Intake, PIP and what follows, as far as the dossier's age allows."""
        rng = self.rng
        begin = max(
            d for d in (dossier.datum_kennisgeving, dossier.datum_brp_inschrijving) if d
        )
        intake_start = self.later(begin, 3, 25)
        if intake_start > self.vandaag or self.kans(0.02):
            dossier.status = Status.INTAKE_GEPLAND if self.kans(0.5) else dossier.status
            return
        afgerond_op = self.later(intake_start, 10, 30)
        te_laat = self.kans(0.2)
        dagtekening = (
            self.later(begin, 71, 130) if te_laat else self.later(begin, 35, 69)
        )
        dagtekening = max(dagtekening, afgerond_op + timedelta(days=1))
        afgerond = afgerond_op <= self.vandaag
        self._intake(
            dossier, casus, intake_start, afgerond_op if afgerond else None, rijen
        )
        if not afgerond:
            dossier.status = Status.INTAKE_LOOPT
            return
        if self.kans(0.03):
            dossier.status = rng.choice(
                (Status.VRIJGESTELD, Status.ONTHEVEN, Status.VERHUISD, Status.BEEINDIGD)
            )
            return
        if dagtekening > self.vandaag:
            dossier.status = Status.PIP_CONCEPT
            rijen.add(self._pip(dossier, casus, 1, self._route(asiel, leeftijd), None))
            return
        route = self._route(asiel, leeftijd)
        pip = self._pip(dossier, casus, 1, route, dagtekening)
        rijen.add(pip)
        beschikking = self._beschikking(dossier, casus, pip, dagtekening)
        rijen.add(beschikking)
        start = termijn_start(dagtekening)
        einde = termijn_einde(start)
        termijn = Inburgeringstermijn(
            inburgeraar=dossier,
            eerste_beschikking=beschikking,
            startdatum=start,
            oorspronkelijke_einddatum=einde,
            einddatum=einde,
        )
        rijen.add(termijn)
        dossier.pip_vastgesteld_op = dagtekening
        dossier.status = Status.PIP_VASTGESTELD
        if self.kans(0.02) and beschikking.bezwaar_deadline < self.vandaag:
            rijen.add(self._bezwaar(beschikking, casus))
        self._route_volgen(dossier, casus, asiel, pip, termijn, rijen)

    def _route(self, asiel: bool, leeftijd: int) -> str:
        gewichten = (60, 15, 25) if asiel else (80, 5, 15)
        route = self.rng.choices((B1, ONDERWIJS, Z), gewichten)[0]
        return B1 if route == ONDERWIJS and leeftijd > 27 else route

    def _intake(self, dossier, casus, gestart_op, afgerond_op, rijen) -> None:
        rng = self.rng
        jaren = rng.randint(0, 16)
        intake = BredeIntake(
            inburgeraar=dossier,
            gestart_op=gestart_op,
            gestart_door=casus,
            status=IntakeStatus.AFGEROND if afgerond_op else IntakeStatus.LOOPT,
            afgerond_op=afgerond_op,
            afgerond_door=casus if afgerond_op else None,
            lbt_datum=self.bekend(gestart_op + timedelta(days=2)),
            lbt_uitkomst=rng.choice(("b1_of_hoger", "a2", "a1_of_lager")),
            lbt_toetsbegeleider="M. Hendriks",
            hoogste_opleiding="geen" if jaren == 0 else "voortgezet",
            land_opleiding=dossier.geboorteland,
            jaren_onderwijs=jaren,
            gealfabetiseerd="ja" if jaren >= 6 else "deels",
            persoonlijke_omstandigheden="Woont met gezin; zoekt werk in de buurt."
            if afgerond_op
            else "",
            wens=rng.choice(("werk", "opleiding", "geen_voorkeur")),
            individueel_gesprek_aangeboden=True,
            coa_profiel_ontvangen_op=dossier.datum_coa_koppeling,
        )
        rijen.add(intake)
        rijen.add(
            IntakeGezondheid(
                intake=intake,
                fysieke_gezondheid="Geen bijzonderheden.",
                besproken_op=intake.lbt_datum if afgerond_op else None,
            )
        )

    def _pip(self, dossier, casus, versie: int, route: str, dagtekening, reden=None):
        vastgesteld = dagtekening is not None
        return Pip(
            inburgeraar=dossier,
            versie=versie,
            status=PipStatus.VASTGESTELD if vastgesteld else PipStatus.CONCEPT,
            reden=reden or WijzigingReden.INITIEEL,
            toelichting_wijziging="B1 bleek te hoog gegrepen." if reden else "",
            leerroute=route,
            taalniveau=TAALNIVEAU[route],
            **{
                f"reden_afwijzing_{r}": AFWIJZING[r]
                for r in (B1, ONDERWIJS, Z)
                if r != route
            },
            ondersteuning="Maatschappelijke begeleiding; taalmaatje via het buurthuis.",
            maatschappelijke_begeleiding=True,
            pvt_uren=12,
            map_uren=None if route == ONDERWIJS else 40,
            knm_vorm="cursus" if route == Z else "examen",
            voortgangsgesprek_interval_weken=12,
            cursus_eigen_keuze=dossier.doelgroep not in self.asiel,
            aangemaakt_door=casus,
            vastgesteld_op=self.moment(dagtekening) if vastgesteld else None,
            vastgesteld_door=casus if vastgesteld else None,
        )

    def _beschikking(self, dossier, casus, pip, dagtekening: date) -> Beschikking:
        kenmerk = f"PIP-{dossier.gemeente.cbs_code}-{dagtekening:%Y}-B{dossier.bsn}-{pip.versie}"
        return Beschikking(
            pip=pip,
            inburgeraar=dossier,
            kenmerk=kenmerk,
            dagtekening=dagtekening,
            bekendmaking=dagtekening,
            bezwaar_deadline=bezwaar_deadline(dagtekening),
            pdf=f"beschikkingen/benchmark/{kenmerk}.pdf",
            sha256="0" * 64,
            vastgesteld_door=casus,
        )

    def _bezwaar(self, beschikking, casus) -> Bezwaar:
        ontvangen = self.later(beschikking.dagtekening, 10, 40)
        beslist = ontvangen + timedelta(weeks=10)
        klaar = beslist <= self.vandaag and self.kans(0.7)
        return Bezwaar(
            beschikking=beschikking,
            ontvangen_op=min(ontvangen, self.vandaag),
            gronden="De onderwijsroute is niet goed onderzocht.",
            besluit_datum=beslist if klaar else None,
            uitkomst=BezwaarUitkomst.ONGEGROND if klaar else "",
            geregistreerd_door=casus,
        )

    # After the PIP

    def _route_volgen(self, dossier, casus, asiel, pip, termijn, rijen) -> None:
        rng = self.rng
        vandaag = self.vandaag
        traject_start = self.later(termijn.startdatum, 7, 60)
        if traject_start > vandaag or self.kans(0.04):
            return  # still waiting for an aanbieder
        profiel = rng.choices(("goed", "matig", "zwak"), (55, 30, 15))[0]
        voldaan_op = None
        if profiel != "zwak":
            klaar = self.later(maanden_later(traject_start, rng.randint(18, 34)), 0, 27)
            if klaar < vandaag and self.kans(0.8 if profiel == "goed" else 0.5):
                voldaan_op = klaar
        laatste = self.vorige_maand
        if voldaan_op:
            laatste = min(laatste, voldaan_op.replace(day=1))
        if self.kans(0.05):
            laatste = maanden_later(
                laatste, -2
            )  # the aanbieder has not reported lately
        route = pip.leerroute
        wissel = None
        if route == B1 and voldaan_op is None and self.kans(0.1):
            wissel = self.later(maanden_later(traject_start, 8), 0, 120)
            if wissel > vandaag - timedelta(days=30):
                wissel = None
        opkomst = rng.uniform(*PROFIELEN[profiel])
        geplande_einde = max(
            min(maanden_later(traject_start, 30), termijn.einddatum), traject_start
        )
        delen = []
        if wissel is None:
            delen.append((pip, route, traject_start, None, ""))
        else:
            pip2 = self._pip(
                dossier, casus, 2, Z, wissel, reden=WijzigingReden.SCHAKELEN
            )
            rijen.add(pip2)
            rijen.add(self._beschikking(dossier, casus, pip2, wissel))
            tweede_start = wissel + timedelta(days=rng.randint(3, 21))
            delen.append(
                (pip, route, traject_start, tweede_start, TrajectEinde.SCHAKELEN)
            )
            delen.append((pip2, Z, tweede_start, None, ""))
            route = Z
        ingekocht = asiel
        norm = Decimal(0)
        gevolgd = Decimal(0)
        for deel_pip, deel_route, van, tot, einde_reden in delen:
            aanbieder, contract = rng.choice(self.ref.aanbieders[deel_route])
            einde = tot or (voldaan_op if voldaan_op else None)
            traject = Traject(
                inburgeraar=dossier,
                pip=deel_pip,
                leerroute=deel_route,
                aanbieder=aanbieder,
                contract=contract if ingekocht else None,
                ingekocht=ingekocht,
                start=van,
                geplande_einde=max(geplande_einde, van),
                einde=einde,
                einde_reden=einde_reden or (TrajectEinde.VOLDAAN if einde else ""),
                aangemaakt_door=casus,
            )
            rijen.add(traject)
            uren = dict(CONTRACTEN[deel_route][1])
            for onderdeel, (geplande, _) in uren.items():
                if onderdeel == PARTICIPATIE_Z and not asiel:
                    continue
                eerste, aantal = ROOSTER[deel_route][onderdeel]
                rijen.add(
                    TrajectOnderdeel(
                        traject=traject,
                        onderdeel=onderdeel,
                        geplande_uren=geplande,
                        start=maanden_later(maand_begin(van), eerste),
                        geplande_einde=periode_einde(
                            maanden_later(maand_begin(van), eerste), maanden=aantal
                        ),
                    )
                )
                if einde is None and onderdeel in CURSUS:
                    norm += geplande
            # Monthly hours along the rooster, until the last reported month.
            m0 = maand_begin(van)
            # A closed traject reports until the month before the next one starts.
            eind_maand = (
                min(laatste, maanden_later(maand_begin(tot), -1)) if tot else laatste
            )
            maanden = maanden_verschil(m0, eind_maand)
            for i in range(maanden + 1):
                maand = maanden_later(m0, i)
                aanwezigheid = min(1.0, max(0.0, opkomst + rng.uniform(-0.06, 0.06)))
                for onderdeel, (eerste, aantal) in ROOSTER[deel_route].items():
                    if not eerste <= i < eerste + aantal:
                        continue
                    if onderdeel == PARTICIPATIE_Z and not asiel:
                        continue
                    geroosterd = Decimal(round(2 * uren[onderdeel][0] / aantal)) / 2
                    aanwezig = Decimal(round(2 * float(geroosterd) * aanwezigheid)) / 2
                    rijen.uren.append(
                        (
                            dossier.pk,
                            traject.pk,
                            aanbieder.pk,
                            onderdeel,
                            maand,
                            aanwezig,
                            geroosterd,
                            "t",
                            UrenBron.IMPORT,
                            casus.pk,
                        )
                    )
                    if onderdeel in CURSUS:
                        gevolgd += aanwezig
        dossier.status = Status.IN_TRAJECT
        self._examens(dossier, casus, route, traject_start, voldaan_op, profiel, rijen)
        werk_sinds = self._participatie(dossier, casus, traject_start, rijen)
        self._afronding(dossier, route, traject_start, voldaan_op, rijen)
        if voldaan_op:
            dossier.status = Status.AFGEROND_VOLDAAN
        elif termijn.einddatum < vandaag:
            dossier.status = Status.TERMIJN_OVERSCHREDEN
        if voldaan_op is None and self.kans(0.03):
            self._verlenging(termijn, casus, rijen)
        if voldaan_op is None and self.kans(0.04):
            self._handhaving(dossier, casus, termijn.startdatum, rijen)
        gesprek = self.later(vandaag, -45, 75)
        rijen.add(
            Routestand(
                inburgeraar=dossier,
                koers="" if voldaan_op else KOERS[profiel],
                koers_redenen=[f"inburgeringsplicht voldaan op {voldaan_op:%d-%m-%Y}"]
                if voldaan_op
                else [],
                uren_gevolgd=gevolgd,
                uren_norm=norm,
                duurzaam_werk_sinds=werk_sinds,
                meedoen_sinds=self.bekend(
                    maanden_later(traject_start, rng.randint(4, 20))
                )
                if profiel != "zwak"
                else None,
                volgend_voortgangsgesprek=None if voldaan_op else gesprek,
                berekend_op=vandaag,
            )
        )

    def _examens(
        self, dossier, casus, route, start, voldaan_op, profiel, rijen
    ) -> None:
        rng = self.rng
        knm = self.bekend(maanden_later(start, rng.randint(10, 16)))
        if knm is None:
            return
        rijen.add(
            Examenpoging(
                inburgeraar=dossier,
                onderdeel=Examenonderdeel.KNM,
                datum=knm,
                geslaagd=voldaan_op is not None or self.kans(0.85),
                vastgelegd_door=casus,
            )
        )
        if route == Z:
            return
        examendag = self.bekend(
            voldaan_op - timedelta(days=20)
            if voldaan_op
            else maanden_later(start, rng.randint(18, 30))
        )
        if examendag is None:
            return
        for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
            rijen.add(
                Examenpoging(
                    inburgeraar=dossier,
                    onderdeel=onderdeel,
                    niveau="B1",
                    datum=examendag,
                    geslaagd=voldaan_op is not None
                    or self.kans(0.6 if profiel == "goed" else 0.3),
                    vastgelegd_door=casus,
                )
            )

    def _participatie(self, dossier, casus, start, rijen) -> date | None:
        if not self.kans(0.45):
            return None
        rng = self.rng
        soort = rng.choices(
            (
                ActiviteitSoort.BETAALD_WERK,
                ActiviteitSoort.VRIJWILLIGERSWERK,
                ActiviteitSoort.STAGE,
                ActiviteitSoort.OPLEIDING,
            ),
            (40, 35, 15, 10),
        )[0]
        van = self.bekend(maanden_later(start, rng.randint(2, 18)))
        if van is None:
            return None
        uren = Decimal(rng.choice((8, 12, 16, 24, 32)))
        tot = self.later(van, 60, 400) if self.kans(0.3) else None
        rijen.add(
            Participatieactiviteit(
                inburgeraar=dossier,
                soort=soort,
                organisatie="Distributiecentrum Liemerhof"
                if soort == ActiviteitSoort.BETAALD_WERK
                else "Buurthuis De Brink",
                uren_per_week=uren,
                start=van,
                einde=self.bekend(tot),
                vastgelegd_door=casus,
            )
        )
        duurzaam = (
            soort == ActiviteitSoort.BETAALD_WERK
            and uren >= 12
            and tot is None
            and periode_einde(van, maanden=6) <= self.vandaag
        )
        return periode_einde(van, maanden=6) if duurzaam else None

    def _afronding(self, dossier, route, start, voldaan_op, rijen) -> None:
        pvt = self.bekend(maanden_later(start, 3))
        if pvt is None or not (voldaan_op or self.kans(0.6)):
            return
        rijen.add(
            Afronding(
                inburgeraar=dossier,
                participatieverklaring_getekend_op=pvt,
                map_afgerond_op=self.bekend(maanden_later(start, 10))
                if route != ONDERWIJS
                else None,
                z_eindgesprek_op=voldaan_op if route == Z else None,
                z_eindgesprek_verslag="Eindgesprek gevoerd."
                if route == Z and voldaan_op
                else "",
                onderwijsroute_resultaat_op=voldaan_op if route == ONDERWIJS else None,
                onderwijsroute_resultaat="B1 behaald; ingeschreven bij het mbo."
                if route == ONDERWIJS and voldaan_op
                else "",
                voldaan_op=voldaan_op,
            )
        )

    def _verlenging(self, termijn, casus, rijen) -> None:
        vorige = termijn.einddatum
        besluit = min(self.vandaag, vorige - timedelta(days=60))
        if besluit <= termijn.startdatum:
            return
        nieuwe = verlengd_einde(vorige, maanden=6)
        termijn.einddatum = nieuwe
        rijen.add(
            Verlenging(
                termijn=termijn,
                besluitdatum=besluit,
                vorige_einddatum=vorige,
                nieuwe_einddatum=nieuwe,
                reden=VerlengingReden.EXAMENVERTRAGING,
                duo_kenmerk="DUO-BENCH",
                vastgelegd_door=casus,
            )
        )

    def _handhaving(self, dossier, casus, termijn_start_: date, rijen) -> None:
        """A zaak as far as its dates allow: overtreding, waarschuwing, rapport and
        zienswijze, then a besluit (boete or afzien)."""
        rng = self.rng
        overtreding_op = self.later(termijn_start_, 60, 500)
        if overtreding_op > self.vandaag:
            return
        zaak = Handhavingszaak(
            inburgeraar=dossier,
            overtreding=rng.choice((Overtreding.PVT, Overtreding.PIP_VERPLICHTINGEN)),
            datum_overtreding=overtreding_op,
            feiten="Niet verschenen bij de lessen en het participatieverklaringstraject.",
            status=HandhavingStatus.OVERTREDING,
            aangemaakt_door=casus,
        )
        stappen = rng.randint(0, 4)  # how far the zaak would be, time permitting
        waarschuwing = self.bekend(overtreding_op + timedelta(days=14))
        if stappen >= 1 and waarschuwing:
            zaak.status = HandhavingStatus.GEWAARSCHUWD
            zaak.waarschuwing_op = waarschuwing
        rapport = self.bekend(overtreding_op + timedelta(days=rng.randint(30, 90)))
        if stappen >= 2 and zaak.waarschuwing_op and rapport:
            zaak.status = HandhavingStatus.ZIENSWIJZE
            zaak.voorgenomen_bedrag = Decimal("500.00")
            zaak.rapport_op = rapport
            zaak.rapport = "Rapport opgemaakt na twee gemiste afspraken."
            zaak.zienswijze_tot = zienswijze_termijn(rapport, 2)
            zaak.beslistermijn = beslistermijn(rapport, 13)
            besluit = self.bekend(rapport + timedelta(weeks=rng.randint(4, 12)))
            if stappen >= 3 and besluit:
                zaak.besluit_op = besluit
                if stappen == 3:
                    zaak.status = HandhavingStatus.BOETE
                    zaak.besluit = BesluitSoort.BOETE
                    zaak.verwijtbaarheid = Verwijtbaarheid.VOLLEDIG
                    zaak.boetebedrag = Decimal("500.00")
                else:
                    zaak.status = HandhavingStatus.AFGEZIEN
                    zaak.besluit = BesluitSoort.AFZIEN
                    zaak.afzien_reden = "Betrokkene was ziek; niet verwijtbaar."
        rijen.add(zaak)
        if dossier.bijstand and self.kans(0.3):
            rijen.add(
                Maatregel(
                    inburgeraar=dossier,
                    grond=MaatregelGrond.RE_INTEGRATIE,
                    datum_gedraging=overtreding_op,
                    omschrijving="Niet verschenen bij het re-integratietraject.",
                    besluit_op=min(overtreding_op + timedelta(days=20), self.vandaag),
                    verlaging_procent=20,
                    duur_maanden=1,
                    vastgelegd_door=self.ref.klantmanager,
                )
            )

    def _ontzorging(self, dossier, casus, rijen) -> None:
        start = dossier.bijstand_start
        einde = regulier_einde(start, 6)
        rijen.add(
            Ontzorging(
                inburgeraar=dossier,
                startdatum=start,
                duur_maanden=6,
                einddatum=einde,
                machtiging_getekend_op=self.bekend(start + timedelta(days=10)),
                aangemaakt_door=casus,
            )
        )


# --- Entry point ---------------------------------------------------------------------------


def seed(n: int, *, stdout=None) -> None:
    """Add `n` seeded dossiers (see the module docstring)."""
    vandaag = timezone.localdate()
    with transaction.atomic():
        ref = _referentie(vandaag)
        gebruikers()
    offset = geseede_dossiers().count()
    totaal: dict = {}
    bouwer = Bouwer(ref, vandaag)
    for begin in range(offset, offset + n, BATCH):
        eind = min(begin + BATCH, offset + n)
        rijen = Rijen()
        for index in range(begin, eind):
            # One generator per dossier: the index alone decides what it looks like.
            bouwer.rng = random.Random(SEED * 1_000_003 + index)
            bouwer.dossier(index, rijen)
        with transaction.atomic():
            for model, aantal in rijen.opslaan().items():
                totaal[model] = totaal.get(model, 0) + aantal
        if stdout is not None:
            stdout.write(f"  {eind - offset:>9} van {n} dossiers")
    if stdout is not None:
        for model, aantal in totaal.items():
            stdout.write(f"  {model._meta.verbose_name_plural:<36}{aantal:>10}")
