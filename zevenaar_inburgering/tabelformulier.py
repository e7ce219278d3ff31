"""What the table forms of every app share: a form with a row per item (a month of
hours per onderdeel, a month's payments per vaste last) whose template writes the
rows by hand instead of with crispy, and which may ask to confirm replacing rows
already recorded (intake.services.BevestigingNodig)."""

from dataclasses import dataclass

from django import forms


class BevestigdVeld(forms.CharField):
    """The keys of recorded rows the user agreed to replace: the confirmation button
    posts them comma-separated; cleaned, a frozenset (empty: nothing confirmed)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> frozenset[str]:
        return frozenset(filter(None, super().to_python(value).split(",")))


@dataclass(frozen=True)
class Invoer:
    """What the template needs to write one input by hand (includes/rijveld.html):
    Django's widget templates cost about 0.2 ms an input, and a table form has a
    dozen."""

    naam: str
    id: str
    label: str
    type: str
    waarde: str  # what was typed, or the initial value as the widget writes it
    fout: str
    uitleg: str
    verplicht: bool
    attrs: dict


class Tabelformulier(forms.Form):
    """A form whose template writes its inputs by hand, a row per item, instead of
    with crispy or Django's widget templates."""

    bevestigd = BevestigdVeld()
    # The fields above the rows (a month, a date), by name.
    kopvelden: tuple[str, ...] = ()

    def kop(self) -> dict[str, Invoer]:
        return {naam: self.invoer(naam) for naam in self.kopvelden}

    def invoer(self, naam: str) -> Invoer:
        veld = self[naam]
        widget = veld.field.widget
        waarde = widget.format_value(veld.value())
        return Invoer(
            naam=veld.html_name,
            id=veld.auto_id,
            label=veld.label,
            type=widget.input_type,
            waarde="" if waarde is None else str(waarde),
            fout=" ".join(veld.errors) if self.is_bound else "",
            uitleg=veld.help_text,
            verplicht=veld.field.required,
            attrs=widget.attrs,
        )
