"""The keten: taalaanbieders and other ketenpartners, and the contracts of regional
purchasing. Reference data kept by functioneel beheer in the admin."""

from datetime import date

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from intake.models import Leerroute

from .route import Onderdeel

# --- The keten ---------------------------------------------------------------------


class OrganisatieSoort(models.TextChoices):
    TAALAANBIEDER = "taalaanbieder", "Taalaanbieder"
    RSD = "rsd", "Sociale dienst (RSD)"
    MAATSCHAPPELIJKE_BEGELEIDING = (
        "maatschappelijke_begeleiding",
        "Maatschappelijke begeleiding",
    )
    WELZIJN = "welzijn", "Welzijn en cultuur"
    TAALMAATJES = "taalmaatjes", "Taalmaatjesproject"
    WERKGEVER = "werkgever", "Werkgever"
    OVERIG = "overig", "Overige ketenpartner"


class Organisatie(models.Model):
    """A taalaanbieder or another ketenpartner."""

    naam = models.CharField(max_length=200, unique=True)
    soort = models.CharField(max_length=40, choices=OrganisatieSoort.choices)
    contactpersoon = models.CharField(max_length=200, blank=True)
    telefoon = models.CharField(max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    keurmerk_nummer = models.CharField(
        "Blik op Werk-keurmerk (nummer)", max_length=40, blank=True
    )
    keurmerk_geldig_van = models.DateField(
        "keurmerk geldig vanaf", null=True, blank=True
    )
    keurmerk_geldig_tot = models.DateField(
        "keurmerk geldig tot en met", null=True, blank=True
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "ketenpartner"
        verbose_name_plural = "ketenpartners en taalaanbieders"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(keurmerk_geldig_van__isnull=True)
                | Q(keurmerk_geldig_tot__isnull=True)
                | Q(keurmerk_geldig_tot__gte=models.F("keurmerk_geldig_van")),
                name="organisatie_keurmerk_period",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def keurmerk_geldig_op(self, dag: date) -> bool:
        """Wet art. 32 [S]: a keurmerk (in practice Blik op Werk) valid on `dag`."""
        return (
            bool(self.keurmerk_nummer)
            and self.keurmerk_geldig_tot is not None
            and (self.keurmerk_geldig_van is None or self.keurmerk_geldig_van <= dag)
            and dag <= self.keurmerk_geldig_tot
        )


def keurmerk_geldig_q(dag: date, prefix: str = "") -> Q:
    """The same rule as Organisatie.keurmerk_geldig_op, as a filter."""
    return (
        ~Q(**{f"{prefix}keurmerk_nummer": ""})
        & Q(**{f"{prefix}keurmerk_geldig_tot__gte": dag})
        & (
            Q(**{f"{prefix}keurmerk_geldig_van__isnull": True})
            | Q(**{f"{prefix}keurmerk_geldig_van__lte": dag})
        )
    )


class Contract(models.Model):
    """A purchase contract with a taalaanbieder for one leerroute (regional
    purchasing). Prices are per person for the whole route and per onderdeel."""

    aanbieder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="contracten",
        limit_choices_to={"soort": OrganisatieSoort.TAALAANBIEDER},
    )
    leerroute = models.CharField(max_length=20, choices=Leerroute.choices)
    kenmerk = models.CharField("contractkenmerk", max_length=60, blank=True)
    start = models.DateField("ingangsdatum")
    einde = models.DateField("einddatum")
    prijs_route = models.DecimalField(
        "prijs per persoon voor de route (€)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name_plural = "contracten"
        ordering = ["aanbieder__naam", "leerroute", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gte=models.F("start")), name="contract_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aanbieder} – {self.get_leerroute_display()} ({self.start:%Y})"

    def geldig_op(self, dag: date) -> bool:
        return self.start <= dag <= self.einde


class ContractOnderdeel(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="onderdelen"
    )
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    uren = models.PositiveIntegerField("uren in het aanbod")
    prijs = models.DecimalField(
        "prijs per persoon (€)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "onderdeel in het contract"
        verbose_name_plural = "onderdelen in het contract"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "onderdeel"], name="contract_onderdeel_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_onderdeel_display()
