"""Every write to a signal by a person (the sweep writes the rest)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from monitoring.digest import kiesbare_soorten
from monitoring.models import Signaal, SignaalSoort, SignaalVoorkeur
from zevenaar_inburgering.verwerkingen import log

# [U] a signal can be put aside for at most this many days at a time.
SNOOZE_MAX_DAGEN = 90


@transaction.atomic
def signaal_snoozen(*, signaal: Signaal, tot: date, reden: str, acting_user) -> Signaal:
    """Put an open signal aside until `tot` (it is back on the "te doen" list on
    that day), with a reason. The view fetched `signaal` through visible_to()."""
    vandaag = timezone.localdate()
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    errors: dict[str, str] = {}
    if not signaal.is_open:
        raise ValidationError("Dit signaal is al opgelost.")
    if not reden.strip():
        errors["reden"] = "Vul in waarom u dit signaal uitstelt."
    if tot <= vandaag:
        errors["tot"] = "Kies een datum na vandaag."
    elif (tot - vandaag).days > SNOOZE_MAX_DAGEN:
        errors["tot"] = (
            f"U kunt een signaal hoogstens {SNOOZE_MAX_DAGEN} dagen uitstellen."
        )
    if errors:
        raise ValidationError(errors)
    signaal.gesnoozed_tot = tot
    signaal.snooze_reden = reden.strip()
    signaal.save(update_fields=["gesnoozed_tot", "snooze_reden"])
    _log_signaal_gewijzigd(signaal, acting_user, "Signaal uitgesteld")
    return signaal


def _log_signaal_gewijzigd(signaal: Signaal, acting_user, actie_naam: str) -> None:
    """A signal is part of the dossier (its reason text may say why about the
    person): a change by a person is a verwerking of that dossier (LG-01)."""
    log.log_dossiers_changed(
        [signaal.inburgeraar],
        user=acting_user,
        actie_naam=actie_naam,
        handeling="Signalering",
    )


@transaction.atomic
def signaal_snooze_opheffen(*, signaal: Signaal, acting_user) -> Signaal:
    """Bring a snoozed signal back on the "te doen" list at once."""
    Signaal.objects.filter(pk=signaal.pk).update(gesnoozed_tot=None, snooze_reden="")
    signaal.refresh_from_db()
    _log_signaal_gewijzigd(signaal, acting_user, "Uitstel van signaal opgeheven")
    return signaal


@transaction.atomic
def signaalvoorkeur_opslaan(
    *, user, soorten: list[str], acting_user
) -> SignaalVoorkeur:
    """Save which kinds `user` wants in the daily e-mail (none is allowed: then no
    e-mail). Only the kinds their role may see (an RSD klantmanager: RSD_SOORTEN)."""
    kiesbaar = kiesbare_soorten(user)
    onbekend = sorted(set(soorten) - set(kiesbaar))
    if onbekend:
        raise ValidationError(
            {"soorten": f"Deze signalen kunt u niet kiezen: {', '.join(onbekend)}."}
        )
    # Stored in the order of SignaalSoort, without duplicates.
    gekozen = [s for s in SignaalSoort.values if s in set(soorten)]
    voorkeur, _ = SignaalVoorkeur.objects.update_or_create(
        user=user, defaults={"digest_soorten": gekozen}
    )
    return voorkeur
