"""Private storage for generated documents (beschikkingen, reports) — SECURITY AC-08.

Files live under settings.PRIVATE_MEDIA_ROOT, a directory no web server or URL pattern
serves: the storage has no URL at all (`.url()` raises). The only way out is a view
that first checks permission (through `visible_to(user)`), logs the verwerking, and
then returns `document_response()`:

    name, sha256 = store_document(pdf, folder="beschikkingen/2026", filename="b.pdf")
    ...  # keep name and sha256 on the model
    return document_response(doc.name, download_name="beschikking.pdf")

Store neither names nor BSNs in folder or file names: stored names end up in logs.
"""

import hashlib
import hmac
import logging
import os
import re
from contextvars import ContextVar
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

_CHUNK = 64 * 1024
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


class NoPublicURL(NotImplementedError):
    """Private documents have no URL; serve them with document_response()."""


def private_media_root() -> Path:
    """settings.PRIVATE_MEDIA_ROOT, or BASE_DIR / "private_media"."""
    return Path(
        getattr(settings, "PRIVATE_MEDIA_ROOT", settings.BASE_DIR / "private_media")
    )


def _publicly_served_roots() -> list[Path]:
    roots = [settings.MEDIA_ROOT, settings.STATIC_ROOT]
    for entry in getattr(settings, "STATICFILES_DIRS", []):
        roots.append(entry[1] if isinstance(entry, tuple | list) else entry)
    return [Path(root).resolve() for root in roots if root]


class PrivateDocumentStorage(FileSystemStorage):
    """A FileSystemStorage without a base URL, rooted at PRIVATE_MEDIA_ROOT.

    Files are created 0600 and directories 0700. The root may not lie inside (or
    contain) MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS entry, which are served.
    """

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(location=location, base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        location = Path(self._value_or_setting(self._location, private_media_root()))
        resolved = location.resolve()
        for served in _publicly_served_roots():
            if resolved == served or resolved.is_relative_to(served):
                raise ImproperlyConfigured(
                    f"PRIVATE_MEDIA_ROOT ({resolved}) ligt in een publiek geserveerde "
                    f"map ({served})."
                )
            if served.is_relative_to(resolved):
                raise ImproperlyConfigured(
                    f"PRIVATE_MEDIA_ROOT ({resolved}) bevat een publiek geserveerde "
                    f"map ({served})."
                )
        return str(location)

    @property
    def base_url(self):
        # Never MEDIA_URL (FileSystemStorage's fallback): these files have no URL.
        return None

    def url(self, name):
        raise NoPublicURL(NoPublicURL.__doc__)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in (
            "PRIVATE_MEDIA_ROOT",
            "MEDIA_ROOT",
            "STATIC_ROOT",
            "STATICFILES_DIRS",
        ):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


private_storage = PrivateDocumentStorage()


def get_private_storage() -> PrivateDocumentStorage:
    """For `FileField(storage=get_private_storage)`: migrations then name this function
    instead of freezing a storage with its settings."""
    return private_storage


def _clean_relative(value: str, what: str, *, allow_slash: bool) -> str:
    segments = value.split("/") if allow_slash else [value]
    if not value or not all(_SEGMENT.fullmatch(segment) for segment in segments):
        raise SuspiciousFileOperation(
            f"Ongeldige {what} {value!r}: alleen letters, cijfers, '-', '_' en '.'."
        )
    if any(".." in segment for segment in segments):
        raise SuspiciousFileOperation(f"Ongeldige {what} {value!r}.")
    return value


# The names stored during the innermost atomic_with_documents call, if any.
_stored_names: ContextVar[list[str] | None] = ContextVar("stored_names", default=None)


def atomic_with_documents(func):
    """transaction.atomic for a service that stores documents: if it raises (its
    transaction rolls back), the files it stored are deleted again, so no PDF with
    personal data outlives the rows that were to record it — a failed verwerkingenlog
    write (SECURITY LG-02) leaves nothing behind. Nested calls hand their files to
    the outer call, which deletes them too if it fails later."""
    atomic_func = transaction.atomic(func)

    @wraps(func)
    def wrapper(*args, **kwargs):
        outer = _stored_names.get()
        names: list[str] = []
        token = _stored_names.set(names)
        try:
            result = atomic_func(*args, **kwargs)
        except BaseException:
            for name in names:
                private_storage.delete(name)
            raise
        finally:
            _stored_names.reset(token)
        if outer is not None:
            outer.extend(names)
        return result

    return wrapper


def store_document(content: bytes, *, folder: str, filename: str) -> tuple[str, str]:
    """Write `content` to private storage; return (stored name, sha256 hex digest).

    `folder` is a relative path such as "beschikkingen/2026"; `filename` a plain name
    such as "beschikking-3f2a.pdf". An existing file is never overwritten: the stored
    name then gets a random suffix, so always keep the returned name.
    """
    if not isinstance(content, bytes | bytearray):
        raise TypeError("content moet bytes zijn")
    folder = _clean_relative(folder, "map", allow_slash=True)
    filename = _clean_relative(filename, "bestandsnaam", allow_slash=False)
    sha256 = hashlib.sha256(content).hexdigest()
    name = private_storage.save(f"{folder}/{filename}", ContentFile(bytes(content)))
    names = _stored_names.get()
    if names is not None:
        names.append(name)
    return name, sha256


def _sha256_of(name: str) -> str:
    digest = hashlib.sha256()
    with private_storage.open(name, "rb") as file:
        for chunk in iter(lambda: file.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_document(name: str, sha256: str) -> bool:
    """True if the stored file exists and still has this sha256 (constant-time compare)."""
    try:
        actual = _sha256_of(name)
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        return False
    return hmac.compare_digest(actual, sha256.strip().lower())


def _clean_download_name(download_name: str) -> str:
    cleaned = "".join(
        ch
        for ch in os.path.basename(download_name.replace("\\", "/"))
        if ch.isprintable()
    ).strip(" .")
    return cleaned or "document.pdf"


def document_response(
    name: str, *, download_name: str, content_type: str = "application/pdf"
) -> FileResponse:
    """A download of a stored file, for a view that has already checked permission.

    Headers per SECURITY AC-08: attachment, no-store, noindex, nosniff. A missing
    file gives 404 (and an error in the log: the database says it should exist).
    """
    try:
        file = private_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        logger.error("Opgeslagen document ontbreekt of is ongeldig: %s", name)
        raise Http404("Document niet gevonden.") from None
    response = FileResponse(
        file,
        as_attachment=True,
        filename=_clean_download_name(download_name),
        content_type=content_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["X-Content-Type-Options"] = "nosniff"
    return response
