"""Documents on the dossier (issue 20): a diploma, the COA profile, a medical
statement, the signed participatieverklaring, a scanned bezwaarschrift. The file
lives in private storage with its SHA-256, like a beschikking; the row says what
it is. pip_plans links a document to a bezwaar or a handhavingszaak (it may not be
named here: a lower app never knows a higher one)."""

import uuid

from django.conf import settings
from django.db import models

from zevenaar_inburgering.accounts.models import GEZONDHEID_ROLES, Role
from zevenaar_inburgering.nl import datum_tekst

from .brede_intake import WETTELIJKE_ONDERDELEN
from .dossier import Inburgeraar
from .intake_delen import IntakeOnderdeelSoort
from .toegang import scoped


class DocumentSoort(models.TextChoices):
    DIPLOMA = "diploma", "Diploma"
    COA_PROFIEL = "coa_profiel", "COA-profiel"
    MEDISCHE_VERKLARING = "medische_verklaring", "Medische verklaring"
    PARTICIPATIEVERKLARING = "participatieverklaring", "Participatieverklaring"
    BEZWAARSCHRIFT = "bezwaarschrift", "Bezwaarschrift"
    OVERIG = "overig", "Overig"


# Health data (AVG art. 9): only GEZONDHEID_ROLES see these kinds. The COA profile
# carries the COA's health and trauma information, so it counts as health data.
GEZONDHEIDSDOCUMENTEN = (DocumentSoort.MEDISCHE_VERKLARING, DocumentSoort.COA_PROFIEL)

# What an RSD klantmanager may see of their own clients (the Participatiewet side,
# DESIGN.md §1): the diplomas and the participatieverklaring, nothing else. A
# bezwaarschrift belongs to handhaving and "overig" can hold anything.
RSD_DOCUMENTEN = (DocumentSoort.DIPLOMA, DocumentSoort.PARTICIPATIEVERKLARING)


def intake_onderdeel_keuzes() -> list[tuple[str, str]]:
    """The parts of the brede intake a document can belong to: the statutory three
    and the further parts functioneel beheer keeps (also inactive ones, which old
    documents may name)."""
    return list(WETTELIJKE_ONDERDELEN) + list(
        IntakeOnderdeelSoort.objects.values_list("code", "naam")
    )


class Inhoudstype(models.TextChoices):
    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentQuerySet":
        """THE access rule for documents: the dossier roles see the documents of
        their dossiers, the health kinds only with GEZONDHEID_ROLES; an RSD
        klantmanager sees the RSD_DOCUMENTEN of their own clients."""
        if user.is_authenticated and user.role == Role.RSD_KLANTMANAGER:
            documenten = scoped(self, user, rsd=True).filter(soort__in=RSD_DOCUMENTEN)
        else:
            documenten = scoped(self, user)
        if not user.is_authenticated or not user.has_role(GEZONDHEID_ROLES):
            documenten = documenten.exclude(soort__in=GEZONDHEIDSDOCUMENTEN)
        return documenten


class Document(models.Model):
    """An uploaded file of the dossier. Never changed once stored: a wrong one is
    replaced by a new upload (the file's SHA-256 proves it is what was uploaded)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.PROTECT, related_name="documenten"
    )
    soort = models.CharField(max_length=30, choices=DocumentSoort.choices)
    datum = models.DateField(
        "datum van het document", help_text="Bijv. de datum van het diploma."
    )
    notitie = models.TextField(blank=True)
    # The code of the part of the brede intake it belongs to (a statutory part or
    # an IntakeOnderdeelSoort), if any.
    intake_onderdeel = models.CharField(
        "onderdeel van de brede intake", max_length=50, blank=True
    )
    bestandsnaam = models.CharField("naam van het bestand", max_length=200)
    inhoudstype = models.CharField(max_length=20, choices=Inhoudstype.choices)
    grootte = models.PositiveIntegerField("grootte in bytes")
    bestand = models.CharField(
        max_length=255, help_text="Naam in de afgeschermde opslag"
    )
    sha256 = models.CharField(max_length=64)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    toegevoegd_op = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "documenten"
        ordering = ["-datum", "-toegevoegd_op"]
        indexes = [models.Index(fields=["inburgeraar", "soort"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} van {datum_tekst(self.datum)}"

    @property
    def is_gezondheid(self) -> bool:
        return self.soort in GEZONDHEIDSDOCUMENTEN
