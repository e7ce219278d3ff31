"""Forms of handhaving and the Participatiewet maatregel. They parse input; the rules
are in the package pip_plans/handhaving/. Several forms share a page: a prefix keeps
their field ids apart. Every form on an existing zaak posts the `versie` it was
loaded with."""

from django import forms

from intake.forms import DateInput

from ..models import (
    BesluitSoort,
    BezwaarUitkomst,
    Handhavingszaak,
    Maatregel,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
)


def _bedrag(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=8,
        decimal_places=2,
        min_value=0,
        localize=True,  # 250,00 as Dutch users type it
        help_text="In euro's, bijvoorbeeld 250,00.",
        **kwargs,
    )


class ZaakVersieForm(forms.Form):
    """A step on an existing zaak: carries the versie it was loaded with."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, zaak: Handhavingszaak | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if zaak is not None:
            self.fields["versie"].initial = zaak.versie


class ZaakForm(forms.ModelForm):
    prefix = "zaak"

    class Meta:
        model = Handhavingszaak
        fields = ["overtreding", "datum_overtreding", "feiten"]
        widgets = {
            "datum_overtreding": DateInput(),
            "feiten": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "feiten": "Wat is er gebeurd, wanneer, en hoe weet u dat?",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overtreding"].choices = [
            ("", "Kies de overtreding")
        ] + Overtreding.choices


class WaarschuwingForm(ZaakVersieForm):
    prefix = "waarschuwing"

    opdracht = forms.CharField(
        label="Wat moet de inburgeraar nu doen?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Komt in de brief, bijvoorbeeld: 'Kom op 12 mei naar het gesprek.'",
    )


class RapportForm(ZaakVersieForm):
    prefix = "rapport"

    voorgenomen_bedrag = _bedrag("Voorgenomen boete")
    rapport_op = forms.DateField(label="Datum van het rapport", widget=DateInput())
    rapport = forms.CharField(
        label="Rapport",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="De overtreding, de feiten, het bewijs en de voorgenomen boete.",
    )
    zienswijze_tot = forms.DateField(
        label="Zienswijze uiterlijk",
        widget=DateInput(),
        required=False,
        help_text="Leeg: de standaardtermijn na de datum van het rapport.",
    )


class ZienswijzeForm(ZaakVersieForm):
    prefix = "zienswijze"

    ontvangen = forms.TypedChoiceField(
        label="Zienswijze",
        choices=[
            ("ja", "Zienswijze ontvangen"),
            ("nee", "Geen zienswijze ontvangen binnen de termijn"),
        ],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    ontvangen_op = forms.DateField(
        label="Ontvangen op", widget=DateInput(), required=False
    )
    zienswijze = forms.CharField(
        label="Wat bracht de inburgeraar naar voren?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class BesluitForm(ZaakVersieForm):
    prefix = "besluit"

    besluit = forms.ChoiceField(choices=BesluitSoort.choices, widget=forms.RadioSelect)
    besluit_op = forms.DateField(label="Datum van het besluit", widget=DateInput())
    verwijtbaarheid = forms.ChoiceField(
        label="Oordeel over de verwijtbaarheid",
        choices=[("", "Nog geen oordeel")] + Verwijtbaarheid.choices,
        required=False,
        help_text="Geen boete zonder verwijtbaarheid (Awb art. 5:41).",
    )
    verwijtbaarheid_toelichting = forms.CharField(
        label="Onderbouwing van het oordeel",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    boetebedrag = _bedrag("Boetebedrag", required=False)
    afzien_reden = forms.CharField(
        label="Reden om af te zien",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BoeteBezwaarForm(ZaakVersieForm):
    prefix = "bezwaar"

    ontvangen_op = forms.DateField(label="Bezwaar ontvangen op", widget=DateInput())
    gronden = forms.CharField(
        label="Gronden van het bezwaar",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BoeteBezwaarBeslissingForm(ZaakVersieForm):
    prefix = "beslissing"

    besluit_op = forms.DateField(label="Datum beslissing", widget=DateInput())
    uitkomst = forms.ChoiceField(choices=BezwaarUitkomst.choices)


class MaatregelForm(forms.ModelForm):
    prefix = "maatregel"

    verlaging_procent = forms.IntegerField(
        label="Verlaging (%)", min_value=1, max_value=100, required=False
    )
    duur_maanden = forms.IntegerField(
        label="Duur (maanden)", min_value=1, max_value=120, required=False
    )

    class Meta:
        model = Maatregel
        fields = [
            "grond",
            "datum_gedraging",
            "omschrijving",
            "besluit_op",
            "verlaging_procent",
            "duur_maanden",
        ]
        widgets = {
            "datum_gedraging": DateInput(),
            "besluit_op": DateInput(),
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grond"].choices = [("", "Kies de grond")] + MaatregelGrond.choices
