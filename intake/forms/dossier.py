from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row

from zevenaar_inburgering.accounts.models import Gemeente, Role, User
from zevenaar_inburgering.validators import normalise_postcode

from ..models import (
    HANDMATIGE_STATUSSEN,
    Huishoudlid,
    Inburgeraar,
    Status,
    StatusBron,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def casusregisseurs_for(user: User):
    """Active casusregisseurs who share a gemeente with `user`."""
    return (
        User.objects.filter(
            role=Role.CASUSREGISSEUR,
            is_active=True,
            gemeenten__in=user.gemeenten.values("pk"),
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def klantmanagers_for(user: User):
    return (
        User.objects.filter(
            Q(gemeenten__in=user.gemeenten.values("pk")),
            role=Role.RSD_KLANTMANAGER,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class InburgeraarForm(forms.ModelForm):
    """Create and edit a dossier. `versie` carries the optimistic lock."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Inburgeraar
        fields = [
            "bsn",
            "v_nummer",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "nationaliteit",
            "geboorteland",
            "talen",
            "telefoon",
            "email",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "gemeente",
            "wet_regime",
            "doelgroep",
            "status",
            "start_inburgeringsplicht",
            "datum_kennisgeving",
            "datum_brp_inschrijving",
            "datum_coa_koppeling",
            "datum_huisvesting",
            "casusregisseur",
            "rsd_klantmanager",
            "bijstand",
            "bijstand_start",
            "verblijfsvergunning",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "geboortedatum",
                "start_inburgeringsplicht",
                "datum_kennisgeving",
                "datum_brp_inschrijving",
                "datum_coa_koppeling",
                "datum_huisvesting",
                "bijstand_start",
            )
        }
        help_texts = {
            "bsn": "9 cijfers; wordt gecontroleerd met de elfproef.",
            "postcode": "Bijvoorbeeld 6901 AB.",
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(
            pk__in=user.gemeenten.values("pk")
        )
        self.fields["casusregisseur"].queryset = casusregisseurs_for(user)
        self.fields["rsd_klantmanager"].queryset = klantmanagers_for(user)
        self.fields["bsn"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        # Only the planning before the intake is set by hand; legal statuses are
        # events on the dossier page (intake.services.status).
        if self.instance.status in HANDMATIGE_STATUSSEN:
            self.fields["status"].choices = [
                (s.value, s.label) for s in HANDMATIGE_STATUSSEN
            ]
        else:
            del self.fields["status"]
        if not self.instance._state.adding:
            # The BSN identifies the person; DUO corrects it through a correctiesignaal.
            self.fields["bsn"].disabled = True
            self.fields["versie"].initial = self.instance.versie
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's form renders the token
        self.helper.layout = Layout(
            Fieldset(
                "Persoon",
                Row(Column("bsn"), Column("v_nummer")),
                Row(Column("voornamen"), Column("tussenvoegsel"), Column("achternaam")),
                Row(Column("geboortedatum"), Column("geslacht")),
                Row(Column("nationaliteit"), Column("geboorteland"), Column("talen")),
            ),
            Fieldset(
                "Contact en adres",
                Row(Column("telefoon"), Column("email")),
                Row(Column("straat"), Column("huisnummer")),
                Row(Column("postcode"), Column("woonplaats")),
            ),
            Fieldset(
                "Inburgering",
                Row(Column("gemeente"), Column("wet_regime"), Column("doelgroep")),
                *([Row(Column("status"))] if "status" in self.fields else []),
                Row(Column("start_inburgeringsplicht"), Column("datum_kennisgeving")),
                Row(Column("datum_brp_inschrijving"), Column("datum_coa_koppeling")),
                Row(Column("datum_huisvesting")),
            ),
            Fieldset(
                "Begeleiding",
                Row(Column("casusregisseur"), Column("rsd_klantmanager")),
                Row(Column("bijstand"), Column("bijstand_start")),
                Row(Column("verblijfsvergunning")),
            ),
            "versie",
        )

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        if data.get("bijstand_start") and not data.get("bijstand"):
            self.add_error(
                "bijstand_start", "Een startdatum bijstand kan alleen bij bijstand."
            )
        return data

    def model_data(self) -> dict:
        """The cleaned values of the model fields, for the service."""
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and not self.fields[name].disabled
        }


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label="Nieuwe notitie",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
    )


class HuishoudlidForm(forms.ModelForm):
    class Meta:
        model = Huishoudlid
        fields = ["naam", "geboortedatum", "relatie"]
        widgets = {"geboortedatum": DateInput()}


class HuishoudenKoppelenForm(forms.Form):
    """Linking is an optional action on the dossier page, so its one field shows no
    required asterisk (that read as "you must link"); posting it empty still gets a
    message."""

    ander = forms.ModelChoiceField(
        label="Dossier op hetzelfde adres",
        queryset=Inburgeraar.objects.none(),
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ander"].queryset = candidates

    def clean_ander(self):
        if self.cleaned_data["ander"] is None:
            raise ValidationError("Kies het dossier dat u wilt koppelen.")
        return self.cleaned_data["ander"]


class DuoImportForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand met DUO-signalen",
        help_text="UTF-8, puntkomma of komma als scheidingsteken; zie de handleiding.",
    )


class StatusForm(forms.Form):
    """A legal status change as an event (intake.services.status): what, the date,
    and what its source states. `versie` carries the optimistic lock."""

    # The status and where it comes from, as the casusregisseur records it.
    BRON = {
        Status.AFGEROND_VOLDAAN: StatusBron.DUO,
        Status.VRIJGESTELD: StatusBron.DUO,
        Status.ONTHEVEN: StatusBron.DUO,
        Status.VERHUISD: StatusBron.GEMEENTE,
        Status.BEEINDIGD: StatusBron.CASUSREGISSEUR,
    }

    status = forms.ChoiceField(
        label="Wat is er gebeurd?",
        choices=[
            (Status.ONTHEVEN, "Ontheffing door DUO"),
            (Status.VRIJGESTELD, "Vrijstelling door DUO"),
            (Status.AFGEROND_VOLDAAN, "Inburgeringsplicht voldaan volgens DUO"),
            (Status.VERHUISD, "Verhuisd naar een andere gemeente"),
            (Status.BEEINDIGD, "Inburgeringsplicht hier beëindigd (andere reden)"),
        ],
    )
    datum = forms.DateField(
        label="Datum",
        widget=DateInput(),
        help_text="De datum van het DUO-besluit, de verhuizing of het einde.",
    )
    kenmerk = forms.CharField(
        label="Kenmerk DUO-besluit",
        max_length=60,
        required=False,
        help_text="Bij een besluit van DUO.",
    )
    nieuwe_gemeente = forms.CharField(
        label="Nieuwe gemeente",
        max_length=100,
        required=False,
        help_text="Bij een verhuizing.",
    )
    reden = forms.CharField(
        label="Reden",
        max_length=300,
        required=False,
        help_text="Bij beëindigen, bijvoorbeeld overlijden of vertrek naar het buitenland.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["bron"] = self.BRON[data["status"]]
        return data
