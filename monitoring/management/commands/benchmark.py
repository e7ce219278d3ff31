"""Time the sweep, the report figures, the report PDF and the main pages on many
dossiers.

    python manage.py benchmark [--n 100000] [--keepdb]

Never touches the normal database: the run creates its own database
(benchmark_<NAME>), migrates it, seeds it with monitoring.benchmark and drops
it at the end, also when something fails. With --keepdb the database is kept and a
next run with --keepdb reuses it (it only seeds what is missing up to --n).

Each step is timed with time.perf_counter() and its queries are counted
(CaptureQueriesContext); with -v 2 the three slowest queries of each step are
shown. The sweep runs twice: the first run creates the signals, the second is the
idempotent run, after ANALYZE of the signal table as autovacuum does before the
next daily run.

Pages are requested as the user gets them: logged in with both factors (the session
verified by an authenticator app, as the two-factor middleware requires), once to
warm up and then `--herhalingen` times (30 by default); the table gives the median
and the 95th percentile and the queries of one request. A page that does not
answer 200 is reported and makes the command fail at the end.
"""

import statistics
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

NIET_BESCHIKBAAR = "niet beschikbaar"


class Command(BaseCommand):
    help = (
        "Maakt een tijdelijke database met N dossiers en meet de signalering, de "
        "cijfers en de pdf van het kwartaalrapport en de belangrijkste pagina's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--n",
            type=int,
            default=100_000,
            help="Aantal dossiers (standaard 100000).",
        )
        parser.add_argument(
            "--herhalingen",
            type=int,
            default=30,
            help="Aantal keer dat elke pagina wordt gemeten (standaard 30).",
        )
        parser.add_argument(
            "--doorvoer",
            type=int,
            default=20,
            help="Seconden belasting per pagina onder gunicorn met wrk (standaard 20; "
            "0 slaat de doorvoerstap over).",
        )
        parser.add_argument(
            "--clients",
            type=int,
            default=4,
            help="Gelijktijdige verbindingen in de doorvoerstap (standaard 4).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="gunicorn-workers in de doorvoerstap (standaard 2, als make run).",
        )
        parser.add_argument(
            "--keepdb",
            action="store_true",
            help="Bewaar de benchmarkdatabase en gebruik een bestaande opnieuw.",
        )

    def handle(
        self,
        *args,
        n: int,
        keepdb: bool,
        herhalingen: int,
        doorvoer: int,
        clients: int,
        workers: int,
        **options,
    ):
        self.verbosity = options["verbosity"]
        self.doorvoer_seconden = doorvoer
        self.clients = clients
        self.workers = workers
        if n < 1:
            raise CommandError("--n moet minstens 1 zijn.")
        if herhalingen < 2:
            raise CommandError("--herhalingen moet minstens 2 zijn.")
        self.herhalingen = herhalingen
        self.rijen: list[tuple[str, float | None, int | None, str]] = []
        self.mislukte_paginas: list[str] = []
        creation = connection.creation
        # A name of its own, so a test run (test_<NAME>) is never clobbered.
        test_settings = connection.settings_dict.setdefault("TEST", {})
        test_settings["NAME"] = f"benchmark_{connection.settings_dict['NAME']}"
        oude_naam = connection.settings_dict["NAME"]
        begin = time.perf_counter()
        creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=keepdb
        )
        self.database = connection.settings_dict["NAME"]
        self.stdout.write(
            f"Database {self.database} klaar ({time.perf_counter() - begin:.1f} s)."
        )
        # Not setup_test_environment(): it instruments every template render (a
        # copy of the context for the test client), which made the pages look
        # slower than they are for a user. Only what the test client needs.
        try:
            with override_settings(
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                DEBUG=False,
            ):
                self.run(n)
        finally:
            creation.destroy_test_db(oude_naam, verbosity=0, keepdb=keepdb)
        self.tabel(n, keepdb)
        if self.mislukte_paginas:
            raise CommandError(
                "Deze pagina's gaven geen status 200: "
                + ", ".join(self.mislukte_paginas)
            )

    # --- The run ---------------------------------------------------------------------

    def run(self, n: int) -> None:
        from monitoring.benchmark.data import geseede_dossiers
        from monitoring.benchmark.referentie import gebruikers
        from monitoring.benchmark.seed import seed

        with connection.cursor() as cursor:
            # A throwaway database: no need to wait for the disk on every commit.
            cursor.execute("SET synchronous_commit TO OFF")
        ontbreekt = n - geseede_dossiers().count()
        if ontbreekt > 0:
            self.stdout.write(f"Dossiers aanmaken: {ontbreekt} ...")
            with self.meet(f"Seeden ({ontbreekt} dossiers)", queries=False):
                seed(ontbreekt, stdout=self.stdout)
            # As autovacuum leaves a table that was just filled: statistics, and
            # the visibility map that lets a covering index answer on its own.
            with (
                self.meet("VACUUM ANALYZE", queries=False),
                connection.cursor() as cursor,
            ):
                cursor.execute("VACUUM ANALYZE")
        self.aantallen()

        from monitoring.signalering import sweep

        vandaag = timezone.localdate()
        uitkomst = self.meet_stap("Signalering: sweep (eerste run)", sweep, vandaag)
        if uitkomst:
            gemaakt = sum(
                v
                for k, v in uitkomst.items()
                if k not in ("opgelost", "heropend", "verantwoordelijke")
            )
            self.stdout.write(f"  signalen aangemaakt: {gemaakt}")
        # Right after the first run the planner still takes the signal table for
        # empty, and the second run can then take minutes (a nested loop that runs
        # a rule's query once per open signal). Autovacuum analyses the table within
        # minutes of such an insert, so the next daily run finds it analysed: measure
        # that run.
        with self.meet("ANALYZE signalen", queries=False), connection.cursor() as c:
            c.execute("ANALYZE monitoring_signaal")
        self.meet_stap("Signalering: sweep (tweede run)", sweep, vandaag)

        cijfers = self.kwartaal()
        casus, beleid = gebruikers()
        self.paginas(casus, beleid, cijfers)

    def kwartaal(self) -> dict | None:
        try:
            from monitoring.rapportage.basis import laatste_afgesloten_kwartaal
            from monitoring.rapportage.cijfers import bereken
        except ImportError:
            for stap in (
                "Kwartaalcijfers regio",
                "Kwartaalcijfers Zevenaar",
                "Kwartaalrapport pdf",
            ):
                self.rijen.append((stap, None, None, NIET_BESCHIKBAAR))
            return None
        from zevenaar_inburgering.accounts.models import Gemeente

        vandaag = timezone.localdate()
        jaar, kw = laatste_afgesloten_kwartaal(vandaag)
        self.stdout.write(f"Kwartaalrapport {jaar} K{kw}")
        cijfers = self.meet_stap(
            f"Kwartaalcijfers regio ({jaar} K{kw})",
            lambda: bereken(stand=vandaag, jaar=jaar, kwartaal=kw, gemeente=None),
        )
        zevenaar = Gemeente.objects.get(naam="Zevenaar")
        self.meet_stap(
            f"Kwartaalcijfers Zevenaar ({jaar} K{kw})",
            lambda: bereken(stand=vandaag, jaar=jaar, kwartaal=kw, gemeente=zevenaar),
        )
        try:
            from monitoring.rapportage.rapport import rapport_pdf
        except ImportError:
            rapport_pdf = None
        if rapport_pdf is None or cijfers is None:
            self.rijen.append(("Kwartaalrapport pdf", None, None, NIET_BESCHIKBAAR))
        else:
            pdf = self.meet_stap("Kwartaalrapport pdf (regio)", rapport_pdf, cijfers)
            if pdf:
                self.stdout.write(f"  pdf: {len(pdf) / 1024:.0f} kB")
        return cijfers

    def paginas(self, casus, beleid, cijfers) -> None:
        from intake.models import Status
        from monitoring.benchmark.data import geseede_dossiers

        # The richest kind of dossier: in traject, with hours, exams and a termijn.
        dossier = (
            geseede_dossiers()
            .filter(status=Status.IN_TRAJECT, termijn__isnull=False)
            .order_by("bsn")
            .first()
        ) or geseede_dossiers().order_by("bsn").first()
        if cijfers is not None:
            self.dashboard_rapport(cijfers)
        client = ingelogd(casus)
        casus_paginas = [("Werkvoorraad", reverse("monitoring:werkvoorraad"))]
        if dossier is not None:
            casus_paginas.append(
                ("Dossierpagina", reverse("monitoring:dossier", args=[dossier.pk]))
            )
        self.pagina(client, *casus_paginas[0])
        self.pagina(
            client,
            "Werkvoorraad, pagina 40",
            reverse("monitoring:werkvoorraad") + "?pagina=40",
        )
        if dossier is not None:
            self.pagina(client, *casus_paginas[1])
            self.pagina(
                client,
                "PIP-pagina",
                reverse("pip_plans:pip", args=[dossier.pk]),
            )
            self.pagina(
                client,
                "Routepagina",
                reverse("leerroutes:route", args=[dossier.pk]),
            )
        self.doorvoer(client, casus_paginas)
        # The regional casusregisseur has no signals of their own; a gemeente's
        # casusregisseur has thousands, and their werkvoorraad shows the 50 most
        # urgent, each with its snooze form.
        drukste = drukste_casusregisseur()
        if drukste is not None:
            self.pagina(
                ingelogd(drukste),
                "Werkvoorraad met 50 signalen",
                reverse("monitoring:werkvoorraad"),
            )
        client = ingelogd(beleid)
        self.pagina(client, "Dashboard beleidsdoelen", reverse("monitoring:dashboard"))
        self.pagina(
            client, "Kwartaalrapporten", reverse("monitoring:kwartaalrapporten")
        )

    def doorvoer(self, client: Client, paginas: list[tuple[str, str]]) -> None:
        """Each page under gunicorn (`--workers`) with `--clients` concurrent wrk
        connections for `--doorvoer` seconds, as the client's logged-in user."""
        from monitoring.benchmark import doorvoer

        if self.doorvoer_seconden <= 0:
            return
        stappen = [
            f"{naam}, {self.clients} clients (gunicorn {self.workers} workers)"
            for naam, _ in paginas
        ]
        if not doorvoer.wrk_beschikbaar():
            for stap in stappen:
                self.rijen.append(
                    (stap, None, None, "wrk ontbreekt: apt-get install wrk")
                )
            return
        naam = settings.SESSION_COOKIE_NAME
        cookie = f"{naam}={client.cookies[naam].value}"
        self.stdout.write(
            f"Doorvoer: gunicorn met {self.workers} workers, {self.clients} clients, "
            f"{self.doorvoer_seconden} s per pagina"
        )
        with doorvoer.Server(connection.settings_dict, self.workers) as server:
            for stap, (_, pad) in zip(stappen, paginas, strict=True):
                url = server.basis + pad
                status = doorvoer.status(url, cookie)
                if status != 200:
                    self.rijen.append((stap, None, None, f"status {status}"))
                    self.mislukte_paginas.append(f"{stap} ({status})")
                    continue
                uitslag = doorvoer.belast(
                    url, cookie, clients=self.clients, seconden=self.doorvoer_seconden
                )
                self.rijen.append((stap, None, None, uitslag.omschrijving()))
                self.stdout.write(f"  {stap}: {uitslag.omschrijving()}")
                if uitslag.fouten:
                    self.mislukte_paginas.append(f"{stap} ({uitslag.fouten} fouten)")

    def dashboard_rapport(self, cijfers: dict) -> None:
        """A finished region report, so the dashboard shows its charts and tables
        (the PDF itself is not stored: the dashboard does not read it)."""
        from monitoring.models import Kwartaalrapport, KwartaalrapportStatus

        Kwartaalrapport.objects.create(
            jaar=cijfers["jaar"],
            kwartaal=cijfers["kwartaal"],
            gemeente=None,
            status=KwartaalrapportStatus.KLAAR,
            cijfers=cijfers,
            parameters=cijfers.get("parameters", {}),
            pdf="kwartaalrapporten/benchmark.pdf",
            sha256="0" * 64,
            gestart_op=timezone.now(),
            gereed_op=timezone.now(),
        )

    def pagina(self, client: Client, naam: str, url: str) -> None:
        """p50 and p95 of `herhalingen` requests after a warm-up, with the queries
        of one request; a status other than 200 is a failure."""
        response = client.get(url)  # warm up: templates, session
        if response.status_code != 200:
            self.rijen.append((naam, None, None, f"status {response.status_code}"))
            self.mislukte_paginas.append(f"{naam} ({response.status_code})")
            return
        # Counted by an execute wrapper: the debug query log does not survive a
        # request of the test client here.
        queries: list[tuple[float, str, object]] = []

        def tel(execute, sql, params, many, context):
            begin = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - begin, sql, params))

        with connection.execute_wrapper(tel):
            client.get(url)
        tijden = []
        for _ in range(self.herhalingen):
            begin = time.perf_counter()
            response = client.get(url)
            tijden.append(time.perf_counter() - begin)
            if response.status_code != 200:
                self.rijen.append((naam, None, None, f"status {response.status_code}"))
                self.mislukte_paginas.append(f"{naam} ({response.status_code})")
                return
        p50 = statistics.median(tijden)
        p95 = statistics.quantiles(tijden, n=20, method="inclusive")[18]
        opmerking = (
            f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
            f"({self.herhalingen} keer)"
        )
        self.rijen.append((naam, p50, len(queries), opmerking))
        self.stdout.write(f"  {naam}: {opmerking}, {len(queries)} queries")
        if self.verbosity >= 2:
            self.plannen(queries)

    def plannen(self, queries: list[tuple[float, str, object]], aantal: int = 2):
        """With -v 2: the plans of a page's slowest SELECTs, as PostgreSQL executes
        them (EXPLAIN (ANALYZE, BUFFERS)): where a page's time goes, and whether
        its lookups use an index (a "Seq Scan" on a big table is the sign that one
        is missing; docs/development.md keeps what was learned from them)."""
        selects = [q for q in queries if q[1].lstrip().upper().startswith("SELECT")]
        for duur, sql, params in sorted(selects, key=lambda q: -q[0])[:aantal]:
            self.stdout.write(
                f"    {duur * 1000:7.1f} ms  {' '.join(sql.split())[:300]}"
            )
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                for (regel,) in cursor.fetchall():
                    self.stdout.write(f"        {regel}")

    def aantallen(self) -> None:
        from intake.models import BredeIntake, Inburgeraar
        from leerroutes.models import Participatieactiviteit, Traject, Urenregistratie
        from pip_plans.models import Pip

        self.stdout.write("In de database:")
        for model in (
            Inburgeraar,
            BredeIntake,
            Pip,
            Traject,
            Urenregistratie,
            Participatieactiviteit,
        ):
            self.stdout.write(
                f"  {model._meta.verbose_name_plural:<28}{model.objects.count():>12,}".replace(
                    ",", "."
                )
            )

    # --- Measuring -------------------------------------------------------------------

    @contextmanager
    def meet(self, stap: str, *, queries: bool = True):
        with CaptureQueriesContext(connection) as ctx:
            begin = time.perf_counter()
            yield
            duur = time.perf_counter() - begin
        self.rijen.append(
            (stap, duur, len(ctx.captured_queries) if queries else None, "")
        )
        self.stdout.write(f"  {stap}: {duur:.2f} s")
        if queries and self.verbosity >= 2:
            self.traagste(ctx.captured_queries)

    def traagste(self, captured: list[dict], aantal: int = 3) -> None:
        """With -v 2: the slowest queries of a step, to see where the time goes."""
        for query in sorted(captured, key=lambda q: -float(q["time"]))[:aantal]:
            sql = " ".join(query["sql"].split())
            self.stdout.write(f"    {float(query['time']):8.3f} s  {sql[:300]}")

    def meet_stap(self, stap: str, functie, *args):
        """Time one call and count its queries; a failure is reported, not raised,
        so the other steps still run."""
        try:
            with self.meet(stap):
                return functie(*args)
        except Exception as error:  # report and go on
            self.rijen.append(
                (stap, None, None, f"fout: {type(error).__name__}: {error}")
            )
            self.stderr.write(f"{stap} mislukt: {error!r}")
            return None

    def tabel(self, n: int, keepdb: bool) -> None:
        write = self.stdout.write
        write("")
        write(f"Benchmark met {n:,} dossiers".replace(",", "."))
        write(f"{'Stap':<44}{'Seconden':>10}{'Queries':>10}")
        write("-" * 64)
        for stap, duur, queries, opmerking in self.rijen:
            seconden = "" if duur is None else f"{duur:.3f}"
            aantal = "" if queries is None else str(queries)
            regel = f"{stap:<44}{seconden:>10}{aantal:>10}"
            write(f"{regel}  {opmerking}".rstrip())
        write("")
        write(
            f"Gemeten in database {self.database}; "
            + ("die is bewaard (--keepdb)." if keepdb else "die is weer verwijderd.")
            + f" De gewone database ({settings.DATABASES['default']['NAME']}) is niet "
            "aangeraakt."
        )


def drukste_casusregisseur():
    """The user with the most open signals (the sweep has run)."""
    from django.db.models import Count

    from monitoring.models import Signaal
    from zevenaar_inburgering.accounts.models import User

    rij = (
        Signaal.objects.te_doen(timezone.localdate())
        .filter(verantwoordelijke__isnull=False)
        .values("verantwoordelijke")
        .annotate(aantal=Count("pk"))
        .order_by("-aantal")
        .first()
    )
    return User.objects.get(pk=rij["verantwoordelijke"]) if rij else None


def ingelogd(user) -> Client:
    """A client logged in as `user` with both factors: the session verified by the
    user's authenticator app, as django_otp's middleware requires (without it every
    page sends the user to the second-factor step, 302)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Benchmark", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
