"""Fulfilment: whether the inburgeringsplicht is voldaan, and since when, from
the exams passed and what the casusregisseur recorded."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from pip_plans.rules import B1, ONDERWIJS, ROUTES
from zevenaar_inburgering.nl import datum_tekst

from .waarden import EXAMEN_ONDERDELEN, KNM, NIVEAUS, TAALVAARDIGHEDEN


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


class Voldaan(NamedTuple):
    """Whether the inburgeringsplicht is fulfilled, why (what is met, with dates,
    or else what is missing), and the day it was fulfilled."""

    voldaan: bool
    redenen: tuple[str, ...]
    datum: date | None


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

    - The MAP (Module Arbeidsmarkt en Participatie), a gemeente product and no DUO
      exam, is part of the plicht in the B1-route and the Z-route (Wet art. 8
      [S]; DOMAIN §13.5, corrected 2026-12-05); the onderwijsroute has none (Wet
      art. 8 lid 3 [S]).

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
            gehaald.append((gehaald_tekst + f" op {datum_tekst(dag)}.", dag))

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
            wanneer = "" if dag is None else f" op {datum_tekst(dag)}"
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
        # The PVT hours can be complete while the signature is missing: say it is a
        # separate step, or the two lines read as a contradiction (issue 19).
        "Participatieverklaring nog niet ondertekend (los van de gevolgde PVT-uren).",
    )
    if leerroute != ONDERWIJS:
        eis(map_afgerond, "MAP afgerond", "MAP nog niet afgerond.")

    if ontbreekt:
        return Voldaan(False, tuple(ontbreekt), None)
    dagen = [dag for _, dag in gehaald if dag is not None]
    return Voldaan(True, tuple(tekst for tekst, _ in gehaald), max(dagen))
