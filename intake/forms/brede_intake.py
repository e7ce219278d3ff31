"""Forms of the brede intake. They parse; the services in intake.services.brede_intake save."""

from django import forms

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row

from ..models import (
    BredeIntake,
    Gesprek,
    IntakeAanleiding,
    IntakeGezondheid,
    IntakeOnderdeel,
    IntakeOnderdeelSoort,
    Werkervaring,
)
from ..services.brede_intake import GEZONDHEID_VELDEN, INTAKE_VELDEN
from .dossier import DateInput


def _helper(layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the template's form has the token
    helper.layout = layout
    return helper


def _textareas(*names, rows=3) -> dict:
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class VersieMixin:
    """The optimistic lock: the intake's versie when the form was opened."""

    def _init_versie(self, intake: BredeIntake) -> None:
        self.fields["versie"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=intake.versie
        )


class IntakeStartenForm(forms.Form):
    aanleiding = forms.ChoiceField(
        choices=IntakeAanleiding.choices,
        initial=IntakeAanleiding.EERSTE,
        required=False,
        widget=forms.HiddenInput,
    )


class BredeIntakeForm(VersieMixin, forms.ModelForm):
    """The three statutory parts, the wish, the duties and the COA profile."""

    class Meta:
        model = BredeIntake
        fields = list(INTAKE_VELDEN)
        widgets = {
            "lbt_datum": DateInput(),
            "vve_informatie_op": DateInput(),
            "individueel_gesprek_aangeboden_op": DateInput(),
            "coa_profiel_ontvangen_op": DateInput(),
            **_textareas(
                "lbt_reden_niet_afgenomen",
                "diplomas",
                "onderwijs_reden_niet_onderzocht",
                "omstandigheden_reden_niet_onderzocht",
                rows=2,
            ),
            **_textareas("persoonlijke_omstandigheden", "coa_profiel", rows=5),
        }
        help_texts = {
            "lbt_reden_niet_afgenomen": "Alleen als de toets niet is afgenomen.",
            "onderwijs_reden_niet_onderzocht": "Alleen als dit niet is onderzocht.",
            "persoonlijke_omstandigheden": (
                "Bijvoorbeeld woonsituatie, zorgtaken en netwerk. Gezondheid en "
                "trauma legt u vast op de aparte pagina Gezondheid."
            ),
            "omstandigheden_reden_niet_onderzocht": (
                "Alleen als dit niet is onderzocht."
            ),
            "wens": "Gebruikt voor het advies over de leerroute.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_versie(self.instance)
        self.fields["jaren_onderwijs"].widget.attrs.update(inputmode="numeric")
        self.helper = _helper(
            Layout(
                Fieldset(
                    "a. Leerbaarheidstoets",
                    Row(
                        Column("lbt_datum"),
                        Column("lbt_uitkomst"),
                        Column("lbt_toetsbegeleider"),
                    ),
                    "lbt_reden_niet_afgenomen",
                ),
                Fieldset(
                    "b. Opleiding en werkervaring",
                    Row(
                        Column("hoogste_opleiding"),
                        Column("land_opleiding"),
                        Column("jaren_onderwijs"),
                    ),
                    Row(Column("gealfabetiseerd")),
                    "diplomas",
                    HTML(
                        "<p>Werkervaring legt u vast met <em>Werkervaring "
                        "toevoegen</em> op de intakepagina.</p>"
                    ),
                    "onderwijs_reden_niet_onderzocht",
                ),
                Fieldset(
                    "c. Persoonlijke omstandigheden",
                    "persoonlijke_omstandigheden",
                    "omstandigheden_reden_niet_onderzocht",
                ),
                Fieldset("Wens van de inburgeraar", "wens"),
                Fieldset(
                    "Informatie tijdens de intake",
                    Row(
                        Column("vve_informatie_gegeven"),
                        Column("vve_informatie_op"),
                    ),
                    Row(
                        Column("individueel_gesprek_aangeboden"),
                        Column("individueel_gesprek_aangeboden_op"),
                    ),
                ),
                Fieldset(
                    "COA-informatieprofiel",
                    Row(Column("coa_profiel_ontvangen_op")),
                    "coa_profiel",
                ),
                "versie",
            )
        )

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in INTAKE_VELDEN}


class IntakeGezondheidForm(VersieMixin, forms.ModelForm):
    """Health and trauma: special-category data, on its own page."""

    class Meta:
        model = IntakeGezondheid
        fields = list(GEZONDHEID_VELDEN)
        widgets = {
            "besproken_op": DateInput(),
            **_textareas(*GEZONDHEID_VELDEN[:-1], rows=3),
        }
        help_texts = {
            "besproken_op": (
                "De dag waarop gezondheid met de inburgeraar is besproken. Nodig om "
                "de intake af te ronden."
            ),
        }

    def __init__(self, *args, intake: BredeIntake, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_versie(intake)
        self.helper = _helper(Layout(*GEZONDHEID_VELDEN, "versie"))

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in GEZONDHEID_VELDEN}


class IntakeOnderdelenForm(VersieMixin, forms.Form):
    """All checklist parts in one form: findings and "afgerond" per part."""

    def __init__(
        self,
        *args,
        intake: BredeIntake,
        checklist: list[tuple[IntakeOnderdeelSoort, IntakeOnderdeel | None]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._init_versie(intake)
        self.soorten = [soort for soort, _ in checklist]
        fieldsets = []
        for soort, onderdeel in checklist:
            self.fields[f"bevindingen_{soort.code}"] = forms.CharField(
                label="Bevindingen",
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=onderdeel.bevindingen if onderdeel else "",
            )
            self.fields[f"afgerond_{soort.code}"] = forms.BooleanField(
                label=f"{soort.naam} is afgerond",
                required=False,
                initial=onderdeel.afgerond if onderdeel else False,
            )
            fieldsets.append(
                Fieldset(
                    soort.naam, f"bevindingen_{soort.code}", f"afgerond_{soort.code}"
                )
            )
        self.helper = _helper(Layout(*fieldsets, "versie"))

    def onderdelen(self) -> dict[int, dict]:
        return {
            soort.pk: {
                "bevindingen": self.cleaned_data[f"bevindingen_{soort.code}"],
                "afgerond": self.cleaned_data[f"afgerond_{soort.code}"],
            }
            for soort in self.soorten
        }


class GesprekForm(forms.ModelForm):
    class Meta:
        model = Gesprek
        fields = [
            "datum",
            "soort",
            "coa",
            "rsd",
            "tolk",
            "tolk_taal",
            "overige_deelnemers",
            "notities",
        ]
        widgets = {"datum": DateInput(), **_textareas("notities", rows=5)}
        help_texts = {
            "overige_deelnemers": "Bijvoorbeeld een maatschappelijk begeleider.",
            "notities": (
                "Niet zichtbaar op de tijdlijn en niet voor de RSD. Zet gezondheid en "
                "trauma niet hier, maar op de pagina Gezondheid."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Layout(
                Row(Column("datum"), Column("soort")),
                Fieldset(
                    "Wie waren erbij (naast de casusregisseur en de inburgeraar)?",
                    Row(Column("coa"), Column("rsd")),
                    Row(Column("tolk"), Column("tolk_taal")),
                    "overige_deelnemers",
                ),
                "notities",
            )
        )

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class WerkervaringForm(forms.ModelForm):
    class Meta:
        model = Werkervaring
        fields = ["beroep", "sector", "jaren", "land"]
        help_texts = {"jaren": "Bijvoorbeeld 2 of 1,5."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaren"].localize = True
        self.fields["jaren"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["jaren"].widget.is_localized = True
        self.helper = _helper(
            Layout(
                Row(Column("beroep"), Column("sector")),
                Row(Column("jaren"), Column("land")),
            )
        )

    def model_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
