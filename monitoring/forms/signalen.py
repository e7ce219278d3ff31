from django import forms

from intake.forms import DateInput
from monitoring.models import SignaalSoort


class UitstellenForm(forms.Form):
    """Snooze a signal; the prefix carries the signal's id so each row's fields
    have their own ids."""

    tot = forms.DateField(label="Uitstellen tot", widget=DateInput())
    reden = forms.CharField(label="Reden", max_length=300)


class VoorkeurenForm(forms.Form):
    """Which kinds of signal go in the daily e-mail; `soorten` are the kinds this
    user may choose (monitoring.digest.kiesbare_soorten)."""

    soorten = forms.MultipleChoiceField(
        label="Deze signalen wil ik in de dagelijkse e-mail",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "%(value)s is geen signaal dat u kunt kiezen.",
        },
    )

    def __init__(self, *args, soorten: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SignaalSoort.choices)
        self.fields["soorten"].choices = [(s, labels[s]) for s in soorten]
