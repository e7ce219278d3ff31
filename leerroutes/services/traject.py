"""Every write to a traject, hours, exams, participation and the keten.

Like the other apps' services: keyword-only, the acting user, one transaction, an
entry on the dossier's timeline and in the verwerkingenlog, and a Dutch
ValidationError for what the user can fix. After each change the person's
Routestand is derived again (routestand.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from intake.models import (
    DoelgroepCategorie,
    Gebeurtenis,
    Inburgeraar,
    Leerroute,
    Status,
)
from intake.services import verouderd
from pip_plans.models import Beschikking, Pip
from pip_plans.selectors import geldende_pip
from pip_plans.services import pip as pip_services
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.termijnen import maand_begin, maand_einde
from zevenaar_inburgering.verwerkingen import log

from . import rules
from .models import (
    ROUTE_ONDERDELEN,
    Afronding,
    Contract,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Traject,
    TrajectEinde,
    TrajectOnderdeel,
    UrenBron,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
    keurmerk_geldig_q,
)
from .routestand import routestand_bijwerken
from .tijdlijn import GebeurtenisSoort

# Dossier states in which a person is (still) in a route.
IN_ROUTE = (Status.PIP_VASTGESTELD, Status.IN_TRAJECT)


def _gebeurtenis(
    inburgeraar: Inburgeraar,
    user: User,
    omschrijving: str,
    soort=GebeurtenisSoort.LEERROUTE,
) -> None:
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar, soort=soort, gebruiker=user, omschrijving=omschrijving
    )


def _gewijzigd(inburgeraar: Inburgeraar, user: User, actie_naam: str, handeling: str):
    log.log_dossiers_changed(
        [inburgeraar], user=user, actie_naam=actie_naam, handeling=handeling
    )


def open_traject(inburgeraar: Inburgeraar) -> Traject | None:
    return (
        Traject.objects.filter(inburgeraar=inburgeraar, einde__isnull=True)
        .select_related("aanbieder", "contract")
        .first()
    )


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


# --- Assignment ----------------------------------------------------------------------


def aanbieders_voor(inburgeraar: Inburgeraar, leerroute: str, op: date):
    """The taalaanbieders that may get this person for this route on `op`: a valid
    keurmerk and, for asielstatushouders (the gemeente buys the route), a contract
    for the route valid on `op`. Gezins- and overige migranten choose their own
    aanbieder with a keurmerk; nothing is bought (DOMAIN.md validation rule 8)."""
    qs = Organisatie.objects.filter(
        keurmerk_geldig_q(op), soort=OrganisatieSoort.TAALAANBIEDER, actief=True
    )
    if inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL:
        qs = qs.filter(
            contracten__leerroute=leerroute,
            contracten__start__lte=op,
            contracten__einde__gte=op,
        )
    return qs.distinct().order_by("naam")


def geldig_contract(
    aanbieder: Organisatie, leerroute: str, op: date
) -> Contract | None:
    return (
        Contract.objects.filter(
            aanbieder=aanbieder, leerroute=leerroute, start__lte=op, einde__gte=op
        )
        .prefetch_related("onderdelen")
        .order_by("-start")
        .first()
    )


def geplande_uren_voorstel(
    pip: Pip, contract: Contract | None
) -> dict[str, int | None]:
    """Planned hours per onderdeel to start from: the contract's hours, and the
    PIP's intensity for PVT and MAP."""
    voorstel: dict[str, int | None] = dict.fromkeys(ROUTE_ONDERDELEN[pip.leerroute])
    if contract is not None:
        for regel in contract.onderdelen.all():
            if regel.onderdeel in voorstel:
                voorstel[regel.onderdeel] = regel.uren
    if pip.pvt_uren:
        voorstel[Onderdeel.PVT] = pip.pvt_uren
    if Onderdeel.MAP in voorstel and pip.map_uren:
        voorstel[Onderdeel.MAP] = pip.map_uren
    return voorstel


