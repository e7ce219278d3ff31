"""Exams and the afronding (participatieverklaring, Z eindgesprek, onderwijsroute,
MAP), and closing the route as "voldaan" once its requirements are met
(rules.voldaan.inburgeringsplicht_voldaan)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from intake.models import (
    GESLOTEN_STATUSSEN,
    Inburgeraar,
    Leerroute,
    Status,
    StatusBron,
)
from intake.services import status_vastleggen, verouderd, wijziging_vastleggen
from pip_plans.selectors import geldende_pip, geldende_pips
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    Afronding,
    Examenpoging,
)
from ..routestand import routestand_bijwerken
from ..rules.uren import participatieverklaring_mag_getekend
from ..rules.voldaan import Voldaan, inburgeringsplicht_voldaan
from ..rules.waarden import B1_NIVEAU, KNM
from ..tijdlijn import GebeurtenisSoort
from .uren import pvt_uren


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
    if onderdeel != KNM and not niveau:
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
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.LEERROUTE,
        omschrijving=f"Examen {poging.get_onderdeel_display()} {niveau} "
        f"({datum_tekst(datum)}): {uitslag}",
        actie_naam="Examen vastgelegd",
        handeling="Examen",
    )
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
        toets = participatieverklaring_mag_getekend(pvt_uren=pvt_uren(inburgeraar))
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
        wijziging_vastleggen(
            inburgeraar,
            gebruiker=acting_user,
            soort=GebeurtenisSoort.LEERROUTE,
            omschrijving="Vastgelegd: " + ", ".join(veranderd),
            actie_naam="Afronding vastgelegd",
            handeling="Afronding",
        )
    voldaan_bijwerken(inburgeraar, acting_user=acting_user)
    return afronding


# voldaan_toets(): "read it yourself" (None is a value: no PIP, no afronding).
_LEZEN = object()


def voldaan_toets(
    inburgeraar: Inburgeraar, *, pip=_LEZEN, afronding=_LEZEN, examens=None
) -> Voldaan | None:
    """The fulfilment rule over what is recorded; None without a PIP in force.
    The route page passes the PIP in force, the afronding and the exams it has
    read already (three queries fewer); without them they are read here."""
    if pip is _LEZEN:
        pip = geldende_pip(inburgeraar)
    if pip is None:
        return None
    if afronding is _LEZEN:
        afronding = Afronding.objects.filter(inburgeraar=inburgeraar).first()
    if examens is None:
        examens = inburgeraar.examenpogingen.all()
    return inburgeringsplicht_voldaan(
        leerroute=pip.leerroute,
        taalniveau_doel=pip.taalniveau or B1_NIVEAU,
        examens=[p.als_regel() for p in examens],
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
    """When the route's requirements are met: the plicht is voldaan, an event from
    the rule (intake.services.status), which closes the traject and the planned
    gesprekken (leerroutes/plicht.py). Inside the caller's transaction."""
    toets = voldaan_toets(inburgeraar)
    if toets is not None and toets.voldaan:
        afronding = afronding_van(inburgeraar)
        if afronding.voldaan_op is None:
            Afronding.objects.filter(pk=afronding.pk).update(
                voldaan_op=toets.datum, versie=F("versie") + 1
            )
            huidige = Inburgeraar.objects.values_list("status", flat=True).get(
                pk=inburgeraar.pk
            )
            # A dossier closed otherwise (moved, DUO's decision) keeps that status;
            # the afronding still records the date the requirements were met.
            if huidige not in GESLOTEN_STATUSSEN:
                status_vastleggen(
                    inburgeraar,
                    status=Status.AFGEROND_VOLDAAN,
                    datum=toets.datum,
                    bron=StatusBron.REGEL,
                    acting_user=acting_user,
                    vandaag=max(toets.datum, timezone.localdate()),
                )
    routestand_bijwerken([inburgeraar.pk])


def voldaan_zonder_map() -> list[Inburgeraar]:
    """Dossiers recorded as voldaan in the B1- or Z-route without a completed MAP:
    recorded before the MAP became a condition (issue 17, DOMAIN §13.5). Listed for
    review, never changed here: the casusregisseur checks each one."""
    verdacht = Inburgeraar.objects.filter(
        afronding__voldaan_op__isnull=False, afronding__map_afgerond_op__isnull=True
    ).order_by("achternaam", "voornamen")
    routes = geldende_pips(verdacht)
    return [
        dossier
        for dossier in verdacht
        if dossier.pk in routes and routes[dossier.pk].leerroute != Leerroute.ONDERWIJS
    ]
