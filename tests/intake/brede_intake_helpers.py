"""Helpers of the brede intake tests: its URLs and its edit form as the browser posts it."""

import datetime as dt

from django.urls import reverse

from intake.models import BredeIntake
from intake.services import brede_intake as services


def url(name: str, dossier, *args) -> str:
    return reverse(name, args=[dossier.pk, *args])


def intake_data(intake: BredeIntake, **changes) -> dict:
    """The intake edit form as the browser posts it, unchanged unless told."""
    data = {}
    for name in services.INTAKE_VELDEN:
        value = getattr(intake, name)
        if isinstance(value, bool):
            value = "on" if value else ""
        elif value is None:
            value = ""
        elif isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = value
    data["versie"] = intake.versie
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
