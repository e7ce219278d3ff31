"""The daily signalering sweep (DESIGN.md §2.7). Beat runs it after the nightly
routestand update; a worker runs it once at start to catch up (SECURITY RL-03)."""

from datetime import date

from django.db import OperationalError
from django.utils import timezone

from celery import shared_task

from .signalering import sweep


@shared_task(
    bind=True,
    name="monitoring.signalering_sweep",
    acks_late=True,
    soft_time_limit=10 * 60,
    time_limit=15 * 60,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_backoff_max=300,
    max_retries=3,
)
def signalering_sweep(self, vandaag: str | None = None) -> dict[str, int]:
    """Idempotent: the signals are derived from the recorded rows and a unique
    constraint keeps one per (soort, object, vervaldatum), so a duplicate tick, a
    redelivery after a crash (acks_late) or a retry changes nothing twice.

    `vandaag`: an ISO date (YYYY-MM-DD) for a run as of that day; default today in
    Europe/Amsterdam."""
    dag = date.fromisoformat(vandaag) if vandaag else timezone.localdate()
    return sweep(dag)
