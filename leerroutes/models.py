"""The leerroute after the PIP: the keten, trajecten, hours, exams, participation.

Organisations and contracts are reference data kept by functioneel beheer in the
admin. Everything about a person is reached through `visible_to(user)`: the
dossier roles see the dossiers of their gemeenten; an RSD klantmanager sees the
route, hours and participation of their own clients only (`RSD_ZICHTBAAR`).
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from intake.models import Inburgeraar, Leerroute
from pip_plans.models import Pip
from pip_plans.models.toegang import RsdScopedQuerySet, ScopedQuerySet, scoped
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, Role

from . import rules


class Onderdeel(models.TextChoices):
    """Onderdelen of a traject (DOMAIN.md §4, TrajectOnderdeel)."""

    NT2 = rules.NT2, "NT2 (taal)"
    KNM = rules.KNM, "KNM"
    PVT = rules.PVT, "PVT (participatieverklaringstraject)"
    MAP = rules.MAP, "MAP (module arbeidsmarkt en participatie)"
    PARTICIPATIE_Z = rules.PARTICIPATIE_Z, "Participatie (Z-route)"
    TAALSCHAKEL = rules.TAALSCHAKEL, "Taalschakeltraject"


# Which onderdelen a traject of each route has (DOMAIN.md §4): the B1-route MAP,
# PVT and KNM besides NT2; the onderwijsroute a taalschakeltraject and no MAP; the
# Z-route 800 hours NT2 and KNM, participation (asielstatushouders) and MAP, PVT.
ROUTE_ONDERDELEN = {
    Leerroute.B1: (Onderdeel.NT2, Onderdeel.KNM, Onderdeel.PVT, Onderdeel.MAP),
    Leerroute.ONDERWIJS: (
        Onderdeel.TAALSCHAKEL,
        Onderdeel.NT2,
        Onderdeel.KNM,
        Onderdeel.PVT,
    ),
    Leerroute.Z: (
        Onderdeel.NT2,
        Onderdeel.KNM,
        Onderdeel.PARTICIPATIE_Z,
        Onderdeel.PVT,
        Onderdeel.MAP,
    ),
}
# The onderdelen whose hours are the language course (afschalen, attendance, norm).
TAAL_ONDERDELEN = (Onderdeel.NT2, Onderdeel.TAALSCHAKEL)


class Examenonderdeel(models.TextChoices):
    LEZEN = rules.LEZEN, "Lezen"
    LUISTEREN = rules.LUISTEREN, "Luisteren"
    SCHRIJVEN = rules.SCHRIJVEN, "Schrijven"
    SPREKEN = rules.SPREKEN, "Spreken"
    KNM = rules.KNM, "KNM"


class Niveau(models.TextChoices):
    A1 = rules.A1, "A1"
    A2 = rules.A2, "A2"
    B1 = rules.B1_NIVEAU, "B1"
    B2 = rules.B2_NIVEAU, "B2"


class KoersStatus(models.TextChoices):
    OP_KOERS = rules.Koers.OP_KOERS.value, rules.Koers.OP_KOERS.label
    RISICO = rules.Koers.RISICO.value, rules.Koers.RISICO.label
    NIET_OP_KOERS = rules.Koers.NIET_OP_KOERS.value, rules.Koers.NIET_OP_KOERS.label


RSD_ZICHTBAAR = "route, uren en participatie"


# --- The keten ---------------------------------------------------------------------


class OrganisatieSoort(models.TextChoices):
    TAALAANBIEDER = "taalaanbieder", "Taalaanbieder"
    RSD = "rsd", "Sociale dienst (RSD)"
    MAATSCHAPPELIJKE_BEGELEIDING = (
        "maatschappelijke_begeleiding",
        "Maatschappelijke begeleiding",
    )
    WELZIJN = "welzijn", "Welzijn en cultuur"
    TAALMAATJES = "taalmaatjes", "Taalmaatjesproject"
    WERKGEVER = "werkgever", "Werkgever"
    OVERIG = "overig", "Overige ketenpartner"


class Organisatie(models.Model):
    """A taalaanbieder or another ketenpartner."""

    naam = models.CharField(max_length=200, unique=True)
    soort = models.CharField(max_length=40, choices=OrganisatieSoort.choices)
    contactpersoon = models.CharField(max_length=200, blank=True)
    telefoon = models.CharField(max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    keurmerk_nummer = models.CharField(
        "Blik op Werk-keurmerk (nummer)", max_length=40, blank=True
    )
    keurmerk_geldig_van = models.DateField(
        "keurmerk geldig vanaf", null=True, blank=True
    )
    keurmerk_geldig_tot = models.DateField(
        "keurmerk geldig tot en met", null=True, blank=True
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "ketenpartner"
        verbose_name_plural = "ketenpartners en taalaanbieders"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(keurmerk_geldig_van__isnull=True)
                | Q(keurmerk_geldig_tot__isnull=True)
                | Q(keurmerk_geldig_tot__gte=models.F("keurmerk_geldig_van")),
                name="organisatie_keurmerk_period",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def keurmerk_geldig_op(self, dag: date) -> bool:
        """Wet art. 32 [S]: a keurmerk (in practice Blik op Werk) valid on `dag`."""
        return (
            bool(self.keurmerk_nummer)
            and self.keurmerk_geldig_tot is not None
            and (self.keurmerk_geldig_van is None or self.keurmerk_geldig_van <= dag)
            and dag <= self.keurmerk_geldig_tot
        )


def keurmerk_geldig_q(dag: date, prefix: str = "") -> Q:
    """The same rule as Organisatie.keurmerk_geldig_op, as a filter."""
    return (
        ~Q(**{f"{prefix}keurmerk_nummer": ""})
        & Q(**{f"{prefix}keurmerk_geldig_tot__gte": dag})
        & (
            Q(**{f"{prefix}keurmerk_geldig_van__isnull": True})
            | Q(**{f"{prefix}keurmerk_geldig_van__lte": dag})
        )
    )


class Contract(models.Model):
    """A purchase contract with a taalaanbieder for one leerroute (regional
    purchasing). Prices are per person for the whole route and per onderdeel."""

    aanbieder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="contracten",
        limit_choices_to={"soort": OrganisatieSoort.TAALAANBIEDER},
    )
    leerroute = models.CharField(max_length=20, choices=Leerroute.choices)
    kenmerk = models.CharField("contractkenmerk", max_length=60, blank=True)
    start = models.DateField("ingangsdatum")
    einde = models.DateField("einddatum")
    prijs_route = models.DecimalField(
        "prijs per persoon voor de route (€)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name_plural = "contracten"
        ordering = ["aanbieder__naam", "leerroute", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gte=models.F("start")), name="contract_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aanbieder} – {self.get_leerroute_display()} ({self.start:%Y})"

    def geldig_op(self, dag: date) -> bool:
        return self.start <= dag <= self.einde


class ContractOnderdeel(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="onderdelen"
    )
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    uren = models.PositiveIntegerField("uren in het aanbod")
    prijs = models.DecimalField(
        "prijs per persoon (€)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "onderdeel in het contract"
        verbose_name_plural = "onderdelen in het contract"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "onderdeel"], name="contract_onderdeel_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_onderdeel_display()


# --- Traject -------------------------------------------------------------------------


class TrajectEinde(models.TextChoices):
    SCHAKELEN = "schakelen", "Andere leerroute"
    ANDERE_AANBIEDER = "andere_aanbieder", "Andere aanbieder"
    VOLDAAN = "voldaan", "Inburgeringsplicht voldaan"
    BEEINDIGD = "beeindigd", "Beëindigd"


class Traject(models.Model):
    """One assignment of an inburgeraar to an aanbieder for a route. A change of
    route or aanbieder closes it (einde) and starts a new one; history stays."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="trajecten"
    )
    pip = models.ForeignKey(Pip, on_delete=models.PROTECT, related_name="trajecten")
    leerroute = models.CharField(max_length=20, choices=Leerroute.choices)
    aanbieder = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="trajecten"
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajecten",
    )
    # Gezins- and overige migranten choose and pay their course themselves
    # (DOMAIN.md validation rule 8): the choice is recorded, nothing is bought.
    ingekocht = models.BooleanField(default=True)
    start = models.DateField()
    geplande_einde = models.DateField("gepland einde")
    einde = models.DateField(null=True, blank=True)
    einde_reden = models.CharField(
        "reden einde", max_length=20, choices=TrajectEinde.choices, blank=True
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "trajecten"
        ordering = ["-start", "-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(einde__isnull=True),
                name="traject_one_open_per_inburgeraar",
            ),
            models.CheckConstraint(
                condition=Q(geplande_einde__gte=models.F("start")),
                name="traject_planned_period",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | ~Q(einde_reden=""),
                name="traject_einde_has_reden",
            ),
            models.CheckConstraint(
                condition=Q(ingekocht=False) | Q(contract__isnull=False),
                name="traject_ingekocht_has_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_leerroute_display()} bij {self.aanbieder}"

    @property
    def is_open(self) -> bool:
        return self.einde is None


class TrajectOnderdeel(models.Model):
    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="onderdelen"
    )
    onderdeel = models.CharField(max_length=20, choices=Onderdeel.choices)
    geplande_uren = models.PositiveIntegerField("geplande uren")
    start = models.DateField()
    geplande_einde = models.DateField("gepland einde")

    class Meta:
        verbose_name = "trajectonderdeel"
        verbose_name_plural = "trajectonderdelen"
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "onderdeel"], name="traject_onderdeel_unique"
            ),
            models.CheckConstraint(
                condition=Q(geplande_einde__gte=models.F("start")),
                name="traject_onderdeel_period",
            ),
        ]

    def __str__(self) -> str:
        return self.get_onderdeel_display()


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
            for vaardigheid in rules.TAALVAARDIGHEDEN
            if getattr(self, vaardigheid)
        }


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
                condition=Q(onderdeel=rules.KNM) | ~Q(niveau=""),
                name="examen_taal_has_niveau",
            )
        ]

    def __str__(self) -> str:
        return f"Examen {self.get_onderdeel_display()} {self.datum}"

    def als_regel(self) -> rules.Examen:
        return rules.Examen(
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


# --- Participation -------------------------------------------------------------------


class ActiviteitSoort(models.TextChoices):
    BETAALD_WERK = rules.BETAALD_WERK, "Betaald werk"
    VRIJWILLIGERSWERK = rules.VRIJWILLIGERSWERK, "Vrijwilligerswerk"
    STAGE = rules.STAGE, "Stage"
    OPLEIDING = rules.OPLEIDING, "Opleiding of training"
    OVERIG = rules.OVERIG, "Andere activiteit"


class Participatieactiviteit(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="participatieactiviteiten"
    )
    soort = models.CharField(max_length=20, choices=ActiviteitSoort.choices)
    organisatie = models.CharField(max_length=200)
    omschrijving = models.CharField(max_length=300, blank=True)
    uren_per_week = models.DecimalField(
        "uren per week",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    start = models.DateField()
    einde = models.DateField("einde (laatste dag)", null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "participatieactiviteit"
        verbose_name_plural = "participatieactiviteiten"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="activiteit_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} bij {self.organisatie}"

    def als_regel(self) -> rules.Activiteit:
        return rules.Activiteit(
            soort=self.soort,
            start=self.start,
            einde=self.einde,
            uren_per_week=self.uren_per_week,
        )


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


# --- Derived state -------------------------------------------------------------------


class Routestand(models.Model):
    """Where the inburgeraar stands, derived by services.routestand_bijwerken() from
    the rows above (never edited by hand): the on-track judgement, the hours, the
    participation goals and the next voortgangsgesprek. Kept as a row so that the
    werkvoorraad can filter on it and the reports count it with SQL."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="routestand"
    )
    koers = models.CharField(
        max_length=20, choices=KoersStatus.choices, blank=True, db_index=True
    )
    koers_redenen = models.JSONField(default=list)
    uren_gevolgd = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    uren_norm = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    duurzaam_werk_sinds = models.DateField(null=True, blank=True)
    meedoen_sinds = models.DateField(null=True, blank=True)
    volgend_voortgangsgesprek = models.DateField(null=True, blank=True, db_index=True)
    berekend_op = models.DateField()

    objects = RsdScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "routestanden"

    def __str__(self) -> str:
        return f"Routestand van {self.inburgeraar}"

    @property
    def koers_label(self) -> str:
        return self.get_koers_display() if self.koers else "Nog niet beoordeeld"


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
