"""Every write to a Ketenoverleg (Doel 4: the keten meets at least twice a year).

A meeting holds no personal data of inburgeraars, so nothing goes to the
verwerkingenlog; the application log records that a meeting was saved, without its
texts."""

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.services import verouderd
from leerroutes.models import Organisatie, OrganisatieSoort
from monitoring.models import Ketenoverleg
from zevenaar_inburgering.accounts.models import Gemeente, User

logger = logging.getLogger(__name__)

# The organisations that take part in the keten's meetings. Werkgevers are partners
# of single trajecten (werkervaring, participatie), not of the keten itself.
KETENPARTNER_SOORTEN = frozenset(OrganisatieSoort.values) - {OrganisatieSoort.WERKGEVER}


def ketenpartners():
    """The organisations a new meeting can have present: active, of a keten kind."""
    return Organisatie.objects.filter(actief=True, soort__in=KETENPARTNER_SOORTEN)


def controleer_datum(datum: date) -> None:
    """A meeting is recorded after it took place: never a date in the future."""
    if datum > timezone.localdate():
        raise ValidationError(
            "De datum ligt in de toekomst. Leg een overleg vast nadat het is gehouden.",
            code="toekomst",
        )


def _controleer(
    *,
    datum: date,
    onderwerp: str,
    gemeenten: list[Gemeente],
    partners: list[Organisatie],
    acting_user: User,
    huidige_partners: Iterable[int] = (),
) -> None:
    """The rules a user can fix, as one ValidationError per field."""
    errors: dict[str, list[str]] = {}
    try:
        controleer_datum(datum)
    except ValidationError as error:
        errors["datum"] = error.messages
    if not onderwerp.strip():
        errors["onderwerp"] = ["Vul het onderwerp van het overleg in."]
    eigen = set(acting_user.gemeenten.values_list("pk", flat=True))
    if not gemeenten:
        errors["gemeenten"] = ["Kies minstens één gemeente die aan tafel zat."]
    elif any(g.pk not in eigen for g in gemeenten):
        errors["gemeenten"] = ["U kunt alleen uw eigen gemeenten kiezen."]
    toegestaan = set(ketenpartners().values_list("pk", flat=True))
    toegestaan |= set(huidige_partners)
    if not partners:
        errors["partners"] = ["Kies minstens één ketenpartner die aanwezig was."]
    elif any(p.pk not in toegestaan for p in partners):
        errors["partners"] = ["Kies alleen actieve ketenpartners uit de lijst."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ketenoverleg_vastleggen(
    *,
    datum: date,
    onderwerp: str,
    gemeenten: list[Gemeente],
    partners: list[Organisatie],
    afspraken: str,
    acting_user: User,
) -> Ketenoverleg:
    """Record a meeting of the keten that took place, for the acting user's
    gemeenten that were present."""
    gemeenten, partners = list(gemeenten), list(partners)
    _controleer(
        datum=datum,
        onderwerp=onderwerp,
        gemeenten=gemeenten,
        partners=partners,
        acting_user=acting_user,
    )
    overleg = Ketenoverleg.objects.create(
        datum=datum,
        onderwerp=onderwerp.strip(),
        afspraken=afspraken.strip(),
        vastgelegd_door=acting_user,
    )
    overleg.gemeenten.set(gemeenten)
    overleg.partners.set(partners)
    logger.info(
        "Ketenoverleg %s vastgelegd (datum %s, %d gemeenten, %d partners) "
        "door gebruiker %s",
        overleg.pk,
        overleg.datum.isoformat(),
        len(gemeenten),
        len(partners),
        acting_user.pk,
    )
    return overleg


@transaction.atomic
def ketenoverleg_wijzigen(
    *,
    ketenoverleg: Ketenoverleg,
    versie: int,
    datum: date,
    onderwerp: str,
    gemeenten: list[Gemeente],
    partners: list[Organisatie],
    afspraken: str,
    acting_user: User,
) -> Ketenoverleg:
    """Save the edit form of a meeting the view fetched through visible_to(), unless
    somebody else saved it since `versie` (then nothing changes).

    `gemeenten` are the acting user's own gemeenten that were present; the other
    gemeenten of the meeting are not theirs to change and stay as they are."""
    gemeenten, partners = list(gemeenten), list(partners)
    # Locked without the scope's DISTINCT (PostgreSQL refuses FOR UPDATE with it).
    current = Ketenoverleg.objects.select_for_update().get(pk=ketenoverleg.pk)
    if current.versie != versie:
        raise verouderd("dit ketenoverleg")
    _controleer(
        datum=datum,
        onderwerp=onderwerp,
        gemeenten=gemeenten,
        partners=partners,
        acting_user=acting_user,
        huidige_partners=current.partners.values_list("pk", flat=True),
    )
    andere = list(current.gemeenten.exclude(pk__in=acting_user.gemeenten.values("pk")))
    current.datum = datum
    current.onderwerp = onderwerp.strip()
    current.afspraken = afspraken.strip()
    current.versie += 1
    current.save()
    current.gemeenten.set(andere + gemeenten)
    current.partners.set(partners)
    logger.info(
        "Ketenoverleg %s gewijzigd naar versie %d door gebruiker %s",
        current.pk,
        current.versie,
        acting_user.pk,
    )
    return current
