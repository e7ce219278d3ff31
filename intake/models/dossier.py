"""The dossier: the inburgeraar, the household and notes."""

import re
import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.utils import timezone

from intake.rules import (
    DeadlineStatus,
    deadline_grenzen,
    deadline_status,
    leeftijd_ter_controle,
    pip_deadline,
    wet_regime_uit_start,
    wi2021_niet_voor_wi2013,
)
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    Gemeente,
    Role,
)
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.validators import (
    validate_bsn,
    validate_postcode,
    validate_v_nummer,
)


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


class Verblijfsvergunning(models.TextChoices):
    """The kind of residence permit: a fact apart from the doelgroep. Financieel
    ontzorgen (Pw art. 56a) is for holders of an asylum permit, also a derived one
    (a nareiziger); family members with a regular permit count as asielstatushouder
    for the inburgering offer but not for 56a (DOMAIN.md §13.5) [S: Schulinck]."""

    ASIEL = "asiel", "Asielvergunning"
    ASIEL_AFGELEID = "asiel_afgeleid", "Afgeleide asielvergunning (nareiziger)"
    REGULIER = "regulier", "Reguliere verblijfsvergunning"
    ONBEKEND = "onbekend", "Onbekend"


def verblijfsvergunning_bij_doelgroep(doelgroep: str) -> str:
    """The permit a new dossier starts with when nobody has recorded it: an
    asielstatushouder holds an asylum permit; for everyone else, family members of
    an asielstatushouder included (a nareiziger has a derived asylum permit, a
    family member through regular reunification a regular one), it is not known
    until the casusregisseur records it."""
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        return Verblijfsvergunning.ASIEL
    return Verblijfsvergunning.ONBEKEND


class WetRegime(models.TextChoices):
    WI2021 = "wi2021", "Wet inburgering 2021"
    WI2013 = "wi2013", "Wet inburgering (2013)"


class Status(models.TextChoices):
    """The dossier's state (DOMAIN.md, 'States (per person)')."""

    SIGNAAL_ONTVANGEN = "signaal_ontvangen", "Signaal ontvangen"
    INTAKE_GEPLAND = "intake_gepland", "Intake gepland"
    INTAKE_LOOPT = "intake_loopt", "Intake loopt"
    # Between the completed brede intake and the first PIP: without it the header
    # said "Intake loopt" under a completed intake (issue 19).
    INTAKE_AFGEROND = "intake_afgerond", "Intake afgerond"
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


# The statuses that end the work on a dossier: the plicht is met, lifted or no longer
# this gemeente's, or the dossier was a DUO correction. Nothing more is asked of the
# casusregisseur (signalering), the dossier has left the stock (kwartaalrapportage)
# and its bewaartermijn runs (anonimiseren). TERMIJN_OVERSCHREDEN is not among them:
# handhaving and the voortgangsgesprekken go on.
GESLOTEN_STATUSSEN = (
    Status.AFGEROND_VOLDAAN,
    Status.VRIJGESTELD,
    Status.ONTHEVEN,
    Status.VERHUISD,
    Status.BEEINDIGD,
    Status.ONTKOPPELD,
)


# The only statuses a casusregisseur sets by hand (the dossier form): the planning
# before the brede intake. The services set the others from what is recorded (the
# intake, the PIP, the traject) and the legal ones are events (models/status.py).
HANDMATIGE_STATUSSEN = (Status.SIGNAAL_ONTVANGEN, Status.INTAKE_GEPLAND)


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


def rsd_klanten(klantmanager_ids, *, pad: str = "") -> Q:
    """The RSD scope: the dossiers with bijstand assigned to one of these RSD
    klantmanagers (their caseload). `pad` leads from the model queried to the
    dossier ("inburgeraar__"). In memory: Inburgeraar.is_rsd_klant_van()."""
    return Q(
        **{f"{pad}bijstand": True, f"{pad}rsd_klantmanager_id__in": klantmanager_ids}
    )


def gesloten() -> Case:
    """True for a closed dossier (GESLOTEN_STATUSSEN): the werkvoorraad's deadline
    order puts these last, from an index on the same expression."""
    return Case(
        When(status__in=GESLOTEN_STATUSSEN, then=Value(True)),
        default=Value(False),
        output_field=models.BooleanField(),
    )


