"""Legal status changes as events (DOMAIN §13.5): voldaan, vrijgesteld, ontheven,
verhuisd, beëindigd and termijn overschreden are recorded with their date and source
(`intake.models.status`), on the timeline and in the verwerkingenlog. An event that
ends the plicht here lets every app close what runs on the dossier: each app that
has something to close declares `plicht_beeindigd(inburgeraar, *, status, datum,
acting_user)` in its own `<app>/plicht.py` (the floor plan: intake knows no app
above it)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.bijdragen import per_app
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.verwerkingen import log

from ..models import (
    BRONNEN,
    GESLOTEN_STATUSSEN,
    PLICHT_EINDE,
    Gebeurtenis,
    Inburgeraar,
    Status,
    StatusBron,
    Statuswijziging,
)
from ..tijdlijn import GebeurtenisSoort
from .dossier import verouderd
from .vastleggen import wijziging_vastleggen


def _fouten(
    dossier: Inburgeraar,
    *,
    status: str,
    datum: date | None,
    bron: str,
    kenmerk: str,
    nieuwe_gemeente: str,
    reden: str,
    vandaag: date,
) -> dict[str, str]:
    """What is wrong with the event, per form field, in Dutch."""
    if status not in BRONNEN:
        return {"status": "Deze status wordt niet als gebeurtenis vastgelegd."}
    if bron not in BRONNEN[status]:
        return {"status": f"{Status(status).label} volgt niet uit deze bron."}
    if dossier.status in GESLOTEN_STATUSSEN:
        return {
            "status": f"Dit dossier is al afgesloten ({dossier.get_status_display()}"
            + (
                f" sinds {datum_tekst(dossier.status_sinds)}"
                if dossier.status_sinds
                else ""
            )
            + ")."
        }
    if dossier.status == status:
        return {
            "status": f"Het dossier heeft de status {dossier.get_status_display()} al."
        }
    fouten = {}
    if datum is None:
        fouten["datum"] = "Vul de datum in."
    elif datum > vandaag:
        fouten["datum"] = (
            "Deze datum ligt in de toekomst. Leg de gebeurtenis vast als die heeft "
            "plaatsgevonden."
        )
    elif dossier.start_inburgeringsplicht and datum < dossier.start_inburgeringsplicht:
        fouten["datum"] = (
            "Deze datum ligt voor de start van de inburgeringsplicht "
            f"({datum_tekst(dossier.start_inburgeringsplicht)})."
        )
    if bron == StatusBron.DUO and not kenmerk.strip():
        fouten["kenmerk"] = "Vul het kenmerk van het DUO-besluit in."
    if status == Status.VERHUISD and not nieuwe_gemeente.strip():
        fouten["nieuwe_gemeente"] = "Vul de gemeente in waar de persoon nu woont."
    if status == Status.BEEINDIGD and not reden.strip():
        fouten["reden"] = "Vul de reden in waarom de inburgeringsplicht hier eindigt."
    return fouten


@transaction.atomic
def status_vastleggen(
    inburgeraar: Inburgeraar,
    *,
    status: str,
    datum: date | None,
    bron: str,
    acting_user: User | None,
    kenmerk: str = "",
    nieuwe_gemeente: str = "",
    reden: str = "",
    versie: int | None = None,
    vandaag: date | None = None,
) -> Statuswijziging:
    """Record a legal status change of the dossier with its date and source.
    `versie` (from a form) refuses a stale page; `vandaag` is the day of the check
    that the event happened (default today). Raises ValidationError per field."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    if versie is not None and dossier.versie != versie:
        raise verouderd("dit dossier")
    fouten = _fouten(
        dossier,
        status=status,
        datum=datum,
        bron=bron,
        kenmerk=kenmerk,
        nieuwe_gemeente=nieuwe_gemeente,
        reden=reden,
        vandaag=vandaag or timezone.localdate(),
    )
    if fouten:
        raise ValidationError(fouten)
    wijziging = Statuswijziging.objects.create(
        inburgeraar=dossier,
        status=status,
        vorige_status=dossier.status,
        datum=datum,
        bron=bron,
        kenmerk=kenmerk.strip(),
        nieuwe_gemeente=nieuwe_gemeente.strip(),
        reden=reden.strip(),
        vastgelegd_door=acting_user,
    )
    Inburgeraar.objects.filter(pk=dossier.pk).update(
        status=status, status_sinds=datum, versie=dossier.versie + 1
    )
    dossier.status, dossier.status_sinds = status, datum
    dossier.versie += 1
    wijziging_vastleggen(
        dossier,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.STATUS,
        omschrijving=wijziging.omschrijving,
        actie_naam=f"Status: {wijziging.get_status_display()}",
        handeling="Dossier",
    )
    if status in PLICHT_EINDE:
        for app in per_app("plicht"):
            app.plicht_beeindigd(
                dossier, status=status, datum=datum, acting_user=acting_user
            )
    return wijziging


