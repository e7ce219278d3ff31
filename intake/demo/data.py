"""The tables the demo region is drawn from: countries of origin with their names
and languages, streets, staff and note texts."""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from intake.models import (
    Doelgroep,
    Status,
)
from zevenaar_inburgering.accounts.models import Role

T = TypeVar("T")

SEED = 2026
TARGET_DOSSIERS = 250
# The Wi2021 applies to everyone who became inburgeringsplichtig from this day on.
WI2021_START = date(2022, 1, 1)
# A handful of older dossiers still runs under the Wi2013.
WI2013_HOUSEHOLDS = 4
# Asiel households are larger (couples, nareizigers), so 54 % of the households
# gives about 65 % asielstatushouders among the people.
ASIEL_HOUSEHOLD_SHARE = 0.54
# RvIG keeps the BSNs from 999990000 up for testing. Demo people take theirs from
# there, so they never belong to a real person and never clash with the test factories.
DEMO_BSN_FIRST = 999_990_000
DEMO_BSN_LAST = 999_999_999
# Public on purpose: demo logins only, printed by --users for demonstrations.
DEFAULT_DEMO_PASSWORD = "Liemers-demo-2026"  # noqa: S105

GEMEENTEN = (("0299", "Zevenaar"), ("0226", "Duiven"), ("0293", "Westervoort"))
REGION = ("Zevenaar", "Duiven", "Westervoort")
# The taakstelling huisvesting follows the number of inhabitants (about 46k, 26k, 15k).
GEMEENTE_WEIGHTS = (("Zevenaar", 46), ("Duiven", 26), ("Westervoort", 15))


@dataclass(frozen=True)
class Origin:
    """A country of origin with the nationality, languages and names that fit it."""

    country: str
    nationality: str
    languages: tuple[tuple[str, int], ...]  # (talen as stored, weight)
    male_names: tuple[str, ...]
    female_names: tuple[str, ...]
    surnames: tuple[str, ...]
    # Eritrean, Ethiopian and Somali children carry their father's first name as surname.
    patronymic: bool = False
    # Turkish and Filipino wives take their husband's surname; elsewhere they keep theirs.
    wife_takes_surname: bool = False


