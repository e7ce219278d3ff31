"""The background jobs of monitoring: the daily signalering sweep (DESIGN.md §2.7),
which beat runs after the nightly routestand update and a worker runs once at start
to catch up (SECURITY RL-03); the daily e-mail digest (monitoring.digest), which beat
runs after the sweep, at the start of the working day; and the kwartaalrapporten."""

import logging
from smtplib import SMTPException

from django.db import OperationalError, transaction

from celery.signals import worker_ready

from zevenaar_inburgering.taken import databasetaak, peildag

from .digest import digest_versturen
from .signalering import sweep

logger = logging.getLogger(__name__)

# Publishing never holds up a request for long (SECURITY RL-04): one retry, right
# away. The broker connection and socket timeouts (2 s) are in settings.
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}


def enqueue(task, *args) -> None:
    """Publish `task(*args)` once the current transaction has committed (at once
    outside one), so a worker never sees a row that is not there yet and a rolled
    back change enqueues nothing.

    If the broker is down the error is logged (task name and error type only: the
    arguments may identify a person) and swallowed: the database is the source of
    truth and the next sweep catches up (SECURITY RL-03). Pass only ids or dates."""

    def publish() -> None:
        try:
            task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
        except Exception as exc:  # kombu OperationalError, redis errors, timeouts
            logger.warning(
                "Taak %s niet in de wachtrij gezet (%s); de volgende sweep haalt "
                "het werk in.",
                task.name,
                type(exc).__name__,
            )

    transaction.on_commit(publish)


@databasetaak(
    "monitoring.signalering_sweep",
    minuten=10,
    harde_minuten=15,
    retry_backoff=30,
    retry_backoff_max=300,
    bind=True,
)
def signalering_sweep(self, vandaag: str | None = None) -> dict[str, int]:
    """Idempotent: the signals are derived from the recorded rows and a unique
    constraint keeps one per (soort, object, vervaldatum), so a duplicate tick, a
    redelivery after a crash (acks_late) or a retry changes nothing twice.

    `vandaag`: an ISO date (YYYY-MM-DD) for a run as of that day; default today in
    Europe/Amsterdam."""
    return sweep(peildag(vandaag))


@databasetaak(
    "monitoring.signalering_digest",
    minuten=10,
    harde_minuten=15,
    # The mail server may be away for a while, too.
    autoretry_for=(OperationalError, SMTPException, ConnectionError),
    retry_backoff=60,
    retry_backoff_max=600,
    bind=True,
)
def signalering_digest(self, vandaag: str | None = None) -> dict[str, int]:
    """Idempotent per user per day (DigestVerzending): a duplicate tick, a
    redelivery (acks_late) or a retry sends nobody a second e-mail.

    `vandaag`: an ISO date (YYYY-MM-DD) for a run as of that day; default today in
    Europe/Amsterdam."""
    return digest_versturen(peildag(vandaag))


@databasetaak(
    "monitoring.kwartaalrapport_maken",
    minuten=10,
    harde_minuten=15,
    retry_backoff=30,
    bind=True,
)
def kwartaalrapport_maken(self, rapport_id: str) -> str | None:
    """Make one requested kwartaalrapport. Idempotent (rapportage.rapport.rapport_maken
    claims the row; one already made is left alone)."""
    from .rapportage.rapport import rapport_maken

    rapport = rapport_maken(rapport_id)
    return rapport.status if rapport else None


@databasetaak(
    "monitoring.kwartaalrapporten",
    minuten=30,
    harde_minuten=40,
    retry_backoff=60,
    bind=True,
)
def kwartaalrapporten(self, vandaag: str | None = None) -> list[str]:
    """At the start of a quarter: the reports of the quarter that ended (every
    gemeente and the region), then requests whose task was lost. A second run
    makes nothing twice."""
    from .rapportage.rapport import kwartaalrapporten_maken

    return kwartaalrapporten_maken(peildag(vandaag))


@worker_ready.connect
def signalering_inhalen(sender, **kwargs) -> None:
    """Catch up at worker start (SECURITY RL-03): a sweep missed while the worker
    or Redis was down runs now. Safe next to beat's run: the sweep is idempotent
    and takes an advisory lock."""
    sender.app.send_task("monitoring.signalering_sweep")


@worker_ready.connect
def kwartaalrapporten_inhalen(sender, **kwargs) -> None:
    """Catch up at worker start: requested reports whose task was lost while the
    worker or Redis was down are made now (their rows are the source of truth)."""
    from .rapportage.rapport import wachtende_rapporten

    for rapport_id in wachtende_rapporten():
        sender.app.send_task("monitoring.kwartaalrapport_maken", args=[str(rapport_id)])
