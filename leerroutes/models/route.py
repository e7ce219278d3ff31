"""The parts of a route, the exam subjects and levels, and what an RSD klantmanager
sees of the route."""

from django.db import models

from intake.models import Leerroute

from ..rules import waarden
from ..rules.koers import Koers


class Onderdeel(models.TextChoices):
    """Onderdelen of a traject (DOMAIN.md §4, TrajectOnderdeel)."""

    NT2 = waarden.NT2, "NT2 (taal)"
    KNM = waarden.KNM, "KNM"
    PVT = waarden.PVT, "PVT (participatieverklaringstraject)"
    MAP = waarden.MAP, "MAP (module arbeidsmarkt en participatie)"
    PARTICIPATIE_Z = waarden.PARTICIPATIE_Z, "Participatie (Z-route)"
    TAALSCHAKEL = waarden.TAALSCHAKEL, "Taalschakeltraject"


# Which onderdelen a traject of each route has (DOMAIN.md §4): the B1-route MAP,
# PVT and KNM besides NT2; the onderwijsroute a taalschakeltraject and no MAP; the
# Z-route 800 hours NT2 and KNM, participation (asielstatushouders) and MAP, PVT.
ROUTE_ONDERDELEN = {
    Leerroute.B1: (Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP),
    Leerroute.ONDERWIJS: (
        Onderdeel.TAALSCHAKEL,
        Onderdeel.NT2,
        Onderdeel.KNM,
        Onderdeel.PVT,
    ),
    Leerroute.Z: (
        Onderdeel.NT2,
        Onderdeel.KNM,
        Onderdeel.PARTICIPATIE_Z,
        Onderdeel.PVT,
        Onderdeel.MAP,
    ),
}
# The onderdelen whose hours are the language course (afschalen, attendance, norm).
TAAL_ONDERDELEN = (Onderdeel.NT2, Onderdeel.TAALSCHAKEL)


class Examenonderdeel(models.TextChoices):
    LEZEN = waarden.LEZEN, "Lezen"
    LUISTEREN = waarden.LUISTEREN, "Luisteren"
    SCHRIJVEN = waarden.SCHRIJVEN, "Schrijven"
    SPREKEN = waarden.SPREKEN, "Spreken"
    KNM = waarden.KNM, "KNM"


class Niveau(models.TextChoices):
    A1 = waarden.A1, "A1"
    A2 = waarden.A2, "A2"
    B1 = waarden.B1_NIVEAU, "B1"
    B2 = waarden.B2_NIVEAU, "B2"


class KoersStatus(models.TextChoices):
    OP_KOERS = Koers.OP_KOERS.value, Koers.OP_KOERS.label
    RISICO = Koers.RISICO.value, Koers.RISICO.label
    NIET_OP_KOERS = Koers.NIET_OP_KOERS.value, Koers.NIET_OP_KOERS.label


RSD_ZICHTBAAR = "route, uren en participatie"
