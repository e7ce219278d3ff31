import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leerroutes.rules import GESPREK_TE_DOEN_DAGEN
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    GEZONDHEID_ROLES,
    Gemeente,
    Role,
)
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.validators import (
    validate_bsn,
    validate_postcode,
    validate_v_nummer,
)

from . import rules
from .rules import deadline_status, pip_deadline


class Doelgroep(models.TextChoices):
    """The seven GGM 'Model Inburgering' values (DOMAIN.md §1.2)."""

    ASIELSTATUSHOUDER = "asielstatushouder", "Asielstatushouder"
    GEZINSVORMER = "gezinsvormer", "Gezinsvormer"
    GEZINSHERENIGER = "gezinshereniger", "Gezinshereniger"
    GEESTELIJK_BEDIENAAR = "geestelijk_bedienaar", "Geestelijk bedienaar"
    GEZINSVORMER_ASIEL = "gezinsvormer_asiel", "Gezinsvormer met asielstatushouder"
    GEZINSHERENIGER_ASIEL = (
        "gezinshereniger_asiel",
        "Gezinshereniger met asielstatushouder",
    )
    OVERIG = "overig", "Overig"


class DoelgroepCategorie(models.TextChoices):
    ASIEL = "asiel", "Asielstatushouders"
    GEZIN_OVERIG = "gezin_overig", "Gezins- en overige migranten"


class WetRegime(models.TextChoices):
    WI2021 = "wi2021", "Wet inburgering 2021"
    WI2013 = "wi2013", "Wet inburgering (2013)"


class Status(models.TextChoices):
    """The dossier's state (DOMAIN.md, 'States (per person)')."""

    SIGNAAL_ONTVANGEN = "signaal_ontvangen", "Signaal ontvangen"
    INTAKE_GEPLAND = "intake_gepland", "Intake gepland"
    INTAKE_LOOPT = "intake_loopt", "Intake loopt"
    PIP_CONCEPT = "pip_concept", "PIP in concept"
    PIP_VASTGESTELD = "pip_vastgesteld", "PIP vastgesteld"
    IN_TRAJECT = "in_traject", "In traject"
    AFGEROND_VOLDAAN = "afgerond_voldaan", "Voldaan"
    VRIJGESTELD = "vrijgesteld", "Vrijgesteld"
    ONTHEVEN = "ontheven", "Ontheven"
    TERMIJN_OVERSCHREDEN = "termijn_overschreden", "Termijn overschreden"
    VERHUISD = "verhuisd", "Verhuisd"
    BEEINDIGD = "beeindigd", "Beëindigd"
    ONTKOPPELD = "ontkoppeld", "Ontkoppeld (DUO-correctie)"


class Leerroute(models.TextChoices):
    """The three leerroutes of the Wi2021 (Wet art. 7-10; DOMAIN.md §4)."""

    B1 = "b1", "B1-route"
    ONDERWIJS = "onderwijs", "Onderwijsroute"
    Z = "z", "Z-route (zelfredzaamheidsroute)"


class Geslacht(models.TextChoices):
    MAN = "man", "Man"
    VROUW = "vrouw", "Vrouw"
    X = "x", "X"
    ONBEKEND = "onbekend", "Onbekend"


# The werkvoorraad's "Ontzorgen en handhaving" filter.
AANDACHT_CHOICES = [
    ("ontzorgen", "Ontzorgen loopt"),
    ("ontzorgen_eindigt", "Ontzorgen eindigt binnen 4 weken"),
    ("handhaving", "Handhavingszaak loopt"),
    ("samenloop", "Samenloop met Participatiewet"),
]
ONTZORGEN_EINDIGT_DAGEN = 28


class InburgeraarQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InburgeraarQuerySet":
        """The one way to reach dossiers.

        Casusregisseur and functioneel beheerder: the dossiers of their own
        gemeenten. RSD klantmanager: only the dossiers with bijstand assigned to
        them (their caseload).
        Beleidsmedewerker, inactive or anonymous users: none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in DOSSIER_ROLES:
            return self.filter(gemeente__in=user.gemeenten.values("pk"))
        if user.role == Role.RSD_KLANTMANAGER:
            return self.filter(rsd_klantmanager=user, bijstand=True)
        return self.none()

    def for_list(self) -> "InburgeraarQuerySet":
        # routestand: the leerroutes app's derived on-track state (one-to-one).
        # ontzorging: pip_plans' ontzorgen period (one-to-one).
        return self.select_related(
            "gemeente", "casusregisseur", "rsd_klantmanager", "routestand", "ontzorging"
        )

    def search(self, zoek: dict) -> "InburgeraarQuerySet":
        """Apply a search made by `search_terms()`."""
        if "ids" in zoek:
            return self.filter(pk__in=zoek["ids"])
        qs = self
        for word in zoek.get("woorden", []):
            qs = qs.filter(
                Q(voornamen__icontains=word)
                | Q(achternaam__icontains=word)
                | Q(tussenvoegsel__iexact=word)
            )
        return qs

    def search_terms(self, text: str) -> dict:
        """Turn what the user typed into a search that can be kept in the session.

        A BSN (9 digits) or v-nummer (10 digits) matches exactly and is resolved to
        dossier ids at once, so the number itself is never stored; words match names.
        """
        text = text.strip()
        compact = text.replace(" ", "").replace(".", "")
        if compact.isdigit() and len(compact) in (9, 10):
            field = "bsn" if len(compact) == 9 else "v_nummer"
            ids = [
                str(pk)
                for pk in self.filter(**{field: compact}).values_list("pk", flat=True)
            ]
            soort = "BSN" if field == "bsn" else "v-nummer"
            return {"ids": ids, "omschrijving": f"{soort} *****{compact[-4:]}"}
        return {"woorden": text.split(), "omschrijving": text} if text else {}

    def filtered(self, filters: dict, *, user) -> "InburgeraarQuerySet":
        """Apply the werkvoorraad filters (as saved in WerkvoorraadVoorkeur)."""
        qs = self
        if filters.get("gemeente"):
            qs = qs.filter(gemeente_id=filters["gemeente"])
        if filters.get("doelgroep"):
            qs = qs.filter(doelgroep=filters["doelgroep"])
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("casusregisseur"):
            qs = qs.filter(casusregisseur_id=filters["casusregisseur"])
        if filters.get("alleen_mijn"):
            qs = qs.filter(casusregisseur=user)
        if filters.get("koers"):
            qs = qs.filter(routestand__koers=filters["koers"])
        if filters.get("gesprek_te_doen"):
            tot = timezone.localdate() + timedelta(days=GESPREK_TE_DOEN_DAGEN)
            qs = qs.filter(routestand__volgend_voortgangsgesprek__lte=tot)
        if filters.get("aandacht"):
            qs = qs.aandacht(filters["aandacht"])
        return qs

    def met_aandacht(self) -> "InburgeraarQuerySet":
        """For lists: handhaving_lopend and heeft_samenloop per dossier, in the same
        query (pip_plans; imported here to avoid a cycle)."""
        from pip_plans.models import Handhavingszaak

        zaken = Handhavingszaak.objects.filter(inburgeraar=models.OuterRef("pk"))
        return self.annotate(
            handhaving_lopend=models.Exists(zaken.lopend()),
            heeft_samenloop=models.Exists(
                Handhavingszaak.objects.samenloop_dossiers().filter(
                    inburgeraar_id=models.OuterRef("pk")
                )
            ),
        )

    def aandacht(self, soort: str) -> "InburgeraarQuerySet":
        """Dossiers with a running ontzorgen period, one ending soon, an open
        handhavingszaak, or samenloop (pip_plans; imported here to avoid a cycle)."""
        from pip_plans.models import Handhavingszaak

        vandaag = timezone.localdate()
        if soort == "ontzorgen":
            return self.filter(
                ontzorging__startdatum__lte=vandaag, ontzorging__einddatum__gte=vandaag
            )
        if soort == "ontzorgen_eindigt":
            return self.filter(
                ontzorging__einddatum__range=(
                    vandaag,
                    vandaag + timedelta(days=ONTZORGEN_EINDIGT_DAGEN),
                )
            )
        if soort == "handhaving":
            return self.filter(
                pk__in=Handhavingszaak.objects.lopend().values("inburgeraar_id")
            )
        if soort == "samenloop":
            return self.filter(pk__in=Handhavingszaak.objects.samenloop_dossiers())
        return self


class Huishouden(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "huishoudens"

    def __str__(self) -> str:
        return f"Huishouden {self.pk}"


class Relatie(models.TextChoices):
    PARTNER = "partner", "Partner"
    KIND = "kind", "Kind"
    OUDER = "ouder", "Ouder"
    OVERIG = "overig", "Overig"


class Huishoudlid(models.Model):
    """A member of the household who is not an inburgeraar (a child, say)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.CASCADE, related_name="leden"
    )
    naam = models.CharField(max_length=200)
    geboortedatum = models.DateField(null=True, blank=True)
    relatie = models.CharField(max_length=20, choices=Relatie.choices)

    class Meta:
        verbose_name_plural = "huishoudleden"
        ordering = ["geboortedatum", "naam"]

    def __str__(self) -> str:
        return self.naam


