"""The verwerkingenlog: one append-only row per action per betrokkene.

The fields follow SECURITY.md ("The verwerkingenlog row"), a union of BIO2, the
VNG Verwerkingenlogging API and Logius' Logboek Dataverwerkingen. A database
trigger (migration 0002) makes UPDATE and DELETE on the table fail.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Now

from zevenaar_inburgering.accounts.models import Gemeente, Role


class Verwerkingsactiviteit(models.Model):
    """The register of processing activities each log row points to."""

    id = models.UUIDField(primary_key=True, editable=False)
    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=200)
    grondslag = models.CharField(max_length=300)
    bewaartermijn = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "verwerkingsactiviteiten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Actie(models.TextChoices):
    RAADPLEGEN = "raadplegen", "Raadplegen"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    VERWIJDEREN = "verwijderen", "Verwijderen"
    IMPORTEREN = "importeren", "Importeren"
    EXPORTEREN = "exporteren", "Exporteren"
    PDF_GENEREREN = "pdf_genereren", "PDF genereren"


class Resultaat(models.TextChoices):
    OK = "ok", "Gelukt"
    GEWEIGERD = "geweigerd", "Geweigerd"
    FOUT = "fout", "Fout"


class Vertrouwelijkheid(models.TextChoices):
    NORMAAL = "normaal", "Normaal"
    VERTROUWELIJK = "vertrouwelijk", "Vertrouwelijk"
    OPGEHEVEN = "opgeheven", "Opgeheven"


class VerwerkingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "VerwerkingQuerySet":
        """Functioneel beheer reads the log of its own gemeenten; nobody else."""
        if not user.is_authenticated or not user.has_role({Role.FUNCTIONEEL_BEHEERDER}):
            return self.none()
        return self.filter(
            models.Q(gemeente__in=user.gemeenten.values("pk"))
            | models.Q(gemeente__isnull=True)
        )


class Verwerking(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trace_id = models.UUIDField(db_index=True)
    span_id = models.UUIDField(default=uuid.uuid4)
    parent_span_id = models.UUIDField(null=True, blank=True)
    tijdstip = models.DateTimeField(db_index=True)
    tijdstip_registratie = models.DateTimeField(db_default=Now())
    actie = models.CharField(max_length=20, choices=Actie.choices)
    actie_naam = models.CharField(max_length=200)
    handeling = models.CharField(max_length=100)
    verwerkingsactiviteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="+"
    )
    vertrouwelijkheid = models.CharField(
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.VERTROUWELIJK,
    )
    bewaartermijn = models.CharField(max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_rol = models.CharField(max_length=32, blank=True)
    oorsprong_ip = models.GenericIPAddressField(null=True, blank=True)
    oorsprong_user_agent = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    betrokkene_id = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="HMAC-SHA256 van het BSN"
    )
    betrokkene_id_type = models.CharField(max_length=10, default="BSN")
    soorten_gegevens = ArrayField(models.CharField(max_length=40), default=list)
    resultaat = models.CharField(
        max_length=20, choices=Resultaat.choices, default=Resultaat.OK
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    systeem = models.CharField(max_length=100)
    uitvoerder = models.CharField(
        max_length=40, blank=True, help_text="OIN van de gemeente"
    )
    afnemer = models.CharField(max_length=200, blank=True)

    objects = VerwerkingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "verwerkingen"
        ordering = ["-tijdstip"]
        indexes = [models.Index(fields=["actor", "-tijdstip"])]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("De verwerkingenlog is alleen aan te vullen.")
        super().save(*args, **kwargs)