def toewijzing_fouten(
    *,
    inburgeraar: Inburgeraar,
    pip: Pip | None,
    aanbieder: Organisatie,
    start: date,
    geplande_einde: date,
    uren: dict[str, int | None],
) -> dict[str, str]:
    """Everything that stops this assignment, per form field."""
    if pip is None:
        return {"__all__": "Stel eerst het PIP vast; de leerroute volgt uit het PIP."}
    fouten: dict[str, str] = {}
    if not aanbieder.keurmerk_geldig_op(start):
        fouten["aanbieder"] = (
            f"{aanbieder} heeft op {start:%d-%m-%Y} geen geldig keurmerk (Blik op Werk)."
        )
    elif (
        inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL
        and geldig_contract(aanbieder, pip.leerroute, start) is None
    ):
        fouten["aanbieder"] = (
            f"Met {aanbieder} is op {start:%d-%m-%Y} geen contract voor de "
            f"{pip.get_leerroute_display()}."
        )
    if geplande_einde < start:
        fouten["geplande_einde"] = "Het geplande einde ligt voor de start."
    for onderdeel in ROUTE_ONDERDELEN[pip.leerroute]:
        if uren.get(onderdeel) is None:
            fouten[f"uren_{onderdeel}"] = (
                "Vul de geplande uren in (0 als het vervalt); het contract noemt ze niet."
            )
    if (uren.get(Onderdeel.PVT) or 0) < rules.MIN_PVT_UREN:
        fouten[f"uren_{Onderdeel.PVT}"] = (
            f"Het participatieverklaringstraject duurt minstens {rules.MIN_PVT_UREN} uur."
        )
    if pip.leerroute == Leerroute.Z:
        z_fouten = rules.z_route_uren_fouten(
            categorie=inburgeraar.doelgroep_categorie,
            taal_knm_uren=(uren.get(Onderdeel.NT2) or 0)
            + (uren.get(Onderdeel.KNM) or 0),
            participatie_uren=uren.get(Onderdeel.PARTICIPATIE_Z) or 0,
        )
        if "taal_knm_uren" in z_fouten:
            fouten[f"uren_{Onderdeel.NT2}"] = z_fouten["taal_knm_uren"]
        if "participatie_uren" in z_fouten:
            fouten[f"uren_{Onderdeel.PARTICIPATIE_Z}"] = z_fouten["participatie_uren"]
    return fouten


