"""The dossier's timeline."""

from django.conf import settings
from django.db import models

from intake.models.dossier import Inburgeraar, Notitie


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
