"""On-track: will the inburgeraar make it within the termijn? A signal for the
casusregisseur, not a decision; the thresholds are local policy [U]."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pip_plans.rules import B1, ONDERWIJS, termijn_verstreken
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.termijnen import (
    laatste_maanden_begin,
    volle_maanden,
)

from .voldaan import Examen
from .waarden import NIVEAUS, TAALVAARDIGHEDEN, Uren, _decimal, _getal, _maanden

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
    """`status` None: no judgement yet (the termijn has not started); the reasons
    say why."""

    status: Koers | None
    redenen: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.status.label if self.status else "Nog geen oordeel"


def op_koers(
    *,
    vandaag: date,
    termijn_start: date,
    termijn_einde: date,
    leerroute: str,
    traject_loopt: bool,
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
    - the termijn has not started: no judgement yet (status None), nothing else
      is judged;
    - the termijn has ended: niet op koers;
    - no running traject at an aanbieder (`traject_loopt` False): risico, and the
      hours are not judged (the norm comes with the traject). This read "op koers"
      beside "geen lopend traject" before, which contradicted itself (issue 19);
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
            None,
            (f"nog geen oordeel: de termijn begint op {datum_tekst(termijn_start)}",),
        )
    bevindingen: list[tuple[Koers, str]] = []

    if termijn_verstreken(termijn_einde, vandaag):
        bevindingen.append(
            (
                Koers.NIET_OP_KOERS,
                f"de termijn is verstreken op {datum_tekst(termijn_einde)}",
            )
        )

    # Hours against the linear schedule.
    maanden = volle_maanden(termijn_start, vandaag)
    norm = _decimal(uren_norm)
    gevolgd = _decimal(uren_gevolgd)
    if not traject_loopt:
        bevindingen.append((Koers.RISICO, "geen lopend traject bij een aanbieder"))
    elif norm <= 0:
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
                (Koers.OP_KOERS, f"{aantal}, de laatste op {datum_tekst(pogingen[-1])}")
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
