"""The fixed costs of ontzorgen (huur, energie, water, zorgverzekering and maatwerk)
and the payments RSD records for them, one per cost and month."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.services import (
    Overschrijving,
    vervangen_bevestigd,
    wijzigingen_vastleggen,
)
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst
from zevenaar_inburgering.termijnen import maand_begin
from zevenaar_inburgering.validators import normalise_iban

from ..models import Betaling, Frequentie, Ontzorging, VasteLast, VasteLastSoort
from ..tijdlijn import GebeurtenisSoort
from .rules import betaling_fouten
from .services import _vastleggen, verouderd


def _last_vergrendelen(vaste_last: VasteLast, versie: int) -> VasteLast:
    current = (
        VasteLast.objects.select_for_update(of=("self",))
        .select_related("ontzorging", "inburgeraar")
        .get(pk=vaste_last.pk)
    )
    if current.versie != versie:
        raise verouderd("deze vaste last")
    return current


def _last_gegevens(data: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise the fields of a fixed cost; raise ValidationError."""
    gegevens = {naam: data.get(naam) for naam in VasteLast.INVOER_VELDEN}
    gegevens["omschrijving"] = (gegevens["omschrijving"] or "").strip()
    gegevens["begunstigde"] = (gegevens["begunstigde"] or "").strip()
    gegevens["frequentie"] = gegevens["frequentie"] or Frequentie.MAAND
    fouten = {}
    if gegevens["soort"] not in VasteLastSoort.values:
        fouten["soort"] = "Kies de soort vaste last."
    elif gegevens["soort"] == VasteLastSoort.OVERIG and not gegevens["omschrijving"]:
        fouten["omschrijving"] = (
            "Beschrijf de overige vaste last, bijvoorbeeld 'Internet'."
        )
    if gegevens["frequentie"] not in Frequentie.values:
        fouten["frequentie"] = "Kies hoe vaak er betaald wordt."
    if gegevens["iban"]:
        try:
            gegevens["iban"] = normalise_iban(gegevens["iban"])
        except ValidationError as error:
            fouten["iban"] = error.messages[0]
    else:
        gegevens["iban"] = ""
    if gegevens["bedrag"] is not None and gegevens["bedrag"] <= 0:
        fouten["bedrag"] = "Het bedrag moet groter zijn dan € 0,00."
    for naam in ("vanaf", "tot"):
        if gegevens[naam] is not None:
            gegevens[naam] = maand_begin(gegevens[naam])
    if gegevens["vanaf"] and gegevens["tot"] and gegevens["tot"] < gegevens["vanaf"]:
        fouten["tot"] = "De laatste betaling ligt vóór de eerste."
    if fouten:
        raise ValidationError(fouten)
    return gegevens


def _last_tekst(last: VasteLast) -> str:
    tekst = str(last)
    if last.bedrag is not None:
        tekst += f" {euro(last.bedrag)} {last.get_frequentie_display().lower()}"
    if last.begunstigde:
        tekst += f" aan {last.begunstigde}"
    return tekst


@transaction.atomic
def vaste_last_toevoegen(
    *, ontzorging: Ontzorging, data: dict[str, Any], acting_user: User
) -> VasteLast:
    """Another fixed cost for this client (maatwerk, DOMAIN.md §5)."""
    gegevens = _last_gegevens(data)
    last = VasteLast.objects.create(
        ontzorging=ontzorging, inburgeraar_id=ontzorging.inburgeraar_id, **gegevens
    )
    _vastleggen(
        ontzorging.inburgeraar,
        acting_user,
        f"Vaste last toegevoegd: {_last_tekst(last)}",
    )
    return last


@transaction.atomic
def vaste_last_wijzigen(
    *, vaste_last: VasteLast, versie: int, data: dict[str, Any], acting_user: User
) -> VasteLast:
    """Payee, IBAN, amount, frequency or months of a fixed cost."""
    current = _last_vergrendelen(vaste_last, versie)
    gegevens = _last_gegevens(data)
    for naam, waarde in gegevens.items():
        setattr(current, naam, waarde)
    current.versie += 1
    current.save()
    _vastleggen(
        current.inburgeraar,
        acting_user,
        f"Vaste last gewijzigd: {_last_tekst(current)}",
    )
    return current


