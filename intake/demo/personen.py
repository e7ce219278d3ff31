"""The demo region's people: the builder's state, its random helpers, and the
people with their dates (the households are made by `huishoudens.RegionBuilder`)."""

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from intake.models import (
    Doelgroep,
    Gebeurtenis,
    Geslacht,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Verblijfsvergunning,
    WetRegime,
)
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

from .data import (
    COMMUNITY_ORIGINS,
    DEMO_LOGINS,
    DUTCH_FEMALE_NAMES,
    DUTCH_MALE_NAMES,
    DUTCH_SURNAMES,
    GEMEENTE_WEIGHTS,
    POSTCODE_SECOND_LETTERS,
    REGION,
    SEED,
    STAFF,
    STREETS,
    TARGET_DOSSIERS,
    WI2021_START,
    Origin,
    T,
)
from .regio import demo_bsns

# The ages (days before the latest start) the households of a small region take in
# turn: just in (intake, PIP deadline; a third of them, as they are cheap to
# build), housed lately (ontzorgen, the first PIPs and trajecten), in their route,
# in the second half of their termijn (afschalen), near its end, and older.
SMALL_REGION_AGES = (
    (0, 55),
    (55, 180),
    (0, 55),
    (180, 400),
    (0, 55),
    (400, 700),
    (700, 1050),
    (1050, 1400),
    (1400, 10_000),
)


@dataclass(frozen=True)
class Address:
    gemeente: Gemeente
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str


@dataclass(frozen=True)
class Partner:
    """A partner who already lives here: a household member, not an inburgeraar."""

    first: str
    last: str
    birth: date
    is_man: bool
    is_dutch: bool


def ascii_name(name: str) -> str:
    """'Yılmaz' -> 'yilmaz', 'El Amrani' -> 'elamrani': fit for an e-mail address."""
    folded = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())


