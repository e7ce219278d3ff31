"""Retention (SECURITY RL-10) of the verwerkingenlog: the nightly job
(`intake/anonimiseren.py`) adds one row per anonymised dossier and changes none."""

from zevenaar_inburgering.bewaartermijn import Bewaren

from .models import Verwerking

REGELS = [
    Bewaren(
        Verwerking,
        "the verwerkingenlog is append-only (SECURITY LG-04): a database trigger "
        "refuses UPDATE and DELETE, and an inzageverzoek must still show when the "
        "dossier was wiped; its own bewaartermijn is an open point "
        "(docs/persoonsgegevens.md §3.2)",
    ),
]
