"""Dated parameters: amounts, terms and limits that the law or local policy sets
and that change over time. Functioneel beheer adds a row with the date it applies
from; until a row exists, the default below applies. Never a literal in code.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models


@dataclass(frozen=True)
class Default:
    waarde: Decimal
    eenheid: str
    omschrijving: str
    bron: str


DEFAULTS: dict[str, Default] = {
    "schakelen_maanden": Default(
        Decimal(18),
        "maanden",
        "Schakelen naar een andere leerroute kan tot zoveel maanden na de start van de termijn",
        "nt2.nl; wetsartikel nog te controleren [S]",
    ),
    "afschalen_min_nt2_uren": Default(
        Decimal(600),
        "uren",
        "Minimum aantal uren NT2 bij een aanbieder met keurmerk voor afschalen B1 naar A2",
        "Besluit inburgering 2021 art. 5.5; DUO zakelijk [S]",
    ),
    "voortgangsgesprek_interval_weken": Default(
        Decimal(12),
        "weken",
        "Standaardinterval van voortgangsgesprekken in een nieuw PIP",
        "Lokaal beleid; geen wettelijke frequentie gevonden [U]",
    ),
    "pvt_uren_standaard": Default(
        Decimal(12),
        "uren",
        "Standaardintensiteit van het participatieverklaringstraject in een nieuw PIP",
        "Besluit inburgering 2021 art. 3.1: minstens 12 uur [S]",
    ),
    "onderwijsroute_max_leeftijd": Default(
        Decimal(27),
        "jaar",
        "Tot deze leeftijd adviseert het systeem de onderwijsroute (advies, geen wet)",
        "inburgeren.nl: 'vooral voor jongeren' [S]; grens is lokaal beleid [U]",
    ),
}


class Parameter(models.Model):
    code = models.CharField(max_length=60, choices=[(k, k) for k in DEFAULTS])
    geldig_vanaf = models.DateField()
    waarde = models.DecimalField(max_digits=12, decimal_places=2)
    bron = models.CharField(
        max_length=300, help_text="Regeling, beleidsregel of besluit"
    )

    class Meta:
        ordering = ["code", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "geldig_vanaf"], name="parameter_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.waarde} vanaf {self.geldig_vanaf}"


def waarde(code: str, op: date) -> Decimal:
    """The value of parameter `code` on day `op`."""
    row = (
        Parameter.objects.filter(code=code, geldig_vanaf__lte=op)
        .order_by("-geldig_vanaf")
        .values_list("waarde", flat=True)
        .first()
    )
    return row if row is not None else DEFAULTS[code].waarde


def geheel(code: str, op: date) -> int:
    return int(waarde(code, op))
