from django import forms

from zevenaar_inburgering.csvbestand import MAX_FILE_BYTES

from ..models import Organisatie, OrganisatieSoort


class UrenImportForm(forms.Form):
    aanbieder = forms.ModelChoiceField(
        queryset=Organisatie.objects.filter(
            soort=OrganisatieSoort.TAALAANBIEDER, actief=True
        ),
        empty_label="Kies de aanbieder van het bestand",
    )
    bestand = forms.FileField(
        label="CSV-bestand met uren",
        help_text="UTF-8, puntkomma of komma als scheidingsteken, hoogstens 20 MB; "
        "zie de uitleg over de kolommen.",
    )

    def clean_bestand(self):
        # Refused before it is read into memory.
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                "Het bestand is groter dan 20 MB. Splits het in delen."
            )
        return bestand
