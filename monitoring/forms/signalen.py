from django import forms

from intake.forms import DateInput, casusregisseurs_for
from monitoring.models import SignaalSoort
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.formulier import KeuzeVeld


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


class VervangingForm(forms.Form):
    """Vervanging: see and work the Te doen of a colleague who is away. Only the
    casusregisseurs who share a gemeente with the user can be chosen; the signals
    shown stay within the user's own gemeenten (Signaal.visible_to)."""

    collega = KeuzeVeld(
        label="Signalen van",
        queryset=User.objects.none(),
        required=False,
        empty_label="Mijn eigen signalen",
        error_messages={
            "invalid_choice": "Deze collega kunt u niet vervangen: kies een "
            "casusregisseur van uw eigen gemeente.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collega"].queryset = casusregisseurs_for(user).exclude(pk=user.pk)

    def gekozen_collega(self):
        """The colleague chosen, or None (none chosen or not one of them)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["collega"]
