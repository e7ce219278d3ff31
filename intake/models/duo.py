"""DUO imports and the signals they carry."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models.dossier import Inburgeraar
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    Role,
)


class DuoImportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DuoImportQuerySet":
        """An import is seen by whoever uploaded it, and by functioneel beheer of the
        same gemeenten."""
        if not user.is_authenticated or not user.has_role(DOSSIER_ROLES):
            return self.none()
        if user.role == Role.FUNCTIONEEL_BEHEERDER:
            return self.filter(
                Q(geupload_door=user)
                | Q(geupload_door__gemeenten__in=user.gemeenten.values("pk"))
            ).distinct()
        return self.filter(geupload_door=user)


class DuoImport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bestandsnaam = models.CharField(max_length=255)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # {"aangemaakt": 3, "bijgewerkt": 1, ...}: counted once, shown in the list.
    samenvatting = models.JSONField(default=dict)

    objects = DuoImportQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return self.bestandsnaam


class Uitkomst(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "Aangemaakt"
    BIJGEWERKT = "bijgewerkt", "Bijgewerkt"
    ONGEWIJZIGD = "ongewijzigd", "Ongewijzigd"
    GECORRIGEERD = "gecorrigeerd", "Gecorrigeerd"
    TERUGGEDRAAID = "teruggedraaid", "Teruggedraaid"
    GEWEIGERD = "geweigerd", "Geweigerd"


class DuoImportRegel(models.Model):
    """The outcome of one line of an uploaded file."""

    duo_import = models.ForeignKey(
        DuoImport, on_delete=models.CASCADE, related_name="regels"
    )
    regelnummer = models.PositiveIntegerField()
    signaal_id = models.CharField(max_length=64, blank=True)
    soort = models.CharField(max_length=20, blank=True)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices)
    reden = models.CharField(max_length=500, blank=True)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["regelnummer"]

    def __str__(self) -> str:
        return f"Regel {self.regelnummer}: {self.get_uitkomst_display()}"


class SignaalSoort(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    WIJZIGING = "wijziging", "Wijziging"
    CORRECTIE = "correctie", "Correctie"


class DuoSignaal(models.Model):
    """A DUO signal that was applied. Its id makes the import idempotent; what it
    changed ({veld: [oud, nieuw]}) lets a correctie reverse it."""

    signaal_id = models.CharField(max_length=64, unique=True)
    soort = models.CharField(max_length=20, choices=SignaalSoort.choices)
    regel = models.OneToOneField(
        DuoImportRegel, on_delete=models.PROTECT, related_name="signaal"
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.SET_NULL, null=True, related_name="duo_signalen"
    )
    heeft_aangemaakt = models.BooleanField(default=False)
    wijzigingen = models.JSONField(default=dict)
    gecorrigeerd_door = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verwerkt_op = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.signaal_id


# --- Brede intake (Wet inburgering 2021 art. 14; DOMAIN.md §2) --------------------
