"""Financieel ontzorgen (DOMAIN.md §5)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar
from intake.models.toegang import RsdScopedQuerySet
from zevenaar_inburgering.validators import validate_iban


class CursusStatus(models.TextChoices):
    NIET_GEPLAND = "niet_gepland", "Nog niet gepland"
    GEPLAND = "gepland", "Gepland"
    GEVOLGD = "gevolgd", "Gevolgd"
    AFGEROND = "afgerond", "Afgerond"


class AndereGrondslag(models.TextChoices):
    """The basis for ontzorgen after the Pw art. 56a period (DOMAIN.md §5, §13.5):
    56a covers six months; longer only on another basis [S: Schulinck]."""

    PW57_BUDGETBEHEER = "pw57_budgetbeheer", "Participatiewet art. 57 (budgetbeheer)"
    SCHULDHULPVERLENING = (
        "schuldhulpverlening",
        "Wet gemeentelijke schuldhulpverlening (budgetbeheer)",
    )
    VRIJWILLIG = (
        "vrijwillig",
        "Vrijwillig, op verzoek van de klant (met machtiging)",
    )


class OntzorgingQuerySet(RsdScopedQuerySet):
    pass


class Ontzorging(models.Model):
    """The ontzorgen period of a holder of an asylum permit with a right to bijstand
    (Pw art. 56a [S]): from the date the right starts for `duur_maanden` (the dated
    parameter on that date, six months), earlier over when the bijstand ends, longer
    only as maatwerk on another basis (`andere_grondslag`) with a reason.
    `einddatum` is derived by rules.ontzorgen_einde() and stored so lists and
    signals can filter on it.

    An extension recorded before the basis was asked has none; there is no check
    constraint for it, so those rows stay valid: the page asks for it and a new
    ontzorgingsbeschikking is refused until it is recorded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="ontzorging"
    )
    startdatum = models.DateField("recht op bijstand vanaf")
    duur_maanden = models.PositiveSmallIntegerField("duur (maanden)")
    bijstand_einde = models.DateField("bijstand beëindigd op", null=True, blank=True)
    verlengd_tot = models.DateField("verlengd tot (maatwerk)", null=True, blank=True)
    andere_grondslag = models.CharField(
        "grondslag na de periode van art. 56a",
        max_length=30,
        choices=AndereGrondslag.choices,
        blank=True,
        help_text="Verplicht bij een verlenging: artikel 56a geldt zes maanden.",
    )
    verlenging_reden = models.TextField("reden van de verlenging", blank=True)
    einddatum = models.DateField(db_index=True)
    machtiging_getekend_op = models.DateField(
        "machtiging getekend op", null=True, blank=True
    )
    cursus_status = models.CharField(
        "cursus 'omgaan met geld'",
        max_length=20,
        choices=CursusStatus.choices,
        default=CursusStatus.NIET_GEPLAND,
    )
    cursus_start = models.DateField("cursus start", null=True, blank=True)
    cursus_afgerond_op = models.DateField("cursus afgerond op", null=True, blank=True)
    zelfredzaamheid_vanaf = models.DateField(
        "voorbereiding financiële zelfredzaamheid vanaf", null=True, blank=True
    )
    zelfredzaamheid_toelichting = models.TextField(
        "afspraken financiële zelfredzaamheid", blank=True
    )
    # Optimistic locking: a form posts the versie it was loaded with.
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = OntzorgingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "ontzorgingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(verlengd_tot__isnull=True) | ~Q(verlenging_reden=""),
                name="ontzorging_verlenging_needs_reden",
            ),
            models.CheckConstraint(
                condition=Q(andere_grondslag="") | Q(verlengd_tot__isnull=False),
                name="ontzorging_andere_grondslag_only_when_verlengd",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__gte=models.F("startdatum")),
                name="ontzorging_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Ontzorgen {self.startdatum} – {self.einddatum}"


class VasteLastSoort(models.TextChoices):
    HUUR = "huur", "Huur"
    ENERGIE = "energie", "Energie (gas en stroom)"
    WATER = "water", "Water"
    ZORGVERZEKERING = "zorgverzekering", "Zorgverzekering"
    OVERIG = "overig", "Overige vaste last"


# The costs a new ontzorgen period starts with (DOMAIN.md §5); others per client.
STANDAARD_VASTE_LASTEN = (
    VasteLastSoort.HUUR,
    VasteLastSoort.ENERGIE,
    VasteLastSoort.WATER,
    VasteLastSoort.ZORGVERZEKERING,
)


class Frequentie(models.TextChoices):
    MAAND = "maand", "Per maand"
    KWARTAAL = "kwartaal", "Per kwartaal"
    JAAR = "jaar", "Per jaar"


class VasteLastQuerySet(RsdScopedQuerySet):
    pass


class VasteLast(models.Model):
    """A fixed cost paid on the client's behalf out of the bijstand."""

    # What the casusregisseur or klantmanager enters (the form and the service).
    INVOER_VELDEN = (
        "soort",
        "omschrijving",
        "begunstigde",
        "iban",
        "bedrag",
        "frequentie",
        "vanaf",
        "tot",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ontzorging = models.ForeignKey(
        Ontzorging, on_delete=models.CASCADE, related_name="vaste_lasten"
    )
    # Denormalised for scoping (visible_to filters on the dossier).
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(max_length=20, choices=VasteLastSoort.choices)
    omschrijving = models.CharField(max_length=100, blank=True)
    begunstigde = models.CharField("begunstigde", max_length=100, blank=True)
    iban = models.CharField(
        "IBAN", max_length=34, blank=True, validators=[validate_iban]
    )
    bedrag = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    frequentie = models.CharField(
        max_length=10, choices=Frequentie.choices, default=Frequentie.MAAND
    )
    vanaf = models.DateField("eerste betaling in", null=True, blank=True)
    tot = models.DateField("laatste betaling in", null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)

    objects = VasteLastQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "vaste lasten"
        ordering = ["ontzorging", "soort", "omschrijving"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__isnull=True) | Q(bedrag__gt=0),
                name="vaste_last_bedrag_positive",
            ),
            models.CheckConstraint(
                condition=~Q(soort="overig") | ~Q(omschrijving=""),
                name="vaste_last_overig_needs_omschrijving",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving or self.get_soort_display()


class BetalingQuerySet(RsdScopedQuerySet):
    pass


class Betaling(models.Model):
    """What RSD paid for one fixed cost in one month (one row per month; a correction
    replaces the amount)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vaste_last = models.ForeignKey(
        VasteLast, on_delete=models.PROTECT, related_name="betalingen"
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="+"
    )
    maand = models.DateField(help_text="De eerste dag van de maand")
    bedrag = models.DecimalField(max_digits=9, decimal_places=2)
    betaald_op = models.DateField("betaald op")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now=True)

    objects = BetalingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "betalingen"
        ordering = ["maand", "vaste_last"]
        constraints = [
            models.UniqueConstraint(
                fields=["vaste_last", "maand"], name="betaling_per_last_per_maand"
            ),
            models.CheckConstraint(
                condition=Q(bedrag__gt=0), name="betaling_bedrag_positive"
            ),
            models.CheckConstraint(
                condition=Q(maand__day=1), name="betaling_maand_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Betaling {self.vaste_last} {self.maand:%m-%Y}"
