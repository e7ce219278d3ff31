"""Brieven: the ontzorgingsbeschikking, the letters of a handhavingszaak (waarschuwing,
voornemen, afschrift van het rapport, boetebeschikking), the beslissing op bezwaar
and the letters made in bulk from the werkvoorraad (the uitnodiging for the brede
intake), the latter with the Brievenbundel that prints them in one go. Each has its
verzenddatum: the bekendmaking (Awb art. 3:41) from which terms run."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from intake.models import Inburgeraar
from intake.models.toegang import scoped
from zevenaar_inburgering.accounts.models import Role


class BriefSoort(models.TextChoices):
    ONTZORGINGSBESCHIKKING = "ontzorgingsbeschikking", "Ontzorgingsbeschikking"
    WAARSCHUWING = "waarschuwing", "Schriftelijke waarschuwing"
    VOORNEMEN = "voornemen", "Voornemen tot een boete"
    RAPPORT = "rapport", "Afschrift van het rapport"
    BOETEBESCHIKKING = "boetebeschikking", "Boetebeschikking"
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", "Beslissing op bezwaar"
    # To the new gemeente after a verhuizing (leerroutes/overdracht.py).
    OVERDRACHT = "overdracht", "Overdracht aan de nieuwe gemeente"
    # Made in bulk from the werkvoorraad (pip_plans/services/uitnodigingen.py).
    UITNODIGING_INTAKE = "uitnodiging_intake", "Uitnodiging brede intake"


# Letters that are a besluit: bezwaar is open against them (Awb art. 8:1, 7:1).
BESLUITEN = (BriefSoort.ONTZORGINGSBESCHIKKING, BriefSoort.BOETEBESCHIKKING)
# The letters of a handhavingszaak.
ZAAKBRIEVEN = (
    BriefSoort.WAARSCHUWING,
    BriefSoort.VOORNEMEN,
    BriefSoort.RAPPORT,
    BriefSoort.BOETEBESCHIKKING,
)


# The one letter an RSD klantmanager may download: ontzorgen is carried out by RSD.
RSD_BRIEVEN = (BriefSoort.ONTZORGINGSBESCHIKKING,)


class BriefQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BriefQuerySet":
        """Dossier roles: every letter of their dossiers. RSD klantmanager: only the
        ontzorgingsbeschikking of their own clients, never a handhaving letter."""
        if user.is_authenticated and user.role == Role.RSD_KLANTMANAGER:
            return scoped(self, user, rsd=True).filter(soort__in=RSD_BRIEVEN)
        return scoped(self, user)


class BrievenbundelQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BrievenbundelQuerySet":
        """A bundle holds the letters of several dossiers: only a user who may see
        every one of its letters (Brief.visible_to) sees it."""
        onzichtbaar = Brief.objects.filter(bundel=OuterRef("pk")).exclude(
            pk__in=Brief.objects.visible_to(user).values("pk")
        )
        return self.filter(~Exists(onzichtbaar))


class Brievenbundel(models.Model):
    """The print file of letters made in one go from the werkvoorraad: every letter
    of the batch in one PDF, to print at once. Each letter is also stored on its
    own dossier (Brief.bundel); the bundle is a copy of those pages, made from the
    same rendering (pip_plans.brieven.documenten_samenvoegen), so it cannot differ
    from the letters sent. Never changes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=30, choices=BriefSoort.choices)
    pdf = models.CharField(max_length=255, help_text="Naam in de afgeschermde opslag")
    sha256 = models.CharField(max_length=64)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = BrievenbundelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "brievenbundels"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"


class Brief(models.Model):
    """A generated letter with its PDF in private storage. Never changes (a database
    trigger refuses it, migration 0004); a correction is a new letter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="brieven"
    )
    soort = models.CharField(max_length=30, choices=BriefSoort.choices)
    ontzorging = models.ForeignKey(
        "Ontzorging",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    handhavingszaak = models.ForeignKey(
        "Handhavingszaak",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    bezwaar = models.ForeignKey(
        "Bezwaar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    bundel = models.ForeignKey(
        Brievenbundel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    # The text version the letter was written with (issue 20): an old letter can
    # be explained. Empty for letters from before versioned texts, and for the
    # overdracht, whose text is not kept by functioneel beheer.
    brieftekst = models.ForeignKey(
        "Brieftekst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brieven",
    )
    kenmerk = models.CharField(max_length=60, unique=True)
    dagtekening = models.DateField()
    verzenddatum = models.DateField(
        help_text="De dag van verzending: de bekendmaking (Awb art. 3:41)."
    )
    bezwaar_deadline = models.DateField("bezwaar uiterlijk", null=True, blank=True)
    pdf = models.CharField(max_length=255, help_text="Naam in de afgeschermde opslag")
    sha256 = models.CharField(max_length=64)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = BriefQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "brieven"
        ordering = ["-dagtekening", "-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(soort="ontzorgingsbeschikking", ontzorging__isnull=False)
                    | Q(soort__in=ZAAKBRIEVEN, handhavingszaak__isnull=False)
                    | Q(soort="beslissing_op_bezwaar", bezwaar__isnull=False)
                    | Q(soort="overdracht")
                    | Q(soort="uitnodiging_intake")
                ),
                name="brief_belongs_to_its_case",
            ),
            models.CheckConstraint(
                condition=Q(verzenddatum__gte=models.F("dagtekening")),
                name="brief_sent_after_dagtekening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.kenmerk}"
