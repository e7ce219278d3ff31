"""Every write to a dossier goes through one of these functions.

Each takes the acting user, runs in one transaction, adds a line to the dossier's
timeline and writes the verwerkingenlog in that same transaction. A rule the user
can fix is raised as ValidationError with a Dutch message.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from zevenaar_inburgering.accounts.models import Role, User
from zevenaar_inburgering.nl import datum_tekst, opsomming
from zevenaar_inburgering.verwerkingen import log

from ..models import (
    HANDMATIGE_STATUSSEN,
    Gebeurtenis,
    Huishouden,
    Huishoudlid,
    Inburgeraar,
    Notitie,
    Status,
)
from ..rules import pip_deadline
from ..tijdlijn import GebeurtenisSoort
from .vastleggen import wijziging_vastleggen


class VerouderdDossier(ValidationError):
    """The dossier changed since the form was opened (optimistic locking)."""


def verouderd(wat: str) -> VerouderdDossier:
    """The one message for a form somebody else saved in between; `wat` is e.g.
    "dit dossier" or "dit PIP"."""
    return VerouderdDossier(
        f"Iemand anders heeft {wat} gewijzigd nadat u het opende. Uw wijzigingen zijn niet "
        f"opgeslagen. Open {wat} opnieuw en voer ze nog eens in.",
        code="stale",
    )


def display_value(instance, field_name: str) -> str:
    """A field's value as a user reads it, for the timeline."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field_name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(getattr(instance, f"get_{field_name}_display")())
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if hasattr(value, "strftime"):
        return datum_tekst(value)
    return str(value)


def _check_people(inburgeraar: Inburgeraar) -> None:
    """The assigned casusregisseur must work for the dossier's gemeente; the RSD
    klantmanager must be one; bijstand start requires bijstand."""
    errors: dict[str, str] = {}
    regisseur = inburgeraar.casusregisseur
    if regisseur is not None and not (
        regisseur.role == Role.CASUSREGISSEUR
        and regisseur.is_active
        and regisseur.gemeenten.filter(pk=inburgeraar.gemeente_id).exists()
    ):
        errors["casusregisseur"] = (
            f"{regisseur} is geen actieve casusregisseur van {inburgeraar.gemeente}."
        )
    klantmanager = inburgeraar.rsd_klantmanager
    if klantmanager is not None and not (
        klantmanager.role == Role.RSD_KLANTMANAGER and klantmanager.is_active
    ):
        errors["rsd_klantmanager"] = f"{klantmanager} is geen actieve RSD-klantmanager."
    if inburgeraar.bijstand_start and not inburgeraar.bijstand:
        errors["bijstand_start"] = "Een startdatum bijstand kan alleen bij bijstand."
    if errors:
        raise ValidationError(errors)


def _check_gemeente_allowed(gemeente_id: int, acting_user: User) -> None:
    if not acting_user.gemeenten.filter(pk=gemeente_id).exists():
        raise ValidationError(
            {"gemeente": "U kunt alleen dossiers van uw eigen gemeenten beheren."}
        )


def _check_status_hand(oud: str, nieuw: str) -> None:
    """By hand only the planning before the intake (HANDMATIGE_STATUSSEN); a legal
    status is an event with its date and source (services/status.py)."""
    if oud != nieuw and not (
        oud in HANDMATIGE_STATUSSEN and nieuw in HANDMATIGE_STATUSSEN
    ):
        raise ValidationError(
            {
                "status": "Deze status volgt uit wat er is vastgelegd of is een "
                "gebeurtenis met datum en bron: leg die vast op de dossierpagina."
            }
        )


@transaction.atomic
def inburgeraar_aanmaken(*, data: dict[str, Any], acting_user: User) -> Inburgeraar:
    inburgeraar = Inburgeraar(**data)
    _check_status_hand(Status.SIGNAAL_ONTVANGEN, inburgeraar.status)
    _check_gemeente_allowed(inburgeraar.gemeente_id, acting_user)
    _check_people(inburgeraar)
    inburgeraar.full_clean()
    inburgeraar.refresh_pip_deadline()
    inburgeraar.save()
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=GebeurtenisSoort.AANGEMAAKT,
        gebruiker=acting_user,
        omschrijving="Dossier aangemaakt",
    )
    log.log_dossier_created(inburgeraar, user=acting_user)
    return inburgeraar


