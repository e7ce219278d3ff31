"""The daily on-track sweep: time alone changes a judgement (months pass, the end
of the termijn nears), so every Routestand is derived again each night."""

from celery import shared_task

from .routestand import alle_routestanden_bijwerken


@shared_task(name="leerroutes.routestanden_bijwerken", acks_late=True)
def routestanden_bijwerken() -> int:
    """Idempotent: it only derives state from recorded rows, set-based per batch."""
    return alle_routestanden_bijwerken()
