"""The upload of a document on the dossier (issue 20). The page it is on (in
pip_plans, because a document may belong to a bezwaar or a handhavingszaak) passes
the choices of what it belongs to."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import DocumentSoort
from ..services.document import inhoudstype, lees_upload
from .dossier import DateInput


class DocumentForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        help_text="Een PDF, JPEG of PNG van hoogstens 20 MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            }
        ),
    )
    soort = forms.ChoiceField(
        label="Soort document", choices=[("", "Kies de soort")] + DocumentSoort.choices
    )
    datum = forms.DateField(
        label="Datum van het document",
        help_text="Bijv. de datum van het diploma of van de verklaring.",
        widget=DateInput(),
    )
    hoort_bij = forms.ChoiceField(label="Hoort bij", required=False)
    notitie = forms.CharField(
        label="Notitie",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, hoort_bij: list, **kwargs):
        """`hoort_bij`: the choices of what the document belongs to, (value, label)
        or (group, [(value, label), …]); the empty choice is added here."""
        super().__init__(*args, **kwargs)
        self.fields["hoort_bij"].choices = [("", "Het dossier als geheel")] + hoort_bij

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        data = lees_upload(bestand)
        inhoudstype(data, bestand.name)
        self.cleaned_data["data"] = data
        return bestand

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError("De datum van het document ligt in de toekomst.")
        return datum

    def clean(self):
        cleaned = super().clean()
        if self.errors and "bestand" not in self.errors and self.files:
            # A browser never fills in a file field again: say so next to it.
            self.add_error(
                "bestand", "Kies het bestand opnieuw; de andere velden zijn bewaard."
            )
        return cleaned
