"""The fixed costs of ontzorgen (huur, energie, water, zorgverzekering and maatwerk)
and the payments RSD records for them, one per cost and month."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst
from zevenaar_inburgering.termijnen import maand_begin
from zevenaar_inburgering.validators import normalise_iban

from ..models import Betaling, Frequentie, Ontzorging, VasteLast, VasteLastSoort
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


@transaction.atomic
def betaling_vastleggen(
    *,
    vaste_last: VasteLast,
    maand: date,
    bedrag: Decimal,
    betaald_op: date,
    acting_user: User,
) -> tuple[Betaling, bool]:
    """What RSD paid for one fixed cost in one month. One row per cost and month:
    recording the same month again replaces it. Returns (betaling, vervangen)."""
    # Lock the cost: two recordings of the same month wait for each other.
    last = (
        VasteLast.objects.select_for_update(of=("self",))
        .select_related("ontzorging", "inburgeraar")
        .get(pk=vaste_last.pk)
    )
    maand = maand_begin(maand)
    fouten = betaling_fouten(
        maand=maand,
        bedrag=bedrag,
        betaald_op=betaald_op,
        startdatum=last.ontzorging.startdatum,
        einddatum=last.ontzorging.einddatum,
        vandaag=timezone.localdate(),
    )
    if fouten:
        raise ValidationError(fouten)
    betaling, nieuw = Betaling.objects.update_or_create(
        vaste_last=last,
        maand=maand,
        defaults={
            "inburgeraar": last.inburgeraar,
            "bedrag": bedrag,
            "betaald_op": betaald_op,
            "vastgelegd_door": acting_user,
        },
    )
    _vastleggen(
        last.inburgeraar,
        acting_user,
        f"Betaling {'vastgelegd' if nieuw else 'vervangen'}: {last} "
        f"{maand_tekst(maand)} {euro(bedrag)}, betaald op {datum_tekst(betaald_op)}",
    )
    return betaling, not nieuw
