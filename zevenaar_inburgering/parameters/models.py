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
    "ontzorgen_maanden": Default(
        Decimal(6),
        "maanden",
        "Duur van financieel ontzorgen vanaf de start van het recht op bijstand",
        "Participatiewet art. 56a; Schulinck [S]",
    ),
    "boete_maximum": Default(
        Decimal(800),
        "euro",
        "Hoogste bestuurlijke boete van het college voor een overtreding Wi2021",
        "Wet inburgering 2021 art. 22/23; Schulinck [S]",
    ),
    "boete_rapport_grens": Default(
        Decimal(340),
        "euro",
        "Boven dit bedrag eerst een rapport en een zienswijze",
        "Awb art. 5:53",
    ),
    "boete_beslistermijn_weken": Default(
        Decimal(13),
        "weken",
        "Besluit over de boete binnen zoveel weken na het rapport",
        "Awb art. 5:51",
    ),
    "zienswijze_termijn_weken": Default(
        Decimal(2),
        "weken",
        "Standaardtermijn voor de zienswijze na het rapport",
        "Lokaal beleid [U]",
    ),
    "boete_asiel_toegestaan": Default(
        Decimal(1),
        "1 = ja, 0 = nee",
        "Het college mag asielstatushouders beboeten (HvJ EU 4-2-2025: alleen uitzonderlijk)",
        "DOMAIN.md §7.2; rechtspraak in beweging [U]",
    ),
    "boete_gezin_overig_toegestaan": Default(
        Decimal(1),
        "1 = ja, 0 = nee",
        "Het college mag gezins- en overige migranten beboeten",
        "Wet inburgering 2021 art. 22/23 [S]",
    ),
    "samenloop_venster_dagen": Default(
        Decimal(30),
        "dagen",
        "Een maatregel en een overtreding binnen zoveel dagen gelden als samenloop",
        "Lokaal beleid [U]",
    ),
    "escalatie_dagen": Default(
        Decimal(14),
        "dagen",
        "Een open signaal zoveel dagen na de vervaldatum gaat ook naar de teamleider",
        "Lokaal beleid [U]",
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
