"""Canaries: a short, unique code in every free text and health text of the person
data, so that a page or document that shows one tells which field leaked (AC-04).
"""

import re

from django.apps import apps
from django.db import DatabaseError, models, transaction

from intake.models import IntakeGezondheid

# The apps that hold person data; every TextField of their models gets a canary.
PERSON_DATA_APPS = ("intake", "pip_plans", "leerroutes", "monitoring")
# Short CharFields that are free text too (a reason, a description).
EXTRA_FREE_TEXT = {
    ("intake", "Inburgeraar", "pip_uitstel_reden"),
    ("intake", "Gesprek", "overige_deelnemers"),
    ("leerroutes", "Participatieactiviteit", "omschrijving"),
    ("leerroutes", "Voortgangsgesprek", "deelnemers"),
}
# The special category data (AVG art. 9) of the brede intake: IntakeGezondheid's
# texts. The AC-04 guarantee is about these.
HEALTH_MODEL = IntakeGezondheid


def _free_text_fields():
    """(model, field name) of every free text of the person-data apps, health excluded."""
    for model in apps.get_models():
        if model._meta.app_label not in PERSON_DATA_APPS or model is HEALTH_MODEL:
            continue
        for f in model._meta.concrete_fields:
            key = (model._meta.app_label, model.__name__, f.name)
            if (isinstance(f, models.TextField) and not f.choices) or (
                key in EXTRA_FREE_TEXT
            ):
                yield model, f.name


def _health_fields():
    return [
        f.name
        for f in HEALTH_MODEL._meta.concrete_fields
        if isinstance(f, models.TextField)
    ]


def _update_where_allowed(model, updates):
    """Update every row; rows a database trigger protects (a vastgesteld PIP) keep
    the canaries they were given when they were made."""
    try:
        with transaction.atomic():
            model.objects.update(**updates)
    except DatabaseError:
        for pk in model.objects.values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(**updates)
            except DatabaseError:
                pass


# Texts that are no canary: the DUO kenmerk of the verlenging granted for illness,
# which the AC-04 crawl looks for by itself (test_ac04_every_page.OTHER_MARKERS).
VASTE_TEKSTEN = {"pip_plans.Verlenging.duo_kenmerk": "DUOVERLKAN"}


class Canaries:
    """Short, unique codes per field: `VT017Q` for a free text, `GZ03Q` for health.

    Short words survive PDF text extraction (no line breaks inside them)."""

    def __init__(self):
        self.free = {}  # code -> "app.Model.field"
        self._free_code = {}
        for n, (model, name) in enumerate(sorted(_free_text_fields(), key=str)):
            label = f"{model._meta.label}.{name}"
            code = f"VT{n:03d}Q"
            self.free[code] = label
            self._free_code[label] = code
        self.health = {}
        self._health_code = {}
        for n, name in enumerate(_health_fields()):
            label = f"{HEALTH_MODEL._meta.label}.{name}"
            code = f"GZ{n:02d}Q"
            self.health[code] = label
            self._health_code[label] = code

    def __call__(self, label: str) -> str:
        """The canary text of `label` ("app.Model.field"), a sentence around the code."""
        code = self._free_code.get(label) or self._health_code[label]
        return f"Tekst {code} hier"

    def tekst(self, label: str) -> str | None:
        """What volledig_dossier writes into `label`: its canary, or a fixed text
        (VASTE_TEKSTEN), or None (the factory's own)."""
        if label in VASTE_TEKSTEN:
            return VASTE_TEKSTEN[label]
        return self(label) if label in self._free_code | self._health_code else None

    def code(self, label: str) -> str:
        return self._free_code.get(label) or self._health_code[label]

    def found(self, text: str) -> set[str]:
        """Labels of every canary code in `text`."""
        codes = set(re.findall(r"\b(?:VT\d{3}Q|GZ\d{2}Q)\b", text))
        return {self.free.get(c) or self.health[c] for c in codes}

    def mark_all(self):
        """Write the canary into every free text and health text of every row."""
        for model in {m for m, _ in _free_text_fields()}:
            updates = {
                name: models.Value(self(f"{model._meta.label}.{name}"))
                for m, name in _free_text_fields()
                if m is model
            }
            _update_where_allowed(model, updates)
        HEALTH_MODEL.objects.update(
            **{
                name: models.Value(self(f"{HEALTH_MODEL._meta.label}.{name}"))
                for name in _health_fields()
            }
        )
