"""Builds the demo dossiers in memory and writes them in a few bulk inserts."""

import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models, transaction
from django.utils import timezone

from intake.models import (
    Doelgroep,
    Gebeurtenis,
    GebeurtenisSoort,
    Geslacht,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Relatie,
    Status,
    WetRegime,
)
from zevenaar_inburgering.accounts.models import Gemeente, Role, User
from zevenaar_inburgering.validators import is_valid_bsn

from .data import (
    AFGEROND_NOTES,
    ASIEL_HOUSEHOLD_SHARE,
    ASIEL_NOTES,
    ASIEL_ORIGIN_WEIGHTS,
    ASIEL_SHAPES,
    COMMUNITY_ORIGINS,
    DEMO_BSN_FIRST,
    DEMO_BSN_LAST,
    DEMO_LOGINS,
    DUTCH_CHILD_NAMES,
    DUTCH_FEMALE_NAMES,
    DUTCH_MALE_NAMES,
    DUTCH_SURNAMES,
    GEESTELIJK_BEDIENAAR_ORIGINS,
    GEMEENTE_WEIGHTS,
    GEZIN_DOELGROEP_WEIGHTS,
    GEZIN_NOTES,
    GEZIN_ORIGIN_WEIGHTS,
    INTAKE_NOTES,
    INTAKE_STATUSES,
    ORIGINS,
    POSTCODE_SECOND_LETTERS,
    REGION,
    SEED,
    STAFF,
    STREETS,
    TARGET_DOSSIERS,
    TRAJECT_NOTES,
    TRAJECT_STATUSES,
    WI2013_HOUSEHOLDS,
    WI2021_START,
    Origin,
    T,
)

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


def demo_bsns() -> Iterator[str]:
    """The valid BSNs of the test range, in order."""
    for number in range(DEMO_BSN_FIRST, DEMO_BSN_LAST + 1):
        if is_valid_bsn(str(number)):
            yield str(number)


def demo_dossiers() -> models.QuerySet:
    return Inburgeraar.objects.filter(
        bsn__gte=str(DEMO_BSN_FIRST), bsn__lte=str(DEMO_BSN_LAST)
    )


def op_schaal(aantal: int, *, minimum: int = 1) -> int:
    """`aantal`, a count in the full region of TARGET_DOSSIERS, for the demo region
    in the database (`demo_region --dossiers`): in proportion, but never below
    `minimum`, so that a small region keeps every scenario."""
    schaal = demo_dossiers().count() / TARGET_DOSSIERS
    return max(minimum, round(aantal * schaal))


def ascii_name(name: str) -> str:
    """'Yılmaz' -> 'yilmaz', 'El Amrani' -> 'elamrani': fit for an e-mail address."""
    folded = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())