@transaction.atomic
def traject_toewijzen(
    *,
    inburgeraar: Inburgeraar,
    aanbieder: Organisatie,
    start: date,
    geplande_einde: date,
    uren: dict[str, int | None],
    acting_user: User,
) -> Traject:
    """Assign the inburgeraar to an aanbieder for the route of the PIP in force.

    An open traject with another route or aanbieder is closed the day before the
    new one starts; the same route at the same aanbieder is refused.
    """
    inburgeraar = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    pip = geldende_pip(inburgeraar)
    if pip is not None:
        # Hours left empty are the contract's (and the PIP's for PVT and MAP).
        contract = geldig_contract(aanbieder, pip.leerroute, start)
        voorstel = geplande_uren_voorstel(pip, contract)
        uren = {
            onderdeel: uren.get(onderdeel)
            if uren.get(onderdeel) is not None
            else voorstel.get(onderdeel)
            for onderdeel in ROUTE_ONDERDELEN[pip.leerroute]
        }
    fouten = toewijzing_fouten(
        inburgeraar=inburgeraar,
        pip=pip,
        aanbieder=aanbieder,
        start=start,
        geplande_einde=geplande_einde,
        uren=uren,
    )
    huidig = open_traject(inburgeraar)
    if huidig is not None and not fouten:
        if huidig.leerroute == pip.leerroute and huidig.aanbieder_id == aanbieder.pk:
            fouten["aanbieder"] = (
                f"{aanbieder} heeft deze inburgeraar al voor de "
                f"{pip.get_leerroute_display()}."
            )
        elif start <= huidig.start:
            fouten["start"] = (
                "Het nieuwe traject start na het huidige traject "
                f"(gestart {huidig.start:%d-%m-%Y})."
            )
    if fouten:
        raise ValidationError(fouten)
    if huidig is not None:
        traject_sluiten(
            traject=huidig,
            einde=start - timedelta(days=1),
            reden=(
                TrajectEinde.SCHAKELEN
                if huidig.leerroute != pip.leerroute
                else TrajectEinde.ANDERE_AANBIEDER
            ),
            acting_user=acting_user,
        )
    asiel = inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL
    traject = Traject.objects.create(
        inburgeraar=inburgeraar,
        pip=pip,
        leerroute=pip.leerroute,
        aanbieder=aanbieder,
        contract=geldig_contract(aanbieder, pip.leerroute, start) if asiel else None,
        ingekocht=asiel,
        start=start,
        geplande_einde=geplande_einde,
        aangemaakt_door=acting_user,
    )
    TrajectOnderdeel.objects.bulk_create(
        TrajectOnderdeel(
            traject=traject,
            onderdeel=onderdeel,
            geplande_uren=uren[onderdeel],
            start=start,
            geplande_einde=geplande_einde,
        )
        for onderdeel in ROUTE_ONDERDELEN[pip.leerroute]
        if uren.get(onderdeel)
    )
    if inburgeraar.status == Status.PIP_VASTGESTELD:
        Inburgeraar.objects.filter(pk=inburgeraar.pk).update(
            status=Status.IN_TRAJECT, versie=F("versie") + 1
        )
    if (
        pip.voortgangsgesprek_interval_weken
        and not Voortgangsgesprek.objects.filter(
            inburgeraar=inburgeraar, gehouden_op__isnull=True
        ).exists()
    ):
        Voortgangsgesprek.objects.create(
            inburgeraar=inburgeraar,
            gepland_op=start + timedelta(weeks=pip.voortgangsgesprek_interval_weken),
            vastgelegd_door=acting_user,
        )
    wijze = "ingekocht" if asiel else "eigen keuze, niet ingekocht"
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Toegewezen aan {aanbieder} voor de {pip.get_leerroute_display()} "
        f"vanaf {start:%d-%m-%Y} ({wijze})",
    )
    _gewijzigd(inburgeraar, acting_user, "Traject toegewezen", "Leerroute")
    routestand_bijwerken([inburgeraar.pk])
    return traject


def traject_sluiten(
    *, traject: Traject, einde: date, reden: str, acting_user: User
) -> None:
    """Close a traject (inside the caller's transaction); its history stays."""
    Traject.objects.filter(pk=traject.pk).update(
        einde=max(einde, traject.start), einde_reden=reden
    )
    _gebeurtenis(
        traject.inburgeraar,
        acting_user,
        f"Traject bij {traject.aanbieder} beëindigd: "
        f"{TrajectEinde(reden).label.lower()}",
    )


# --- The PIP and the route ----------------------------------------------------------
# A PIP change that reaches into the route: afschalen rests on the NT2 hours recorded
# here, and a new route ends the traject of the old one. The pages that make these
# changes call these functions, not pip_plans' own (which know nothing of leerroutes).


def pip_wijziging_starten(
    *, inburgeraar: Inburgeraar, reden: str, toelichting: str, acting_user: User
) -> Pip:
    """pip_plans' wijziging, with the NT2 hours recorded here (for afschalen)."""
    return pip_services.pip_wijziging_starten(
        inburgeraar=inburgeraar,
        reden=reden,
        toelichting=toelichting,
        acting_user=acting_user,
        nt2_uren_keurmerk=nt2_uren_keurmerk(inburgeraar),
    )


def vaststellen_fouten(pip: Pip, *, vandaag: date) -> dict[str, str]:
    """pip_plans' vaststellen_fouten, with the NT2 hours recorded here (DOMAIN.md
    §4: the recorded hours, never a typed number)."""
    return pip_services.vaststellen_fouten(
        pip, vandaag=vandaag, nt2_uren_keurmerk=nt2_uren_keurmerk(pip.inburgeraar)
    )


