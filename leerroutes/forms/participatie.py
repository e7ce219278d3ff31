"""Forms of the participation page (and the RSD route page's activities):
activities, referrals, begeleiding and voortgangsgesprekken. They parse input; the
rules are in leerroutes.services and leerroutes.rules."""

from django import forms
from django.utils import timezone

from intake.forms import DateInput

from ..models import (
    MaatschappelijkeBegeleiding,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Verwijzing,
    VerwijzingStatus,
    Voortgangsgesprek,
)


class ActiviteitForm(forms.ModelForm):
    class Meta:
        model = Participatieactiviteit
        fields = [
            "soort",
            "organisatie",
            "omschrijving",
            "uren_per_week",
            "start",
            "einde",
        ]
        widgets = {"start": DateInput(), "einde": DateInput()}
        localized_fields = ["uren_per_week"]


class BeeindigenForm(forms.Form):
    prefix = "beeindigen"

    einde = forms.DateField(
        label="Laatste dag", widget=DateInput(), initial=timezone.localdate
    )


class VerwijzingForm(forms.ModelForm):
    class Meta:
        model = Verwijzing
        fields = ["ketenpartner", "reden", "verstuurd_op"]
        widgets = {
            "verstuurd_op": DateInput(),
            "reden": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ketenpartner"].queryset = Organisatie.objects.filter(
            actief=True
        ).exclude(soort=OrganisatieSoort.TAALAANBIEDER)
        self.fields["verstuurd_op"].initial = timezone.localdate


class VerwijzingBijwerkenForm(forms.Form):
    status = forms.ChoiceField(choices=VerwijzingStatus.choices)
    terugkoppeling = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)


class BegeleidingForm(forms.ModelForm):
    prefix = "begeleiding"

    class Meta:
        model = MaatschappelijkeBegeleiding
        fields = [
            "organisatie",
            "start",
            "einde",
            "praktische_hulp",
            "start_inburgering",
            "begeleiding_inburgering",
            "stimuleren_participatie",
            "toelichting",
        ]
        widgets = {
            "start": DateInput(),
            "einde": DateInput(),
            "toelichting": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            actief=True, soort=OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING
        )


class GesprekForm(forms.ModelForm):
    prefix = "gesprek"

    class Meta:
        model = Voortgangsgesprek
        fields = [
            "gehouden_op",
            "deelnemers",
            "rsd_klantmanager_aanwezig",
            "verslag",
            "afspraken",
        ]
        widgets = {
            "gehouden_op": DateInput(),
            "verslag": forms.Textarea(attrs={"rows": 3}),
            "afspraken": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gehouden_op"].required = True


class GesprekPlannenForm(forms.Form):
    prefix = "plannen"

    gepland_op = forms.DateField(label="Gepland op", widget=DateInput())
