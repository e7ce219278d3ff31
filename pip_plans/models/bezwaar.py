"""Bezwaar against a PIP beschikking."""

import uuid

from django.conf import settings
from django.db import models

from .pip import Beschikking, Pip


class BezwaarUitkomst(models.TextChoices):
    GEGROND = "gegrond", "Gegrond"
    DEELS_GEGROND = "deels_gegrond", "Deels gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk", "Niet-ontvankelijk"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Bezwaar(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    beschikking = models.ForeignKey(
        Beschikking, on_delete=models.PROTECT, related_name="bezwaren"
    )
    ontvangen_op = models.DateField("bezwaar ontvangen op")
    gronden = models.TextField("gronden van het bezwaar", blank=True)
    besluit_datum = models.DateField(
        "datum beslissing op bezwaar", null=True, blank=True
    )
    uitkomst = models.CharField(
        max_length=20, choices=BezwaarUitkomst.choices, blank=True
    )
    toelichting = models.TextField(blank=True)
    herziening = models.OneToOneField(
        Pip, on_delete=models.PROTECT, null=True, blank=True, related_name="bezwaar"
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "bezwaren"
        ordering = ["-ontvangen_op"]

    def __str__(self) -> str:
        return f"Bezwaar tegen {self.beschikking}"

    @property
    def tijdig(self) -> bool:
        return self.ontvangen_op <= self.beschikking.bezwaar_deadline

    @property
    def leidt_tot_herziening(self) -> bool:
        return self.uitkomst in (BezwaarUitkomst.GEGROND, BezwaarUitkomst.DEELS_GEGROND)
