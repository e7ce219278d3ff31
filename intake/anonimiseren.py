"""Retention (SECURITY RL-10): a dossier closed longer ago than the bewaartermijn is
anonymised by one scheduled, logged job (`intake.tasks.dossiers_anonimiseren`,
daily; by hand `manage.py anonimiseren`).

This module is the job: which dossiers are due, the lock, the log and the BSN
placeholder. What it wipes, deletes and keeps of each model, and what holds a
dossier back, every app declares for its own models in `<app>/retentie.py`
(`zevenaar_inburgering/bewaartermijn.py` says how); the job runs those declarations
in INSTALLED_APPS order and knows no app above intake.

**Closed** means an end status: voldaan, vrijgesteld, ontheven, verhuisd, beëindigd
or ontkoppeld (DUO withdrew the signal). "Termijn overschreden" is not closed: the
plicht and handhaving go on. A dossier with unfinished legal business is never
closed for retention: the apps declare it (`BLOKKADES`: a handhavingszaak before
its besluit, or an open bezwaar against a PIP beschikking or a fine).

**The closing date.** A final status is an event with a date (`status_sinds`, set
by intake.services.status from DUO's decision, the move, the rule that fired; a DUO
correctie sets none). The clock runs from the latest of the dates the apps declare
(`AFSLUITDATUM`): that event date, the last save of the dossier (`gewijzigd_op`),
the last event on its timeline (every service that changes anything in a dossier
writes one), the end of the ontzorgen period and the date the plicht was met
(`Afronding.voldaan_op`). That is never earlier than the day the status became
final, so nothing is anonymised early; a later change (a note added
after closing, say) restarts the clock.

**Due** when that date lies more than `settings.BEWAARTERMIJN_JAREN` years before
the peildatum (default today, Europe/Amsterdam).

**Wiped** is everything that identifies a person or that a person wrote or said;
**kept** is what the kwartaalrapportage and the nightly derived state read and does
not identify a person on its own (gemeente, doelgroep, status, dates, routes, hours,
amounts, categories and outcomes). The declarations list both per model. The BSN is
replaced by a placeholder here, after the log row was written.

**Archived first** (DOMAIN.md §13.6): the decisions of the dossiers due — every
beschikking and letter with a PDF, beslissingen op bezwaar included, as the apps
declare them (`ARCHIEF`) — are written to their archive package under
`settings.ARCHIEF_EXPORT_ROOT` (zevenaar_inburgering/archief.py, docs/archief.md)
before anything else happens. When that fails (the location is missing or not
writable, a stored PDF is missing or does not match its SHA-256) the job logs an
error and raises `ArchiefExportMislukt`: nothing is anonymised, nothing logged as
anonymised, and the next run tries again. The decisions themselves are kept: the
rows and their PDFs stay in the app as they are (the package is a hand-over, and
the app cannot see the archive accept it), so no decision is ever lost.

The verwerkingenlog is never touched (append-only, SECURITY LG-04). One verwerking
row per dossier is written, before the BSN is wiped, so its hash is the real BSN's.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone

from zevenaar_inburgering import archief, bewaartermijn
from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.verwerkingen import log

from .models import GESLOTEN_STATUSSEN, Inburgeraar

logger = logging.getLogger("zevenaar_inburgering.retentie")

ADVISORY_LOCK = 202_100_010  # pg_advisory_xact_lock: one retention run at a time
BATCH = 1000
# A BSN is nine digits, so "X" plus a sequence number can never equal a real one:
# a DUO signal for the same person later makes a new dossier instead of reviving
# this one. Unique, and it fits the field (max 9).
BSN_PREFIX = "X"


def bewaartermijn_jaren() -> int:
    jaren = settings.BEWAARTERMIJN_JAREN
    # 0 would anonymise every closed dossier at once: refuse instead of guessing.
    if not isinstance(jaren, int) or jaren < 1:
        raise ImproperlyConfigured(
            "BEWAARTERMIJN_JAREN moet een geheel getal ≥ 1 zijn."
        )
    return jaren


def jaren_eerder(dag: date, jaren: int) -> date:
    """The same day `jaren` years earlier; 29 February becomes 28 February."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return dag.replace(year=dag.year - jaren, day=28)


def afsluitdatum() -> Greatest:
    """The closing date of a dossier, as an annotation (see the module docstring)."""
    # GREATEST skips NULLs in PostgreSQL: a missing part simply does not count.
    return Greatest(*bewaartermijn.afsluitdatum_delen())


def te_anonimiseren(peildatum: date | None = None) -> QuerySet:
    """The dossiers due for anonymisation on `peildatum` (default today)."""
    peildatum = peildatum or timezone.localdate()
    grens = jaren_eerder(peildatum, bewaartermijn_jaren())
    dossiers = (
        Inburgeraar.objects.filter(
            geanonimiseerd_op__isnull=True, status__in=GESLOTEN_STATUSSEN
        )
        .annotate(afgesloten_op=afsluitdatum())
        .filter(afgesloten_op__lt=grens)
    )
    for blokkade in bewaartermijn.blokkades():
        dossiers = dossiers.exclude(blokkade.bestaat())
    return dossiers.order_by()


