"""Letters in bulk from the werkvoorraad's selection (issue 20 item 5)."""

from django import forms

from intake.forms import DateInput
from intake.models import Inburgeraar
from pip_plans.models import BriefSoort
from zevenaar_inburgering.accounts.models import User

# The kinds of letter made in bulk; more can follow, each with its service.
BULK_SOORTEN = [
    (BriefSoort.UITNODIGING_INTAKE.value, BriefSoort.UITNODIGING_INTAKE.label)
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class BrievenForm(forms.Form):
    """The batch: the dossiers (only those the user may see), the kind of letter,
    the appointment and the verzenddatum. The rules for a batch (how many, which
    dossiers, which dates) are the service's; this form only parses."""

    dossiers = forms.ModelMultipleChoiceField(
        queryset=Inburgeraar.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "Kies eerst een of meer dossiers in de werkvoorraad.",
            "invalid_choice": "Een of meer gekozen dossiers bestaan niet of zijn "
            "niet van u. Kies de dossiers opnieuw in de werkvoorraad.",
        },
    )
    soort = forms.ChoiceField(label="Soort brief", choices=BULK_SOORTEN)
    afspraak_datum = forms.DateField(
        label="Datum van de afspraak",
        widget=DateInput(),
        error_messages={"required": "Vul de datum van de afspraak in."},
    )
    afspraak_tijd = forms.TimeField(
        label="Tijd van de afspraak",
        required=False,
        widget=TimeInput(),
        help_text="Leeg: de brief zegt dat wij bellen om de tijd af te spreken.",
    )
    afspraak_plaats = forms.CharField(
        label="Plaats van de afspraak",
        max_length=200,
        help_text="Bijv. Gemeentehuis Zevenaar, Raadhuisplein 1, 6901 AA Zevenaar",
        error_messages={"required": "Vul de plaats van de afspraak in."},
    )
    verzenddatum = forms.DateField(
        label="Verzenddatum",
        widget=DateInput(),
        help_text="De dag dat de brieven op de post gaan; niet vóór vandaag.",
        error_messages={"required": "Vul de verzenddatum in."},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = Inburgeraar.objects.visible_to(user)
