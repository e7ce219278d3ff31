"""Archiving before deleting (DOMAIN.md §13.6, Archiefwet): the archive package of a
dossier's decisions, written before the retention job anonymises the dossier.

Beschikkingen (PIP, ontzorging, boete), the letters and the beslissingen op bezwaar
are archival records: the retention job may not delete them with the dossier. So
before it wipes anything, `intake/anonimiseren.py` hands every such document of the
dossiers due (`Stuk`, declared per app as `ARCHIEF` in `<app>/retentie.py`, see
`zevenaar_inburgering/bewaartermijn.py`) to `exporteren`, which writes one package
per dossier under `settings.ARCHIEF_EXPORT_ROOT`:

    <ARCHIEF_EXPORT_ROOT>/<gemeente CBS-code>/<dossier id>/
        <kenmerk>.pdf     the stored PDF/A, byte for byte (its SHA-256 verified)
        <kenmerk>.json    the document's metadata
        manifest.json     every file of the package with its SHA-256; written last

Every file is written to a temporary name, fsynced and renamed, and the directory
is fsynced after it, so a package is never half a file; a package without
manifest.json is incomplete. The content depends only on the database (no export
time in it), so exporting a dossier again writes the same bytes.

The job goes on only when the export succeeded: a location that is missing and
cannot be made, or is not writable, a stored PDF that is missing or does not match
its SHA-256, raise `ArchiefExportMislukt` and the job stops before it changes
anything. The app keeps its own copy as well (the beschikking and brief rows and
their PDFs stay, still immutable): the package is a hand-over to the gemeente's
archive, which this app cannot see accept it. docs/archief.md describes the format.
"""

import hashlib
import hmac
import json
import logging
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation

from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.parameters.models import waarde
from zevenaar_inburgering.pdf import ARCHIEF_VARIANT

logger = logging.getLogger("zevenaar_inburgering.retentie")

FORMAAT = "liemers-inburgering-archiefpakket"
VERSIE = 1
MANIFEST = "manifest.json"
NOMINATIES = {1: "bewaren", 0: "vernietigen"}  # parameter archief_bewaren
_VEILIG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
# Readable by the archive's pick-up (a group), never by others: personal data.
_BESTAND_MODUS = 0o640
_MAP_MODUS = 0o750


class ArchiefExportMislukt(Exception):
    """The archive package could not be written or verified; nothing may be
    anonymised until it can."""


@dataclass(frozen=True)
class Stuk:
    """One archival document of a dossier, as an app declares it."""

    dossier: uuid.UUID
    gemeente: object  # accounts.Gemeente
    soort: str  # a code: "pip_beschikking", "boetebeschikking", ...
    soort_naam: str
    zaaktype: str
    kenmerk: str
    besluitdatum: date  # the dagtekening
    verzenddatum: date  # the bekendmaking (Awb art. 3:41)
    vastgesteld_op: datetime  # the moment the document was made final
    pdf: str  # the stored name in private storage
    sha256: str


def export_root() -> Path:
    return Path(settings.ARCHIEF_EXPORT_ROOT)


def exporteren(stukken: Iterable[Stuk]) -> int:
    """Write the package of every dossier that has `stukken`; return how many
    documents were exported. Checks the location first, also when there is nothing
    to write, so a broken location stops the job on the first night it matters."""
    root = export_root()
    try:
        _map_controleren(root)
        per_dossier: dict[tuple, list[Stuk]] = {}
        for stuk in stukken:
            sleutel = (stuk.gemeente.cbs_code, str(stuk.dossier))
            per_dossier.setdefault(sleutel, []).append(stuk)
        for (cbs_code, dossier), reeks in per_dossier.items():
            _pakket_schrijven(root / _veilig(cbs_code) / _veilig(dossier), reeks)
    except (OSError, SuspiciousFileOperation) as exc:
        raise ArchiefExportMislukt(f"{type(exc).__name__}: {exc}") from exc
    return sum(len(reeks) for reeks in per_dossier.values())