@transaction.atomic
def dossiers_anonimiseren(*, peildatum: date | None = None) -> int:
    """Anonymise every dossier due on `peildatum` (default today); return how many.

    Idempotent: an anonymised dossier is marked (`geanonimiseerd_op`) and never
    chosen again, so a second run exports, changes and logs nothing. Runs one at a
    time (an advisory lock); all or nothing (one transaction, files included: see
    `_documenten_verwijderen`), and nothing at all unless the archive export of the
    dossiers' decisions succeeded first (`_archiveren`)."""
    peildatum = peildatum or timezone.localdate()
    jaren = bewaartermijn_jaren()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
    # Lock the rows (a save, or a new row pointing at the dossier, now waits for
    # us), then choose again under the lock: a dossier reopened between the two
    # statements is left alone.
    vergrendeld = list(
        Inburgeraar.objects.select_for_update(of=("self",))
        .filter(pk__in=te_anonimiseren(peildatum).values("pk"))
        .values_list("pk", flat=True)
    )
    dossiers = list(
        te_anonimiseren(peildatum)
        .filter(pk__in=vergrendeld)
        .only("pk", "bsn", "gemeente")
        .order_by("pk")
    )
    if dossiers:
        _archiveren([d.pk for d in dossiers])
        # Before the BSN is wiped: the log's hash must be that of the real BSN.
        log.log_dossiers_geanonimiseerd(dossiers)
        regels = bewaartermijn.regels()
        with _besluiten_ontgrendeld(regels):
            documenten = []
            volgnummer = _laatste_bsn_volgnummer()
            nu = timezone.now()
            for begin in range(0, len(dossiers), BATCH):
                batch = dossiers[begin : begin + BATCH]
                documenten += _wissen(
                    batch, regels, eerste_volgnummer=volgnummer + begin, nu=nu
                )
        _documenten_verwijderen(documenten)
    logger.info(
        "Bewaartermijn: %d dossier(s) geanonimiseerd (peildatum %s, bewaartermijn "
        "%d jaar).",
        len(dossiers),
        peildatum.isoformat(),
        jaren,
    )
    return len(dossiers)


def _archiveren(ids: list) -> None:
    """Export the dossiers' decisions to their archive packages, or stop the job."""
    try:
        for begin in range(0, len(ids), BATCH):
            archief.exporteren(bewaartermijn.archiefstukken(ids[begin : begin + BATCH]))
    except archief.ArchiefExportMislukt as exc:
        logger.error(
            "Bewaartermijn: archiefexport mislukt, er is niets geanonimiseerd (%s). "
            "Controleer ARCHIEF_EXPORT_ROOT (%s).",
            exc,
            archief.export_root(),
        )
        raise


@contextmanager
def _besluiten_ontgrendeld(regels: list[bewaartermijn.Regel]) -> Iterator[None]:
    """Switch the immutability triggers the rules name (a vastgesteld PIP and a
    verlenging never change, except here) off for this transaction only. The
    beschikking and brief triggers are never switched off: the job keeps those rows.

    DDL is transactional in PostgreSQL and ALTER TABLE holds its lock until the
    commit, so no other session ever sees the triggers off; on an error the
    rollback switches them back on. Needs the table owner (the role that migrates).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("Alleen binnen een transactie.")
    qn = connection.ops.quote_name
    tabellen = [
        (qn(regel.model._meta.db_table), qn(regel.onveranderlijk))
        for regel in regels
        if getattr(regel, "onveranderlijk", "")
    ]
    with connection.cursor() as cursor:
        # ALTER TABLE refuses a table with pending (deferred) foreign key checks,
        # which a caller's earlier writes in the same transaction may have left.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for tabel, trigger in tabellen:
            cursor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER {trigger}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for tabel, trigger in tabellen:
            cursor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER {trigger}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _laatste_bsn_volgnummer() -> int:
    laatste = Inburgeraar.objects.filter(bsn__startswith=BSN_PREFIX).aggregate(
        m=Max("bsn")
    )["m"]
    return int(laatste[len(BSN_PREFIX) :]) if laatste else 0


def _wissen(
    dossiers: list[Inburgeraar],
    regels: list[bewaartermijn.Regel],
    *,
    eerste_volgnummer: int,
    nu: datetime,
) -> list[str]:
    """Wipe one batch of dossiers; return the stored names of their documents."""
    ids = [d.pk for d in dossiers]
    documenten = []
    for regel in regels:
        documenten += regel.uitvoeren(ids)
    for volgnummer, dossier in enumerate(dossiers, start=eerste_volgnummer + 1):
        dossier.bsn = f"{BSN_PREFIX}{volgnummer:08d}"
        dossier.geanonimiseerd_op = nu
    Inburgeraar.objects.bulk_update(
        dossiers, ["bsn", "geanonimiseerd_op"], batch_size=BATCH
    )
    return documenten


def _documenten_verwijderen(namen: list[str]) -> None:
    """Delete the PDFs from private storage, inside the transaction.

    Deleting before the commit cannot lose anything that must be kept (the files
    are past their bewaartermijn), while deleting after it could leave a file
    behind with nothing in the database pointing to it if the process died in
    between. If a deletion fails the run rolls back and the next run tries again.
    """
    mappen = set()
    for naam in namen:
        private_storage.delete(naam)
        mappen.add(str(PurePosixPath(naam).parent))
    for map_ in mappen:
        # beschikkingen/<dossier>/ and brieven/<dossier>/: empty now, so tidy up;
        # one that is not empty (or already gone) is left alone.
        with suppress(OSError):
            private_storage.delete(map_)
