"""Signalering (DESIGN.md §2.7): one Signaal row per (soort, object, vervaldatum),
created and resolved by signalering.sweep(), never by hand."""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from intake.models import Inburgeraar
from intake.models.toegang import scoped
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    KETEN_ROLES,
    MONITORING_ROLES,
    Role,
)
from zevenaar_inburgering.nl import datum_tekst


class SignaalSoort(models.TextChoices):
    PIP_WEEK_6 = "pip_week_6", "PIP-deadline: nog 4 weken (week 6)"
    PIP_WEEK_8 = "pip_week_8", "PIP-deadline: nog 2 weken (week 8)"
    PIP_TE_LAAT = "pip_te_laat", "PIP-deadline verstreken"
    INTAKE_NIET_GESTART = "intake_niet_gestart", "Brede intake niet gestart"
    ONTZORGEN_EINDIGT = "ontzorgen_eindigt", "Ontzorgen eindigt binnen 4 weken"
    TERMIJN_12_MAANDEN = "termijn_12_maanden", "Termijn eindigt binnen 12 maanden"
    TERMIJN_6_MAANDEN = "termijn_6_maanden", "Termijn eindigt binnen 6 maanden"
    TERMIJN_VERSTREKEN = (
        "termijn_verstreken",
        "Termijn verstreken: besluit over het vervolg nodig",
    )
    NIET_OP_KOERS = "niet_op_koers", "Niet op koers"
    VOORTGANGSGESPREK = "voortgangsgesprek", "Voortgangsgesprek te doen"
    HANDHAVING_BESLISTERMIJN = (
        "handhaving_beslistermijn",
        "Handhaving: beslistermijn binnen 2 weken",
    )
    ZIENSWIJZE_VERSTREKEN = (
        "zienswijze_verstreken",
        "Handhaving: zienswijzetermijn verstreken",
    )
    UREN_ONTBREKEN = "uren_ontbreken", "Uren van de aanbieder ontbreken"
    BEZWAAR_BESLISTERMIJN = (
        "bezwaar_beslistermijn",
        "Bezwaar: beslistermijn binnen 2 weken",
    )


# What an RSD klantmanager sees of their own clients (bijstand): the end of the
# ontzorgen period is theirs to prepare too (DESIGN.md §2.5). Nothing else: PIP,
# termijn and handhaving signals belong to the gemeente.
RSD_SOORTEN = frozenset({SignaalSoort.ONTZORGEN_EINDIGT})


class SignaalQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SignaalQuerySet":
        """Dossier roles: the signals of the dossiers in their gemeenten (whoever is
        verantwoordelijke). RSD klantmanager: only RSD_SOORTEN of their own clients.
        Everyone else (beleidsmedewerker, inactive, anonymous): none."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.RSD_KLANTMANAGER:
            return scoped(self, user, rsd=True).filter(soort__in=RSD_SOORTEN)
        if user.role in DOSSIER_ROLES:
            return scoped(self, user)
        return self.none()

    def open(self) -> "SignaalQuerySet":
        return self.filter(opgelost_op__isnull=True)

    def te_doen(self, vandaag: date) -> "SignaalQuerySet":
        """Open and not snoozed on `vandaag`: the werkvoorraad's "te doen" list. A
        signal snoozed until a day shows again on that day."""
        return self.open().filter(
            Q(gesnoozed_tot__isnull=True) | Q(gesnoozed_tot__lte=vandaag)
        )

    def voor_digest(self, user, vandaag: date) -> "SignaalQuerySet":
        """What goes in `user`'s daily e-mail: te doen, within scope, of the kinds
        they chose (SignaalVoorkeur), for which they are verantwoordelijke; an RSD
        klantmanager (never verantwoordelijke) gets the RSD_SOORTEN of their clients."""
        qs = self.visible_to(user).te_doen(vandaag)
        if user.role != Role.RSD_KLANTMANAGER:
            qs = qs.filter(verantwoordelijke=user)
        return qs.filter(soort__in=SignaalVoorkeur.digest_soorten_van(user))


class Signaal(models.Model):
    """Something in a dossier that needs attention by a date.

    `object_type`/`object_id` name what the signal is about ("app_label.model" and
    its primary key as text): the handhavingszaak, the ontzorging, the termijn, or
    for dossier-level kinds the dossier itself. `vervaldatum` is the date the thing
    is due (the PIP deadline, the end of the ontzorgen or termijn, the beslistermijn,
    ...): if it moves, the old signal is resolved and a new one made.

    `verantwoordelijke` is always the dossier's casusregisseur (the gemeente owns
    the dossier, also for ontzorgen); the sweep keeps it in step when the dossier is
    reassigned. Empty while the dossier has no casusregisseur.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=40, choices=SignaalSoort.choices)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="signalen"
    )
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    vervaldatum = models.DateField(db_index=True)
    verantwoordelijke = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signalen",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    opgelost_op = models.DateTimeField(null=True, blank=True, db_index=True)
    gesnoozed_tot = models.DateField("uitgesteld tot", null=True, blank=True)
    snooze_reden = models.TextField("reden van uitstel", blank=True)
    # Set once by monitoring.digest.signalen_escaleren() when the signal stays open
    # too long past its vervaldatum; the gemeente's teamleider then gets it too.
    geescaleerd_op = models.DateField("geëscaleerd op", null=True, blank=True)

    objects = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["vervaldatum", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "object_type", "object_id", "vervaldatum"],
                name="signaal_once_per_soort_object_vervaldatum",
            ),
            models.CheckConstraint(
                condition=Q(gesnoozed_tot__isnull=True) | ~Q(snooze_reden=""),
                name="signaal_snooze_needs_reden",
            ),
        ]
        indexes = [
            models.Index(
                fields=["verantwoordelijke", "vervaldatum"],
                condition=Q(opgelost_op__isnull=True),
                name="signaal_open_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({datum_tekst(self.vervaldatum)})"

    @property
    def is_open(self) -> bool:
        return self.opgelost_op is None


class SignaalVoorkeur(models.Model):
    """Which kinds of signal a user wants in the daily e-mail digest. Without a row,
    every kind they can see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signaal_voorkeur",
    )
    digest_soorten = ArrayField(
        models.CharField(max_length=40, choices=SignaalSoort.choices),
        default=list,
        blank=True,
        verbose_name="soorten in de dagelijkse e-mail",
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "signaalvoorkeur"
        verbose_name_plural = "signaalvoorkeuren"

    def __str__(self) -> str:
        return f"Signaalvoorkeur van {self.user}"

    @classmethod
    def digest_soorten_van(cls, user) -> list[str]:
        row = cls.objects.filter(user=user).values_list("digest_soorten", flat=True)
        chosen = row.first()
        return list(SignaalSoort.values) if chosen is None else list(chosen)


class DigestVerzending(models.Model):
    """One daily e-mail digest sent to a user: the row is claimed before sending,
    and the unique (user, datum) makes a second run on the same day send nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_verzendingen",
    )
    datum = models.DateField()
    aantal_signalen = models.PositiveIntegerField(default=0)
    verzonden_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verzonden digest"
        verbose_name_plural = "verzonden digests"
        ordering = ["-datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "datum"], name="digest_once_per_user_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Digest aan {self.user} op {datum_tekst(self.datum)}"


# --- Kwartaalrapportage (DESIGN.md §2.8) ----------------------------------------------


def _eigen_gemeenten_of_regio(qs, user):
    """Rows of the user's own gemeenten, and the region's (gemeente empty)."""
    return qs.filter(
        Q(gemeente__isnull=True) | Q(gemeente__in=user.gemeenten.values("pk"))
    )


class KwartaalrapportStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", "In de wachtrij"
    BEZIG = "bezig", "Wordt gemaakt"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"


class KwartaalrapportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "KwartaalrapportQuerySet":
        """Beleidsmedewerker and functioneel beheerder: the reports of their own
        gemeenten and of the region. Nobody else (they hold no personal data, but
        are not the casusregisseur's business)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in MONITORING_ROLES:
            return _eigen_gemeenten_of_regio(self, user)
        return self.none()

    def klaar(self) -> "KwartaalrapportQuerySet":
        return self.filter(status=KwartaalrapportStatus.KLAAR)


class Kwartaalrapport(models.Model):
    """One generation of the report of a quarter for a gemeente, or for the region
    (gemeente empty). Regenerating makes a new row: earlier versions stay, with the
    figures and parameters they were made with."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    gemeente = models.ForeignKey(
        "accounts.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kwartaalrapporten",
    )
    status = models.CharField(
        max_length=10,
        choices=KwartaalrapportStatus.choices,
        default=KwartaalrapportStatus.WACHTRIJ,
    )
    # The figures as data (monitoring.rapportage.cijfers.bereken), unsuppressed: every
    # view, the PDF and the CSV suppress small numbers when they show them.
    cijfers = models.JSONField(default=dict, blank=True)
    parameters = models.JSONField("gebruikte parameters", default=dict, blank=True)
    pdf = models.CharField(max_length=255, blank=True, help_text="Afgeschermde opslag")
    sha256 = models.CharField(max_length=64, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg: gemaakt door de kwartaaltaak",
    )
    aangevraagd_op = models.DateTimeField(auto_now_add=True)
    gestart_op = models.DateTimeField(null=True, blank=True)
    gereed_op = models.DateTimeField(null=True, blank=True)
    foutmelding = models.CharField(max_length=300, blank=True)

    objects = KwartaalrapportQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "kwartaalrapporten"
        ordering = ["-jaar", "-kwartaal", "gemeente__naam", "-aangevraagd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1, kwartaal__lte=4),
                name="kwartaalrapport_kwartaal_1_4",
            ),
            models.CheckConstraint(
                condition=~Q(status="klaar") | ~Q(pdf=""),
                name="kwartaalrapport_klaar_has_pdf",
            ),
        ]
        indexes = [models.Index(fields=["jaar", "kwartaal", "gemeente"])]

    def __str__(self) -> str:
        return f"Kwartaalrapport {self.periode} {self.gebied}"

    @property
    def periode(self) -> str:
        return f"{self.jaar} K{self.kwartaal}"

    @property
    def gebied(self) -> str:
        return self.gemeente.naam if self.gemeente_id else "Regio De Liemers"

    @property
    def in_behandeling(self) -> bool:
        return self.status in (
            KwartaalrapportStatus.WACHTRIJ,
            KwartaalrapportStatus.BEZIG,
        )

    @property
    def vertraagd(self) -> bool:
        """Waiting so long that its task was probably lost (Redis or the worker
        down): the page stops polling; the quarterly job or a worker start makes it."""
        from .rapportage.rapport import WACHTRIJ_TE_LANG

        return (
            self.status == KwartaalrapportStatus.WACHTRIJ
            and self.aangevraagd_op < timezone.now() - WACHTRIJ_TE_LANG
        )


