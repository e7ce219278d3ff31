"""Rules on hours: attended hours per onderdeel, afschalen from B1 to A2, the
Z-route's hours and the participatieverklaringstraject's minimum."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from pip_plans.rules import B1, MIN_PVT_UREN

from .waarden import ASIEL, GEZIN_OVERIG, TRAJECT_ONDERDELEN, Uren, _decimal, _getal

# Besluit inburgering 2021 art. 3.14 [S]: the Z-route's 800 course hours (NT2 and
# KNM together) and, for asielstatushouders, 800 hours of participation.
Z_NORM_TAAL_KNM_UREN = 800
Z_NORM_PARTICIPATIE_UREN = 800


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


class Toets(NamedTuple):
    """Whether something is allowed and, if not, why (Dutch sentences)."""

    toegestaan: bool
    redenen: tuple[str, ...]


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
