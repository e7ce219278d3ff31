from django import forms
from django.utils import timezone

from monitoring.rapportage.basis import Periode, laatste_afgesloten_kwartaal

EERSTE_JAAR = 2021  # the Wi2021 took effect on 1 January 2022; preparation from 2021
REGIO = "regio"


def gebied_keuzes(user) -> list[tuple[str, str]]:
    """The region and the user's own gemeenten."""
    return [(REGIO, "Regio De Liemers")] + [
        (str(g.pk), g.naam) for g in user.gemeenten.order_by("naam")
    ]


def gebied_gemeente(user, waarde: str):
    """The Gemeente for a gebied choice (None for the region); only the user's own."""
    if waarde == REGIO:
        return None
    return user.gemeenten.get(pk=waarde)


class AanvraagForm(forms.Form):
    """Request a (new version of a) kwartaalrapport."""

    jaar = forms.TypedChoiceField(coerce=int, label="Jaar")
    kwartaal = forms.TypedChoiceField(
        coerce=int,
        label="Kwartaal",
        choices=[(k, f"Kwartaal {k}") for k in range(1, 5)],
    )
    gebied = forms.ChoiceField(label="Gemeente of regio")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        self.fields["jaar"].choices = [
            (j, str(j)) for j in range(vandaag.year, EERSTE_JAAR - 1, -1)
        ]
        # Offered by default: the last quarter that has ended, whose report is final
        # (a running quarter's report is provisional).
        jaar, kwartaal = laatste_afgesloten_kwartaal(vandaag)
        self.fields["jaar"].initial = jaar
        self.fields["kwartaal"].initial = kwartaal
        self.fields["gebied"].choices = gebied_keuzes(user)
        self.user = user

    def clean(self):
        data = super().clean()
        if (
            "jaar" in data
            and "kwartaal" in data
            and Periode(data["jaar"], data["kwartaal"]).begin > timezone.localdate()
        ):
            raise forms.ValidationError(
                "Dit kwartaal is nog niet begonnen. Kies een kwartaal dat al "
                "begonnen of voorbij is."
            )
        if "gebied" in data:
            data["gemeente"] = gebied_gemeente(self.user, data["gebied"])
        return data