class KetenoverlegQuerySet(models.QuerySet):
    def visible_to(self, user) -> "KetenoverlegQuerySet":
        """Casusregisseurs, beleidsmedewerkers and functioneel beheer: the meetings
        their own gemeenten took part in. No personal data of inburgeraars."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in KETEN_ROLES:
            return self.filter(gemeenten__in=user.gemeenten.values("pk")).distinct()
        return self.none()


class Ketenoverleg(models.Model):
    """A meeting of the keten (Doel 4: at least twice a year)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    datum = models.DateField()
    onderwerp = models.CharField(max_length=200)
    gemeenten = models.ManyToManyField(
        "accounts.Gemeente", related_name="ketenoverleggen"
    )
    partners = models.ManyToManyField(
        "leerroutes.Organisatie",
        related_name="ketenoverleggen",
        verbose_name="aanwezige ketenpartners",
    )
    afspraken = models.TextField(
        blank=True, help_text="Geen namen of andere gegevens van inburgeraars."
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    versie = models.PositiveIntegerField(default=1)

    objects = KetenoverlegQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "ketenoverleggen"
        ordering = ["-datum"]

    def __str__(self) -> str:
        return f"Ketenoverleg {datum_tekst(self.datum)}: {self.onderwerp}"


class UitvoeringskostenQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UitvoeringskostenQuerySet":
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in MONITORING_ROLES:
            return self.filter(gemeente__in=user.gemeenten.values("pk"))
        return self.none()


class Uitvoeringskosten(models.Model):
    """Uitvoeringskosten a gemeente spent in a quarter (brede intake, PIP, ontzorgen,
    inkoop; paid from the algemene uitkering), recorded by functioneel beheer from
    the financial administration, against the dated budget parameter."""

    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.PROTECT, related_name="+"
    )
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    toelichting = models.CharField(max_length=300, blank=True)

    objects = UitvoeringskostenQuerySet.as_manager()

    class Meta:
        verbose_name = "uitvoeringskosten (realisatie)"
        verbose_name_plural = "uitvoeringskosten (realisatie)"
        ordering = ["-jaar", "-kwartaal", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "kwartaal"],
                name="uitvoeringskosten_once_per_quarter",
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1, kwartaal__lte=4),
                name="uitvoeringskosten_kwartaal_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"Uitvoeringskosten {self.gemeente} {self.jaar} K{self.kwartaal}"
