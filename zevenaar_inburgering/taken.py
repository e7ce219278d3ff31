"""What the apps' Celery jobs share: how a job that works on the database is
declared, and the day it runs as."""

from datetime import date

from django.db import OperationalError
from django.utils import timezone

from celery import shared_task


def databasetaak(
    name: str,
    *,
    minuten: int,
    harde_minuten: int,
    retry_backoff: int,
    autoretry_for: tuple = (OperationalError,),
    **opties,
):
    """`shared_task` for a job that reads and writes the database. It is
    acknowledged only after it ran (acks_late: a worker that dies mid-run leaves it
    to another, so every job must be idempotent), is told to stop after `minuten`
    and killed after `harde_minuten`, and is retried three times, with backoff,
    when the database connection drops."""
    return shared_task(
        name=name,
        acks_late=True,
        soft_time_limit=minuten * 60,
        time_limit=harde_minuten * 60,
        autoretry_for=autoretry_for,
        retry_backoff=retry_backoff,
        max_retries=3,
        **opties,
    )


def peildag(iso: str | None) -> date:
    """The day a job runs as: an ISO date (YYYY-MM-DD) given to the task, for a run
    as of that day; by default today in Europe/Amsterdam."""
    return date.fromisoformat(iso) if iso else timezone.localdate()
