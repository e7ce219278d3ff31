"""The pure rules of handhaving (DOMAIN.md §7): no ORM, no clock. The caller passes
the date and the dated parameters; each rule names its legal source."""

from datetime import date
from decimal import Decimal

from intake.models import DoelgroepCategorie
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.termijnen import wettelijke_termijn_einde

from ..models import BesluitSoort, Overtreding, Verwijtbaarheid

# Awb art. 5:41: no fine when the overtreding cannot be blamed on the person.
VERWIJTBAAR = (Verwijtbaarheid.VOLLEDIG, Verwijtbaarheid.VERMINDERD)

# The dated parameter that switches fines on (1) or off (0) per doelgroep.
BOETE_PARAMETER = {
    DoelgroepCategorie.ASIEL: "boete_asiel_toegestaan",
    DoelgroepCategorie.GEZIN_OVERIG: "boete_gezin_overig_toegestaan",
}


def rapport_vereist(bedrag: Decimal | None, grens: Decimal) -> bool:
    """Awb art. 5:53 lid 1: a fine above the limit (€ 340, the dated parameter
    `boete_rapport_grens`) needs a rapport and a zienswijze first; exactly the limit
    does not."""
    return bedrag is not None and bedrag > grens


def zienswijze_termijn(rapport_op: date, weken: int) -> date:
    """The default last day for the zienswijze: `weken` (2, local policy [U]) after
    the rapport (Awb art. 5:53 lid 2 gives the chance, not the length). The term is
    the college's, not the law's, so the Algemene termijnenwet does not bind it; it
    is applied all the same, so that the inburgeraar never loses a day to a weekend
    or feestdag (the reading that protects the person heard, DOMAIN §13.2)."""
    return wettelijke_termijn_einde(rapport_op, weken=weken)


def beslistermijn(rapport_op: date, weken: int) -> date:
    """Awb art. 5:51 lid 1: decide within 13 weeks after the dagtekening of the
    rapport (the dated parameter `boete_beslistermijn_weken`), a statutory term
    extended by the Algemene termijnenwet (DOMAIN §13.2)."""
    return wettelijke_termijn_einde(rapport_op, weken=weken)


def beslistermijn_verstreken(termijn: date | None, vandaag: date) -> bool:
    return termijn is not None and vandaag > termijn


def zienswijze_afgewacht(
    *, zienswijze_tot: date | None, zienswijze_ontvangen_op: date | None, op: date
) -> bool:
    """After a rapport, decide (on day `op`) only once the zienswijze had come in or
    its term had passed (Awb art. 5:53 lid 2)."""
    if zienswijze_ontvangen_op is not None and zienswijze_ontvangen_op <= op:
        return True
    return zienswijze_tot is not None and op > zienswijze_tot


def boete_toegestaan(
    doelgroep_categorie: str, *, asiel: bool, gezin_overig: bool
) -> bool:
    """Whether the college may fine this doelgroep: configuration, because the law is
    moving (HvJ EU 4 February 2025, RvS 9 July 2025; DOMAIN.md §7.2, rule 10)."""
    if doelgroep_categorie == DoelgroepCategorie.ASIEL:
        return asiel
    return gezin_overig


def boete_uitgeschakeld_tekst(doelgroep_label: str) -> str:
    return (
        f"Boetes zijn uitgeschakeld voor {doelgroep_label.lower()}: het college legt "
        "deze doelgroep nu geen bestuurlijke boete op (instelling van functioneel "
        "beheer, in verband met de rechtspraak). Afzien van een boete kan wel."
    )


def in_samenloop(
    datum_overtreding: date, datum_gedraging: date, venster_dagen: int
) -> bool:
    """DOMAIN.md §7.3: one act may breach both laws. A maatregel whose gedraging lies
    within `venster_dagen` (local policy [U]) of the overtreding counts as samenloop."""
    return abs((datum_overtreding - datum_gedraging).days) <= venster_dagen