def _apply_changes(
    inburgeraar: Inburgeraar, data: dict[str, Any]
) -> list[dict[str, str]]:
    """Set the new values and return what changed, readable for the timeline."""
    changes = []
    for name, value in data.items():
        if getattr(inburgeraar, name) == value:
            continue
        old = display_value(inburgeraar, name)
        setattr(inburgeraar, name, value)
        changes.append(
            {
                "veld": str(
                    inburgeraar._meta.get_field(name).verbose_name
                ).capitalize(),
                "oud": old,
                "nieuw": display_value(inburgeraar, name),
            }
        )
    return changes


@transaction.atomic
def inburgeraar_wijzigen(
    *, inburgeraar: Inburgeraar, data: dict[str, Any], versie: int, acting_user: User
) -> Inburgeraar:
    """Save the edit form, unless somebody else saved the dossier since `versie`."""
    current = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    if current.versie != versie:
        raise verouderd("dit dossier")
    if "gemeente" in data and data["gemeente"].pk != current.gemeente_id:
        _check_gemeente_allowed(data["gemeente"].pk, acting_user)
    if "status" in data:
        _check_status_hand(current.status, data["status"])
    changes = _apply_changes(current, data)
    if not changes:
        return current
    _check_people(current)
    current.full_clean()
    current.refresh_pip_deadline()
    current.versie += 1
    current.save()
    wijziging_vastleggen(
        current,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.GEWIJZIGD,
        omschrijving="Gegevens gewijzigd: " + ", ".join(c["veld"] for c in changes),
        wijzigingen=changes,
        actie_naam="Dossier gewijzigd",
        handeling="Dossier",
    )
    return current


@transaction.atomic
def notitie_toevoegen(
    *, inburgeraar: Inburgeraar, tekst: str, acting_user: User
) -> Notitie:
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf een notitie."})
    notitie = Notitie.objects.create(
        inburgeraar=inburgeraar, auteur=acting_user, tekst=tekst
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.NOTITIE,
        omschrijving="Notitie toegevoegd",
        notitie=notitie,
        actie_naam="Notitie toegevoegd",
        handeling="Dossier",
    )
    return notitie


@transaction.atomic
def dossiers_toewijzen(
    *, inburgeraars: Iterable[Inburgeraar], casusregisseur: User, acting_user: User
) -> int:
    """Give the dossiers to another casusregisseur, who must work for each gemeente."""
    dossiers = list(inburgeraars)
    allowed = set(casusregisseur.gemeenten.values_list("pk", flat=True))
    if casusregisseur.role != Role.CASUSREGISSEUR or not casusregisseur.is_active:
        raise ValidationError({"casusregisseur": "Kies een actieve casusregisseur."})
    outside = [d for d in dossiers if d.gemeente_id not in allowed]
    if outside:
        raise ValidationError(
            {
                "casusregisseur": f"{casusregisseur} werkt niet voor de gemeente van "
                + opsomming(
                    [d.naam for d in outside[:3]] + (["anderen"] if outside[3:] else [])
                )
                + "."
            }
        )
    moved = [d for d in dossiers if d.casusregisseur_id != casusregisseur.pk]
    if not moved:
        return 0
    ids = [d.pk for d in moved]
    Inburgeraar.objects.filter(pk__in=ids).update(
        casusregisseur=casusregisseur, versie=F("versie") + 1
    )
    Gebeurtenis.objects.bulk_create(
        Gebeurtenis(
            inburgeraar=d,
            soort=GebeurtenisSoort.TOEGEWEZEN,
            gebruiker=acting_user,
            omschrijving=f"Toegewezen aan {casusregisseur}",
            wijzigingen=[
                {
                    "veld": "Casusregisseur",
                    "oud": str(d.casusregisseur) if d.casusregisseur else "—",
                    "nieuw": str(casusregisseur),
                }
            ],
        )
        for d in moved
    )
    log.log_dossiers_changed(
        moved,
        user=acting_user,
        actie_naam="Casusregisseur gewijzigd",
        handeling="Werkvoorraad",
    )
    return len(moved)


