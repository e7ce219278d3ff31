"""Dated parameters: amounts, terms and limits that the law or local policy sets
and that change over time. Functioneel beheer adds a row with the date it applies
from; until a row exists, the default below applies. Never a literal in code.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Q


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
        "Kan voor de overtreding een hogere boete dan dit bedrag worden opgelegd (het "
        "maximum, niet het voorgenomen bedrag), dan eerst een rapport en een zienswijze",
        "Awb art. 5:53 lid 1",
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
    "aow_leeftijd_maanden": Default(
        Decimal(804),
        "maanden",
        "AOW-leeftijd: de inburgeringsplicht geldt tot deze leeftijd (67 jaar = 804 "
        "maanden; vanaf 2028 67 jaar en 3 maanden)",
        "Wet inburgering 2021 art. 3; Algemene Ouderdomswet art. 7a [S]",
    ),
    "boete_vervaltermijn_jaren": Default(
        Decimal(5),
        "jaren",
        "Na zoveel jaren na de overtreding kan geen boete meer worden opgelegd",
        "Awb art. 5:45 lid 1 [A]",
    ),
    "bezwaar_nazending_dagen": Default(
        Decimal(7),
        "dagen",
        "Een bezwaar dat op tijd is gepost, is tijdig als het binnen zoveel dagen na "
        "de termijn binnenkomt",
        "Awb art. 6:9 lid 2 [A]",
    ),
    "bezwaar_beslistermijn_weken": Default(
        Decimal(6),
        "weken",
        "Beslissen op bezwaar binnen zoveel weken na het einde van de bezwaartermijn",
        "Awb art. 7:10 lid 1 [A]",
    ),
    "bezwaar_adviescommissie": Default(
        Decimal(0),
        "1 = ja, 0 = nee",
        "De gemeente laat een adviescommissie adviseren over bezwaren (Awb art. 7:13)",
        "Lokale keuze per gemeente [U]",
    ),
    "bezwaar_beslistermijn_commissie_weken": Default(
        Decimal(12),
        "weken",
        "Beslistermijn op bezwaar met een adviescommissie",
        "Awb art. 7:10 lid 1 [A]",
    ),
    "bezwaar_verdaging_weken": Default(
        Decimal(6),
        "weken",
        "De beslissing op bezwaar kan één keer met zoveel weken worden verdaagd",
        "Awb art. 7:10 lid 3 [A]",
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
    # --- Archiving (DOMAIN.md §13.6): what the archive package says of a decision,
    # on its dagtekening (zevenaar_inburgering/archief.py, docs/archief.md).
    "archief_bewaren": Default(
        Decimal(0),
        "1 = bewaren, 0 = vernietigen",
        "Archiefnominatie van beschikkingen, brieven en beslissingen op bezwaar in het "
        "archiefpakket: blijvend bewaren (1) of vernietigen na de bewaartermijn (0)",
        "Selectielijst gemeenten en intergemeentelijke organen 2020; te bevestigen "
        "door de gemeentearchivaris [U]",
    ),
    "archief_bewaartermijn_jaren": Default(
        Decimal(10),
        "jaren",
        "Bewaartermijn volgens de selectielijst van beschikkingen, brieven en "
        "beslissingen op bezwaar in het archiefpakket",
        "Selectielijst gemeenten en intergemeentelijke organen 2020; te bevestigen "
        "door de gemeentearchivaris [U]",
    ),
    # --- Kwartaalrapportage: money, housing and the policy goals (DESIGN.md §2.8).
    # Amounts that differ per gemeente carry a gemeente; without a row: 0, shown
    # as "niet ingesteld" in the report.
    "spuk_asiel": Default(
        Decimal(0),
        "euro per persoon",
        "SPUK Wi2021 per asielstatushouder (per jaar van de start van de plicht)",
        "Regeling inburgering 2021, jaarlijks gepubliceerd [U]",
    ),
    "spuk_gezin_overig": Default(
        Decimal(0),
        "euro per persoon",
        "SPUK Wi2021 per gezins- of overige migrant",
        "Regeling inburgering 2021, jaarlijks gepubliceerd [U]",
    ),
    # No value before 2026: the 2022-2025 onderwijsroute money was a separate
    # national SPUK, not an amount per person (DOMAIN.md §10).
    "spuk_onderwijsroute_toeslag": Default(
        Decimal(0),
        "euro per persoon",
        "SPUK Wi2021-toeslag onderwijsroute (vanaf 2026): eenmalig, in het jaar van "
        "huisvesting, per asielstatushouder van wie het PIP de onderwijsroute "
        "vaststelt, zodat de trajectprijs ten minste € 17.000 is; bedrag te "
        "bevestigen [U]",
        "Regeling inburgering 2021 / Kamerbrief onderwijsroute 2026-2029 [U]",
    ),
    "invoeringskosten": Default(
        Decimal(0),
        "euro",
        "Eenmalige invoeringskosten van de gemeente (per gemeente)",
        "Beleidsplan van de gemeente",
    ),
    "uitvoeringskosten_budget": Default(
        Decimal(0),
        "euro per jaar",
        "Budget uitvoeringskosten in de algemene uitkering (per gemeente, per jaar)",
        "Beleidsplan / begroting van de gemeente",
    ),
    "taakstelling_huisvesting": Default(
        Decimal(0),
        "personen per halfjaar",
        "Taakstelling huisvesting statushouders in het halfjaar (per gemeente)",
        "Rijksoverheid / provincie: halfjaarlijkse taakstelling",
    ),
    "aandeel_inburgeringsplichtig_pct": Default(
        Decimal(65),
        "procent",
        "Deel van de gehuisveste statushouders dat inburgeringsplichtig is",
        "Beleidsplan Zevenaar (ongeveer 65 %) [S]",
    ),
    "doel1_duurzaam_werk_pct": Default(
        Decimal(40),
        "procent",
        "Doel 1: asielstatushouders in de B1- of Z-route in duurzaam werk binnen 3 jaar",
        "Beleidsplan Zevenaar",
    ),
    "doel2_meedoen_pct": Default(
        Decimal(80),
        "procent",
        "Doel 2: asielstatushouders die binnen 2 jaar meedoen",
        "Beleidsplan Zevenaar",
    ),
    "doel3_voldaan_pct": Default(
        Decimal(80),
        "procent",
        "Doel 3: asielstatushouders die binnen 3 jaar aan de plicht voldoen",
        "Beleidsplan Zevenaar",
    ),
    "doel4_ketenoverleggen": Default(
        Decimal(2),
        "per jaar",
        "Doel 4: de keten komt minstens zo vaak per jaar bijeen",
        "Beleidsplan Zevenaar",
    ),
}


class ParameterQuerySet(models.QuerySet):
    def geldig_op(self, op: date, gemeente=None) -> "ParameterQuerySet":
        """The rows that apply on day `op` (for `gemeente`, or for all gemeenten),
        best first: a gemeente's own row before the general one, then the latest."""
        gemeente_q = Q(gemeente__isnull=True)
        if gemeente is not None:
            gemeente_q |= Q(gemeente=gemeente)
        return (
            self.filter(gemeente_q, geldig_vanaf__lte=op)
            .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=op))
            .order_by(models.F("gemeente").asc(nulls_last=True), "-geldig_vanaf")
        )


