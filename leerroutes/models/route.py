"""The parts of a route, the exam subjects and levels, and what an RSD klantmanager
sees of the route."""

from django.db import models

from intake.models import Leerroute

from .. import rules


class Onderdeel(models.TextChoices):
    """Onderdelen of a traject (DOMAIN.md §4, TrajectOnderdeel)."""

    NT2 = rules.NT2, "NT2 (taal)"
    KNM = rules.KNM, "KNM"
    PVT = rules.PVT, "PVT (participatieverklaringstraject)"
    MAP = rules.MAP, "MAP (module arbeidsmarkt en participatie)"
    PARTICIPATIE_Z = rules.PARTICIPATIE_Z, "Participatie (Z-route)"
    TAALSCHAKEL = rules.TAALSCHAKEL, "Taalschakeltraject"


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
    LEZEN = rules.LEZEN, "Lezen"
    LUISTEREN = rules.LUISTEREN, "Luisteren"
    SCHRIJVEN = rules.SCHRIJVEN, "Schrijven"
    SPREKEN = rules.SPREKEN, "Spreken"
    KNM = rules.KNM, "KNM"


class Niveau(models.TextChoices):
    A1 = rules.A1, "A1"
    A2 = rules.A2, "A2"
    B1 = rules.B1_NIVEAU, "B1"
    B2 = rules.B2_NIVEAU, "B2"


class KoersStatus(models.TextChoices):
    OP_KOERS = rules.Koers.OP_KOERS.value, rules.Koers.OP_KOERS.label
    RISICO = rules.Koers.RISICO.value, rules.Koers.RISICO.label
    NIET_OP_KOERS = rules.Koers.NIET_OP_KOERS.value, rules.Koers.NIET_OP_KOERS.label


RSD_ZICHTBAAR = "route, uren en participatie"
