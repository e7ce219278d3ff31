"""The letter text editor of functioneel beheer (issue 20 item 2)."""

from django import forms

from ..brieftekst import plaatshouders
from ..models import Brieftekst
from ..services.brieftekst import tekst_fouten

TEKST_HULP = (
    "Een lege regel begint een nieuwe alinea. Een regel die begint met ‘## ’ is een "
    "kopje, regels die beginnen met ‘- ’ vormen een opsomming. Invulvelden staan "
    "tussen accolades, zoals {naam}. Alle andere tekens komen letterlijk in de brief."
)


class BrieftekstForm(forms.ModelForm):
    # The optimistic lock: when the concept was last saved as the form was opened.
    gewijzigd_op = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Brieftekst
        fields = ["inleiding", "slot", "toelichting"]
        widgets = {
            "inleiding": forms.Textarea(attrs={"rows": 10}),
            "slot": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gewijzigd_op"].initial = self.instance.gewijzigd_op.isoformat()
        for blok in ("inleiding", "slot"):
            self.fields[blok].help_text = f"{self.fields[blok].help_text} {TEKST_HULP}"
            # The placeholder buttons (static/js/invulvelden.js) insert here.
            self.fields[blok].widget.attrs["data-invulveld-doel"] = "true"
        self.fields["toelichting"].required = True
        self.plaatshouders = list(plaatshouders(self.instance.soort).values())

    def clean(self):
        cleaned = super().clean()
        fouten = tekst_fouten(
            self.instance.soort,
            {blok: cleaned.get(blok) or "" for blok in ("inleiding", "slot")},
        )
        for blok, fout in fouten.items():
            if blok not in self.errors:
                self.add_error(blok, fout)
        return cleaned


class PublicerenForm(forms.Form):
    gewijzigd_op = forms.CharField(widget=forms.HiddenInput)
    voorbeeld_gezien = forms.BooleanField(
        label="Ik heb het voorbeeld van deze versie bekeken; de tekst mag zo naar "
        "de inburgeraars.",
        error_messages={"required": "Bekijk eerst het voorbeeld en vink dit aan."},
    )
