"""Hours: the monthly urenregistratie, the aanbieder's voortgangsrapportages and the
CSV imports of hours."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar
from intake.models.toegang import RsdScopedQuerySet, ScopedQuerySet
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from ..rules.waarden import TAALVAARDIGHEDEN
from .organisaties import Organisatie
from .route import Niveau, Onderdeel
from .traject import Traject


class UrenBron(models.TextChoices):
    HANDMATIG = "handmatig", "Handmatig"
    IMPORT = "import", "Import van de aanbieder"


class Urenregistratie(models.Model):
    """Hours attended in one month, for one onderdeel, at one aanbieder. One row per
    (aanbieder, inburgeraar, maand, onderdeel): a new report for the same key
    replaces the old one, so an import can be repeated."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="uren"
    )
    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="uren")
    aanbieder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+"
    )
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    maand = models.DateField(help_text="De eerste dag van de maand.")
    uren_aanwezig = models.DecimalField(
        "uren aanwezig",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(744)],
    )
    uren_geroosterd = models.DecimalField(
        "uren geroosterd",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(744)],
    )
    # The aanbieder's keurmerk was valid in this month (for afschalen, DOMAIN.md §4).
    keurmerk = models.BooleanField()
    bron = models.CharField(max_length=20, choices=UrenBron.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "urenregistratie"
        verbose_name_plural = "urenregistraties"
        ordering = ["-maand", "onderdeel"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "inburgeraar", "maand", "onderdeel"],
                name="uren_one_per_aanbieder_person_month_onderdeel",
            ),
            models.CheckConstraint(
                condition=Q(maand__day=1), name="uren_maand_is_first_day"
            ),
            models.CheckConstraint(
                condition=Q(uren_aanwezig__gte=0), name="uren_aanwezig_not_negative"
            ),
        ]
        indexes = [
            # The report's "besteed" reads a year of hours (monitoring.rapportage.
            # geld.besteed): with the columns it needs in the index it reads the
            # index only, not the whole table (100,000 dossiers: 3 million rows,
            # 0.8 s as a sequential scan, 0.4 s from this index).
            models.Index(
                fields=["maand"],
                include=["inburgeraar", "traject", "onderdeel", "uren_aanwezig"],
                name="uren_maand_besteed_idx",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_onderdeel_display()} {self.maand:%m-%Y}: {self.uren_aanwezig}"
        )


class Voortgangsrapportage(models.Model):
    """A progress report of the aanbieder: levels per skill and attendance."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="voortgangsrapportages"
    )
    aanbieder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateField()
    lezen = models.CharField(max_length=2, choices=Niveau.choices, blank=True)
    luisteren = models.CharField(max_length=2, choices=Niveau.choices, blank=True)
    schrijven = models.CharField(max_length=2, choices=Niveau.choices, blank=True)
    spreken = models.CharField(max_length=2, choices=Niveau.choices, blank=True)
    aanwezigheid_pct = models.PositiveSmallIntegerField(
        "aanwezigheid (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    opmerkingen = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["-datum", "-vastgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aanwezigheid_pct__isnull=True)
                | Q(aanwezigheid_pct__lte=100),
                name="voortgang_aanwezigheid_pct",
            )
        ]

    def __str__(self) -> str:
        return f"Voortgang {self.datum}"

    def niveaus(self) -> dict[str, str]:
        return {
            vaardigheid: getattr(self, vaardigheid)
            for vaardigheid in TAALVAARDIGHEDEN
            if getattr(self, vaardigheid)
        }


class UrenImportStatus(models.TextChoices):
    GEIMPORTEERD = "geimporteerd", "Geïmporteerd"
    GEWEIGERD = "geweigerd", "Geweigerd"


class UrenImportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UrenImportQuerySet":
        """Imports uploaded by the user, or by a user sharing one of their gemeenten
        (dossier roles only). An import holds counts and line numbers, no persons."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if not user.has_role(DOSSIER_ROLES):
            return self.none()
        return self.filter(
            Q(geupload_door=user)
            | Q(geupload_door__gemeenten__in=user.gemeenten.values("pk"))
        ).distinct()

    def with_aantal_fouten(self) -> "UrenImportQuerySet":
        """For lists: the number of errors, without loading them all."""
        return self.defer("fouten").annotate(
            aantal_fouten=models.Func(
                "fouten",
                function="jsonb_array_length",
                output_field=models.IntegerField(),
            )
        )


class UrenImport(models.Model):
    """One uploaded hours file and its outcome: all rows imported, or none (then
    `fouten` says why, per line)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    aanbieder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="uren_imports"
    )
    bestandsnaam = models.CharField(max_length=255)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=UrenImportStatus.choices)
    aantal_regels = models.PositiveIntegerField(default=0)
    aantal_nieuw = models.PositiveIntegerField(default=0)
    aantal_gewijzigd = models.PositiveIntegerField(default=0)
    aantal_ongewijzigd = models.PositiveIntegerField(default=0)
    fouten = models.JSONField(default=list, help_text="[{regel, reden}]")

    objects = UrenImportQuerySet.as_manager()

    class Meta:
        verbose_name = "urenimport"
        verbose_name_plural = "urenimports"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Urenimport {self.bestandsnaam}"
