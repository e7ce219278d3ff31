"""CSV downloads: one shape for every export of the application.

An export is streamed: its lines are sent while its rows are read, so the first
byte leaves at once and memory does not grow with the number of rows (issue 18:
100,000 dossiers).
"""

import csv
from collections.abc import Iterable, Iterator
from itertools import chain

from django.http import StreamingHttpResponse

# Rows per database round trip, and per verwerkingenlog INSERT of an export that logs
# what it sends. The first chunk is short: logging a row costs about half a
# millisecond, and the first line waits for its chunk's log.
CHUNK_SIZE = 2000
FIRST_CHUNK_SIZE = 100
LINES_PER_WRITE = 500


def chunks(queryset) -> Iterator[list]:
    """The rows of `queryset`, in its order, in lists: a short first one, then
    CHUNK_SIZE each.

    The keys are read first (one query with the scope, filters and order), then
    each chunk by its keys. Every query is short and commits on its own: no cursor
    or transaction stays open while the download runs (ATOMIC_REQUESTS is off; a
    server-side cursor outside a transaction is materialised whole before its first
    row). So every log write of the caller commits before the lines it names are
    sent, and a download the user breaks off keeps the log of what it received. A
    row deleted meanwhile is left out; a changed one is exported as it is now."""
    keys = list(queryset.values_list("pk", flat=True))
    start, size = 0, min(FIRST_CHUNK_SIZE, CHUNK_SIZE)
    while start < len(keys):
        part = keys[start : start + size]
        found = queryset.in_bulk(part)
        yield [found[key] for key in part if key in found]
        start, size = start + size, CHUNK_SIZE


class _Echo:
    """A file-like object whose write() returns what it is given (Django docs,
    "Streaming large CSV files"): csv.writer then yields the formatted line."""

    def write(self, value: str) -> str:
        return value


def csv_download(
    filename: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """A streamed CSV attachment for Excel: UTF-8 with BOM, semicolons, every cell
    through safe_cell().

    The first row is read before the response is returned: the query, and a log
    write the rows' iterator makes before it yields them, run inside the view, so
    their failure is the error page (SECURITY LG-02) rather than a cut-off file.
    A later failure breaks the download before the unlogged rows are sent.

    Exports hold personal data, so the response is never cached nor indexed
    (SECURITY AC-08, as documents.document_response()).
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is not None:
        rows = chain([first], rows)
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(header)
        # Lines go out in batches: one write per line is slow on a WSGI server.
        batch = []
        for row in rows:
            batch.append(writer.writerow([safe_cell(value) for value in row]))
            if len(batch) == LINES_PER_WRITE:
                yield "".join(batch)
                batch = []
        if batch:
            yield "".join(batch)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas in user-supplied text (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
