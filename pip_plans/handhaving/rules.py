"""The pure rules of handhaving (DOMAIN.md §7): no ORM, no clock. The caller passes
the date and the dated parameters; each rule names its legal source."""

from datetime import date, timedelta
from decimal import Decimal

from intake.models import DoelgroepCategorie
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.termijnen import periode_einde, wettelijke_termijn_einde

from ..models import BesluitSoort, Overtreding, Verwijtbaarheid

# Awb art. 5:41: no fine when the overtreding cannot be blamed on the person.
VERWIJTBAAR = (Verwijtbaarheid.VOLLEDIG, Verwijtbaarheid.VERMINDERD)

# The dated parameter that switches fines on (1) or off (0) per doelgroep.
BOETE_PARAMETER = {
    DoelgroepCategorie.ASIEL: "boete_asiel_toegestaan",
    DoelgroepCategorie.GEZIN_OVERIG: "boete_gezin_overig_toegestaan",
}


def rapport_vereist(maximum: Decimal, grens: Decimal) -> bool:
    """Awb art. 5:53 lid 1: when a fine of more than the limit (€ 340, the dated
    parameter `boete_rapport_grens`) *can be imposed* for the overtreding, a rapport
    and a zienswijze come first. The statutory maximum decides, not the amount the
    college intends (DOMAIN §7.1, corrected 2026-12-05): with the college's Wi2021
    maximum of € 800 every fine goes through rapport and zienswijze."""
    return maximum > grens


def vervaldatum(datum_overtreding: date, jaren: int) -> date:
    """Awb art. 5:45 lid 1: the power to fine lapses `jaren` (5) years after the day
    of the overtreding. The last day a fine can be imposed is taken as the day
    before that anniversary (periode_einde), the reading that protects the person;
    the Algemene termijnenwet does not lengthen it. [A]"""
    return periode_einde(datum_overtreding, jaren=jaren)


def zienswijze_termijn(verzonden_op: date, weken: int) -> date:
    """The default last day for the zienswijze: `weken` (2, local policy [U]) after
    the voornemen was sent (Awb art. 5:53 lid 3, 4:8 give the chance, not the
    length). The term is
    the college's, not the law's, so the Algemene termijnenwet does not bind it; it
    is applied all the same, so that the inburgeraar never loses a day to a weekend
    or feestdag (the reading that protects the person heard, DOMAIN §13.2)."""
    return wettelijke_termijn_einde(verzonden_op, weken=weken)


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


WI2013_GEEN_BOETE = (
    "Voor deze inburgeraar geldt de Wet inburgering 2013: het college kan geen "
    "handhavingszaak of boete op grond van de Wet inburgering 2021 beginnen "
    "(DOMAIN §13.5). Handhaving onder de Wi2013 ligt bij DUO."
)


