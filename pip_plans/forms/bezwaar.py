"""The bezwaar forms, the same for a PIP beschikking and a boetebeschikking. Several
bezwaren can share a page: each form of an existing bezwaar has the prefix
`bezwaar-<pk>-…` and posts the `versie` it was loaded with."""

from django import forms

from intake.forms import DateInput

from ..models import Bezwaar, BezwaarUitkomst
from .handhaving import _bedrag

VERZENDDATUM_HULP = (
    "De dag dat de brief de deur uit gaat: de termijn voor beroep begint de dag "
    "erna. Leeg: de datum van de beslissing."
)


class BezwaarForm(forms.Form):
    """Register a bezwaarschrift against `besluit` (a Beschikking or a Brief)."""

    def __init__(self, *args, besluit, **kwargs):
        super().__init__(*args, prefix=f"besluit-{besluit.pk}", **kwargs)

    ontvangen_op = forms.DateField(label="Bezwaar ontvangen op", widget=DateInput())
    poststempel_op = forms.DateField(
        label="Datum poststempel",
        widget=DateInput(),
        required=False,
        help_text="Kwam het bezwaar per post? Vul de datum van de poststempel in: op "
        "tijd gepost telt als tijdig als het binnen een week na de termijn binnenkwam.",
    )
    gronden = forms.CharField(
        label="Gronden van het bezwaar",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    te_laat_reden = forms.CharField(
        label="Reden die de inburgeraar geeft voor een late indiening",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class _BezwaarVersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bezwaar: Bezwaar, **kwargs):
        super().__init__(*args, prefix=f"bezwaar-{bezwaar.pk}-{self.stap}", **kwargs)
        self.fields["versie"].initial = bezwaar.versie


class TermijnBeoordelingForm(_BezwaarVersieForm):
    """Awb art. 6:11: is the late bezwaar excusable?"""

    stap = "termijn"
    verschoonbaar = forms.TypedChoiceField(
        label="Is de late indiening verschoonbaar?",
        choices=[
            ("ja", "Ja, verschoonbaar: het bezwaar wordt behandeld"),
            ("nee", "Nee, niet verschoonbaar: het bezwaar is niet-ontvankelijk"),
        ],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class VerdagingForm(_BezwaarVersieForm):
    """Awb art. 7:10 lid 3: put the decision off once by six weeks."""

    stap = "verdagen"
    reden = forms.CharField(
        label="Reden van de verdaging",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BezwaarBeslissingForm(_BezwaarVersieForm):
    """The beslissing op bezwaar; for a fine also the amount that remains."""

    stap = "beslissing"
    besluit_datum = forms.DateField(label="Datum beslissing", widget=DateInput())
    uitkomst = forms.ChoiceField(
        choices=[("", "Kies de uitkomst")] + BezwaarUitkomst.choices
    )
    toelichting = forms.CharField(
        label="Motivering (komt in de brief)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    boetebedrag_na_bezwaar = _bedrag(
        "Boete na bezwaar (bij gegrond of deels gegrond)", required=False
    )
    verzenddatum = forms.DateField(
        label="Verzenddatum",
        widget=DateInput(),
        required=False,
        help_text=VERZENDDATUM_HULP,
    )

    def __init__(self, *args, bezwaar: Bezwaar, **kwargs):
        super().__init__(*args, bezwaar=bezwaar, **kwargs)
        if not bezwaar.tegen_boete:
            del self.fields["boetebedrag_na_bezwaar"]


def formulieren(bezwaren, fout_bezwaar=None, /, **foutformulieren) -> None:
    """Attach to every open bezwaar the forms its page shows: the one that came back
    with errors, or a fresh one with the bezwaar's versie. `fout_bezwaar` is
    positional-only: the views pass all their forms, "fout_bezwaar" included, as
    keywords."""
    for bezwaar in bezwaren:
        if bezwaar.uitkomst:
            continue
        fout = foutformulieren if fout_bezwaar == bezwaar.pk else {}
        bezwaar.termijn_form = fout.get("termijn_form") or (
            TermijnBeoordelingForm(bezwaar=bezwaar)
            if not bezwaar.tijdig and bezwaar.verschoonbaar is None
            else None
        )
        bezwaar.verdagen_form = fout.get("verdagen_form") or (
            VerdagingForm(bezwaar=bezwaar) if bezwaar.verdaagd_tot is None else None
        )
        bezwaar.beslissing_form = fout.get("beslissing_form") or BezwaarBeslissingForm(
            bezwaar=bezwaar
        )