# fmt: off
ORIGINS = {
    origin.country: origin
    for origin in (
        Origin(
            "Syrië",
            "Syrische",
            (("Arabisch", 7), ("Koerdisch, Arabisch", 3)),
            ("Mohammad", "Ahmad", "Omar", "Khaled", "Yousef", "Mahmoud", "Abdulrahman",
             "Hussein", "Fadi", "Rami", "Samer", "Ibrahim", "Mustafa", "Shiyar", "Baran"),
            ("Fatima", "Amal", "Rana", "Hiba", "Lina", "Nour", "Rasha", "Huda", "Reem",
             "Yasmin", "Maryam", "Alaa", "Dima", "Ghada", "Berivan", "Rojda"),
            ("Alhamoud", "Alkhatib", "Haddad", "Hamdan", "Kassem", "Mansour", "Najjar",
             "Othman", "Sabbagh", "Darwish", "Khalil", "Alali", "Almohammad", "Ismail",
             "Sheikho", "Hasso"),
        ),
        Origin(
            "Eritrea",
            "Eritrese",
            (("Tigrinya", 8), ("Tigrinya, Arabisch", 2), ("Tigre, Tigrinya", 1)),
            ("Yonas", "Filmon", "Dawit", "Merhawi", "Semere", "Biniam", "Habtom",
             "Kibrom", "Mussie", "Yohannes", "Aron", "Natnael", "Amanuel"),
            ("Selam", "Helen", "Saba", "Freweyni", "Senait", "Ruta", "Mebrat", "Luwam",
             "Yordanos", "Winta", "Hiwet", "Eden"),
            ("Tesfay", "Haile", "Gebremedhin", "Tekle", "Berhane", "Kidane",
             "Ghebreyesus", "Woldu", "Negash", "Asmerom", "Habte", "Mehari", "Okbay"),
            patronymic=True,
        ),
        Origin(
            "Turkije",
            "Turkse",
            (("Turks", 6), ("Koerdisch, Turks", 3), ("Turks, Engels", 1)),
            ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "Murat", "Emre",
             "Burak", "Yusuf", "Ömer", "Serkan", "Kerem", "Rojhat"),
            ("Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Merve", "Büşra", "Esra",
             "Hatice", "Derya", "Gül", "Songül", "Dilan", "Berfin"),
            ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
             "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Koç", "Kurt"),
            wife_takes_surname=True,
        ),
        Origin(
            "Afghanistan",
            "Afghaanse",
            (("Dari", 6), ("Pashto", 2), ("Dari, Pashto", 2)),
            ("Ahmad", "Mohammad", "Farid", "Sayed", "Hamid", "Jawad", "Mustafa", "Naweed",
             "Rahim", "Zabihullah", "Wahid"),
            ("Fatima", "Zahra", "Mariam", "Shabnam", "Farzana", "Nargis", "Parwana",
             "Soraya", "Laila", "Roya", "Malalai"),
            ("Ahmadi", "Rahimi", "Hakimi", "Karimi", "Noori", "Sultani", "Hashimi",
             "Amiri", "Popal", "Sadat", "Stanikzai", "Haidari", "Mohammadi"),
        ),
        Origin(
            "Jemen",
            "Jemenitische",
            (("Arabisch", 1),),
            ("Abdullah", "Mohammed", "Ali", "Saleh", "Ahmed", "Fuad", "Nabil", "Waleed",
             "Hamza"),
            ("Amani", "Asma", "Fatima", "Huda", "Samira", "Arwa", "Nada"),
            ("Alansi", "Alhakimi", "Saleh", "Qasem", "Alsaqqaf", "Bamatraf", "Alawlaqi",
             "Alshami"),
        ),
        Origin(
            "Irak",
            "Iraakse",
            (("Arabisch", 6), ("Koerdisch (Sorani), Arabisch", 4)),
            ("Haider", "Mustafa", "Ali", "Ahmed", "Karwan", "Sherzad", "Zaid", "Hawre"),
            ("Zainab", "Shilan", "Noor", "Ruqaya", "Hana", "Sara", "Avin"),
            ("Hassan", "Mahmood", "Abdullah", "Kareem", "Aziz", "Rashid", "Jabbar"),
        ),
        Origin(
            "Iran",
            "Iraanse",
            (("Farsi", 8), ("Farsi, Engels", 2)),
            ("Reza", "Ali", "Mohammad", "Amir", "Hossein", "Mehdi", "Saeed", "Dariush",
             "Kian"),
            ("Maryam", "Zahra", "Shirin", "Leila", "Parisa", "Neda", "Sara", "Mina"),
            ("Hosseini", "Rezaei", "Moradi", "Jafari", "Tehrani", "Sadeghi", "Ghorbani",
             "Mohammadi"),
        ),
        Origin(
            "Somalië",
            "Somalische",
            (("Somalisch", 8), ("Somalisch, Arabisch", 2)),
            ("Abdi", "Mohamed", "Ahmed", "Abdirahman", "Hassan", "Omar", "Yusuf",
             "Liban", "Mahad"),
            ("Hodan", "Fadumo", "Amina", "Hawa", "Sahra", "Ifrah", "Ayaan", "Khadra",
             "Nasra"),
            ("Abdi", "Ali", "Mohamed", "Hassan", "Farah", "Warsame", "Jama", "Osman",
             "Hersi", "Egal"),
            patronymic=True,
        ),
        Origin(
            "Soedan",
            "Soedanese",
            (("Arabisch", 1),),
            ("Mohamed", "Ahmed", "Osman", "Elfatih", "Mohanad", "Abubakr"),
            ("Fatima", "Amna", "Samah", "Reem", "Nusaiba", "Hiba"),
            ("Elhassan", "Abdelrahman", "Osman", "Babiker", "Elamin", "Idris"),
        ),
        Origin(
            "Ethiopië",
            "Ethiopische",
            (("Amhaars", 6), ("Oromo, Amhaars", 3), ("Tigrinya, Amhaars", 1)),
            ("Abebe", "Dawit", "Getachew", "Solomon", "Tesfaye", "Kebede"),
            ("Tigist", "Meron", "Hirut", "Almaz", "Bethlehem", "Hanna"),
            ("Bekele", "Tadesse", "Alemu", "Girma", "Wolde", "Mengistu"),
            patronymic=True,
        ),
        Origin(
            "Marokko",
            "Marokkaanse",
            (("Arabisch", 5), ("Tamazight, Arabisch", 4), ("Arabisch, Frans", 2)),
            ("Mohamed", "Youssef", "Said", "Mustapha", "Hamid", "Khalid", "Rachid",
             "Anouar", "Bilal", "Ayoub"),
            ("Fatima", "Khadija", "Naima", "Samira", "Latifa", "Houda", "Zineb", "Imane",
             "Soukaina", "Hanane"),
            ("El Amrani", "Benali", "El Idrissi", "Boukhari", "Bouzid", "El Khattabi",
             "Azzouzi", "Tahiri", "Ouali", "Bakkali", "El Ouardi"),
        ),
        Origin(
            "Egypte",
            "Egyptische",
            (("Arabisch", 8), ("Arabisch, Engels", 2)),
            ("Mohamed", "Ahmed", "Mahmoud", "Karim", "Mina", "Tarek"),
            ("Nourhan", "Mariam", "Yasmine", "Heba", "Dina"),
            ("Hassan", "Abdelaziz", "Mostafa", "Farouk", "Girgis", "Soliman", "Naguib"),
        ),
        Origin(
            "Thailand",
            "Thaise",
            (("Thai", 8), ("Thai, Engels", 2)),
            ("Somchai", "Anan", "Niran"),
            ("Siriporn", "Nattaya", "Kanya", "Pornthip", "Wanida", "Supaporn", "Ratana"),
            ("Srisuk", "Saetang", "Chaiyaporn", "Boonmee", "Wongsawat", "Phromma"),
        ),
        Origin(
            "Filipijnen",
            "Filipijnse",
            (("Tagalog, Engels", 1),),
            ("Jose", "Mark", "Joel", "Rodel"),
            ("Maria", "Jasmine", "Kristine", "Rowena", "Mary Grace", "Jennifer"),
            ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz"),
            wife_takes_surname=True,
        ),
        Origin(
            "Indonesië",
            "Indonesische",
            (("Indonesisch", 7), ("Indonesisch, Javaans", 3)),
            ("Budi", "Agus", "Rizky", "Adi"),
            ("Dewi", "Siti", "Putri", "Rina", "Ayu"),
            ("Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama"),
        ),
        Origin(
            "Brazilië",
            "Braziliaanse",
            (("Portugees", 1),),
            ("Lucas", "Rafael", "Thiago", "Bruno", "Gabriel"),
            ("Ana", "Juliana", "Fernanda", "Camila", "Mariana"),
            ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida"),
        ),
        Origin(
            "China",
            "Chinese",
            (("Chinees (Mandarijn)", 1),),
            ("Wei", "Jun", "Hao"),
            ("Li Na", "Fang", "Min", "Yan"),
            ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang"),
        ),
    )
}

