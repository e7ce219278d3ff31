"""A person's traject at a taalaanbieder and its planned hours."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar, Leerroute
from intake.models.toegang import RsdScopedQuerySet
from pip_plans.models import Pip

from .organisaties import Contract, Organisatie
from .route import Onderdeel

# --- Traject -------------------------------------------------------------------------


class TrajectEinde(models.TextChoices):
    SCHAKELEN = "schakelen", "Andere leerroute"
    ANDERE_AANBIEDER = "andere_aanbieder", "Andere aanbieder"
    VOLDAAN = "voldaan", "Inburgeringsplicht voldaan"
    BEEINDIGD = "beeindigd", "Beëindigd"
    VERHUISD = "verhuisd", "Verhuisd naar een andere gemeente"


class Traject(models.Model):
    """One assignment of an inburgeraar to an aanbieder for a route. A change of
    route or aanbieder closes it (einde) and starts a new one; history stays."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="trajecten"
    )
    pip = models.ForeignKey(Pip, on_delete=models.PROTECT, related_name="trajecten")
    leerroute = models.CharField(max_length=20, choices=Leerroute.choices)
    aanbieder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="trajecten"
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajecten",
    )
    # Gezins- and overige migranten choose and pay their course themselves
    # (DOMAIN.md validation rule 8): the choice is recorded, nothing is bought.
    ingekocht = models.BooleanField(default=True)
    start = models.DateField()
    geplande_einde = models.DateField("gepland einde")
    einde = models.DateField(null=True, blank=True)
    einde_reden = models.CharField(
        "reden einde", max_length=20, choices=TrajectEinde.choices, blank=True
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "trajecten"
        ordering = ["-start", "-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(einde__isnull=True),
                name="traject_one_open_per_inburgeraar",
            ),
            models.CheckConstraint(
                condition=Q(geplande_einde__gte=models.F("start")),
                name="traject_planned_period",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | ~Q(einde_reden=""),
                name="traject_einde_has_reden",
            ),
            models.CheckConstraint(
                condition=Q(ingekocht=False) | Q(contract__isnull=False),
                name="traject_ingekocht_has_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_leerroute_display()} bij {self.aanbieder}"

    @property
    def is_open(self) -> bool:
        return self.einde is None

    def onderdeel_codes(self) -> list[str]:
        """Its onderdelen in the order of Onderdeel (from prefetched rows, if any)."""
        volgorde = list(Onderdeel.values)
        return sorted((o.onderdeel for o in self.onderdelen.all()), key=volgorde.index)


class TrajectOnderdeel(models.Model):
    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="onderdelen"
    )
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    geplande_uren = models.PositiveIntegerField("geplande uren")
    start = models.DateField()
    geplande_einde = models.DateField("gepland einde")

    class Meta:
        verbose_name = "trajectonderdeel"
        verbose_name_plural = "trajectonderdelen"
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "onderdeel"], name="traject_onderdeel_unique"
            ),
            models.CheckConstraint(
                condition=Q(geplande_einde__gte=models.F("start")),
                name="traject_onderdeel_period",
            ),
        ]

    def __str__(self) -> str:
        return self.get_onderdeel_display()
