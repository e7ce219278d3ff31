"""Handhaving (DOMAIN.md §7)."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from intake.models import Document, Inburgeraar
from intake.models.toegang import RsdScopedQuerySet, ScopedQuerySet
from zevenaar_inburgering.parameters.models import geheel

from .bezwaar import Bezwaar


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


class ZienswijzeWijze(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", "Schriftelijk"
    MONDELING = "mondeling", "Mondeling (gesprek, verslag in het dossier)"


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

    def met_geldend_boetebedrag(self) -> "HandhavingszaakQuerySet":
        """`geldend_boetebedrag`: the fine as a decided bezwaar left it (lower, or 0
        when it lapsed), else the fine imposed; None without a fine."""
        na_bezwaar = (
            Bezwaar.objects.filter(
                boetebeschikking__handhavingszaak=models.OuterRef("pk"),
                boetebedrag_na_bezwaar__isnull=False,
            )
            .order_by("-besluit_datum")
            .values("boetebedrag_na_bezwaar")[:1]
        )
        return self.annotate(
            geldend_boetebedrag=Coalesce(models.Subquery(na_bezwaar), "boetebedrag")
        )

    def samenloop_dossiers(self):
        """Ids of the dossiers with samenloop, for a filter or an Exists()."""
        return self.met_samenloop().values("inburgeraar_id")


class Handhavingszaak(models.Model):
    """An overtreding of a Wi2021 obligation and what the college does about it:
    an optional waarschuwing; before any fine a rapport (Awb 5:48) by one official,
    the voornemen with the invitation to a zienswijze (5:53) and the zienswijze or
    its term; then a besluit by another official (10:3 lid 4): a fine (≤ the dated
    maximum, only with a verwijtbaarheid judgement, 5:41) or afzien. Never
    automatic. Not visible to an RSD klantmanager: they only see the samenloop
    warning. A bezwaar against the fine is a Bezwaar."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="handhavingszaken"
    )
    # Documents of the dossier that belong to this zaak (issue 20); read them
    # through Document.objects.visible_to.
    documenten = models.ManyToManyField(
        Document, blank=True, related_name="handhavingszaken"
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
    # Awb art. 5:48 and 5:9: the rapport and the boetebeschikking name the voorschrift.
    overtreden_voorschrift = models.CharField(
        "overtreden voorschrift", max_length=200, blank=True
    )
    verplichting = models.TextField("welke verplichting uit het PIP", blank=True)
    plaats_overtreding = models.CharField(
        "plaats van de overtreding", max_length=200, blank=True
    )
    rapport_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Awb art. 5:10a: questioned with a fine in view, the person is told first that
    # they need not answer (the cautie).
    verhoord_op = models.DateField("verhoord op", null=True, blank=True)
    cautie_gegeven = models.BooleanField(default=False)
    tolk_bij_verhoor = models.BooleanField(
        "tolk aanwezig bij het verhoor", default=False
    )
    zienswijze_tot = models.DateField("zienswijze uiterlijk", null=True, blank=True)
    zienswijze_ontvangen_op = models.DateField(
        "zienswijze ontvangen op", null=True, blank=True
    )
    zienswijze = models.TextField("zienswijze van de inburgeraar", blank=True)
    zienswijze_wijze = models.CharField(
        max_length=20, choices=ZienswijzeWijze.choices, blank=True
    )
    tolk_bij_zienswijze = models.BooleanField(default=False)
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
    # Awb art. 5:46 lid 2: the amount reasoned against seriousness and blame.
    motivering_bedrag = models.TextField("motivering van het bedrag", blank=True)
    reactie_op_zienswijze = models.TextField("reactie op de zienswijze", blank=True)
    # HvJ EU 4-2-2025: an asielstatushouder only in exceptional cases (DOMAIN §13.3).
    asiel_motivering = models.TextField(
        "motivering uitzonderlijk geval (asielstatushouder)", blank=True
    )
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
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
