"""How every service of every app records a change to a dossier: one line on its
timeline and one verwerkingenlog row (SECURITY LG-01), in the caller's transaction.

A batch (a month of hours for every onderdeel, a month's payments for every vaste
last) is one line on the timeline, so the casusregisseur's timeline does not flood,
and still one verwerkingenlog row per change. A batch that would replace what is
already recorded asks first (BevestigingNodig)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.verwerkingen import log

from ..models import Gebeurtenis, Inburgeraar

OMSCHRIJVING_MAX = Gebeurtenis._meta.get_field("omschrijving").max_length


def wijziging_vastleggen(
    inburgeraar: Inburgeraar,
    *,
    gebruiker: User,
    soort: str,
    omschrijving: str,
    actie_naam: str,
    handeling: str,
    **gebeurtenis_velden,
) -> Gebeurtenis:
    """`soort` is a timeline kind of the calling app; `actie_naam` and `handeling` name
    the change in the verwerkingenlog (no amounts, payees or health data there);
    `gebeurtenis_velden` fills the timeline line's links (notitie, wijzigingen, …)."""
    return wijzigingen_vastleggen(
        inburgeraar,
        gebruiker=gebruiker,
        soort=soort,
        omschrijving=omschrijving,
        actie_namen=[actie_naam],
        handeling=handeling,
        **gebeurtenis_velden,
    )


def wijzigingen_vastleggen(
    inburgeraar: Inburgeraar,
    *,
    gebruiker: User,
    soort: str,
    omschrijving: str,
    actie_namen: list[str],
    handeling: str,
    **gebeurtenis_velden,
) -> Gebeurtenis:
    """A batch of changes: one timeline line, one verwerkingenlog row per change
    (`actie_namen`, one name each)."""
    gebeurtenis = Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=soort,
        gebruiker=gebruiker,
        omschrijving=omschrijving[:OMSCHRIJVING_MAX],
        **gebeurtenis_velden,
    )
    log.log_dossier_changes(
        inburgeraar, user=gebruiker, actie_namen=actie_namen, handeling=handeling
    )
    return gebeurtenis


@dataclass(frozen=True)
class Overschrijving:
    """One recorded row a batch would replace: what it is, the old and the new value
    as the user reads them. `sleutel` is what the confirmation posts back."""

    sleutel: str
    wat: str
    oud: str
    nieuw: str


class BevestigingNodig(ValidationError):
    """The batch would replace recorded rows the user has not confirmed; nothing was
    written. The form shows old against new and asks to confirm."""

    def __init__(self, overschrijvingen: list[Overschrijving]):
        super().__init__(
            "Deze maand is al (deels) vastgelegd. Vergelijk de oude en de nieuwe "
            "waarden en bevestig dat u ze wilt vervangen; er is nog niets gewijzigd.",
            code="bevestigen",
        )
        self.overschrijvingen = overschrijvingen


class _AllesVervangen:
    """For callers without a person to ask (demo, scripts): every row may be
    replaced."""

    def __contains__(self, sleutel) -> bool:
        return True


ALLES_VERVANGEN = _AllesVervangen()


def vervangen_bevestigd(overschrijvingen: list[Overschrijving], bevestigd) -> None:
    """Raise BevestigingNodig unless every one of `overschrijvingen` is in
    `bevestigd` (the keys the user confirmed, or ALLES_VERVANGEN). The keys name the
    rows, so a confirmation never covers a row the user was not shown."""
    if any(o.sleutel not in bevestigd for o in overschrijvingen):
        raise BevestigingNodig(overschrijvingen)