# Weights follow the national inflow since 2022: Syria and Eritrea lead the asiel
# permits, Turkey and Morocco the gezinsmigratie. Ukrainians are not here: their
# temporary protection does not make them inburgeringsplichtig.
ASIEL_ORIGIN_WEIGHTS = (
    ("Syrië", 36), ("Eritrea", 16), ("Turkije", 12), ("Afghanistan", 9), ("Jemen", 7),
    ("Irak", 4), ("Iran", 4), ("Somalië", 4), ("Soedan", 4), ("Ethiopië", 2),
)
GEZIN_ORIGIN_WEIGHTS = (
    ("Turkije", 22), ("Marokko", 18), ("Thailand", 8), ("Filipijnen", 7),
    ("Indonesië", 7), ("Syrië", 6), ("Brazilië", 6), ("Egypte", 5), ("China", 4),
    ("Afghanistan", 3), ("Eritrea", 3),
)
GEESTELIJK_BEDIENAAR_ORIGINS = ("Turkije", "Marokko", "Egypte")
# Partners from these countries mostly marry within a community already living here;
# partners of the others are mostly Dutch.
COMMUNITY_ORIGINS = frozenset(
    {"Turkije", "Marokko", "Egypte", "Syrië", "Afghanistan", "Eritrea"}
)

