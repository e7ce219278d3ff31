"""The cells and tables of a report section: plain data (JSON-safe)."""

from decimal import ROUND_HALF_UP, Decimal

from .basis import CATEGORIEEN, KOLOMMEN


def n(waarde) -> dict:
    """A number of persons (or cases): suppressed below the minimum when shown."""
    return {"n": int(waarde or 0)}


def verwacht_aantal(aantal: Decimal, percentage: Decimal) -> Decimal:
    """An expected number of persons: `percentage` % of `aantal`, in whole persons,
    a half rounded up (65 % of 50 = 32,5 is 33; Python's round() would give 32)."""
    return (aantal * percentage / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def pct(teller, noemer, zonder_basis: str = "") -> dict:
    """A share of persons; suppressed when the denominator is below the minimum.
    `zonder_basis`: why there is no share when nobody is in the base, shown with
    the "—"."""
    teller, noemer = int(teller or 0), int(noemer or 0)
    waarde = round(100 * teller / noemer, 1) if noemer else None
    cel = {"pct": waarde, "teller": teller, "noemer": noemer}
    if zonder_basis and not noemer:
        cel["zonder_basis"] = zonder_basis
    return cel


def euro(bedrag, aantallen=()) -> dict:
    """An amount; `aantallen` are the counts of persons it rests on (the fines, the
    SPUK per person), so that it is suppressed with them: an amount divided by a
    known price would give the suppressed count."""
    cel = {"euro": str(Decimal(bedrag or 0).quantize(Decimal("0.01")))}
    if aantallen:
        cel["aantallen"] = [int(a or 0) for a in aantallen]
    return cel


def euro_per_cat(label: str, bedragen: dict, *aantallen: dict) -> dict:
    """A row of amounts per categorie, each with the counts it rests on."""
    return rij(
        label,
        [euro(bedragen[cat], [a[cat] for a in aantallen]) for cat, _ in CATEGORIEEN],
    )


def dagen(waarde, aantal) -> dict:
    """A median number of days over `aantal` persons."""
    return {
        "dagen": None if waarde is None else round(float(waarde), 1),
        "noemer": int(aantal or 0),
    }


def tekst(waarde: str) -> dict:
    return {"tekst": waarde}


def rij(label: str, cellen: list) -> dict:
    return {"label": label, "cellen": cellen}


def tabel(
    titel: str,
    rijen: list,
    kolommen=None,
    toelichting: str = "",
    som_bekend: bool = False,
) -> dict:
    """`som_bekend`: the rows split a total shown elsewhere in the report, so a
    single suppressed count per column could be worked back (monitoring.weergave
    then hides a second)."""
    uit = {
        "titel": titel,
        "kolommen": kolommen or KOLOMMEN,
        "rijen": rijen,
        "toelichting": toelichting,
    }
    if som_bekend:
        uit["som_bekend"] = True
    return uit


def rij_per_cat(label: str, waarden: dict, cel=n) -> dict:
    return rij(label, [cel(waarden[cat]) for cat, _ in CATEGORIEEN])
