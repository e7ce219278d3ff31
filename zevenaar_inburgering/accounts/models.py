from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from zevenaar_inburgering.nl import opsomming

# Every letter needs these (issue 20): who sends it, how to reach them, who signs
# and where a bezwaar goes.
BRIEFHOOFD_VELDEN = (
    "bezoekadres",
    "postadres",
    "telefoon",
    "website",
    "ondertekenaar_naam",
    "ondertekenaar_functie",
    "bezwaaradres",
)


class Gemeente(models.Model):
    """A municipality in the region, identified by its CBS code."""

    cbs_code = models.CharField("CBS-code", max_length=4, unique=True)
    naam = models.CharField(max_length=100, unique=True)
    # The letterhead of every letter and beschikking about a dossier of this
    # gemeente (issue 20); functioneel beheer keeps it. A letter is not made while
    # a field of BRIEFHOOFD_VELDEN or the logo (GemeenteLogo) is missing.
    bezoekadres = models.CharField(
        max_length=200, blank=True, help_text="Bijv. Raadhuisplein 1, 6901 AA Zevenaar"
    )
    postadres = models.CharField(
        max_length=200,
        blank=True,
        help_text="Bijv. Postbus 10, 6900 AA Zevenaar",
    )
    telefoon = models.CharField(max_length=30, blank=True)
    website = models.CharField(
        max_length=100, blank=True, help_text="Bijv. www.zevenaar.nl"
    )
    ondertekenaar_naam = models.CharField(
        "naam ondertekenaar",
        max_length=200,
        blank=True,
        help_text="Wie de brieven namens het college ondertekent",
    )
    ondertekenaar_functie = models.CharField(
        "functie ondertekenaar",
        max_length=200,
        blank=True,
        help_text="Bijv. Teamleider Inburgering",
    )
    bezwaaradres = models.CharField(
        "adres voor bezwaar",
        max_length=300,
        blank=True,
        help_text="Het adres van het college voor een bezwaarschrift; de brief "
        "noemt het college zelf. Bijv. t.a.v. de bezwaarcommissie, Postbus 10, "
        "6900 AA Zevenaar",
    )
    # Overdue signals escalate to this person (monitoring.digest).
    teamleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teamleider_van",
        limit_choices_to={
            "is_active": True,
            "role__in": ["casusregisseur", "functioneel_beheerder"],
        },
        help_text="Krijgt signalen die te lang over de vervaldatum zijn "
        "(casusregisseur of functioneel beheerder van deze gemeente).",
    )

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return self.naam

    def briefhoofd_ontbreekt(self) -> list[str]:
        """The letterhead fields still empty, by their Dutch names."""
        logo = [] if GemeenteLogo.objects.filter(gemeente=self).exists() else ["logo"]
        return logo + [
            str(self._meta.get_field(veld).verbose_name)
            for veld in BRIEFHOOFD_VELDEN
            if not getattr(self, veld)
        ]

    def briefhoofd_fout(self) -> str:
        """Why no letter can be made for this gemeente yet ("" when it can): the
        message names every empty field, for the page that tried."""
        ontbreekt = self.briefhoofd_ontbreekt()
        if not ontbreekt:
            return ""
        return (
            f"De brief kan niet worden gemaakt: het briefhoofd van de gemeente "
            f"{self.naam} is niet compleet. Functioneel beheer moet nog invullen: "
            f"{opsomming(ontbreekt)}."
        )

    @property
    def ondertekenaar(self) -> dict[str, str]:
        """Who signs the gemeente's letters, for pdf/base.html's signature."""
        return {"naam": self.ondertekenaar_naam, "functie": self.ondertekenaar_functie}

    def clean(self) -> None:
        # Escalated signals name people: the teamleider must see this gemeente.
        if self.teamleider_id and not (
            self.pk and self.teamleider.gemeenten.filter(pk=self.pk).exists()
        ):
            raise ValidationError(
                {"teamleider": "De teamleider moet bij deze gemeente horen."}
            )


