"""What a user last chose on the werkvoorraad."""

from django.conf import settings
from django.db import models


class WerkvoorraadVoorkeur(models.Model):
    """The werkvoorraad filters and sort order a user last chose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="werkvoorraad_voorkeur",
    )
    filters = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Werkvoorraad van {self.user}"
