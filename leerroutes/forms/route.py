"""Forms of the route page: assigning an aanbieder, hours, progress, exams and the
afronding. They parse input; the rules are in leerroutes.services and
leerroutes.rules."""

from django import forms

from intake.forms import DateInput
from zevenaar_inburgering.tabelformulier import Tabelformulier
from zevenaar_inburgering.widgets import MaandInput

from ..models import (
    ROUTE_ONDERDELEN,
    Afronding,
    Examenonderdeel,
    Niveau,
    Onderdeel,
    Organisatie,
    Voortgangsrapportage,
)


class ToewijzenForm(forms.Form):
    """Assign an aanbieder; one planned-hours field per onderdeel of the route."""

    aanbieder = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(),
        empty_label="Kies een aanbieder",
        help_text="Alleen aanbieders met een geldig keurmerk en, voor "
        "asielstatushouders, een contract voor deze route.",
    )
    start = forms.DateField(widget=DateInput())
    geplande_einde = forms.DateField(label="Gepland einde", widget=DateInput())

    def __init__(self, *args, aanbieders, leerroute: str, voorstel: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders
        for onderdeel in ROUTE_ONDERDELEN.get(leerroute, ()):
            self.fields[f"uren_{onderdeel}"] = forms.IntegerField(
                label=f"Geplande uren {Onderdeel(onderdeel).label}",
                min_value=0,
                max_value=5000,
                initial=voorstel.get(onderdeel),
                required=False,
            )
        self.onderdelen = ROUTE_ONDERDELEN.get(leerroute, ())

    def uren(self) -> dict:
        return {o: self.cleaned_data.get(f"uren_{o}") for o in self.onderdelen}


def _uren_veld(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=744,
        decimal_places=1,
        required=False,
        localize=True,  # 12,5 as Dutch users type it
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class MaandUrenForm(Tabelformulier):
    """One month of hours for every onderdeel of the open traject: a row per
    onderdeel (aanwezig, geroosterd); an empty row is skipped. The template writes
    the rows by hand (a table), not with crispy: the route page stays fast."""

    prefix = "uren"
    kopvelden = ("maand",)

    maand = forms.DateField(
        widget=MaandInput(),
        input_formats=["%Y-%m", "%m-%Y", "%Y-%m-%d"],
        help_text="De maand waarin de uren zijn gevolgd; een maand in de toekomst kan niet.",
    )

    def __init__(self, *args, onderdelen: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.onderdelen = onderdelen
        for onderdeel in onderdelen:
            label = Onderdeel(onderdeel).label
            self.fields[f"uren_aanwezig_{onderdeel}"] = _uren_veld(
                f"Uren aanwezig {label}"
            )
            self.fields[f"uren_geroosterd_{onderdeel}"] = _uren_veld(
                f"Uren geroosterd {label}"
            )

    def rijen(self) -> list[dict]:
        """Per onderdeel its label and its two inputs, for the table."""
        return [
            {
                "label": Onderdeel(o).label,
                "aanwezig": self.invoer(f"uren_aanwezig_{o}"),
                "geroosterd": self.invoer(f"uren_geroosterd_{o}"),
            }
            for o in self.onderdelen
        ]

    def clean(self):
        data = super().clean()
        for onderdeel in self.onderdelen:
            if (
                data.get(f"uren_aanwezig_{onderdeel}") is None
                and data.get(f"uren_geroosterd_{onderdeel}") is not None
                and f"uren_aanwezig_{onderdeel}" not in self.errors
            ):
                self.add_error(
                    f"uren_aanwezig_{onderdeel}",
                    "Vul ook de uren aanwezig in (0 als er geen les is gevolgd).",
                )
        return data

    def uren(self) -> dict:
        """The filled rows: onderdeel -> (aanwezig, geroosterd)."""
        return {
            o: (
                self.cleaned_data[f"uren_aanwezig_{o}"],
                self.cleaned_data[f"uren_geroosterd_{o}"],
            )
            for o in self.onderdelen
            if self.cleaned_data[f"uren_aanwezig_{o}"] is not None
        }


class VoortgangForm(forms.ModelForm):
    prefix = "voortgang"

    class Meta:
        model = Voortgangsrapportage
        fields = [
            "datum",
            "lezen",
            "luisteren",
            "schrijven",
            "spreken",
            "aanwezigheid_pct",
            "opmerkingen",
        ]
        widgets = {
            "datum": DateInput(),
            "opmerkingen": forms.Textarea(attrs={"rows": 2}),
        }


class ExamenForm(forms.Form):
    prefix = "examen"

    onderdeel = forms.ChoiceField(choices=Examenonderdeel.choices)
    niveau = forms.ChoiceField(
        choices=[("", "Geen (KNM)")] + Niveau.choices, required=False
    )
    datum = forms.DateField(label="Examendatum", widget=DateInput())
    geslaagd = forms.TypedChoiceField(
        label="Uitslag",
        choices=[("ja", "Geslaagd"), ("nee", "Niet geslaagd")],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    cijfer = forms.CharField(max_length=20, required=False)


class AfrondingForm(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Afronding
        fields = [
            "participatieverklaring_getekend_op",
            "map_afgerond_op",
            "z_eindgesprek_op",
            "z_eindgesprek_verslag",
            "onderwijsroute_resultaat_op",
            "onderwijsroute_resultaat",
        ]
        widgets = {
            "participatieverklaring_getekend_op": DateInput(),
            "map_afgerond_op": DateInput(),
            "z_eindgesprek_op": DateInput(),
            "onderwijsroute_resultaat_op": DateInput(),
            "z_eindgesprek_verslag": forms.Textarea(attrs={"rows": 2}),
            "onderwijsroute_resultaat": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, leerroute: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = self.instance.versie
        # Only the fields of the route in force.
        if leerroute != "z":
            del self.fields["z_eindgesprek_op"]
            del self.fields["z_eindgesprek_verslag"]
        if leerroute != "onderwijs":
            del self.fields["onderwijsroute_resultaat_op"]
            del self.fields["onderwijsroute_resultaat"]
        else:
            del self.fields["map_afgerond_op"]

    def model_data(self) -> dict:
        return {
            name: value for name, value in self.cleaned_data.items() if name != "versie"
        }