class Inburgeraar(models.Model):
    """The dossier of one inburgeringsplichtige."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bsn = models.CharField("BSN", max_length=9, unique=True, validators=[validate_bsn])
    v_nummer = models.CharField(
        "v-nummer", max_length=10, blank=True, validators=[validate_v_nummer]
    )
    voornamen = models.CharField(max_length=200)
    tussenvoegsel = models.CharField(max_length=20, blank=True)
    achternaam = models.CharField(max_length=200)
    geboortedatum = models.DateField()
    geslacht = models.CharField(
        max_length=10, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    nationaliteit = models.CharField(max_length=100, blank=True)
    geboorteland = models.CharField(max_length=100, blank=True)
    talen = models.CharField(
        "gesproken talen",
        max_length=300,
        blank=True,
        help_text="Gescheiden door komma's.",
    )
    telefoon = models.CharField(max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    straat = models.CharField(max_length=200, blank=True)
    huisnummer = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(
        max_length=7, blank=True, validators=[validate_postcode]
    )
    woonplaats = models.CharField(max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="inburgeraars",
        verbose_name="verantwoordelijke gemeente",
    )
    wet_regime = models.CharField(
        "wet", max_length=10, choices=WetRegime.choices, default=WetRegime.WI2021
    )
    doelgroep = models.CharField(max_length=30, choices=Doelgroep.choices)
    huishouden = models.ForeignKey(
        Huishouden,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inburgeraars",
    )
    start_inburgeringsplicht = models.DateField(
        "start inburgeringsplicht", null=True, blank=True
    )
    datum_kennisgeving = models.DateField("DUO-kennisgeving", null=True, blank=True)
    datum_brp_inschrijving = models.DateField("BRP-inschrijving", null=True, blank=True)
    datum_coa_koppeling = models.DateField("COA-koppeling", null=True, blank=True)
    datum_huisvesting = models.DateField("huisvesting", null=True, blank=True)
    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.SIGNAAL_ONTVANGEN
    )
    casusregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_als_casusregisseur",
        limit_choices_to={"role": Role.CASUSREGISSEUR, "is_active": True},
    )
    rsd_klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_als_klantmanager",
        limit_choices_to={"role": Role.RSD_KLANTMANAGER, "is_active": True},
        verbose_name="RSD-klantmanager",
    )
    bijstand = models.BooleanField(default=False)
    bijstand_start = models.DateField("start bijstand", null=True, blank=True)
    # The 10-week PIP deadline, stored so the werkvoorraad can sort on it; always
    # computed by rules.pip_deadline() through refresh_pip_deadline(). Empty while
    # suspended (waiting for third-party information) or when dates are missing.
    pip_deadline = models.DateField(
        "PIP-deadline", null=True, blank=True, db_index=True
    )
    pip_uitstel_reden = models.CharField(
        "reden uitstel PIP-deadline",
        max_length=300,
        blank=True,
        help_text="Welke informatie van derden wordt afgewacht (Besluit art. 5.3).",
    )
    pip_uitstel_sinds = models.DateField("uitstel sinds", null=True, blank=True)
    pip_uitstel_informatie_ontvangen = models.DateField(
        "informatie ontvangen op", null=True, blank=True
    )
    pip_vastgesteld_op = models.DateField(
        "eerste PIP vastgesteld op", null=True, blank=True
    )
    # Optimistic locking: every save through services bumps it; a stale form is refused.
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    # Set once by intake.retentie when the bewaartermijn has passed (SECURITY RL-10):
    # the personal data is gone, and the job never picks the dossier again.
    geanonimiseerd_op = models.DateTimeField(
        "geanonimiseerd op", null=True, blank=True, editable=False
    )

    objects = InburgeraarQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inburgeraars"
        ordering = ["achternaam", "voornamen"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bijstand=True) | Q(bijstand_start__isnull=True),
                name="bijstand_start_only_with_bijstand",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "status"]),
            models.Index(fields=["achternaam", "voornamen"]),
        ]

    def __str__(self) -> str:
        return self.naam

    def refresh_pip_deadline(self) -> None:
        """Recompute the stored PIP deadline from the dates it depends on."""
        self.pip_deadline = pip_deadline(
            kennisgeving=self.datum_kennisgeving,
            brp_inschrijving=self.datum_brp_inschrijving,
            uitstel_sinds=self.pip_uitstel_sinds,
            informatie_ontvangen=self.pip_uitstel_informatie_ontvangen,
        )

    @property
    def pip_deadline_status(self):
        """The PIP deadline's urgency today (a rules.DeadlineStatus)."""
        return deadline_status(
            deadline=self.pip_deadline,
            today=timezone.localdate(),
            vastgesteld_op=self.pip_vastgesteld_op,
            opgeschort=bool(
                self.pip_uitstel_sinds and not self.pip_uitstel_informatie_ontvangen
            ),
        )

    @property
    def dagen_tot_pip_deadline(self) -> int | None:
        if self.pip_deadline is None or self.pip_vastgesteld_op is not None:
            return None
        return (self.pip_deadline - timezone.localdate()).days

    @property
    def naam(self) -> str:
        return " ".join(
            p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p
        )

    @property
    def doelgroep_categorie(self) -> str:
        return settings.DOELGROEP_CATEGORIE[self.doelgroep]

    def get_doelgroep_categorie_display(self) -> str:
        return DoelgroepCategorie(self.doelgroep_categorie).label

    @property
    def bsn_gemaskeerd(self) -> str:
        return "*****" + self.bsn[-4:]

    @property
    def adres(self) -> str:
        regel1 = " ".join(p for p in (self.straat, self.huisnummer) if p)
        regel2 = " ".join(p for p in (self.postcode, self.woonplaats) if p)
        return ", ".join(p for p in (regel1, regel2) if p)


