"""The demo region's leerroutes: the keten, trajecten, hours, exams, participation.

Runs after the PIPs of pip_plans.demo (settings.DEMO_REGION_EXTENSIONS). The keten
(taalaanbieders, contracts, ketenpartners) is matched on name, so it is made once.
The rest is for the demo dossiers with a vastgesteld PIP, and only when none of
them has a traject yet: a second run adds nothing. Everything about a person goes
through the real services, so the rules, the timeline and the routestand are real;
only the dates are historic, and they all lie before today.

Each person gets a profile that decides their attendance (and so their hours,
levels and exams): "goed" attends 90-100 % of the scheduled hours, "matig" about
70 %, "zwak" under 60 %; the builder's voldaan dossiers finish their route, and one
or two B1-route dossiers are afgeschaald after 600 NT2 hours.
"""

import random
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from intake.demo.builder import demo_dossiers
from intake.demo.data import WI2021_START
from intake.models import DoelgroepCategorie, Inburgeraar, Leerroute, Status
from pip_plans import services as pip_services
from pip_plans.models import Beschikking, Pip, PipStatus, WijzigingReden
from zevenaar_inburgering.termijnen import (
    maand_begin,
    maanden_later,
    maanden_tussen,
    periode_einde,
)

from . import rules, services
from .models import (
    Afronding,
    Contract,
    ContractOnderdeel,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Routestand,
    Traject,
    UrenBron,
    Urenregistratie,
    Verwijzing,
    VerwijzingStatus,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from .routestand import alle_routestanden_bijwerken, gesprek_te_doen_tot

SEED = 2021
NT2, KNM, PVT, MAP = Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP
TAALSCHAKEL, PARTICIPATIE_Z = Onderdeel.TAALSCHAKEL, Onderdeel.PARTICIPATIE_Z
B1, ONDERWIJS, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z

# --- The keten (demo data) -----------------------------------------------------------

# Name, Blik op Werk number, routes contracted, price factor, contact, keurmerk
# expired. De Brug's keurmerk lapsed: it may no longer get anyone.
TAALAANBIEDERS = (
    ("Taalhuis Liemers", "BOW-INB-20417", (B1, Z), "1.00", "Ineke Jansen", False),
    (
        "ROC Rijn IJssel Inburgering",
        "BOW-INB-18233",
        (B1, ONDERWIJS),
        "0.97",
        "Marco de Wit",
        False,
    ),
    (
        "Taalcentrum Arnhem-Oost",
        "BOW-INB-21950",
        (B1, Z),
        "1.04",
        "Samira el Idrissi",
        False,
    ),
    ("Taalschool De Brug", "BOW-INB-16108", (B1,), "0.92", "Peter Hendriks", True),
)
DE_BRUG = "Taalschool De Brug"
# Per route: the price per person and, per onderdeel, the hours and the price.
CONTRACT_INHOUD = {
    B1: (
        "10500.00",
        {
            NT2: (600, "7800.00"),
            KNM: (80, "1040.00"),
            PVT: (12, "240.00"),
            MAP: (40, "1420.00"),
        },
    ),
    ONDERWIJS: (
        "16200.00",
        {
            TAALSCHAKEL: (800, "10400.00"),
            NT2: (400, "4600.00"),
            KNM: (80, "960.00"),
            PVT: (12, "240.00"),
        },
    ),
    Z: (
        "9800.00",
        {
            NT2: (720, "5400.00"),
            KNM: (80, "600.00"),
            PARTICIPATIE_Z: (800, "3200.00"),
            PVT: (12, "240.00"),
            MAP: (40, "360.00"),
        },
    ),
}
KETENPARTNERS = (
    ("RSD de Liemers", OrganisatieSoort.RSD, "Team Werk en Inkomen"),
    (
        "Vluchtelingenwerk Oost Nederland",
        OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
        "Locatie Zevenaar",
    ),
    ("Caleidoz", OrganisatieSoort.WELZIJN, "Buurtwerk Zevenaar"),
    ("Kunstwerk", OrganisatieSoort.WELZIJN, "Welzijn Duiven en Westervoort"),
    ("Taalmaatjes Liemers", OrganisatieSoort.TAALMAATJES, "Coördinator taalmaatjes"),
    ("Distributiecentrum Liemerhof", OrganisatieSoort.WERKGEVER, "HR"),
    ("Zorgcentrum De Lindehorst", OrganisatieSoort.WERKGEVER, "Personeelszaken"),
    ("Bouwbedrijf Rijnwaard", OrganisatieSoort.WERKGEVER, "Uitvoering"),
)
VLUCHTELINGENWERK = "Vluchtelingenwerk Oost Nederland"
OVERIGE_WERKGEVERS = (
    "Supermarkt De Liemers",
    "Schoonmaakbedrijf Rijnstad",
    "Kwekerij Groessen",
    "Restaurant De Oude Post",
)

# --- The people ----------------------------------------------------------------------

# Attendance (share of the scheduled hours) and growth in levels per 30 months.
PROFIELEN = {
    "goed": (0.90, 1.00, 2.3),
    "matig": (0.63, 0.77, 1.6),
    "zwak": (0.38, 0.55, 1.0),
}
# The rooster of each onderdeel: (first month, number of months) from the start.
ROOSTER = {
    B1: {NT2: (0, 28), KNM: (3, 10), PVT: (1, 3), MAP: (6, 4)},
    ONDERWIJS: {TAALSCHAKEL: (0, 20), NT2: (8, 22), KNM: (3, 10), PVT: (1, 3)},
    Z: {NT2: (0, 30), KNM: (3, 10), PARTICIPATIE_Z: (2, 28), PVT: (1, 3), MAP: (6, 4)},
}
# Afgeschaald: a heavier NT2 course (800 hours in 24 months) reaches 600 sooner.
AFSCHALEN_NT2 = (800, 24)
NIVEAUS = (rules.A1, rules.A2, rules.B1_NIVEAU)
AANLEG = {"spreken": 0.3, "luisteren": 0.2, "lezen": 0.1, "schrijven": -0.2}
OPMERKINGEN = {
    "goed": "Werkt goed mee en maakt huiswerk; klaar voor examens.",
    "matig": "Mist regelmatig lessen door afspraken en zorg voor de kinderen.",
    "zwak": "Komt onregelmatig; aanwezigheid besproken met de casusregisseur.",
}
VERWIJZING_REDENEN = {
    OrganisatieSoort.TAALMAATJES: "Extra oefenen met spreken naast de taalles.",
    OrganisatieSoort.WELZIJN: "Meedoen in de wijk; zoekt vrijwilligerswerk.",
    OrganisatieSoort.RSD: "Werkfit-traject en begeleiding naar werk.",
    OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING: "Hulp bij post en formulieren.",
}
TERUGKOPPELING = {
    VerwijzingStatus.VERSTUURD: "",
    VerwijzingStatus.GEACCEPTEERD: "Intakegesprek gehad; start volgende maand.",
    VerwijzingStatus.AFGEWEZEN: "Geen plek op dit moment; wachtlijst tot na de zomer.",
    VerwijzingStatus.AFGEROND: "Afgerond; betrokkene komt nog af en toe langs.",
}
# Old referrals cycle through these; every sixth is recent and still verstuurd.
VERWIJZING_UITKOMSTEN = (
    VerwijzingStatus.AFGEROND,
    VerwijzingStatus.GEACCEPTEERD,
    VerwijzingStatus.AFGEROND,
    VerwijzingStatus.AFGEWEZEN,
    VerwijzingStatus.GEACCEPTEERD,
)


@dataclass
class Persoon:
    """One demo dossier with a vastgesteld PIP and what the demo does with it."""

    dossier: Inburgeraar
    pip: Pip
    start: date  # of the (first) traject
    profiel: str
    rol: str  # "traject", "voldaan", "afschalen" or "wacht"
    opkomst: float = 0.0  # the share of scheduled hours attended
    groei: float = 0.0  # levels gained per 30 months
    voldaan_op: date | None = None
    uren: dict = field(default_factory=dict)  # planned hours per onderdeel
    # (traject, first month index, last month index) from the first traject start.
    delen: list = field(default_factory=list)
    maand_aanwezigheid: dict = field(default_factory=dict)

    @property
    def user(self):
        return self.dossier.casusregisseur

    @property
    def asiel(self) -> bool:
        return self.dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL


def _maand_index(van: date, tot: date) -> int:
    """How many calendar months `tot`'s month lies after `van`'s (-1 when before)."""
    return len(maanden_tussen(van, tot)) - 1


def _dag(rng: random.Random, van: date, tot: date) -> date:
    """A day from `van` to `tot`, both included (`van` when the range is empty)."""
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


# --- Keten ---------------------------------------------------------------------------


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


# --- Who gets what -------------------------------------------------------------------


def _personen(rng: random.Random, vandaag: date) -> list[Persoon]:
    """The demo dossiers with a vastgesteld PIP, each with a role and a profile."""
    dossiers = (
        demo_dossiers()
        .filter(termijn__isnull=False, casusregisseur__isnull=False)
        .select_related("termijn", "gemeente", "casusregisseur")
        .order_by("bsn")
    )
    laatste: dict = {}
    for pip in Pip.objects.filter(
        inburgeraar__in=dossiers, status=PipStatus.VASTGESTELD
    ).order_by("inburgeraar", "-versie"):
        laatste.setdefault(pip.inburgeraar_id, pip)
    geschakeld = {
        b.inburgeraar_id: b.dagtekening
        for b in Beschikking.objects.filter(
            pip__in=[p for p in laatste.values() if p.reden == WijzigingReden.SCHAKELEN]
        )
    }
    personen = []
    for dossier in dossiers:
        pip = laatste.get(dossier.pk)
        if pip is None:
            continue
        start = dossier.termijn.startdatum
        if dossier.pk in geschakeld:
            # The new route starts some days after the schakel-beschikking.
            start = min(geschakeld[dossier.pk] + timedelta(rng.randint(3, 21)), vandaag)
        profiel = rng.choices(("goed", "matig", "zwak"), (50, 30, 20))[0]
        rol = "traject"
        voldaan_op = None
        if dossier.status == Status.PIP_VASTGESTELD and (
            start > vandaag - timedelta(weeks=8) or rng.random() < 0.4
        ):
            rol = "wacht"  # the casusregisseur has yet to assign an aanbieder
        elif dossier.status == Status.AFGEROND_VOLDAAN:
            rol, profiel = "voldaan", "goed"
            voldaan_op = min(
                maanden_later(dossier.termijn.startdatum, rng.randint(18, 30))
                + timedelta(rng.randint(0, 27)),
                vandaag - timedelta(rng.randint(10, 60)),
            )
        elif dossier.status == Status.TERMIJN_OVERSCHREDEN:
            profiel = "zwak"
        laag, hoog, groei = PROFIELEN[profiel]
        personen.append(
            Persoon(
                dossier=dossier,
                pip=pip,
                start=start,
                profiel=profiel,
                rol=rol,
                opkomst=rng.uniform(laag, hoog),
                groei=groei,
                voldaan_op=voldaan_op,
            )
        )
    # One or two B1-route dossiers that will be afgeschaald to A2: a long-running
    # B1 route (a first PIP or a later version that kept it) and good attendance,
    # but the levels stay at A2.
    concept = set(
        Pip.objects.filter(
            inburgeraar__in=dossiers, status=PipStatus.CONCEPT
        ).values_list("inburgeraar_id", flat=True)
    )
    kandidaten = [
        p
        for p in personen
        if p.rol == "traject"
        and p.dossier.status == Status.IN_TRAJECT
        and p.pip.leerroute == B1
        and p.pip.reden != WijzigingReden.SCHAKELEN
        and p.dossier.pk not in concept
        # 600 NT2 hours reached and the decision taken before today.
        and p.start <= maanden_later(vandaag, -23)
        # Time left in the termijn for the A2 exams.
        and p.dossier.termijn.einddatum > maanden_later(vandaag, 3)
    ]
    for persoon in rng.sample(kandidaten, min(2, len(kandidaten))):
        persoon.rol, persoon.profiel = "afschalen", "goed"
        persoon.opkomst, persoon.groei = rng.uniform(0.9, 0.97), 1.3
    # Whatever the draw, someone waits for an aanbieder: the latest to start.
    vastgesteld = [p for p in personen if p.dossier.status == Status.PIP_VASTGESTELD]
    if vastgesteld and all(p.rol != "wacht" for p in vastgesteld):
        max(vastgesteld, key=lambda p: p.start).rol = "wacht"
    return personen


def _geplande_uren(persoon: Persoon) -> dict[str, int]:
    route = persoon.pip.leerroute
    uren = {o: u for o, (u, _) in CONTRACT_INHOUD[route][1].items()}
    uren[PVT] = persoon.pip.pvt_uren or uren[PVT]
    if MAP in uren:
        uren[MAP] = persoon.pip.map_uren or uren[MAP]
    if PARTICIPATIE_Z in uren and not persoon.asiel:
        uren[PARTICIPATIE_Z] = 0  # only asielstatushouders have it (Besluit 3.14)
    if persoon.rol == "afschalen":
        uren[NT2] = AFSCHALEN_NT2[0]
    return uren


def _eerste_maand(persoon: Persoon) -> date:
    """The rooster starts in the traject's first month, or the next when it starts
    late in the month."""
    maand = maand_begin(persoon.start)
    return maand if persoon.start.day <= 20 else maanden_later(maand, 1)


def _geplande_einde(persoon: Persoon) -> date:
    """A route of 30 months, within the termijn."""
    termijn_einde = persoon.dossier.termijn.einddatum
    return max(
        min(periode_einde(persoon.start, maanden=30), termijn_einde), persoon.start
    )


def _toewijzen(
    rng: random.Random,
    persoon: Persoon,
    aanbieders: list[Organisatie],
    brug: Organisatie | None,
    vandaag: date,
) -> None:
    """Assign the aanbieder(s); `brug` first when its keurmerk lapses later."""
    dossier, route = persoon.dossier, persoon.pip.leerroute
    geplande_einde = _geplande_einde(persoon)
    uren = _geplande_uren(persoon)
    m0 = _eerste_maand(persoon)
    laatste = maanden_later(maand_begin(vandaag), -1)
    if persoon.voldaan_op:
        laatste = min(laatste, maand_begin(persoon.voldaan_op))
    laatste_index = _maand_index(m0, laatste)

    def kies(op: date) -> Organisatie:
        if persoon.asiel:
            opties = [a for a in aanbieders if services.geldig_contract(a, route, op)]
            return rng.choice(opties)
        # Gezins- and overige migranten choose (and pay) a course themselves.
        return rng.choices(aanbieders, (2, 1, 3))[0]

    toewijzen = dict(
        inburgeraar=dossier,
        geplande_einde=geplande_einde,
        uren=uren,
        acting_user=persoon.user,
    )
    if brug is not None:
        eerste = services.traject_toewijzen(
            aanbieder=brug, start=persoon.start, **toewijzen
        )
        # In the second month after the keurmerk lapsed: a month of hours at De
        # Brug without keurmerk.
        wissel = brug.keurmerk_geldig_tot + timedelta(rng.randint(35, 60))
        tweede = services.traject_toewijzen(
            aanbieder=kies(wissel), start=wissel, **toewijzen
        )
        index = _maand_index(m0, maand_begin(wissel))
        persoon.delen = [(eerste, 0, index - 1), (tweede, index, laatste_index)]
    else:
        traject = services.traject_toewijzen(
            aanbieder=kies(persoon.start), start=persoon.start, **toewijzen
        )
        persoon.delen = [(traject, 0, laatste_index)]
    persoon.uren = uren


def _uren_schrijven(persoon: Persoon, uren: list) -> None:
    services.uren_schrijven(uren, bron=UrenBron.IMPORT, acting_user=persoon.user)


def _halve_uren(waarde: float) -> Decimal:
    return Decimal(round(waarde * 2)) / 2


def _uren(rng: random.Random, personen: list[Persoon]) -> list[services.UrenInvoer]:
    """Monthly hours per onderdeel along its rooster, at the person's attendance."""
    invoer = []
    for persoon in personen:
        if not persoon.delen:
            continue
        route = persoon.pip.leerroute
        rooster = dict(ROOSTER[route])
        if persoon.rol == "afschalen":
            rooster[NT2] = (0, AFSCHALEN_NT2[1])
        m0 = _eerste_maand(persoon)
        for traject, van, tot in persoon.delen:
            for index in range(van, tot + 1):
                maand = maanden_later(m0, index)
                aanwezigheid = min(
                    1.0, max(0.0, persoon.opkomst + rng.uniform(-0.06, 0.06))
                )
                persoon.maand_aanwezigheid[index] = aanwezigheid
                for onderdeel, (eerste, aantal) in rooster.items():
                    gepland = persoon.uren.get(onderdeel) or 0
                    if not gepland or not eerste <= index < eerste + aantal:
                        continue
                    geroosterd = _halve_uren(gepland / aantal)
                    if onderdeel == PVT:
                        # Workshops: there or not.
                        kans = 1.0 if persoon.profiel == "goed" else 0.8
                        aanwezig = geroosterd if rng.random() < kans else Decimal(0)
                    else:
                        aanwezig = min(
                            geroosterd, _halve_uren(float(geroosterd) * aanwezigheid)
                        )
                    invoer.append(
                        services.UrenInvoer(
                            inburgeraar_id=persoon.dossier.pk,
                            traject=traject,
                            onderdeel=onderdeel,
                            maand=maand,
                            uren_aanwezig=aanwezig,
                            uren_geroosterd=geroosterd,
                        )
                    )
    return invoer


# --- Progress, exams, afschalen and afronding ----------------------------------------


def _traject_op(persoon: Persoon, index: int) -> Traject:
    for traject, van, tot in persoon.delen:
        if van <= index <= tot:
            return traject
    return persoon.delen[-1][0]


def _voortgang(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """A report of the aanbieder every six months: levels and attendance."""
    m0 = _eerste_maand(persoon)
    einde = persoon.voldaan_op or vandaag
    laatste_index = persoon.delen[-1][2]
    for index in range(5, laatste_index + 1, 6):
        datum = maanden_later(m0, index) + timedelta(rng.randint(14, 27))
        if datum > einde - timedelta(days=2):
            break
        groei = persoon.groei * (0.5 if persoon.pip.leerroute == Z else 1)
        niveaus = {}
        for vaardigheid in rules.TAALVAARDIGHEDEN:
            waarde = groei * index / 30 + AANLEG[vaardigheid] + rng.uniform(-0.25, 0.25)
            niveaus[vaardigheid] = NIVEAUS[max(0, min(int(waarde), 2))]
        recent = [
            persoon.maand_aanwezigheid[i]
            for i in range(index - 2, index + 1)
            if i in persoon.maand_aanwezigheid
        ]
        services.voortgang_vastleggen(
            inburgeraar=persoon.dossier,
            data={
                "aanbieder": _traject_op(persoon, index).aanbieder,
                "datum": datum,
                **niveaus,
                "aanwezigheid_pct": round(100 * sum(recent) / len(recent))
                if recent
                else None,
                "opmerkingen": OPMERKINGEN[persoon.profiel],
            },
            acting_user=persoon.user,
        )


def _examen(persoon: Persoon, onderdeel: str, niveau: str, datum: date, geslaagd: bool):
    services.examen_vastleggen(
        inburgeraar=persoon.dossier,
        onderdeel=onderdeel,
        niveau="" if onderdeel == rules.KNM else niveau,
        datum=datum,
        geslaagd=geslaagd,
        cijfer="",
        acting_user=persoon.user,
    )


def _gehaald(
    rng: random.Random,
    persoon: Persoon,
    onderdeel: str,
    niveau: str,
    dag: date,
    uiterlijk: date,
    kans_gezakt: float = 0.3,
) -> None:
    """Passed on `dag`, or failed first and passed on a retry before `uiterlijk`."""
    if rng.random() < kans_gezakt:
        herkansing = dag + timedelta(rng.randint(42, 90))
        if herkansing <= uiterlijk:
            _examen(persoon, onderdeel, niveau, dag, False)
            dag = herkansing
    _examen(persoon, onderdeel, niveau, dag, True)


def _examens(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """Exams of someone still in the route: more and better as the termijn ages."""
    route = persoon.pip.leerroute
    if route == Z:
        return
    termijn_start = persoon.dossier.termijn.startdatum
    maanden = _maand_index(termijn_start, vandaag)
    van = max(maanden_later(termijn_start, 12), persoon.start + timedelta(days=60))
    tot = vandaag - timedelta(days=3)
    if van > tot:
        return
    if route == ONDERWIJS:
        if maanden >= 15:
            _examen(
                persoon, rules.KNM, "", _dag(rng, van, tot), persoon.profiel == "goed"
            )
        return
    volgorde = ("luisteren", "lezen", "spreken", "schrijven")
    if persoon.profiel == "goed" and maanden >= 15:
        for vaardigheid in volgorde[: rng.randint(1, 3)]:
            _gehaald(
                rng,
                persoon,
                vaardigheid,
                rules.B1_NIVEAU,
                _dag(rng, van, tot - timedelta(days=90)),
                tot,
            )
        if rng.random() < 0.7:
            _gehaald(rng, persoon, rules.KNM, "", _dag(rng, van, tot), tot, 0.2)
    elif persoon.profiel == "matig" and maanden >= 18:
        _examen(persoon, "lezen", rules.B1_NIVEAU, _dag(rng, van, tot), True)
        _examen(persoon, "spreken", rules.B1_NIVEAU, _dag(rng, van, tot), False)
        if rng.random() < 0.5:
            _examen(persoon, rules.KNM, "", _dag(rng, van, tot), rng.random() < 0.5)
    elif persoon.profiel == "zwak" and maanden >= 20 and rng.random() < 0.6:
        _examen(persoon, "lezen", rules.B1_NIVEAU, _dag(rng, van, tot), False)
        if persoon.dossier.status == Status.TERMIJN_OVERSCHREDEN:
            _examen(persoon, "schrijven", rules.B1_NIVEAU, _dag(rng, van, tot), False)


def _afschalen(rng: random.Random, persoon: Persoon, uren: list, vandaag: date) -> bool:
    """After 600 NT2 hours at a keurmerk aanbieder and failed B1 exams, a new PIP
    version with A2 as the goal; then A2 exams. `uren` are the person's hours: those
    up to the month the 600 were reached are written before the decision (its
    letter states them), the rest after. False when afschalen does not fit."""
    m0 = _eerste_maand(persoon)
    totaal, bereikt = Decimal(0), None
    for regel in sorted((r for r in uren if r.onderdeel == NT2), key=lambda r: r.maand):
        totaal += regel.uren_aanwezig
        if totaal >= 600:
            bereikt = regel.maand
            break
    dag = bereikt and maanden_later(bereikt, 1) + timedelta(rng.randint(3, 20))
    vorige = (
        Beschikking.objects.filter(inburgeraar=persoon.dossier)
        .order_by("-dagtekening")
        .first()
    )
    if dag is None or dag > vandaag - timedelta(days=7) or dag <= vorige.dagtekening:
        _uren_schrijven(persoon, uren)
        return False
    _uren_schrijven(persoon, [r for r in uren if r.maand <= bereikt])
    van = max(maanden_later(m0, 12), dag - timedelta(days=200))
    _examen(
        persoon,
        "luisteren",
        rules.B1_NIVEAU,
        _dag(rng, van, dag - timedelta(days=30)),
        True,
    )
    for vaardigheid in ("lezen", "schrijven", "spreken"):
        _examen(
            persoon,
            vaardigheid,
            rules.B1_NIVEAU,
            _dag(rng, van, dag - timedelta(days=30)),
            False,
        )
    user = persoon.user
    concept = services.pip_wijziging_starten(
        inburgeraar=persoon.dossier,
        reden=WijzigingReden.AFSCHALEN,
        toelichting="Na ruim 600 uur NT2 blijkt B1 niet haalbaar; besproken in het "
        "voortgangsgesprek.",
        acting_user=user,
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        data={
            "afschalen_inzet_oordeel": "Voldoende inzet: aanwezigheid boven de 90 %, "
            "huiswerk gemaakt en vier examenpogingen op B1."
        },
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    services.pip_vaststellen(pip=concept, acting_user=user, dagtekening=dag)
    _uren_schrijven(persoon, [r for r in uren if r.maand > bereikt])
    for vaardigheid in ("lezen", "spreken"):
        examendag = dag + timedelta(rng.randint(30, 120))
        if examendag <= vandaag - timedelta(days=3):
            _examen(persoon, vaardigheid, rules.A2, examendag, True)
    return True


def _voldaan(rng: random.Random, persoon: Persoon) -> None:
    """The route completed on `voldaan_op`: the exams (some at the second try), the
    participatieverklaring, and the eindgesprek or the onderwijsroute's result."""
    route, voldaan = persoon.pip.leerroute, persoon.voldaan_op
    vroegst = persoon.start + timedelta(days=60)
    uiterlijk = voldaan - timedelta(days=1)
    onderdelen = (*rules.TAALVAARDIGHEDEN, rules.KNM) if route == B1 else (rules.KNM,)
    if route in (B1, ONDERWIJS):
        for onderdeel in onderdelen:
            dag = max(voldaan - timedelta(rng.randint(100, 300)), vroegst)
            _gehaald(
                rng,
                persoon,
                onderdeel,
                persoon.pip.taalniveau or rules.B1_NIVEAU,
                dag,
                uiterlijk,
            )
    data = {"participatieverklaring_getekend_op": voldaan}
    if route in (B1, Z):
        data["map_afgerond_op"] = min(maanden_later(persoon.start, 10), uiterlijk)
    if route == Z:
        data["z_eindgesprek_op"] = voldaan - timedelta(rng.randint(0, 10))
        data["z_eindgesprek_verslag"] = (
            "Eindgesprek met de aanbieder en de casusregisseur: leeractiviteiten "
            "en participatie afgerond; betrokkene doet vrijwilligerswerk."
        )
    if route == ONDERWIJS:
        data["onderwijsroute_resultaat_op"] = voldaan - timedelta(rng.randint(0, 20))
        data["onderwijsroute_resultaat"] = (
            "Taalniveau B1 behaald en ingeschreven bij een mbo-opleiding (niveau 3)."
        )
    services.afronding_vastleggen(
        inburgeraar=persoon.dossier,
        data=data,
        versie=services.afronding_van(persoon.dossier).versie,
        acting_user=persoon.user,
    )


def _participatieverklaring(
    rng: random.Random, persoon: Persoon, vandaag: date
) -> None:
    """Some in the route sign the participatieverklaring after the PVT."""
    if services.pvt_uren(persoon.dossier) < rules.MIN_PVT_UREN:
        return
    dag = maanden_later(_eerste_maand(persoon), 4) + timedelta(rng.randint(0, 20))
    if dag <= vandaag:
        services.afronding_vastleggen(
            inburgeraar=persoon.dossier,
            data={"participatieverklaring_getekend_op": dag},
            versie=services.afronding_van(persoon.dossier).versie,
            acting_user=persoon.user,
        )


def _gesprekken(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """Hold the planned voortgangsgesprekken (each plans the next), most on time;
    for some the last one is overdue."""
    if persoon.voldaan_op:
        grens = persoon.voldaan_op - timedelta(days=1)
    else:
        achter = 0 if rng.random() < 0.85 else rng.randint(14, 60)
        grens = vandaag - timedelta(days=achter)
    while True:
        gesprek = Voortgangsgesprek.objects.filter(
            inburgeraar=persoon.dossier, gehouden_op__isnull=True
        ).first()
        if gesprek is None:
            return
        dag = gesprek.gepland_op + timedelta(rng.randint(-5, 12))
        if dag > grens:
            return
        services.voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={
                "gehouden_op": dag,
                "deelnemers": "Inburgeraar, casusregisseur, docent van de aanbieder",
                "rsd_klantmanager_aanwezig": persoon.dossier.bijstand
                and rng.random() < 0.5,
                "verslag": OPMERKINGEN[persoon.profiel],
                "afspraken": "Volgende rapportage van de aanbieder afwachten.",
            },
            acting_user=persoon.user,
        )


# --- Participation and the keten -------------------------------------------------------


def _activiteit(
    persoon: Persoon,
    soort: str,
    organisatie: str,
    omschrijving: str,
    start: date,
    einde: date | None,
    uren: int | None,
) -> None:
    services.activiteit_vastleggen(
        inburgeraar=persoon.dossier,
        data={
            "soort": soort,
            "organisatie": organisatie,
            "omschrijving": omschrijving,
            "uren_per_week": uren,
            "start": start,
            "einde": einde,
        },
        acting_user=persoon.user,
    )


def _participatie(
    rng: random.Random, persoon: Persoon, keten: dict, vandaag: date
) -> None:
    """Paid work (lasting, part-time or short, some with gaps), volunteering, an
    internship or education."""
    termijn_start = persoon.dossier.termijn.startdatum
    maanden = _maand_index(termijn_start, vandaag)
    werkgevers = [n for n, s, _ in KETENPARTNERS if s == OrganisatieSoort.WERKGEVER]
    werkgevers += list(OVERIGE_WERKGEVERS)
    sterk = persoon.profiel == "goed"
    kans_werk = (0.45 if sterk else 0.15) if persoon.asiel else 0.4
    if maanden >= 10 and rng.random() < kans_werk:
        # Lasting: at least 12 hours a week for more than six months.
        start = _dag(rng, maanden_later(termijn_start, 3), maanden_later(vandaag, -7))
        einde = None
        if rng.random() < 0.2:
            einde = periode_einde(start, maanden=rng.randint(7, 14))
            einde = einde if einde < vandaag else None
        _activiteit(
            persoon,
            rules.BETAALD_WERK,
            rng.choice(werkgevers),
            rng.choice(
                (
                    "Orderpicker",
                    "Medewerker schoonmaak",
                    "Helpende zorg",
                    "Medewerker keuken",
                )
            ),
            start,
            einde,
            rng.choice((16, 20, 24, 32)),
        )
    elif maanden >= 4 and rng.random() < 0.3:
        start = _dag(rng, maanden_later(termijn_start, 2), vandaag - timedelta(days=30))
        if rng.random() < 0.5:
            # Part-time, under the 12 hours of duurzaam werk.
            _activiteit(
                persoon,
                rules.BETAALD_WERK,
                rng.choice(werkgevers),
                "Oproepkracht",
                start,
                None,
                rng.choice((6, 8, 10)),
            )
        else:
            # A short job, a gap, and maybe another.
            einde = min(periode_einde(start, maanden=rng.randint(2, 4)), vandaag)
            _activiteit(
                persoon,
                rules.BETAALD_WERK,
                rng.choice(werkgevers),
                "Uitzendwerk",
                start,
                einde,
                rng.choice((16, 24, 32)),
            )
            opnieuw = einde + timedelta(rng.randint(30, 120))
            if opnieuw < vandaag and rng.random() < 0.6:
                _activiteit(
                    persoon,
                    rules.BETAALD_WERK,
                    rng.choice(werkgevers),
                    "Uitzendwerk",
                    opnieuw,
                    None,
                    rng.choice((12, 20)),
                )
    if maanden >= 3 and rng.random() < 0.35:
        welzijn = (
            "Caleidoz" if persoon.dossier.gemeente.naam == "Zevenaar" else "Kunstwerk"
        )
        start = _dag(rng, maanden_later(termijn_start, 1), vandaag - timedelta(days=14))
        einde = (
            periode_einde(start, maanden=rng.randint(3, 12))
            if rng.random() < 0.4
            else None
        )
        _activiteit(
            persoon,
            rules.VRIJWILLIGERSWERK,
            rng.choice((welzijn, "Voedselbank Liemers")),
            "Vrijwilliger in het buurthuis",
            start,
            einde if einde and einde < vandaag else None,
            rng.choice((4, 6, 8)),
        )
    if persoon.pip.leerroute != ONDERWIJS and maanden >= 8 and rng.random() < 0.1:
        start = maanden_later(persoon.start, 7) + timedelta(rng.randint(0, 20))
        einde = periode_einde(start, maanden=3)
        if einde < vandaag:
            _activiteit(
                persoon,
                rules.STAGE,
                rng.choice(werkgevers),
                "Snuffelstage (MAP)",
                start,
                einde,
                16,
            )
    kans_opleiding = 0.5 if persoon.pip.leerroute == ONDERWIJS else 0.05
    if maanden >= 18 and rng.random() < kans_opleiding:
        start = date(maanden_later(termijn_start, 18).year, 9, 1)
        if start < vandaag:
            _activiteit(
                persoon,
                rules.OPLEIDING,
                "ROC Rijn IJssel",
                "Mbo-opleiding Logistiek, niveau 2",
                start,
                None,
                24,
            )


def _verwezen(rng: random.Random, actief: list[Persoon]) -> list[Persoon]:
    """About a third of the people in a route, at least six so that every status
    of `_verwijzing` occurs; the longest in their termijn first (a recent one's
    referral is still verstuurd)."""
    verwezen = [p for p in actief if rng.random() < 0.35]
    gekozen = {id(p) for p in verwezen}
    verwezen += [p for p in actief if id(p) not in gekozen][: max(0, 6 - len(verwezen))]
    return sorted(verwezen, key=lambda p: p.dossier.termijn.startdatum)


def _verwijzing(
    rng: random.Random, persoon: Persoon, keten: dict, nummer: int, vandaag: date
) -> None:
    """A referral to a ketenpartner; the older ones answered in every way."""
    gemeente = persoon.dossier.gemeente.naam
    partners = [
        "Taalmaatjes Liemers",
        "Caleidoz" if gemeente == "Zevenaar" else "Kunstwerk",
    ]
    if persoon.dossier.bijstand:
        partners.append("RSD de Liemers")
    if persoon.asiel:
        partners.append(VLUCHTELINGENWERK)
    partner = keten[rng.choice(partners)]
    termijn_start = persoon.dossier.termijn.startdatum
    if nummer % 6 == 5 or termijn_start > vandaag - timedelta(days=75):
        status = VerwijzingStatus.VERSTUURD
        verstuurd = max(vandaag - timedelta(rng.randint(1, 20)), termijn_start)
    else:
        status = VERWIJZING_UITKOMSTEN[nummer % len(VERWIJZING_UITKOMSTEN)]
        verstuurd = _dag(
            rng, termijn_start + timedelta(days=30), vandaag - timedelta(days=45)
        )
    verwijzing = services.verwijzing_aanmaken(
        inburgeraar=persoon.dossier,
        data={
            "ketenpartner": partner,
            "reden": VERWIJZING_REDENEN[partner.soort],
            "verstuurd_op": verstuurd,
        },
        acting_user=persoon.user,
    )
    stappen = {
        VerwijzingStatus.VERSTUURD: (),
        VerwijzingStatus.GEACCEPTEERD: (VerwijzingStatus.GEACCEPTEERD,),
        VerwijzingStatus.AFGEWEZEN: (VerwijzingStatus.AFGEWEZEN,),
        VerwijzingStatus.AFGEROND: (
            VerwijzingStatus.GEACCEPTEERD,
            VerwijzingStatus.AFGEROND,
        ),
    }[status]
    for stap in stappen:
        verwijzing = services.verwijzing_bijwerken(
            verwijzing=verwijzing,
            status=stap,
            terugkoppeling=TERUGKOPPELING[stap],
            versie=verwijzing.versie,
            acting_user=persoon.user,
        )
    if stappen:
        # The service dates a status change today; the demo's answers came some
        # weeks after the referral.
        Verwijzing.objects.filter(pk=verwijzing.pk).update(
            status_op=min(verstuurd + timedelta(rng.randint(7, 40)), vandaag)
        )


def _begeleiding(rng: random.Random, persoon: Persoon, keten: dict) -> None:
    """Maatschappelijke begeleiding by Vluchtelingenwerk: two years from housing."""
    dossier = persoon.dossier
    start = (
        dossier.datum_huisvesting
        or dossier.datum_brp_inschrijving
        or dossier.termijn.startdatum
    )
    compleet = rng.random() < 0.9
    services.begeleiding_vastleggen(
        inburgeraar=dossier,
        data={
            "organisatie": keten[VLUCHTELINGENWERK],
            "start": start,
            "einde": periode_einde(start, maanden=24),
            "praktische_hulp": True,
            "start_inburgering": True,
            "begeleiding_inburgering": True,
            "stimuleren_participatie": compleet,
            "toelichting": "Wekelijks spreekuur; hulp bij post, toeslagen en school."
            if compleet
            else "Participatie volgt na de eerste maanden taalles.",
        },
        acting_user=persoon.user,
    )


# --- The whole ---------------------------------------------------------------------------


@contextmanager
def _routestanden_aan_het_eind():
    """Every service derives the person's routestand again after its change (some
    30 ms). The demo makes thousands of changes, so it derives each routestand once,
    at the end, from the same rows: the result is the same, in a fraction of the
    time."""
    per_wijziging = services.routestand_bijwerken
    services.routestand_bijwerken = lambda *args, **kwargs: 0
    try:
        yield
    finally:
        services.routestand_bijwerken = per_wijziging
    alle_routestanden_bijwerken()


@transaction.atomic
def vul_aan(*, stdout, vandaag: date | None = None) -> None:
    vandaag = vandaag or timezone.localdate()
    keten = _keten(vandaag)
    if Traject.objects.filter(inburgeraar__in=demo_dossiers()).exists():
        stdout.write("Trajecten en uren van de demoregio bestaan al.")
        return
    with _routestanden_aan_het_eind():
        wachtend, afgeschaald = _vul(keten, vandaag)
    _samenvatting(stdout, vandaag, wachtend=wachtend, afgeschaald=afgeschaald)


def _vul(keten: dict, vandaag: date) -> tuple[int, int]:
    rng = random.Random(SEED)
    personen = _personen(rng, vandaag)
    aanbieders = [keten[t[0]] for t in TAALAANBIEDERS if not t[5]]
    brug = keten[DE_BRUG]
    # A few early asielstatushouders (in a small region: others if need be) began
    # at De Brug and moved on when its keurmerk lapsed.
    bij_brug = [
        p
        for p in personen
        if p.rol == "traject"
        and p.pip.leerroute == B1
        and p.pip.reden == WijzigingReden.INITIEEL
        and p.start <= brug.keurmerk_geldig_tot - timedelta(days=150)
        # Still in the route when they move on (at most 60 days after), with
        # NT2 lessons in the month after the keurmerk lapsed (ROOSTER: 28 months).
        and _geplande_einde(p) > brug.keurmerk_geldig_tot + timedelta(days=60)
        and maanden_later(p.start, 26) > brug.keurmerk_geldig_tot
    ]
    bij_brug = [p for p in bij_brug if p.asiel] or bij_brug
    bij_brug = set(id(p) for p in rng.sample(bij_brug, min(3, len(bij_brug))))
    actief = [p for p in personen if p.rol != "wacht"]
    for persoon in actief:
        _toewijzen(
            rng, persoon, aanbieders, brug if id(persoon) in bij_brug else None, vandaag
        )
    # All hours in one import, as the aanbieders report them; those of the people
    # to be afgeschaald around the decision (_afschalen).
    uren = _uren(rng, actief)
    afschalers = {p.dossier.pk for p in actief if p.rol == "afschalen"}
    if actief:
        services.uren_schrijven(
            [r for r in uren if r.inburgeraar_id not in afschalers],
            bron=UrenBron.IMPORT,
            acting_user=actief[0].user,
        )
    afgeschaald = 0
    for persoon in actief:
        _voortgang(rng, persoon, vandaag)
        eigen = [r for r in uren if r.inburgeraar_id == persoon.dossier.pk]
        if persoon.rol == "afschalen" and _afschalen(rng, persoon, eigen, vandaag):
            afgeschaald += 1
        elif persoon.rol == "traject":
            _examens(rng, persoon, vandaag)
            if persoon.profiel == "goed" and rng.random() < 0.4:
                _participatieverklaring(rng, persoon, vandaag)
        _gesprekken(rng, persoon, vandaag)
        if persoon.rol == "voldaan":
            _voldaan(rng, persoon)
        _participatie(rng, persoon, keten, vandaag)
    for nummer, persoon in enumerate(_verwezen(rng, actief)):
        _verwijzing(rng, persoon, keten, nummer, vandaag)
    for persoon in personen:
        if persoon.asiel:
            _begeleiding(rng, persoon, keten)
    return len(personen) - len(actief), afgeschaald


def _samenvatting(stdout, vandaag: date, *, wachtend: int, afgeschaald: int) -> None:
    demo = demo_dossiers()
    trajecten = Traject.objects.filter(inburgeraar__in=demo)
    standen = Routestand.objects.filter(inburgeraar__in=demo)
    regels = [
        ("taalaanbieders en ketenpartners", Organisatie.objects.count()),
        ("contracten", Contract.objects.count()),
        ("trajecten", trajecten.count()),
        (
            "  waarvan eigen keuze (niet ingekocht)",
            trajecten.filter(ingekocht=False).count(),
        ),
        ("wacht op toewijzing", wachtend),
        (
            "urenregistraties",
            Urenregistratie.objects.filter(inburgeraar__in=demo).count(),
        ),
        (
            "voortgangsrapportages",
            Voortgangsrapportage.objects.filter(inburgeraar__in=demo).count(),
        ),
        ("examenpogingen", Examenpoging.objects.filter(inburgeraar__in=demo).count()),
        (
            "  waarvan niet gehaald",
            Examenpoging.objects.filter(inburgeraar__in=demo, geslaagd=False).count(),
        ),
        (
            "inburgeringsplicht voldaan",
            Afronding.objects.filter(
                inburgeraar__in=demo, voldaan_op__isnull=False
            ).count(),
        ),
        ("afgeschaald naar A2", afgeschaald),
        (
            "participatieactiviteiten",
            Participatieactiviteit.objects.filter(inburgeraar__in=demo).count(),
        ),
        ("  duurzaam werk", standen.filter(duurzaam_werk_sinds__isnull=False).count()),
        ("  meedoen", standen.filter(meedoen_sinds__isnull=False).count()),
        (
            "maatschappelijke begeleiding",
            MaatschappelijkeBegeleiding.objects.filter(inburgeraar__in=demo).count(),
        ),
        (
            "voortgangsgesprekken gehouden",
            Voortgangsgesprek.objects.filter(
                inburgeraar__in=demo, gehouden_op__isnull=False
            ).count(),
        ),
        (
            "voortgangsgesprekken te doen",
            standen.filter(
                volgend_voortgangsgesprek__lte=gesprek_te_doen_tot(vandaag)
            ).count(),
        ),
    ]
    per_status = Counter(
        dict(
            Verwijzing.objects.filter(inburgeraar__in=demo)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    regels += [
        (f"verwijzingen {VerwijzingStatus(s).label.lower()}", per_status[s])
        for s in VerwijzingStatus.values
    ]
    per_koers = Counter(
        dict(standen.exclude(koers="").values_list("koers").annotate(n=Count("pk")))
    )
    regels += [
        (f"koers: {rules.Koers(k).label.lower()}", per_koers[k]) for k in rules.Koers
    ]
    for wat, aantal in regels:
        stdout.write(f"  {wat:<40}{aantal:>5}")
