from django import forms
from django.db.models import Q

from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.validators import validate_bsn


class VerwerkingZoekForm(forms.Form):
    bsn = forms.CharField(
        label="BSN van de betrokkene",
        required=False,
        max_length=9,
        validators=[validate_bsn],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    gebruiker = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Alle gebruikers"
    )
    van = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label="Tot en met",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = (
            User.objects.filter(
                Q(gemeenten__in=user.gemeenten.values("pk")) | Q(pk=user.pk)
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", "De einddatum ligt voor de begindatum.")
        return data
