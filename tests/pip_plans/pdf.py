"""The text of a stored PDF — a Brief or a Beschikking, anything with a `pdf` file in
the private storage — as pdftotext reads it."""

import subprocess

from zevenaar_inburgering.documents import private_storage


def pdf_layout(stuk) -> str:
    """The text as `pdftotext -layout` prints it, line breaks and columns kept."""
    with private_storage.open(stuk.pdf) as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_text(stuk) -> str:
    """The text with every run of whitespace folded to one space."""
    return " ".join(pdf_layout(stuk).split())


def pdf_paginas(data: bytes) -> int:
    """The number of pages of a PDF, as pdfinfo reads it."""
    info = subprocess.run(
        ["pdfinfo", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return int(next(r for r in info.splitlines() if r.startswith("Pages:")).split()[1])
