"""Retention (SECURITY RL-10) of the intake app's models: what the nightly job
(`intake/anonimiseren.py`) does with a dossier past its bewaartermijn.

Wiped: everything that identifies the person — names, birth date, sex,
nationality, country of birth, languages, contact data and address, the household
link (a household left without dossiers is deleted with its members), the assigned
staff — and every free text: the brede intake's narratives and the COA profile, all
health and trauma texts, gesprek notes, verlenging reasons of the PIP deadline, DUO
kenmerken and signal contents. Notes, the timeline, work experience and the
uploaded documents (rows and files) are deleted.
The BSN gets its placeholder and the dossier its mark `geanonimiseerd_op` from the
job itself, after the verwerkingenlog row was written with the real BSN's hash.

Kept, because the kwartaalrapportage and the nightly derived state read them and
they do not identify a person on their own: gemeente, wet, doelgroep, the kind of
verblijfsvergunning, status, bijstand (yes/no), every date of the process (plicht,
kennisgeving, BRP, COA, huisvesting, intake, PIP), the intake's outcomes and
categories, DUO's signal id.
"""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DateTimeField, F, Max, OuterRef, Subquery
from django.db.models.functions import TruncDate

from zevenaar_inburgering.bewaartermijn import Bewaren, Verwijderen, Wissen

from .models import (
    BredeIntake,
    Document,
    DuoImport,
    DuoImportRegel,
    DuoSignaal,
    Gebeurtenis,
    Geslacht,
    Gesprek,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeel,
    Notitie,
    Statuswijziging,
    Werkervaring,
)

GEBOORTEDATUM_ONBEKEND = date(1900, 1, 1)  # the field is required; no report uses it
NAAM = "Geanonimiseerd"


class HuishoudenVerlaten:
    """The dossier leaves its household. The members of a household belong to it,
    not to one dossier: they go only when no dossier is left in the household."""

    modellen = (Huishouden, Huishoudlid)

    def uitvoeren(self, ids: list) -> list[str]:
        huishoudens = set(
            Inburgeraar.objects.filter(
                pk__in=ids, huishouden__isnull=False
            ).values_list("huishouden", flat=True)
        )
        Inburgeraar.objects.filter(pk__in=ids).update(huishouden=None)
        Huishouden.objects.filter(
            pk__in=huishoudens, inburgeraars__isnull=True
        ).delete()
        return []


_AMSTERDAM = ZoneInfo(settings.TIME_ZONE)

AFSLUITDATUM = [
    # The date of the legal event that closed it (intake.models.status).
    "status_sinds",
    # The last save of the dossier.
    TruncDate("gewijzigd_op", tzinfo=_AMSTERDAM),
    # The last event on its timeline.
    TruncDate(
        Subquery(
            Gebeurtenis.objects.filter(inburgeraar=OuterRef("pk"))
            .order_by()
            .values("inburgeraar")
            .annotate(laatste=Max("tijdstip"))
            .values("laatste"),
            output_field=DateTimeField(),
        ),
        tzinfo=_AMSTERDAM,
    ),
]

REGELS = [
    Wissen(
        Inburgeraar,
        "pk",
        {
            "v_nummer": "",
            "voornamen": "",
            "tussenvoegsel": "",
            "achternaam": NAAM,
            "geboortedatum": GEBOORTEDATUM_ONBEKEND,
            "geslacht": Geslacht.ONBEKEND,
            "nationaliteit": "",
            "geboorteland": "",
            "talen": "",
            "telefoon": "",
            "email": "",
            "straat": "",
            "huisnummer": "",
            "postcode": "",
            "woonplaats": "",
            "casusregisseur": None,
            "rsd_klantmanager": None,
            "pip_uitstel_reden": "",
            "versie": F("versie") + 1,
        },
    ),
    HuishoudenVerlaten(),
    # Rows that are only personal text, read by no report: deleted.
    Verwijderen(Notitie, "inburgeraar"),
    Verwijderen(Gebeurtenis, "inburgeraar"),
    Verwijderen(Werkervaring, "intake__inburgeraar"),
    # Uploaded documents (issue 20): the rows and their files. A bezwaarschrift
    # or a diploma is an input to a decision, not the decision: the decisions
    # themselves go to the archive (pip_plans/retentie.py).
    Verwijderen(Document, "inburgeraar", bestanden=("bestand",)),
    # Rows the reports read: their text is wiped, their dates, categories and
    # numbers stay.
    Wissen(
        BredeIntake,
        "inburgeraar",
        {
            "lbt_toetsbegeleider": "",
            "lbt_reden_niet_afgenomen": "",
            "land_opleiding": "",
            "diplomas": "",
            "onderwijs_reden_niet_onderzocht": "",
            "persoonlijke_omstandigheden": "",
            "omstandigheden_reden_niet_onderzocht": "",
            "coa_profiel": "",
            "versie": F("versie") + 1,
        },
    ),
    Wissen(
        IntakeGezondheid,
        "intake__inburgeraar",
        {
            "fysieke_gezondheid": "",
            "mentale_gezondheid": "",
            "trauma": "",
            "zorg_en_behandeling": "",
            "belemmeringen_voor_inburgering": "",
        },
    ),
    Wissen(IntakeOnderdeel, "intake__inburgeraar", {"bevindingen": ""}),
    Wissen(
        Gesprek,
        "intake__inburgeraar",
        {"tolk_taal": "", "overige_deelnemers": "", "notities": ""},
    ),
    Wissen(DuoImportRegel, "inburgeraar", {"reden": ""}),
    # The status events stay (the report counts from their dates); DUO's kenmerk,
    # the new gemeente and the reason may identify the person.
    Wissen(
        Statuswijziging,
        "inburgeraar",
        {"kenmerk": "", "nieuwe_gemeente": "", "reden": "", "vastgelegd_door": None},
    ),
    # Unlinked too: a late DUO correctie of this signal is then refused instead
    # of writing personal data into the anonymised dossier.
    Wissen(DuoSignaal, "inburgeraar", {"wijzigingen": {}, "inburgeraar": None}),
    Bewaren(
        DuoImport,
        "an uploaded file belongs to no one dossier: its name, who uploaded it and "
        "the counts stay (docs/persoonsgegevens.md, open punt 3); the texts of "
        "its rows that belong to the dossier are wiped above",
    ),
]