class PersonBuilder:
    """The state of the region being built, its random helpers and its people."""

    def __init__(
        self,
        *,
        today: date,
        gemeenten: dict[str, Gemeente],
        staff: dict[str, User],
        dossiers: int = TARGET_DOSSIERS,
    ):
        self.rng = random.Random(SEED)
        self.today = today
        self.target = dossiers
        self.gemeenten = gemeenten
        self.casusregisseurs = {
            naam: [
                staff[member.username]
                for member in STAFF + DEMO_LOGINS
                if member.role == Role.CASUSREGISSEUR and naam in member.gemeenten
            ]
            for naam in REGION
        }
        self.klantmanagers = [
            staff[member.username]
            for member in STAFF + DEMO_LOGINS
            if member.role == Role.RSD_KLANTMANAGER
        ]
        self.bsns = demo_bsns()
        self.v_nummers: set[str] = set()
        self.households: list[Huishouden] = []
        self.members: list[Huishoudlid] = []
        self.people: list[Inburgeraar] = []
        self.notes: list[Notitie] = []
        self.events: list[Gebeurtenis] = []
        # auto_now_add overwrites these on insert; save() sets them back afterwards.
        self.history: list[tuple[models.Model, dict[str, datetime]]] = []
        # The legal status events, recorded after the save (verloop.py), drawn from
        # a stream of their own: the rest of the region stays as it was.
        self.status_events: list = []
        self.event_rng = random.Random(f"{SEED}-statussen")
        self.wi2021_households = 0

    # Small random helpers ----------------------------------------------------------

    def weighted(self, options: Sequence[tuple[T, int]]) -> T:
        values, weights = zip(*options, strict=True)
        return self.rng.choices(values, weights)[0]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def days_later(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))

    def until_today(self, day: date) -> date | None:
        """A date that has not come yet is not known yet."""
        return day if day <= self.today else None

    def moment(self, day: date, rng: random.Random | None = None) -> datetime:
        """A time during office hours on `day` (drawn from `rng`, default the
        builder's)."""
        minutes = (rng or self.rng).randint(8 * 60 + 30, 16 * 60 + 30)
        return timezone.make_aware(
            datetime.combine(day, time(minutes // 60, minutes % 60))
        )

    def birth_date(self, reference: date, age_low: int, age_high: int) -> date:
        """Someone aged between age_low and age_high on `reference`."""
        age = self.rng.randint(age_low, age_high)
        return reference - timedelta(
            days=round(age * 365.25) + self.rng.randint(0, 364)
        )

    def adult_on(self, day: date) -> date:
        """A birth date by which someone is surely 18 on `day` (18 years of 366 days
        also covers leap days, and 29 February needs no special case)."""
        return day - timedelta(days=18 * 366)

    def can_have_adult_child(self, parent: Inburgeraar) -> bool:
        return (parent.start_inburgeringsplicht - parent.geboortedatum).days > 40 * 365

    def start_date(self, wet_regime: str) -> date:
        if wet_regime == WetRegime.WI2013:
            return self.days_later(date(2021, 2, 1), 0, 280)
        # Leave six weeks so that every dossier has had its DUO kennisgeving.
        last = self.today - timedelta(days=45)
        self.wi2021_households += 1
        if self.target < TARGET_DOSSIERS:
            # A small region is a stratified sample: a random draw over the years
            # would leave some stages empty (the intakes running, the ontzorgen
            # just begun, the termijnen near their end).
            low, high = SMALL_REGION_AGES[
                self.wi2021_households % len(SMALL_REGION_AGES)
            ]
            high = min(high, (last - WI2021_START).days)
            return last - timedelta(days=self.rng.randint(min(low, high), high))
        # A slight tilt towards recent years: the inflow rose after 2022.
        share = self.rng.random() ** 0.75
        return WI2021_START + timedelta(days=round(share * (last - WI2021_START).days))

    def address(self) -> Address:
        naam = self.weighted(GEMEENTE_WEIGHTS)
        straat, digits, first_letter = self.rng.choice(STREETS[naam])
        number = self.rng.randint(1, 160)
        second_letter = POSTCODE_SECOND_LETTERS[number // 10]
        huisnummer = str(number) + ("A" if self.chance(0.1) else "")
        return Address(
            gemeente=self.gemeenten[naam],
            straat=straat,
            huisnummer=huisnummer,
            postcode=f"{digits} {first_letter}{second_letter}",
            woonplaats=naam,
        )

    def v_nummer(self) -> str:
        while True:
            candidate = str(self.rng.randint(1_000_000_000, 9_999_999_999))
            if candidate not in self.v_nummers:
                self.v_nummers.add(candidate)
                return candidate

    # People ------------------------------------------------------------------------

    def person(
        self,
        origin: Origin,
        *,
        geslacht: str,
        geboortedatum: date,
        doelgroep: str,
        address: Address,
        achternaam: str | None = None,
        wet_regime: str = WetRegime.WI2021,
    ) -> Inburgeraar:
        rng = self.rng
        names = origin.male_names if geslacht == Geslacht.MAN else origin.female_names
        voornamen = rng.choice(names)
        achternaam = achternaam or rng.choice(origin.surnames)
        talen = self.weighted(origin.languages)
        if "Engels" not in talen and self.chance(0.15):
            talen += ", Engels"
        telefoon = (
            f"06-{rng.randint(10_000_000, 64_999_999)}" if self.chance(0.95) else ""
        )
        email = ""
        if self.chance(0.35):
            email = (
                f"{ascii_name(voornamen)}.{ascii_name(achternaam)}"
                f"{rng.randint(1, 99)}@example.com"
            )
        return Inburgeraar(
            bsn=next(self.bsns),
            v_nummer=self.v_nummer(),
            voornamen=voornamen,
            achternaam=achternaam,
            geboortedatum=geboortedatum,
            geslacht=geslacht,
            nationaliteit=origin.nationality,
            geboorteland=origin.country,
            talen=talen,
            telefoon=telefoon,
            email=email,
            straat=address.straat,
            huisnummer=address.huisnummer,
            postcode=address.postcode,
            woonplaats=address.woonplaats,
            gemeente=address.gemeente,
            wet_regime=wet_regime,
            doelgroep=doelgroep,
            # An asielstatushouder holds an asylum permit, everyone else a regular
            # one; add_asiel_household gives most nareizigers a derived asylum one.
            verblijfsvergunning=Verblijfsvergunning.ASIEL
            if doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else Verblijfsvergunning.REGULIER,
        )

    def set_asiel_dates(self, person: Inburgeraar, start: date) -> None:
        """IND permit, then the COA links the statushouder to the gemeente, which
        houses them weeks to months later; BRP inschrijving follows the move."""
        koppeling = self.days_later(start, 7, 35)
        huisvesting = self.days_later(koppeling, 42, 182)
        person.start_inburgeringsplicht = start
        person.datum_kennisgeving = self.until_today(self.days_later(start, 14, 42))
        person.datum_coa_koppeling = self.until_today(koppeling)
        person.datum_huisvesting = self.until_today(huisvesting)
        person.datum_brp_inschrijving = self.until_today(
            self.days_later(huisvesting, 0, 7)
        )

    def set_nareis_dates(self, person: Inburgeraar, arrival: date, home: date) -> None:
        """A nareiziger joins the statushouder's home soon after arriving."""
        start = self.days_later(arrival, 0, 21)
        koppeling = self.days_later(arrival, 3, 14)
        huisvesting = max(self.days_later(koppeling, 7, 28), home)
        person.start_inburgeringsplicht = start
        person.datum_kennisgeving = self.until_today(self.days_later(start, 14, 42))
        person.datum_coa_koppeling = self.until_today(koppeling)
        person.datum_huisvesting = self.until_today(huisvesting)
        person.datum_brp_inschrijving = self.until_today(
            self.days_later(huisvesting, 0, 5)
        )

    def set_gezin_dates(self, person: Inburgeraar, start: date) -> None:
        """Gezinsmigranten move in with their partner: no COA, BRP on arrival."""
        person.start_inburgeringsplicht = start
        person.datum_brp_inschrijving = self.until_today(self.days_later(start, 7, 42))
        person.datum_kennisgeving = self.until_today(self.days_later(start, 21, 42))

    def copy_dates(self, source: Inburgeraar, target: Inburgeraar) -> None:
        for field in (
            "start_inburgeringsplicht",
            "datum_kennisgeving",
            "datum_coa_koppeling",
            "datum_huisvesting",
            "datum_brp_inschrijving",
        ):
            setattr(target, field, getattr(source, field))

    def add_child(
        self,
        children: list[tuple[str, date]],
        first_names: Sequence[str],
        surname: str,
        parent: Inburgeraar,
        born_after: date | None = None,
    ) -> None:
        """Add a child under 18 (naam, geboortedatum), born while the parent was
        between 19 and 45 and after born_after, if one fits."""
        earliest = max(
            self.today - timedelta(days=18 * 365),
            parent.geboortedatum + timedelta(days=19 * 365),
        )
        if born_after is not None:
            earliest = max(earliest, born_after)
        latest = min(self.today, parent.geboortedatum + timedelta(days=45 * 365))
        if earliest >= latest:
            return
        born = self.days_later(earliest, 0, (latest - earliest).days)
        children.append((f"{self.rng.choice(first_names)} {surname}", born))

    def child_surname(self, origin: Origin, father_first: str, father_last: str) -> str:
        return father_first if origin.patronymic else father_last

    def settled_partner(
        self, origin: Origin, *, is_man: bool, near: date, start: date
    ) -> Partner:
        """The partner a gezinsmigrant joins: Dutch, or from the same community."""
        is_dutch = origin.country not in COMMUNITY_ORIGINS and self.chance(0.85)
        if is_dutch:
            first = self.rng.choice(DUTCH_MALE_NAMES if is_man else DUTCH_FEMALE_NAMES)
            last = self.rng.choice(DUTCH_SURNAMES)
        else:
            first = self.rng.choice(
                origin.male_names if is_man else origin.female_names
            )
            last = self.rng.choice(origin.surnames)
        birth = near + timedelta(days=self.rng.randint(-6 * 365, 4 * 365))
        birth = min(birth, self.adult_on(start))
        return Partner(first, last, birth, is_man=is_man, is_dutch=is_dutch)
