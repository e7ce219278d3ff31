import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from intake.models import Inburgeraar, Leerroute
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, Role
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.validators import validate_iban


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


class KnmVorm(models.TextChoices):
    EXAMEN = "examen", "Examen"
    CURSUS = "cursus", "Leeractiviteiten (cursus)"


class Taalniveau(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


def scoped(queryset, user, path: str = "inburgeraar", *, rsd: bool = False):
    """Rows whose dossier the user may see (Inburgeraar.visible_to). With `rsd`, an
    RSD klantmanager sees them for their own clients; without, only the dossier
    roles do."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if not (
        user.has_role(DOSSIER_ROLES) or (rsd and user.role == Role.RSD_KLANTMANAGER)
    ):
        return queryset.none()
    return queryset.filter(**{f"{path}__in": Inburgeraar.objects.visible_to(user)})


class ScopedQuerySet(models.QuerySet):
    """visible_to() for person data of the dossier roles only."""

    rsd_zichtbaar = False

    def visible_to(self, user):
        return scoped(self, user, rsd=self.rsd_zichtbaar)


class RsdScopedQuerySet(ScopedQuerySet):
    """Data the Participatiewet side needs: the RSD klantmanager sees it too."""

    rsd_zichtbaar = True


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
    """The three years, set once by the first beschikking (Wet art. 11)."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="termijn"
    )
    eerste_beschikking = models.OneToOneField(
        Beschikking, on_delete=models.PROTECT, related_name="+"
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


# --- Brieven: ontzorgingsbeschikking, waarschuwing, boetebeschikking ------------------


class BriefSoort(models.TextChoices):
    ONTZORGINGSBESCHIKKING = "ontzorgingsbeschikking", "Ontzorgingsbeschikking"
    WAARSCHUWING = "waarschuwing", "Schriftelijke waarschuwing"
    BOETEBESCHIKKING = "boetebeschikking", "Boetebeschikking"


# The one letter an RSD klantmanager may download: ontzorgen is carried out by RSD.
RSD_BRIEVEN = (BriefSoort.ONTZORGINGSBESCHIKKING,)


class BriefQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BriefQuerySet":
        """Dossier roles: every letter of their dossiers. RSD klantmanager: only the
        ontzorgingsbeschikking of their own clients, never a handhaving letter."""
        if user.is_authenticated and user.role == Role.RSD_KLANTMANAGER:
            return scoped(self, user, rsd=True).filter(soort__in=RSD_BRIEVEN)
        return scoped(self, user)


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
    kenmerk = models.CharField(max_length=60, unique=True)
    dagtekening = models.DateField()
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
                    | Q(
                        soort__in=["waarschuwing", "boetebeschikking"],
                        handhavingszaak__isnull=False,
                    )
                ),
                name="brief_belongs_to_its_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.kenmerk}"


# --- Financieel ontzorgen (DOMAIN.md §5) -------------------------------------------


class CursusStatus(models.TextChoices):
    NIET_GEPLAND = "niet_gepland", "Nog niet gepland"
    GEPLAND = "gepland", "Gepland"
    GEVOLGD = "gevolgd", "Gevolgd"
    AFGEROND = "afgerond", "Afgerond"


class OntzorgingQuerySet(RsdScopedQuerySet):
    pass


