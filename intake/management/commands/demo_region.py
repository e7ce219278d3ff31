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

from intake.demo.data import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_LOGINS,
    REGION,
    TARGET_DOSSIERS,
)
from intake.demo.medewerkers import open_demo_logins
from intake.demo.regio import demo_dossiers
from intake.models import (
    Doelgroep,
    Huishouden,
    Huishoudlid,
    Notitie,
)
from zevenaar_inburgering.accounts.models import Role
from zevenaar_inburgering.bijdragen import per_app

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
        # Each app adds its part of the region (intake the dossiers, pip_plans the
        # intakes and PIPs, ...), in INSTALLED_APPS order: a part may build on the
        # parts below it (intake/demo/__init__.py).
        for bijdrage in per_app("demo"):
            bijdrage.vul_aan(stdout=self.stdout, vandaag=vandaag, dossiers=dossiers)
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        if users:
            open_demo_logins(password)
        self.write_summary()
        if users:
            self.write_logins(password)

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