# How asiel households arrive: alone, as a family together, or the statushouder first
# and the family later (nareis, gezinshereniging).
ASIEL_SHAPES = (("alone", 45), ("together", 25), ("nareis", 30))
GEZIN_DOELGROEP_WEIGHTS = (
    (Doelgroep.GEZINSVORMER, 52),
    (Doelgroep.GEZINSHERENIGER, 32),
    (Doelgroep.OVERIG, 14),
    (Doelgroep.GEESTELIJK_BEDIENAAR, 2),
)

DUTCH_MALE_NAMES = ("Jeroen", "Martijn", "Bas", "Rick", "Niels", "Thijs", "Dennis",
                    "Wouter", "Kevin", "Stefan", "Sander", "Rob")
DUTCH_FEMALE_NAMES = ("Linda", "Anouk", "Sanne", "Marieke", "Femke", "Kim", "Ilse",
                      "Esther", "Mirjam")
DUTCH_CHILD_NAMES = ("Noah", "Sem", "Liam", "Adam", "Levi", "Emma", "Julia", "Sara",
                     "Lina", "Mila", "Nora", "Yara")
DUTCH_SURNAMES = ("Jansen", "Hendriks", "Gerritsen", "Peters", "Derksen", "Roelofs",
                  "Tiemessen", "Wenting", "Kemperman", "Arntz", "Hermsen", "Lamers",
                  "van Dijk", "de Vries", "Bosman", "Hulshof")

# Existing streets of the three towns, each with a four-digit postcode in the town's
# range (Zevenaar 6901-6905, Duiven 6921-6922, Westervoort 6931-6932) and the first
# postcode letter; the second letter follows the house number.
STREETS = {
    "Zevenaar": (
        ("Kerkstraat", "6901", "A"), ("Marktstraat", "6901", "B"),
        ("Grietsestraat", "6901", "G"), ("Kampsingel", "6901", "E"),
        ("Didamseweg", "6902", "P"), ("Doesburgseweg", "6902", "K"),
        ("Babberichseweg", "6902", "B"), ("Oude Doesburgseweg", "6903", "A"),
        ("Hunneveldweg", "6903", "Z"), ("Arnhemseweg", "6903", "C"),
        ("Riethoflaan", "6904", "Z"), ("Bemweg", "6905", "N"), ("De Sleeg", "6905", "T"),
    ),
    "Duiven": (
        ("Rijksweg", "6921", "A"), ("Remigiusplein", "6921", "G"),
        ("Pastoriestraat", "6921", "G"), ("Kerkplein", "6921", "H"),
        ("Droopad", "6921", "N"), ("Vergertlaan", "6922", "B"),
        ("Burgemeester van Dorth tot Medlerstraat", "6922", "C"),
    ),
    "Westervoort": (
        ("Dorpsstraat", "6931", "B"), ("Kerkstraat", "6931", "C"),
        ("Dorpsplein", "6931", "E"), ("Vredenburgstraat", "6931", "H"),
        ("Klapstraat", "6931", "H"), ("Hamersestraat", "6932", "A"),
        ("Clossei", "6932", "B"),
    ),
}
# fmt: on
# PostNL leaves out F, I, O, Q, U and Y; no first letter above is an S, so the
# forbidden SA, SD and SS cannot occur.
POSTCODE_SECOND_LETTERS = "ABCDEGHJKLMNPRTVWXZ"


