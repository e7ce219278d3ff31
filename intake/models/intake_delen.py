"""The parts of a brede intake: health, work experience, onderdelen and conversations."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from intake.models.brede_intake import BredeIntake, GesprekSoort
from intake.models.dossier import Inburgeraar
from zevenaar_inburgering.accounts.models import (
    GEZONDHEID_ROLES,
)
from zevenaar_inburgering.nl import datum_tekst


class IntakeGezondheidQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IntakeGezondheidQuerySet":
        """THE policy for health and trauma data (AVG art. 9; DOMAIN.md §12 and
        rule 11): only GEZONDHEID_ROLES, and only for dossiers in their scope.
        Every page, export and PDF fetches health data through here."""
        if not user.is_authenticated or not user.has_role(GEZONDHEID_ROLES):
            return self.none()
        return self.filter(intake__inburgeraar__in=Inburgeraar.objects.visible_to(user))


class IntakeGezondheid(models.Model):
    """Physical and mental health and trauma from the brede intake: special-category
    personal data, kept apart from the intake so that access is one decision."""

    intake = models.OneToOneField(
        BredeIntake, on_delete=models.CASCADE, related_name="gezondheid"
    )
    fysieke_gezondheid = models.TextField("fysieke gezondheid", blank=True)
    mentale_gezondheid = models.TextField("mentale gezondheid", blank=True)
    trauma = models.TextField("trauma", blank=True)
    zorg_en_behandeling = models.TextField("zorg en behandeling", blank=True)
    belemmeringen_voor_inburgering = models.TextField(
        "belemmeringen voor de inburgering", blank=True
    )
    besproken_op = models.DateField("gezondheid besproken op", null=True, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = IntakeGezondheidQuerySet.as_manager()

    class Meta:
        verbose_name = "gezondheid (brede intake)"
        verbose_name_plural = "gezondheid (brede intake)"

    def __str__(self) -> str:
        return f"Gezondheid bij {self.intake}"

    def clean(self) -> None:
        if self.besproken_op and self.besproken_op > timezone.localdate():
            raise ValidationError({"besproken_op": "Deze datum ligt in de toekomst."})


class Werkervaring(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="werkervaringen"
    )
    beroep = models.CharField(max_length=200)
    sector = models.CharField(max_length=200, blank=True)
    jaren = models.DecimalField(
        "aantal jaren",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    land = models.CharField(max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "werkervaring"
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jaren__gte=0) & Q(jaren__lte=60),
                name="werkervaring_jaren_0_to_60",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beroep} ({self.jaren} jaar)"


class IntakeOnderdeelSoort(models.Model):
    """A further part of the brede intake beyond the statutory three. The list in
    the Besluit was not seen [U], so functioneel beheer keeps it in the admin."""

    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(
        default=True, help_text="Alleen actieve onderdelen staan in nieuwe intakes."
    )

    class Meta:
        verbose_name = "onderdeel van de brede intake"
        verbose_name_plural = "onderdelen van de brede intake"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class IntakeOnderdeel(models.Model):
    """The findings of one checklist part in one intake."""

    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="onderdelen"
    )
    soort = models.ForeignKey(
        IntakeOnderdeelSoort, on_delete=models.PROTECT, related_name="+"
    )
    bevindingen = models.TextField(blank=True)
    afgerond = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "intakeonderdelen"
        ordering = ["soort__volgorde", "soort__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "soort"], name="one_onderdeel_per_soort_per_intake"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} ({self.intake})"


class Gesprek(models.Model):
    """A conversation held for the brede intake, with who took part."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="gesprekken"
    )
    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=GesprekSoort.choices)
    coa = models.BooleanField("COA was erbij", default=False)
    rsd = models.BooleanField("RSD-klantmanager was erbij", default=False)
    tolk = models.BooleanField("tolk was erbij", default=False)
    tolk_taal = models.CharField("taal van de tolk", max_length=100, blank=True)
    overige_deelnemers = models.CharField(
        "overige deelnemers", max_length=300, blank=True
    )
    notities = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "gesprekken"
        ordering = ["-datum", "-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tolk=True) | Q(tolk_taal=""),
                name="gesprek_tolk_taal_only_with_tolk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {datum_tekst(self.datum)}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.tolk and not self.tolk_taal.strip():
            errors["tolk_taal"] = "Vul in in welke taal de tolk heeft getolkt."
        if not self.tolk and self.tolk_taal.strip():
            errors["tolk_taal"] = "Vink 'tolk was erbij' aan, of laat de taal leeg."
        if self.datum and self.datum > timezone.localdate():
            errors["datum"] = "Een gesprek in de toekomst kunt u nog niet vastleggen."
        if errors:
            raise ValidationError(errors)

    @property
    def deelnemers(self) -> list[str]:
        names = []
        if self.coa:
            names.append("COA")
        if self.rsd:
            names.append("RSD")
        if self.tolk:
            names.append(f"tolk ({self.tolk_taal})" if self.tolk_taal else "tolk")
        if self.overige_deelnemers:
            names.append(self.overige_deelnemers)
        return names