class Zoektekst(Func):
    """Text as the search compares it: without accents and in lower case, so that
    "dogan" finds "Doğan" (PostgreSQL unaccent, wrapped IMMUTABLE in migration
    0015 so that an index can hold it)."""

    function = "inburgering_zoektekst"
    output_field = models.TextField()


class Zoeknaam(Func):
    """A dossier's whole name (voornamen, tussenvoegsel, achternaam) as Zoektekst;
    a trigram index on it (Inburgeraar.Meta) serves every word of a name search."""

    function = "inburgeraar_zoeknaam"
    output_field = models.TextField()

    def __init__(self):
        super().__init__(F("voornamen"), F("tussenvoegsel"), F("achternaam"))


# A part of a BSN finds dossiers from this many digits: fewer would match a large
# part of the region (and tell little about one person).
BSN_DEEL_MIN_CIJFERS = 4
BSN_CIJFERS, V_NUMMER_CIJFERS = 9, 10
# "Najjar, Dima" (the list's own format) is searched as the words "Najjar" and "Dima".
WOORDSCHEIDING = re.compile(r"[\s,;]+")


def zoekcijfers(text: str) -> str:
    """The digits of a search that is a number (spaces and dots left out, as a BSN
    is often written); '' when the search is not a number."""
    compact = text.strip().replace(" ", "").replace(".", "")
    return compact if compact.isdigit() else ""


