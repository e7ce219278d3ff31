from django import forms

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row

from intake.forms import DateInput
from intake.models import Inburgeraar, Leerroute
from zevenaar_inburgering.nl import datum_tekst

from ..models import (
    Inburgeringstermijn,
    Pip,
    VerhuizingBron,
    VerlengingReden,
    WijzigingReden,
)


class PipForm(forms.ModelForm):
    """The content of a concept PIP. The rules for vaststellen are checked by the
    service; this form only refuses what can never be stored."""

    bewerkversie = forms.IntegerField(widget=forms.HiddenInput)
    verzenddatum = forms.DateField(
        label="Verzenddatum van de beschikking",
        widget=DateInput(),
        required=False,
        help_text="Bij vaststellen: de dag dat de beschikking wordt verzonden. De "
        "bezwaartermijn begint de dag erna. Leeg: de dag van vaststellen.",
    )
    # Vaststellen is final: the casusregisseur sees the letter first (issue 20).
    voorbeeld_gezien = forms.BooleanField(
        label="Ik heb het voorbeeld van de beschikking bekeken. De gemarkeerde vrije "
        "teksten mogen zo in de brief aan de inburgeraar.",
        required=False,
        help_text="Nodig om vast te stellen. Het voorbeeld opent als PDF met het "
        "woord CONCEPT; er wordt niets vastgelegd.",
    )

    class Meta:
        model = Pip
        fields = [
            *Pip.INHOUD_VELDEN,
            "afschalen_nt2_uren",
            "afschalen_inzet_oordeel",
            "toelichting_wijziging",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "reden_afwijzing_b1",
                "reden_afwijzing_onderwijs",
                "reden_afwijzing_z",
                "ondersteuning",
                "kinderopvang",
                "vve_afspraken",
                "ontzorgen_toelichting",
                "participatiewet_onderdelen",
                "afschalen_inzet_oordeel",
                "toelichting_wijziging",
            )
        }

    def __init__(self, *args, route_vast: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bewerkversie"].initial = self.instance.bewerkversie
        if route_vast:
            # Only schakelen and a herziening after bezwaar change the leerroute;
            # after a verhuizing the previous gemeente's route stays
            # (pip_plans.selectors.vaste_leerroute; the service enforces it too).
            self.fields["leerroute"].disabled = True
            self.fields["leerroute"].help_text = (
                "De leerroute ligt vast: alleen een wijziging 'schakelen' of een "
                "herziening na bezwaar verandert hem, en na een verhuizing blijft de "
                "leerroute van de vorige gemeente."
            )
        afschalen = self.instance.reden == WijzigingReden.AFSCHALEN
        wijziging = self.instance.reden != WijzigingReden.INITIEEL
        if afschalen:
            # Counted from the urenregistratie when it is vastgesteld.
            self.fields["afschalen_nt2_uren"].disabled = True
            self.fields["afschalen_nt2_uren"].help_text = (
                "Uit de urenregistratie: NT2-uren bij aanbieders met keurmerk. "
                "Bij vaststellen wordt opnieuw geteld."
            )
        else:
            del self.fields["afschalen_nt2_uren"]
            del self.fields["afschalen_inzet_oordeel"]
        if not wijziging:
            del self.fields["toelichting_wijziging"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                "Leerroute",
                Row(Column("leerroute"), Column("taalniveau")),
                "reden_afwijzing_b1",
                "reden_afwijzing_onderwijs",
                "reden_afwijzing_z",
            ),
            Fieldset(
                "Ondersteuning en begeleiding",
                "ondersteuning",
                "maatschappelijke_begeleiding",
                Row(Column("voortgangsgesprek_interval_weken")),
            ),
            Fieldset(
                "Onderdelen",
                Row(Column("pvt_uren"), Column("map_uren"), Column("knm_vorm")),
            ),
            Fieldset("Kinderen", "kinderopvang", "vve_afspraken"),
            Fieldset(
                "Participatiewet en ontzorgen",
                "ontzorgen",
                "ontzorgen_toelichting",
                "participatiewet_onderdelen",
            ),
            *(
                [Fieldset("Afschalen", "afschalen_nt2_uren", "afschalen_inzet_oordeel")]
                if afschalen
                else []
            ),
            *([Fieldset("Wijziging", "toelichting_wijziging")] if wijziging else []),
            Fieldset("Beschikking", Row(Column("verzenddatum")), "voorbeeld_gezien"),
            "bewerkversie",
        )

    def clean(self):
        data = super().clean()
        if data.get("leerroute") == Leerroute.ONDERWIJS and data.get("map_uren"):
            self.add_error(
                "map_uren",
                "De onderwijsroute heeft geen MAP (Wet inburgering art. 8 lid 3).",
            )
        return data

    def model_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.fields and not self.fields[name].disabled
        }


