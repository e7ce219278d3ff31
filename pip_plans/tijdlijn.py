"""The pip_plans app's kinds of timeline event (`Gebeurtenis.soort`; see
intake/tijdlijn.py)."""

from django.db import models


class GebeurtenisSoort(models.TextChoices):
    PIP = "pip", "PIP en beschikking"
    ONTZORGEN = "ontzorgen", "Financieel ontzorgen"
    HANDHAVING = "handhaving", "Handhaving"
    MAATREGEL = "maatregel", "Maatregel Participatiewet"
    BRIEF = "brief", "Brief verstuurd"
