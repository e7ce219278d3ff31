"""The nightly retention job (SECURITY RL-10): dossiers whose bewaartermijn has
passed are anonymised (intake/anonimiseren.py, with every app's retentie.py)."""

from zevenaar_inburgering.taken import databasetaak, peildag

from . import anonimiseren


@databasetaak(
    "intake.dossiers_anonimiseren",
    # The first run after go-live may find a backlog of years.
    minuten=30,
    harde_minuten=40,
    retry_backoff=60,
)
def dossiers_anonimiseren(peildatum: str | None = None) -> int:
    """Idempotent: an anonymised dossier is marked and never chosen again, so a
    duplicate beat tick, a redelivery (acks_late) or a retry changes nothing twice.

    `peildatum`: an ISO date (YYYY-MM-DD) to run as of that day; default today in
    Europe/Amsterdam. Returns the number of dossiers anonymised."""
    return anonimiseren.dossiers_anonimiseren(peildatum=peildag(peildatum))
