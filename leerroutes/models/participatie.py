"""Participation: work, volunteering, internships and education."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar
from intake.models.toegang import RsdScopedQuerySet

from ..rules import waarden
from ..rules.participatie import Activiteit

# --- Participation -------------------------------------------------------------------


class ActiviteitSoort(models.TextChoices):
    BETAALD_WERK = waarden.BETAALD_WERK, "Betaald werk"
    VRIJWILLIGERSWERK = waarden.VRIJWILLIGERSWERK, "Vrijwilligerswerk"
    STAGE = waarden.STAGE, "Stage"
    OPLEIDING = waarden.OPLEIDING, "Opleiding of training"
    OVERIG = waarden.OVERIG, "Andere activiteit"


class Participatieactiviteit(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="participatieactiviteiten"
    )
    soort = models.CharField(max_length=20, choices=ActiviteitSoort.choices)
    organisatie = models.CharField(max_length=200)
    omschrijving = models.CharField(max_length=300, blank=True)
    uren_per_week = models.DecimalField(
        "uren per week",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    start = models.DateField()
    einde = models.DateField("einde (laatste dag)", null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "participatieactiviteit"
        verbose_name_plural = "participatieactiviteiten"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="activiteit_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} bij {self.organisatie}"

    def als_regel(self) -> Activiteit:
        return Activiteit(
            soort=self.soort,
            start=self.start,
            einde=self.einde,
            uren_per_week=self.uren_per_week,
        )