@atomic_with_documents
def pip_vaststellen(
    *, pip: Pip, acting_user: User, dagtekening: date | None = None
) -> Beschikking:
    """pip_plans' vaststellen, with the NT2 hours recorded here; then a new route
    (schakelen) ends the traject of the old route, and the casusregisseur assigns
    the new one. One transaction: if the traject cannot be closed, nothing is
    vastgesteld and the beschikking's PDF is deleted again."""
    beschikking = pip_services.pip_vaststellen(
        pip=pip,
        acting_user=acting_user,
        dagtekening=dagtekening,
        nt2_uren_keurmerk=nt2_uren_keurmerk(pip.inburgeraar),
    )
    vastgesteld = beschikking.pip
    huidig = open_traject(vastgesteld.inburgeraar)
    if huidig is not None and huidig.leerroute != vastgesteld.leerroute:
        traject_sluiten(
            traject=huidig,
            einde=beschikking.dagtekening,
            reden=TrajectEinde.SCHAKELEN,
            acting_user=acting_user,
        )
        routestand_bijwerken([vastgesteld.inburgeraar_id])
    return beschikking


# --- Hours and progress -----------------------------------------------------------------


def traject_in_maand(inburgeraar_id, aanbieder_id, maand: date) -> Traject | None:
    """The traject at this aanbieder that ran in this month (hours belong to it)."""
    laatste_dag = maand_einde(maand)
    return (
        Traject.objects.filter(
            inburgeraar_id=inburgeraar_id,
            aanbieder_id=aanbieder_id,
            start__lte=laatste_dag,
        )
        .exclude(einde__lt=maand)
        .select_related("aanbieder")
        .order_by("-start")
        .first()
    )


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
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Uren {Onderdeel(onderdeel).label} {maand:%m-%Y}: {uren_aanwezig} aanwezig",
    )
    _gewijzigd(inburgeraar, acting_user, "Uren vastgelegd", "Uren")
    routestand_bijwerken([inburgeraar.pk])


@transaction.atomic
def voortgang_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Voortgangsrapportage:
    traject = open_traject(inburgeraar)
    aanbieder = data.get("aanbieder") or (traject.aanbieder if traject else None)
    if aanbieder is None:
        raise ValidationError("Er loopt geen traject; wijs eerst een aanbieder toe.")
    if data["datum"] > timezone.localdate():
        raise ValidationError({"datum": "De datum ligt in de toekomst."})
    rapportage = Voortgangsrapportage.objects.create(
        inburgeraar=inburgeraar,
        aanbieder=aanbieder,
        datum=data["datum"],
        lezen=data.get("lezen", ""),
        luisteren=data.get("luisteren", ""),
        schrijven=data.get("schrijven", ""),
        spreken=data.get("spreken", ""),
        aanwezigheid_pct=data.get("aanwezigheid_pct"),
        opmerkingen=data.get("opmerkingen", ""),
        vastgelegd_door=acting_user,
    )
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Voortgangsrapportage van {aanbieder} ({data['datum']:%d-%m-%Y})",
    )
    _gewijzigd(inburgeraar, acting_user, "Voortgangsrapportage vastgelegd", "Voortgang")
    routestand_bijwerken([inburgeraar.pk])
    return rapportage


# --- Exams and fulfilment -----------------------------------------------------------


