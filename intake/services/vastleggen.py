"""How every service of every app records a change to a dossier: one line on its
timeline and one verwerkingenlog row (SECURITY LG-01), in the caller's transaction."""

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
    gebeurtenis = Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=soort,
        gebruiker=gebruiker,
        omschrijving=omschrijving[:OMSCHRIJVING_MAX],
        **gebeurtenis_velden,
    )
    log.log_dossiers_changed(
        [inburgeraar], user=gebruiker, actie_naam=actie_naam, handeling=handeling
    )
    return gebeurtenis
