"""Forms of handhaving and the Participatiewet maatregel. They parse input; the rules
are in the package pip_plans/handhaving/. Several forms share a page: a prefix keeps
their field ids apart. Every form on an existing zaak posts the `versie` it was
loaded with."""

from django import forms

from intake.forms import DateInput

from ..brieven import VOORBEELD_EERST
from ..models import (
    BesluitSoort,
    Handhavingszaak,
    Maatregel,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
    ZienswijzeWijze,
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


VERZENDDATUM = forms.DateField(
    label="Verzenddatum",
    widget=DateInput(),
    required=False,
    help_text="De dag dat de brief de deur uit gaat; de termijn begint de dag erna. "
    "Leeg: de datum van de brief.",
)


class RapportForm(ZaakVersieForm):
    """The rapport (Awb art. 5:48), with the voornemen and a copy of the rapport as
    letters; the official who makes it does not take the besluit."""

    prefix = "rapport"

    rapport_op = forms.DateField(label="Datum van het rapport", widget=DateInput())
    overtreden_voorschrift = forms.CharField(
        label="Overtreden voorschrift",
        max_length=200,
        error_messages={
            "required": "Noem het overtreden voorschrift: artikel, lid en wet (Awb "
            "art. 5:48)."
        },
        help_text="Artikel, lid en wet, zoals in de beleidsregel, bijvoorbeeld "
        "'artikel 22, eerste lid, Wet inburgering 2021'.",
    )
    verplichting = forms.CharField(
        label="Welke verplichting uit het PIP?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Alleen bij verplichtingen uit het PIP.",
    )
    plaats_overtreding = forms.CharField(
        label="Plaats van de overtreding",
        max_length=200,
        error_messages={"required": "Vul de plaats van de overtreding in."},
        help_text="Bijvoorbeeld het adres van de taalschool of 'woonplaats'.",
    )
    rapport = forms.CharField(
        label="Rapport",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="De overtreding, de feiten en het bewijs.",
    )
    verhoord_op = forms.DateField(
        label="Verhoord op",
        widget=DateInput(),
        required=False,
        help_text="Alleen als de inburgeraar is verhoord met het oog op een boete.",
    )
    cautie_gegeven = forms.BooleanField(
        label="Voor het verhoor is gezegd dat de inburgeraar niet hoeft te antwoorden "
        "(cautie, Awb art. 5:10a)",
        required=False,
    )
    tolk_bij_verhoor = forms.BooleanField(
        label="Er was een tolk bij het verhoor", required=False
    )
    voorgenomen_bedrag = _bedrag("Voorgenomen boete")
    verzenddatum = VERZENDDATUM
    zienswijze_tot = forms.DateField(
        label="Zienswijze uiterlijk",
        widget=DateInput(),
        required=False,
        help_text="Leeg: de standaardtermijn na de verzenddatum.",
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
    wijze = forms.ChoiceField(
        label="Hoe", choices=ZienswijzeWijze.choices, required=False
    )
    tolk = forms.BooleanField(label="Met een tolk", required=False)
    ontvangen_op = forms.DateField(
        label="Ontvangen of gehoord op", widget=DateInput(), required=False
    )
    zienswijze = forms.CharField(
        label="Wat bracht de inburgeraar naar voren?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Bij een mondelinge zienswijze: het verslag van het gesprek.",
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
    motivering_bedrag = forms.CharField(
        label="Waarom dit bedrag? (ernst van de overtreding, mate van verwijtbaarheid)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reactie_op_zienswijze = forms.CharField(
        label="Reactie op de zienswijze",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Wat doet het college met wat de inburgeraar naar voren bracht?",
    )
    asiel_motivering = forms.CharField(
        label="Waarom een uitzonderlijk geval? (alleen bij een asielstatushouder)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    verzenddatum = VERZENDDATUM
    afzien_reden = forms.CharField(
        label="Reden om af te zien",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    # A boete is final: the boetebeschikking is seen first (issue 20).
    voorbeeld_gezien = forms.BooleanField(
        label="Bij een boete: ik heb het voorbeeld van de boetebeschikking bekeken. "
        "De gemarkeerde vrije teksten mogen zo in de brief aan de inburgeraar.",
        required=False,
    )

    def __init__(self, *args, voorbeeld: bool = False, **kwargs):
        """`voorbeeld`: the form asks for the voorbeeld itself, so it needs no
        confirmation that it was seen."""
        super().__init__(*args, **kwargs)
        self.voorbeeld = voorbeeld

    def clean(self):
        data = super().clean()
        gezien = data.pop("voorbeeld_gezien", False)
        if data.get("besluit") == BesluitSoort.BOETE and not (gezien or self.voorbeeld):
            self.add_error("voorbeeld_gezien", VOORBEELD_EERST)
        return data


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
