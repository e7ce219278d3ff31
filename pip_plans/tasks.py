"""The nightly termijn job: a dossier whose inburgeringstermijn has passed gets the
event "termijn overschreden" (pip_plans/services/termijn.py)."""

from zevenaar_inburgering.taken import databasetaak, peildag

from .services.termijn import termijn_statussen_bijwerken


@databasetaak(
    "pip_plans.termijn_statussen_bijwerken",
    minuten=10,
    harde_minuten=15,
    retry_backoff=60,
)
def termijn_statussen(peildatum: str | None = None) -> int:
    """Idempotent (a dossier already marked is skipped). `peildatum`: an ISO date to
    run as of that day; default today in Europe/Amsterdam. Returns how many changed."""
    return termijn_statussen_bijwerken(peildag(peildatum))
