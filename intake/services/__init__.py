"""Every write to intake's data: the dossier, its household and notes (dossier.py) and
the brede intake (brede_intake.py). The dossier services are imported from here."""

from .dossier import (
    VerouderdDossier,
    display_value,
    dossiers_toewijzen,
    huishouden_koppelen,
    huishoudlid_toevoegen,
    inburgeraar_aanmaken,
    inburgeraar_wijzigen,
    notitie_toevoegen,
    pip_uitstel_vastleggen,
    verouderd,
)
from .status import status_vastleggen, termijnen_bijwerken
from .vastleggen import (
    ALLES_VERVANGEN,
    BevestigingNodig,
    Overschrijving,
    vervangen_bevestigd,
    wijziging_vastleggen,
    wijzigingen_vastleggen,
)

__all__ = [
    "ALLES_VERVANGEN",
    "BevestigingNodig",
    "Overschrijving",
    "VerouderdDossier",
    "display_value",
    "dossiers_toewijzen",
    "huishouden_koppelen",
    "huishoudlid_toevoegen",
    "inburgeraar_aanmaken",
    "inburgeraar_wijzigen",
    "notitie_toevoegen",
    "pip_uitstel_vastleggen",
    "status_vastleggen",
    "termijnen_bijwerken",
    "verouderd",
    "vervangen_bevestigd",
    "wijziging_vastleggen",
    "wijzigingen_vastleggen",
]
