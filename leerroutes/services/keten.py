"""The keten: referrals to ketenpartners and maatschappelijke begeleiding."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import (
    DoelgroepCategorie,
    Inburgeraar,
)
from intake.services import verouderd, wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    MaatschappelijkeBegeleiding,
    Verwijzing,
)
from ..tijdlijn import GebeurtenisSoort


@transaction.atomic
def verwijzing_aanmaken(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> Verwijzing:
    if data["verstuurd_op"] > timezone.localdate():
        raise ValidationError({"verstuurd_op": "De datum ligt in de toekomst."})
    verwijzing = Verwijzing.objects.create(
        inburgeraar=inburgeraar,
        status_op=data["verstuurd_op"],
        aangemaakt_door=acting_user,
        **data,
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.KETEN,
        omschrijving=f"Verwezen naar {verwijzing.ketenpartner}",
        actie_naam="Verwijzing aangemaakt",
        handeling="Verwijzing",
    )
    return verwijzing


@transaction.atomic
def verwijzing_bijwerken(
    *,
    verwijzing: Verwijzing,
    status: str,
    terugkoppeling: str,
    versie: int,
    acting_user: User,
) -> Verwijzing:
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if verwijzing.versie != versie:
        raise verouderd("deze verwijzing")
    if status != verwijzing.status:
        verwijzing.status_op = timezone.localdate()
    verwijzing.status = status
    verwijzing.terugkoppeling = terugkoppeling
    verwijzing.versie += 1
    verwijzing.save()
    wijziging_vastleggen(
        verwijzing.inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.KETEN,
        omschrijving=f"Verwijzing naar {verwijzing.ketenpartner}: "
        f"{verwijzing.get_status_display().lower()}",
        actie_naam="Verwijzing bijgewerkt",
        handeling="Verwijzing",
    )
    return verwijzing


@transaction.atomic
def begeleiding_vastleggen(
    *, inburgeraar: Inburgeraar, data: dict, acting_user: User
) -> MaatschappelijkeBegeleiding:
    """Maatschappelijke begeleiding is for asielstatushouders (DOMAIN.md §6)."""
    if inburgeraar.doelgroep_categorie != DoelgroepCategorie.ASIEL:
        raise ValidationError(
            "Maatschappelijke begeleiding is er voor asielstatushouders."
        )
    if data.get("einde") and data["einde"] < data["start"]:
        raise ValidationError({"einde": "Het einde ligt voor de start."})
    begeleiding = MaatschappelijkeBegeleiding.objects.create(
        inburgeraar=inburgeraar, vastgelegd_door=acting_user, **data
    )
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=acting_user,
        soort=GebeurtenisSoort.KETEN,
        omschrijving=f"Maatschappelijke begeleiding door {begeleiding.organisatie} "
        f"vanaf {datum_tekst(begeleiding.start)}",
        actie_naam="Begeleiding vastgelegd",
        handeling="Begeleiding",
    )
    return begeleiding
