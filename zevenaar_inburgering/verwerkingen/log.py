"""One small function per event that touches an inburgeraar's personal data.

Services call the write events, views the read events; each writes its rows in the
caller's transaction, so a change and its log row commit or fail together. Every
function writes all its rows with one INSERT, whatever the number of betrokkenen;
a streamed export (log_dossiers_exported) writes one INSERT per chunk it sends.
"""

import hashlib
import hmac
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .context import Oorsprong, get_oorsprong
from .models import Actie, Resultaat, Verwerking, Verwerkingsactiviteit

SYSTEEM = "Liemers Inburgering 0.1"


@dataclass(frozen=True)
class Activiteit:
    id: uuid.UUID
    naam: str
    grondslag: str
    bewaartermijn: str


# The register of verwerkingsactiviteiten. The bewaartermijn is not settled for
# inburgering (DOMAIN.md §12, [U]); the archivist fixes it from the Selectielijst.
DOSSIERVOERING = "dossiervoering"
DUO_SIGNALEN = "duo-signalen"
VERANTWOORDING = "verantwoording"
REGISTER = {
    DOSSIERVOERING: Activiteit(
        uuid.UUID("6f1c2b7e-4a57-4d6e-9d0b-1b0b5e3f6a01"),
        "Dossiervoering inburgering",
        "Wet inburgering 2021, art. 14-20; AVG art. 6 lid 1 sub e",
        "Volgens Selectielijst gemeenten (nog vast te stellen)",
    ),
    DUO_SIGNALEN: Activiteit(
        uuid.UUID("6f1c2b7e-4a57-4d6e-9d0b-1b0b5e3f6a02"),
        "Verwerken DUO-signalen inburgeringsplicht",
        "Wet inburgering 2021, art. 2 en 11; Besluit inburgering 2021, art. 5.3",
        "Volgens Selectielijst gemeenten (nog vast te stellen)",
    ),
    VERANTWOORDING: Activiteit(
        uuid.UUID("6f1c2b7e-4a57-4d6e-9d0b-1b0b5e3f6a03"),
        "Verantwoording en inzageverzoeken (verwerkingenlog)",
        "AVG art. 5 lid 2, art. 15 en art. 30",
        "Volgens Selectielijst gemeenten (nog vast te stellen)",
    ),
}

PERSOONSGEGEVENS = ["identificerend", "persoonsgegevens", "contactgegevens", "verblijf"]


def bsn_hash(bsn: str) -> str:
    """The pseudonymised betrokkene id: a keyed hash, never the BSN itself."""
    key = settings.BSN_HASH_KEY.encode()
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class _Subject:
    object_type: str
    object_id: str
    betrokkene_id: str
    gemeente_id: int | None


def _subject(obj) -> _Subject:
    """A model instance with a BSN and a gemeente (an Inburgeraar) as log subject."""
    if isinstance(obj, _Subject):
        return obj
    return _Subject(obj._meta.label, str(obj.pk), bsn_hash(obj.bsn), obj.gemeente_id)


def _activiteit(code: str) -> Verwerkingsactiviteit:
    entry = REGISTER[code]
    activiteit, _ = Verwerkingsactiviteit.objects.get_or_create(
        code=code,
        defaults={
            "id": entry.id,
            "naam": entry.naam,
            "grondslag": entry.grondslag,
            "bewaartermijn": entry.bewaartermijn,
        },
    )
    return activiteit


def _write(
    *,
    betrokkenen: Iterable,
    user,
    actie: str,
    actie_naam: str | list[str],
    handeling: str,
    activiteit: str = DOSSIERVOERING,
    soorten_gegevens: list[str] | None = None,
    resultaat: str = Resultaat.OK,
    oorsprong: Oorsprong | None = None,
    parent_span: uuid.UUID | None = None,
) -> None:
    """Write one row per betrokkene, children of one span for this action.

    `actie_naam` may be a list with a name per betrokkene (a batch of changes to
    one dossier: one row per change).
    An action written in several parts (a streamed export) passes the request's
    `oorsprong` and its own `parent_span` to every part."""
    subjects = [_subject(obj) for obj in betrokkenen]
    if not subjects:
        return
    namen = [actie_naam] * len(subjects) if isinstance(actie_naam, str) else actie_naam
    oorsprong = oorsprong or get_oorsprong()
    register = _activiteit(activiteit)
    if parent_span is None and len(subjects) > 1:
        parent_span = uuid.uuid4()
    now = timezone.now()
    actor = user if user is not None and user.is_authenticated else None
    _insert(
        {
            "trace_id": oorsprong.trace_id,
            "parent_span_id": parent_span,
            "tijdstip": now,
            "actie": actie,
            "actie_naam": naam,
            "handeling": handeling,
            "verwerkingsactiviteit_id": register.pk,
            "bewaartermijn": register.bewaartermijn,
            "actor_id": actor.pk if actor else None,
            "actor_rol": actor.role if actor else "systeem",
            "oorsprong_ip": oorsprong.ip,
            "oorsprong_user_agent": oorsprong.user_agent,
            "object_type": subject.object_type,
            "object_id": subject.object_id,
            "betrokkene_id": subject.betrokkene_id,
            "soorten_gegevens": soorten_gegevens or PERSOONSGEGEVENS,
            "resultaat": resultaat,
            "gemeente_id": subject.gemeente_id,
            "systeem": SYSTEEM,
            "uitvoerder": settings.OIN,
        }
        for subject, naam in zip(subjects, namen, strict=True)
    )


