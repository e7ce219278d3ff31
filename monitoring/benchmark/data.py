"""The benchmark seed's fixed data, and the BSNs of its dossiers."""

from datetime import date

from intake.models import Doelgroep, Inburgeraar, Leerroute
from leerroutes.demo.data import CONTRACT_INHOUD
from leerroutes.models import Onderdeel, OrganisatieSoort

SEED = 20_210_101
BATCH = 5000
# The first seven digits of a seeded BSN are BSN_BASIS + index; the eighth is chosen
# so that the elfproef check digit exists. Room for a million dossiers.
BSN_BASIS = 2_000_000
BSN_VAN, BSN_TOT = "200000000", "300000000"
MAX_DOSSIERS = 1_000_000
WI2021_VANAF = date(2022, 1, 1)
# The region's inflow is roughly in proportion to the population.
GEMEENTE_GEWICHTEN = {"Zevenaar": 53, "Duiven": 29, "Westervoort": 18}
DOELGROEP_GEWICHTEN = (
    (Doelgroep.ASIELSTATUSHOUDER, 70),
    (Doelgroep.GEZINSVORMER, 9),
    (Doelgroep.GEZINSHERENIGER, 7),
    (Doelgroep.GEZINSVORMER_ASIEL, 4),
    (Doelgroep.GEZINSHERENIGER_ASIEL, 6),
    (Doelgroep.GEESTELIJK_BEDIENAAR, 1),
    (Doelgroep.OVERIG, 3),
)
CASUSREGISSEURS_PER_GEMEENTE = 4
NT2, KNM, PVT, MAP = Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP
TAALSCHAKEL, PARTICIPATIE_Z = Onderdeel.TAALSCHAKEL, Onderdeel.PARTICIPATIE_Z
B1, ONDERWIJS, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
CURSUS = (NT2, KNM, TAALSCHAKEL)
# Per route: the contract price per person and per onderdeel (hours, price), as in
# the demo region.
CONTRACTEN = CONTRACT_INHOUD
# The rooster of each onderdeel: (first month, number of months) from the start.
ROOSTER = {
    B1: {NT2: (0, 28), KNM: (3, 10), PVT: (1, 3), MAP: (6, 4)},
    ONDERWIJS: {TAALSCHAKEL: (0, 20), NT2: (8, 22), KNM: (3, 10), PVT: (1, 3)},
    Z: {NT2: (0, 30), KNM: (3, 10), PARTICIPATIE_Z: (2, 28), PVT: (1, 3), MAP: (6, 4)},
}
TAALNIVEAU = {B1: "B1", ONDERWIJS: "B1", Z: "A1"}
# Name, Blik op Werk number, routes contracted.
TAALAANBIEDERS = (
    ("Taalinstituut Rijnstroom", "BOW-INB-30101", (B1, Z)),
    ("Leerhuis De Liemers", "BOW-INB-30102", (B1, ONDERWIJS)),
    ("Taalcentrum Oostpoort", "BOW-INB-30103", (B1, Z)),
)
KETENPARTNERS = (
    (
        "Vluchtelingenwerk Liemers (benchmark)",
        OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
    ),
    ("Welzijn Rijnwaarden (benchmark)", OrganisatieSoort.WELZIJN),
    ("Sociale dienst Liemers (benchmark)", OrganisatieSoort.RSD),
)
# Attendance per profile: share of the scheduled hours, and how it shows.
PROFIELEN = {"goed": (0.90, 1.00), "matig": (0.65, 0.80), "zwak": (0.35, 0.58)}
KOERS = {"goed": "op_koers", "matig": "risico", "zwak": "niet_op_koers"}
AFWIJZING = {
    B1: "B1 is in drie jaar niet haalbaar gezien de leerbaarheidstoets.",
    ONDERWIJS: "Betrokkene wil werken en valt buiten de doelgroep van de onderwijsroute.",
    Z: "De leerbaarheidstoets laat zien dat een hoger niveau haalbaar is.",
}
HERKOMST = (
    ("Syrische", "Syrië", "Arabisch", ("Ahmad", "Omar", "Khaled"), ("Rasha", "Amal")),
    (
        "Eritrese",
        "Eritrea",
        "Tigrinya",
        ("Yonas", "Dawit", "Tesfay"),
        ("Selam", "Senait"),
    ),
    ("Afghaanse", "Afghanistan", "Dari", ("Farid", "Jawad"), ("Leyla", "Mariam")),
    ("Turkse", "Turkije", "Turks", ("Emre", "Mehmet"), ("Elif", "Zeynep")),
    (
        "Marokkaanse",
        "Marokko",
        "Arabisch, Berbers",
        ("Youssef", "Karim"),
        ("Fatima", "Nadia"),
    ),
    ("Oekraïense", "Oekraïne", "Oekraïens", ("Oleksandr", "Taras"), ("Olena", "Iryna")),
)
ACHTERNAMEN = (
    "Haddad", "Tesfay", "Rahimi", "Yilmaz", "El Amrani", "Kovalenko", "Alhassan",
    "Ghebremedhin", "Karimi", "Demir", "Bakkali", "Shevchenko", "Mansour", "Berhane",
)  # fmt: skip
STRATEN = {
    "Zevenaar": ("Kerkstraat", "6901", "AB"),
    "Duiven": ("Rijksweg", "6921", "CD"),
    "Westervoort": ("Dorpsstraat", "6931", "EF"),
}


def bsn(index: int) -> str:
    """The index-th seeded BSN: unique per index, always passing the elfproef."""
    if not 0 <= index < MAX_DOSSIERS:
        raise ValueError(f"Hoogstens {MAX_DOSSIERS} benchmarkdossiers.")
    prefix = str(BSN_BASIS + index)
    for achtste in range(10):
        cijfers = prefix + str(achtste)
        controle = sum(
            int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)
        )
        if controle % 11 < 10:
            return cijfers + str(controle % 11)
    raise AssertionError("unreachable: the eighth digit changes the sum by 2 mod 11")


def geseede_dossiers():
    """The dossiers this module made."""
    return Inburgeraar.objects.filter(bsn__gte=BSN_VAN, bsn__lt=BSN_TOT)
