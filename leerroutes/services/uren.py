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
from intake.services import (
    ALLES_VERVANGEN,
    Overschrijving,
    vervangen_bevestigd,
    wijzigingen_vastleggen,
)
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst, maand_tekst
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


def geen_traject_reden(trajecten: list[Traject], maand: date) -> str:
    """Why no traject takes the hours of `maand`, naming the real cause: none was
    ever assigned, the traject starts later, or it had ended (`trajecten`: all of
    the person's, any order)."""
    if not trajecten:
        return "Er is nog geen traject: wijs eerst een aanbieder toe."
    eerste = min(trajecten, key=lambda t: t.start)
    if maand_einde(maand) < eerste.start:
        return (
            f"In {maand_tekst(maand)} liep er nog geen traject: het traject bij "
            f"{eerste.aanbieder} begint op {datum_tekst(eerste.start)}. Kies een "
            f"maand vanaf {maand_tekst(eerste.start)}."
        )
    eerder = max(
        (t for t in trajecten if t.einde and t.einde < maand), key=lambda t: t.einde
    )
    return (
        f"In {maand_tekst(maand)} liep er geen traject: het traject bij "
        f"{eerder.aanbieder} is beëindigd op {datum_tekst(eerder.einde)}. Wijs een "
        "aanbieder toe voor deze maand of kies een eerdere maand."
    )


def _traject_in_maand(inburgeraar: Inburgeraar, maand: date) -> Traject:
    """The traject that ran in `maand` (the latest started, if two did); a
    ValidationError on `maand` that names why there is none. The person's trajecten
    stay locked: two entries of the same month wait for each other, so the second
    sees the first's hours and asks before replacing them."""
    trajecten = list(
        Traject.objects.select_for_update(of=("self",))
        .filter(inburgeraar=inburgeraar)
        .select_related("aanbieder")
    )
    # The traject must have started by the last day of the month: one starting on
    # the 1st of the next month (a new aanbieder) does not take this month's hours.
    lopend = [
        t
        for t in trajecten
        if t.start <= maand_einde(maand) and (t.einde is None or t.einde >= maand)
    ]
    if not lopend:
        raise ValidationError({"maand": geen_traject_reden(trajecten, maand)})
    return max(lopend, key=lambda t: (t.start, t.aangemaakt_op))


def _uren_tekst(uren: Decimal | None) -> str:
    return "—" if uren is None else f"{uren.normalize():f}".replace(".", ",")


def _uren_paar(aanwezig: Decimal | None, geroosterd: Decimal | None) -> str:
    return f"{_uren_tekst(aanwezig)} aanwezig, {_uren_tekst(geroosterd)} geroosterd"


@transaction.atomic
def maand_uren_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    maand: date,
    uren: dict[str, tuple[Decimal | None, Decimal | None]],
    bevestigd,
    acting_user: User,
) -> None:
    """One month of hours, entered by hand, for several onderdelen at once
    (`uren`: onderdeel -> (aanwezig, geroosterd)), at the aanbieder of the traject
    that ran that month. All or nothing: an error in any row writes nothing.

    Hours already recorded for an onderdeel in that month with other values are
    replaced only when their key (`onderdeel`) is in `bevestigd`; otherwise
    BevestigingNodig says what would change. One line on the timeline for the
    month, one verwerkingenlog row per onderdeel. Errors are keyed
    "<veld>_<onderdeel>" (or "maand") for the form's rows."""
    maand = maand_begin(maand)
    if not uren:
        raise ValidationError("Vul voor ten minste één onderdeel de uren aanwezig in.")
    vandaag = timezone.localdate()
    fouten = {}
    for onderdeel, (aanwezig, geroosterd) in uren.items():
        for veld, fout in uren_fouten_per_veld(
            onderdeel=onderdeel,
            maand=maand,
            uren_aanwezig=aanwezig,
            uren_geroosterd=geroosterd,
            vandaag=vandaag,
        ).items():
            fouten[veld if veld == "maand" else f"{veld}_{onderdeel}"] = fout
    if fouten:
        raise ValidationError(fouten)
    traject = _traject_in_maand(inburgeraar, maand)
    bestaand = {
        u.onderdeel: u
        for u in Urenregistratie.objects.filter(
            aanbieder=traject.aanbieder_id,
            inburgeraar=inburgeraar,
            maand=maand,
            onderdeel__in=list(uren),
        )
    }
    vervangen_bevestigd(
        [
            Overschrijving(
                sleutel=onderdeel,
                wat=Onderdeel(onderdeel).label,
                oud=_uren_paar(oud.uren_aanwezig, oud.uren_geroosterd),
                nieuw=_uren_paar(*nieuw),
            )
            for onderdeel, nieuw in uren.items()
            if (oud := bestaand.get(onderdeel))
            and (oud.uren_aanwezig, oud.uren_geroosterd) != nieuw
        ],
        bevestigd,
    )
    uren_schrijven(
        [
            UrenInvoer(
                inburgeraar_id=inburgeraar.pk,
                traject=traject,
                onderdeel=onderdeel,
                maand=maand,
                uren_aanwezig=aanwezig,
                uren_geroosterd=geroosterd,
            )
            for onderdeel, (aanwezig, geroosterd) in uren.items()
        ],
        bron=UrenBron.HANDMATIG,
        acting_user=acting_user,
    )
    labels = {o: Onderdeel(o).label for o in uren}
    wijzigingen_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Uren {maand_tekst(maand)}: "
        + "; ".join(
            f"{labels[o]} {_uren_tekst(a)} aanwezig" for o, (a, _) in uren.items()
        ),
        actie_namen=[
            f"Uren {'vervangen' if o in bestaand else 'vastgelegd'} ({labels[o]}, "
            f"{maand_tekst(maand)})"
            for o in uren
        ],
        handeling="Uren",
    )
    routestand_bijwerken([inburgeraar.pk])


def uren_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    onderdeel: str,
    maand: date,
    uren_aanwezig: Decimal,
    uren_geroosterd: Decimal | None,
    acting_user: User,
) -> None:
    """Hours for one onderdeel in one month, replacing what was recorded without
    asking (for callers with nobody to ask, such as scripts and test scenarios)."""
    maand_uren_vastleggen(
        inburgeraar=inburgeraar,
        maand=maand,
        uren={onderdeel: (uren_aanwezig, uren_geroosterd)},
        bevestigd=ALLES_VERVANGEN,
        acting_user=acting_user,
    )
