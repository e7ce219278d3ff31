"""Exam attempts and the afronding of the inburgeringsplicht."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar
from intake.models.toegang import RsdScopedQuerySet

from ..rules.voldaan import Examen
from ..rules.waarden import KNM
from .route import Examenonderdeel, Niveau


class Examenpoging(models.Model):
    """One attempt at a DUO exam (or the staatsexamen NT2) and its result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="examenpogingen"
    )
    onderdeel = models.CharField(max_length=20, choices=Examenonderdeel.choices)
    niveau = models.CharField(max_length=2, choices=Niveau.choices, blank=True)
    datum = models.DateField("examendatum")
    geslaagd = models.BooleanField()
    cijfer = models.CharField(max_length=20, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "examenpoging"
        verbose_name_plural = "examenpogingen"
        ordering = ["onderdeel", "datum", "vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(onderdeel=KNM) | ~Q(niveau=""),
                name="examen_taal_has_niveau",
            )
        ]

    def __str__(self) -> str:
        return f"Examen {self.get_onderdeel_display()} {self.datum}"

    def als_regel(self) -> Examen:
        return Examen(
            onderdeel=self.onderdeel,
            niveau=self.niveau or None,
            geslaagd=self.geslaagd,
            datum=self.datum,
        )


class Afronding(models.Model):
    """What ends a route besides the exams: the participatieverklaring, the Z-route
    eindgesprek, the onderwijsroute's result, MAP completed."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="afronding"
    )
    participatieverklaring_getekend_op = models.DateField(
        "participatieverklaring ondertekend op", null=True, blank=True
    )
    z_eindgesprek_op = models.DateField(
        "eindgesprek Z-route gevoerd op", null=True, blank=True
    )
    z_eindgesprek_verslag = models.TextField("verslag eindgesprek", blank=True)
    onderwijsroute_resultaat_op = models.DateField(
        "resultaat onderwijsroute behaald op", null=True, blank=True
    )
    onderwijsroute_resultaat = models.TextField(
        "resultaat onderwijsroute",
        blank=True,
        help_text="Bijvoorbeeld: taalniveau B1 en ingeschreven bij een mbo-opleiding.",
    )
    map_afgerond_op = models.DateField("MAP afgerond op", null=True, blank=True)
    voldaan_op = models.DateField(
        "inburgeringsplicht voldaan op", null=True, blank=True
    )
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "afrondingen"

    def __str__(self) -> str:
        return f"Afronding van {self.inburgeraar}"
