"""pip_plans' part of the demo region (intake/demo/__init__.py): the brede intakes
and PIPs in every state (`pip`), then financieel ontzorgen (`ontzorgen`) and
handhaving (`handhaving`) of the dossiers with bijstand and a vastgesteld PIP,
and the documents on the dossiers (`documenten`); before all that, functioneel
beheer's letter texts (`briefteksten`)."""

from datetime import date

from . import briefteksten, documenten, handhaving, ontzorgen, pip


def vul_aan(*, stdout, vandaag: date, dossiers: int) -> None:
    # First: the letters made below are written with the texts in force.
    briefteksten.vul_briefteksten(vandaag, stdout)
    pip.vul_aan(stdout=stdout, vandaag=vandaag)
    ontzorgen.vul_ontzorgen(vandaag, stdout)
    handhaving.vul_handhaving(vandaag, stdout)
    documenten.vul_documenten(vandaag, stdout)
