"""The brede intake."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from intake import rules
from intake.models.dossier import Inburgeraar
from intake.models.toegang import ScopedQuerySet
from zevenaar_inburgering.nl import datum_tekst, ontbreekt
from zevenaar_inburgering.parameters.models import geheel


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


# The statutory parts (Wet art. 14 lid 3 [S]): (code, naam).
WETTELIJKE_ONDERDELEN = (
    ("leerbaarheidstoets", "Leerbaarheidstoets"),
    ("onderwijs", "Opleiding en werkervaring"),
    ("omstandigheden", "Persoonlijke omstandigheden en gezondheid"),
)


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


class BredeIntakeQuerySet(ScopedQuerySet):
    """visible_to(): the intake of the dossiers the user may work on. The RSD
    klantmanager sees no intake narratives (DOMAIN.md §12), so only the dossier roles."""

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
        return f"Brede intake van {self.inburgeraar} ({datum_tekst(self.gestart_op)})"

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
        except ObjectDoesNotExist:  # no IntakeGezondheid yet
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
                f"{ontbreekt(missing)}; of vul de reden in waarom {wat}",
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
                *WETTELIJKE_ONDERDELEN[0],
                lbt_missing,
                self.lbt_reden_niet_afgenomen,
                "de toets niet is afgenomen",
            ),
            part(
                *WETTELIJKE_ONDERDELEN[1],
                onderwijs_missing,
                self.onderwijs_reden_niet_onderzocht,
                "dit niet is onderzocht",
            ),
            part(
                *WETTELIJKE_ONDERDELEN[2],
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
