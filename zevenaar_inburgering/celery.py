"""The Celery app. Redis is only the broker; every deadline lives in PostgreSQL."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zevenaar_inburgering.settings")

app = Celery("zevenaar_inburgering")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
    from monitoring.rapportage.rapport import wachtende_rapporten

    for rapport_id in wachtende_rapporten():
        sender.app.send_task("monitoring.kwartaalrapport_maken", args=[str(rapport_id)])
