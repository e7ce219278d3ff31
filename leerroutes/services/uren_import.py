"""Importing an aanbieder's monthly hours from a CSV file (format in the README).

All or nothing: every row is checked first; if any row is wrong, nothing is
written and every wrong row is reported with its line number and reason. A row
is keyed by (aanbieder, person, month, onderdeel): importing the same file again
changes nothing, a new value for a key replaces the old one. The work is set-based
— a fixed number of queries whatever the number of rows — so a file of 10,000
rows imports in one go.
"""

from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from intake.models import Gebeurtenis, Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.csvbestand import read_rows
from zevenaar_inburgering.termijnen import maand_einde
from zevenaar_inburgering.verwerkingen import log

from ..models import (
    Organisatie,
    Traject,
    UrenBron,
    UrenImport,
    UrenImportStatus,
    Urenregistratie,
)
from ..routestand import routestand_bijwerken
from ..tijdlijn import GebeurtenisSoort
from .uren import UrenInvoer, uren_fouten, uren_schrijven

KOLOMMEN = ["bsn", "maand", "onderdeel", "uren_aanwezig", "uren_geroosterd"]
VERPLICHT = ["bsn", "maand", "onderdeel", "uren_aanwezig"]
MAAND_FORMATEN = ["%Y-%m", "%m-%Y"]
IMPORT_LOCK_KEY = 202_100_002  # pg_advisory_xact_lock: one hours import at a time
MAX_FOUTEN_GETOOND = 200


def _maand(tekst: str) -> date | None:
    for formaat in MAAND_FORMATEN:
        try:
            return datetime.strptime(tekst.strip(), formaat).date()
        except ValueError:
            continue
    return None


def _uren(tekst: str) -> Decimal | None:
    """A Dutch or English decimal (40,5 or 40.5) rounded to the one decimal that is
    stored, so a repeated file compares equal; None when it is not a number."""
    try:
        waarde = Decimal(tekst.strip().replace(",", "."))
        if waarde.is_finite():
            return waarde.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # not a number, or too large to round
        pass
    return None


def _bsn(tekst: str) -> str:
    """Spreadsheets drop a BSN's leading zero (012345678 becomes 12345678)."""
    bsn = tekst.strip()
    return bsn.zfill(9) if bsn.isdigit() and len(bsn) < 9 else bsn


def _leeg(rij: dict) -> bool:
    """A row of only separators (;;;;), as spreadsheets write below the data."""
    waarden = [w for kolom, w in rij.items() if kolom is not None]
    return not any((w or "").strip() for w in waarden + (rij.get(None) or []))


def _traject_in_maand(trajecten: list[Traject], maand: date) -> Traject | None:
    laatste_dag = maand_einde(maand)
    lopend = [
        t
        for t in trajecten
        if t.start <= laatste_dag and (t.einde is None or t.einde >= maand)
    ]
    return max(lopend, key=lambda t: t.start, default=None)


def _controleer(
    regels: list[tuple[int, dict]], *, aanbieder: Organisatie, user: User, vandaag: date
):
    """Every (line number, row) checked against the database in two queries:
    (errors, input by key, persons by BSN)."""
    bsns = {_bsn(rij.get("bsn") or "") for _, rij in regels}
    personen = {
        p.bsn: p
        for p in Inburgeraar.objects.visible_to(user)
        .filter(bsn__in=bsns)
        .only("pk", "bsn", "gemeente_id")
    }
    trajecten = defaultdict(list)
    for traject in Traject.objects.filter(
        inburgeraar__in=[p.pk for p in personen.values()], aanbieder=aanbieder
    ).select_related("aanbieder"):
        trajecten[traject.inburgeraar_id].append(traject)

    fouten: list[dict] = []
    invoer: dict[tuple, UrenInvoer] = {}
    for nummer, rij in regels:
        redenen = []
        persoon = personen.get(_bsn(rij.get("bsn") or ""))
        if persoon is None:
            redenen.append("onbekend BSN of niet in uw gemeente(n)")
        maand = _maand(rij.get("maand") or "")
        if maand is None:
            redenen.append("maand onleesbaar (gebruik 2026-10 of 10-2026)")
        onderdeel = (rij.get("onderdeel") or "").strip().lower()
        aanwezig = _uren(rij.get("uren_aanwezig") or "")
        if aanwezig is None:
            redenen.append("uren_aanwezig is geen getal")
        geroosterd_tekst = (rij.get("uren_geroosterd") or "").strip()
        geroosterd = _uren(geroosterd_tekst) if geroosterd_tekst else None
        if geroosterd_tekst and geroosterd is None:
            redenen.append("uren_geroosterd is geen getal")
        if maand is not None:
            redenen += [
                reden.rstrip(".").lower()
                for reden in uren_fouten(
                    onderdeel=onderdeel,
                    maand=maand,
                    uren_aanwezig=aanwezig if aanwezig is not None else Decimal(0),
                    uren_geroosterd=geroosterd,
                    vandaag=vandaag,
                )
            ]
        traject = None
        if persoon is not None and maand is not None:
            traject = _traject_in_maand(trajecten[persoon.pk], maand)
            if traject is None:
                redenen.append(f"geen traject bij {aanbieder} in {maand:%m-%Y}")
        sleutel = (persoon and persoon.pk, maand, onderdeel)
        if not redenen and sleutel in invoer:
            redenen.append(
                "dezelfde persoon, maand en onderdeel staan al eerder in het bestand"
            )
        if redenen:
            fouten.append({"regel": nummer, "reden": "; ".join(redenen) + "."})
            continue
        invoer[sleutel] = UrenInvoer(
            inburgeraar_id=persoon.pk,
            traject=traject,
            onderdeel=onderdeel,
            maand=maand,
            uren_aanwezig=aanwezig,
            uren_geroosterd=geroosterd,
        )
    return fouten, invoer, personen


