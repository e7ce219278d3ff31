"""How report figures are shown: the one place that suppresses small numbers, and
the geometry of the charts (SVG drawn by templates/monitoring/rapport/_grafieken.html,
the same on the dashboard and in the PDF).

Suppression (settings.KLEINE_AANTALLEN_GRENS, 5 by default), the same on the
dashboard, in the PDF and in the CSV:
- a number of persons from 1 up to the limit reads "minder dan 5 personen"; zero is
  shown;
- a percentage or median that rests on fewer persons than the limit, or whose
  numerator is such a small number (from a percentage and its base the count could be
  worked back), reads "niet getoond: minder dan 5 personen": words, never a "<5"
  that reads as a share in a percentage column or on a percentage scale;
- an amount that rests on counts of persons (a cell's "aantallen": the fines, the
  SPUK per person, the contract price per traject) is not shown when one of them is
  small: "Boetes <5" beside "€ 800,00" would reveal one fine;
- complementary suppression (`aanvullend_onderdrukt`): in a row per categorie, when
  one of the two categories is suppressed and the total is shown, the other
  categorie reads "niet getoond" as well, or the total minus the other would give the
  suppressed figure; likewise down a column of rows that split a known total.
Other money (uitvoeringskosten, the budget) is accounted publicly per gemeente and
never suppressed.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from monitoring.rapportage.basis import KOLOMMEN, Periode
from zevenaar_inburgering.nl import datum_tekst, getal
from zevenaar_inburgering.nl import euro as euro_tekst


def grens() -> int:
    return settings.KLEINE_AANTALLEN_GRENS


def _klein(aantal: int) -> bool:
    return 0 < aantal < grens()


def verborgen() -> str:
    """A suppressed number of persons."""
    return f"minder dan {grens()} personen"


def niet_getoond() -> str:
    """A suppressed percentage, median or amount: it rests on too few persons."""
    return f"niet getoond: {verborgen()}"


def onderdrukt(cel: dict) -> bool:
    """Whether the cell is too small to show (the rule, see the module docstring)."""
    if "n" in cel:
        return _klein(cel["n"])
    if "pct" in cel:
        return cel["noemer"] != 0 and (cel["noemer"] < grens() or _klein(cel["teller"]))
    if "dagen" in cel:
        return cel["noemer"] != 0 and cel["noemer"] < grens()
    if "euro" in cel:
        return any(_klein(aantal) for aantal in cel.get("aantallen", []))
    return False


AANVULLEND = "niet getoond"  # complementary suppression: not small itself


def toon(cel: dict, aanvullend: bool = False) -> str:
    """The text of one cell as a beleidsmedewerker may see it; `aanvullend`: the
    cell is suppressed only so that a suppressed neighbour cannot be worked back."""
    if onderdrukt(cel):
        return verborgen() if "n" in cel else niet_getoond()
    if aanvullend:
        return AANVULLEND
    if "n" in cel:
        return getal(cel["n"], decimalen=1)
    if "pct" in cel:
        if cel["noemer"] == 0:
            return f"— ({cel['zonder_basis']})" if cel.get("zonder_basis") else "—"
        return f"{getal(cel['pct'], decimalen=1)}%"
    if "dagen" in cel:
        if cel["noemer"] == 0 or cel["dagen"] is None:
            return "—"
        return getal(cel["dagen"], decimalen=1)
    if "euro" in cel:
        return euro_tekst(Decimal(cel["euro"]))
    return cel.get("tekst", "")


def aanvullend_onderdrukt(tabel: dict) -> list[list[bool]]:
    """Complementary suppression: per cell of the table, whether it is hidden only
    so that a suppressed neighbour cannot be worked back from a total.

    - In a row per categorie (two categories and their total), one suppressed
      categorie beside a shown total and a shown other categorie gives itself away
      (total minus the other): the other categorie goes too; the total, the figure
      most read, stays.
    - In a table whose rows split a total shown elsewhere (`som_bekend`, e.g. the
      stand per status against everyone whose plicht had started), a column with
      one suppressed count gives it away (the total minus the others): the
      smallest other count above zero goes too.
    Each hidden cell can make another derivable, so the rules repeat until nothing
    changes (the tables are small)."""
    rijen = [r["cellen"] for r in tabel["rijen"]]
    weg = [[onderdrukt(c) for c in cellen] for cellen in rijen]
    aanvullend = [[False] * len(cellen) for cellen in rijen]

    def verberg(i: int, j: int) -> None:
        weg[i][j] = aanvullend[i][j] = True

    veranderd = True
    while veranderd:
        veranderd = False
        if list(tabel["kolommen"]) == KOLOMMEN:
            for i, cellen in enumerate(rijen):
                if len(cellen) != 3 or weg[i][2]:
                    continue
                if weg[i][0] != weg[i][1]:
                    verberg(i, 1 if weg[i][0] else 0)
                    veranderd = True
                elif _beide_maximaal_klein(cellen, aanvullend[i]):
                    verberg(i, 2)
                    veranderd = True
        if tabel.get("som_bekend"):
            for j in range(len(tabel["kolommen"])):
                kolom = [
                    (i, rijen[i][j]["n"])
                    for i in range(len(rijen))
                    if "n" in rijen[i][j] and rijen[i][j]["n"] > 0
                ]
                verborgen_ = [i for i, _ in kolom if weg[i][j]]
                zichtbaar = [(n, i) for i, n in kolom if not weg[i][j]]
                if len(verborgen_) == 1 and zichtbaar:
                    verberg(min(zichtbaar)[1], j)
                    veranderd = True
    return aanvullend


def _beide_maximaal_klein(cellen: list[dict], aanvullend: list[bool]) -> bool:
    """Both categories are small counts and the total is twice the largest small
    number (8 with a limit of 5): then each must be 4."""
    return (
        all("n" in c for c in cellen)
        and not any(aanvullend[:2])
        and all(_klein(c["n"]) for c in cellen[:2])
        and cellen[2]["n"] == 2 * (grens() - 1)
    )


def tabellen_voor_weergave(cijfers: dict) -> list[dict]:
    """The report's sections with every cell turned into its shown text."""
    return [
        {
            **sectie,
            "tabellen": [_tabel_voor_weergave(t) for t in sectie["tabellen"]],
        }
        for sectie in cijfers.get("secties", [])
    ]