class WijzigingForm(forms.Form):
    reden = forms.ChoiceField(
        label="Reden van de wijziging",
        choices=[
            (value, label)
            for value, label in WijzigingReden.choices
            if value
            not in (WijzigingReden.INITIEEL, WijzigingReden.HERZIENING_NA_BEZWAAR)
        ],
    )
    toelichting = forms.CharField(
        label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class UitstelForm(forms.ModelForm):
    class Meta:
        model = Inburgeraar
        fields = [
            "pip_uitstel_reden",
            "pip_uitstel_sinds",
            "pip_uitstel_informatie_ontvangen",
        ]
        widgets = {
            "pip_uitstel_sinds": DateInput(),
            "pip_uitstel_informatie_ontvangen": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pip_uitstel_reden"].required = True
        self.fields["pip_uitstel_sinds"].required = True


class VerlengingForm(forms.Form):
    """DUO's verlenging for one or many termijnen: the new end as DUO set it, one
    date for all chosen dossiers, or a date of their own per dossier (which wins)."""

    termijnen = forms.ModelMultipleChoiceField(
        label="Dossiers",
        queryset=Inburgeringstermijn.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies een of meer dossiers."},
    )
    besluitdatum = forms.DateField(label="Datum DUO-besluit", widget=DateInput())
    nieuwe_einddatum = forms.DateField(
        label="Nieuwe einddatum (van DUO)",
        widget=DateInput(),
        required=False,
        help_text="De einddatum die DUO noemt, voor alle gekozen dossiers. Heeft DUO "
        "per persoon een andere datum gegeven? Vul die bij de persoon in.",
    )
    reden = forms.ChoiceField(choices=VerlengingReden.choices)
    duo_kenmerk = forms.CharField(label="Kenmerk DUO-besluit", max_length=60)

    def __init__(self, *args, termijnen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["termijnen"].queryset = termijnen
        self.fields["termijnen"].label_from_instance = lambda t: (
            f"{t.inburgeraar.naam} — termijn tot {datum_tekst(t.einddatum)}"
        )
        self.eigen_velden = []
        for termijn in termijnen:
            naam = f"einde_{termijn.pk}"
            self.fields[naam] = forms.DateField(
                label=f"Eigen einddatum voor {termijn.inburgeraar.naam}",
                widget=DateInput(),
                required=False,
            )
            self.eigen_velden.append((termijn, naam))

    def rijen(self):
        """(checkbox, own-date field, termijn) per dossier, for the page's table."""
        return [
            (vinkje, self[naam], termijn)
            for vinkje, (termijn, naam) in zip(
                self["termijnen"].subwidgets, self.eigen_velden, strict=True
            )
        ]

    def einddata(self) -> dict:
        """{termijn pk: DUO's new end} for the chosen dossiers."""
        voor_allen = self.cleaned_data.get("nieuwe_einddatum")
        return {
            termijn.pk: self.cleaned_data.get(f"einde_{termijn.pk}") or voor_allen
            for termijn in self.cleaned_data.get("termijnen", [])
        }


class InkomendeVerhuizingForm(forms.Form):
    """The termijn and leerroute of a person who moved in from outside the region,
    as the previous gemeente or DUO gave them (pip_plans.services.verhuizing)."""

    versie = forms.IntegerField(widget=forms.HiddenInput)
    vorige_gemeente = forms.CharField(label="Vorige gemeente", max_length=100)
    verhuisdatum = forms.DateField(label="Datum van de verhuizing", widget=DateInput())
    bron = forms.ChoiceField(label="Gegevens van", choices=VerhuizingBron.choices)
    kenmerk = forms.CharField(
        label="Kenmerk van de overdracht", max_length=60, required=False
    )
    leerroute = forms.ChoiceField(
        label="Leerroute van de vorige gemeente",
        choices=[("", "Kies de leerroute"), *Leerroute.choices],
        error_messages={
            "required": "Kies de leerroute die de vorige gemeente vaststelde."
        },
    )
    termijn_start = forms.DateField(
        label="Start van de inburgeringstermijn",
        widget=DateInput(),
        help_text="De dag na de dagtekening van het eerste PIP bij de vorige gemeente.",
    )
    einddatum = forms.DateField(
        label="Einde van de termijn (van DUO)",
        widget=DateInput(),
        help_text="Zoals DUO het noemt, met verlengingen.",
    )
    verlenging_besluitdatum = forms.DateField(
        label="Datum DUO-besluit over de verlenging",
        widget=DateInput(),
        required=False,
        help_text="Alleen als het einde na de drie jaar ligt.",
    )
    verlenging_kenmerk = forms.CharField(
        label="Kenmerk DUO-besluit over de verlenging", max_length=60, required=False
    )
    verlenging_reden = forms.ChoiceField(
        label="Reden van de verlenging",
        choices=[("", "—"), *VerlengingReden.choices],
        required=False,
    )
