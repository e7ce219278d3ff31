"""Brieftekst: the wording of a kind of letter for one gemeente, kept by functioneel
beheer (issue 20 item 2). Versioned: a concept is edited, seen as a voorbeeld PDF
and then published; a published version never changes (a database trigger,
migration 0012) and every Brief and PIP beschikking names the version it was
written with. The parts a letter must hold by law (the decision, the amounts, the
bezwaar clause, the legal basis) stay in the letter's template; a version holds
the parts around them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from zevenaar_inburgering.accounts.models import BRIEFTEKST_ROLES, Gemeente

from .brief import BriefSoort

# The letters whose text functioneel beheer keeps: the PIP beschikking and the
# letters to the inburgeraar (Brief), with the same values and names as BriefSoort.
# Not the overdracht: it goes to a colleague gemeente and is a fixed data sheet.
BrieftekstSoort = models.TextChoices(
    "BrieftekstSoort",
    [
        ("PIP_BESCHIKKING", ("pip_beschikking", "Beschikking PIP")),
        *(
            (soort.name, (soort.value, soort.label))
            for soort in (
                BriefSoort.UITNODIGING_INTAKE,
                BriefSoort.ONTZORGINGSBESCHIKKING,
                BriefSoort.WAARSCHUWING,
                BriefSoort.VOORNEMEN,
                BriefSoort.RAPPORT,
                BriefSoort.BOETEBESCHIKKING,
                BriefSoort.BESLISSING_OP_BEZWAAR,
            )
        ),
    ],
)


class BrieftekstStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"


class BrieftekstQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BrieftekstQuerySet":
        """Functioneel beheer: the texts of its own gemeenten. Nobody else: a
        letter's text reaches the others only inside a letter."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if not user.has_role(BRIEFTEKST_ROLES):
            return self.none()
        return self.filter(gemeente__in=user.gemeenten.all())

    def gepubliceerd(self) -> "BrieftekstQuerySet":
        return self.filter(status=BrieftekstStatus.GEPUBLICEERD)


class Brieftekst(models.Model):
    soort = models.CharField(max_length=30, choices=BrieftekstSoort.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="briefteksten"
    )
    versie = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20,
        choices=BrieftekstStatus.choices,
        default=BrieftekstStatus.CONCEPT,
    )
    inleiding = models.TextField(
        help_text="Na de titel, vóór het besluit of de afspraak: de aanhef en de "
        "eerste alinea's."
    )
    slot = models.TextField(
        help_text="Na het besluit en de bezwaarclausule, vóór de ondertekening: "
        "uitleg, contact en vragen."
    )
    toelichting = models.CharField(
        "waarom deze versie",
        max_length=300,
        blank=True,
        help_text="Voor wie later wil weten waarom de tekst veranderde.",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg voor de standaardtekst die het systeem meebracht.",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Wie de tekst het laatst opsloeg.",
    )
    # The optimistic lock of the concept and the mark that its voorbeeld was seen:
    # publishing needs a voorbeeld made after the last change.
    gewijzigd_op = models.DateTimeField(auto_now=True)
    voorbeeld_op = models.DateTimeField(null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    gepubliceerd_op = models.DateTimeField(null=True, blank=True)

    objects = BrieftekstQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "briefteksten"
        ordering = ["gemeente__naam", "soort", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "gemeente", "versie"],
                name="brieftekst_versie_uniek",
            ),
            # One concept at a time per letter and gemeente: two editors work on
            # the same concept (and the optimistic lock keeps them apart).
            models.UniqueConstraint(
                fields=["soort", "gemeente"],
                condition=Q(status="concept"),
                name="brieftekst_een_concept",
            ),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(gepubliceerd_op__isnull=False),
                name="brieftekst_gepubliceerd_heeft_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}, {self.gemeente}, versie {self.versie}"
