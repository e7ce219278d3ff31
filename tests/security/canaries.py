"""Canaries: a short, unique code in every free text and health text of the person
data, so that a page or document that shows one tells which field leaked (AC-04).
The health texts are those of the brede intake (IntakeGezondheid) and of the
uploaded health documents (GEZONDHEIDSDOCUMENTEN: the file's text and the note).
"""

import re

from django.apps import apps
from django.db import DatabaseError, models, transaction

from intake.models import GEZONDHEIDSDOCUMENTEN, Document, IntakeGezondheid

# The apps that hold person data; every TextField of their models gets a canary.
PERSON_DATA_APPS = ("intake", "pip_plans", "leerroutes", "monitoring")
# Models of those apps that hold no person data: the letter texts functioneel beheer
# keeps per gemeente (pip_plans.Brieftekst, the same for every client; a published
# version cannot be changed anyway).
NOT_PERSON_DATA = {"pip_plans.Brieftekst"}
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
# ... and the uploaded documents of the health kinds (issue 20): the text in the
# file and the note with it, per kind. "inhoud" is written into the PDF when the
# world is built; "notitie" by mark_all (over the note's free-text canary).
DOCUMENT_DELEN = ("inhoud", "notitie")
# The diploma's text: nothing of health, and a marker the AC-04 crawl looks for to
# know it really read the file the klantmanager may download.
DIPLOMA_MARKER = "DIPLOMAGELEZEN"
DIPLOMA_TEKST = f"Diploma MBO niveau 2 {DIPLOMA_MARKER}"


def document_label(soort: str, deel: str) -> str:
    """The label of a health document's text: "intake.Document[coa_profiel].inhoud"."""
    return f"{Document._meta.label}[{soort}].{deel}"


def _free_text_fields():
    """(model, field name) of every free text of the person-data apps, health excluded."""
    for model in apps.get_models():
        if (
            model._meta.app_label not in PERSON_DATA_APPS
            or model is HEALTH_MODEL
            or model._meta.label in NOT_PERSON_DATA
        ):
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
        self.health = {}  # code -> label: the brede intake's and the documents'
        self.health_intake = {}
        self.health_documenten = {}
        self._health_code = {}
        labels = [
            (self.health_intake, f"{HEALTH_MODEL._meta.label}.{name}")
            for name in _health_fields()
        ]
        labels += [
            (self.health_documenten, document_label(soort, deel))
            for soort in GEZONDHEIDSDOCUMENTEN
            for deel in DOCUMENT_DELEN
        ]
        for n, (groep, label) in enumerate(labels):
            code = f"GZ{n:02d}Q"
            groep[code] = label
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

    def document_tekst(self, soort: str) -> str | None:
        """The text of an uploaded document of `soort` (the file's): its health
        canary for a health kind, else None."""
        if soort in GEZONDHEIDSDOCUMENTEN:
            return self(document_label(soort, "inhoud"))
        return None

    def document_notitie(self, soort: str) -> str | None:
        """The note of an uploaded document of `soort`: as document_tekst."""
        if soort in GEZONDHEIDSDOCUMENTEN:
            return self(document_label(soort, "notitie"))
        return None

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
        # The note of a health document is health data: its health canary, not
        # the free-text one every note got above.
        for soort in GEZONDHEIDSDOCUMENTEN:
            Document.objects.filter(soort=soort).update(
                notitie=models.Value(self.document_notitie(soort))
            )
