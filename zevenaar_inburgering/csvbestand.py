"""Reading an uploaded CSV file, shared by the imports of DUO signals (intake) and
of an aanbieder's hours (leerroutes)."""

import csv
import io

from django.core.exceptions import ValidationError

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_rows(content: bytes, *, required_columns, wat: str) -> list[dict[str, str]]:
    """Decode and split a CSV file (UTF-8, ; or ,) into rows keyed by the lower-case
    column names; a file that cannot be read at all is refused whole. Shared by the
    imports of DUO signals and of an aanbieder's hours."""
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError("Het bestand is groter dan 20 MB. Splits het in delen.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Het bestand is geen UTF-8-tekst. Sla het op als CSV (UTF-8)."
        ) from exc
    if not text.strip():
        raise ValidationError("Het bestand is leeg.")
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required_columns if c not in header]
    if missing:
        raise ValidationError(
            "Deze kolommen ontbreken in de eerste regel: " + ", ".join(missing) + "."
        )
    reader.fieldnames = header
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ValidationError(f"Het bestand is geen geldige CSV: {exc}") from exc
    if not rows:
        raise ValidationError(f"Het bestand bevat geen {wat}, alleen een kopregel.")
    return rows