@dataclass(frozen=True)
class StaffMember:
    username: str
    first_name: str
    last_name: str
    role: str
    gemeenten: tuple[str, ...]

    @property
    def email(self) -> str:
        if self.role == Role.RSD_KLANTMANAGER:
            return f"{self.username}@rsddeliemers.example"
        return f"{self.username}@{self.gemeenten[0].lower()}.example"


# fmt: off
STAFF = (
    StaffMember("s.gerritsen", "Sanne", "Gerritsen", Role.CASUSREGISSEUR, ("Zevenaar",)),
    StaffMember("m.tiemessen", "Mark", "Tiemessen", Role.CASUSREGISSEUR, ("Zevenaar",)),
    StaffMember("i.hermsen", "Ingrid", "Hermsen", Role.CASUSREGISSEUR, ("Zevenaar",)),
    StaffMember("l.derksen", "Lotte", "Derksen", Role.CASUSREGISSEUR, ("Duiven",)),
    StaffMember("b.wenting", "Bram", "Wenting", Role.CASUSREGISSEUR, ("Duiven",)),
    StaffMember("n.bouzid", "Naima", "Bouzid", Role.CASUSREGISSEUR, ("Westervoort",)),
    StaffMember("j.roelofs", "Joost", "Roelofs", Role.CASUSREGISSEUR, ("Westervoort",)),
    # RSD de Liemers pays bijstand for all three gemeenten.
    StaffMember("p.kemperman", "Petra", "Kemperman", Role.RSD_KLANTMANAGER, REGION),
    StaffMember("e.lamers", "Erik", "Lamers", Role.RSD_KLANTMANAGER, REGION),
    StaffMember("y.arntz", "Yvonne", "Arntz", Role.RSD_KLANTMANAGER, REGION),
    StaffMember("m.hulshof", "Martijn", "Hulshof", Role.BELEIDSMEDEWERKER, REGION),
    StaffMember("a.peters", "Anouk", "Peters", Role.FUNCTIONEEL_BEHEERDER, REGION),
)
# One login per role for demonstrations; they also get dossiers and clients.
DEMO_LOGINS = (
    StaffMember("casus", "Eva", "Jansen", Role.CASUSREGISSEUR, ("Zevenaar",)),
    StaffMember("klantmanager", "Koen", "Hofman", Role.RSD_KLANTMANAGER, REGION),
    StaffMember("beleid", "Bart", "Verheul", Role.BELEIDSMEDEWERKER, REGION),
    StaffMember("beheer", "Hanneke", "Bosch", Role.FUNCTIONEEL_BEHEERDER, REGION),
)
# fmt: on

