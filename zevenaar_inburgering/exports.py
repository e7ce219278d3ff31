"""CSV downloads: one shape for every export of the application."""

import csv

from django.http import HttpResponse


def csv_response(filename: str, header: list[str]):
    """A CSV attachment for Excel (UTF-8 with BOM, semicolons) and its writer.

    Exports hold personal data, so the response is never cached nor indexed
    (SECURITY AC-08, as documents.document_response()).
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    return response, writer


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas in user-supplied text (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