@transaction.atomic
def termijnen_bijwerken(
    *,
    overschreden: dict,
    weer_lopend: list,
    peildag: date,
    acting_user: User | None = None,
) -> int:
    """The events that follow from the termijn, set-based for the nightly job
    (pip_plans/tasks.py knows the termijnen): `overschreden` maps dossier ids to the
    first day after their termijn ended; `weer_lopend` are dossiers marked
    overschreden whose termijn DUO extended since: they return to the status they
    had. Dossiers closed in between are left alone. Returns how many changed."""
    dossiers = list(
        Inburgeraar.objects.select_for_update()
        .filter(pk__in=[*overschreden, *weer_lopend])
        .exclude(status__in=GESLOTEN_STATUSSEN)
        .only("pk", "status", "gemeente_id", "bsn")
    )
    vorige = dict(
        Statuswijziging.objects.filter(
            inburgeraar__in=[d.pk for d in dossiers if d.pk in weer_lopend],
            status=Status.TERMIJN_OVERSCHREDEN,
        )
        .order_by("inburgeraar", "-vastgelegd_op")
        .distinct("inburgeraar")
        .values_list("inburgeraar", "vorige_status")
    )
    wijzigingen = []
    for dossier in dossiers:
        if dossier.pk in overschreden and dossier.status != Status.TERMIJN_OVERSCHREDEN:
            nieuw, datum = Status.TERMIJN_OVERSCHREDEN, overschreden[dossier.pk]
        elif dossier.pk in vorige and dossier.status == Status.TERMIJN_OVERSCHREDEN:
            nieuw, datum = vorige[dossier.pk], peildag
        else:
            continue
        wijzigingen.append(
            Statuswijziging(
                inburgeraar=dossier,
                status=nieuw,
                vorige_status=dossier.status,
                datum=datum,
                bron=StatusBron.TERMIJN,
                vastgelegd_door=acting_user,
            )
        )
    Statuswijziging.objects.bulk_create(wijzigingen)
    for wijziging in wijzigingen:
        Inburgeraar.objects.filter(pk=wijziging.inburgeraar_id).update(
            status=wijziging.status,
            status_sinds=wijziging.datum
            if wijziging.status == Status.TERMIJN_OVERSCHREDEN
            else None,
            versie=F("versie") + 1,
        )
    Gebeurtenis.objects.bulk_create(
        Gebeurtenis(
            inburgeraar_id=w.inburgeraar_id,
            soort=GebeurtenisSoort.STATUS,
            gebruiker=acting_user,
            omschrijving=w.omschrijving
            if w.status == Status.TERMIJN_OVERSCHREDEN
            else f"Termijn verlengd door DUO: weer {w.get_status_display()}",
        )
        for w in wijzigingen
    )
    if wijzigingen:
        log.log_dossiers_changed(
            [w.inburgeraar for w in wijzigingen],
            user=acting_user,
            actie_naam="Status volgens de inburgeringstermijn",
            handeling="Dossier",
        )
    return len(wijzigingen)
