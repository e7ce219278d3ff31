"""intake's pages: the dossier form, the DUO import and the RSD caseload (dossier.py),
the brede intake (brede_intake.py). gedeeld.py holds what the pages of the apps above
use too."""

from .gedeeld import apply_form_errors, bestand_importeren, form_action, get_dossier

__all__ = ["apply_form_errors", "bestand_importeren", "form_action", "get_dossier"]
