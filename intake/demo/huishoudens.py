"""The demo region's households, and the whole region: build() makes the dossiers
in memory, save() writes them in a few bulk inserts."""

from collections import defaultdict
from datetime import date, timedelta

from django.db import models, transaction

from intake.models import (
    Doelgroep,
    Gebeurtenis,
    Geslacht,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Relatie,
    Status,
    Verblijfsvergunning,
    WetRegime,
)

from .data import (
    ASIEL_HOUSEHOLD_SHARE,
    ASIEL_ORIGIN_WEIGHTS,
    ASIEL_SHAPES,
    DUTCH_CHILD_NAMES,
    GEESTELIJK_BEDIENAAR_ORIGINS,
    GEZIN_DOELGROEP_WEIGHTS,
    GEZIN_ORIGIN_WEIGHTS,
    ORIGINS,
    TARGET_DOSSIERS,
    TRAJECT_STATUSES,
    WI2013_HOUSEHOLDS,
    WI2021_START,
    Origin,
)
from .personen import Address, Partner
from .verloop import TimelineBuilder


class RegionBuilder(TimelineBuilder):
    """Makes the demo dossiers in memory; save() writes them in a few bulk inserts."""

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
                if doelgroep == Doelgroep.GEZINSHERENIGER_ASIEL and int(spouse.bsn) % 3:
                    # Two in three reunited spouses came through the nareis
                    # procedure (a derived asylum permit, Pw art. 56a applies); the
                    # others through regular reunification. Decided by the BSN, not
                    # a draw, so the rest of the region stays as it was.
                    spouse.verblijfsvergunning = Verblijfsvergunning.ASIEL_AFGELEID
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
            adult.status = voor_verhuizing = self.status_for(adult)
            if moved and adult.status in TRAJECT_STATUSES:
                adult.status = Status.VERHUISD
            self.set_bijstand(adult, on_bijstand, asiel, klantmanager)
            self.people.append(adult)
            laatste = self.add_timeline(adult, asiel)
            self.plan_status_event(adult, voor_verhuizing=voor_verhuizing, na=laatste)

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
        self.record_status_events()