class RegionBuilder:
    """Makes the demo dossiers in memory; save() writes them in a few bulk inserts."""

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

    def moment(self, day: date) -> datetime:
        """A time during office hours on `day`."""
        minutes = self.rng.randint(8 * 60 + 30, 16 * 60 + 30)
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

    # Households --------------------------------------------------------------------

    def add_asiel_household(self, wet_regime: str = WetRegime.WI2021) -> None:
        rng = self.rng
        origin = ORIGINS[self.weighted(ASIEL_ORIGIN_WEIGHTS)]
        address = self.address()
        start = self.start_date(wet_regime)
        shape = self.weighted(ASIEL_SHAPES)
        if wet_regime == WetRegime.WI2013 and shape == "together":
            shape = "alone"
        child_names = origin.male_names + origin.female_names
        children: list[tuple[str, date]] = []

        head_is_man = shape != "alone" or self.chance(0.75)
        head = self.person(
            origin,
            geslacht=Geslacht.MAN if head_is_man else Geslacht.VROUW,
            geboortedatum=self.birth_date(start, 19, 50),
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            address=address,
            wet_regime=wet_regime,
        )
        self.set_asiel_dates(head, start)
        adults = [head]

        if shape == "alone" and not head_is_man and self.chance(0.5):
            # A mother who fled with her children; their father stayed behind.
            father = rng.choice(origin.male_names)
            surname = father if origin.patronymic else rng.choice(origin.surnames)
            for _ in range(rng.randint(1, 3)):
                self.add_child(children, child_names, surname, head)
        elif shape == "together":
            spouse = self.spouse_of(head, origin, start, address)
            self.copy_dates(head, spouse)
            adults.append(spouse)
            surname = self.child_surname(origin, head.voornamen, head.achternaam)
            for _ in range(rng.randint(0, 4)):
                self.add_child(children, child_names, surname, head)
            if self.can_have_adult_child(head) and self.chance(0.4):
                adult_child = self.person(
                    origin,
                    geslacht=rng.choice((Geslacht.MAN, Geslacht.VROUW)),
                    geboortedatum=self.birth_date(start, 18, 21),
                    doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                    address=address,
                    achternaam=surname,
                )
                self.copy_dates(head, adult_child)
                adults.append(adult_child)
        elif shape == "nareis":
            arrival = self.days_later(start, 240, 480)
            # Only a family that arrived long enough ago to have had its kennisgeving.
            if arrival + timedelta(days=63) <= self.today:
                doelgroep = (
                    Doelgroep.GEZINSHERENIGER_ASIEL
                    if self.chance(0.8)
                    else Doelgroep.GEZINSVORMER_ASIEL
                )
                spouse = self.spouse_of(head, origin, start, address, doelgroep)
                self.set_nareis_dates(spouse, arrival, head.datum_huisvesting)
                if spouse.start_inburgeringsplicht >= WI2021_START:
                    spouse.wet_regime = WetRegime.WI2021
                adults.append(spouse)
                if doelgroep == Doelgroep.GEZINSHERENIGER_ASIEL:
                    surname = self.child_surname(
                        origin, head.voornamen, head.achternaam
                    )
                    for _ in range(rng.randint(0, 4)):
                        self.add_child(children, child_names, surname, head)

        self.finish_household(adults, children, partner=None, asiel=True)

    def spouse_of(
        self,
        head: Inburgeraar,
        origin: Origin,
        start: date,
        address: Address,
        doelgroep: str = Doelgroep.ASIELSTATUSHOUDER,
    ) -> Inburgeraar:
        birth = head.geboortedatum + timedelta(days=self.rng.randint(-3 * 365, 8 * 365))
        return self.person(
            origin,
            geslacht=Geslacht.VROUW,
            geboortedatum=min(birth, self.adult_on(start)),
            doelgroep=doelgroep,
            address=address,
            achternaam=head.achternaam if origin.wife_takes_surname else None,
            wet_regime=head.wet_regime,
        )

    def add_gezin_household(self) -> None:
        rng = self.rng
        doelgroep = self.weighted(GEZIN_DOELGROEP_WEIGHTS)
        address = self.address()
        start = self.start_date(WetRegime.WI2021)

        if doelgroep in (Doelgroep.OVERIG, Doelgroep.GEESTELIJK_BEDIENAAR):
            if doelgroep == Doelgroep.GEESTELIJK_BEDIENAAR:
                origin = ORIGINS[rng.choice(GEESTELIJK_BEDIENAAR_ORIGINS)]
                geslacht, ages = Geslacht.MAN, (28, 55)
            else:
                origin = ORIGINS[self.weighted(GEZIN_ORIGIN_WEIGHTS)]
                geslacht, ages = rng.choice((Geslacht.MAN, Geslacht.VROUW)), (22, 50)
            person = self.person(
                origin,
                geslacht=geslacht,
                geboortedatum=self.birth_date(start, *ages),
                doelgroep=doelgroep,
                address=address,
            )
            self.set_gezin_dates(person, start)
            self.finish_household([person], [], partner=None, asiel=False)
            return

        origin = ORIGINS[self.weighted(GEZIN_ORIGIN_WEIGHTS)]
        is_vormer = doelgroep == Doelgroep.GEZINSVORMER
        # Mostly women join a partner who already lives here.
        is_woman = self.chance(0.75 if is_vormer else 0.7)
        birth = self.birth_date(start, *((20, 38) if is_vormer else (24, 50)))
        partner = self.settled_partner(origin, is_man=is_woman, near=birth, start=start)
        takes_name = (
            partner.is_man and not partner.is_dutch and origin.wife_takes_surname
        )
        person = self.person(
            origin,
            geslacht=Geslacht.VROUW if is_woman else Geslacht.MAN,
            geboortedatum=birth,
            doelgroep=doelgroep,
            address=address,
            achternaam=partner.last if takes_name else None,
        )
        self.set_gezin_dates(person, start)
        adults = [person]

        # Children carry their father's name; a Dutch father passes on his surname.
        if partner.is_man:
            father_first, father_last = partner.first, partner.last
        else:
            father_first, father_last = person.voornamen, person.achternaam
        if partner.is_man and partner.is_dutch:
            surname = partner.last
        else:
            surname = self.child_surname(origin, father_first, father_last)
        if partner.is_dutch:
            first_names = DUTCH_CHILD_NAMES
        else:
            first_names = origin.male_names + origin.female_names
        children: list[tuple[str, date]] = []
        if is_vormer:
            # A new couple: children, if any, were born here.
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                self.add_child(
                    children,
                    first_names,
                    surname,
                    person,
                    born_after=start + timedelta(days=300),
                )
        else:
            for _ in range(rng.randint(0, 3)):
                self.add_child(children, first_names, surname, person)
            if self.can_have_adult_child(person) and self.chance(0.3):
                # An adult child who came along is inburgeringsplichtig too.
                adult_child = self.person(
                    origin,
                    geslacht=rng.choice((Geslacht.MAN, Geslacht.VROUW)),
                    geboortedatum=self.birth_date(start, 18, 21),
                    doelgroep=Doelgroep.GEZINSHERENIGER,
                    address=address,
                    achternaam=surname,
                )
                self.copy_dates(person, adult_child)
                adults.append(adult_child)

        self.finish_household(adults, children, partner=partner, asiel=False)

    def finish_household(
        self,
        adults: list[Inburgeraar],
        children: list[tuple[str, date]],
        *,
        partner: Partner | None,
        asiel: bool,
    ) -> None:
        """Link the household, assign staff, bijstand and status, write the timeline."""
        rng = self.rng
        head = adults[0]
        if len(adults) > 1 or children or partner:
            household = Huishouden()
            self.households.append(household)
            self.history.append(
                (household, {"aangemaakt_op": self.moment(head.datum_kennisgeving)})
            )
            for adult in adults:
                adult.huishouden = household
            if partner is not None:
                self.members.append(
                    Huishoudlid(
                        huishouden=household,
                        naam=f"{partner.first} {partner.last}",
                        geboortedatum=partner.birth,
                        relatie=Relatie.PARTNER,
                    )
                )
            for naam, geboortedatum in children:
                self.members.append(
                    Huishoudlid(
                        huishouden=household,
                        naam=naam,
                        geboortedatum=geboortedatum,
                        relatie=Relatie.KIND,
                    )
                )

        # One casusregisseur and one klantmanager per household.
        casusregisseur = rng.choice(self.casusregisseurs[head.gemeente.naam])
        klantmanager = rng.choice(self.klantmanagers)
        if asiel:
            on_bijstand = self.chance(0.9)
        else:
            # A geestelijk bedienaar is paid by his church or mosque.
            on_bijstand = (
                head.doelgroep != Doelgroep.GEESTELIJK_BEDIENAAR and self.chance(0.07)
            )
        housed = head.datum_huisvesting or head.datum_brp_inschrijving
        if on_bijstand and housed and (self.today - housed).days > 730:
            # After two years some households earn their own living.
            on_bijstand = not self.chance(0.3)
        moved = self.chance(0.04)

        for adult in adults:
            adult.casusregisseur = casusregisseur
            adult.status = self.status_for(adult)
            if moved and adult.status in TRAJECT_STATUSES:
                adult.status = Status.VERHUISD
            self.set_bijstand(adult, on_bijstand, asiel, klantmanager)
            self.people.append(adult)
            self.add_timeline(adult, asiel)

    def set_bijstand(
        self, person: Inburgeraar, on_bijstand: bool, asiel: bool, klantmanager: User
    ) -> None:
        if not on_bijstand or person.status == Status.VERHUISD:
            return
        if asiel:
            # Bijstand starts with the move into the gemeente's home.
            if person.datum_huisvesting is None:
                return
            start = self.days_later(person.datum_huisvesting, 0, 5)
        else:
            # Gezinsmigranten rarely: mostly after the relationship ended.
            if person.datum_brp_inschrijving is None:
                return
            start = self.days_later(person.datum_brp_inschrijving, 90, 540)
            if start > self.today:
                return
        person.bijstand = True
        person.bijstand_start = min(start, self.today)
        person.rsd_klantmanager = klantmanager

    def status_for(self, person: Inburgeraar) -> str:
        """A status that fits the age of the dossier: the 10-week PIP clock runs from
        the later of kennisgeving and BRP inschrijving, the termijn three years from
        the PIP."""
        if person.wet_regime == WetRegime.WI2013:
            return self.weighted(
                (
                    (Status.AFGEROND_VOLDAAN, 5),
                    (Status.TERMIJN_OVERSCHREDEN, 3),
                    (Status.IN_TRAJECT, 2),
                )
            )
        if person.datum_brp_inschrijving is None:
            # Still in the AZC: the signal is in, the intake can be planned.
            return self.weighted(
                ((Status.SIGNAAL_ONTVANGEN, 3), (Status.INTAKE_GEPLAND, 2))
            )
        clock_start = max(person.datum_kennisgeving, person.datum_brp_inschrijving)
        weeks = (self.today - clock_start).days / 7
        if weeks < 2:
            options = ((Status.SIGNAAL_ONTVANGEN, 7), (Status.INTAKE_GEPLAND, 3))
        elif weeks < 5:
            options = ((Status.INTAKE_GEPLAND, 4), (Status.INTAKE_LOOPT, 6))
        elif weeks < 9:
            options = ((Status.INTAKE_LOOPT, 4), (Status.PIP_CONCEPT, 6))
        elif weeks < 16:
            options = ((Status.PIP_CONCEPT, 2), (Status.PIP_VASTGESTELD, 8))
        elif weeks < 26:
            options = ((Status.PIP_VASTGESTELD, 4), (Status.IN_TRAJECT, 6))
        else:
            return self.later_status(weeks)
        return self.weighted(options)

    def later_status(self, weeks: float) -> str:
        roll = self.rng.random()
        if weeks >= 52 and roll < 0.03:
            return Status.VRIJGESTELD  # DUO: a Dutch diploma, say
        if weeks >= 52 and roll < 0.06:
            return Status.ONTHEVEN  # DUO: proven unable despite effort
        months = weeks * 7 / 30.44
        if months > 20 and self.chance(min(0.55, (months - 20) / 40)):
            return Status.AFGEROND_VOLDAAN
        if weeks > 10 + 156 and self.chance(0.4):
            return Status.TERMIJN_OVERSCHREDEN
        return Status.IN_TRAJECT

    def add_timeline(self, person: Inburgeraar, asiel: bool) -> None:
        """The 'aangemaakt' event at the DUO signal and, for some, notes after it."""
        created = self.moment(person.datum_kennisgeving)
        event = Gebeurtenis(
            inburgeraar=person,
            soort=GebeurtenisSoort.AANGEMAAKT,
            omschrijving="Dossier aangemaakt (demogegevens)",
        )
        self.events.append(event)
        self.history.append((event, {"tijdstip": created}))

        last_change = created
        for tekst, day in self.notes_for(person, asiel):
            when = self.moment(day)
            notitie = Notitie(
                inburgeraar=person, auteur=person.casusregisseur, tekst=tekst
            )
            event = Gebeurtenis(
                inburgeraar=person,
                soort=GebeurtenisSoort.NOTITIE,
                gebruiker=person.casusregisseur,
                omschrijving="Notitie toegevoegd",
                notitie=notitie,
            )
            self.notes.append(notitie)
            self.events.append(event)
            self.history.append((notitie, {"aangemaakt_op": when}))
            self.history.append((event, {"tijdstip": when}))
            last_change = max(last_change, when)
        self.history.append(
            (person, {"aangemaakt_op": created, "gewijzigd_op": last_change})
        )

    def notes_for(self, person: Inburgeraar, asiel: bool) -> list[tuple[str, date]]:
        rng = self.rng
        kennisgeving = person.datum_kennisgeving
        values = {
            "voornaam": person.voornamen,
            "taal": person.talen.split(",")[0],
            "woonplaats": person.woonplaats,
        }
        notes = []
        if person.status == Status.SIGNAAL_ONTVANGEN:
            return notes
        # Notes lie before today: a time during office hours today may not have
        # come yet.
        yesterday = self.today - timedelta(days=1)
        if self.chance(0.5):
            day = min(self.days_later(kennisgeving, 7, 56), yesterday)
            notes.append((rng.choice(INTAKE_NOTES), day))
        later_start = person.datum_brp_inschrijving or kennisgeving
        if person.status in INTAKE_STATUSES:
            pool = ()
        elif person.status == Status.AFGEROND_VOLDAAN:
            pool = AFGEROND_NOTES
        elif person.bijstand and self.chance(0.5):
            pool = ASIEL_NOTES
        elif not asiel and self.chance(0.5):
            pool = GEZIN_NOTES
        else:
            pool = TRAJECT_NOTES
        if pool and self.chance(0.6):
            first = later_start + timedelta(days=70)
            if first <= yesterday:
                day = self.days_later(first, 0, (yesterday - first).days)
                notes.append((rng.choice(pool), day))
        return [(tekst.format(**values), day) for tekst, day in notes]

    def build(self) -> None:
        share = self.target / TARGET_DOSSIERS
        for _ in range(max(1, round(WI2013_HOUSEHOLDS * share))):
            self.add_asiel_household(wet_regime=WetRegime.WI2013)
        while len(self.people) < self.target:
            if self.chance(ASIEL_HOUSEHOLD_SHARE):
                self.add_asiel_household()
            else:
                self.add_gezin_household()

    @transaction.atomic
    def save(self) -> None:
        Huishouden.objects.bulk_create(self.households)
        Huishoudlid.objects.bulk_create(self.members)
        for person in self.people:
            person.refresh_pip_deadline()
        Inburgeraar.objects.bulk_create(self.people)
        Notitie.objects.bulk_create(self.notes)
        Gebeurtenis.objects.bulk_create(self.events)
        # Put the historic dates back; bulk_update does not touch auto_now(_add).
        changed: dict[type, list[models.Model]] = defaultdict(list)
        fields: dict[type, set[str]] = defaultdict(set)
        for obj, values in self.history:
            for name, value in values.items():
                setattr(obj, name, value)
            changed[type(obj)].append(obj)
            fields[type(obj)].update(values)
        for model, objs in changed.items():
            model.objects.bulk_update(objs, sorted(fields[model]), batch_size=500)
