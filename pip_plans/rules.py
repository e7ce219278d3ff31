"""Pure rules of the PIP, the beschikking and the termijn: no ORM, no clock.

Each names its legal source; [S] marks a source seen only in a secondary text and
[U] an unconfirmed value that is configuration (DOMAIN.md).
"""

from datetime import date, timedelta
from decimal import Decimal

from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.termijnen import periode_einde, wettelijke_termijn_einde

BEZWAARTERMIJN_WEKEN = 6
TERMIJN_JAREN = 3
MIN_PVT_UREN = 12

B1, ONDERWIJS, Z = "b1", "onderwijs", "z"
ROUTES = (B1, ONDERWIJS, Z)
ROUTE_NAMEN = {B1: "de B1-route", ONDERWIJS: "de onderwijsroute", Z: "de Z-route"}


def bezwaar_deadline(bekendmaking: date) -> date:
    """Last day to object: 6 weeks, starting the day after the bekendmaking, and
    never on a Saturday, Sunday or feestdag.

    Awb art. 6:7 (six weeks), 6:8 lid 1 (the term starts the day after the decision
    was made known) and the Algemene termijnenwet art. 1 (DOMAIN §13.2). [A]
    """
    return wettelijke_termijn_einde(bekendmaking, weken=BEZWAARTERMIJN_WEKEN)


def bezwaar_tijdig(
    *,
    ontvangen_op: date,
    poststempel_op: date | None,
    termijn_einde: date,
    nazending_dagen: int,
) -> bool:
    """Awb art. 6:9: a bezwaarschrift is on time when it is received by the end of
    the term (lid 1), or, sent by post, was posted before the end and is received
    no later than a week after it (lid 2; `nazending_dagen`). [A]"""
    if ontvangen_op <= termijn_einde:
        return True
    return (
        poststempel_op is not None
        and poststempel_op <= termijn_einde
        and ontvangen_op <= termijn_einde + timedelta(days=nazending_dagen)
    )


def bezwaar_beslistermijn(bezwaartermijn_einde: date, *, weken: int) -> date:
    """Awb art. 7:10 lid 1: decide within 6 weeks, or 12 with an adviescommissie
    (art. 7:13), counted from the day after the bezwaartermijn ended; a statutory
    term, so extended by the Algemene termijnenwet (DOMAIN §13.2, §13.4). [A]"""
    return wettelijke_termijn_einde(bezwaartermijn_einde, weken=weken)


def verdaagde_beslistermijn(beslistermijn: date, *, weken: int) -> date:
    """Awb art. 7:10 lid 3: the decision may be put off once, by at most 6 weeks
    from the end of the beslistermijn. [A]"""
    return wettelijke_termijn_einde(beslistermijn, weken=weken)


def bezwaar_invoer_fouten(
    *,
    ontvangen_op: date | None,
    poststempel_op: date | None,
    verzenddatum: date,
    vandaag: date,
) -> dict[str, str]:
    """What stops a bezwaar from being registered, per field."""
    fouten: dict[str, str] = {}
    if ontvangen_op is None:
        fouten["ontvangen_op"] = "Vul in wanneer het bezwaar binnenkwam."
    elif ontvangen_op > vandaag:
        fouten["ontvangen_op"] = "Deze datum ligt in de toekomst."
    elif ontvangen_op < verzenddatum:
        fouten["ontvangen_op"] = (
            "Een bezwaar komt binnen nadat het besluit is verzonden."
        )
    if poststempel_op is not None:
        if poststempel_op < verzenddatum:
            fouten["poststempel_op"] = (
                "De poststempel ligt vóór de verzending van het besluit."
            )
        elif ontvangen_op is not None and poststempel_op > ontvangen_op:
            fouten["poststempel_op"] = "De poststempel ligt na de dag van ontvangst."
    return fouten


def functiescheiding_fout(
    beslisser_id: int, eerder: dict[int | None, str]
) -> str | None:
    """Awb art. 10:3 lid 3 and 4 (DOMAIN §13.3): who made the rapport does not
    impose the fine, and who took a decision does not decide on the bezwaar against
    it. `eerder` maps the user of each earlier step to what they did."""
    wat = eerder.get(beslisser_id)
    if wat is None:
        return None
    return (
        f"U hebt in deze zaak {wat}. Een collega neemt deze beslissing "
        "(functiescheiding, Awb art. 10:3)."
    )


