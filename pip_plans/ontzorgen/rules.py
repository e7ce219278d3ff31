"""The pure rules of financieel ontzorgen (Pw art. 56a [S], DOMAIN.md §5): no ORM, no
clock; the caller passes `vandaag`."""

from datetime import date
from decimal import Decimal

from django.db import models

from intake.models import Inburgeraar, Verblijfsvergunning
from zevenaar_inburgering.nl import datum_tekst, maand_tekst
from zevenaar_inburgering.termijnen import maand_begin, maanden_verschil, periode_einde

from ..models import AndereGrondslag, CursusStatus, Frequentie, Ontzorging


def ontzorgen_weigering(inburgeraar: Inburgeraar) -> str:
    """Why this dossier cannot get financieel ontzorgen ('' when it can).

    Pw art. 56a [S: Schulinck]: holders of an asylum residence permit, also a
    derived one (nareiziger), with a right to bijstand. A family member with a
    regular permit counts as asielstatushouder for the inburgering offer (the
    doelgroep category) but not here, so the rule asks the permit, not the
    doelgroep (DOMAIN.md §13.5)."""
    if not inburgeraar.heeft_asielvergunning:
        reden = (
            "Financieel ontzorgen (Participatiewet art. 56a) is alleen voor houders "
            "van een asielvergunning, ook een afgeleide asielvergunning (nareiziger). "
        )
        if inburgeraar.verblijfsvergunning == Verblijfsvergunning.REGULIER:
            return reden + (
                "Deze inburgeraar heeft een reguliere verblijfsvergunning: een "
                "gezinslid van een asielstatushouder telt wel als asielstatushouder "
                "voor de inburgering, maar niet voor het ontzorgen."
            )
        return reden + (
            "De verblijfsvergunning van deze inburgeraar is niet bekend: leg die "
            "eerst vast bij de gegevens van het dossier."
        )
    if not inburgeraar.bijstand:
        return (
            "Financieel ontzorgen (Participatiewet art. 56a) is alleen voor "
            "asielstatushouders met recht op bijstand; deze inburgeraar heeft geen "
            "bijstand."
        )
    return ""


def ontzorgen_mogelijk(inburgeraar: Inburgeraar) -> bool:
    """Pw art. 56a [S]: see ontzorgen_weigering()."""
    return not ontzorgen_weigering(inburgeraar)


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
    andere_grondslag: str = "",
) -> dict[str, str]:
    """What is wrong with a period (empty: nothing). Pw art. 56a covers the regular
    `duur_maanden` (six) only; a longer period is maatwerk on another basis (e.g.
    budgetbeheer, Pw art. 57) [S: Schulinck; DOMAIN.md §5, §13.5]: only after the
    regular end, with that basis and a reason."""
    fouten = {}
    regulier = regulier_einde(startdatum, duur_maanden)
    if bijstand_einde is not None and bijstand_einde < startdatum:
        fouten["bijstand_einde"] = (
            "De bijstand kan niet eindigen vóór de start van het ontzorgen "
            f"({datum_tekst(startdatum)})."
        )
    if andere_grondslag and andere_grondslag not in AndereGrondslag.values:
        fouten["andere_grondslag"] = "Kies een grondslag uit de lijst."
    if verlengd_tot is not None:
        if verlengd_tot <= regulier:
            fouten["verlengd_tot"] = (
                "Een verlenging ligt na het gewone einde van het ontzorgen "
                f"({datum_tekst(regulier)})."
            )
        if not andere_grondslag:
            fouten["andere_grondslag"] = (
                f"Participatiewet art. 56a geldt {duur_maanden} maanden, tot en met "
                f"{datum_tekst(regulier)}. Langer ontzorgen kan alleen op een andere "
                "grondslag: kies die, bijvoorbeeld budgetbeheer (Participatiewet "
                "art. 57)."
            )
        if not verlenging_reden.strip():
            fouten["verlenging_reden"] = (
                "Een verlenging is maatwerk: schrijf op waarom het ontzorgen langer duurt."
            )
    elif verlenging_reden.strip() or andere_grondslag:
        fouten["verlengd_tot"] = (
            "Vul in tot wanneer het ontzorgen is verlengd, of maak de reden en de "
            "andere grondslag leeg."
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