@transaction.atomic
def _schrijven(
    invoer: dict, personen: dict, *, aanbieder, user, kop: dict
) -> UrenImport:
    bestaand = {
        (inburgeraar_id, maand, onderdeel): (aanwezig, geroosterd)
        for inburgeraar_id, maand, onderdeel, aanwezig, geroosterd in (
            Urenregistratie.objects.filter(
                aanbieder=aanbieder,
                inburgeraar__in={regel.inburgeraar_id for regel in invoer.values()},
            ).values_list(
                "inburgeraar_id",
                "maand",
                "onderdeel",
                "uren_aanwezig",
                "uren_geroosterd",
            )
        )
    }
    nieuw, gewijzigd = [], []
    for sleutel, regel in invoer.items():
        if sleutel not in bestaand:
            nieuw.append(regel)
        elif bestaand[sleutel] != (regel.uren_aanwezig, regel.uren_geroosterd):
            gewijzigd.append(regel)
    te_schrijven = nieuw + gewijzigd
    uren_schrijven(te_schrijven, bron=UrenBron.IMPORT, acting_user=user)
    maanden_per_persoon = defaultdict(int)
    for regel in te_schrijven:
        maanden_per_persoon[regel.inburgeraar_id] += 1
    geraakt = [p for p in personen.values() if p.pk in maanden_per_persoon]
    Gebeurtenis.objects.bulk_create(
        Gebeurtenis(
            inburgeraar_id=persoon.pk,
            soort=GebeurtenisSoort.LEERROUTE,
            gebruiker=user,
            omschrijving=f"Uren geïmporteerd van {aanbieder}: "
            f"{maanden_per_persoon[persoon.pk]} regel(s) nieuw of gewijzigd",
        )
        for persoon in geraakt
    )
    log.log_dossiers_changed(
        geraakt, user=user, actie_naam="Uren geïmporteerd", handeling="Urenimport"
    )
    routestand_bijwerken([persoon.pk for persoon in geraakt])
    return UrenImport.objects.create(
        **kop,
        status=UrenImportStatus.GEIMPORTEERD,
        aantal_nieuw=len(nieuw),
        aantal_gewijzigd=len(gewijzigd),
        aantal_ongewijzigd=len(invoer) - len(te_schrijven),
    )


def uren_importeren(
    *, aanbieder: Organisatie, content: bytes, bestandsnaam: str, acting_user: User
) -> UrenImport:
    """Check and import a file. A file that cannot be read raises ValidationError; a
    file with wrong rows is stored as geweigerd with its errors, and nothing else."""
    regels = [
        (nummer, rij)
        for nummer, rij in enumerate(
            read_rows(content, required_columns=VERPLICHT, wat="uren"), start=2
        )
        if not _leeg(rij)  # line 1 is the header
    ]
    if not regels:
        raise ValidationError("Het bestand bevat geen uren, alleen een kopregel.")
    kop = {
        "aanbieder": aanbieder,
        "bestandsnaam": bestandsnaam[:255],
        "geupload_door": acting_user,
        "aantal_regels": len(regels),
    }
    with transaction.atomic():
        # Two uploads at once must not interleave their checks and writes.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        fouten, invoer, personen = _controleer(
            regels, aanbieder=aanbieder, user=acting_user, vandaag=timezone.localdate()
        )
        if not fouten:
            return _schrijven(
                invoer, personen, aanbieder=aanbieder, user=acting_user, kop=kop
            )
    return UrenImport.objects.create(
        **kop, status=UrenImportStatus.GEWEIGERD, fouten=fouten
    )