@transaction.atomic
def examen_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    onderdeel: str,
    niveau: str,
    datum: date,
    geslaagd: bool,
    cijfer: str,
    acting_user: User,
) -> Examenpoging:
    if onderdeel != rules.KNM and not niveau:
        raise ValidationError({"niveau": "Kies het niveau van het taalexamen."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Leg een examen vast als de uitslag er is."})
    poging = Examenpoging.objects.create(
        inburgeraar=inburgeraar,
        onderdeel=onderdeel,
        niveau=niveau,
        datum=datum,
        geslaagd=geslaagd,
        cijfer=cijfer,
        vastgelegd_door=acting_user,
    )
    uitslag = "gehaald" if geslaagd else "niet gehaald"
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Examen {poging.get_onderdeel_display()} {niveau} ({datum:%d-%m-%Y}): {uitslag}",
    )
    _gewijzigd(inburgeraar, acting_user, "Examen vastgelegd", "Examen")
    voldaan_bijwerken(inburgeraar, acting_user=acting_user)
    return poging


def afronding_van(inburgeraar: Inburgeraar) -> Afronding:
    afronding, _ = Afronding.objects.get_or_create(inburgeraar=inburgeraar)
    return afronding


@transaction.atomic
def afronding_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, versie: int, acting_user: User
) -> Afronding:
    """Record the participatieverklaring, the Z eindgesprek, the onderwijsroute's
    result and MAP completed; a signed participatieverklaring needs PVT ≥ 12 hours
    (DOMAIN.md validation rule 6)."""
    afronding_van(inburgeraar)
    afronding = Afronding.objects.select_for_update().get(inburgeraar=inburgeraar)
    if afronding.versie != versie:
        raise verouderd("de afronding")
    vandaag = timezone.localdate()
    fouten: dict[str, str] = {}
    for veld in (
        "participatieverklaring_getekend_op",
        "z_eindgesprek_op",
        "onderwijsroute_resultaat_op",
        "map_afgerond_op",
    ):
        if data.get(veld) and data[veld] > vandaag:
            fouten[veld] = "De datum ligt in de toekomst."
    getekend = data.get("participatieverklaring_getekend_op")
    if getekend and getekend != afronding.participatieverklaring_getekend_op:
        toets = rules.participatieverklaring_mag_getekend(
            pvt_uren=pvt_uren(inburgeraar)
        )
        if not toets.toegestaan:
            fouten["participatieverklaring_getekend_op"] = " ".join(toets.redenen)
    if (
        data.get("onderwijsroute_resultaat_op")
        and not (data.get("onderwijsroute_resultaat") or "").strip()
    ):
        fouten["onderwijsroute_resultaat"] = "Beschrijf het behaalde resultaat."
    if fouten:
        raise ValidationError(fouten)
    veranderd = []
    for veld, waarde in data.items():
        if getattr(afronding, veld) != waarde:
            veranderd.append(Afronding._meta.get_field(veld).verbose_name)
            setattr(afronding, veld, waarde)
    afronding.versie += 1
    afronding.save()
    if veranderd:
        _gebeurtenis(inburgeraar, acting_user, "Vastgelegd: " + ", ".join(veranderd))
    _gewijzigd(inburgeraar, acting_user, "Afronding vastgelegd", "Afronding")
    voldaan_bijwerken(inburgeraar, acting_user=acting_user)
    return afronding


def voldaan_toets(inburgeraar: Inburgeraar) -> rules.Voldaan | None:
    """The fulfilment rule over what is recorded; None without a PIP in force."""
    pip = geldende_pip(inburgeraar)
    if pip is None:
        return None
    afronding = Afronding.objects.filter(inburgeraar=inburgeraar).first()
    return rules.inburgeringsplicht_voldaan(
        leerroute=pip.leerroute,
        taalniveau_doel=pip.taalniveau or rules.B1_NIVEAU,
        examens=[p.als_regel() for p in inburgeraar.examenpogingen.all()],
        participatieverklaring_getekend=getattr(
            afronding, "participatieverklaring_getekend_op", None
        ),
        z_eindgesprek=getattr(afronding, "z_eindgesprek_op", None),
        onderwijsroute_resultaat=bool(
            getattr(afronding, "onderwijsroute_resultaat_op", None)
        ),
        onderwijsroute_resultaat_op=getattr(
            afronding, "onderwijsroute_resultaat_op", None
        ),
        map_afgerond=getattr(afronding, "map_afgerond_op", None),
    )


