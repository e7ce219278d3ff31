"""The derived state of a person's route (leerroutes/routestand.py derives it)."""

from django.db import models

from intake.models import Inburgeraar
from intake.models.toegang import RsdScopedQuerySet

from .route import KoersStatus

# --- Derived state -------------------------------------------------------------------


class Routestand(models.Model):
    """Where the inburgeraar stands, derived by routestand.routestand_bijwerken() from
    the rows above (never edited by hand): the on-track judgement, the hours, the
    participation goals and the next voortgangsgesprek. Kept as a row so that the
    werkvoorraad can filter on it and the reports count it with SQL."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="routestand"
    )
    koers = models.CharField(
        max_length=20, choices=KoersStatus.choices, blank=True, db_index=True
    )
    koers_redenen = models.JSONField(default=list)
    uren_gevolgd = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    uren_norm = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    duurzaam_werk_sinds = models.DateField(null=True, blank=True)
    meedoen_sinds = models.DateField(null=True, blank=True)
    volgend_voortgangsgesprek = models.DateField(null=True, blank=True, db_index=True)
    berekend_op = models.DateField()

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "routestanden"

    def __str__(self) -> str:
        return f"Routestand van {self.inburgeraar}"

    @property
    def koers_label(self) -> str:
        return self.get_koers_display() if self.koers else "Nog niet beoordeeld"