def _tabel_voor_weergave(tabel: dict) -> dict:
    aanvullend = aanvullend_onderdrukt(tabel)
    return {
        **tabel,
        "rijen": [
            {
                "label": r["label"],
                "cellen": [
                    toon(c, extra)
                    for c, extra in zip(r["cellen"], aanvullend[i], strict=True)
                ],
            }
            for i, r in enumerate(tabel["rijen"])
        ],
    }


CSV_KOLOMMEN = ["Stand", "Onderdeel", "Tabel", "Regel", "Kolom", "Waarde"]


def csv_rijen(cijfers: dict, gemaakt_op=None):
    """(stand, sectie, tabel, rij, kolom, waarde) for every cell, suppressed as
    shown; the first column says on every line whether the figure is provisional,
    so no copied or filtered line loses it."""
    stand_tekst = stand(cijfers, gemaakt_op)["stand_tekst"]
    for sectie in tabellen_voor_weergave(cijfers):
        for t in sectie["tabellen"]:
            for r in t["rijen"]:
                for kolom, waarde in zip(t["kolommen"], r["cellen"], strict=False):
                    yield (
                        stand_tekst,
                        sectie["titel"],
                        t["titel"],
                        r["label"].strip(),
                        kolom,
                        waarde,
                    )


# --- Charts ----------------------------------------------------------------------------

BREEDTE = 640
LABEL_BREEDTE = 190
BALK_HOOGTE = 22
RUIMTE = 10
KLEUREN = [
    "#154273",
    "#e17000",
    "#39870c",
]  # Rijkshuisstijl: donkerblauw, oranje, groen


def _horizontaal(staven: list[dict], maximum: float, streef: float | None) -> dict:
    """Horizontal bars: each staaf has label, waarde (or None when suppressed) and
    tekst. Returns the geometry for the template."""
    ruimte = BREEDTE - LABEL_BREEDTE - 70
    rijen = []
    for i, staaf in enumerate(staven):
        y = RUIMTE + i * (BALK_HOOGTE + RUIMTE)
        lengte = (
            0
            if staaf["waarde"] is None or not maximum
            else (ruimte * staaf["waarde"] / maximum)
        )
        rijen.append(
            {
                "label": staaf["label"],
                "tekst": staaf["tekst"],
                "y": y,
                "tekst_y": y + BALK_HOOGTE * 0.7,
                "lengte": round(lengte, 1),
                "tekst_x": round(LABEL_BREEDTE + lengte + 6, 1),
            }
        )
    hoogte = RUIMTE + len(staven) * (BALK_HOOGTE + RUIMTE) + 14
    lijn = None
    if streef is not None and maximum:
        lijn = {
            "x": round(LABEL_BREEDTE + ruimte * streef / maximum, 1),
            "tekst": f"streven {getal(streef, decimalen=1)}%",
        }
    return {
        "breedte": BREEDTE,
        "hoogte": hoogte,
        "label_breedte": LABEL_BREEDTE,
        "balk_hoogte": BALK_HOOGTE,
        "rijen": rijen,
        "streeflijn": lijn,
        "as_y": hoogte - 14,
    }


