"""The dossier's timeline."""

from functools import cache

from django.conf import settings
from django.db import models

from intake.models.dossier import Inburgeraar, Notitie
from zevenaar_inburgering.bijdragen import per_app


def gebeurtenis_soorten() -> list[tuple[str, str]]:
    """The choices of `Gebeurtenis.soort`: the kinds every app registers in its own
    `tijdlijn.py` (`GebeurtenisSoort`), in INSTALLED_APPS order. A callable, so that
    a new kind needs no migration of intake. Migration 0009 names this function: keep
    its name and place."""
    return _soorten()


@cache
def _soorten() -> list[tuple[str, str]]:
    # Read on every display of a kind: collected once (the apps are fixed).
    return [
        keuze
        for module in per_app("tijdlijn")
        for keuze in module.GebeurtenisSoort.choices
    ]


class Gebeurtenis(models.Model):
    """One entry on the dossier's timeline. Every app registers its own soorten
    (`<app>/tijdlijn.py`)."""

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    soort = models.CharField(max_length=30, choices=gebeurtenis_soorten)
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