class Parameter(models.Model):
    code = models.CharField(max_length=60, choices=[(k, k) for k in DEFAULTS])
    gemeente = models.ForeignKey(
        "accounts.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: geldt voor alle gemeenten",
    )
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(
        "geldig tot en met", null=True, blank=True, help_text="Leeg: tot een nieuwere"
    )
    waarde = models.DecimalField(max_digits=12, decimal_places=2)
    bron = models.CharField(
        max_length=300, help_text="Regeling, beleidsregel of besluit"
    )

    objects = ParameterQuerySet.as_manager()

    class Meta:
        ordering = ["code", "gemeente__naam", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "gemeente", "geldig_vanaf"],
                name="parameter_per_gemeente_per_date",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_vanaf")),
                name="parameter_period",
            ),
        ]

    def __str__(self) -> str:
        waar = f" ({self.gemeente})" if self.gemeente_id else ""
        return f"{self.code}{waar} = {self.waarde} vanaf {self.geldig_vanaf}"


def waarde(code: str, op: date, gemeente=None) -> Decimal:
    """The value of parameter `code` on day `op` (for `gemeente` if it has its own)."""
    row = (
        Parameter.objects.filter(code=code)
        .geldig_op(op, gemeente)
        .values_list("waarde", flat=True)
        .first()
    )
    return row if row is not None else DEFAULTS[code].waarde


def geheel(code: str, op: date) -> int:
    return int(waarde(code, op))