def doelen_grafieken(grafiek: list[dict]) -> list[dict]:
    uit = []
    for doel in grafiek:
        staven = []
        for s in doel["staven"]:
            tekst = toon(s)
            waarde = None if onderdrukt(s) or s["noemer"] == 0 else s["pct"]
            staven.append(
                {"label": f"Cohort {s['label']}", "waarde": waarde, "tekst": tekst}
            )
        uit.append(
            {"titel": doel["titel"], **_horizontaal(staven, 100.0, doel["streef"])}
        )
    return uit


def trechter_grafiek(stappen: list[dict]) -> dict:
    staven = []
    for s in stappen:
        tekst = toon({"n": s["n"]})
        staven.append(
            {
                "label": s["label"],
                "waarde": None if _klein(s["n"]) else s["n"],
                "tekst": tekst,
            }
        )
    maximum = max((s["waarde"] or 0 for s in staven), default=0)
    return _horizontaal(staven, float(maximum), None)


def geld_grafiek(geld: dict) -> dict:
    """Grouped vertical bars per quarter, one colour per series."""
    hoogte, onder, links = 260, 220, 90
    # A suppressed bar (None) has no height and does not set the scale, whose
    # maximum is printed.
    groepen = [
        {
            **groep,
            "reeksen": [
                None if onderdrukt({"euro": "0", "aantallen": aantallen}) else waarde
                for waarde, aantallen in zip(
                    groep["reeksen"],
                    groep.get("aantallen", [[] for _ in groep["reeksen"]]),
                    strict=True,
                )
            ],
        }
        for groep in geld["groepen"]
    ]
    maximum = (
        max((w for g in groepen for w in g["reeksen"] if w is not None), default=0) or 1
    )
    groep_breedte = (BREEDTE - links - 10) / max(len(groepen), 1)
    balk = min(36, groep_breedte / (len(geld["reeksen"]) + 1))
    uit_groepen = []
    for gi, groep in enumerate(groepen):
        x0 = links + gi * groep_breedte + balk / 2
        balken = []
        for ri, waarde in enumerate(groep["reeksen"]):
            h = 0 if waarde is None else (onder - 20) * waarde / maximum
            balken.append(
                {
                    "x": round(x0 + ri * balk, 1),
                    "y": round(onder - h, 1),
                    "breedte": round(balk - 2, 1),
                    "hoogte": round(h, 1),
                    "kleur": KLEUREN[ri % len(KLEUREN)],
                    "tekst": niet_getoond()
                    if waarde is None
                    else euro_tekst(Decimal(str(round(waarde, 2)))),
                    "reeks": geld["reeksen"][ri],
                }
            )
        uit_groepen.append(
            {
                "label": groep["label"],
                "label_x": round(x0 + balk * len(groep["reeksen"]) / 2, 1),
                "balken": balken,
            }
        )
    return {
        "breedte": BREEDTE,
        "hoogte": hoogte,
        "onder": onder,
        "links": links,
        "maximum_tekst": euro_tekst(Decimal(str(round(maximum)))),
        "groepen": uit_groepen,
        "legenda": [
            {"naam": naam, "kleur": KLEUREN[i % len(KLEUREN)], "x": links + i * 170}
            for i, naam in enumerate(geld["reeksen"])
        ],
    }


def grafieken(cijfers: dict) -> dict:
    g = cijfers.get("grafieken", {})
    return {
        "doelen": doelen_grafieken(g.get("doelen", [])),
        "trechter": trechter_grafiek(g.get("trechter", [])),
        "geld": geld_grafiek(g.get("geld", {"reeksen": [], "groepen": []})),
    }


def stand(cijfers: dict, gemaakt_op=None) -> dict:
    """Whether the report is provisional and the date of its data: the one place
    the dashboard, the PDF and the CSV read them from. A report stored before the
    date of the data was kept falls back to the day it was made."""
    if cijfers.get("stand"):
        datum = date.fromisoformat(cijfers["stand"])
    else:
        datum = timezone.localtime(gemaakt_op).date()
    voorlopig = Periode(cijfers["jaar"], cijfers["kwartaal"]).voorlopig_op(datum)
    titel = (
        f"Kwartaalrapportage inburgering {cijfers['jaar']}, kwartaal "
        f"{cijfers['kwartaal']}"
    )
    return {
        "voorlopig": voorlopig,
        "stand": datum,
        "titel": f"Voorlopige {titel[0].lower()}{titel[1:]}" if voorlopig else titel,
        "stand_tekst": ("voorlopig" if voorlopig else "definitief")
        + f", stand van {datum_tekst(datum)}",
    }


def context(cijfers: dict, gemaakt_op=None) -> dict:
    """What the dashboard and the PDF template need."""
    return stand(cijfers, gemaakt_op) | {
        "cijfers": cijfers,
        "peildatum": date.fromisoformat(cijfers["peildatum"]),
        "secties": tabellen_voor_weergave(cijfers),
        "grafieken": grafieken(cijfers),
        "grens": grens(),
        "kleuren": KLEUREN,
    }
