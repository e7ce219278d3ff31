"""The PIP, its beschikking and the inburgeringstermijn with DUO's verlengingen."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar, Leerroute
from intake.models.toegang import scoped
from zevenaar_inburgering.accounts.models import Role


class PipStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class WijzigingReden(models.TextChoices):
    INITIEEL = "initieel", "Eerste PIP"
    SCHAKELEN = "schakelen", "Schakelen naar een andere leerroute"
    AFSCHALEN = "afschalen", "Afschalen van B1 naar A2"
    VERHUIZING = "verhuizing", "Verhuizing"
    HERZIENING_NA_BEZWAAR = "herziening_na_bezwaar", "Herziening na bezwaar"
    OVERIG = "overig", "Overige wijziging"


# The reasons that may change the leerroute (pip_plans.rules.wijziging_fouten).
ROUTE_WIJZIGENDE_REDENEN = (
    WijzigingReden.SCHAKELEN,
    WijzigingReden.HERZIENING_NA_BEZWAAR,
)


class KnmVorm(models.TextChoices):
    EXAMEN = "examen", "Examen"
    CURSUS = "cursus", "Leeractiviteiten (cursus)"


class Taalniveau(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class PipQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PipQuerySet":
        """Dossier roles: every version. RSD klantmanager: the vastgestelde versions
        of their own clients, for the participation and work obligations."""
        if user.is_authenticated and user.role == Role.RSD_KLANTMANAGER:
            return scoped(self, user, rsd=True).filter(status=PipStatus.VASTGESTELD)
        return scoped(self, user)


class Pip(models.Model):
    """One version of the persoonlijk plan inburgering en participatie.

    A concept can be edited; a vastgesteld version never changes again (a database
    trigger refuses it, migration 0002). A change is a new version with a reden.
    """

    # Fields a new version copies from the version it changes.
    INHOUD_VELDEN = [
        "leerroute",
        "taalniveau",
        "reden_afwijzing_b1",
        "reden_afwijzing_onderwijs",
        "reden_afwijzing_z",
        "ondersteuning",
        "maatschappelijke_begeleiding",
        "pvt_uren",
        "map_uren",
        "knm_vorm",
        "kinderopvang",
        "vve_afspraken",
        "voortgangsgesprek_interval_weken",
        "ontzorgen",
        "ontzorgen_toelichting",
        "participatiewet_onderdelen",
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="pips"
    )
    versie = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=PipStatus.choices, default=PipStatus.CONCEPT
    )
    reden = models.CharField(
        "reden van deze versie",
        max_length=30,
        choices=WijzigingReden.choices,
        default=WijzigingReden.INITIEEL,
    )
    toelichting_wijziging = models.TextField("toelichting op de wijziging", blank=True)
    leerroute = models.CharField(max_length=20, choices=Leerroute.choices, blank=True)
    taalniveau = models.CharField(
        "te behalen taalniveau", max_length=2, choices=Taalniveau.choices, blank=True
    )
    reden_afwijzing_b1 = models.TextField("waarom niet de B1-route", blank=True)
    reden_afwijzing_onderwijs = models.TextField(
        "waarom niet de onderwijsroute", blank=True
    )
    reden_afwijzing_z = models.TextField("waarom niet de Z-route", blank=True)
    ondersteuning = models.TextField(
        "ondersteuning en begeleiding",
        blank=True,
        help_text="Welke hulp krijgt de inburgeraar, van wie en hoe vaak?",
    )
    maatschappelijke_begeleiding = models.BooleanField(default=False)
    pvt_uren = models.PositiveSmallIntegerField(
        "PVT (uren)", null=True, blank=True, help_text="Minstens 12 uur."
    )
    map_uren = models.PositiveSmallIntegerField(
        "MAP (uren)", null=True, blank=True, help_text="Niet in de onderwijsroute."
    )
    knm_vorm = models.CharField(
        "KNM", max_length=10, choices=KnmVorm.choices, default=KnmVorm.EXAMEN
    )
    kinderopvang = models.TextField("kinderopvang", blank=True)
    vve_afspraken = models.TextField(
        "afspraken voor- en vroegschoolse educatie", blank=True
    )
    voortgangsgesprek_interval_weken = models.PositiveSmallIntegerField(
        "voortgangsgesprek elke (weken)", null=True, blank=True
    )
    ontzorgen = models.BooleanField("financieel ontzorgen", default=False)
    ontzorgen_toelichting = models.TextField("ontzorgen: hoe en hoe lang", blank=True)
    participatiewet_onderdelen = models.TextField(
        "onderdelen Participatiewet",
        blank=True,
        help_text="Arbeids- en re-integratieverplichtingen; mogen later worden vastgesteld.",
    )
    afschalen_nt2_uren = models.PositiveIntegerField(
        "gevolgde uren NT2 (bij afschalen)", null=True, blank=True
    )
    afschalen_inzet_oordeel = models.TextField(
        "oordeel over de inzet (bij afschalen)", blank=True
    )
    cursus_eigen_keuze = models.BooleanField(
        "cursus naar eigen keuze",
        default=False,
        help_text="Gezins- en overige migranten kiezen en betalen hun taalcursus zelf.",
    )
    # Optimistic locking of the concept form.
    bewerkversie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PipQuerySet.as_manager()

    class Meta:
        verbose_name = "PIP"
        verbose_name_plural = "PIP's"
        ordering = ["inburgeraar", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "versie"], name="pip_versie_unique"
            ),
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(status="concept"),
                name="pip_one_concept_per_inburgeraar",
            ),
            models.CheckConstraint(
                condition=~Q(leerroute="onderwijs")
                | Q(map_uren__isnull=True)
                | Q(map_uren=0),
                name="pip_no_map_in_onderwijsroute",
            ),
        ]

    def __str__(self) -> str:
        return f"PIP versie {self.versie} van {self.inburgeraar}"

    @property
    def is_concept(self) -> bool:
        return self.status == PipStatus.CONCEPT

    def afwijzingen(self) -> dict[str, str]:
        return {
            Leerroute.B1: self.reden_afwijzing_b1,
            Leerroute.ONDERWIJS: self.reden_afwijzing_onderwijs,
            Leerroute.Z: self.reden_afwijzing_z,
        }

    def afgewezen_routes(self) -> list[tuple[str, str]]:
        """(route label, reason) for each route not chosen, for the letter."""
        return [
            (Leerroute(route).label, reden)
            for route, reden in self.afwijzingen().items()
            if route != self.leerroute
        ]


class BeschikkingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BeschikkingQuerySet":
        return scoped(self, user)


class Beschikking(models.Model):
    """The decision that vaststelt a PIP version, with its PDF. Never changes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pip = models.OneToOneField(
        Pip, on_delete=models.PROTECT, related_name="beschikking"
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="beschikkingen"
    )
    kenmerk = models.CharField(max_length=40, unique=True)
    # The text version the letter was written with (issue 20); empty for the
    # beschikkingen from before versioned texts.
    brieftekst = models.ForeignKey(
        "Brieftekst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beschikkingen",
    )
    dagtekening = models.DateField()
    bekendmaking = models.DateField(help_text="De dag van verzending (Awb art. 3:41).")
    bezwaar_deadline = models.DateField("bezwaar uiterlijk")
    pdf = models.CharField(max_length=255, help_text="Naam in de afgeschermde opslag")
    sha256 = models.CharField(max_length=64)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = BeschikkingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "beschikkingen"
        ordering = ["-dagtekening", "-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Beschikking {self.kenmerk}"


class InburgeringstermijnQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InburgeringstermijnQuerySet":
        return scoped(self, user)


class Inburgeringstermijn(models.Model):
    """The three years, set once by the first beschikking (Wet art. 11). After an
    incoming verhuizing the termijn set elsewhere is taken over as it is
    (InkomendeVerhuizing): then it has no beschikking of ours."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="termijn"
    )
    eerste_beschikking = models.OneToOneField(
        Beschikking, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    startdatum = models.DateField()
    oorspronkelijke_einddatum = models.DateField()
    # The end including DUO's verlengingen; moved only by verlenging_vastleggen().
    einddatum = models.DateField(db_index=True)

    objects = InburgeringstermijnQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inburgeringstermijnen"

    def __str__(self) -> str:
        return f"Termijn {self.startdatum} – {self.einddatum}"


class VerlengingReden(models.TextChoices):
    ALFABETISERING = "alfabetisering", "Eerst leren lezen en schrijven"
    OPLEIDING = "opleiding", "Volgen van een opleiding"
    ZIEKTE = "ziekte", "Ziekte"
    OVERLIJDEN = "overlijden", "Overlijden in de familie"
    BEVALLING = "bevalling", "Bevalling"
    DAKLOOSHEID = "dakloosheid", "Dakloosheid"
    INSTELLING = "instelling", "Verblijf in een instelling"
    EXAMENVERTRAGING = "examenvertraging", "Vertraging bij DUO-examens (automatisch)"
    OVERIG = "overig", "Overig"


class Verlenging(models.Model):
    """A DUO decision that moves the end of the termijn, recorded by the gemeente."""

    termijn = models.ForeignKey(
        Inburgeringstermijn, on_delete=models.PROTECT, related_name="verlengingen"
    )
    besluitdatum = models.DateField("datum DUO-besluit")
    vorige_einddatum = models.DateField()
    nieuwe_einddatum = models.DateField()
    reden = models.CharField(max_length=30, choices=VerlengingReden.choices)
    duo_kenmerk = models.CharField("kenmerk DUO", max_length=60, blank=True)
    bulk_id = models.UUIDField(null=True, blank=True, help_text="Samen vastgelegd")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "verlengingen"
        ordering = ["besluitdatum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nieuwe_einddatum__gt=models.F("vorige_einddatum")),
                name="verlenging_moves_end_later",
            )
        ]

    def __str__(self) -> str:
        return f"Verlenging tot {self.nieuwe_einddatum}"


class VerhuizingBron(models.TextChoices):
    VORIGE_GEMEENTE = "vorige_gemeente", "Overdracht van de vorige gemeente"
    DUO = "duo", "Gegevens van DUO (Portaal Inburgering)"


class InkomendeVerhuizingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InkomendeVerhuizingQuerySet":
        return scoped(self, user)


class InkomendeVerhuizing(models.Model):
    """A person who moved in from a gemeente outside the region while their termijn
    ran (DOMAIN §13.5): the termijn and the leerroute set there are kept; the
    first PIP here sets no new termijn (Wet art. 11) and keeps the leerroute."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="inkomende_verhuizing"
    )
    termijn = models.OneToOneField(
        Inburgeringstermijn,
        on_delete=models.PROTECT,
        related_name="inkomende_verhuizing",
    )
    vorige_gemeente = models.CharField("vorige gemeente", max_length=100)
    verhuisdatum = models.DateField("datum van de verhuizing")
    bron = models.CharField(max_length=20, choices=VerhuizingBron.choices)
    kenmerk = models.CharField("kenmerk van de overdracht", max_length=60, blank=True)
    leerroute = models.CharField(
        "leerroute van de vorige gemeente", max_length=20, choices=Leerroute.choices
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = InkomendeVerhuizingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inkomende verhuizingen"

    def __str__(self) -> str:
        return f"Verhuisd uit {self.vorige_gemeente} op {self.verhuisdatum}"
