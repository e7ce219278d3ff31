"""Fill the database with a realistic demo region.

    python manage.py demo_region [--users] [--dossiers N]

Zevenaar, Duiven and Westervoort with about 250 inburgeraars since 2022, their
households, notes and timeline, and the staff of the three gemeenten and RSD de
Liemers. The people are made up, but shaped like the real inflow: about two thirds
asielstatushouders (most from Syria and Eritrea), the rest gezinsmigranten (most from
Turkey and Morocco), with dates and statuses that fit the age of each dossier.

The data is deterministic (one seeded random generator; dates count back from today,
taken once when the command starts, so a build that runs past midnight still shows
one day) and the command is idempotent: staff are matched on username, and dossiers
are only created when none of the demo BSNs exists yet.

--dossiers makes a smaller (or larger) region with every scenario still in it, for
a quick look or for the calendar check in the tests.

With --users the four demo logins (casus, klantmanager, beleid, beheer) get the
password from the environment variable DEMO_PASSWORD (default below); every other
account, and without --users every new account, gets an unusable password.
"""

import os
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.module_loading import import_string

from intake.demo.builder import RegionBuilder, demo_dossiers
from intake.demo.data import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_LOGINS,
    GEMEENTEN,
    REGION,
    STAFF,
    TARGET_DOSSIERS,
)
from intake.models import (
    Doelgroep,
    Huishouden,
    Huishoudlid,
    Notitie,
)
from zevenaar_inburgering.accounts.models import Gemeente, Role, User

# The smallest region that shows every situation: the calendar check builds it
# (tests/demo/test_kalender.py).
MINIMUM_DOSSIERS = 50


class Command(BaseCommand):
    help = (
        "Vult de database met een realistische demoregio (Zevenaar, Duiven, "
        "Westervoort): medewerkers en ongeveer 250 inburgeraars. Tweemaal draaien "
        "voegt niets toe."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help=(
                "Geef de vier demo-accounts (casus, klantmanager, beleid, beheer) het "
                "wachtwoord uit DEMO_PASSWORD en toon ze."
            ),
        )
        parser.add_argument(
            "--dossiers",
            type=int,
            default=TARGET_DOSSIERS,
            help=(
                f"Ongeveer zoveel demodossiers (standaard {TARGET_DOSSIERS}); een "
                "kleinere regio heeft nog elke situatie, maar minder vaak."
            ),
        )

    def handle(
        self,
        *args,
        users: bool = False,
        dossiers: int = TARGET_DOSSIERS,
        **options,
    ):
        if dossiers < MINIMUM_DOSSIERS:
            raise CommandError(
                f"Een demoregio heeft minstens {MINIMUM_DOSSIERS} dossiers nodig "
                "om elke situatie te tonen."
            )
        vandaag = timezone.localdate()
        gemeenten = self.ensure_gemeenten()
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        staff = self.ensure_staff(gemeenten, password if users else None)

        existing = demo_dossiers().count()
        if existing:
            self.stdout.write(
                f"De demoregio bestaat al ({existing} demodossiers); er zijn geen "
                "dossiers toegevoegd."
            )
        else:
            builder = RegionBuilder(
                today=vandaag, gemeenten=gemeenten, staff=staff, dossiers=dossiers
            )
            builder.build()
            builder.save()
            self.stdout.write(self.style.SUCCESS("Demoregio aangemaakt."))
        # Later apps add their part of the region (intakes, PIPs, ...): the intake
        # app imports none of them, so they are named in settings.
        for extension in settings.DEMO_REGION_EXTENSIONS:
            import_string(extension)(stdout=self.stdout, vandaag=vandaag)
        self.write_summary()
        if users:
            self.write_logins(password)

    def ensure_gemeenten(self) -> dict[str, Gemeente]:
        gemeenten = {}
        for cbs_code, naam in GEMEENTEN:
            gemeente, _ = Gemeente.objects.get_or_create(
                cbs_code=cbs_code, defaults={"naam": naam}
            )
            gemeenten[naam] = gemeente
        return gemeenten

    def ensure_staff(
        self, gemeenten: dict[str, Gemeente], demo_password: str | None
    ) -> dict[str, User]:
        """Create or update the staff; a new account gets no usable password, the demo
        logins get `demo_password` when one is given."""
        staff = {}
        for member in STAFF + DEMO_LOGINS:
            user, created = User.objects.update_or_create(
                username=member.username,
                defaults={
                    "first_name": member.first_name,
                    "last_name": member.last_name,
                    "email": member.email,
                    "role": member.role,
                    "is_active": True,
                },
            )
            user.gemeenten.set([gemeenten[naam] for naam in member.gemeenten])
            if demo_password is not None and member in DEMO_LOGINS:
                user.set_password(demo_password)
                user.save(update_fields=["password"])
            elif created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            staff[member.username] = user
        return staff

    def write_summary(self) -> None:
        dossiers = demo_dossiers()
        categorie = settings.DOELGROEP_CATEGORIE
        per_gemeente: Counter = Counter()
        per_doelgroep: Counter = Counter()
        for gemeente, doelgroep in dossiers.values_list("gemeente__naam", "doelgroep"):
            per_gemeente[gemeente, categorie[doelgroep]] += 1
            per_doelgroep[doelgroep] += 1

        write = self.stdout.write
        write("")
        write(f"{'Gemeente':<14}{'Asiel':>8}{'Gezin/overig':>14}{'Totaal':>9}")
        for naam in REGION:
            asiel = per_gemeente[naam, "asiel"]
            gezin = per_gemeente[naam, "gezin_overig"]
            write(f"{naam:<14}{asiel:>8}{gezin:>14}{asiel + gezin:>9}")
        write(f"{'Regio':<14}{'':>8}{'':>14}{dossiers.count():>9}")
        write("")
        write("Per doelgroep:")
        for doelgroep in Doelgroep:
            write(f"  {doelgroep.label:<42}{per_doelgroep[doelgroep.value]:>5}")
        households = Huishouden.objects.filter(inburgeraars__in=dossiers).distinct()
        write("")
        write(
            f"Huishoudens: {households.count()}, huishoudleden (geen inburgeraar): "
            f"{Huishoudlid.objects.filter(huishouden__in=households).count()}"
        )
        write(f"Notities: {Notitie.objects.filter(inburgeraar__in=dossiers).count()}")

    def write_logins(self, password: str) -> None:
        # A password chosen by the operator stays out of logs; the default is public.
        shown = (
            password
            if password == DEFAULT_DEMO_PASSWORD
            else "(waarde van DEMO_PASSWORD)"
        )
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS("Demo-inloggegevens (alleen voor demonstraties):"))
        write(f"  {'Gebruikersnaam':<16}{'Rol':<23}{'Gemeenten':<32}Wachtwoord")
        for member in DEMO_LOGINS:
            gemeenten = ", ".join(member.gemeenten)
            write(
                f"  {member.username:<16}{Role(member.role).label:<23}"
                f"{gemeenten:<32}{shown}"
            )