class Ontzorging(models.Model):
    """The ontzorgen period of an asielstatushouder with a right to bijstand (Pw art.
    56a [S]): from the date the right starts for `duur_maanden` (the dated parameter
    on that date), earlier over when the bijstand ends, longer only as maatwerk with a
    reason. `einddatum` is derived by rules.ontzorgen_einde() and stored so lists and
    signals can filter on it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.PROTECT, related_name="ontzorging"
    )
    startdatum = models.DateField("recht op bijstand vanaf")
    duur_maanden = models.PositiveSmallIntegerField("duur (maanden)")
    bijstand_einde = models.DateField("bijstand beëindigd op", null=True, blank=True)
    verlengd_tot = models.DateField("verlengd tot (maatwerk)", null=True, blank=True)
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


# --- Handhaving (DOMAIN.md §7) -----------------------------------------------------


class Overtreding(models.TextChoices):
    BREDE_INTAKE = "brede_intake", "Niet meewerken aan de brede intake"
    PIP_OPSTELLEN = "pip_opstellen", "Niet meewerken aan het opstellen van het PIP"
    PIP_VERPLICHTINGEN = (
        "pip_verplichtingen",
        "Verplichtingen uit het PIP niet nagekomen",
    )
    PVT = "pvt", "Participatieverklaringstraject niet gevolgd"
    MAP = "map", "Module Arbeidsmarkt en Participatie niet gevolgd"


class HandhavingStatus(models.TextChoices):
    OVERTREDING = "overtreding", "Overtreding vastgelegd"
    GEWAARSCHUWD = "gewaarschuwd", "Schriftelijk gewaarschuwd"
    ZIENSWIJZE = "zienswijze", "Rapport en zienswijze"
    BOETE = "boete", "Boete opgelegd"
    AFGEZIEN = "afgezien", "Afgezien van een boete"


class BesluitSoort(models.TextChoices):
    BOETE = "boete", "Boete opleggen"
    AFZIEN = "afzien", "Afzien van een boete"


class Verwijtbaarheid(models.TextChoices):
    VOLLEDIG = "volledig", "Verwijtbaar"
    VERMINDERD = "verminderd", "Verminderd verwijtbaar"
    GEEN = "geen", "Niet verwijtbaar"


# Before a besluit the zaak still needs the casusregisseur.
LOPENDE_HANDHAVING = (
    HandhavingStatus.OVERTREDING,
    HandhavingStatus.GEWAARSCHUWD,
    HandhavingStatus.ZIENSWIJZE,
)


class HandhavingszaakQuerySet(ScopedQuerySet):
    def lopend(self) -> "HandhavingszaakQuerySet":
        return self.filter(status__in=LOPENDE_HANDHAVING)

    def met_samenloop(self, op: date | None = None) -> "HandhavingszaakQuerySet":
        """The zaken (not afgezien) with a Participatiewet maatregel of the same
        person whose gedraging lies within the dated samenloop window of the
        overtreding (DOMAIN.md §7.3): the one definition of samenloop."""
        venster = timedelta(
            days=geheel("samenloop_venster_dagen", op or timezone.localdate())
        )
        maatregelen = Maatregel.objects.filter(
            inburgeraar=models.OuterRef("inburgeraar"),
            datum_gedraging__gte=models.ExpressionWrapper(
                models.OuterRef("datum_overtreding") - venster,
                output_field=models.DateField(),
            ),
            datum_gedraging__lte=models.ExpressionWrapper(
                models.OuterRef("datum_overtreding") + venster,
                output_field=models.DateField(),
            ),
        )
        return self.exclude(status=HandhavingStatus.AFGEZIEN).filter(
            models.Exists(maatregelen)
        )

    def samenloop_dossiers(self):
        """Ids of the dossiers with samenloop, for a filter or an Exists()."""
        return self.met_samenloop().values("inburgeraar_id")


class Handhavingszaak(models.Model):
    """An overtreding of a Wi2021 obligation and what the college does about it:
    an optional waarschuwing, for an intended fine above the rapport limit a rapport
    and a zienswijze term (Awb 5:53), then a besluit: a fine (≤ the dated maximum,
    only with a verwijtbaarheid judgement, Awb 5:41) or afzien. Never automatic.
    Not visible to an RSD klantmanager: they only see the samenloop warning."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="handhavingszaken"
    )
    overtreding = models.CharField(max_length=30, choices=Overtreding.choices)
    datum_overtreding = models.DateField("datum van de overtreding")
    feiten = models.TextField("feiten en omstandigheden")
    status = models.CharField(
        max_length=20,
        choices=HandhavingStatus.choices,
        default=HandhavingStatus.OVERTREDING,
        db_index=True,
    )
    waarschuwing_op = models.DateField("gewaarschuwd op", null=True, blank=True)
    voorgenomen_bedrag = models.DecimalField(
        "voorgenomen boete", max_digits=8, decimal_places=2, null=True, blank=True
    )
    rapport_op = models.DateField("rapport opgemaakt op", null=True, blank=True)
    rapport = models.TextField("rapport", blank=True)
    zienswijze_tot = models.DateField("zienswijze uiterlijk", null=True, blank=True)
    zienswijze_ontvangen_op = models.DateField(
        "zienswijze ontvangen op", null=True, blank=True
    )
    zienswijze = models.TextField("zienswijze van de inburgeraar", blank=True)
    # Awb 5:51: 13 weeks after the rapport; stored for lists and signals.
    beslistermijn = models.DateField(
        "besluit uiterlijk", null=True, blank=True, db_index=True
    )
    besluit = models.CharField(max_length=10, choices=BesluitSoort.choices, blank=True)
    besluit_op = models.DateField("besluit genomen op", null=True, blank=True)
    verwijtbaarheid = models.CharField(
        max_length=12, choices=Verwijtbaarheid.choices, blank=True
    )
    verwijtbaarheid_toelichting = models.TextField(
        "oordeel over de verwijtbaarheid", blank=True
    )
    boetebedrag = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    afzien_reden = models.TextField("reden om af te zien", blank=True)
    bezwaar_ontvangen_op = models.DateField(
        "bezwaar ontvangen op", null=True, blank=True
    )
    bezwaar_gronden = models.TextField("gronden van het bezwaar", blank=True)
    bezwaar_besluit_op = models.DateField(
        "datum beslissing op bezwaar", null=True, blank=True
    )
    bezwaar_uitkomst = models.CharField(
        max_length=20, choices=BezwaarUitkomst.choices, blank=True
    )
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = HandhavingszaakQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "handhavingszaken"
        ordering = ["-datum_overtreding", "-aangemaakt_op"]
        constraints = [
            # Defence in depth behind rules.besluit_fouten(): no fine without a
            # verwijtbaarheid judgement, no afzien without a reason.
            models.CheckConstraint(
                condition=~Q(besluit="boete")
                | (
                    # isnull first: in SQL "NULL > 0" is unknown, which a check passes.
                    Q(boetebedrag__isnull=False)
                    & Q(boetebedrag__gt=0)
                    & Q(verwijtbaarheid__in=["volledig", "verminderd"])
                ),
                name="boete_needs_bedrag_and_verwijtbaarheid",
            ),
            models.CheckConstraint(
                condition=~Q(besluit="afzien") | ~Q(afzien_reden=""),
                name="afzien_needs_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_overtreding_display()} ({self.datum_overtreding})"


class MaatregelGrond(models.TextChoices):
    ARBEIDSVERPLICHTING = "arbeidsverplichting", "Arbeidsverplichting niet nagekomen"
    RE_INTEGRATIE = "re_integratie", "Niet meewerken aan re-integratie"
    ONTZORGEN = "ontzorgen", "Niet meewerken aan ontzorgen (geen machtiging)"
    OVERIG = "overig", "Overige verplichting Participatiewet"


class MaatregelQuerySet(RsdScopedQuerySet):
    pass


class Maatregel(models.Model):
    """A Participatiewet maatregel (Pw art. 18) recorded by the RSD klantmanager. With
    a handhavingszaak about the same gedraging it is samenloop (DOMAIN.md §7.3)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="maatregelen"
    )
    grond = models.CharField(max_length=30, choices=MaatregelGrond.choices)
    datum_gedraging = models.DateField("datum van de gedraging")
    omschrijving = models.TextField("gedraging en besluit")
    besluit_op = models.DateField("besluit RSD op")
    verlaging_procent = models.PositiveSmallIntegerField(
        "verlaging (%)", null=True, blank=True
    )
    duur_maanden = models.PositiveSmallIntegerField(
        "duur (maanden)", null=True, blank=True
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = MaatregelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "maatregelen"
        ordering = ["-datum_gedraging"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verlaging_procent__isnull=True)
                | Q(verlaging_procent__lte=100),
                name="maatregel_verlaging_at_most_100",
            )
        ]

    def __str__(self) -> str:
        return f"Maatregel {self.get_grond_display()} ({self.datum_gedraging})"
