"""The pure rules of financieel ontzorgen (Pw art. 56a [S], DOMAIN.md §5): no ORM, no
clock; the caller passes `vandaag`."""

from datetime import date
from decimal import Decimal

from django.db import models

from intake.models import DoelgroepCategorie, Inburgeraar
from zevenaar_inburgering.nl import datum_tekst, maand_tekst
from zevenaar_inburgering.termijnen import maand_begin, maanden_verschil, periode_einde

from ..models import CursusStatus, Frequentie, Ontzorging


def ontzorgen_mogelijk(inburgeraar: Inburgeraar) -> bool:
    """Pw art. 56a [S]: asielstatushouders with a right to bijstand."""
    return (
        inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL
        and inburgeraar.bijstand
    )


# How many months lie between two payments of each frequency.
STAP_MAANDEN = {Frequentie.MAAND: 1, Frequentie.KWARTAAL: 3, Frequentie.JAAR: 12}


class OntzorgenFase(models.TextChoices):
    NOG_NIET_GESTART = "nog_niet_gestart", "Nog niet gestart"
    ACTIEF = "actief", "Actief"
    VERLENGD = "verlengd", "Verlengd"
    BEEINDIGD = "beeindigd", "Beëindigd"


def regulier_einde(startdatum: date, duur_maanden: int) -> date:
    """The last day of the regular period: `duur_maanden` from the date the right to
    bijstand starts (Pw art. 56a [S]), by the month-end rule (DOMAIN §13.1): 1 April
    and 6 months end on 30 September, 31 August on the last day of February."""
    return periode_einde(startdatum, maanden=duur_maanden)


def ontzorgen_einde(
    startdatum: date,
    duur_maanden: int,
    bijstand_einde: date | None = None,
    verlengd_tot: date | None = None,
) -> date:
    """The last day of ontzorgen, the one value stored as Ontzorging.einddatum.

    The regular end (`regulier_einde`), or a later `verlengd_tot` (maatwerk, DOMAIN.md
    §5), but never after the bijstand ends: ontzorgen is carried out through the
    bijstand (Pw art. 56a [S])."""
    einde = regulier_einde(startdatum, duur_maanden)
    if verlengd_tot is not None and verlengd_tot > einde:
        einde = verlengd_tot
    if bijstand_einde is not None and bijstand_einde < einde:
        einde = bijstand_einde
    return einde


def ontzorgen_fase(
    *, startdatum: date, einddatum: date, regulier_einde: date, vandaag: date
) -> OntzorgenFase:
    """Where the period stands today. "Verlengd": running past its regular end."""
    if vandaag < startdatum:
        return OntzorgenFase.NOG_NIET_GESTART
    if vandaag > einddatum:
        return OntzorgenFase.BEEINDIGD
    if vandaag > regulier_einde:
        return OntzorgenFase.VERLENGD
    return OntzorgenFase.ACTIEF


def periode_fouten(
    *,
    startdatum: date,
    duur_maanden: int,
    bijstand_einde: date | None,
    verlengd_tot: date | None,
    verlenging_reden: str,
) -> dict[str, str]:
    """What is wrong with a period (empty: nothing). A longer period is maatwerk: only
    with a reason and after the regular end (DOMAIN.md §5)."""
    fouten = {}
    regulier = regulier_einde(startdatum, duur_maanden)
    if bijstand_einde is not None and bijstand_einde < startdatum:
        fouten["bijstand_einde"] = (
            "De bijstand kan niet eindigen vóór de start van het ontzorgen "
            f"({datum_tekst(startdatum)})."
        )
    if verlengd_tot is not None:
        if verlengd_tot <= regulier:
            fouten["verlengd_tot"] = (
                "Een verlenging ligt na het gewone einde van het ontzorgen "
                f"({datum_tekst(regulier)})."
            )
        if not verlenging_reden.strip():
            fouten["verlenging_reden"] = (
                "Een verlenging is maatwerk: schrijf op waarom het ontzorgen langer duurt."
            )
    elif verlenging_reden.strip():
        fouten["verlengd_tot"] = (
            "Vul in tot wanneer het ontzorgen is verlengd, of maak de reden leeg."
        )
    return fouten


def cursus_fouten(
    *, status: str, start: date | None, afgerond_op: date | None, vandaag: date
) -> dict[str, str]:
    """The course "omgaan met geld": dates that fit its status."""
    fouten = {}
    if status == CursusStatus.NIET_GEPLAND:
        if start or afgerond_op:
            fouten["cursus_status"] = (
                "De cursus heeft een datum: kies 'Gepland', 'Gevolgd' of 'Afgerond'."
            )
        return fouten
    if start is None:
        fouten["cursus_start"] = "Vul de startdatum van de cursus in."
    elif status in (CursusStatus.GEVOLGD, CursusStatus.AFGEROND) and start > vandaag:
        fouten["cursus_start"] = (
            "De cursus is nog niet begonnen: kies 'Gepland' of pas de datum aan."
        )
    if status == CursusStatus.AFGEROND:
        if afgerond_op is None:
            fouten["cursus_afgerond_op"] = "Vul in wanneer de cursus is afgerond."
        elif afgerond_op > vandaag:
            fouten["cursus_afgerond_op"] = "De afrondingsdatum ligt in de toekomst."
        elif start is not None and afgerond_op < start:
            fouten["cursus_afgerond_op"] = (
                "De cursus kan niet zijn afgerond vóór de start."
            )
    elif afgerond_op is not None:
        fouten["cursus_afgerond_op"] = (
            "Een afrondingsdatum hoort bij de status 'Afgerond'."
        )
    return fouten


def betaling_fouten(
    *,
    maand: date,
    bedrag: Decimal | None,
    betaald_op: date | None,
    startdatum: date,
    einddatum: date,
    vandaag: date,
) -> dict[str, str]:
    """A payment RSD records: a month of the period, a positive amount, not paid on a
    day that has not come yet."""
    fouten = {}
    if not (maand_begin(startdatum) <= maand <= maand_begin(einddatum)):
        fouten["maand"] = (
            f"{maand_tekst(maand).capitalize()} valt buiten de periode van het "
            f"ontzorgen ({maand_tekst(startdatum)} tot en met {maand_tekst(einddatum)})."
        )
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = "Het bedrag moet groter zijn dan € 0,00."
    if betaald_op is not None and betaald_op > vandaag:
        fouten["betaald_op"] = "De betaaldatum ligt in de toekomst."
    return fouten


def is_verschuldigd(
    *, frequentie: str, maand: date, eerste_maand: date, laatste_maand: date
) -> bool:
    """Is a payment due in `maand`? Monthly: every month; kwartaal: every third month
    from the first month; jaar: once a year from the first month (once in a regular
    period). Nothing before the first or after the last month."""
    if maand < eerste_maand or maand > laatste_maand:
        return False
    stap = STAP_MAANDEN[Frequentie(frequentie)]
    return maanden_verschil(eerste_maand, maand) % stap == 0


def fase_van(ontzorging: Ontzorging, vandaag: date) -> OntzorgenFase:
    """The phase of a stored period (for pages and the werkvoorraad)."""
    return ontzorgen_fase(
        startdatum=ontzorging.startdatum,
        einddatum=ontzorging.einddatum,
        regulier_einde=regulier_einde(ontzorging.startdatum, ontzorging.duur_maanden),
        vandaag=vandaag,
    )
