"""The nightly retention job (SECURITY RL-10): dossiers whose bewaartermijn has
passed are anonymised (intake/anonimiseren.py, with every app's retentie.py)."""

from datetime import date

from django.db import OperationalError

from celery import shared_task

from . import anonimiseren


@shared_task(
    name="intake.dossiers_anonimiseren",
    acks_late=True,
    # The first run after go-live may find a backlog of years.
    soft_time_limit=30 * 60,
    time_limit=40 * 60,
    autoretry_for=(OperationalError,),
    retry_backoff=60,
    max_retries=3,
)
def dossiers_anonimiseren(peildatum: str | None = None) -> int:
    """Idempotent: an anonymised dossier is marked and never chosen again, so a
    duplicate beat tick, a redelivery (acks_late) or a retry changes nothing twice.

    `peildatum`: an ISO date (YYYY-MM-DD) to run as of that day; default today in
    Europe/Amsterdam. Returns the number of dossiers anonymised."""
    dag = date.fromisoformat(peildatum) if peildatum else None
    return anonimiseren.dossiers_anonimiseren(peildatum=dag)
