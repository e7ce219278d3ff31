"""One line of a DUO signals file: its columns and the form that checks it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.validators import is_valid_bsn, validate_v_nummer

from ..models import Doelgroep, Geslacht, SignaalSoort, WetRegime

# CSV column -> Inburgeraar field. Every column but signaal_id, soort and
# corrigeert_signaal_id is a dossier field; an empty cell means "no value given".
PERSON_COLUMNS = {
    "bsn": "bsn",
    "v_nummer": "v_nummer",
    "voornamen": "voornamen",
    "tussenvoegsel": "tussenvoegsel",
    "achternaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "geslacht": "geslacht",
    "nationaliteit": "nationaliteit",
    "geboorteland": "geboorteland",
    "doelgroep": "doelgroep",
    "wet_regime": "wet_regime",
    "start_inburgeringsplicht": "start_inburgeringsplicht",
    "datum_kennisgeving": "datum_kennisgeving",
    "datum_brp_inschrijving": "datum_brp_inschrijving",
    "datum_coa_koppeling": "datum_coa_koppeling",
    "gemeente_cbs": "gemeente",
}
COLUMNS = ["signaal_id", "soort", "corrigeert_signaal_id", *PERSON_COLUMNS]
REQUIRED_COLUMNS = ["signaal_id", "soort", "bsn"]
REQUIRED_FOR_NIEUW = [
    "bsn",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "doelgroep",
    "gemeente_cbs",
]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
GESLACHT_CODES = {
    "m": Geslacht.MAN,
    "v": Geslacht.VROUW,
    "x": Geslacht.X,
    "o": Geslacht.ONBEKEND,
}


class DuoRegelForm(forms.Form):
    """Parses one line; field names are the CSV columns."""

    signaal_id = forms.CharField(max_length=64)
    soort = forms.ChoiceField(choices=SignaalSoort.choices)
    corrigeert_signaal_id = forms.CharField(max_length=64, required=False)
    bsn = forms.CharField(required=False)
    v_nummer = forms.CharField(required=False, validators=[validate_v_nummer])
    voornamen = forms.CharField(max_length=200, required=False)
    tussenvoegsel = forms.CharField(max_length=20, required=False)
    achternaam = forms.CharField(max_length=200, required=False)
    geboortedatum = forms.DateField(required=False, input_formats=DATE_FORMATS)
    geslacht = forms.CharField(required=False)
    nationaliteit = forms.CharField(max_length=100, required=False)
    geboorteland = forms.CharField(max_length=100, required=False)
    doelgroep = forms.ChoiceField(
        choices=[("", "")] + Doelgroep.choices, required=False
    )
    wet_regime = forms.ChoiceField(
        choices=[("", "")] + WetRegime.choices, required=False
    )
    start_inburgeringsplicht = forms.DateField(
        required=False, input_formats=DATE_FORMATS
    )
    datum_kennisgeving = forms.DateField(required=False, input_formats=DATE_FORMATS)
    datum_brp_inschrijving = forms.DateField(required=False, input_formats=DATE_FORMATS)
    datum_coa_koppeling = forms.DateField(required=False, input_formats=DATE_FORMATS)
    gemeente_cbs = forms.CharField(required=False)

    def __init__(self, *args, gemeenten_by_cbs: dict[str, Gemeente], **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten_by_cbs = gemeenten_by_cbs

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and not is_valid_bsn(bsn):
            raise ValidationError("ongeldig BSN (9 cijfers en de elfproef)")
        return bsn

    def clean_geslacht(self):
        value = self.cleaned_data["geslacht"].strip().lower()
        if not value:
            return ""
        if value in GESLACHT_CODES:
            return GESLACHT_CODES[value]
        if value in Geslacht.values:
            return value
        raise ValidationError("onbekend geslacht (gebruik M, V, X of O)")

    def clean_gemeente_cbs(self):
        code = self.cleaned_data["gemeente_cbs"].strip()
        if not code:
            return None
        code = code.zfill(4)
        if code not in self.gemeenten_by_cbs:
            raise ValidationError(
                f"gemeente met CBS-code {code} hoort niet bij deze regio"
            )
        return self.gemeenten_by_cbs[code]

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        if soort == SignaalSoort.NIEUW:
            # a field that failed its own check already says so
            missing = [
                c
                for c in REQUIRED_FOR_NIEUW
                if not data.get(c) and c not in self.errors
            ]
            if missing:
                raise ValidationError(
                    "verplicht bij een nieuw signaal: " + ", ".join(missing)
                )
        elif soort == SignaalSoort.WIJZIGING and not data.get("bsn"):
            raise ValidationError("een wijziging heeft een BSN nodig")
        elif soort == SignaalSoort.CORRECTIE and not data.get("corrigeert_signaal_id"):
            raise ValidationError("een correctie noemt het signaal dat zij corrigeert")
        return data

    def person_values(self) -> dict[str, Any]:
        """The dossier fields this line gives a value for."""
        return {
            model_field: self.cleaned_data[column]
            for column, model_field in PERSON_COLUMNS.items()
            if self.cleaned_data.get(column) not in (None, "")
        }


def first_error(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        prefix = "" if name == "__all__" else f"{name}: "
        parts.append(prefix + "; ".join(errors))
    return "; ".join(parts)[:500]
