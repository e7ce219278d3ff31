"""The parameters a report uses, with their values and sources."""

from datetime import date

from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.parameters.models import DEFAULTS, Parameter

from .basis import Periode

GEMEENTE_PARAMETERS = [
    "uitvoeringskosten_budget",
    "invoeringskosten",
    "taakstelling_huisvesting",
]
ALGEMENE_PARAMETERS = [
    "spuk_asiel",
    "spuk_gezin_overig",
    "spuk_onderwijsroute_toeslag",
    "aandeel_inburgeringsplichtig_pct",
    "doel1_duurzaam_werk_pct",
    "doel2_meedoen_pct",
    "doel3_voldaan_pct",
    "doel4_ketenoverleggen",
]


def gebruikte_parameters(p: Periode, gemeente) -> dict:
    """Every parameter the report uses, with its value and source (stored with the
    report). One query: all candidate rows, the best picked here. Per-gemeente
    amounts are summed over the gemeenten for the region; None when no row exists."""
    gemeenten = [gemeente] if gemeente is not None else list(Gemeente.objects.all())
    rijen = list(
        Parameter.objects.filter(code__in=ALGEMENE_PARAMETERS + GEMEENTE_PARAMETERS)
        .filter(geldig_vanaf__lte=p.eind)
        .order_by("-geldig_vanaf")
    )

    def beste(code: str, op: date, gemeente_id=None):
        kandidaten = [
            r
            for r in rijen
            if r.code == code
            and r.geldig_vanaf <= op
            and (r.geldig_tot is None or r.geldig_tot >= op)
            and r.gemeente_id in (gemeente_id, None)
        ]
        kandidaten.sort(
            key=lambda r: (r.gemeente_id is None, -r.geldig_vanaf.toordinal())
        )
        return kandidaten[0] if kandidaten else None

    uitkomst = {}
    for code in ALGEMENE_PARAMETERS:
        gevonden = beste(code, p.eind)
        uitkomst[code] = {
            "waarde": str(gevonden.waarde if gevonden else DEFAULTS[code].waarde),
            "bron": gevonden.bron if gevonden else f"Standaard: {DEFAULTS[code].bron}",
            "geldig_vanaf": gevonden.geldig_vanaf.isoformat() if gevonden else None,
            "omschrijving": DEFAULTS[code].omschrijving,
        }

    def per_gemeente(code: str, op: date) -> list[tuple]:
        """(gemeente, row) for every gemeente a row of `code` applies to."""
        paren = [(g, beste(code, op, g.pk)) for g in gemeenten]
        return [(g, r) for g, r in paren if r is not None]

    def som(code: str, op: date):
        gevonden = [r for _, r in per_gemeente(code, op)]
        if not gevonden:
            return None, []
        return str(sum(r.waarde for r in gevonden)), gevonden

    for code, op in (
        ("uitvoeringskosten_budget", p.eind),
        ("invoeringskosten", p.eind),
    ):
        waarde, gevonden = som(code, op)
        uitkomst[code] = {
            "waarde": waarde,
            "bron": "; ".join(sorted({r.bron for r in gevonden})) or "niet ingesteld",
            "omschrijving": DEFAULTS[code].omschrijving,
        }
    halfjaren = [date(p.jaar, 1, 1), date(p.jaar, 7, 1)]
    per_halfjaar, met_taakstelling, bronnen = [], [], set()
    for begin in halfjaren:
        waarde, gevonden = som("taakstelling_huisvesting", begin)
        per_halfjaar.append(waarde)
        # The gemeenten that have one: the region compares only their housed
        # statushouders with the sum of their taakstellingen.
        met_taakstelling.append(
            sorted(g.naam for g, _ in per_gemeente("taakstelling_huisvesting", begin))
        )
        bronnen |= {r.bron for r in gevonden}
    uitkomst["taakstelling_huisvesting"] = {
        "waarde": per_halfjaar[0],
        "per_halfjaar": per_halfjaar,
        "gemeenten_per_halfjaar": met_taakstelling,
        "bron": "; ".join(sorted(bronnen)) or "niet ingesteld",
        "omschrijving": DEFAULTS["taakstelling_huisvesting"].omschrijving,
    }
    return uitkomst