def voldaan_bijwerken(inburgeraar: Inburgeraar, *, acting_user: User) -> None:
    """When the route's requirements are met: the dossier's route closes as
    "voldaan" (status, traject, date). Inside the caller's transaction."""
    toets = voldaan_toets(inburgeraar)
    if toets is not None and toets.voldaan:
        afronding = afronding_van(inburgeraar)
        if afronding.voldaan_op is None:
            Afronding.objects.filter(pk=afronding.pk).update(
                voldaan_op=toets.datum, versie=F("versie") + 1
            )
            Inburgeraar.objects.filter(pk=inburgeraar.pk).update(
                status=Status.AFGEROND_VOLDAAN, versie=F("versie") + 1
            )
            traject = open_traject(inburgeraar)
            if traject is not None:
                traject_sluiten(
                    traject=traject,
                    einde=toets.datum,
                    reden=TrajectEinde.VOLDAAN,
                    acting_user=acting_user,
                )
            # Fix: the route is over, so is its planned voortgangsgesprek (it kept
            # the dossier on the werkvoorraad as "gesprek te doen").
            Voortgangsgesprek.objects.filter(
                inburgeraar=inburgeraar, gehouden_op__isnull=True
            ).delete()
            _gebeurtenis(
                inburgeraar,
                acting_user,
                f"Inburgeringsplicht voldaan op {toets.datum:%d-%m-%Y}",
            )
    routestand_bijwerken([inburgeraar.pk])


# --- Participation ------------------------------------------------------------------


@transaction.atomic
def activiteit_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Participatieactiviteit:
    if data.get("einde") and data["einde"] < data["start"]:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    if data["soort"] == rules.BETAALD_WERK and data.get("uren_per_week") is None:
        raise ValidationError(
            {"uren_per_week": "Vul bij betaald werk de uren per week in."}
        )
    activiteit = Participatieactiviteit.objects.create(
        inburgeraar=inburgeraar, vastgelegd_door=acting_user, **data
    )
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"{activiteit.get_soort_display()} bij {activiteit.organisatie} "
        f"vanaf {activiteit.start:%d-%m-%Y}",
        soort=GebeurtenisSoort.PARTICIPATIE,
    )
    _gewijzigd(inburgeraar, acting_user, "Participatie vastgelegd", "Participatie")
    routestand_bijwerken([inburgeraar.pk])
    return activiteit


@transaction.atomic
def activiteit_beeindigen(
    *, activiteit: Participatieactiviteit, einde: date, acting_user: User
) -> None:
    activiteit = Participatieactiviteit.objects.select_for_update().get(
        pk=activiteit.pk
    )
    if einde < activiteit.start:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    activiteit.einde = einde
    activiteit.save(update_fields=["einde"])
    _gebeurtenis(
        activiteit.inburgeraar,
        acting_user,
        f"{activiteit} beëindigd per {einde:%d-%m-%Y}",
        soort=GebeurtenisSoort.PARTICIPATIE,
    )
    _gewijzigd(
        activiteit.inburgeraar, acting_user, "Participatie beëindigd", "Participatie"
    )
    routestand_bijwerken([activiteit.inburgeraar_id])


# --- Keten ----------------------------------------------------------------------------