def _insert(rijen: Iterable[dict]) -> None:
    """All rows in one INSERT whose SQL is written here, not by bulk_create().

    The log is written on every page and for every exported dossier; bulk_create
    prepared each of a row's 26 values one by one in Python (6 ms of a werkvoorraad
    page of 25 rows, 0.5 ms a row for an export), while these values are already
    what PostgreSQL takes. A column not given takes its model default (a new id and
    span id per row); one with a database default (tijdstip_registratie) is left
    to the database. Through Django's cursor, so the query is counted and logged
    like any other."""
    velden = [f for f in Verwerking._meta.concrete_fields if not f.has_db_default()]
    namen = {veld.attname for veld in velden}
    waarden = []
    for rij in rijen:
        if onbekend := rij.keys() - namen:
            raise ValueError(f"geen kolommen van de verwerkingenlog: {onbekend}")
        for veld in velden:
            waarde = rij[veld.attname] if veld.attname in rij else veld.get_default()
            # Choices (Actie, Resultaat) as their plain value.
            waarden.append(str(waarde) if isinstance(waarde, str) else waarde)
    if not waarden:
        return
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    kolommen = ", ".join(connection.ops.quote_name(v.column) for v in velden)
    plaats = "(" + ", ".join(["%s"] * len(velden)) + ")"
    aantal = len(waarden) // len(velden)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} ({kolommen}) VALUES "  # noqa: S608 (column names from the model)
            + ", ".join([plaats] * aantal),
            waarden,
        )


def log_dossier_viewed(inburgeraar, *, user) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam="Dossier bekeken",
        handeling="Dossier",
    )


def log_dossier_refused(inburgeraar, *, user, verzoek: str = "") -> None:
    """Somebody asked for a dossier, or an object of it, and got 403 or 404.

    Written by verwerkingen.middleware.GeweigerdeToegangMiddleware for every such
    request (SECURITY LG-05); `verzoek` names the view and the status."""
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam="Toegang tot dossier geweigerd"
        + (f" ({verzoek})" if verzoek else ""),
        handeling="Dossier",
        resultaat=Resultaat.GEWEIGERD,
    )


def log_dossiers_listed(inburgeraars, *, user, handeling: str = "Werkvoorraad") -> None:
    _write(
        betrokkenen=inburgeraars,
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam="Dossier getoond in lijst",
        handeling=handeling,
        soorten_gegevens=["identificerend", "persoonsgegevens"],
    )


def log_dossier_created(inburgeraar, *, user, handeling: str = "Dossier") -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.AANMAKEN,
        actie_naam="Dossier aangemaakt",
        handeling=handeling,
    )


def log_dossiers_changed(
    inburgeraars, *, user, actie_naam: str, handeling: str
) -> None:
    _write(
        betrokkenen=inburgeraars,
        user=user,
        actie=Actie.WIJZIGEN,
        actie_naam=actie_naam,
        handeling=handeling,
    )


def log_dossier_changes(
    inburgeraar, *, user, actie_namen: list[str], handeling: str
) -> None:
    """A batch of changes to one dossier (a month of hours, a month's payments):
    one row per change, under one span."""
    _write(
        betrokkenen=[inburgeraar] * len(actie_namen),
        user=user,
        actie=Actie.WIJZIGEN,
        actie_naam=actie_namen,
        handeling=handeling,
    )


def log_dossiers_imported(inburgeraars, *, user, actie_naam: str) -> None:
    _write(
        betrokkenen=inburgeraars,
        user=user,
        actie=Actie.IMPORTEREN,
        actie_naam=actie_naam,
        handeling="DUO-signalen",
        activiteit=DUO_SIGNALEN,
    )


def log_dossiers_exported(chunks: Iterable[list], *, user, handeling: str) -> Iterator:
    """The dossiers of `chunks` (lists, as exports.chunks() reads them), one by one,
    each chunk logged with one INSERT before any of its dossiers is yielded.

    For a streamed export: the caller writes a CSV row per dossier while the next
    chunk is read. All rows share the request's trace id and one parent span. The
    request's oorsprong is taken now, in the view: the stream runs after the view
    has returned, when the middleware has reset it."""
    oorsprong = get_oorsprong()
    parent_span = uuid.uuid4()

    def dossiers():
        for chunk in chunks:
            _write(
                betrokkenen=chunk,
                user=user,
                actie=Actie.EXPORTEREN,
                actie_naam="Dossier geëxporteerd (CSV)",
                handeling=handeling,
                oorsprong=oorsprong,
                parent_span=parent_span,
            )
            yield from chunk

    return dossiers()


