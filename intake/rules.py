"""Pure date rules of the dossier: no ORM, no clock of their own (today is passed in).

Each names its legal source. [S] means the source was seen only in a secondary text
(see DOMAIN.md); such rules are the first a jurist checks.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.termijnen import einde_na

PIP_TERMIJN_WEKEN = 10
UITSTEL_NA_ONTVANGST_WEKEN = 2
WAARSCHUWING_4_WEKEN = timedelta(weeks=4)
WAARSCHUWING_2_WEKEN = timedelta(weeks=2)


def pip_start(
    *, kennisgeving: date | None, brp_inschrijving: date | None
) -> date | None:
    """The day the 10-week PIP clock starts: the later of DUO's kennisgeving and the
    inschrijving in the BRP of the gemeente (Besluit inburgering 2021 art. 5.3 [S];
    DOMAIN.md §3.2). Unknown until both dates are known."""
    if kennisgeving is None or brp_inschrijving is None:
        return None
    return max(kennisgeving, brp_inschrijving)


# The Wet inburgering 2021 applies to a plicht that started on or after 1 January
# 2022; before, the Wet inburgering (2013) (Kamerstuk 36 078 nr. 3; DOMAIN §13.5) [V].
WI2021_VANAF = date(2022, 1, 1)
WI2021, WI2013 = "wi2021", "wi2013"


def wet_regime_uit_start(start_inburgeringsplicht: date | None) -> str | None:
    """The law that follows from the start of the plicht; None when it is unknown."""
    if start_inburgeringsplicht is None:
        return None
    return WI2013 if start_inburgeringsplicht < WI2021_VANAF else WI2021


def wi2021_niet_voor_wi2013(wat: str) -> str:
    """The refusal of a Wi2021 action for a person under the Wi2013."""
    return (
        "Voor deze inburgeraar geldt de Wet inburgering 2013. "
        f"{wat} hoort bij de Wet inburgering 2021 en kan daarom niet "
        "(DOMAIN §13.5). Het dossier blijft voor begeleiding en de rapportage."
    )


MIN_LEEFTIJD = 18  # Wet inburgering 2021 art. 3: the plicht from 18 [S]


def leeftijd_ter_controle(
    geboortedatum: date | None, op: date, *, aow_leeftijd_maanden: int
) -> str:
    """Wet art. 3 [S], DOMAIN §13.5: the plicht applies from 18 up to the AOW age.
    A person outside that range on day `op` (the start of the plicht, or today) is
    flagged for review, never refused: the birth date may be wrong. '' when fine."""
    if geboortedatum is None:
        return ""
    maanden = (op.year - geboortedatum.year) * 12 + op.month - geboortedatum.month
    if op.day < geboortedatum.day:
        maanden -= 1
    if maanden < MIN_LEEFTIJD * 12:
        return (
            f"Ter controle: deze persoon is op {datum_tekst(op)} jonger dan "
            f"{MIN_LEEFTIJD} jaar; de inburgeringsplicht geldt vanaf 18 jaar."
        )
    if maanden >= aow_leeftijd_maanden:
        jaren, rest = divmod(aow_leeftijd_maanden, 12)
        aow = f"{jaren} jaar" + (f" en {rest} maanden" if rest else "")
        return (
            f"Ter controle: deze persoon heeft op {datum_tekst(op)} de AOW-leeftijd "
            f"({aow}) bereikt; de inburgeringsplicht geldt tot de AOW-leeftijd."
        )
    return ""


def pip_deadline(
    *,
    kennisgeving: date | None,
    brp_inschrijving: date | None,
    uitstel_sinds: date | None = None,
    informatie_ontvangen: date | None = None,
) -> date | None:
    """The last day on which the college must vaststellen the PIP.

    Besluit inburgering 2021 art. 5.3 [S]: within 10 weeks after the DUO
    kennisgeving, or after the BRP inschrijving when that came later. The term can
    be extended only while the college waits for information from third parties,
    and then until at most 2 weeks after that information arrived.

    Returns None when the clock has not started (a date is missing) or while the
    term is suspended (waiting for information that has not arrived).

    The Algemene termijnenwet does not move this deadline to the next working day:
    it binds terms "in een wet", and this one is in the Besluit [S]; the plain date is
    the stricter reading for the college and keeps the inburgeraar's right to a
    timely PIP (DOMAIN §13.2; to be confirmed by a jurist).
    """
    start = pip_start(kennisgeving=kennisgeving, brp_inschrijving=brp_inschrijving)
    if start is None:
        return None
    deadline = einde_na(start, weken=PIP_TERMIJN_WEKEN)
    if uitstel_sinds is not None:
        if informatie_ontvangen is None:
            return None
        deadline = max(
            deadline, einde_na(informatie_ontvangen, weken=UITSTEL_NA_ONTVANGST_WEKEN)
        )
    return deadline


class DeadlineStatus(StrEnum):
    VASTGESTELD = "vastgesteld"
    GESLOTEN = "gesloten"
    OPGESCHORT = "opgeschort"
    ONBEKEND = "onbekend"
    OP_TIJD = "op_tijd"
    MINDER_DAN_4_WEKEN = "minder_dan_4_weken"
    MINDER_DAN_2_WEKEN = "minder_dan_2_weken"
    TE_LAAT = "te_laat"

    @property
    def label(self) -> str:
        return DEADLINE_STATUS_LABELS[self]


DEADLINE_STATUS_LABELS = {
    DeadlineStatus.VASTGESTELD: "PIP vastgesteld",
    DeadlineStatus.GESLOTEN: "Geen deadline meer (dossier gesloten)",
    DeadlineStatus.OPGESCHORT: "Opgeschort (wacht op informatie)",
    DeadlineStatus.ONBEKEND: "Nog geen deadline",
    DeadlineStatus.OP_TIJD: "Op tijd",
    DeadlineStatus.MINDER_DAN_4_WEKEN: "Minder dan 4 weken",
    DeadlineStatus.MINDER_DAN_2_WEKEN: "Minder dan 2 weken",
    DeadlineStatus.TE_LAAT: "Te laat",
}


def deadline_grenzen(today: date) -> tuple[date, date]:
    """The first days that are no longer "minder dan 2 weken" and "minder dan 4
    weken" before a deadline, seen on `today`. The status below and the
    werkvoorraad's deadline filter (InburgeraarQuerySet.met_pip_deadline_status)
    both draw the line here."""
    return (
        einde_na(today, weken=WAARSCHUWING_2_WEKEN.days // 7),
        einde_na(today, weken=WAARSCHUWING_4_WEKEN.days // 7),
    )


def deadline_status(
    *,
    deadline: date | None,
    today: date,
    vastgesteld_op: date | None = None,
    opgeschort: bool = False,
    gesloten: bool = False,
) -> DeadlineStatus:
    """How urgent the PIP is, for the werkvoorraad and the dossier. A closed dossier
    (moved away, exempted, ...) has no running deadline: it is no longer late."""
    if vastgesteld_op is not None:
        return DeadlineStatus.VASTGESTELD
    if gesloten:
        return DeadlineStatus.GESLOTEN
    if opgeschort:
        return DeadlineStatus.OPGESCHORT
    if deadline is None:
        return DeadlineStatus.ONBEKEND
    if today > deadline:
        return DeadlineStatus.TE_LAAT
    twee_weken, vier_weken = deadline_grenzen(today)
    if deadline < twee_weken:
        return DeadlineStatus.MINDER_DAN_2_WEKEN
    if deadline < vier_weken:
        return DeadlineStatus.MINDER_DAN_4_WEKEN
    return DeadlineStatus.OP_TIJD


def leeftijd(geboortedatum: date, op: date) -> int:
    """Age in whole years on a day (a birthday on 29 February counts on 1 March)."""
    years = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        years -= 1
    return years


# --- Route advice from the brede intake ------------------------------------------
#
# The values below are shared with intake.models, which adds the Dutch labels to
# them (LbtUitkomst, Alfabetisering, IntakeWens; Leerroute for the routes). This
# module stays free of the ORM, so it names them as plain strings.

LBT_B1_OF_HOGER = "b1_of_hoger"
LBT_A2 = "a2"
LBT_A1_OF_LAGER = "a1_of_lager"

ALFABETISERING_JA = "ja"
ALFABETISERING_DEELS = "deels"
ALFABETISERING_NEE = "nee"

WENS_WERK = "werk"
WENS_OPLEIDING = "opleiding"
WENS_GEEN_VOORKEUR = "geen_voorkeur"

ROUTE_B1 = "b1"
ROUTE_ONDERWIJS = "onderwijs"
ROUTE_Z = "z"
# Equal to dict(intake.models.Leerroute.choices); a test keeps them in step.
ROUTE_LABELS = {
    ROUTE_B1: "B1-route",
    ROUTE_ONDERWIJS: "Onderwijsroute",
    ROUTE_Z: "Z-route (zelfredzaamheidsroute)",
}

# "Little schooling" and "much schooling" for the advice (local working agreement,
# not law [U]).
WEINIG_ONDERWIJS_JAREN = 6
VEEL_ONDERWIJS_JAREN = 10


@dataclass(frozen=True)
class RouteAdvies:
    """Advice only: the casusregisseur decides the leerroute in the PIP."""

    route: str
    redenen: tuple[str, ...]

    @property
    def route_label(self) -> str:
        return ROUTE_LABELS[self.route]


def route_advies(
    *,
    lbt_uitkomst: str | None,
    leeftijd: int,
    jaren_onderwijs: int | None,
    gealfabetiseerd: str | None,
    wens: str | None,
    max_leeftijd_onderwijsroute: int,
) -> RouteAdvies:
    """Advise a leerroute from the brede intake, with the reasons in Dutch: why this
    route, and why not the other two.

    Sources: the three leerroutes of Wet inburgering 2021 art. 7-10 (B1-route art.
    7 [V]; onderwijsroute and Z-route probably art. 9 and 10 [U]); DOMAIN.md §4. The
    leerbaarheidstoets indicates the level the person can reach within the termijn
    (Wet art. 14; DOMAIN.md §2 [S]). The onderwijsroute is "vooral voor jongeren"
    (inburgeren.nl [S]); the age limit `max_leeftijd_onderwijsroute` is a setting
    of local policy, not law [U], as are the thresholds of 6 and 10 years of
    schooling [U].

    - Z-route when the leerbaarheidstoets indicates A1 or lower, or when the
      person is not literate in the Latin script, had less than 6 years of
      schooling and has no toets result above A1;
    - onderwijsroute when the toets indicates B1 or higher, the person is at most
      `max_leeftijd_onderwijsroute` years old, and wishes to study or had at least
      10 years of schooling;
    - otherwise the B1-route.

    Unknown values are None (an empty string counts as None).
    """
    lbt = lbt_uitkomst or None
    gealfabetiseerd = gealfabetiseerd or None
    onzeker = (
        ()
        if lbt
        else (
            "De leerbaarheidstoets is niet afgenomen: dit advies is daardoor minder "
            "zeker. Weeg de andere gegevens uit de intake extra zorgvuldig.",
        )
    )
    niet_gealfabetiseerd = gealfabetiseerd == ALFABETISERING_NEE
    weinig_onderwijs = (
        jaren_onderwijs is not None and jaren_onderwijs < WEINIG_ONDERWIJS_JAREN
    )

    # Z-route
    if lbt == LBT_A1_OF_LAGER:
        return RouteAdvies(
            ROUTE_Z,
            (
                "De leerbaarheidstoets geeft A1 of lager als haalbaar niveau: de "
                "Z-route richt zich op zelfredzaamheid op niveau A1.",
                "B1-route en onderwijsroute niet geadviseerd: volgens de "
                "leerbaarheidstoets is B1 binnen de termijn niet haalbaar.",
            ),
        )
    if lbt is None and niet_gealfabetiseerd and weinig_onderwijs:
        return RouteAdvies(
            ROUTE_Z,
            (
                "Niet gealfabetiseerd in het Latijnse schrift en minder dan "
                f"{WEINIG_ONDERWIJS_JAREN} jaar onderwijs ({jaren_onderwijs} jaar): de "
                "Z-route ligt het meest voor de hand.",
                *onzeker,
                "B1-route en onderwijsroute niet geadviseerd: zonder alfabetisering en "
                "met weinig onderwijs is B1 binnen de termijn niet waarschijnlijk. "
                "Laat zo mogelijk alsnog de leerbaarheidstoets afnemen.",
            ),
        )

    # Onderwijsroute
    wil_leren = wens == WENS_OPLEIDING
    veel_onderwijs = (
        jaren_onderwijs is not None and jaren_onderwijs >= VEEL_ONDERWIJS_JAREN
    )
    if lbt != LBT_B1_OF_HOGER:
        geen_onderwijsroute = (
            "Onderwijsroute niet geadviseerd: de leerbaarheidstoets moet daarvoor B1 "
            "of hoger haalbaar achten"
            + (", en er is geen uitslag." if lbt is None else ".")
        )
    elif leeftijd > max_leeftijd_onderwijsroute:
        geen_onderwijsroute = (
            f"Onderwijsroute niet geadviseerd: met {leeftijd} jaar boven de grens van "
            f"{max_leeftijd_onderwijsroute} jaar voor dit advies (de onderwijsroute is "
            "vooral voor jongeren)."
        )
    elif not (wil_leren or veel_onderwijs):
        geen_onderwijsroute = (
            "Onderwijsroute niet geadviseerd: geen wens om een opleiding te volgen en "
            f"niet ten minste {VEEL_ONDERWIJS_JAREN} jaar onderwijs"
            + (" (aantal jaren onbekend)." if jaren_onderwijs is None else ".")
        )
    else:
        grond = (
            "wil een opleiding volgen"
            if wil_leren
            else f"heeft {jaren_onderwijs} jaar onderwijs gehad"
        )
        return RouteAdvies(
            ROUTE_ONDERWIJS,
            (
                "De leerbaarheidstoets geeft B1 of hoger als haalbaar niveau, de "
                f"inburgeraar is {leeftijd} jaar (grens voor dit advies: "
                f"{max_leeftijd_onderwijsroute}) en {grond}: de onderwijsroute bereidt "
                "voor op mbo, hbo of universiteit.",
                "B1-route niet geadviseerd: de onderwijsroute past beter bij leeftijd "
                "en opleiding.",
                "Z-route niet geadviseerd: de leerbaarheidstoets geeft een hoger niveau "
                "dan A1.",
            ),
        )

    # B1-route
    if lbt == LBT_B1_OF_HOGER:
        waarom = (
            "De leerbaarheidstoets geeft B1 of hoger als haalbaar niveau: de B1-route "
            "(taal op B1 samen met werk of participatie) past."
        )
    elif lbt == LBT_A2:
        waarom = (
            "De leerbaarheidstoets geeft A2 als haalbaar niveau. De B1-route (taal "
            "samen met werk of participatie) is het uitgangspunt; binnen de B1-route "
            "kan later worden afgeschaald naar A2."
        )
    else:
        waarom = (
            "Zonder toetsuitslag is de B1-route (taal op B1 samen met werk of "
            "participatie) het uitgangspunt."
        )
    if lbt is not None:
        geen_z = (
            "Z-route niet geadviseerd: de leerbaarheidstoets geeft een hoger niveau "
            "dan A1."
        )
    elif niet_gealfabetiseerd and jaren_onderwijs is None:
        geen_z = (
            "Z-route niet geadviseerd, maar let op: de inburgeraar is niet "
            "gealfabetiseerd en het aantal jaren onderwijs is onbekend. Bij minder "
            f"dan {WEINIG_ONDERWIJS_JAREN} jaar onderwijs past de Z-route."
        )
    elif niet_gealfabetiseerd:
        geen_z = (
            "Z-route niet geadviseerd: de inburgeraar is niet gealfabetiseerd in het "
            f"Latijnse schrift, maar heeft {jaren_onderwijs} jaar onderwijs gehad."
        )
    elif gealfabetiseerd is None:
        geen_z = (
            "Z-route niet geadviseerd: er is geen toetsuitslag van A1 of lager. Of de "
            "inburgeraar gealfabetiseerd is in het Latijnse schrift, is niet "
            "vastgelegd."
        )
    else:
        geen_z = (
            "Z-route niet geadviseerd: er is geen toetsuitslag van A1 of lager en de "
            "inburgeraar is (deels) gealfabetiseerd in het Latijnse schrift."
        )
    return RouteAdvies(ROUTE_B1, (waarom, *onzeker, geen_onderwijsroute, geen_z))
