"""intake's forms: the dossier, its household and notes, the DUO import (dossier.py)
and the brede intake (brede_intake.py). What the apps above use is imported from here."""

from .document import DocumentForm
from .dossier import (
    DateInput,
    DuoImportForm,
    HuishoudenKoppelenForm,
    HuishoudlidForm,
    InburgeraarForm,
    NotitieForm,
    StatusForm,
    casusregisseurs_for,
    klantmanagers_for,
)

__all__ = [
    "DateInput",
    "DocumentForm",
    "DuoImportForm",
    "HuishoudenKoppelenForm",
    "HuishoudlidForm",
    "InburgeraarForm",
    "NotitieForm",
    "StatusForm",
    "casusregisseurs_for",
    "klantmanagers_for",
]
