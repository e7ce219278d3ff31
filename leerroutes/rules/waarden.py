"""The values the leerroutes rules share: onderdelen, exam onderdelen, levels,
doelgroep categories and kinds of participation activity, and the small helpers
that write hours and dates in the rules' Dutch sentences.

The string values below are the values the models' choices use; the models add
the Dutch labels.
"""

from decimal import Decimal

from zevenaar_inburgering.nl import getal

Uren = int | float | Decimal

# Onderdelen of a traject (DOMAIN.md "Entities": TrajectOnderdeel).
NT2, KNM, PVT, MAP, PARTICIPATIE_Z, TAALSCHAKEL = (
    "nt2",
    "knm",
    "pvt",
    "map",
    "participatie_z",
    "taalschakel",
)
TRAJECT_ONDERDELEN = (NT2, KNM, PVT, MAP, PARTICIPATIE_Z, TAALSCHAKEL)

# Exam onderdelen (DOMAIN.md "Entities": Examenresultaat). KNM is the same value.
LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN = "lezen", "luisteren", "schrijven", "spreken"
TAALVAARDIGHEDEN = (LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN)
EXAMEN_ONDERDELEN = (*TAALVAARDIGHEDEN, KNM)

# Levels of the Common European Framework, lowest first.
A1, A2, B1_NIVEAU, B2_NIVEAU = "A1", "A2", "B1", "B2"
NIVEAUS = (A1, A2, B1_NIVEAU, B2_NIVEAU)

# Doelgroep categories (intake.models.DoelgroepCategorie).
ASIEL, GEZIN_OVERIG = "asiel", "gezin_overig"

# Kinds of participation activity.
BETAALD_WERK = "betaald_werk"
VRIJWILLIGERSWERK = "vrijwilligerswerk"
STAGE = "stage"
OPLEIDING = "opleiding"  # education or training
OVERIG = "overig"
ACTIVITEIT_SOORTEN = (BETAALD_WERK, VRIJWILLIGERSWERK, STAGE, OPLEIDING, OVERIG)


# --- Helpers -----------------------------------------------------------------------


def _decimal(waarde: Uren | None) -> Decimal:
    if waarde is None:
        return Decimal(0)
    return waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))


def _getal(waarde: Uren | None) -> str:
    """A number the Dutch way (zevenaar_inburgering.nl): 312, 312,5, 1.096. Cut (not
    rounded) to one decimal, so that 79.96 % never reads as 80 % next to a finding
    that says "below 80 %"."""
    return getal(_decimal(waarde), decimalen=1, afkappen=True)


def _maanden(aantal: int) -> str:
    return "1 maand" if aantal == 1 else f"{aantal} maanden"
