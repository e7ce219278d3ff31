"""The leerroutes app's kinds of timeline event (`Gebeurtenis.soort`; see
intake/tijdlijn.py)."""

from django.db import models


class GebeurtenisSoort(models.TextChoices):
    LEERROUTE = "leerroute", "Leerroute, uren en examens"
    PARTICIPATIE = "participatie", "Participatie"
    KETEN = "keten", "Verwijzing en begeleiding"
    VOORTGANG = "voortgang", "Voortgangsgesprek"
