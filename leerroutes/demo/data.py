"""The leerroutes demo's data: the keten (taalaanbieders, contracts, ketenpartners)
and how the people attend, progress and are referred."""

from intake.models import Leerroute

from ..models import Onderdeel, OrganisatieSoort, VerwijzingStatus
from ..rules.waarden import A1, A2, B1_NIVEAU

SEED = 2021
NT2, KNM, PVT, MAP = Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP
TAALSCHAKEL, PARTICIPATIE_Z = Onderdeel.TAALSCHAKEL, Onderdeel.PARTICIPATIE_Z
B1, ONDERWIJS, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z

# The keten.

# Name, Blik op Werk number, routes contracted, price factor, contact, keurmerk
# expired. De Brug's keurmerk lapsed: it may no longer get anyone.
TAALAANBIEDERS = (
    ("Taalhuis Liemers", "BOW-INB-20417", (B1, Z), "1.00", "Ineke Jansen", False),
    (
        "ROC Rijn IJssel Inburgering",
        "BOW-INB-18233",
        (B1, ONDERWIJS),
        "0.97",
        "Marco de Wit",
        False,
    ),
    (
        "Taalcentrum Arnhem-Oost",
        "BOW-INB-21950",
        (B1, Z),
        "1.04",
        "Samira el Idrissi",
        False,
    ),
    ("Taalschool De Brug", "BOW-INB-16108", (B1,), "0.92", "Peter Hendriks", True),
)
DE_BRUG = "Taalschool De Brug"
# Per route: the price per person and, per onderdeel, the hours and the price.
CONTRACT_INHOUD = {
    B1: (
        "10500.00",
        {
            NT2: (600, "7800.00"),
            KNM: (80, "1040.00"),
            PVT: (12, "240.00"),
            MAP: (40, "1420.00"),
        },
    ),
    ONDERWIJS: (
        "16200.00",
        {
            TAALSCHAKEL: (800, "10400.00"),
            NT2: (400, "4600.00"),
            KNM: (80, "960.00"),
            PVT: (12, "240.00"),
        },
    ),
    Z: (
        "9800.00",
        {
            NT2: (720, "5400.00"),
            KNM: (80, "600.00"),
            PARTICIPATIE_Z: (800, "3200.00"),
            PVT: (12, "240.00"),
            MAP: (40, "360.00"),
        },
    ),
}
KETENPARTNERS = (
    ("RSD de Liemers", OrganisatieSoort.RSD, "Team Werk en Inkomen"),
    (
        "Vluchtelingenwerk Oost Nederland",
        OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
        "Locatie Zevenaar",
    ),
    ("Caleidoz", OrganisatieSoort.WELZIJN, "Buurtwerk Zevenaar"),
    ("Kunstwerk", OrganisatieSoort.WELZIJN, "Welzijn Duiven en Westervoort"),
    ("Taalmaatjes Liemers", OrganisatieSoort.TAALMAATJES, "Coördinator taalmaatjes"),
    ("Distributiecentrum Liemerhof", OrganisatieSoort.WERKGEVER, "HR"),
    ("Zorgcentrum De Lindehorst", OrganisatieSoort.WERKGEVER, "Personeelszaken"),
    ("Bouwbedrijf Rijnwaard", OrganisatieSoort.WERKGEVER, "Uitvoering"),
)
VLUCHTELINGENWERK = "Vluchtelingenwerk Oost Nederland"
OVERIGE_WERKGEVERS = (
    "Supermarkt De Liemers",
    "Schoonmaakbedrijf Rijnstad",
    "Kwekerij Groessen",
    "Restaurant De Oude Post",
)

# The people.

# Attendance (share of the scheduled hours) and growth in levels per 30 months.
PROFIELEN = {
    "goed": (0.90, 1.00, 2.3),
    "matig": (0.63, 0.77, 1.6),
    "zwak": (0.38, 0.55, 1.0),
}
# The rooster of each onderdeel: (first month, number of months) from the start.
ROOSTER = {
    B1: {NT2: (0, 28), KNM: (3, 10), PVT: (1, 3), MAP: (6, 4)},
    ONDERWIJS: {TAALSCHAKEL: (0, 20), NT2: (8, 22), KNM: (3, 10), PVT: (1, 3)},
    Z: {NT2: (0, 30), KNM: (3, 10), PARTICIPATIE_Z: (2, 28), PVT: (1, 3), MAP: (6, 4)},
}
# Afgeschaald: a heavier NT2 course (800 hours in 24 months) reaches 600 sooner.
AFSCHALEN_NT2 = (800, 24)
NIVEAUS = (A1, A2, B1_NIVEAU)
AANLEG = {"spreken": 0.3, "luisteren": 0.2, "lezen": 0.1, "schrijven": -0.2}
OPMERKINGEN = {
    "goed": "Werkt goed mee en maakt huiswerk; klaar voor examens.",
    "matig": "Mist regelmatig lessen door afspraken en zorg voor de kinderen.",
    "zwak": "Komt onregelmatig; aanwezigheid besproken met de casusregisseur.",
}
VERWIJZING_REDENEN = {
    OrganisatieSoort.TAALMAATJES: "Extra oefenen met spreken naast de taalles.",
    OrganisatieSoort.WELZIJN: "Meedoen in de wijk; zoekt vrijwilligerswerk.",
    OrganisatieSoort.RSD: "Werkfit-traject en begeleiding naar werk.",
    OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING: "Hulp bij post en formulieren.",
}
TERUGKOPPELING = {
    VerwijzingStatus.VERSTUURD: "",
    VerwijzingStatus.GEACCEPTEERD: "Intakegesprek gehad; start volgende maand.",
    VerwijzingStatus.AFGEWEZEN: "Geen plek op dit moment; wachtlijst tot na de zomer.",
    VerwijzingStatus.AFGEROND: "Afgerond; betrokkene komt nog af en toe langs.",
}
# Old referrals cycle through these; every sixth is recent and still verstuurd.
VERWIJZING_UITKOMSTEN = (
    VerwijzingStatus.AFGEROND,
    VerwijzingStatus.GEACCEPTEERD,
    VerwijzingStatus.AFGEROND,
    VerwijzingStatus.AFGEWEZEN,
    VerwijzingStatus.GEACCEPTEERD,
)
