"""The keten: referrals to ketenpartners and maatschappelijke begeleiding."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import (
    DoelgroepCategorie,
    Inburgeraar,
)
from intake.services import verouderd
from zevenaar_inburgering.accounts.models import User

from ..models import (
    MaatschappelijkeBegeleiding,
    Verwijzing,
)
from ..tijdlijn import GebeurtenisSoort
from .traject import _gebeurtenis, _gewijzigd


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
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Verwezen naar {verwijzing.ketenpartner}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(inburgeraar, acting_user, "Verwijzing aangemaakt", "Verwijzing")
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
    _gebeurtenis(
        verwijzing.inburgeraar,
        acting_user,
        f"Verwijzing naar {verwijzing.ketenpartner}: {verwijzing.get_status_display().lower()}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(
        verwijzing.inburgeraar, acting_user, "Verwijzing bijgewerkt", "Verwijzing"
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
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"Maatschappelijke begeleiding door {begeleiding.organisatie} "
        f"vanaf {begeleiding.start:%d-%m-%Y}",
        soort=GebeurtenisSoort.KETEN,
    )
    _gewijzigd(inburgeraar, acting_user, "Begeleiding vastgelegd", "Begeleiding")
    return begeleiding
