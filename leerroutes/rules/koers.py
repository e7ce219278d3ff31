"""Pure rules of the leerroutes: hours, exams, fulfilment, participation, on-track.

No ORM and no clock: callers map their models onto the small frozen dataclasses
below (`UrenStand`, `Examen`, `Activiteit`) and pass today in. Each rule names its
legal source; [V] verified, [S] seen only in a secondary text, [U] unconfirmed
and therefore an argument or local policy (DOMAIN.md §4, §6, §8 and "Validation
rules"). Thresholds that the law or policy sets and that may change are arguments;
the callers take them from the dated parameters.

The string values below are the values the models' choices use; the models add
the Dutch labels.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from pip_plans.rules import B1, MIN_PVT_UREN, ONDERWIJS, ROUTES
from zevenaar_inburgering.nl import getal
from zevenaar_inburgering.termijnen import (
    laatste_maanden_begin,
    periode_einde,
    volle_maanden,
)

Uren = int | float | Decimal

# --- Values ------------------------------------------------------------------------

# Onderdelen of a traject (DOMAIN.md "Entities": TrajectOnderdeel).
NT2, KNM, PVT, MAP, PARTICIPATIE_Z, TAALSCHAKEL = (
    "nt2",
    "knm",
    "pvt",
    "map",
    "participatie_z",
    "taalschakel",
)
TRAJECT_ONDERDELEN = (NT2, KNM, PVT, MAP, PARTICIPATIE_Z, TAALSCHAKEL)

# Exam onderdelen (DOMAIN.md "Entities": Examenresultaat). KNM is the same value.
LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN = "lezen", "luisteren", "schrijven", "spreken"
TAALVAARDIGHEDEN = (LEZEN, LUISTEREN, SCHRIJVEN, SPREKEN)
EXAMEN_ONDERDELEN = (*TAALVAARDIGHEDEN, KNM)

# Levels of the Common European Framework, lowest first.
A1, A2, B1_NIVEAU, B2_NIVEAU = "A1", "A2", "B1", "B2"
NIVEAUS = (A1, A2, B1_NIVEAU, B2_NIVEAU)

# Doelgroep categories (intake.models.DoelgroepCategorie).
ASIEL, GEZIN_OVERIG = "asiel", "gezin_overig"

# Kinds of participation activity.
BETAALD_WERK = "betaald_werk"
VRIJWILLIGERSWERK = "vrijwilligerswerk"
STAGE = "stage"
OPLEIDING = "opleiding"  # education or training
OVERIG = "overig"
ACTIVITEIT_SOORTEN = (BETAALD_WERK, VRIJWILLIGERSWERK, STAGE, OPLEIDING, OVERIG)

# --- Thresholds --------------------------------------------------------------------

# Besluit inburgering 2021 art. 3.14 [S]: the Z-route's 800 course hours (NT2 and
# KNM together) and, for asielstatushouders, 800 hours of participation.
Z_NORM_TAAL_KNM_UREN = 800
Z_NORM_PARTICIPATIE_UREN = 800

# Duurzaam werk: the seed's definition [U], not a legal one.
DUURZAAM_WERK_MIN_UREN_PER_WEEK = 12
DUURZAAM_WERK_MIN_MAANDEN = 6

# On-track: local policy [U], no legal source. Percentages are of the linear
# schedule (the route's norm spread evenly over the termijn).
UREN_AANLOOP_MAANDEN = 3  # hours are not judged in the first months of the termijn
UREN_ACHTER_RISICO_PCT = 20  # more than 20 % behind schedule: risico
UREN_ACHTER_NIET_OP_KOERS_PCT = 40  # more than 40 % behind: niet op koers
AANWEZIGHEID_RISICO_PCT = 80  # attendance below 80 %: risico
AANWEZIGHEID_NIET_OP_KOERS_PCT = 60  # below 60 %: niet op koers
EXAMEN_RISICO_MAANDEN = 12  # no exam attempt in the last 12 months: risico
EXAMEN_NIET_OP_KOERS_MAANDEN = 6  # no exam attempt in the last 6 months: niet op koers

ROUTES_MET_EXAMENS = (B1, ONDERWIJS)

# A voortgangsgesprek planned within this many days is "te doen" on the
# werkvoorraad (local policy [U]).
GESPREK_TE_DOEN_DAGEN = 14


# --- Inputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class UrenStand:
    """Attended hours of one traject onderdeel, e.g. one month at one aanbieder.

    `keurmerk`: the aanbieder held a valid keurmerk (Blik op Werk, Wet art. 32
    [S]) for these hours; the caller decides this per row.
    """

    onderdeel: str
    uren: Uren
    keurmerk: bool = False

    def __post_init__(self) -> None:
        if self.onderdeel not in TRAJECT_ONDERDELEN:
            raise ValueError(f"Onbekend onderdeel: {self.onderdeel!r}")
        if self.uren < 0:
            raise ValueError("Uren kunnen niet negatief zijn.")


@dataclass(frozen=True)
class Examen:
    """One exam attempt and its result. A language exam has a level; the KNM exam
    may have none."""

    onderdeel: str
    niveau: str | None
    geslaagd: bool
    datum: date

    def __post_init__(self) -> None:
        if self.onderdeel not in EXAMEN_ONDERDELEN:
            raise ValueError(f"Onbekend examenonderdeel: {self.onderdeel!r}")
        if self.niveau is None and self.onderdeel != KNM:
            raise ValueError("Een taalexamen heeft een niveau.")
        if self.niveau is not None and self.niveau not in NIVEAUS:
            raise ValueError(f"Onbekend niveau: {self.niveau!r}")


@dataclass(frozen=True)
class Activiteit:
    """A participation activity. `einde` is the last day (inclusive); None means it
    is still going on. `uren_per_week` may be unknown (None) for unpaid activities.
    """

    soort: str
    start: date
    einde: date | None = None
    uren_per_week: Uren | None = None

    def __post_init__(self) -> None:
        if self.soort not in ACTIVITEIT_SOORTEN:
            raise ValueError(f"Onbekende soort activiteit: {self.soort!r}")
        if self.einde is not None and self.einde < self.start:
            raise ValueError("Het einde ligt voor de start.")
        if self.uren_per_week is not None and self.uren_per_week < 0:
            raise ValueError("Uren per week kunnen niet negatief zijn.")


# --- Outcomes ------------------------------------------------------------------------


class Toets(NamedTuple):
    """Whether something is allowed and, if not, why (Dutch sentences)."""

    toegestaan: bool
    redenen: tuple[str, ...]


class Voldaan(NamedTuple):
    """Whether the inburgeringsplicht is fulfilled, why (what is met, with dates,
    or else what is missing), and the day it was fulfilled."""

    voldaan: bool
    redenen: tuple[str, ...]
    datum: date | None


class Koers(StrEnum):
    OP_KOERS = "op_koers"
    RISICO = "risico"
    NIET_OP_KOERS = "niet_op_koers"

    @property
    def label(self) -> str:
        return KOERS_LABELS[self]

    @property
    def ernst(self) -> int:
        """0 for op koers, 2 for niet op koers: the worst finding decides."""
        return list(Koers).index(self)


KOERS_LABELS = {
    Koers.OP_KOERS: "Op koers",
    Koers.RISICO: "Risico",
    Koers.NIET_OP_KOERS: "Niet op koers",
}


@dataclass(frozen=True)
class KoersOordeel:
    status: Koers
    redenen: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.status.label


# --- Helpers -------------------------------------------------------------------------


def _decimal(waarde: Uren | None) -> Decimal:
    if waarde is None:
        return Decimal(0)
    return waarde if isinstance(waarde, Decimal) else Decimal(str(waarde))


def _getal(waarde: Uren | None) -> str:
    """A number the Dutch way (zevenaar_inburgering.nl): 312, 312,5, 1.096. Cut (not
    rounded) to one decimal, so that 79.96 % never reads as 80 % next to a finding
    that says "below 80 %"."""
    return getal(_decimal(waarde), decimalen=1, afkappen=True)


def _datum(dag: date) -> str:
    return f"{dag:%d-%m-%Y}"


def _maanden(aantal: int) -> str:
    return "1 maand" if aantal == 1 else f"{aantal} maanden"


def gevolgde_uren(
    standen: Iterable[UrenStand],
    *,
    onderdelen: Collection[str],
    alleen_keurmerk: bool = False,
) -> Decimal:
    """The attended hours of the given onderdelen, only those at an aanbieder with a
    keurmerk if asked (for afschalen, DOMAIN.md §4)."""
    return sum(
        (
            _decimal(stand.uren)
            for stand in standen
            if stand.onderdeel in onderdelen and (stand.keurmerk or not alleen_keurmerk)
        ),
        start=Decimal(0),
    )


# --- Afschalen, Z-route hours, PVT ---------------------------------------------------


def afschalen_toegestaan(
    *,
    leerroute: str,
    nt2_uren_keurmerk: Uren | None,
    inzet_oordeel: str | None,
    min_uren: int,
) -> Toets:
    """May the B1-route be afgeschaald from B1 to A2? (DOMAIN.md §4, validation
    rule 4.)

    Besluit inburgering 2021 art. 5.5 [S]; DUO zakelijk "ten minste 600 uur taalles
    … De gemeente controleert dit." [S]:
    - only in the B1-route;
    - after at least `min_uren` hours of NT2 (600, the dated parameter
      `afschalen_min_nt2_uren`) at an aanbieder with a keurmerk (Wet art. 32 [S]),
      counted by the caller, e.g. with `gevolgde_uren(..., alleen_keurmerk=True)`;
    - and a recorded judgement that the effort was sufficient. Only whether it is
      recorded is checked here; its content is the casusregisseur's judgement.

    The reasons are the sentences that block it; empty when it is allowed.
    """
    redenen: list[str] = []
    if leerroute != B1:
        redenen.append("Afschalen kan alleen in de B1-route.")
    uren = _decimal(nt2_uren_keurmerk)
    if uren < min_uren:
        redenen.append(
            f"Afschalen kan pas na minstens {min_uren} uur NT2 bij een aanbieder met "
            f"keurmerk; gevolgd: {_getal(uren)} uur."
        )
    if not (inzet_oordeel or "").strip():
        redenen.append("Leg vast of de inzet voldoende was.")
    return Toets(not redenen, tuple(redenen))


def z_route_uren_fouten(
    *,
    categorie: str,
    taal_knm_uren: Uren | None,
    participatie_uren: Uren | None,
    norm_taal_knm: int = Z_NORM_TAAL_KNM_UREN,
    norm_participatie: int = Z_NORM_PARTICIPATIE_UREN,
) -> dict[str, str]:
    """What is short in the hours of a Z-route, per field (empty: nothing).

    Besluit inburgering 2021 art. 3.14 [S] (DOMAIN.md §4, validation rule 5):
    asielstatushouders follow at least 800 hours of NT2 and KNM together and 800
    hours of participation; gezins- and overige migranten 800 hours of NT2 and KNM
    only. The rule is written for the planned hours of a traject; applied to the
    attended hours it says what is still to go.
    """
    if categorie not in (ASIEL, GEZIN_OVERIG):
        raise ValueError(f"Onbekende doelgroepcategorie: {categorie!r}")
    fouten: dict[str, str] = {}
    if _decimal(taal_knm_uren) < norm_taal_knm:
        fouten["taal_knm_uren"] = (
            f"De Z-route omvat minstens {norm_taal_knm} uur NT2 en KNM samen; nu "
            f"{_getal(taal_knm_uren)} uur."
        )
    if categorie == ASIEL and _decimal(participatie_uren) < norm_participatie:
        fouten["participatie_uren"] = (
            "Voor asielstatushouders omvat de Z-route ook minstens "
            f"{norm_participatie} uur participatie; nu {_getal(participatie_uren)} uur."
        )
    return fouten


def participatieverklaring_mag_getekend(
    *, pvt_uren: Uren | None, min_uren: int = MIN_PVT_UREN
) -> Toets:
    """May the participatieverklaring be recorded as signed? Only after at least 12
    hours of participatieverklaringstraject (Besluit inburgering 2021 art. 3.1 [S];
    DOMAIN.md §4, validation rule 6)."""
    if _decimal(pvt_uren) >= min_uren:
        return Toets(True, ())
    return Toets(
        False,
        (
            "De participatieverklaring kan pas als ondertekend worden vastgelegd na "
            f"minstens {min_uren} uur participatieverklaringstraject; gevolgd: "
            f"{_getal(pvt_uren)} uur.",
        ),
    )


# --- Fulfilment ----------------------------------------------------------------------


def eerste_geslaagd(
    examens: Iterable[Examen], *, onderdeel: str, niveau: str | None = None
) -> date | None:
    """The first day an exam of `onderdeel` was passed, at `niveau` or higher when
    a level is asked."""
    minimum = NIVEAUS.index(niveau) if niveau is not None else None
    dagen = [
        examen.datum
        for examen in examens
        if examen.onderdeel == onderdeel
        and examen.geslaagd
        and (
            minimum is None
            or (examen.niveau is not None and NIVEAUS.index(examen.niveau) >= minimum)
        )
    ]
    return min(dagen, default=None)


def inburgeringsplicht_voldaan(
    *,
    leerroute: str,
    taalniveau_doel: str | None,
    examens: Iterable[Examen],
    participatieverklaring_getekend: date | None,
    z_eindgesprek: date | None,
    onderwijsroute_resultaat: bool | None,
    onderwijsroute_resultaat_op: date | None = None,
    map_vereist: bool = False,
    map_afgerond: date | None = None,
) -> Voldaan:
    """Is the inburgeringsplicht fulfilled, and since when? (DOMAIN.md §4.)

    - B1-route (Wet art. 7 [V]): the exams lezen, luisteren, schrijven and spreken
      passed at `taalniveau_doel` or higher — B1, or A2 after afschalen (Besluit
      art. 5.5 [S]) —, the KNM exam, and the participatieverklaring signed
      (Besluit art. 3.1 [S]).
    - Onderwijsroute (Wet art. 9, probably [U]): the route's result
      (`onderwijsroute_resultaat`; its exact exit criterion was not seen [U], so
      the casusregisseur records it), the KNM exam and the participatieverklaring.
    - Z-route (Wet art. 10, probably [U]; Besluit art. 3.14 [S]): the eindgesprek
      and the participatieverklaring. KNM is coursework there, not an exam.

    MAP is a gemeente product and no DUO exam; whether completing it is a condition
    of fulfilment was not found [U]. With `map_vereist` it is (B1- and Z-route
    only: the onderwijsroute has no MAP, Wet art. 8 lid 3 [S]).

    A passed exam at a higher level counts for a lower goal. The day fulfilled is
    the day the last condition was met: the later of the dates involved (the
    onderwijsroute's result counts with `onderwijsroute_resultaat_op` when known).
    The reasons list what is met, with dates, when fulfilled, and else what is
    missing.
    """
    if leerroute not in ROUTES:
        raise ValueError(f"Onbekende leerroute: {leerroute!r}")
    examens = tuple(examens)
    gehaald: list[tuple[str, date | None]] = []
    ontbreekt: list[str] = []

    def eis(dag: date | None, gehaald_tekst: str, ontbreekt_tekst: str) -> None:
        if dag is None:
            ontbreekt.append(ontbreekt_tekst)
        else:
            gehaald.append((gehaald_tekst + f" op {_datum(dag)}.", dag))

    if leerroute == B1:
        if taalniveau_doel not in NIVEAUS:
            raise ValueError(f"Onbekend taalniveau: {taalniveau_doel!r}")
        for vaardigheid in TAALVAARDIGHEDEN:
            eis(
                eerste_geslaagd(examens, onderdeel=vaardigheid, niveau=taalniveau_doel),
                f"Examen {vaardigheid} op {taalniveau_doel} of hoger gehaald",
                f"Examen {vaardigheid} op {taalniveau_doel} nog niet gehaald.",
            )
    elif leerroute == ONDERWIJS:
        if not onderwijsroute_resultaat:
            ontbreekt.append("Resultaat van de onderwijsroute nog niet behaald.")
        else:
            dag = onderwijsroute_resultaat_op
            wanneer = "" if dag is None else f" op {_datum(dag)}"
            gehaald.append((f"Resultaat van de onderwijsroute behaald{wanneer}.", dag))
    else:
        eis(
            z_eindgesprek,
            "Eindgesprek van de Z-route gevoerd",
            "Eindgesprek van de Z-route nog niet gevoerd.",
        )
    if leerroute in (B1, ONDERWIJS):
        eis(
            eerste_geslaagd(examens, onderdeel=KNM),
            "Examen KNM gehaald",
            "Examen KNM nog niet gehaald.",
        )
    eis(
        participatieverklaring_getekend,
        "Participatieverklaring ondertekend",
        "Participatieverklaring nog niet ondertekend.",
    )
    if map_vereist and leerroute != ONDERWIJS:
        eis(map_afgerond, "MAP afgerond", "MAP nog niet afgerond.")

    if ontbreekt:
        return Voldaan(False, tuple(ontbreekt), None)
    dagen = [dag for _, dag in gehaald if dag is not None]
    return Voldaan(True, tuple(tekst for tekst, _ in gehaald), max(dagen))


# --- Participation -------------------------------------------------------------------


def duurzaam_werk_sinds(
    activiteiten: Iterable[Activiteit],
    *,
    op: date,
    min_uren_per_week: Uren = DUURZAAM_WERK_MIN_UREN_PER_WEEK,
    min_maanden: int = DUURZAAM_WERK_MIN_MAANDEN,
) -> date | None:
    """The day duurzaam werk was first reached, up to and including `op`, or None.

    Duurzaam werk is the seed's definition [U] (no legal one was found): paid work
    of at least `min_uren_per_week` hours a week (12) for at least `min_maanden`
    consecutive months (6). Jobs at the same time add their hours; any day without
    enough paid work is a gap that starts the count again; an activity without an
    end runs until `op`, and nothing after `op` counts.

    The day returned is the last day of the first unbroken run of `min_maanden`
    months, by the month-end rule (`periode_einde`, DOMAIN §13.1).
    """
    if min_uren_per_week <= 0 or min_maanden < 1:
        raise ValueError("Duurzaam werk vraagt een positief aantal uren en maanden.")
    drempel = _decimal(min_uren_per_week)
    banen = [
        (a.start, min(a.einde or op, op), _decimal(a.uren_per_week))
        for a in activiteiten
        if a.soort == BETAALD_WERK and a.start <= op
    ]
    grenzen = sorted(
        {start for start, _, _ in banen}
        | {einde + timedelta(days=1) for _, einde, _ in banen}
    )
    reeks_start: date | None = None
    # Between two neighbouring bounds the hours are the same every day.
    for van, tot in pairwise(grenzen):
        uren = sum(
            (u for start, einde, u in banen if start <= van <= einde), start=Decimal(0)
        )
        if uren < drempel:
            reeks_start = None
            continue
        if reeks_start is None:
            reeks_start = van
        voltooid = periode_einde(reeks_start, maanden=min_maanden)
        if voltooid < tot:
            return voltooid
    return None


def meedoen_sinds(activiteiten: Iterable[Activiteit], *, op: date) -> date | None:
    """The day the inburgeraar first took part in anything — paid work,
    volunteering, an internship, education or training, or another activity — that
    had started by `op`; None if nothing had. Meedoen is a policy goal of the
    quarterly report, not a legal term [U]."""
    return min((a.start for a in activiteiten if a.start <= op), default=None)


# --- On-track ------------------------------------------------------------------------


def op_koers(
    *,
    vandaag: date,
    termijn_start: date,
    termijn_einde: date,
    leerroute: str,
    uren_gevolgd: Uren | None,
    uren_norm: Uren | None,
    aanwezigheid_pct: Uren | None,
    laatste_voortgang_niveaus: Mapping[str, str],
    examenpogingen: Iterable[Examen],
    doel_niveau: str | None,
    uren_aanloop_maanden: int = UREN_AANLOOP_MAANDEN,
    uren_achter_risico_pct: Uren = UREN_ACHTER_RISICO_PCT,
    uren_achter_niet_op_koers_pct: Uren = UREN_ACHTER_NIET_OP_KOERS_PCT,
    aanwezigheid_risico_pct: Uren = AANWEZIGHEID_RISICO_PCT,
    aanwezigheid_niet_op_koers_pct: Uren = AANWEZIGHEID_NIET_OP_KOERS_PCT,
    examen_risico_maanden: int = EXAMEN_RISICO_MAANDEN,
    examen_niet_op_koers_maanden: int = EXAMEN_NIET_OP_KOERS_MAANDEN,
) -> KoersOordeel:
    """Will the inburgeraar make it within the termijn? A signal for the
    casusregisseur, not a decision. The thresholds are local policy [U]; no legal
    source sets them (DOMAIN.md §8: voortgang is a gemeente task, MvT §2.5.5 [S]).

    Pass the termijn as it stands, verlengingen included (`termijn_einde` is its
    last day), the hours attended so far and `uren_norm`, the route's hours for the
    whole termijn (e.g. 800 NT2 and KNM in the Z-route); `uren_norm` 0 or None
    means the route has no norm and the hours are not judged.

    Findings, each with a reason in Dutch words:
    - the termijn has not started: op koers, nothing else is judged;
    - the termijn has ended: niet op koers;
    - hours ("312 van 600 uur na 20 maanden") against the norm spread evenly over
      the termijn: more than `uren_achter_risico_pct` (20) % behind that schedule
      is risico, more than `uren_achter_niet_op_koers_pct` (40) % niet op koers;
      not judged in the first `uren_aanloop_maanden` (3) months;
    - attendance ("aanwezigheid 54 %"), when known: below 80 % risico, below
      60 % niet op koers;
    - exams, in the B1-route and the onderwijsroute (the Z-route ends with an
      eindgesprek): no attempt by the last 12 months of the termijn is risico, by
      the last 6 months niet op koers ("geen examenpoging 6 maanden voor het einde
      van de termijn");
    - the aanbieder's latest levels per skill against `doel_niveau`: from the
      middle of the termijn a skill two or more levels below the goal, and in the
      last 6 months any skill below it, is risico (an estimate, never more).

    The worst finding decides the status; all reasons are listed, worst first.
    """
    if termijn_einde < termijn_start:
        raise ValueError("Het einde van de termijn ligt voor de start.")
    if vandaag < termijn_start:
        return KoersOordeel(
            Koers.OP_KOERS,
            (f"de termijn begint op {_datum(termijn_start)}",),
        )
    bevindingen: list[tuple[Koers, str]] = []

    if vandaag > termijn_einde:
        bevindingen.append(
            (
                Koers.NIET_OP_KOERS,
                f"de termijn is verstreken op {_datum(termijn_einde)}",
            )
        )

    # Hours against the linear schedule.
    maanden = volle_maanden(termijn_start, vandaag)
    norm = _decimal(uren_norm)
    gevolgd = _decimal(uren_gevolgd)
    if norm <= 0:
        bevindingen.append((Koers.OP_KOERS, "geen urennorm voor deze route"))
    else:
        duur = (termijn_einde - termijn_start).days + 1
        verstreken = min((vandaag - termijn_start).days + 1, duur)
        verwacht = norm * verstreken / duur
        achter_pct = (verwacht - gevolgd) / verwacht * 100 if verwacht > 0 else 0
        reden = f"{_getal(gevolgd)} van {_getal(norm)} uur na {_maanden(maanden)}"
        if maanden < uren_aanloop_maanden:
            koers = Koers.OP_KOERS
        elif achter_pct > uren_achter_niet_op_koers_pct:
            koers = Koers.NIET_OP_KOERS
        elif achter_pct > uren_achter_risico_pct:
            koers = Koers.RISICO
        else:
            koers = Koers.OP_KOERS
        bevindingen.append((koers, reden))

    # Attendance.
    if aanwezigheid_pct is not None:
        pct = _decimal(aanwezigheid_pct)
        if pct < aanwezigheid_niet_op_koers_pct:
            koers = Koers.NIET_OP_KOERS
        elif pct < aanwezigheid_risico_pct:
            koers = Koers.RISICO
        else:
            koers = Koers.OP_KOERS
        bevindingen.append((koers, f"aanwezigheid {_getal(pct)} %"))

    # Exam attempts near the end of the termijn.
    laatste_6 = laatste_maanden_begin(
        termijn_einde, maanden=examen_niet_op_koers_maanden
    )
    laatste_12 = laatste_maanden_begin(termijn_einde, maanden=examen_risico_maanden)
    pogingen = sorted(e.datum for e in examenpogingen if e.datum <= vandaag)
    if leerroute in ROUTES_MET_EXAMENS:
        if pogingen:
            aantal = (
                "1 examenpoging"
                if len(pogingen) == 1
                else f"{len(pogingen)} examenpogingen"
            )
            bevindingen.append(
                (Koers.OP_KOERS, f"{aantal}, de laatste op {_datum(pogingen[-1])}")
            )
        elif vandaag >= laatste_6:
            bevindingen.append(
                (
                    Koers.NIET_OP_KOERS,
                    f"geen examenpoging {examen_niet_op_koers_maanden} maanden voor "
                    "het einde van de termijn",
                )
            )
        elif vandaag >= laatste_12:
            bevindingen.append(
                (
                    Koers.RISICO,
                    f"geen examenpoging {examen_risico_maanden} maanden voor het "
                    "einde van de termijn",
                )
            )

    # The aanbieder's latest levels per skill.
    for vaardigheid, niveau in laatste_voortgang_niveaus.items():
        if vaardigheid not in TAALVAARDIGHEDEN or niveau not in NIVEAUS:
            raise ValueError(f"Onbekende voortgang: {vaardigheid!r} {niveau!r}")
    if laatste_voortgang_niveaus and doel_niveau is not None:
        if doel_niveau not in NIVEAUS:
            raise ValueError(f"Onbekend doelniveau: {doel_niveau!r}")
        doel = NIVEAUS.index(doel_niveau)
        halverwege = termijn_start + (termijn_einde - termijn_start) / 2
        achter: list[str] = []
        for vaardigheid in TAALVAARDIGHEDEN:
            niveau = laatste_voortgang_niveaus.get(vaardigheid)
            if niveau is None:
                continue
            tekort = doel - NIVEAUS.index(niveau)
            if (vandaag >= laatste_6 and tekort >= 1) or (
                vandaag >= halverwege and tekort >= 2
            ):
                achter.append(vaardigheid)
        for vaardigheid in achter:
            bevindingen.append(
                (
                    Koers.RISICO,
                    f"{vaardigheid} op {laatste_voortgang_niveaus[vaardigheid]}, "
                    f"doel {doel_niveau}",
                )
            )
        if not achter:
            niveaus = ", ".join(
                f"{v} {laatste_voortgang_niveaus[v]}"
                for v in TAALVAARDIGHEDEN
                if v in laatste_voortgang_niveaus
            )
            bevindingen.append(
                (Koers.OP_KOERS, f"voortgang {niveaus}, doel {doel_niveau}")
            )

    bevindingen.sort(key=lambda bevinding: -bevinding[0].ernst)
    status = bevindingen[0][0] if bevindingen else Koers.OP_KOERS
    return KoersOordeel(status, tuple(reden for _, reden in bevindingen))