class Notitie(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="notities"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    tekst = models.TextField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "notities"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"Notitie van {self.auteur} op {self.aangemaakt_op:%Y-%m-%d}"


class GebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "Dossier aangemaakt"
    GEWIJZIGD = "gewijzigd", "Dossier gewijzigd"
    NOTITIE = "notitie", "Notitie"
    DUO_SIGNAAL = "duo_signaal", "DUO-signaal verwerkt"
    TOEGEWEZEN = "toegewezen", "Casusregisseur gewijzigd"
    HUISHOUDEN = "huishouden", "Huishouden gewijzigd"
    INTAKE = "intake", "Brede intake"
    GESPREK = "gesprek", "Gesprek"
    PIP = "pip", "PIP en beschikking"
    LEERROUTE = "leerroute", "Leerroute, uren en examens"
    PARTICIPATIE = "participatie", "Participatie"
    KETEN = "keten", "Verwijzing en begeleiding"
    VOORTGANG = "voortgang", "Voortgangsgesprek"
    ONTZORGEN = "ontzorgen", "Financieel ontzorgen"
    HANDHAVING = "handhaving", "Handhaving"
    MAATREGEL = "maatregel", "Maatregel Participatiewet"


class Gebeurtenis(models.Model):
    """One entry on the dossier's timeline. Later apps add their own soorten."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    soort = models.CharField(max_length=30, choices=GebeurtenisSoort.choices)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    omschrijving = models.CharField(max_length=300)
    # [{"veld": "Achternaam", "oud": "...", "nieuw": "..."}]
    wijzigingen = models.JSONField(default=list, blank=True)
    notitie = models.OneToOneField(
        Notitie,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gebeurtenis",
    )

    class Meta:
        verbose_name_plural = "gebeurtenissen"
        ordering = ["-tijdstip", "-id"]

    def __str__(self) -> str:
        return self.omschrijving


class WerkvoorraadVoorkeur(models.Model):
    """The werkvoorraad filters and sort order a user last chose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="werkvoorraad_voorkeur",
    )
    filters = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Werkvoorraad van {self.user}"


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


class IntakeStatus(models.TextChoices):
    LOOPT = "loopt", "Loopt"
    AFGEROND = "afgerond", "Afgerond"


class IntakeAanleiding(models.TextChoices):
    EERSTE = "eerste", "Eerste brede intake"
    VERHUIZING = "verhuizing", "Nieuwe intake na verhuizing"


class LbtUitkomst(models.TextChoices):
    """The leerbaarheidstoets outcome as DUO reports it: the language level the
    person can probably reach within the termijn. The one place for these labels."""

    B1_OF_HOGER = rules.LBT_B1_OF_HOGER, "B1 of hoger haalbaar"
    A2 = rules.LBT_A2, "A2 haalbaar"
    A1_OF_LAGER = rules.LBT_A1_OF_LAGER, "A1 / lager (zelfredzaamheid)"


