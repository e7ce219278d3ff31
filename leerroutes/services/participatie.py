"""Participation activities (paid work, volunteering, an internship, education),
recorded by the casusregisseur or the RSD klantmanager."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from intake.models import (
    Inburgeraar,
)
from intake.services import wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    Participatieactiviteit,
)
from ..routestand import routestand_bijwerken
from ..rules.waarden import BETAALD_WERK
from ..tijdlijn import GebeurtenisSoort


@transaction.atomic
def activiteit_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Participatieactiviteit:
    if data.get("einde") and data["einde"] < data["start"]:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    if data["soort"] == BETAALD_WERK and data.get("uren_per_week") is None:
        raise ValidationError(
            {"uren_per_week": "Vul bij betaald werk de uren per week in."}
        )
    activiteit = Participatieactiviteit.objects.create(
        inburgeraar=inburgeraar, vastgelegd_door=acting_user, **data
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.PARTICIPATIE,
        omschrijving=f"{activiteit.get_soort_display()} bij {activiteit.organisatie} "
        f"vanaf {datum_tekst(activiteit.start)}",
        actie_naam="Participatie vastgelegd",
        handeling="Participatie",
    )
    routestand_bijwerken([inburgeraar.pk])
    return activiteit


@transaction.atomic
def activiteit_beeindigen(
    *, activiteit: Participatieactiviteit, einde: date, acting_user: User
) -> None:
    activiteit = Participatieactiviteit.objects.select_for_update().get(
        pk=activiteit.pk
    )
    if einde < activiteit.start:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    activiteit.einde = einde
    activiteit.save(update_fields=["einde"])
    wijziging_vastleggen(
        activiteit.inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.PARTICIPATIE,
        omschrijving=f"{activiteit} beëindigd per {datum_tekst(einde)}",
        actie_naam="Participatie beëindigd",
        handeling="Participatie",
    )
    routestand_bijwerken([activiteit.inburgeraar_id])