@transaction.atomic
def vaste_last_verwijderen(
    *, vaste_last: VasteLast, versie: int, acting_user: User
) -> None:
    """Remove a fixed cost that is not paid for this client (e.g. water in the rent).
    One with payments stays: set its last month instead."""
    current = _last_vergrendelen(vaste_last, versie)
    if current.betalingen.exists():
        raise ValidationError(
            "Voor deze vaste last zijn betalingen vastgelegd; die blijven bewaard. "
            "Vul in plaats daarvan de laatste betaling in."
        )
    tekst = str(current)
    current.delete()
    _vastleggen(current.inburgeraar, acting_user, f"Vaste last verwijderd: {tekst}")


def _betaling_tekst(bedrag: Decimal, betaald_op: date) -> str:
    return f"{euro(bedrag)}, betaald op {datum_tekst(betaald_op)}"


@transaction.atomic
def betalingen_vastleggen(
    *,
    ontzorging: Ontzorging,
    maand: date,
    betaald_op: date,
    bedragen: dict[VasteLast, Decimal],
    bevestigd,
    acting_user: User,
) -> list[tuple[Betaling, bool]]:
    """What RSD paid in one month for several fixed costs of `ontzorging` at once
    (`bedragen`: vaste last -> amount), all paid on `betaald_op`. All or nothing:
    an error in any row writes nothing.

    One row per cost and month: a recorded payment with another amount or date is
    replaced only when its key (the vaste last's id) is in `bevestigd`; otherwise
    BevestigingNodig says what would change. One line on the timeline for the
    month, one verwerkingenlog row per payment. Errors are keyed "bedrag_<id>" for
    the form's rows (or "maand", "betaald_op"). Returns (betaling, vervangen) per
    row."""
    if not bedragen:
        raise ValidationError(
            "Vul voor ten minste één vaste last het betaalde bedrag in."
        )
    # Lock the costs: two recordings of the same month wait for each other.
    lasten = {
        last.pk: last
        for last in VasteLast.objects.select_for_update(of=("self",)).filter(
            ontzorging=ontzorging, pk__in=[last.pk for last in bedragen]
        )
    }
    if len(lasten) != len(bedragen):
        raise ValidationError("Een van de vaste lasten hoort niet bij dit ontzorgen.")
    maand = maand_begin(maand)
    fouten = {}
    for last, bedrag in bedragen.items():
        for veld, fout in betaling_fouten(
            maand=maand,
            bedrag=bedrag,
            betaald_op=betaald_op,
            startdatum=ontzorging.startdatum,
            einddatum=ontzorging.einddatum,
            vandaag=timezone.localdate(),
        ).items():
            fouten[f"bedrag_{last.pk}" if veld == "bedrag" else veld] = fout
    if fouten:
        raise ValidationError(fouten)
    rijen = [(lasten[last.pk], bedrag) for last, bedrag in bedragen.items()]
    bestaand = {
        b.vaste_last_id: b
        for b in Betaling.objects.filter(vaste_last__in=list(lasten), maand=maand)
    }
    vervangen_bevestigd(
        [
            Overschrijving(
                sleutel=str(last.pk),
                wat=str(last),
                oud=_betaling_tekst(oud.bedrag, oud.betaald_op),
                nieuw=_betaling_tekst(bedrag, betaald_op),
            )
            for last, bedrag in rijen
            if (oud := bestaand.get(last.pk))
            and (oud.bedrag, oud.betaald_op) != (bedrag, betaald_op)
        ],
        bevestigd,
    )
    betalingen = Betaling.objects.bulk_create(
        [
            Betaling(
                vaste_last=last,
                inburgeraar_id=ontzorging.inburgeraar_id,
                maand=maand,
                bedrag=bedrag,
                betaald_op=betaald_op,
                vastgelegd_door=acting_user,
            )
            for last, bedrag in rijen
        ],
        update_conflicts=True,
        unique_fields=["vaste_last", "maand"],
        update_fields=["bedrag", "betaald_op", "vastgelegd_door", "vastgelegd_op"],
    )
    wijzigingen_vastleggen(
        ontzorging.inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.ONTZORGEN,
        omschrijving=f"Betalingen {maand_tekst(maand)}, betaald op "
        f"{datum_tekst(betaald_op)}: "
        + "; ".join(
            f"{last} {euro(bedrag)}" + (" (vervangen)" if last.pk in bestaand else "")
            for last, bedrag in rijen
        ),
        # The kind of cost, not its description or payee (verwerkingenlog).
        actie_namen=[
            f"Betaling {'vervangen' if last.pk in bestaand else 'vastgelegd'} "
            f"({last.get_soort_display()}, {maand_tekst(maand)})"
            for last, _ in rijen
        ],
        handeling="Financieel ontzorgen",
    )
    return [
        (betaling, last.pk in bestaand)
        for betaling, (last, _) in zip(betalingen, rijen, strict=True)
    ]