# Every category the retention job erases. The same list on every row: the job
# clears the health fields of every dossier, and a per-dossier "gezondheid" label
# would itself tell which people had health data.
GEANONIMISEERDE_GEGEVENS = PERSOONSGEGEVENS + [
    "persoonlijke_omstandigheden",
    "opleiding_en_werk",
    "gezondheid",
    "financien",
    "handhaving",
]


def log_dossiers_geanonimiseerd(inburgeraars, *, user=None) -> None:
    """The retention job (intake/anonimiseren.py, SECURITY RL-10) anonymised these dossiers.

    Call it before the BSN is wiped: the betrokkene id must be the hash of the real
    BSN, so that an inzageverzoek for that BSN shows when its data was removed.
    Without a user the actor is "systeem" (the scheduled job)."""
    _write(
        betrokkenen=inburgeraars,
        user=user,
        actie=Actie.VERWIJDEREN,
        actie_naam="Dossier geanonimiseerd: bewaartermijn verstreken",
        handeling="Bewaartermijn",
        soorten_gegevens=GEANONIMISEERDE_GEGEVENS,
    )


def log_verwerkingen_exported(*, betrokkene_id: str, user) -> None:
    """An export of the log for one BSN (AVG inzageverzoek) is itself a processing."""
    _write(
        betrokkenen=[_Subject("verwerkingen.Verwerking", "", betrokkene_id, None)],
        user=user,
        actie=Actie.EXPORTEREN,
        actie_naam="Verwerkingenlog geëxporteerd (inzageverzoek)",
        handeling="Verwerkingenlog",
        activiteit=VERANTWOORDING,
        soorten_gegevens=["verwerkingenlog"],
    )


def log_pdf_generated(inburgeraar, *, user, handeling: str) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.PDF_GENEREREN,
        actie_naam=f"{handeling} als PDF gemaakt",
        handeling=handeling,
    )


def log_document_downloaded(
    inburgeraar, *, user, handeling: str, soort: str = "PDF", gezondheid: bool = False
) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam=f"{handeling} ({soort}) gedownload",
        handeling=handeling,
        soorten_gegevens=_document_soorten(gezondheid),
    )


def log_bundel_downloaded(inburgeraars, *, user, handeling: str) -> None:
    """One PDF with the letters of several dossiers (a Brievenbundel): one row per
    betrokkene, as for a letter of their own."""
    _write(
        betrokkenen=inburgeraars,
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam=f"{handeling} (PDF met meer brieven) gedownload",
        handeling=handeling,
        soorten_gegevens=_document_soorten(False),
    )


# Documents on the dossier (issue 20). A medical statement or a COA profile is
# special-category data: "gezondheid" is named when one was shown or stored.
def _document_soorten(gezondheid: bool) -> list[str]:
    return PERSOONSGEGEVENS + (["gezondheid"] if gezondheid else [])


def log_document_added(inburgeraar, *, user, soort: str, gezondheid: bool) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.AANMAKEN,
        actie_naam=f"Document toegevoegd ({soort})",
        handeling="Documenten",
        soorten_gegevens=_document_soorten(gezondheid),
    )


def log_documents_viewed(inburgeraar, *, user, gezondheid: bool) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam="Documenten bekeken",
        handeling="Documenten",
        soorten_gegevens=_document_soorten(gezondheid),
    )


# Brede intake. "gezondheid" is special-category data (AVG art. 9): it is named in
# soorten_gegevens exactly when health data was shown or changed.
INTAKEGEGEVENS = [
    "identificerend",
    "persoonsgegevens",
    "opleiding_en_werk",
    "persoonlijke_omstandigheden",
]


def _intake_soorten(gezondheid: bool) -> list[str]:
    return INTAKEGEGEVENS + (["gezondheid"] if gezondheid else [])


def log_intake_viewed(
    inburgeraar, *, user, gezondheid: bool, actie_naam: str = "Brede intake bekeken"
) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.RAADPLEGEN,
        actie_naam=actie_naam,
        handeling="Brede intake",
        soorten_gegevens=_intake_soorten(gezondheid),
    )


def log_intake_created(inburgeraar, *, user) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.AANMAKEN,
        actie_naam="Brede intake gestart",
        handeling="Brede intake",
        soorten_gegevens=_intake_soorten(False),
    )


def log_intake_changed(
    inburgeraar, *, user, actie_naam: str, gezondheid: bool = False
) -> None:
    _write(
        betrokkenen=[inburgeraar],
        user=user,
        actie=Actie.WIJZIGEN,
        actie_naam=actie_naam,
        handeling="Brede intake",
        soorten_gegevens=_intake_soorten(gezondheid),
    )