# Notes a casusregisseur writes, by phase of the dossier. {voornaam}, {taal} and
# {woonplaats} are filled in.
INTAKE_NOTES = (
    "Kennismakingsgesprek gevoerd met {voornaam}, met een tolk {taal}. {voornaam} wil "
    "snel Nederlands leren en daarna aan het werk.",
    "Uitnodiging voor de brede intake verstuurd. Tolk {taal} aangevraagd.",
    "Eerste gesprek van de brede intake gevoerd. De leerbaarheidstoets is ingepland bij "
    "de taalaanbieder.",
    "{voornaam} heeft nog geen DigiD; samen de aanvraag gedaan. De activeringscode komt "
    "per post.",
)
ASIEL_NOTES = (
    "Huisbezoek afgelegd in {woonplaats}. De woning is ingericht; Vluchtelingenwerk "
    "helpt met de post en het aanvragen van toeslagen.",
    "Afgestemd met de klantmanager van RSD de Liemers: huur, energie, water en "
    "zorgverzekering worden de eerste zes maanden doorbetaald (financieel ontzorgen).",
    "{voornaam} is aangemeld voor de cursus 'Omgaan met geld'.",
)
GEZIN_NOTES = (
    "Uitgelegd dat gezinsmigranten de taalcursus zelf regelen en betalen, zo nodig met "
    "een lening van DUO. De gemeente biedt de MAP en het PVT aan.",
    "De partner was bij het gesprek en helpt {voornaam} een taalschool in de buurt te "
    "kiezen.",
)
TRAJECT_NOTES = (
    "Voortgangsgesprek gevoerd. De aanwezigheid bij de taalles is goed en {voornaam} "
    "is tevreden over de docent.",
    "De taalaanbieder meldt twee weken afwezigheid door familieomstandigheden. "
    "Afgesproken dat {voornaam} de lessen inhaalt.",
    "{voornaam} doet sinds deze maand vrijwilligerswerk bij de voedselbank, acht uur "
    "per week.",
    "Examen KNM behaald. Volgende stap: oefenen voor het examen Spreken.",
    "{voornaam} heeft een werkervaringsplaats gevonden in {woonplaats}; besproken hoe "
    "dit te combineren is met de taallessen.",
)
AFGEROND_NOTES = (
    "Alle examens behaald. {voornaam} gefeliciteerd; het dossier kan worden afgerond.",
    "DUO heeft bevestigd dat {voornaam} aan de inburgeringsplicht heeft voldaan.",
)
INTAKE_STATUSES = frozenset(
    {
        Status.INTAKE_GEPLAND,
        Status.INTAKE_LOOPT,
        Status.INTAKE_AFGEROND,
        Status.PIP_CONCEPT,
    }
)
TRAJECT_STATUSES = frozenset(
    {Status.PIP_VASTGESTELD, Status.IN_TRAJECT, Status.TERMIJN_OVERSCHREDEN}
)


def _demo_logo(naam: str, kleur: str) -> bytes:
    """A made-up wordmark for a demo letterhead: the initial in a square and the
    name (no gemeente's real logo; functioneel beheer uploads that)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60" width="240" '
        f'height="60" role="img" aria-label="Gemeente {naam}">'
        f"<title>Gemeente {naam}</title>"
        f'<rect x="0" y="4" width="52" height="52" rx="6" fill="{kleur}"/>'
        '<text x="26" y="43" text-anchor="middle" font-family="Noto Sans, sans-serif" '
        f'font-size="32" font-weight="700" fill="#ffffff">{naam[0]}</text>'
        '<text x="64" y="27" font-family="Noto Sans, sans-serif" font-size="14" '
        'fill="#555555">Gemeente</text>'
        '<text x="64" y="49" font-family="Noto Sans, sans-serif" font-size="22" '
        f'font-weight="700" fill="{kleur}">{naam}</text></svg>'
    ).encode()


# Three made-up letterheads (addresses, numbers and people invented for the demo),
# and their logos.
DEMO_LOGOS = {
    naam: _demo_logo(naam, kleur)
    for naam, kleur in (
        ("Zevenaar", "#0b3d66"),
        ("Duiven", "#1d6b3a"),
        ("Westervoort", "#7a1f4b"),
    )
}
BRIEFHOOFDEN = {
    naam: {
        "bezoekadres": bezoek,
        "postadres": post,
        "telefoon": telefoon,
        "website": f"www.{naam.lower()}.example",
        "ondertekenaar_naam": ondertekenaar,
        "ondertekenaar_functie": "Teamleider Inburgering",
        "bezwaaradres": f"t.a.v. de bezwaarcommissie, {post}",
    }
    for naam, bezoek, post, telefoon, ondertekenaar in (
        (
            "Zevenaar",
            "Raadhuisplein 99, 6901 ZZ Zevenaar",
            "Postbus 9990, 6900 ZZ Zevenaar",
            "0316 999 000",
            "M. van Dorp",
        ),
        (
            "Duiven",
            "Eilandplein 99, 6921 ZZ Duiven",
            "Postbus 9991, 6920 ZZ Duiven",
            "026 999 1000",
            "R. Hendriksen",
        ),
        (
            "Westervoort",
            "Dorpsstraat 999, 6931 ZZ Westervoort",
            "Postbus 9992, 6930 ZZ Westervoort",
            "026 999 2000",
            "S. El Amrani",
        ),
    )
}
