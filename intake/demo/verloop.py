"""The course of each demo dossier: its bijstand, a status that fits its age, its
timeline with notes, and the events of its legal status."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from intake.models import (
    BRONNEN,
    Gebeurtenis,
    Inburgeraar,
    Notitie,
    Status,
    StatusBron,
    Statuswijziging,
    WetRegime,
)
from intake.services.status import status_vastleggen
from intake.tijdlijn import GebeurtenisSoort
from zevenaar_inburgering.accounts.models import User

from .data import (
    AFGEROND_NOTES,
    ASIEL_NOTES,
    GEZIN_NOTES,
    INTAKE_NOTES,
    INTAKE_STATUSES,
    TRAJECT_NOTES,
)
from .personen import PersonBuilder

# The legal end statuses the builder chooses that are recorded as events here (the
# status before it stays until the save); voldaan follows from the rule, in
# leerroutes' part.
GEBEURTENIS_STATUSSEN = (Status.ONTHEVEN, Status.VRIJGESTELD, Status.VERHUISD)
# DUO's besluit kenmerk: "DUO-ONT-2026-483920".
KENMERK_SOORT = {Status.ONTHEVEN: "ONT", Status.VRIJGESTELD: "VRIJ"}
NIEUWE_GEMEENTEN = ("Arnhem", "Nijmegen", "Doetinchem", "Apeldoorn", "Utrecht")


@dataclass
class StatusEvent:
    """A legal status change, recorded after the save through the service."""

    person: Inburgeraar
    status: str
    datum: date
    na: datetime  # the person's last line on the timeline before it
    kenmerk: str = ""
    nieuwe_gemeente: str = ""


class TimelineBuilder(PersonBuilder):
    """Bijstand, status and the timeline of the people the builder makes."""

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

    def plan_status_event(
        self, person: Inburgeraar, *, voor_verhuizing: str, na: datetime
    ) -> None:
        """For a person the builder gave an ontheffing, vrijstelling or move: the
        event, with the date, source and what the source states, recorded after
        the save (`record_status_events`); until then the person has the status
        before it (`voor_verhuizing` for a move; in traject before DUO's besluit).
        The date lies between the person's last note (`na`) and yesterday, never
        before the start of the plicht."""
        if person.status not in GEBEURTENIS_STATUSSEN:
            return
        rng = self.event_rng
        start = person.start_inburgeringsplicht
        if person.status == Status.VERHUISD:
            # Moved away some weeks after settling here.
            vroegst = (person.datum_brp_inschrijving or start) + timedelta(days=30)
            vorige = voor_verhuizing
        else:
            # DUO decides a year after the PIP clock started at the earliest
            # (`later_status`).
            vroegst = max(
                person.datum_kennisgeving, person.datum_brp_inschrijving
            ) + timedelta(weeks=52)
            vorige = Status.IN_TRAJECT
        laatst = max(self.today - timedelta(days=1), start)
        vroegst = min(max(vroegst, timezone.localtime(na).date(), start), laatst)
        event = StatusEvent(
            person=person,
            status=person.status,
            datum=vroegst + timedelta(days=rng.randint(0, (laatst - vroegst).days)),
            na=na,
        )
        if StatusBron.DUO in BRONNEN[event.status]:
            event.kenmerk = (
                f"DUO-{KENMERK_SOORT[event.status]}-{event.datum.year}-"
                f"{rng.randint(100_000, 999_999)}"
            )
        else:
            event.nieuwe_gemeente = rng.choice(NIEUWE_GEMEENTEN)
        self.status_events.append(event)
        person.status = vorige

    def record_status_events(self) -> None:
        """The planned events through `status_vastleggen`, by the casusregisseur,
        with the source BRONNEN allows (DUO's besluit with its kenmerk, the move
        with the new gemeente). The record and its line on the timeline are dated
        on the event's day, after the person's last note; one of today keeps the
        time it was recorded (office hours may not have come yet)."""
        for event in self.status_events:
            wijziging = status_vastleggen(
                event.person,
                status=event.status,
                datum=event.datum,
                bron=BRONNEN[event.status][0],
                kenmerk=event.kenmerk,
                nieuwe_gemeente=event.nieuwe_gemeente,
                acting_user=event.person.casusregisseur,
                vandaag=self.today,
            )
            if event.datum >= self.today:
                continue
            when = self.moment(event.datum, self.event_rng)
            if timezone.localtime(event.na).date() == event.datum:
                when = max(when, event.na + timedelta(minutes=5))
            Statuswijziging.objects.filter(pk=wijziging.pk).update(vastgelegd_op=when)
            Gebeurtenis.objects.filter(
                inburgeraar=event.person, soort=GebeurtenisSoort.STATUS
            ).update(tijdstip=when)

    def add_timeline(self, person: Inburgeraar, asiel: bool) -> datetime:
        """The 'aangemaakt' event at the DUO signal and, for some, notes after it.
        Returns the moment of the last of them."""
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
        return last_change

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