def beslissing_op_bezwaar_fouten(
    *,
    uitkomst: str,
    besluit_datum: date | None,
    ontvangen_op: date,
    vandaag: date,
    ontvankelijk_qua_termijn: bool,
    late_beoordeeld: bool,
    toelichting: str,
    tegen_boete: bool,
    boetebedrag: Decimal | None,
    boetebedrag_na_bezwaar: Decimal | None,
) -> dict[str, str]:
    """What stops the decision on a bezwaar, per field (Awb art. 6:11, 7:11)."""
    fouten: dict[str, str] = {}
    if uitkomst not in UITKOMSTEN:
        return {"uitkomst": "Kies de uitkomst."}
    if besluit_datum is None:
        fouten["besluit_datum"] = "Vul de datum van de beslissing in."
    elif besluit_datum < ontvangen_op:
        fouten["besluit_datum"] = "De beslissing volgt op het bezwaar."
    elif besluit_datum > vandaag:
        fouten["besluit_datum"] = "Deze datum ligt in de toekomst."
    if not ontvankelijk_qua_termijn and uitkomst not in (
        "niet_ontvankelijk",
        "ingetrokken",
    ):
        fouten["uitkomst"] = (
            "Het bezwaar kwam te laat binnen"
            + (
                " en de termijnoverschrijding is niet verschoonbaar"
                if late_beoordeeld
                else "; beoordeel eerst of dat verschoonbaar is (Awb art. 6:11)"
            )
            + ". Het bezwaar is dan niet-ontvankelijk."
        )
    if uitkomst != "ingetrokken" and not toelichting.strip():
        fouten["toelichting"] = (
            "Schrijf de motivering: die staat in de brief aan de inburgeraar."
        )
    if tegen_boete and uitkomst in ("gegrond", "deels_gegrond"):
        if boetebedrag_na_bezwaar is None or boetebedrag_na_bezwaar < 0:
            fouten["boetebedrag_na_bezwaar"] = (
                "Vul de boete na bezwaar in: € 0,00 als de boete vervalt, anders "
                "het lagere bedrag."
            )
        elif boetebedrag is not None and boetebedrag_na_bezwaar >= boetebedrag:
            fouten["boetebedrag_na_bezwaar"] = (
                "Een gegrond bezwaar verlaagt de boete of laat die vervallen."
            )
    return fouten


UITKOMSTEN = (
    "gegrond",
    "deels_gegrond",
    "ongegrond",
    "niet_ontvankelijk",
    "ingetrokken",
)


def termijn_start(dagtekening_eerste_pip: date) -> date:
    """Wet inburgering 2021 art. 11 lid 2: the termijn starts the day after the
    dagtekening of the first PIP; art. 11 lid 3: later versions never move it."""
    return dagtekening_eerste_pip + timedelta(days=1)


def termijn_einde(start: date) -> date:
    """Wet inburgering 2021 art. 11 lid 1: within three years. The last day of the
    termijn by the month-end rule (DOMAIN §13.1): a termijn from 29 February 2028
    ends on 28 February 2031."""
    return periode_einde(start, jaren=TERMIJN_JAREN)


def termijn_verstreken(einde: date, vandaag: date) -> bool:
    """The termijn has passed once its last day (`einde`, verlengingen included)
    is over: on the last day itself the inburgeraar is still in time (DOMAIN
    §13.5). The one test for the header, the on-track rule and the nightly status
    job, so they cannot disagree."""
    return vandaag > einde


def schakelen_uiterlijk(start: date, maanden: int) -> date:
    """The last day a route may still be changed: `maanden` (18 by default, a dated
    parameter) after the start of the termijn, by the month-end rule. Source:
    nt2.nl [S]; the article was not seen, hence configurable."""
    return periode_einde(start, maanden=maanden)


