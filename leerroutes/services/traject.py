"""Assigning an inburgeraar to a taalaanbieder for the route of the PIP in force,
and closing a traject. The timeline and verwerkingenlog helpers shared by the
package's other modules live here too."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from intake.models import (
    DoelgroepCategorie,
    Inburgeraar,
    Leerroute,
    Status,
)
from intake.services import wijziging_vastleggen
from pip_plans.models import Pip
from pip_plans.rules import MIN_PVT_UREN
from pip_plans.selectors import geldende_pip
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    ROUTE_ONDERDELEN,
    Contract,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Traject,
    TrajectEinde,
    TrajectOnderdeel,
    Voortgangsgesprek,
    keurmerk_geldig_q,
)
from ..routestand import routestand_bijwerken
from ..rules.uren import z_route_uren_fouten
from ..tijdlijn import GebeurtenisSoort

# Dossier states in which a person is (still) in a route.


def open_traject(inburgeraar: Inburgeraar) -> Traject | None:
    return (
        Traject.objects.filter(inburgeraar=inburgeraar, einde__isnull=True)
        .select_related("aanbieder", "contract")
        .first()
    )


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
            f"{aanbieder} heeft op {datum_tekst(start)} geen geldig keurmerk (Blik op Werk)."
        )
    elif (
        inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL
        and geldig_contract(aanbieder, pip.leerroute, start) is None
    ):
        fouten["aanbieder"] = (
            f"Met {aanbieder} is op {datum_tekst(start)} geen contract voor de "
            f"{pip.get_leerroute_display()}."
        )
    if geplande_einde < start:
        fouten["geplande_einde"] = "Het geplande einde ligt voor de start."
    for onderdeel in ROUTE_ONDERDELEN[pip.leerroute]:
        if uren.get(onderdeel) is None:
            fouten[f"uren_{onderdeel}"] = (
                "Vul de geplande uren in (0 als het vervalt); het contract noemt ze niet."
            )
    if (uren.get(Onderdeel.PVT) or 0) < MIN_PVT_UREN:
        fouten[f"uren_{Onderdeel.PVT}"] = (
            f"Het participatieverklaringstraject duurt minstens {MIN_PVT_UREN} uur."
        )
    if pip.leerroute == Leerroute.Z:
        z_fouten = z_route_uren_fouten(
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
                f"(gestart {datum_tekst(huidig.start)})."
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
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Toegewezen aan {aanbieder} voor de {pip.get_leerroute_display()} "
        f"vanaf {datum_tekst(start)} ({wijze})",
        actie_naam="Traject toegewezen",
        handeling="Leerroute",
    )
    routestand_bijwerken([inburgeraar.pk])
    return traject


def traject_sluiten(
    *, traject: Traject, einde: date, reden: str, acting_user: User
) -> None:
    """Close a traject (inside the caller's transaction); its history stays."""
    Traject.objects.filter(pk=traject.pk).update(
        einde=max(einde, traject.start), einde_reden=reden
    )
    wijziging_vastleggen(
        traject.inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Traject bij {traject.aanbieder} beëindigd: "
        f"{TrajectEinde(reden).label.lower()}",
        actie_naam="Traject beëindigd",
        handeling="Leerroute",
    )
