"""Finding a cell of the kwartaalrapport's figures, and the rows the tests read most.

Three numbers per row are (asielstatushouders, gezins- en overige migranten, totaal).
"""

from monitoring import weergave

ASIEL, GEZIN, TOTAAL = "Asielstatushouders", "Gezins- en overige migranten", "Totaal"
KOLOMMEN = (ASIEL, GEZIN, TOTAAL)


def vind_sectie(cijfers_of_secties, code: str) -> dict:
    secties = (
        cijfers_of_secties["secties"]
        if isinstance(cijfers_of_secties, dict)
        else cijfers_of_secties
    )
    gevonden = [s for s in secties if s["code"] == code]
    assert gevonden, f"no section {code!r} in {[s['code'] for s in secties]}"
    return gevonden[0]


def vind_tabel(cijfers, code: str, titel: str) -> dict:
    """The table of section `code` whose title is `titel` or starts with it."""
    tabellen = vind_sectie(cijfers, code)["tabellen"]
    for t in tabellen:
        if t["titel"] == titel or t["titel"].startswith(titel):
            return t
    raise AssertionError(f"no table {titel!r} in {[t['titel'] for t in tabellen]}")


def rij(cijfers, code: str, titel: str, label: str) -> dict:
    """{kolom: cel} of the row `label` (leading spaces ignored). Works on bereken()'s
    figures (raw cells) and on tabellen_voor_weergave() (shown texts)."""
    t = vind_tabel(cijfers, code, titel)
    for r in t["rijen"]:
        if r["label"].strip() == label:
            return dict(zip(t["kolommen"], r["cellen"], strict=True))
    raise AssertionError(
        f"no row {label!r} in {[r['label'].strip() for r in t['rijen']]}"
    )


def cel(cijfers, code: str, titel: str, label: str, kolom: str):
    """One cell; `kolom` is the column title or its beginning ("Doel 1")."""
    cellen = rij(cijfers, code, titel, label)
    for naam, waarde in cellen.items():
        if naam == kolom or naam.startswith(kolom):
            return waarde
    raise AssertionError(f"no column {kolom!r} in {list(cellen)}")


def aantallen(cijfers, code: str, titel: str, label: str) -> tuple:
    """The (asiel, gezin, totaal) numbers of a row of counts."""
    cellen = rij(cijfers, code, titel, label)
    return tuple(cellen[k]["n"] for k in KOLOMMEN)


def bedragen(cijfers, code: str, titel: str, label: str) -> tuple:
    """The (asiel, gezin, totaal) amounts of a row of money (without the counts
    they rest on)."""
    cellen = rij(cijfers, code, titel, label)
    return tuple(cellen[k]["euro"] for k in KOLOMMEN)


def getoond(cijfers, code: str, titel: str, label: str) -> tuple:
    """The (asiel, gezin, totaal) texts as a beleidsmedewerker sees them."""
    cellen = rij(weergave.tabellen_voor_weergave(cijfers), code, titel, label)
    return tuple(cellen[k] for k in KOLOMMEN)


def getoond_cel(cijfers, code: str, titel: str, label: str, kolom: str) -> str:
    return cel(weergave.tabellen_voor_weergave(cijfers), code, titel, label, kolom)


def pct(waarde, teller, noemer) -> dict:
    return {"pct": waarde, "teller": teller, "noemer": noemer}


# Rows of the figures as (section code, table title, row label).

KW = ("instroom", "Instroom en uitstroom", "Nieuwe inburgeringsplichtigen (kwartaal)")
JAAR = (
    "instroom",
    "Instroom en uitstroom",
    "Nieuwe inburgeringsplichtigen (jaar tot nu)",
)
UIT = ("instroom", "Instroom en uitstroom", "Uitstroom: plicht voldaan (kwartaal)")
VOORRAAD = (
    "instroom",
    "Instroom en uitstroom",
    "Voorraad op de peildatum: begonnen, nog niet afgerond",
)
TIJDIG = ("intake_pip", "In het kwartaal", "waarvan binnen de termijn van 10 weken")
MEDIAAN = (
    "intake_pip",
    "In het kwartaal",
    "mediaan aantal dagen van kennisgeving tot PIP",
)
SPUK_LABEL = "SPUK toegekend voor het cohort (geen ontvangen geld)"
SPUK = ("geld", "Inburgeringsvoorzieningen 2022", SPUK_LABEL)
GECOMMITTEERD_LABEL = (
    "Gecommitteerd: contractprijs per gestart traject (een routewissel telt als twee)"
)