def zoekcijfers_fout(text: str) -> str:
    """Why a number cannot be searched ('' when it can): a part of a BSN needs
    BSN_DEEL_MIN_CIJFERS digits, and no BSN or v-nummer is longer than 10."""
    cijfers = zoekcijfers(text)
    if cijfers and len(cijfers) < BSN_DEEL_MIN_CIJFERS:
        return (
            f"Typ minstens {BSN_DEEL_MIN_CIJFERS} cijfers van het BSN, of zoek op naam."
        )
    if len(cijfers) > V_NUMMER_CIJFERS:
        return "Een BSN heeft 9 cijfers en een v-nummer 10: controleer het nummer."
    return ""


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
            return self.filter(gemeente_id__in=user.gemeente_pks())
        if user.role == Role.RSD_KLANTMANAGER:
            return self.filter(rsd_klanten([user.pk]))
        return self.none()

    def for_list(self) -> "InburgeraarQuerySet":
        # routestand: the leerroutes app's derived on-track state (one-to-one).
        # ontzorging: pip_plans' ontzorgen period (one-to-one).
        return self.select_related(
            "gemeente", "casusregisseur", "rsd_klantmanager", "routestand", "ontzorging"
        )

    def search(self, zoek: dict) -> "InburgeraarQuerySet":
        """Apply a search made by `search_terms()`: every word is somewhere in the
        name, in any order, whatever its accents and case ("dima najjar" and
        "Najjar, Dima" both find Dima Najjar; "van" finds the tussenvoegsel)."""
        if "ids" in zoek:
            return self.filter(pk__in=zoek["ids"])
        qs = self.alias(zoeknaam=Zoeknaam())
        for word in zoek.get("woorden", []):
            qs = qs.filter(zoeknaam__contains=Zoektekst(Value(word)))
        return qs

    def search_terms(self, text: str) -> dict:
        """Turn what the user typed into a search that can be kept in the session.

        A BSN (9 digits) or v-nummer (10 digits) matches exactly, a part of a BSN
        (from BSN_DEEL_MIN_CIJFERS digits; the form refuses fewer) anywhere in it;
        a number is resolved to dossier ids at once, so the number itself is never
        stored, and the description shows it masked. Words match names.
        """
        text = text.strip()
        cijfers = zoekcijfers(text)
        if cijfers and not zoekcijfers_fout(text):
            if len(cijfers) == V_NUMMER_CIJFERS:
                gevonden = self.filter(v_nummer=cijfers)
                omschrijving = f"v-nummer *****{cijfers[-4:]}"
            elif len(cijfers) == BSN_CIJFERS:
                gevonden = self.filter(bsn=cijfers)
                omschrijving = f"BSN *****{cijfers[-4:]}"
            else:
                gevonden = self.filter(bsn__contains=cijfers)
                # Even a part shows no more than its last two digits.
                omschrijving = f"deel van BSN {'*' * (len(cijfers) - 2)}{cijfers[-2:]}"
            ids = [str(pk) for pk in gevonden.values_list("pk", flat=True)]
            return {"ids": ids, "omschrijving": omschrijving}
        woorden = [w for w in WOORDSCHEIDING.split(text) if w]
        return {"woorden": woorden, "omschrijving": text} if woorden else {}

    def met_pip_deadline_status(
        self, status: str, vandaag: date
    ) -> "InburgeraarQuerySet":
        """The open dossiers whose PIP deadline has `status` (rules.deadline_status)
        on `vandaag`: te laat, minder dan 2 or 4 weken, or onbekend (no deadline:
        dates missing or suspended). A closed or moved dossier has no running
        deadline, and one with a vastgesteld PIP none left."""
        lopend = self.exclude(status__in=GESLOTEN_STATUSSEN).filter(
            pip_vastgesteld_op__isnull=True
        )
        twee_weken, vier_weken = deadline_grenzen(vandaag)
        if status == DeadlineStatus.TE_LAAT:
            return lopend.filter(pip_deadline__lt=vandaag)
        if status == DeadlineStatus.MINDER_DAN_2_WEKEN:
            return lopend.filter(pip_deadline__gte=vandaag, pip_deadline__lt=twee_weken)
        if status == DeadlineStatus.MINDER_DAN_4_WEKEN:
            return lopend.filter(
                pip_deadline__gte=twee_weken, pip_deadline__lt=vier_weken
            )
        if status == DeadlineStatus.ONBEKEND:
            # Under the Wi2013 there is no PIP, so no deadline to miss.
            return lopend.filter(pip_deadline__isnull=True, wet_regime=WetRegime.WI2021)
        raise ValueError(f"Onbekende deadlinestatus: {status}")


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
    verblijfsvergunning = models.CharField(
        max_length=20,
        choices=Verblijfsvergunning.choices,
        default=Verblijfsvergunning.ONBEKEND,
        help_text="Financieel ontzorgen (Participatiewet art. 56a) alleen bij een "
        "asielvergunning, ook een afgeleide (nareiziger).",
    )
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
    # The date of the event that set a legal status (intake.models.status): the
    # report, the signals and the bewaartermijn count from it. Empty otherwise.
    status_sinds = models.DateField("status sinds", null=True, blank=True)
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
    # Set once by intake/anonimiseren.py when the bewaartermijn has passed (SECURITY
    # RL-10): the personal data is gone, and the job never picks the dossier again.
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
            # The werkvoorraad's other sort orders (monitoring.werkvoorraad
            # SORT_ORDERINGS), each the order's leading columns, so a page is read
            # from an index instead of sorting every dossier (100,000: 160-400 ms).
            # Closed dossiers first out (gesloten()): a moved dossier with a
            # passed deadline is not "te laat".
            models.Index(
                gesloten(),
                F("pip_vastgesteld_op").asc(nulls_first=True),
                F("pip_deadline").asc(nulls_last=True),
                "achternaam",
                name="inburgeraar_pip_deadline_idx",
            ),
            models.Index(
                fields=["datum_kennisgeving", "achternaam"],
                name="inburgeraar_kennisgeving_idx",
            ),
            models.Index(
                fields=["gemeente", "achternaam", "voornamen"],
                name="inburgeraar_gemeente_naam_idx",
            ),
            models.Index(
                fields=["status", "achternaam", "voornamen"],
                name="inburgeraar_status_naam_idx",
            ),
            models.Index(fields=["gewijzigd_op"], name="inburgeraar_gewijzigd_idx"),
            # The name search (InburgeraarQuerySet.search): a word anywhere in the
            # name is a LIKE '%word%', which only a trigram index serves. Without
            # fastupdate every new name is in the index at once: a pending list
            # (until the next vacuum) made the planner read the table instead.
            GinIndex(
                OpClass(Zoeknaam(), name="gin_trgm_ops"),
                name="inburgeraar_zoeknaam_trgm_idx",
                fastupdate=False,
            ),
            # A part of a BSN, anywhere in it.
            GinIndex(
                OpClass("bsn", name="gin_trgm_ops"),
                name="inburgeraar_bsn_trgm_idx",
                fastupdate=False,
            ),
            # The dossier page's housemates: same postcode and huisnummer.
            models.Index(
                fields=["postcode", "huisnummer"], name="inburgeraar_adres_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def refresh_pip_deadline(self) -> None:
        """Recompute the stored PIP deadline from the dates it depends on. Under the
        Wi2013 there is no PIP, so no deadline."""
        self.pip_deadline = (
            None
            if self.is_wi2013
            else pip_deadline(
                kennisgeving=self.datum_kennisgeving,
                brp_inschrijving=self.datum_brp_inschrijving,
                uitstel_sinds=self.pip_uitstel_sinds,
                informatie_ontvangen=self.pip_uitstel_informatie_ontvangen,
            )
        )

    @property
    def is_wi2013(self) -> bool:
        return self.wet_regime == WetRegime.WI2013

    @property
    def regime_tegenstrijdig(self) -> bool:
        """The recorded law contradicts the start of the plicht (to be fixed)."""
        volgens_start = wet_regime_uit_start(self.start_inburgeringsplicht)
        return volgens_start is not None and volgens_start != self.wet_regime

    @property
    def leeftijd_ter_controle(self) -> str:
        """A review note when the person is outside 18 to the AOW age at the start
        of the plicht (or today, when that is not known); '' when fine."""
        op = self.start_inburgeringsplicht or timezone.localdate()
        return leeftijd_ter_controle(
            self.geboortedatum,
            op,
            aow_leeftijd_maanden=geheel("aow_leeftijd_maanden", op),
        )

    def wi2021_vereist(self, wat: str) -> None:
        """Refuse a Wi2021 action (PIP, termijn, ontzorgen, fine) for a person under
        the Wi2013 with a ValidationError that says why."""
        if self.is_wi2013:
            raise ValidationError(wi2021_niet_voor_wi2013(wat), code="wi2013")

    @property
    def pip_deadline_status(self):
        """The PIP deadline's urgency today (a rules.DeadlineStatus)."""
        return deadline_status(
            deadline=self.pip_deadline,
            today=timezone.localdate(),
            vastgesteld_op=self.pip_vastgesteld_op,
            gesloten=self.status in GESLOTEN_STATUSSEN,
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
    def dagen_te_laat(self) -> int | None:
        """Days past the PIP deadline (for "te laat: 3 dagen")."""
        dagen = self.dagen_tot_pip_deadline
        return -dagen if dagen is not None and dagen < 0 else None

    @property
    def naam(self) -> str:
        return " ".join(
            p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p
        )

    @property
    def heeft_asielvergunning(self) -> bool:
        """An asylum permit, also a derived one (nareiziger): the permit Pw art.
        56a asks for."""
        return self.verblijfsvergunning in (
            Verblijfsvergunning.ASIEL,
            Verblijfsvergunning.ASIEL_AFGELEID,
        )

    @property
    def doelgroep_categorie(self) -> str:
        return settings.DOELGROEP_CATEGORIE[self.doelgroep]

    def get_doelgroep_categorie_display(self) -> str:
        return DoelgroepCategorie(self.doelgroep_categorie).label

    @property
    def doelgroep_tekst(self) -> str:
        """The doelgroep with the group it counts in, unless the name already says
        it ("Asielstatushouder (asielstatushouders)" read oddly, issue 19)."""
        if self.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            return self.get_doelgroep_display()
        groep = self.get_doelgroep_categorie_display().lower()
        return f"{self.get_doelgroep_display()} (groep {groep})"

    def is_rsd_klant_van(self, user) -> bool:
        """Whether this dossier is in the RSD scope of `user` (rsd_klanten())."""
        return self.bijstand and self.rsd_klantmanager_id == user.pk

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
