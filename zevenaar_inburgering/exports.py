"""CSV downloads: one shape for every export of the application.

An export is streamed: its rows are written while they are read from the database,
CHUNK_SIZE at a time from one server-side cursor, so the first byte leaves at once
and memory does not grow with the number of rows (issue 18: 100,000 dossiers).
"""

import csv
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from django.http import StreamingHttpResponse

# Rows per database round trip (QuerySet.iterator's chunk_size) and per verwerkingenlog
# INSERT of an export that logs what it sends.
CHUNK_SIZE = 2000
LINES_PER_WRITE = 500


def chunks(queryset) -> Iterator[list]:
    """The rows of `queryset` in lists of CHUNK_SIZE, read with one server-side cursor.

    Read outside any transaction on purpose (ATOMIC_REQUESTS is off and the stream
    runs after the view has returned): every log write of the caller commits before
    the rows it names are sent, and a client that stops the download rolls back no
    log row of what it already received."""
    size = CHUNK_SIZE
    rows = queryset.iterator(chunk_size=size)
    while chunk := list(islice(rows, size)):
        yield chunk


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