@transaction.atomic
def huishouden_koppelen(
    *, inburgeraar: Inburgeraar, ander: Inburgeraar, acting_user: User
) -> Huishouden:
    """Put two dossiers in one household (joining the household either already has)."""
    if inburgeraar.pk == ander.pk:
        raise ValidationError({"ander": "Kies een ander dossier."})
    huishouden = (
        inburgeraar.huishouden or ander.huishouden or Huishouden.objects.create()
    )
    for persoon, partner in ((inburgeraar, ander), (ander, inburgeraar)):
        if persoon.huishouden_id == huishouden.pk:
            continue
        persoon.huishouden = huishouden
        persoon.versie += 1
        persoon.save(update_fields=["huishouden", "versie", "gewijzigd_op"])
        Gebeurtenis.objects.create(
            inburgeraar=persoon,
            soort=GebeurtenisSoort.HUISHOUDEN,
            gebruiker=acting_user,
            omschrijving=f"Gekoppeld aan het huishouden van {partner.naam}",
        )
    log.log_dossiers_changed(
        [inburgeraar, ander],
        user=acting_user,
        actie_naam="Huishouden gekoppeld",
        handeling="Dossier",
    )
    return huishouden


@transaction.atomic
def huishoudlid_toevoegen(
    *, inburgeraar: Inburgeraar, data: dict[str, Any], acting_user: User
) -> Huishoudlid:
    if inburgeraar.huishouden_id is None:
        inburgeraar.huishouden = Huishouden.objects.create()
        inburgeraar.versie += 1
        inburgeraar.save(update_fields=["huishouden", "versie", "gewijzigd_op"])
    lid = Huishoudlid(huishouden=inburgeraar.huishouden, **data)
    lid.full_clean()
    lid.save()
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.HUISHOUDEN,
        omschrijving=f"Huishoudlid toegevoegd: {lid.naam} ({lid.get_relatie_display().lower()})",
        actie_naam="Huishoudlid toegevoegd",
        handeling="Dossier",
    )
    return lid


@transaction.atomic
def pip_uitstel_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    reden: str,
    sinds,
    informatie_ontvangen,
    acting_user: User,
) -> Inburgeraar:
    """Record that the college waits for third-party information (Besluit art. 5.3
    [S]): the PIP deadline is suspended until the information arrives and then
    runs until at most 2 weeks later. The wait must start before the deadline."""
    current = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    current.wi2021_vereist("Uitstel van de PIP-deadline")
    errors: dict[str, str] = {}
    if not reden.strip():
        errors["pip_uitstel_reden"] = "Noem de informatie van derden waarop u wacht."
    gewone_deadline = pip_deadline(
        kennisgeving=current.datum_kennisgeving,
        brp_inschrijving=current.datum_brp_inschrijving,
    )
    if gewone_deadline is None:
        errors["pip_uitstel_sinds"] = (
            "Er loopt nog geen PIP-termijn: DUO-kennisgeving of BRP-inschrijving ontbreekt."
        )
    elif sinds > gewone_deadline:
        errors["pip_uitstel_sinds"] = (
            "Uitstel kan alleen binnen de termijn van 10 weken "
            f"(tot en met {datum_tekst(gewone_deadline)})."
        )
    if informatie_ontvangen is not None and informatie_ontvangen < sinds:
        errors["pip_uitstel_informatie_ontvangen"] = (
            "De informatie kan niet eerder zijn ontvangen dan het uitstel begon."
        )
    if current.pip_vastgesteld_op is not None:
        errors["pip_uitstel_reden"] = "Het PIP is al vastgesteld."
    if errors:
        raise ValidationError(errors)
    data = {
        "pip_uitstel_reden": reden.strip(),
        "pip_uitstel_sinds": sinds,
        "pip_uitstel_informatie_ontvangen": informatie_ontvangen,
    }
    changes = _apply_changes(current, data)
    if not changes:
        return current
    current.refresh_pip_deadline()
    current.versie += 1
    current.save()
    wijziging_vastleggen(
        current,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.GEWIJZIGD,
        omschrijving="Uitstel PIP-deadline vastgelegd",
        wijzigingen=changes,
        actie_naam="Uitstel PIP-deadline",
        handeling="PIP",
    )
    return current