@transaction.atomic
def verwijzing_aanmaken(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Verwijzing:
    if data["verstuurd_op"] > timezone.localdate():
        raise ValidationError({"verstuurd_op": "De datum ligt in de toekomst."})
    verwijzing = Verwijzing.objects.create(
        inburgeraar=inburgeraar,
        status_op=data["verstuurd_op"],
        aangemaakt_door=acting_user,
        **data,
    )
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Verwezen naar {verwijzing.ketenpartner}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(inburgeraar, acting_user, "Verwijzing aangemaakt", "Verwijzing")
    return verwijzing


@transaction.atomic
def verwijzing_bijwerken(
    *,
    verwijzing: Verwijzing,
    status: str,
    terugkoppeling: str,
    versie: int,
    acting_user: User,
) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if verwijzing.versie != versie:
        raise verouderd("deze verwijzing")
    if status != verwijzing.status:
        verwijzing.status_op = timezone.localdate()
    verwijzing.status = status
    verwijzing.terugkoppeling = terugkoppeling
    verwijzing.versie += 1
    verwijzing.save()
    _gebeurtenis(
        verwijzing.inburgeraar,
        acting_user,
        f"Verwijzing naar {verwijzing.ketenpartner}: {verwijzing.get_status_display().lower()}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(
        verwijzing.inburgeraar, acting_user, "Verwijzing bijgewerkt", "Verwijzing"
    )
    return verwijzing


@transaction.atomic
def begeleiding_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> MaatschappelijkeBegeleiding:
    """Maatschappelijke begeleiding is for asielstatushouders (DOMAIN.md §6)."""
    if inburgeraar.doelgroep_categorie != DoelgroepCategorie.ASIEL:
        raise ValidationError(
            "Maatschappelijke begeleiding is er voor asielstatushouders."
        )
    if data.get("einde") and data["einde"] < data["start"]:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    begeleiding = MaatschappelijkeBegeleiding.objects.create(
        inburgeraar=inburgeraar, vastgelegd_door=acting_user, **data
    )
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Maatschappelijke begeleiding door {begeleiding.organisatie} "
        f"vanaf {begeleiding.start:%d-%m-%Y}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(inburgeraar, acting_user, "Begeleiding vastgelegd", "Begeleiding")
    return begeleiding


# --- Voortgangsgesprekken -------------------------------------------------------------


@transaction.atomic
def voortgangsgesprek_vastleggen(
    *, gesprek: Voortgangsgesprek, data: dict, acting_user: User
) -> Voortgangsgesprek:
    """Record a held meeting and plan the next one at the PIP's interval."""
    gesprek = Voortgangsgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.gehouden_op is not None:
        raise ValidationError("Dit gesprek is al vastgelegd.")
    if data["gehouden_op"] > timezone.localdate():
        raise ValidationError({"gehouden_op": "De datum ligt in de toekomst."})
    for veld, waarde in data.items():
        setattr(gesprek, veld, waarde)
    gesprek.vastgelegd_door = acting_user
    gesprek.save()
    inburgeraar = gesprek.inburgeraar
    pip = geldende_pip(inburgeraar)
    volgende = ""
    # Fix: no next meeting once the inburgeringsplicht is voldaan.
    if (
        pip is not None
        and pip.voortgangsgesprek_interval_weken
        and not Afronding.objects.filter(
            inburgeraar=inburgeraar, voldaan_op__isnull=False
        ).exists()
    ):
        dag = gesprek.gehouden_op + timedelta(
            weeks=pip.voortgangsgesprek_interval_weken
        )
        Voortgangsgesprek.objects.create(
            inburgeraar=inburgeraar, gepland_op=dag, vastgelegd_door=acting_user
        )
        volgende = f"; volgende gepland op {dag:%d-%m-%Y}"
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Voortgangsgesprek gehouden op {gesprek.gehouden_op:%d-%m-%Y}{volgende}",
        soort=GebeurtenisSoort.VOORTGANG,
    )
    _gewijzigd(inburgeraar, acting_user, "Voortgangsgesprek vastgelegd", "Voortgang")
    routestand_bijwerken([inburgeraar.pk])
    return gesprek


@transaction.atomic
def voortgangsgesprek_plannen(
    *, inburgeraar: Inburgeraar, gepland_op: date, acting_user: User
) -> Voortgangsgesprek:
    """Plan (or move) the next meeting; there is one planned at a time."""
    gesprek = (
        Voortgangsgesprek.objects.select_for_update()
        .filter(inburgeraar=inburgeraar, gehouden_op__isnull=True)
        .first()
    )
    if gesprek is None:
        gesprek = Voortgangsgesprek(
            inburgeraar=inburgeraar, vastgelegd_door=acting_user
        )
    gesprek.gepland_op = gepland_op
    gesprek.save()
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Voortgangsgesprek gepland op {gepland_op:%d-%m-%Y}",
        soort=GebeurtenisSoort.VOORTGANG,
    )
    _gewijzigd(inburgeraar, acting_user, "Voortgangsgesprek gepland", "Voortgang")
    routestand_bijwerken([inburgeraar.pk])
    return gesprek