def metadata(stuk: Stuk) -> dict:
    """The metadata file of one document (docs/archief.md lists the fields)."""
    bewaren = int(waarde("archief_bewaren", stuk.besluitdatum, stuk.gemeente))
    if bewaren not in NOMINATIES:
        raise ArchiefExportMislukt(
            f"Parameter archief_bewaren is {bewaren}; verwacht 1 of 0."
        )
    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "gemeente": {"naam": stuk.gemeente.naam, "cbs_code": stuk.gemeente.cbs_code},
        "dossier": str(stuk.dossier),
        "zaaktype": stuk.zaaktype,
        "documentsoort": {"code": stuk.soort, "naam": stuk.soort_naam},
        "kenmerk": stuk.kenmerk,
        "besluitdatum": stuk.besluitdatum.isoformat(),
        "verzenddatum": stuk.verzenddatum.isoformat(),
        "vastgesteld_op": stuk.vastgesteld_op.isoformat(),
        "bestand": {
            "naam": _bestandsnaam(stuk, ".pdf"),
            "mediatype": "application/pdf",
            "pdf_variant": ARCHIEF_VARIANT,
            "sha256": stuk.sha256,
        },
        "archiefnominatie": NOMINATIES[bewaren],
        "selectielijst_bewaartermijn_jaren": int(
            waarde("archief_bewaartermijn_jaren", stuk.besluitdatum, stuk.gemeente)
        ),
    }


# --- Writing ---------------------------------------------------------------------


def _map_controleren(root: Path) -> None:
    """The location exists (or is made) and takes a file: write and remove one."""
    _map_maken(root)
    proef = root / f".proef-{uuid.uuid4().hex}"
    _atomair_schrijven(proef, b"")
    proef.unlink()


def _map_maken(map_: Path) -> None:
    nieuw = []
    for deel in reversed([map_, *map_.parents]):
        if not deel.exists():
            nieuw.append(deel)
    map_.mkdir(mode=_MAP_MODUS, parents=True, exist_ok=True)
    for deel in nieuw:  # a new directory entry is durable once its parent is synced
        _map_fsync(deel.parent)


def _pakket_schrijven(map_: Path, stukken: list[Stuk]) -> None:
    _map_maken(map_)
    inhoud: dict[str, bytes] = {}
    for stuk in sorted(stukken, key=lambda s: (s.besluitdatum, s.kenmerk)):
        pdf = _pdf_lezen(stuk)
        inhoud[_bestandsnaam(stuk, ".pdf")] = pdf
        inhoud[_bestandsnaam(stuk, ".json")] = _json(metadata(stuk))
    for naam, data in inhoud.items():
        _atomair_schrijven(map_ / naam, data)
        if _sha256(map_ / naam) != hashlib.sha256(data).hexdigest():
            raise ArchiefExportMislukt(f"{map_ / naam}: geschreven bestand wijkt af.")
    manifest = {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "gemeente_cbs_code": map_.parent.name,
        "dossier": map_.name,
        "bestanden": [
            {"naam": naam, "sha256": hashlib.sha256(data).hexdigest()}
            for naam, data in inhoud.items()
        ],
    }
    # Last: a package with a manifest is complete.
    _atomair_schrijven(map_ / MANIFEST, _json(manifest))
    _map_fsync(map_)


def _pdf_lezen(stuk: Stuk) -> bytes:
    """The stored PDF, only if it still has the SHA-256 recorded with it."""
    try:
        with private_storage.open(stuk.pdf, "rb") as bestand:
            data = bestand.read()
    except FileNotFoundError:
        raise ArchiefExportMislukt(
            f"{stuk.soort_naam} {stuk.kenmerk}: de opgeslagen PDF ontbreekt."
        ) from None
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), stuk.sha256):
        raise ArchiefExportMislukt(
            f"{stuk.soort_naam} {stuk.kenmerk}: de opgeslagen PDF wijkt af van "
            "zijn SHA-256."
        )
    return data


def _atomair_schrijven(pad: Path, data: bytes) -> None:
    """Write `data` to `pad` through a temporary file in the same directory, fsynced
    before the rename, so `pad` is either the old file or the whole new one."""
    tijdelijk = pad.with_name(f".{pad.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _BESTAND_MODUS)
    try:
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(data)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise


def _map_fsync(map_: Path) -> None:
    fd = os.open(map_, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _json(waarde: dict) -> bytes:
    return (json.dumps(waarde, ensure_ascii=False, indent=2) + "\n").encode()


def _bestandsnaam(stuk: Stuk, extensie: str) -> str:
    return _veilig(stuk.kenmerk) + extensie


def _veilig(naam: str) -> str:
    if not _VEILIG.fullmatch(naam) or ".." in naam:
        raise SuspiciousFileOperation(f"Ongeldige naam in het archiefpakket: {naam!r}")
    return naam
