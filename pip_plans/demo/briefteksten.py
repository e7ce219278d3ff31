"""The demo region's letter texts (issue 20 item 2), through the real service:
Westervoort has published its own uitnodiging for the brede intake (version 2,
after a voorbeeld), Duiven has a concept of the waarschuwing open. Zevenaar keeps
the standard texts. Only where a gemeente still has nothing but version 1, so a
second run changes nothing."""

# ruff: noqa: E501  (a paragraph is one line: the editor shows it as typed)

from datetime import date

from zevenaar_inburgering.accounts.models import Gemeente, Role, User

from ..models import BriefSoort, Brieftekst
from ..services.brieftekst import (
    concept_openen,
    concept_opslaan,
    publiceren,
    voorbeeld,
)

WESTERVOORT_SLOT = """## Wat neemt u mee?
- uw identiteitsbewijs of verblijfsdocument;
- diploma's en andere papieren over uw opleiding en werk, als u die heeft;
- deze brief.

## Waar is het?
Het gesprek is in {afspraak_plaats}. Bus 15 stopt voor de deur. Meld u bij de balie; wij halen u daar op.

## Een tolk
Spreekt u nog niet goed Nederlands? Dan regelen wij een tolk voor u. Dat kost u niets. Laat het ons wel vóór de afspraak weten.

## Kunt u niet komen?
Bel ons dan zo snel mogelijk: {telefoon}. Dan maken wij een nieuwe afspraak. U moet meewerken aan de brede intake: het is de eerste stap van uw inburgering.

## Vragen?
Neem contact op met het Team Inburgering van de gemeente {gemeente}, telefoon {telefoon}. Meer informatie staat op {website}."""

DUIVEN_INLEIDING = """Beste {naam},

U moet inburgeren. Daarbij heeft u verplichtingen uit de Wet inburgering 2021 en uw persoonlijk plan inburgering en participatie (PIP). Op {datum_overtreding} bent u een verplichting niet nagekomen. Met deze brief waarschuwen wij u."""


def _alleen_standaard(gemeente: Gemeente, soort: str) -> bool:
    return not Brieftekst.objects.filter(
        gemeente=gemeente, soort=soort, versie__gt=1
    ).exists()


def vul_briefteksten(vandaag: date, stdout) -> None:
    beheer = User.objects.filter(role=Role.FUNCTIONEEL_BEHEERDER).order_by("pk").first()
    gemeenten = {
        g.naam: g for g in Gemeente.objects.filter(naam__in=["Westervoort", "Duiven"])
    }
    if beheer is None or not gemeenten:
        return
    westervoort = gemeenten.get("Westervoort")
    soort = BriefSoort.UITNODIGING_INTAKE
    if westervoort and _alleen_standaard(westervoort, soort):
        concept = concept_openen(soort=soort, gemeente=westervoort, acting_user=beheer)
        concept = concept_opslaan(
            concept,
            inleiding=concept.inleiding,
            slot=WESTERVOORT_SLOT,
            toelichting="Routebeschrijving en ons eigen telefoonnummer erbij.",
            gewijzigd_op=concept.gewijzigd_op.isoformat(),
            acting_user=beheer,
        )
        voorbeeld(concept, vandaag=vandaag)
        concept.refresh_from_db()
        publiceren(
            concept, gewijzigd_op=concept.gewijzigd_op.isoformat(), acting_user=beheer
        )
        stdout.write("  Westervoort: eigen uitnodiging brede intake (versie 2)")
    duiven = gemeenten.get("Duiven")
    soort = BriefSoort.WAARSCHUWING
    if duiven and _alleen_standaard(duiven, soort):
        concept = concept_openen(soort=soort, gemeente=duiven, acting_user=beheer)
        concept_opslaan(
            concept,
            inleiding=DUIVEN_INLEIDING,
            slot=concept.slot,
            toelichting="De datum van de overtreding in de eerste alinea.",
            gewijzigd_op=concept.gewijzigd_op.isoformat(),
            acting_user=beheer,
        )
        stdout.write("  Duiven: concept van de waarschuwing (versie 2)")
