"""Forms of the ontzorgen pages. They parse input; the rules are in the package
pip_plans/ontzorgen/.

Several forms share a page: each has a prefix so their field ids stay apart. A form
that changes an existing row posts the `versie` it was loaded with (optimistic
locking)."""

from django import forms
from django.core.exceptions import ValidationError

from intake.forms import DateInput
from zevenaar_inburgering.tabelformulier import Tabelformulier
from zevenaar_inburgering.validators import normalise_iban
from zevenaar_inburgering.widgets import MaandInput

from ..models import CursusStatus, Ontzorging, VasteLast

MAAND_FORMATEN = ["%Y-%m", "%m-%Y", "%Y-%m-%d"]


class ModelveldenForm(forms.Form):
    """A plain form with the fields, labels and widgets of `model`. The model's own
    validation (check constraints) is not run here: the rules and their Dutch
    messages are in the ontzorgen package, which the view calls with `model_data()`.

    With an `instance` the form starts from its values and carries its `versie`."""

    model = None
    velden: tuple[str, ...] = ()
    widgets: dict = {}
    labels: dict = {}
    help_texts: dict = {}
    localized_fields: tuple[str, ...] = ()

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {naam: getattr(instance, naam) for naam in self.velden}
                | {"versie": instance.versie},
            )
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                self.model,
                fields=self.velden,
                widgets=self.widgets,
                labels=self.labels,
                help_texts=self.help_texts,
                localized_fields=self.localized_fields,
            )
        )
        if instance is not None:
            self.fields["versie"] = forms.IntegerField(widget=forms.HiddenInput)

    def model_data(self) -> dict:
        return {naam: self.cleaned_data[naam] for naam in self.velden}


class StartForm(forms.Form):
    prefix = "start"

    startdatum = forms.DateField(
        label="Recht op bijstand vanaf",
        widget=DateInput(),
        help_text="Het ontzorgen loopt vanaf deze datum (Participatiewet artikel 56a).",
    )


class PeriodeForm(ModelveldenForm):
    prefix = "periode"
    model = Ontzorging
    velden = (
        "startdatum",
        "bijstand_einde",
        "verlengd_tot",
        "andere_grondslag",
        "verlenging_reden",
    )
    labels = {"andere_grondslag": "Grondslag na de periode van artikel 56a"}
    widgets = {
        "startdatum": DateInput(),
        "bijstand_einde": DateInput(),
        "verlengd_tot": DateInput(),
        "verlenging_reden": forms.Textarea(attrs={"rows": 2}),
    }
    help_texts = {
        "bijstand_einde": "Stopt de bijstand, dan stopt het ontzorgen ook.",
        "verlengd_tot": "Alleen als maatwerk, met een andere grondslag en een reden, "
        "na het gewone einde.",
        "andere_grondslag": "Participatiewet art. 56a geldt zes maanden; langer "
        "ontzorgen kan alleen op een andere grondslag.",
    }


class MachtigingForm(ModelveldenForm):
    prefix = "machtiging"
    model = Ontzorging
    velden = ("machtiging_getekend_op",)
    widgets = {"machtiging_getekend_op": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["machtiging_getekend_op"].required = True


class CursusForm(ModelveldenForm):
    prefix = "cursus"
    model = Ontzorging
    velden = ("cursus_status", "cursus_start", "cursus_afgerond_op")
    labels = {"cursus_status": "Status van de cursus 'omgaan met geld'"}
    widgets = {"cursus_start": DateInput(), "cursus_afgerond_op": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cursus_status"].choices = CursusStatus.choices


class ZelfredzaamheidForm(ModelveldenForm):
    prefix = "zelfredzaamheid"
    model = Ontzorging
    velden = ("zelfredzaamheid_vanaf", "zelfredzaamheid_toelichting")
    widgets = {
        "zelfredzaamheid_vanaf": DateInput(),
        "zelfredzaamheid_toelichting": forms.Textarea(attrs={"rows": 3}),
    }


class VasteLastForm(ModelveldenForm):
    """A new fixed cost (prefix "last"), or an existing one (prefix "last-<id>", with
    its versie)."""

    model = VasteLast
    velden = VasteLast.INVOER_VELDEN
    labels = {"bedrag": "Bedrag (€)", "omschrijving": "Omschrijving"}
    help_texts = {
        "omschrijving": "Verplicht bij een overige vaste last.",
        "iban": "Bijvoorbeeld NL91 ABNA 0417 1643 00.",
        "vanaf": "Leeg: vanaf de eerste maand van het ontzorgen.",
        "tot": "Leeg: tot het einde van het ontzorgen.",
    }
    widgets = {"vanaf": MaandInput(), "tot": MaandInput()}
    localized_fields = ("bedrag",)  # 650,00 as Dutch users type it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("vanaf", "tot"):
            self.fields[naam].input_formats = MAAND_FORMATEN

    def clean_iban(self) -> str:
        iban = self.cleaned_data["iban"]
        return normalise_iban(iban) if iban else ""

    def clean_bedrag(self):
        bedrag = self.cleaned_data["bedrag"]
        if bedrag is not None and bedrag <= 0:
            raise ValidationError("Het bedrag moet groter zijn dan € 0,00.")
        return bedrag

    def clean(self):
        data = super().clean()
        if (
            data.get("soort") == "overig"
            and not (data.get("omschrijving") or "").strip()
        ):
            self.add_error(
                "omschrijving",
                "Beschrijf de overige vaste last, bijvoorbeeld 'Internet'.",
            )
        vanaf, tot = data.get("vanaf"), data.get("tot")
        if vanaf and tot and tot.replace(day=1) < vanaf.replace(day=1):
            self.add_error("tot", "De laatste betaling ligt vóór de eerste.")
        return data


class VerwijderenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class BetalingenForm(Tabelformulier):
    """What RSD paid in one month for every vaste last of the ontzorging: a row per
    cost (its amount; empty: not paid this month), one payment date. The template
    writes the rows by hand (a table)."""

    prefix = "betaling"
    kopvelden = ("maand", "betaald_op")

    maand = forms.DateField(
        label="Betaling voor de maand",
        widget=MaandInput(),
        input_formats=MAAND_FORMATEN,
        help_text="Een maand binnen de periode van het ontzorgen.",
    )
    betaald_op = forms.DateField(label="Betaald op", widget=DateInput())

    def __init__(self, *args, lasten: list[VasteLast], **kwargs):
        super().__init__(*args, **kwargs)
        self.lasten = lasten
        for last in lasten:
            self.fields[f"bedrag_{last.pk}"] = forms.DecimalField(
                label=f"Betaald bedrag {last} (€)",
                max_digits=9,
                decimal_places=2,
                required=False,
                localize=True,  # 650,00 as Dutch users type it
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def rijen(self) -> list[dict]:
        """Per vaste last the cost and its amount input, for the table."""
        return [
            {"last": last, "bedrag": self.invoer(f"bedrag_{last.pk}")}
            for last in self.lasten
        ]

    def clean(self):
        data = super().clean()
        for last in self.lasten:
            # Said at once, with the other rows' errors; the service checks it too.
            bedrag = data.get(f"bedrag_{last.pk}")
            if bedrag is not None and bedrag <= 0:
                self.add_error(
                    f"bedrag_{last.pk}", "Het bedrag moet groter zijn dan € 0,00."
                )
        return data

    def bedragen(self) -> dict:
        """The filled rows: vaste last -> amount."""
        return {
            last: self.cleaned_data[f"bedrag_{last.pk}"]
            for last in self.lasten
            if self.cleaned_data[f"bedrag_{last.pk}"] is not None
        }