def zaak_fouten(
    *, overtreding: str, datum_overtreding: date | None, feiten: str, vandaag: date
) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if overtreding not in Overtreding.values:
        fouten["overtreding"] = "Kies de overtreding."
    if datum_overtreding is None:
        fouten["datum_overtreding"] = "Vul de datum van de overtreding in."
    elif datum_overtreding > vandaag:
        fouten["datum_overtreding"] = "De datum van de overtreding ligt in de toekomst."
    if not feiten.strip():
        fouten["feiten"] = "Beschrijf de feiten en omstandigheden."
    return fouten


def rapport_fouten(
    *,
    voorgenomen_bedrag: Decimal | None,
    rapport_op: date | None,
    rapport: str,
    zienswijze_tot: date | None,
    datum_overtreding: date,
    maximum: Decimal,
    vandaag: date,
) -> dict[str, str]:
    """Awb art. 5:48 and 5:53: the rapport names the overtreding and the intended
    fine; the person gets a term to respond."""
    fouten: dict[str, str] = {}
    if voorgenomen_bedrag is None or voorgenomen_bedrag <= 0:
        fouten["voorgenomen_bedrag"] = "Vul het bedrag van de voorgenomen boete in."
    elif voorgenomen_bedrag > maximum:
        fouten["voorgenomen_bedrag"] = (
            f"De boete is ten hoogste {euro(maximum)} (Wet inburgering 2021)."
        )
    if rapport_op is None:
        fouten["rapport_op"] = "Vul de datum van het rapport in."
    elif rapport_op > vandaag:
        fouten["rapport_op"] = "De datum van het rapport ligt in de toekomst."
    elif rapport_op < datum_overtreding:
        fouten["rapport_op"] = "Het rapport volgt op de overtreding."
    if not rapport.strip():
        fouten["rapport"] = (
            "Schrijf het rapport: de overtreding, de feiten en het bewijs."
        )
    if (
        zienswijze_tot is not None
        and rapport_op is not None
        and zienswijze_tot <= rapport_op
    ):
        fouten["zienswijze_tot"] = (
            "De zienswijzetermijn eindigt na de datum van het rapport."
        )
    return fouten


def zienswijze_fouten(
    *,
    ontvangen: bool,
    ontvangen_op: date | None,
    zienswijze: str,
    rapport_op: date,
    zienswijze_tot: date,
    vandaag: date,
) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if ontvangen:
        if ontvangen_op is None:
            fouten["ontvangen_op"] = "Vul in wanneer de zienswijze binnenkwam."
        elif ontvangen_op > vandaag:
            fouten["ontvangen_op"] = "Deze datum ligt in de toekomst."
        elif ontvangen_op < rapport_op:
            fouten["ontvangen_op"] = "Een zienswijze komt na het rapport binnen."
        if not zienswijze.strip():
            fouten["zienswijze"] = "Schrijf op wat de inburgeraar naar voren bracht."
    elif vandaag <= zienswijze_tot:
        fouten["ontvangen"] = (
            "De zienswijzetermijn loopt nog tot en met "
            f"{datum_tekst(zienswijze_tot)}. Pas daarna legt u vast dat er geen "
            "zienswijze kwam."
        )
    return fouten


