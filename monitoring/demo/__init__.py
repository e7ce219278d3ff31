"""monitoring's part of the demo region (intake/demo/__init__.py): the
ketenoverleggen (`keten`), then, last, the budgets, uitvoeringskosten and the
kwartaalrapporten of the last four quarters (`rapportage`), which count everything
the parts below made."""

from datetime import date

from . import keten, rapportage


def vul_aan(*, stdout, vandaag: date, dossiers: int) -> None:
    keten.vul_aan(stdout=stdout, vandaag=vandaag)
    # Last: the reports count everything above.
    rapportage.vul_aan(stdout=stdout, vandaag=vandaag)
