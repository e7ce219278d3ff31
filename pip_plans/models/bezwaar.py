"""Bezwaar (Awb hoofdstuk 6 and 7) against a PIP beschikking or a boetebeschikking:
one model for both, so that timeliness, the beslistermijn, functiescheiding and the
letter are one rule each (DOMAIN.md §13.2, §13.4)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from intake.models import Document, Inburgeraar
from intake.models.toegang import ScopedQuerySet

from .pip import Beschikking, Pip


class BezwaarUitkomst(models.TextChoices):
    GEGROND = "gegrond", "Gegrond"
    DEELS_GEGROND = "deels_gegrond", "Deels gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk", "Niet-ontvankelijk"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


GEGROND = (BezwaarUitkomst.GEGROND, BezwaarUitkomst.DEELS_GEGROND)


class BezwaarQuerySet(ScopedQuerySet):
    def open(self) -> "BezwaarQuerySet":
        """Not yet decided (a withdrawn bezwaar is decided: ingetrokken)."""
        return self.filter(uitkomst="")


class Bezwaar(models.Model):
    """A bezwaarschrift and the decision on it. Against exactly one decision: the
    beschikking of a PIP or the boetebeschikking (a Brief) of a handhavingszaak."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="bezwaren"
    )
    beschikking = models.ForeignKey(
        Beschikking,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bezwaren",
    )
    boetebeschikking = models.ForeignKey(
        "Brief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bezwaren",
    )
    ontvangen_op = models.DateField("bezwaar ontvangen op")
    poststempel_op = models.DateField(
        "datum poststempel",
        null=True,
        blank=True,
        help_text="Voor een bezwaar dat per post kwam (Awb art. 6:9 lid 2).",
    )
    gronden = models.TextField("gronden van het bezwaar", blank=True)
    # Documents of the dossier that belong to this bezwaar (issue 20); read them
    # through Document.objects.visible_to.
    documenten = models.ManyToManyField(Document, blank=True, related_name="bezwaren")
    # The last day to object, from the decision's verzenddatum (Awb 6:7, 6:8, ATW).
    bezwaartermijn_einde = models.DateField("bezwaar uiterlijk")
    tijdig = models.BooleanField(
        help_text="Awb art. 6:9: op tijd ontvangen, of op tijd gepost en binnen een "
        "week na de termijn ontvangen."
    )
    te_laat_reden = models.TextField(
        "reden van de inburgeraar voor de late indiening", blank=True
    )
    # Awb art. 6:11: the casusregisseur's decision on a late bezwaar.
    verschoonbaar = models.BooleanField(
        "termijnoverschrijding verschoonbaar", null=True, blank=True
    )
    verschoonbaar_toelichting = models.TextField(blank=True)
    # Awb art. 7:10: from the day after the bezwaartermijn ended; once verdaagd.
    beslistermijn = models.DateField("beslissen uiterlijk", db_index=True)
    adviescommissie = models.BooleanField(default=False)
    verdaagd_tot = models.DateField("verdaagd tot en met", null=True, blank=True)
    verdaging_reden = models.TextField(blank=True)
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
    # A fine after the decision on bezwaar: 0 when herroepen, lower when matigd.
    boetebedrag_na_bezwaar = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    versie = models.PositiveIntegerField(default=1)

    objects = BezwaarQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "bezwaren"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beschikking__isnull=False, boetebeschikking__isnull=True)
                | Q(beschikking__isnull=True, boetebeschikking__isnull=False),
                name="bezwaar_against_one_decision",
            ),
            models.CheckConstraint(
                condition=Q(verdaagd_tot__isnull=True)
                | Q(verdaagd_tot__gt=models.F("beslistermijn")),
                name="bezwaar_verdaging_later",
            ),
        ]

    def __str__(self) -> str:
        return f"Bezwaar tegen {self.beschikking or self.boetebeschikking}"

    @property
    def geldende_beslistermijn(self):
        return self.verdaagd_tot or self.beslistermijn

    @property
    def ontvankelijk_qua_termijn(self) -> bool:
        return self.tijdig or bool(self.verschoonbaar)

    @property
    def leidt_tot_herziening(self) -> bool:
        return self.uitkomst in GEGROND

    @property
    def tegen_boete(self) -> bool:
        return self.boetebeschikking_id is not None
