"""What the table forms of every app share: a form with a row per item (a month of
hours per onderdeel, a month's payments per vaste last) whose template writes the
rows by hand instead of with crispy, and which may ask to confirm replacing rows
already recorded (intake.services.BevestigingNodig)."""

from django import forms


class BevestigdVeld(forms.CharField):
    """The keys of recorded rows the user agreed to replace: the confirmation button
    posts them comma-separated; cleaned, a frozenset (empty: nothing confirmed)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> frozenset[str]:
        return frozenset(filter(None, super().to_python(value).split(",")))


class Tabelformulier(forms.Form):
    """Its inputs carry Bootstrap's classes themselves (Django adds aria-invalid and
    aria-describedby), so the template renders each with `{{ veld }}`: no crispy
    for the rows (includes/rijveld.html)."""

    bevestigd = BevestigdVeld()

    def __getitem__(self, naam):
        veld = super().__getitem__(naam)
        klassen = "form-control form-control-sm"
        if self.is_bound and naam in self.errors:
            klassen += " is-invalid"
        veld.field.widget.attrs["class"] = klassen
        return veld
