from django import forms

from .models import Organisatie, OrganisatieSoort


class UrenImportForm(forms.Form):
    aanbieder = forms.ModelChoiceField(
        queryset=Organisatie.objects.filter(
            soort=OrganisatieSoort.TAALAANBIEDER, actief=True
        ),
        empty_label="Kies de aanbieder van het bestand",
    )
    bestand = forms.FileField(
        label="CSV-bestand met uren",
        help_text="UTF-8, puntkomma of komma als scheidingsteken; zie de kolommen hiernaast.",
    )