def pip_fouten(
    *,
    leerroute: str,
    afwijzingen: dict[str, str],
    pvt_uren: int | None,
    map_uren: int | None,
    knm_vorm: str,
    ondersteuning: str,
    interval_weken: int | None,
    ontzorgen: bool,
    ontzorgen_mogelijk: bool,
) -> dict[str, str]:
    """What stops a PIP from being vastgesteld, per field (empty: nothing).

    Sources: Wet art. 15 (leerroute, ondersteuning, intensity of PVT and MAP);
    Wet art. 8 lid 3 (no MAP in the onderwijsroute) [S]; Besluit art. 3.1 (PVT at
    least 12 hours) [S]; ECLI:NL:RVS:2024:5413 (the reasons for each route that
    was considered and rejected); Pw art. 56a (ontzorgen only for holders
    of an asylum permit with bijstand: ontzorgen.rules.ontzorgen_weigering) [S];
    DOMAIN.md §3-5, §13.5.
    """
    fouten: dict[str, str] = {}
    if leerroute not in ROUTES:
        fouten["leerroute"] = "Kies een leerroute."
    for route in ROUTES:
        if route != leerroute and not (afwijzingen.get(route) or "").strip():
            fouten[f"reden_afwijzing_{route}"] = (
                f"Leg uit waarom {ROUTE_NAMEN[route]} niet is gekozen. De Raad van State "
                "vernietigde een PIP waarin dit ontbrak."
            )
    if pvt_uren is None or pvt_uren < MIN_PVT_UREN:
        fouten["pvt_uren"] = (
            f"Het participatieverklaringstraject duurt minstens {MIN_PVT_UREN} uur."
        )
    if leerroute == ONDERWIJS and map_uren:
        fouten["map_uren"] = (
            "De onderwijsroute heeft geen MAP (Wet inburgering art. 8 lid 3)."
        )
    elif leerroute in (B1, Z) and not map_uren:
        fouten["map_uren"] = "Vul de intensiteit van de MAP in (aantal uren)."
    if leerroute in (B1, ONDERWIJS) and knm_vorm != "examen":
        fouten["knm_vorm"] = "In de B1-route en de onderwijsroute is KNM een examen."
    if not ondersteuning.strip():
        fouten["ondersteuning"] = "Beschrijf de ondersteuning en begeleiding."
    if not interval_weken:
        fouten["voortgangsgesprek_interval_weken"] = (
            "Kies hoe vaak een voortgangsgesprek is."
        )
    if ontzorgen and not ontzorgen_mogelijk:
        fouten["ontzorgen"] = (
            "Financieel ontzorgen (Participatiewet art. 56a) geldt alleen voor "
            "houders van een asielvergunning met bijstand; zie het tabblad Ontzorgen."
        )
    return fouten


def wijziging_fouten(
    *,
    reden: str,
    leerroute: str,
    vorige_leerroute: str,
    vandaag: date,
    schakelen_tot: date | None,
    afschalen_nt2_uren: int | float | Decimal | None,
    afschalen_inzet_oordeel: str,
    min_afschalen_uren: int,
) -> dict[str, str]:
    """Rules for a new version of a vastgesteld PIP (DOMAIN.md §3.4, §4).

    - schakelen: another leerroute, only until `schakelen_tot` [S, configurable];
    - afschalen: B1-route only, from B1 to A2, after at least `min_afschalen_uren`
      NT2 hours at a keurmerk aanbieder and a recorded judgement of effort
      (Besluit art. 5.5 [S]); the caller passes the hours recorded in the
      leerroutes (leerroutes.services.uren.nt2_uren_keurmerk);
    - herziening na bezwaar: a gegrond bezwaar is carried out and may change
      whatever it was about, the leerroute included (Awb 7:11; DOMAIN §13.4); the
      termijn start stays (Wet art. 11 lid 3);
    - verhuizing: the new gemeente keeps the leerroute;
    - any other reason keeps the leerroute too.
    """
    fouten: dict[str, str] = {}
    if reden == "herziening_na_bezwaar":
        pass  # any leerroute: what the bezwaar decided
    elif reden == "schakelen":
        if leerroute == vorige_leerroute:
            fouten["leerroute"] = "Bij schakelen kiest u een andere leerroute."
        if schakelen_tot is not None and vandaag > schakelen_tot:
            fouten["leerroute"] = (
                "Schakelen kan alleen in de eerste 18 maanden van de inburgeringstermijn "
                f"(tot en met {datum_tekst(schakelen_tot)})."
            )
    elif leerroute != vorige_leerroute:
        fouten["leerroute"] = (
            "De leerroute blijft gelijk; alleen schakelen of een herziening na bezwaar "
            "verandert de leerroute."
        )
    if reden == "afschalen":
        if vorige_leerroute != B1:
            fouten["leerroute"] = "Afschalen kan alleen in de B1-route."
        if afschalen_nt2_uren is None or afschalen_nt2_uren < min_afschalen_uren:
            fouten["afschalen_nt2_uren"] = (
                f"Afschalen kan pas na minstens {min_afschalen_uren} uur NT2 bij een "
                "aanbieder met keurmerk; vastgelegd in de urenregistratie: "
                f"{str(afschalen_nt2_uren or 0).replace('.', ',')} uur."
            )
        if not afschalen_inzet_oordeel.strip():
            fouten["afschalen_inzet_oordeel"] = "Leg vast of de inzet voldoende was."
    return fouten