def besluit_fouten(
    *,
    besluit: str,
    besluit_op: date | None,
    vandaag: date,
    datum_overtreding: date,
    boetebedrag: Decimal | None,
    verwijtbaarheid: str,
    verwijtbaarheid_toelichting: str,
    afzien_reden: str,
    rapport_op: date | None,
    voorgenomen_bedrag: Decimal | None,
    zienswijze_tot: date | None,
    zienswijze_ontvangen_op: date | None,
    maximum: Decimal,
    rapport_grens: Decimal,
    toegestaan: bool,
    doelgroep_label: str,
) -> dict[str, str]:
    """What stops this besluit, per field (empty: nothing).

    Sources: Wet inburgering 2021 art. 22/23 and the dated maximum (€ 800) [S];
    Awb art. 5:41 (no fine without verwijtbaarheid); Awb art. 5:53 (above € 340 a
    rapport and a zienswijze first); DOMAIN.md §7.2 and rule 10 (fines per doelgroep
    switchable); rule 9.
    """
    fouten: dict[str, str] = {}
    if besluit not in BesluitSoort.values:
        return {"besluit": "Kies: boete opleggen of afzien van een boete."}
    if besluit_op is None:
        fouten["besluit_op"] = "Vul de datum van het besluit in."
    elif besluit_op > vandaag:
        fouten["besluit_op"] = "De datum van het besluit ligt in de toekomst."
    elif besluit_op < datum_overtreding or (rapport_op and besluit_op < rapport_op):
        fouten["besluit_op"] = "Het besluit volgt op de overtreding en het rapport."
    if besluit == BesluitSoort.AFZIEN:
        if not afzien_reden.strip():
            fouten["afzien_reden"] = "Leg uit waarom u afziet van een boete."
        return fouten

    if not toegestaan:
        fouten["besluit"] = boete_uitgeschakeld_tekst(doelgroep_label)
        return fouten
    if verwijtbaarheid == Verwijtbaarheid.GEEN:
        fouten["verwijtbaarheid"] = (
            "Wie niet verwijtbaar is, krijgt geen boete (Awb art. 5:41). Kies 'afzien "
            "van een boete'."
        )
    elif verwijtbaarheid not in VERWIJTBAAR:
        fouten["verwijtbaarheid"] = (
            "Leg eerst het oordeel over de verwijtbaarheid vast: zonder dat oordeel is "
            "geen boete mogelijk (Awb art. 5:41)."
        )
    if not verwijtbaarheid_toelichting.strip():
        fouten["verwijtbaarheid_toelichting"] = (
            "Onderbouw het oordeel over de verwijtbaarheid."
        )
    if boetebedrag is None or boetebedrag <= 0:
        fouten["boetebedrag"] = "Vul het bedrag van de boete in (meer dan € 0,00)."
    elif boetebedrag > maximum:
        fouten["boetebedrag"] = (
            f"De boete is ten hoogste {euro(maximum)} (Wet inburgering 2021, "
            "artikelen 22 en 23)."
        )
    elif rapport_vereist(boetebedrag, rapport_grens) and (
        rapport_op is None or not rapport_vereist(voorgenomen_bedrag, rapport_grens)
    ):
        fouten["boetebedrag"] = (
            f"Een boete boven {euro(rapport_grens)} kan pas na een rapport met een "
            f"voorgenomen boete boven {euro(rapport_grens)} en een zienswijze (Awb "
            "art. 5:53). Maak eerst het rapport op."
        )
    if (
        rapport_op is not None
        and besluit_op is not None
        and not zienswijze_afgewacht(
            zienswijze_tot=zienswijze_tot,
            zienswijze_ontvangen_op=zienswijze_ontvangen_op,
            op=besluit_op,
        )
    ):
        fouten["__all__"] = (
            "Wacht op de zienswijze: de termijn loopt tot en met "
            f"{datum_tekst(zienswijze_tot)}. Legt u de zienswijze vast zodra die "
            "binnenkomt."
        )
    return fouten


def bezwaar_fouten(
    *, ontvangen_op: date | None, dagtekening: date, vandaag: date
) -> dict[str, str]:
    if ontvangen_op is None:
        return {"ontvangen_op": "Vul in wanneer het bezwaar binnenkwam."}
    if ontvangen_op > vandaag:
        return {"ontvangen_op": "Deze datum ligt in de toekomst."}
    if ontvangen_op < dagtekening:
        return {"ontvangen_op": "Een bezwaar komt na de boetebeschikking binnen."}
    return {}
