"""Form widgets every app uses."""

from django import forms


class MaandInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)
