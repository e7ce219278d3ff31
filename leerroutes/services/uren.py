"""Hours: the totals the rules need, and one month of hours entered by hand or
written by the hours import (uren_import.py), keyed by (aanbieder, inburgeraar,
maand, onderdeel)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from intake.models import (
    Inburgeraar,
)
from intake.services import wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.termijnen import maand_begin, maand_einde

from ..models import (
    Onderdeel,
    Organisatie,
    Traject,
    UrenBron,
    Urenregistratie,
)
from ..routestand import routestand_bijwerken
from ..tijdlijn import GebeurtenisSoort


def nt2_uren_keurmerk(inburgeraar: Inburgeraar) -> Decimal:
    """NT2 hours attended at an aanbieder with a keurmerk, for afschalen (DOMAIN.md
    §4: "The system must record course hours per provider")."""
    totaal = Urenregistratie.objects.filter(
        inburgeraar=inburgeraar, onderdeel=Onderdeel.NT2, keurmerk=True
    ).aggregate(totaal=Sum("uren_aanwezig"))["totaal"]
    return totaal or Decimal(0)


def pvt_uren(inburgeraar: Inburgeraar) -> Decimal:
    totaal = Urenregistratie.objects.filter(
        inburgeraar=inburgeraar, onderdeel=Onderdeel.PVT
    ).aggregate(totaal=Sum("uren_aanwezig"))["totaal"]
    return totaal or Decimal(0)


def keurmerk_in_maand(aanbieder: Organisatie, maand: date) -> bool:
    """Hours count as keurmerk hours when the keurmerk was valid on the last day of
    the month (or on the first: a keurmerk that ended in the month still counts)."""
    laatste_dag = maand_einde(maand)
    return aanbieder.keurmerk_geldig_op(maand) or aanbieder.keurmerk_geldig_op(
        laatste_dag
    )


@dataclass(frozen=True)
class UrenInvoer:
    """One month of hours, before it is written (manual entry or a CSV row)."""

    inburgeraar_id: object
    traject: Traject
    onderdeel: str
    maand: date
    uren_aanwezig: Decimal
    uren_geroosterd: Decimal | None


def uren_fouten_per_veld(
    *, onderdeel: str, maand: date, uren_aanwezig, uren_geroosterd, vandaag: date
) -> dict[str, str]:
    """What is wrong with one month of hours, in Dutch, per field (empty: nothing)."""
    fouten = {}
    if onderdeel not in Onderdeel.values:
        fouten["onderdeel"] = f"Onbekend onderdeel {onderdeel!r}."
    if maand > maand_begin(vandaag):
        fouten["maand"] = "De maand ligt in de toekomst."
    if uren_aanwezig is None or uren_aanwezig < 0:
        fouten["uren_aanwezig"] = "Uren aanwezig ontbreken of zijn negatief."
    elif uren_aanwezig > 744:
        fouten["uren_aanwezig"] = "Meer uren dan een maand heeft."
    if uren_geroosterd is not None:
        if uren_geroosterd < 0 or uren_geroosterd > 744:
            fouten["uren_geroosterd"] = "Uren geroosterd liggen niet tussen 0 en 744."
        elif uren_aanwezig is not None and uren_aanwezig > uren_geroosterd:
            fouten["uren_geroosterd"] = "Meer uren aanwezig dan geroosterd."
    return fouten


def uren_fouten(**kwargs) -> list[str]:
    """The same as a list of sentences (for a row of an import file)."""
    return list(uren_fouten_per_veld(**kwargs).values())


def uren_schrijven(invoer: list[UrenInvoer], *, bron: str, acting_user: User) -> int:
    """Insert or replace hours by (aanbieder, inburgeraar, maand, onderdeel), in one
    statement per batch: repeating a report changes nothing."""
    rijen = [
        Urenregistratie(
            inburgeraar_id=regel.inburgeraar_id,
            traject=regel.traject,
            aanbieder_id=regel.traject.aanbieder_id,
            onderdeel=regel.onderdeel,
            maand=regel.maand,
            uren_aanwezig=regel.uren_aanwezig,
            uren_geroosterd=regel.uren_geroosterd,
            keurmerk=keurmerk_in_maand(regel.traject.aanbieder, regel.maand),
            bron=bron,
            vastgelegd_door=acting_user,
        )
        for regel in invoer
    ]
    Urenregistratie.objects.bulk_create(
        rijen,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["aanbieder", "inburgeraar", "maand", "onderdeel"],
        update_fields=[
            "traject",
            "uren_aanwezig",
            "uren_geroosterd",
            "keurmerk",
            "bron",
            "vastgelegd_door",
            "vastgelegd_op",
        ],
    )
    return len(rijen)


@transaction.atomic
def uren_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    onderdeel: str,
    maand: date,
    uren_aanwezig: Decimal,
    uren_geroosterd: Decimal | None,
    acting_user: User,
) -> None:
    """Hours for one month, entered by hand, at the aanbieder of the traject that
    ran that month."""
    maand = maand_begin(maand)
    fouten = uren_fouten_per_veld(
        onderdeel=onderdeel,
        maand=maand,
        uren_aanwezig=uren_aanwezig,
        uren_geroosterd=uren_geroosterd,
        vandaag=timezone.localdate(),
    )
    if fouten:
        raise ValidationError(fouten)
    # The traject must have started by the last day of the month: one starting on
    # the 1st of the next month (a new aanbieder) does not take this month's hours.
    traject = (
        Traject.objects.filter(
            inburgeraar=inburgeraar,
            start__lte=maand_einde(maand),
        )
        .exclude(einde__lt=maand)
        .select_related("aanbieder")
        .order_by("-start")
        .first()
    )
    if traject is None:
        raise ValidationError(
            {
                "maand": "In die maand liep er geen traject; wijs eerst een aanbieder toe."
            }
        )
    uren_schrijven(
        [
            UrenInvoer(
                inburgeraar_id=inburgeraar.pk,
                traject=traject,
                onderdeel=onderdeel,
                maand=maand,
                uren_aanwezig=uren_aanwezig,
                uren_geroosterd=uren_geroosterd,
            )
        ],
        bron=UrenBron.HANDMATIG,
        acting_user=acting_user,
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Uren {Onderdeel(onderdeel).label} {maand:%m-%Y}: "
        f"{uren_aanwezig} aanwezig",
        actie_naam="Uren vastgelegd",
        handeling="Uren",
    )
    routestand_bijwerken([inburgeraar.pk])
