"""Reading a CSV export in a test: the response streams (zevenaar_inburgering.exports)."""

import csv
import io


def csv_text(response) -> str:
    """The whole download as text, its UTF-8 BOM checked and removed."""
    assert response.streaming, "a CSV export is a streamed response"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return body.removeprefix("\ufeff")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text(response)), delimiter=";"))
