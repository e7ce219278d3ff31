"""Bezwaar against a PIP beschikking (Awb art. 6:4, 6 weeks: rules.bezwaar_deadline)
and the decision on it; a bezwaar (deels) gegrond starts a herziening of the PIP."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.verwerkingen import log

from ..models import Beschikking, Bezwaar, WijzigingReden
from .pip import _gebeurtenis, pip_wijziging_starten


@transaction.atomic
def bezwaar_registreren(
    *, beschikking: Beschikking, ontvangen_op: date, gronden: str, acting_user: User
) -> Bezwaar:
    if ontvangen_op < beschikking.dagtekening:
        raise ValidationError(
            {"ontvangen_op": "Een bezwaar komt na de beschikking binnen."}
        )
    bezwaar = Bezwaar.objects.create(
        beschikking=beschikking,
        ontvangen_op=ontvangen_op,
        gronden=gronden,
        geregistreerd_door=acting_user,
    )
    te_laat = "" if bezwaar.tijdig else " (na de bezwaartermijn)"
    _gebeurtenis(
        beschikking.inburgeraar,
        acting_user,
        f"Bezwaar ontvangen tegen beschikking {beschikking.kenmerk}{te_laat}",
    )
    log.log_dossiers_changed(
        [beschikking.inburgeraar],
        user=acting_user,
        actie_naam="Bezwaar geregistreerd",
        handeling="Bezwaar",
    )
    return bezwaar


@transaction.atomic
def bezwaar_beslissen(
    *,
    bezwaar: Bezwaar,
    besluit_datum: date,
    uitkomst: str,
    toelichting: str,
    acting_user: User,
) -> Bezwaar:
    """Record the decision on a bezwaar; (deels) gegrond starts a herziening."""
    bezwaar = (
        Bezwaar.objects.select_for_update()
        .select_related("beschikking__inburgeraar")
        .get(pk=bezwaar.pk)
    )
    if bezwaar.uitkomst:
        raise ValidationError("Op dit bezwaar is al beslist.")
    if besluit_datum < bezwaar.ontvangen_op:
        raise ValidationError({"besluit_datum": "De beslissing volgt op het bezwaar."})
    bezwaar.besluit_datum = besluit_datum
    bezwaar.uitkomst = uitkomst
    bezwaar.toelichting = toelichting
    inburgeraar = bezwaar.beschikking.inburgeraar
    if bezwaar.leidt_tot_herziening:
        bezwaar.herziening = pip_wijziging_starten(
            inburgeraar=inburgeraar,
            reden=WijzigingReden.HERZIENING_NA_BEZWAAR,
            toelichting=f"Bezwaar {bezwaar.get_uitkomst_display().lower()}: {toelichting}",
            acting_user=acting_user,
        )
    bezwaar.save()
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Beslissing op bezwaar: {bezwaar.get_uitkomst_display().lower()}",
    )
    log.log_dossiers_changed(
        [inburgeraar],
        user=acting_user,
        actie_naam="Beslissing op bezwaar",
        handeling="Bezwaar",
    )
    return bezwaar
