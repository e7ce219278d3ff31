from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row

from intake.forms import DateInput
from leerroutes.models import Organisatie
from monitoring.models import Ketenoverleg
from monitoring.services.keten import controleer_datum, ketenpartners
from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.nl import kleine_beginletter


class GemeenteKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Gemeente) -> str:
        return obj.naam


class PartnerKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisatie) -> str:
        return f"{obj.naam} ({kleine_beginletter(obj.get_soort_display())})"


class KetenoverlegForm(forms.Form):
    """Record or edit a meeting of the keten. The gemeenten to choose from are the
    user's own; the partners the active ketenpartners (and, when editing, the ones
    already recorded). `versie` carries the optimistic lock."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
    datum = forms.DateField(
        label="Datum van het overleg",
        widget=DateInput(),
        error_messages={
            "required": "Vul de datum van het overleg in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 12-03-2026.",
        },
    )
    onderwerp = forms.CharField(
        label="Onderwerp",
        max_length=200,
        error_messages={"required": "Vul het onderwerp van het overleg in."},
        help_text="Bijvoorbeeld: jaarplanning taalaanbod, instroom statushouders.",
    )
    gemeenten = GemeenteKeuze(
        label="Aanwezige gemeenten",
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Kies minstens één gemeente die aan tafel zat.",
            "invalid_choice": "U kunt alleen uw eigen gemeenten kiezen.",
            "invalid_pk_value": "U kunt alleen uw eigen gemeenten kiezen.",
        },
    )
    partners = PartnerKeuze(
        label="Aanwezige ketenpartners",
        queryset=Organisatie.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Kies minstens één ketenpartner die aanwezig was.",
            "invalid_choice": "Kies alleen ketenpartners uit de lijst.",
            "invalid_pk_value": "Kies alleen ketenpartners uit de lijst.",
        },
    )
    afspraken = forms.CharField(
        label="Afspraken",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Wat is afgesproken, en wie doet wat. Geen namen of andere gegevens van "
            "inburgeraars."
        ),
    )

    def __init__(self, *args, user: User, ketenoverleg: Ketenoverleg | None, **kwargs):
        if ketenoverleg is None:
            initial = {
                "datum": timezone.localdate(),
                "gemeenten": list(user.gemeenten.values_list("pk", flat=True)),
            }
        else:
            initial = {
                "versie": ketenoverleg.versie,
                "datum": ketenoverleg.datum,
                "onderwerp": ketenoverleg.onderwerp,
                "gemeenten": [g.pk for g in ketenoverleg.gemeenten.all()],
                "partners": [p.pk for p in ketenoverleg.partners.all()],
                "afspraken": ketenoverleg.afspraken,
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(
            pk__in=user.gemeenten.values("pk")
        ).order_by("naam")
        partners = ketenpartners()
        if ketenoverleg is not None:
            partners = partners | Organisatie.objects.filter(
                pk__in=ketenoverleg.partners.values("pk")
            )
        self.fields["partners"].queryset = partners.distinct().order_by("naam")
        self.fields["onderwerp"].widget.attrs["autocomplete"] = "off"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's form renders the token
        self.helper.layout = Layout(
            Row(Column("datum", css_class="col-md-3"), Column("onderwerp")),
            Row(Column("gemeenten", css_class="col-md-3"), Column("partners")),
            "afspraken",
            "versie",
        )

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        try:
            controleer_datum(datum)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return datum

    @property
    def veldfouten(self) -> list[tuple[forms.BoundField, str]]:
        """(field, message) of every error on a visible field, for the summary at
        the top of the page (the messages also stand at their fields)."""
        return [(f, e) for f in self.visible_fields() for e in f.errors]
