"""Verwijzingen to ketenpartners, maatschappelijke begeleiding and the
voortgangsgesprekken."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar
from intake.models.toegang import ScopedQuerySet, scoped
from zevenaar_inburgering.accounts.models import Role

from .organisaties import Organisatie

# --- Keten ---------------------------------------------------------------------------


class VerwijzingStatus(models.TextChoices):
    VERSTUURD = "verstuurd", "Verstuurd"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    AFGEROND = "afgerond", "Afgerond"


class Verwijzing(models.Model):
    """A referral to a ketenpartner."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="verwijzingen"
    )
    ketenpartner = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="verwijzingen"
    )
    reden = models.TextField("reden van de verwijzing")
    verstuurd_op = models.DateField("verstuurd op")
    status = models.CharField(
        max_length=20,
        choices=VerwijzingStatus.choices,
        default=VerwijzingStatus.VERSTUURD,
    )
    status_op = models.DateField("status sinds")
    terugkoppeling = models.TextField(blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "verwijzingen"
        ordering = ["-verstuurd_op"]

    def __str__(self) -> str:
        return f"Verwijzing naar {self.ketenpartner}"


class MaatschappelijkeBegeleiding(models.Model):
    """Maatschappelijke begeleiding of an asielstatushouder (DOMAIN.md §6): its
    period (no statutory duration [U]) and the four mandatory elements."""

    ELEMENTEN = (
        (
            "praktische_hulp",
            "Praktische hulp bij basisvoorzieningen (werk, wonen, inkomen)",
        ),
        ("start_inburgering", "Hulp bij de start van de inburgering"),
        ("begeleiding_inburgering", "Begeleiding gericht op de inburgering"),
        ("stimuleren_participatie", "Stimuleren van participatie en integratie"),
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar,
        on_delete=models.PROTECT,
        related_name="maatschappelijke_begeleidingen",
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField()
    einde = models.DateField("einde (gepland of werkelijk)", null=True, blank=True)
    praktische_hulp = models.BooleanField(ELEMENTEN[0][1], default=False)
    start_inburgering = models.BooleanField(ELEMENTEN[1][1], default=False)
    begeleiding_inburgering = models.BooleanField(ELEMENTEN[2][1], default=False)
    stimuleren_participatie = models.BooleanField(ELEMENTEN[3][1], default=False)
    toelichting = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "maatschappelijke begeleiding"
        verbose_name_plural = "maatschappelijke begeleiding"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="begeleiding_period",
            )
        ]

    def __str__(self) -> str:
        return f"Maatschappelijke begeleiding door {self.organisatie}"

    def elementen(self) -> list[tuple[str, bool]]:
        return [(label, getattr(self, veld)) for veld, label in self.ELEMENTEN]


class VoortgangsgesprekQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Dossier roles: every meeting. RSD klantmanager: only the meetings held
        with an RSD klantmanager present, of their own clients (DESIGN.md §1); their
        page shows the date, the participants and the agreed actions."""
        if user.is_authenticated and user.role == Role.RSD_KLANTMANAGER:
            return scoped(self, user, rsd=True).filter(
                rsd_klantmanager_aanwezig=True, gehouden_op__isnull=False
            )
        return super().visible_to(user)


class Voortgangsgesprek(models.Model):
    """A progress meeting, planned at the PIP's interval (local policy, DOMAIN.md §8)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="voortgangsgesprekken"
    )
    gepland_op = models.DateField("gepland op")
    gehouden_op = models.DateField("gehouden op", null=True, blank=True)
    deelnemers = models.CharField(max_length=300, blank=True)
    rsd_klantmanager_aanwezig = models.BooleanField(
        "RSD-klantmanager was erbij", default=False
    )
    verslag = models.TextField(blank=True)
    afspraken = models.TextField("gemaakte afspraken", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = VoortgangsgesprekQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "voortgangsgesprekken"
        ordering = ["-gepland_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(gehouden_op__isnull=True),
                name="voortgangsgesprek_one_planned",
            )
        ]

    def __str__(self) -> str:
        return f"Voortgangsgesprek {self.gepland_op}"