class GemeenteLogo(models.Model):
    """The logo on a gemeente's letters, in a table of its own so that a gemeente
    read with a dossier never carries the image along; read only to make a
    letter. Checked on its bytes when uploaded (accounts/logo.py)."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, primary_key=True, related_name="logo"
    )
    data = models.BinaryField()
    content_type = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"Logo van {self.gemeente}"


class Role(models.TextChoices):
    CASUSREGISSEUR = "casusregisseur", "Casusregisseur"
    RSD_KLANTMANAGER = "rsd_klantmanager", "RSD-klantmanager"
    BELEIDSMEDEWERKER = "beleidsmedewerker", "Beleidsmedewerker"
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", "Functioneel beheerder"


# Which roles may do what. Views ask these sets, never the role names directly.
DOSSIER_ROLES = frozenset({Role.CASUSREGISSEUR, Role.FUNCTIONEEL_BEHEERDER})
DUO_IMPORT_ROLES = DOSSIER_ROLES
RSD_ROLES = frozenset({Role.RSD_KLANTMANAGER})
VERWERKINGENLOG_ROLES = frozenset({Role.FUNCTIONEEL_BEHEERDER})
# Who keeps the letter texts of their gemeenten (pip_plans.Brieftekst).
BRIEFTEKST_ROLES = frozenset({Role.FUNCTIONEEL_BEHEERDER})
# Health and trauma (AVG art. 9): never an RSD klantmanager or a beleidsmedewerker.
GEZONDHEID_ROLES = frozenset({Role.CASUSREGISSEUR, Role.FUNCTIONEEL_BEHEERDER})
# The kwartaalrapportage and the dashboard; the ketenoverleg.
MONITORING_ROLES = frozenset({Role.BELEIDSMEDEWERKER, Role.FUNCTIONEEL_BEHEERDER})
KETEN_ROLES = frozenset(
    {Role.CASUSREGISSEUR, Role.BELEIDSMEDEWERKER, Role.FUNCTIONEEL_BEHEERDER}
)


class User(AbstractUser):
    """A staff member. The role decides which pages they may use, the gemeenten
    which dossiers (see Inburgeraar.objects.visible_to)."""

    role = models.CharField("rol", max_length=32, choices=Role.choices, blank=True)
    gemeenten = models.ManyToManyField(
        Gemeente, blank=True, related_name="medewerkers", verbose_name="gemeenten"
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # Functioneel beheer manages users in the Django admin; nobody else needs it.
        if not self.is_superuser:
            self.is_staff = self.role == Role.FUNCTIONEEL_BEHEERDER
        super().save(*args, **kwargs)

    def has_role(self, roles) -> bool:
        return self.is_active and self.role in roles

    def eigen_gemeenten(self) -> list["Gemeente"]:
        """The user's gemeenten (by name), read once per user object (a request):
        the scope of every visible_to() (gemeente_pks) and the account menu, one
        query for both. Changing the user's gemeenten through this object forgets
        the list (see gemeenten_gewijzigd)."""
        if not hasattr(self, "_gemeenten"):
            self._gemeenten = list(self.gemeenten.all())
        return self._gemeenten

    def gemeente_pks(self) -> list[int]:
        """The ids of the user's gemeenten.

        visible_to() filters on this list rather than on a subquery: at 100,000
        dossiers PostgreSQL took 9 ms to plan the werkvoorraad's query with the
        subquery's two extra tables and 3 ms with the list, for 3 ms of running
        it."""
        return sorted(g.pk for g in self.eigen_gemeenten())

    def geleide_gemeente_pks(self) -> list[int]:
        """The ids of the user's gemeenten they are teamleider of: the Team page
        (monitoring.views.team) and its menu entry, read with the gemeenten (no
        query of its own)."""
        return sorted(
            g.pk for g in self.eigen_gemeenten() if g.teamleider_id == self.pk
        )

    @property
    def is_casusregisseur(self) -> bool:
        return self.role == Role.CASUSREGISSEUR

    @property
    def is_rsd_klantmanager(self) -> bool:
        return self.role == Role.RSD_KLANTMANAGER


class Beveiligingsgebeurtenis(models.Model):
    """One authentication event (SECURITY LG-06): who, what, when and from where.
    Append-only like the verwerkingenlog: the database refuses UPDATE and DELETE.
    Never a password, a code or a session id."""

    class Soort(models.TextChoices):
        INLOGGEN = "inloggen", "Ingelogd met wachtwoord"
        INLOGGEN_MISLUKT = "inloggen_mislukt", "Inloggen mislukt"
        GEBLOKKEERD = "geblokkeerd", "Geblokkeerd na te veel mislukte pogingen"
        TWEEDE_FACTOR_OK = "tweede_factor_ok", "Tweede factor juist"
        TWEEDE_FACTOR_MISLUKT = "tweede_factor_mislukt", "Tweede factor onjuist"
        TWEEDE_FACTOR_INGESTELD = (
            "tweede_factor_ingesteld",
            "Authenticator-app ingesteld",
        )
        TWEEDE_FACTOR_OVERGESLAGEN = (
            "tweede_factor_overgeslagen",
            "Tweede factor overgeslagen (demonstratieomgeving)",
        )
        RESERVECODES_VERNIEUWD = "reservecodes_vernieuwd", "Reservecodes vernieuwd"
        TWEEDE_FACTOR_GEWIST = (
            "tweede_factor_gewist",
            "Tweede factor gewist door beheer",
        )
        UITLOGGEN = "uitloggen", "Uitgelogd"
        SESSIE_VERLOPEN = "sessie_verlopen", "Sessie verlopen"
        SESSIES_BEEINDIGD = (
            "sessies_beeindigd",
            "Sessies beëindigd (account gedeactiveerd)",
        )
        WACHTWOORD_GEWIJZIGD = "wachtwoord_gewijzigd", "Wachtwoord gewijzigd"

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    soort = models.CharField(max_length=32, choices=Soort.choices)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # As typed on the login form: a failed login may name no existing account.
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    toelichting = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-tijdstip"]
        verbose_name = "beveiligingsgebeurtenis"
        verbose_name_plural = "beveiligingsgebeurtenissen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.gebruikersnaam}"


@receiver(m2m_changed, sender=User.gemeenten.through)
def gemeenten_gewijzigd(sender, instance, **kwargs):
    """user.gemeenten.add/remove/set/clear: the cached gemeenten no longer hold. (From the
    gemeente's side, the users involved are other objects, loaded afresh.)"""
    if isinstance(instance, User):
        instance.__dict__.pop("_gemeenten", None)
