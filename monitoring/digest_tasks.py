"""The daily e-mail digest (monitoring.digest). Beat runs it after the sweep, at
the start of the working day. Imported by MonitoringConfig.ready(): Celery's
autodiscovery only finds `tasks` modules."""

from datetime import date
from smtplib import SMTPException

from django.db import OperationalError
from django.utils import timezone

from celery import shared_task

from .digest import digest_versturen


@shared_task(
    bind=True,
    name="monitoring.signalering_digest",
    acks_late=True,
    soft_time_limit=10 * 60,
    time_limit=15 * 60,
    autoretry_for=(OperationalError, SMTPException, ConnectionError),
    retry_backoff=60,
    retry_backoff_max=600,
    max_retries=3,
)
def signalering_digest(self, vandaag: str | None = None) -> dict[str, int]:
    """Idempotent per user per day (DigestVerzending): a duplicate tick, a
    redelivery (acks_late) or a retry sends nobody a second e-mail.

    `vandaag`: an ISO date (YYYY-MM-DD) for a run as of that day; default today in
    Europe/Amsterdam."""
    dag = date.fromisoformat(vandaag) if vandaag else timezone.localdate()
    return digest_versturen(dag)