def zaak_fouten(
    *,
    overtreding: str,
    datum_overtreding: date | None,
    feiten: str,
    vandaag: date,
    wi2013: bool = False,
) -> dict[str, str]:
    if wi2013:
        return {"__all__": WI2013_GEEN_BOETE}
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
    overtreding: str,
    voorgenomen_bedrag: Decimal | None,
    rapport_op: date | None,
    rapport: str,
    overtreden_voorschrift: str,
    verplichting: str,
    plaats_overtreding: str,
    verhoord_op: date | None,
    cautie_gegeven: bool,
    verzenddatum: date | None,
    zienswijze_tot: date | None,
    datum_overtreding: date,
    maximum: Decimal,
    vandaag: date,
) -> dict[str, str]:
    """Awb art. 5:48: the rapport is dated and names the overtreding, the overtreden
    voorschrift, date and place; art. 5:10a: a person questioned with a fine in view
    was first told they need not answer; art. 5:53: the voornemen states the
    intended fine and the term for a zienswijze."""
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
    if not overtreden_voorschrift.strip():
        fouten["overtreden_voorschrift"] = (
            "Noem het overtreden voorschrift: artikel, lid en wet (Awb art. 5:48)."
        )
    if overtreding == Overtreding.PIP_VERPLICHTINGEN and not verplichting.strip():
        fouten["verplichting"] = (
            "Noem welke verplichting uit het PIP niet is nagekomen."
        )
    if not plaats_overtreding.strip():
        fouten["plaats_overtreding"] = "Vul de plaats van de overtreding in."
    if verhoord_op is not None:
        if verhoord_op > vandaag:
            fouten["verhoord_op"] = "Deze datum ligt in de toekomst."
        elif not cautie_gegeven:
            fouten["cautie_gegeven"] = (
                "Wie wordt verhoord met het oog op een boete, hoort eerst dat hij niet "
                "hoeft te antwoorden (cautie, Awb art. 5:10a). Zonder cautie telt de "
                "verklaring niet: laat het verhoor dan weg."
            )
    if (
        verzenddatum is not None
        and rapport_op is not None
        and verzenddatum < rapport_op
    ):
        fouten["verzenddatum"] = (
            "De brieven worden verzonden op of na de datum van het rapport."
        )
    if (
        zienswijze_tot is not None
        and verzenddatum is not None
        and zienswijze_tot <= verzenddatum
    ):
        fouten["zienswijze_tot"] = (
            "De zienswijzetermijn eindigt na de verzending van het voornemen."
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
    motivering_bedrag: str,
    reactie_op_zienswijze: str,
    asiel_motivering: str,
    rapport_op: date | None,
    voornemen_verzonden_op: date | None,
    zienswijze_tot: date | None,
    zienswijze_ontvangen_op: date | None,
    maximum: Decimal,
    rapport_grens: Decimal,
    vervaldatum: date,
    toegestaan: bool,
    asiel: bool,
    doelgroep_label: str,
    functiescheiding: str | None,
    voorgenomen_bedrag: Decimal | None = None,
) -> dict[str, str]:
    """What stops this besluit, per field (empty: nothing).

    Sources: Wet inburgering 2021 art. 22/23 and the dated maximum (€ 800) [S];
    Awb art. 5:41 (no fine without verwijtbaarheid), 5:45 (verval), 5:46 lid 2 (the
    amount reasoned), 5:48 and 5:53 (rapport, voornemen and zienswijze first when
    the maximum exceeds € 340: every Wi2021 college fine), 10:3 lid 4
    (functiescheiding, passed in as `functiescheiding`); DOMAIN §7.2, §13.3 and
    rule 10 (fines per doelgroep switchable; an asielstatushouder only with the
    motivation of an exceptional case).
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
    if functiescheiding:
        fouten["__all__"] = functiescheiding
        return fouten
    if rapport_vereist(maximum, rapport_grens) and (
        rapport_op is None or voornemen_verzonden_op is None
    ):
        fouten["__all__"] = (
            "Een boete kan pas na een rapport, het voornemen aan de inburgeraar en de "
            f"kans op een zienswijze (Awb art. 5:48 en 5:53: de boete kan hoger zijn "
            f"dan {euro(rapport_grens)}). Maak eerst het rapport op."
        )
        return fouten
    if besluit_op is not None and besluit_op > vervaldatum:
        fouten["besluit_op"] = (
            "De bevoegdheid om een boete op te leggen is vervallen op "
            f"{datum_tekst(vervaldatum + timedelta(days=1))} (Awb art. 5:45). Kies "
            "'afzien van een boete'."
        )
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
    elif voorgenomen_bedrag is not None and boetebedrag > voorgenomen_bedrag:
        fouten["boetebedrag"] = (
            "De boete is hoger dan het bedrag dat het voornemen bij het rapport "
            f"aankondigde ({euro(voorgenomen_bedrag)}). De inburgeraar kon alleen "
            "op dat bedrag een zienswijze geven (Awb art. 5:53)."
        )
    if not motivering_bedrag.strip():
        fouten["motivering_bedrag"] = (
            "Leg uit waarom dit bedrag past bij de ernst van de overtreding en de mate "
            "van verwijtbaarheid (Awb art. 5:46)."
        )
    if zienswijze_ontvangen_op is not None and not reactie_op_zienswijze.strip():
        fouten["reactie_op_zienswijze"] = (
            "Ga in op de zienswijze: de boetebeschikking zegt wat het college met de "
            "zienswijze heeft gedaan."
        )
    if asiel and not asiel_motivering.strip():
        fouten["asiel_motivering"] = (
            "Een asielstatushouder krijgt alleen in een uitzonderlijk geval een boete, "
            "zoals bij een bewezen en aanhoudend gebrek aan bereidheid tot integratie "
            "(HvJ EU 4 februari 2025). Beschrijf waarom dat hier zo is."
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