class Opleidingsniveau(models.TextChoices):
    GEEN = "geen", "Geen onderwijs"
    BASISONDERWIJS = "basisonderwijs", "Basisonderwijs"
    VOORTGEZET = "voortgezet", "Voortgezet onderwijs"
    MBO = "mbo", "Mbo of vergelijkbaar"
    HBO = "hbo", "Hbo of vergelijkbaar"
    WO = "wo", "Universiteit (wo)"


class Alfabetisering(models.TextChoices):
    JA = rules.ALFABETISERING_JA, "Ja"
    DEELS = rules.ALFABETISERING_DEELS, "Deels"
    NEE = rules.ALFABETISERING_NEE, "Nee"


class IntakeWens(models.TextChoices):
    WERK = rules.WENS_WERK, "Werk"
    OPLEIDING = rules.WENS_OPLEIDING, "Opleiding"
    GEEN_VOORKEUR = rules.WENS_GEEN_VOORKEUR, "Geen voorkeur"


class GesprekSoort(models.TextChoices):
    INTAKEGESPREK = "intakegesprek", "Intakegesprek"
    WARME_OVERDRACHT = "warme_overdracht", "Warme overdracht COA"
    INDIVIDUEEL = "individueel", "Individueel gesprek zonder partner"
    HUISBEZOEK = "huisbezoek", "Huisbezoek"
    OVERIG = "overig", "Overig"


class OnderdeelStatus(models.TextChoices):
    """How far a statutory part of the intake is (for the completeness view)."""

    INGEVULD = "ingevuld", "Ingevuld"
    NIET_UITGEVOERD = "niet_uitgevoerd", "Niet uitgevoerd, met reden"
    ONTBREEKT = "ontbreekt", "Ontbreekt"


@dataclass(frozen=True)
class WettelijkOnderdeel:
    """One of the three statutory parts (Wet art. 14 lid 3 [S]) and how far it is."""

    code: str
    naam: str
    status: str
    # What is missing (status ontbreekt) or the reason (status niet_uitgevoerd).
    toelichting: str

    @property
    def is_klaar(self) -> bool:
        return self.status != OnderdeelStatus.ONTBREEKT

    def get_status_display(self) -> str:
        return OnderdeelStatus(self.status).label


def onderwijsroute_max_leeftijd(op=None) -> int:
    """The age up to which the onderwijsroute is advised: local policy, not law [U];
    a dated parameter that functioneel beheer maintains."""
    return geheel("onderwijsroute_max_leeftijd", op or timezone.localdate())


class BredeIntakeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BredeIntakeQuerySet":
        """The intake of the dossiers the user may work on. The RSD klantmanager
        sees no intake narratives (DOMAIN.md §12), so only the dossier roles."""
        if not user.is_authenticated or not user.has_role(DOSSIER_ROLES):
            return self.none()
        return self.filter(inburgeraar__in=Inburgeraar.objects.visible_to(user))

    def actueel(self) -> "BredeIntakeQuerySet":
        """Intakes not replaced by a newer one (after a verhuizing)."""
        return self.filter(vervangen_op__isnull=True)


