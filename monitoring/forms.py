from django import forms

from intake.forms import DateInput


class UitstellenForm(forms.Form):
    """Snooze a signal; the prefix carries the signal's id so each row's fields
    have their own ids."""

    tot = forms.DateField(label="Uitstellen tot", widget=DateInput())
    reden = forms.CharField(label="Reden", max_length=300)
