"""Status changes with legal meaning (DOMAIN §13.5): each is an event with a date and
a source, recorded by `intake.services.status.status_vastleggen`, never a free choice
in the dossier form."""

import uuid

from django.conf import settings
from django.db import models

from zevenaar_inburgering.nl import datum_tekst, kleine_beginletter

from .dossier import Inburgeraar, Status
from .toegang import scoped


class StatusBron(models.TextChoices):
    """Where a legal status change comes from."""

    REGEL = "regel", "Regel: de eisen van de leerroute zijn vervuld"
    DUO = "duo", "Besluit van DUO"
    GEMEENTE = "gemeente", "Verhuizing (BRP of de nieuwe gemeente)"
    CASUSREGISSEUR = "casusregisseur", "Besluit van de gemeente"
    TERMIJN = "termijn", "De inburgeringstermijn is verstreken"
    OVERGENOMEN = "overgenomen", "Overgenomen uit de eerdere registratie"


# Which source may set which status, and what that source must state.
BRONNEN = {
    Status.AFGEROND_VOLDAAN: (StatusBron.REGEL, StatusBron.DUO),
    Status.VRIJGESTELD: (StatusBron.DUO,),
    Status.ONTHEVEN: (StatusBron.DUO,),
    Status.VERHUISD: (StatusBron.GEMEENTE,),
    Status.BEEINDIGD: (StatusBron.CASUSREGISSEUR,),
    Status.TERMIJN_OVERSCHREDEN: (StatusBron.TERMIJN,),
}

# The events that end the plicht in this gemeente: the running traject and the
# planned voortgangsgesprekken close (`<app>/plicht.py`), the person leaves the
# report's stand from the event's date, and the bewaartermijn runs.
PLICHT_EINDE = (
    Status.AFGEROND_VOLDAAN,
    Status.VRIJGESTELD,
    Status.ONTHEVEN,
    Status.VERHUISD,
    Status.BEEINDIGD,
)


class StatuswijzigingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "StatuswijzigingQuerySet":
        # An RSD klantmanager sees the status of a client in the dossier header.
        return scoped(self, user, rsd=True)


class Statuswijziging(models.Model):
    """One legal status change of a dossier: what, on which date, on whose word."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    status = models.CharField(max_length=30, choices=Status.choices)
    vorige_status = models.CharField(max_length=30, choices=Status.choices)
    datum = models.DateField("datum")
    bron = models.CharField(max_length=20, choices=StatusBron.choices)
    kenmerk = models.CharField("kenmerk DUO-besluit", max_length=60, blank=True)
    nieuwe_gemeente = models.CharField(max_length=100, blank=True)
    reden = models.CharField(max_length=300, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    objects = StatuswijzigingQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "statuswijzigingen"
        ordering = ["-datum", "-vastgelegd_op"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} op {self.datum}"

    @property
    def omschrijving(self) -> str:
        """The timeline's sentence: what, when and on whose word."""
        tekst = f"{self.get_status_display()} per {datum_tekst(self.datum)}"
        if self.bron == StatusBron.DUO:
            tekst += f" (besluit DUO, kenmerk {self.kenmerk})"
        elif self.bron == StatusBron.GEMEENTE:
            tekst += f", naar {self.nieuwe_gemeente}"
        elif self.bron == StatusBron.CASUSREGISSEUR:
            tekst += f": {self.reden}"
        else:
            tekst += f" ({kleine_beginletter(self.get_bron_display())})"
        return tekst
