"""Every write to a brede intake goes through one of these functions.

Like intake.services: keyword-only, the acting user, one transaction, a line on the
dossier's timeline and the verwerkingenlog in that same transaction. A rule the
user can fix is raised as ValidationError with a Dutch message.

The timeline is read by every dossier role, so it never carries the text of the
intake (narratives, health): only which parts changed, and the old and new value of
short fields such as dates and choices.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, TextField
from django.utils import timezone

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.verwerkingen import log

from ..models import (
    BredeIntake,
    Gebeurtenis,
    Gesprek,
    Inburgeraar,
    IntakeAanleiding,
    IntakeGezondheid,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    IntakeStatus,
    Status,
    Werkervaring,
)
from ..tijdlijn import GebeurtenisSoort
from .dossier import display_value, verouderd

AFGEROND = (
    "De brede intake is afgerond en kan niet meer worden gewijzigd. Heropen de "
    "intake eerst."
)
VERVANGEN = "Deze brede intake is vervangen door een nieuwe intake."

# The dossier states in which starting the intake moves the dossier on.
STATUS_VOOR_INTAKE = (Status.SIGNAAL_ONTVANGEN, Status.INTAKE_GEPLAND)

# The fields intake_wijzigen may set (the edit form's fields).
INTAKE_VELDEN = (
    "lbt_datum",
    "lbt_uitkomst",
    "lbt_toetsbegeleider",
    "lbt_reden_niet_afgenomen",
    "hoogste_opleiding",
    "land_opleiding",
    "jaren_onderwijs",
    "gealfabetiseerd",
    "diplomas",
    "onderwijs_reden_niet_onderzocht",
    "persoonlijke_omstandigheden",
    "omstandigheden_reden_niet_onderzocht",
    "wens",
    "vve_informatie_gegeven",
    "vve_informatie_op",
    "individueel_gesprek_aangeboden",
    "individueel_gesprek_aangeboden_op",
    "coa_profiel_ontvangen_op",
    "coa_profiel",
)
GEZONDHEID_VELDEN = (
    "fysieke_gezondheid",
    "mentale_gezondheid",
    "trauma",
    "zorg_en_behandeling",
    "belemmeringen_voor_inburgering",
    "besproken_op",
)


def _timeline(
    intake: BredeIntake,
    *,
    soort: str = GebeurtenisSoort.INTAKE,
    omschrijving: str,
    acting_user: User,
    wijzigingen: list[dict[str, str]] | None = None,
) -> None:
    Gebeurtenis.objects.create(
        inburgeraar_id=intake.inburgeraar_id,
        soort=soort,
        gebruiker=acting_user,
        omschrijving=omschrijving[:300],
        wijzigingen=wijzigingen or [],
    )


def _dossier_status_volgt(
    dossier: Inburgeraar, *, van: tuple[str, ...], naar: Status
) -> list[dict[str, str]]:
    """Move the dossier's status with its intake (started, completed, reopened)
    when it stands at one of `van`; a later status (a PIP, a traject) is the PIP's
    to move. Returns the change for the timeline line. An update with versie + 1,
    so a dossier edit form opened before is stale."""
    # Conditional in the UPDATE too: the dossier row is not locked here.
    if dossier.status not in van or not Inburgeraar.objects.filter(
        pk=dossier.pk, status__in=van
    ).update(status=naar, versie=F("versie") + 1, gewijzigd_op=timezone.now()):
        return []
    wijziging = {
        "veld": "Status",
        "oud": dossier.get_status_display(),
        "nieuw": naar.label,
    }
    dossier.status = naar
    return [wijziging]


def _vastleggen(
    intake: BredeIntake,
    *,
    omschrijving: str,
    actie_naam: str,
    acting_user: User,
    soort: str = GebeurtenisSoort.INTAKE,
    wijzigingen: list[dict[str, str]] | None = None,
    gezondheid: bool = False,
) -> None:
    """A change to the intake: a line on the timeline and one in the
    verwerkingenlog (with "gezondheid" among the data kinds when it touched health)."""
    _timeline(
        intake,
        soort=soort,
        omschrijving=omschrijving,
        acting_user=acting_user,
        wijzigingen=wijzigingen,
    )
    log.log_intake_changed(
        intake.inburgeraar,
        user=acting_user,
        actie_naam=actie_naam,
        gezondheid=gezondheid,
    )


def _locked(intake: BredeIntake, versie: int | None = None) -> BredeIntake:
    """The intake, locked for this transaction, still open and (if a versie is
    given) unchanged since the form was opened."""
    current = (
        BredeIntake.objects.select_for_update()
        .select_related("inburgeraar")
        .get(pk=intake.pk)
    )
    if current.vervangen_op is not None:
        raise ValidationError(VERVANGEN, code="vervangen")
    if current.status != IntakeStatus.LOOPT:
        raise ValidationError(AFGEROND, code="afgerond")
    if versie is not None and current.versie != versie:
        raise verouderd("dit dossier")
    return current


def _label(instance, name: str) -> str:
    return str(instance._meta.get_field(name).verbose_name).capitalize()


def _apply(instance, data: dict[str, Any], fields) -> tuple[list[str], list[dict]]:
    """Set the allowed fields; return the labels of what changed and, for short
    fields only, the old and new value (texts stay off the timeline)."""
    changed: list[str] = []
    wijzigingen: list[dict[str, str]] = []
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str):
            value = value.strip()
        if getattr(instance, name) == value:
            continue
        old = display_value(instance, name)
        setattr(instance, name, value)
        changed.append(_label(instance, name))
        if not isinstance(instance._meta.get_field(name), TextField):
            wijzigingen.append(
                {
                    "veld": _label(instance, name),
                    "oud": old,
                    "nieuw": display_value(instance, name),
                }
            )
    return changed, wijzigingen


@transaction.atomic
def intake_starten(
    *,
    inburgeraar: Inburgeraar,
    acting_user: User,
    aanleiding: str = IntakeAanleiding.EERSTE,
    gestart_op: dt.date | None = None,
) -> BredeIntake:
    """Start the brede intake of a dossier, with the active checklist parts.

    A dossier has one current intake. A new one only after a verhuizing: then the
    old one is marked vervangen. The dossier moves to "intake loopt" when it was
    still at "signaal ontvangen" or "intake gepland"."""
    # Lock the dossier: two clicks on "Intake starten" make one intake.
    dossier = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    vandaag = timezone.localdate()
    gestart_op = gestart_op or vandaag
    if aanleiding not in IntakeAanleiding.values:
        raise ValidationError({"aanleiding": "Kies een geldige aanleiding."})
    huidige = BredeIntake.objects.filter(inburgeraar=dossier).actueel().first()
    if huidige is not None:
        if aanleiding != IntakeAanleiding.VERHUIZING:
            raise ValidationError(
                {
                    "aanleiding": "Er is al een brede intake. Een nieuwe intake kan "
                    "alleen na een verhuizing."
                }
            )
        huidige.vervangen_op = vandaag
        huidige.save(update_fields=["vervangen_op", "gewijzigd_op"])

    intake = BredeIntake(
        inburgeraar=dossier,
        aanleiding=aanleiding,
        gestart_op=gestart_op,
        gestart_door=acting_user,
    )
    intake.full_clean(exclude=["inburgeraar", "gestart_door"])
    intake.save()
    IntakeGezondheid.objects.create(intake=intake)
    IntakeOnderdeel.objects.bulk_create(
        IntakeOnderdeel(intake=intake, soort=soort)
        for soort in IntakeOnderdeelSoort.objects.filter(actief=True)
    )

    wijzigingen = _dossier_status_volgt(
        dossier, van=STATUS_VOOR_INTAKE, naar=Status.INTAKE_LOOPT
    )
    _timeline(
        intake,
        omschrijving=(
            "Nieuwe brede intake gestart na verhuizing"
            if huidige is not None
            else "Brede intake gestart"
        ),
        acting_user=acting_user,
        wijzigingen=wijzigingen,
    )
    log.log_intake_created(dossier, user=acting_user)
    return intake


@transaction.atomic
def intake_wijzigen(
    *, intake: BredeIntake, data: dict[str, Any], versie: int, acting_user: User
) -> BredeIntake:
    """Save the statutory parts, the duties during the intake and the COA profile."""
    current = _locked(intake, versie)
    changed, wijzigingen = _apply(current, data, INTAKE_VELDEN)
    if not changed:
        return current
    current.full_clean(exclude=["inburgeraar", "gestart_door", "afgerond_door"])
    current.versie += 1
    current.save()
    _vastleggen(
        current,
        omschrijving="Brede intake gewijzigd: " + ", ".join(changed),
        acting_user=acting_user,
        wijzigingen=wijzigingen,
        actie_naam="Brede intake gewijzigd",
    )
    return current


@transaction.atomic
def intake_gezondheid_vastleggen(
    *, intake: BredeIntake, data: dict[str, Any], versie: int, acting_user: User
) -> IntakeGezondheid:
    """Save the health part. Who may do this is decided by the caller through
    IntakeGezondheid.objects.visible_to(); the timeline says only that it changed."""
    current = _locked(intake, versie)
    gezondheid, _ = IntakeGezondheid.objects.select_for_update().get_or_create(
        intake=current
    )
    changed, _ = _apply(gezondheid, data, GEZONDHEID_VELDEN)
    if not changed:
        return gezondheid
    gezondheid.full_clean(exclude=["intake"])
    gezondheid.save()
    current.versie += 1
    current.save(update_fields=["versie", "gewijzigd_op"])
    _vastleggen(
        current,
        omschrijving="Gezondheid in de brede intake bijgewerkt",
        acting_user=acting_user,
        actie_naam="Gezondheid in de brede intake gewijzigd",
        gezondheid=True,
    )
    return gezondheid


@transaction.atomic
def intake_onderdelen_vastleggen(
    *,
    intake: BredeIntake,
    onderdelen: dict[int, dict[str, Any]],
    versie: int,
    acting_user: User,
) -> list[IntakeOnderdeel]:
    """Save the checklist: {soort id: {"bevindingen": str, "afgerond": bool}}.
    A part added by functioneel beheer after the intake started is created here."""
    current = _locked(intake, versie)
    soorten = {s.pk: s for s in IntakeOnderdeelSoort.objects.filter(pk__in=onderdelen)}
    bestaand = {
        o.soort_id: o
        for o in IntakeOnderdeel.objects.select_for_update().filter(intake=current)
    }
    changed: list[IntakeOnderdeel] = []
    for soort_id, values in onderdelen.items():
        soort = soorten.get(soort_id)
        if soort is None:
            continue
        onderdeel = bestaand.get(soort_id) or IntakeOnderdeel(
            intake=current, soort=soort
        )
        bevindingen = (values.get("bevindingen") or "").strip()
        afgerond = bool(values.get("afgerond"))
        if afgerond and not bevindingen:
            raise ValidationError(
                {
                    f"bevindingen_{soort.code}": "Schrijf de bevindingen op voordat u "
                    "dit onderdeel afrondt."
                }
            )
        if (
            onderdeel.pk is not None
            and onderdeel.bevindingen == bevindingen
            and onderdeel.afgerond == afgerond
        ):
            continue
        if onderdeel.pk is None and not bevindingen and not afgerond:
            continue
        onderdeel.bevindingen = bevindingen
        onderdeel.afgerond = afgerond
        onderdeel.save()
        changed.append(onderdeel)
    if not changed:
        return []
    current.versie += 1
    current.save(update_fields=["versie", "gewijzigd_op"])
    _vastleggen(
        current,
        omschrijving="Onderdelen van de brede intake bijgewerkt: "
        + ", ".join(o.soort.naam for o in changed),
        acting_user=acting_user,
        actie_naam="Onderdelen van de brede intake gewijzigd",
    )
    return changed


@transaction.atomic
def werkervaring_toevoegen(
    *, intake: BredeIntake, data: dict[str, Any], acting_user: User
) -> Werkervaring:
    current = _locked(intake)
    werkervaring = Werkervaring(intake=current, **data)
    werkervaring.full_clean(exclude=["intake"])
    werkervaring.save()
    _vastleggen(
        current,
        omschrijving=f"Werkervaring toegevoegd: {werkervaring.beroep}",
        acting_user=acting_user,
        actie_naam="Werkervaring toegevoegd",
    )
    return werkervaring


@transaction.atomic
def werkervaring_verwijderen(*, werkervaring: Werkervaring, acting_user: User) -> None:
    current = _locked(werkervaring.intake)
    werkervaring.delete()
    _vastleggen(
        current,
        omschrijving=f"Werkervaring verwijderd: {werkervaring.beroep}",
        acting_user=acting_user,
        actie_naam="Werkervaring verwijderd",
    )


@transaction.atomic
def gesprek_toevoegen(
    *, intake: BredeIntake, data: dict[str, Any], acting_user: User
) -> Gesprek:
    """Record a conversation of the intake. Its notes stay on the intake page; the
    timeline shows only what kind of conversation it was, when and with whom."""
    current = _locked(intake)
    gesprek = Gesprek(intake=current, vastgelegd_door=acting_user, **data)
    gesprek.full_clean(exclude=["intake", "vastgelegd_door"])
    gesprek.save()
    omschrijving = (
        f"Gesprek vastgelegd: {gesprek.get_soort_display()} op "
        f"{datum_tekst(gesprek.datum)}"
    )
    if gesprek.deelnemers:
        omschrijving += " (met " + ", ".join(gesprek.deelnemers) + ")"
    _vastleggen(
        current,
        soort=GebeurtenisSoort.GESPREK,
        omschrijving=omschrijving,
        acting_user=acting_user,
        actie_naam="Gesprek vastgelegd",
    )
    return gesprek


@transaction.atomic
def intake_afronden(*, intake: BredeIntake, acting_user: User) -> BredeIntake:
    """Complete the intake: only when each statutory part (Wet art. 14 lid 3 [S]) is
    filled or says why it was not done. A dossier still in its intake phase reads
    "Intake afgerond" from now on; a later status is left alone (the PIP moves it)."""
    current = _locked(intake)
    missing = [p for p in current.wettelijke_onderdelen() if not p.is_klaar]
    if missing:
        raise ValidationError(
            "De brede intake kan nog niet worden afgerond. Nog niet ingevuld: "
            + "; ".join(f"{p.naam} ({p.toelichting})" for p in missing)
            + ".",
            code="onvolledig",
        )
    current.status = IntakeStatus.AFGEROND
    current.afgerond_op = timezone.localdate()
    current.afgerond_door = acting_user
    current.versie += 1
    current.save()
    advies = current.route_advies()
    _vastleggen(
        current,
        omschrijving=f"Brede intake afgerond (advies: {advies.route_label})",
        acting_user=acting_user,
        actie_naam="Brede intake afgerond",
        wijzigingen=_dossier_status_volgt(
            current.inburgeraar,
            van=(*STATUS_VOOR_INTAKE, Status.INTAKE_LOOPT),
            naar=Status.INTAKE_AFGEROND,
        ),
    )
    return current


@transaction.atomic
def intake_heropenen(*, intake: BredeIntake, acting_user: User) -> BredeIntake:
    """Open a completed intake again to correct it; it must be completed again."""
    current = (
        BredeIntake.objects.select_for_update()
        .select_related("inburgeraar")
        .get(pk=intake.pk)
    )
    if current.vervangen_op is not None:
        raise ValidationError(VERVANGEN, code="vervangen")
    if current.status != IntakeStatus.AFGEROND:
        raise ValidationError("De brede intake loopt nog.", code="loopt")
    current.status = IntakeStatus.LOOPT
    current.afgerond_op = None
    current.afgerond_door = None
    current.versie += 1
    current.save()
    _vastleggen(
        current,
        omschrijving="Brede intake heropend",
        acting_user=acting_user,
        actie_naam="Brede intake heropend",
        wijzigingen=_dossier_status_volgt(
            current.inburgeraar, van=(Status.INTAKE_AFGEROND,), naar=Status.INTAKE_LOOPT
        ),
    )
    return current