class BredeIntake(models.Model):
    """The brede intake of one inburgeraar. There is one current intake per
    person; a new one only after a verhuizing, which marks the old one vervangen."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="intakes"
    )
    aanleiding = models.CharField(
        max_length=20, choices=IntakeAanleiding.choices, default=IntakeAanleiding.EERSTE
    )
    gestart_op = models.DateField("gestart op")
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.LOOPT
    )
    afgerond_op = models.DateField("afgerond op", null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vervangen_op = models.DateField("vervangen op", null=True, blank=True)

    # a. Leerbaarheidstoets (DUO's toets; the gemeente supervises it)
    lbt_datum = models.DateField("datum leerbaarheidstoets", null=True, blank=True)
    lbt_uitkomst = models.CharField(
        "uitkomst leerbaarheidstoets",
        max_length=20,
        choices=LbtUitkomst.choices,
        blank=True,
        help_text="Het haalbare taalniveau zoals DUO het rapporteert.",
    )
    lbt_toetsbegeleider = models.CharField(
        "toetsbegeleider", max_length=200, blank=True
    )
    lbt_reden_niet_afgenomen = models.TextField(
        "reden dat de toets niet is afgenomen", blank=True
    )

    # b. Opleiding en werkervaring (werkervaring: the Werkervaring rows)
    hoogste_opleiding = models.CharField(
        "hoogste opleiding", max_length=20, choices=Opleidingsniveau.choices, blank=True
    )
    land_opleiding = models.CharField("land van opleiding", max_length=100, blank=True)
    jaren_onderwijs = models.PositiveSmallIntegerField(
        "jaren onderwijs",
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text="Aantal jaren onderwijs in totaal (0 tot en met 30).",
    )
    gealfabetiseerd = models.CharField(
        "gealfabetiseerd in het Latijnse schrift",
        max_length=10,
        choices=Alfabetisering.choices,
        blank=True,
    )
    diplomas = models.TextField("diploma's", blank=True)
    onderwijs_reden_niet_onderzocht = models.TextField(
        "reden dat opleiding en werkervaring niet zijn onderzocht", blank=True
    )

    # c. Persoonlijke omstandigheden (health: IntakeGezondheid, special category)
    persoonlijke_omstandigheden = models.TextField(
        "persoonlijke omstandigheden", blank=True
    )
    omstandigheden_reden_niet_onderzocht = models.TextField(
        "reden dat de persoonlijke omstandigheden niet zijn onderzocht", blank=True
    )

    # Input for the route advice
    wens = models.CharField(
        "wens van de inburgeraar",
        max_length=20,
        choices=IntakeWens.choices,
        blank=True,
    )

    # Duties during the intake (DOMAIN.md §2 [S])
    vve_informatie_gegeven = models.BooleanField(
        "informatie over voor- en vroegschoolse educatie (VVE) gegeven", default=False
    )
    vve_informatie_op = models.DateField(
        "VVE-informatie gegeven op", null=True, blank=True
    )
    individueel_gesprek_aangeboden = models.BooleanField(
        "gewezen op het recht op een gesprek zonder partner", default=False
    )
    individueel_gesprek_aangeboden_op = models.DateField(
        "gesprek zonder partner aangeboden op", null=True, blank=True
    )

    # The COA informatieprofiel, as received (asylum holders)
    coa_profiel_ontvangen_op = models.DateField(
        "COA-informatieprofiel ontvangen op", null=True, blank=True
    )
    coa_profiel = models.TextField("COA-informatieprofiel", blank=True)

    # Optimistic locking, as Inburgeraar.versie: every edit form carries it.
    versie = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = BredeIntakeQuerySet.as_manager()

    class Meta:
        verbose_name = "brede intake"
        verbose_name_plural = "brede intakes"
        ordering = ["-gestart_op", "-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(vervangen_op__isnull=True),
                name="one_current_intake_per_inburgeraar",
                violation_error_message="Deze inburgeraar heeft al een brede intake.",
            ),
            models.CheckConstraint(
                condition=Q(jaren_onderwijs__isnull=True) | Q(jaren_onderwijs__lte=30),
                name="intake_jaren_onderwijs_at_most_30",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=IntakeStatus.AFGEROND, afgerond_op__isnull=False)
                    | Q(status=IntakeStatus.LOOPT, afgerond_op__isnull=True)
                ),
                name="intake_afgerond_op_iff_afgerond",
            ),
            models.CheckConstraint(
                condition=Q(vve_informatie_gegeven=True)
                | Q(vve_informatie_op__isnull=True),
                name="intake_vve_date_only_when_given",
            ),
            models.CheckConstraint(
                condition=Q(individueel_gesprek_aangeboden=True)
                | Q(individueel_gesprek_aangeboden_op__isnull=True),
                name="intake_individueel_date_only_when_offered",
            ),
        ]

    def __str__(self) -> str:
        return f"Brede intake van {self.inburgeraar} ({self.gestart_op:%d-%m-%Y})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.vve_informatie_op and not self.vve_informatie_gegeven:
            errors["vve_informatie_op"] = (
                "Vul alleen een datum in als de VVE-informatie is gegeven."
            )
        if self.individueel_gesprek_aangeboden_op and not (
            self.individueel_gesprek_aangeboden
        ):
            errors["individueel_gesprek_aangeboden_op"] = (
                "Vul alleen een datum in als het gesprek zonder partner is aangeboden."
            )
        if (
            self.lbt_datum
            and self.lbt_uitkomst
            and self.lbt_reden_niet_afgenomen.strip()
        ):
            errors["lbt_reden_niet_afgenomen"] = (
                "De toets is afgenomen (datum en uitkomst staan er): laat de reden "
                "leeg, of haal datum en uitkomst weg."
            )
        today = timezone.localdate()
        for name in (
            "lbt_datum",
            "vve_informatie_op",
            "individueel_gesprek_aangeboden_op",
            "coa_profiel_ontvangen_op",
        ):
            value = getattr(self, name)
            if value and value > today:
                errors[name] = "Deze datum ligt in de toekomst."
        if errors:
            raise ValidationError(errors)

    @property
    def is_afgerond(self) -> bool:
        return self.status == IntakeStatus.AFGEROND

    @property
    def is_actueel(self) -> bool:
        return self.vervangen_op is None

    @property
    def is_open(self) -> bool:
        """Can still be changed: running and not replaced."""
        return self.status == IntakeStatus.LOOPT and self.vervangen_op is None

    def _gezondheid_besproken_op(self):
        # The date only, never the content: used for completeness, which every
        # dossier role sees.
        try:
            return self.gezondheid.besproken_op
        except IntakeGezondheid.DoesNotExist:
            return None

    def wettelijke_onderdelen(self) -> list[WettelijkOnderdeel]:
        """The three statutory parts (Wet art. 14 lid 3 [S]): each is filled, or not
        done with a reason, or missing (and then what is missing)."""

        def part(code, naam, missing: list[str], reden: str, wat: str):
            if not missing:
                return WettelijkOnderdeel(code, naam, OnderdeelStatus.INGEVULD, "")
            if reden.strip():
                return WettelijkOnderdeel(
                    code, naam, OnderdeelStatus.NIET_UITGEVOERD, reden.strip()
                )
            return WettelijkOnderdeel(
                code,
                naam,
                OnderdeelStatus.ONTBREEKT,
                f"{', '.join(missing)} ontbreekt; of vul de reden in waarom {wat}",
            )

        lbt_missing = [
            label
            for label, value in (
                ("datum", self.lbt_datum),
                ("uitkomst", self.lbt_uitkomst),
            )
            if not value
        ]
        onderwijs_missing = [
            label
            for label, value in (
                ("hoogste opleiding", self.hoogste_opleiding),
                ("jaren onderwijs", self.jaren_onderwijs is not None),
                ("alfabetisering", self.gealfabetiseerd),
            )
            if not value
        ]
        omstandigheden_missing = [
            label
            for label, value in (
                ("beschrijving", self.persoonlijke_omstandigheden.strip()),
                ("datum gezondheid besproken", self._gezondheid_besproken_op()),
            )
            if not value
        ]
        return [
            part(
                "leerbaarheidstoets",
                "Leerbaarheidstoets",
                lbt_missing,
                self.lbt_reden_niet_afgenomen,
                "de toets niet is afgenomen",
            ),
            part(
                "onderwijs",
                "Opleiding en werkervaring",
                onderwijs_missing,
                self.onderwijs_reden_niet_onderzocht,
                "dit niet is onderzocht",
            ),
            part(
                "omstandigheden",
                "Persoonlijke omstandigheden en gezondheid",
                omstandigheden_missing,
                self.omstandigheden_reden_niet_onderzocht,
                "dit niet is onderzocht",
            ),
        ]

    @property
    def is_compleet(self) -> bool:
        """Every statutory part is filled or carries a reason."""
        return all(p.is_klaar for p in self.wettelijke_onderdelen())

    def route_advies(self, op=None) -> rules.RouteAdvies:
        """The leerroute advice from this intake (advice: the casusregisseur
        decides). Age is taken on `op`: by default the day the intake was
        completed, or today while it runs."""
        op = op or self.afgerond_op or timezone.localdate()
        return rules.route_advies(
            lbt_uitkomst=self.lbt_uitkomst or None,
            leeftijd=rules.leeftijd(self.inburgeraar.geboortedatum, op),
            jaren_onderwijs=self.jaren_onderwijs,
            gealfabetiseerd=self.gealfabetiseerd or None,
            wens=self.wens or None,
            max_leeftijd_onderwijsroute=onderwijsroute_max_leeftijd(op),
        )


class IntakeGezondheidQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IntakeGezondheidQuerySet":
        """THE policy for health and trauma data (AVG art. 9; DOMAIN.md §12 and
        rule 11): only GEZONDHEID_ROLES, and only for dossiers in their scope.
        Every page, export and PDF fetches health data through here."""
        if not user.is_authenticated or not user.has_role(GEZONDHEID_ROLES):
            return self.none()
        return self.filter(intake__inburgeraar__in=Inburgeraar.objects.visible_to(user))


class IntakeGezondheid(models.Model):
    """Physical and mental health and trauma from the brede intake: special-category
    personal data, kept apart from the intake so that access is one decision."""

    intake = models.OneToOneField(
        BredeIntake, on_delete=models.CASCADE, related_name="gezondheid"
    )
    fysieke_gezondheid = models.TextField("fysieke gezondheid", blank=True)
    mentale_gezondheid = models.TextField("mentale gezondheid", blank=True)
    trauma = models.TextField("trauma", blank=True)
    zorg_en_behandeling = models.TextField("zorg en behandeling", blank=True)
    belemmeringen_voor_inburgering = models.TextField(
        "belemmeringen voor de inburgering", blank=True
    )
    besproken_op = models.DateField("gezondheid besproken op", null=True, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = IntakeGezondheidQuerySet.as_manager()

    class Meta:
        verbose_name = "gezondheid (brede intake)"
        verbose_name_plural = "gezondheid (brede intake)"

    def __str__(self) -> str:
        return f"Gezondheid bij {self.intake}"

    def clean(self) -> None:
        if self.besproken_op and self.besproken_op > timezone.localdate():
            raise ValidationError({"besproken_op": "Deze datum ligt in de toekomst."})


class Werkervaring(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="werkervaringen"
    )
    beroep = models.CharField(max_length=200)
    sector = models.CharField(max_length=200, blank=True)
    jaren = models.DecimalField(
        "aantal jaren",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    land = models.CharField(max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "werkervaring"
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jaren__gte=0) & Q(jaren__lte=60),
                name="werkervaring_jaren_0_to_60",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beroep} ({self.jaren} jaar)"


class IntakeOnderdeelSoort(models.Model):
    """A further part of the brede intake beyond the statutory three. The list in
    the Besluit was not seen [U], so functioneel beheer keeps it in the admin."""

    code = models.SlugField(unique=True)
    naam = models.CharField(max_length=100)
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(
        default=True, help_text="Alleen actieve onderdelen staan in nieuwe intakes."
    )

    class Meta:
        verbose_name = "onderdeel van de brede intake"
        verbose_name_plural = "onderdelen van de brede intake"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class IntakeOnderdeel(models.Model):
    """The findings of one checklist part in one intake."""

    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="onderdelen"
    )
    soort = models.ForeignKey(
        IntakeOnderdeelSoort, on_delete=models.PROTECT, related_name="+"
    )
    bevindingen = models.TextField(blank=True)
    afgerond = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "intakeonderdelen"
        ordering = ["soort__volgorde", "soort__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "soort"], name="one_onderdeel_per_soort_per_intake"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} ({self.intake})"


class Gesprek(models.Model):
    """A conversation held for the brede intake, with who took part."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    intake = models.ForeignKey(
        BredeIntake, on_delete=models.CASCADE, related_name="gesprekken"
    )
    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=GesprekSoort.choices)
    coa = models.BooleanField("COA was erbij", default=False)
    rsd = models.BooleanField("RSD-klantmanager was erbij", default=False)
    tolk = models.BooleanField("tolk was erbij", default=False)
    tolk_taal = models.CharField("taal van de tolk", max_length=100, blank=True)
    overige_deelnemers = models.CharField(
        "overige deelnemers", max_length=300, blank=True
    )
    notities = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "gesprekken"
        ordering = ["-datum", "-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tolk=True) | Q(tolk_taal=""),
                name="gesprek_tolk_taal_only_with_tolk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.datum:%d-%m-%Y}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.tolk and not self.tolk_taal.strip():
            errors["tolk_taal"] = "Vul in in welke taal de tolk heeft getolkt."
        if not self.tolk and self.tolk_taal.strip():
            errors["tolk_taal"] = "Vink 'tolk was erbij' aan, of laat de taal leeg."
        if self.datum and self.datum > timezone.localdate():
            errors["datum"] = "Een gesprek in de toekomst kunt u nog niet vastleggen."
        if errors:
            raise ValidationError(errors)

    @property
    def deelnemers(self) -> list[str]:
        names = []
        if self.coa:
            names.append("COA")
        if self.rsd:
            names.append("RSD")
        if self.tolk:
            names.append(f"tolk ({self.tolk_taal})" if self.tolk_taal else "tolk")
        if self.overige_deelnemers:
            names.append(self.overige_deelnemers)
        return names
