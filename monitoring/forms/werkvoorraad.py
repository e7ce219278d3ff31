"""The werkvoorraad's forms: search, filters and sort order; assigning dossiers."""

from django import forms

from intake.forms import casusregisseurs_for
from intake.models import Doelgroep, Inburgeraar, Status
from intake.models.dossier import zoekcijfers_fout
from leerroutes.rules.koers import Koers
from monitoring.werkvoorraad import (
    AANDACHT_CHOICES,
    OPEN_WERK,
    PIP_DEADLINE_CHOICES,
    SORT_CHOICES,
)
from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.formulier import KeuzeVeld


class WerkvoorraadFilterForm(forms.Form):
    """The werkvoorraad's search, filters and sort order. Posted, never in the URL:
    the search may be a BSN."""

    zoek = forms.CharField(
        label="Zoek op naam, BSN of v-nummer", required=False, max_length=100
    )
    gemeente = KeuzeVeld(
        queryset=Gemeente.objects.none(), required=False, empty_label="Alle gemeenten"
    )
    doelgroep = forms.ChoiceField(
        choices=[("", "Alle doelgroepen"), *Doelgroep.choices], required=False
    )
    status = forms.ChoiceField(
        choices=[("", "Alle statussen"), OPEN_WERK, *Status.choices], required=False
    )
    casusregisseur = KeuzeVeld(
        queryset=User.objects.none(), required=False, empty_label="Alle casusregisseurs"
    )
    koers = forms.ChoiceField(
        label="Op koers",
        choices=[("", "Alle"), *((k.value, k.label) for k in Koers)],
        required=False,
    )
    aandacht = forms.ChoiceField(
        label="Ontzorgen en handhaving",
        choices=[("", "Alle"), *AANDACHT_CHOICES],
        required=False,
    )
    pip_deadline = forms.ChoiceField(
        label="PIP-deadline",
        choices=[("", "Alle"), *PIP_DEADLINE_CHOICES],
        required=False,
    )
    gesprek_te_doen = forms.BooleanField(
        label="Voortgangsgesprek te doen", required=False
    )
    alleen_mijn = forms.BooleanField(label="Alleen mijn dossiers", required=False)
    sorteer = forms.ChoiceField(
        label="Sorteer op", choices=SORT_CHOICES, required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.filter(
            pk__in=user.gemeente_pks()
        )
        self.fields["casusregisseur"].queryset = casusregisseurs_for(user)

    def clean_zoek(self) -> str:
        zoek = self.cleaned_data["zoek"]
        if fout := zoekcijfers_fout(zoek):
            raise forms.ValidationError(fout, code="zoekcijfers")
        return zoek

    def saved_filters(self) -> dict:
        """What is remembered per user (the search term is not: it may be a BSN)."""
        data = self.cleaned_data
        return {
            "gemeente": data["gemeente"].pk if data.get("gemeente") else None,
            "doelgroep": data.get("doelgroep") or "",
            "status": data.get("status") or "",
            "casusregisseur": data["casusregisseur"].pk
            if data.get("casusregisseur")
            else None,
            "koers": data.get("koers") or "",
            "aandacht": data.get("aandacht") or "",
            "pip_deadline": data.get("pip_deadline") or "",
            "gesprek_te_doen": bool(data.get("gesprek_te_doen")),
            "alleen_mijn": bool(data.get("alleen_mijn")),
            "sorteer": data.get("sorteer") or "naam",
        }


def filterchips(
    form: WerkvoorraadFilterForm, filters: dict, zoek: dict
) -> list[tuple[str, str]]:
    """The active search and filters as (name, "Label: waarde") chips, in the form's
    order, so that a filter saved yesterday is seen today. The sort order is no
    filter. The search shows its description: a BSN only masked (search_terms).
    `form` is the page's filter form: its labels and choices (a model select's
    choices are read once for the select and the chips)."""
    chips = [("zoek", f"Zoek: {zoek['omschrijving']}")] if zoek else []
    for naam, field in form.fields.items():
        waarde = filters.get(naam)
        if naam in ("zoek", "sorteer") or not waarde:
            continue
        if isinstance(field, forms.BooleanField):
            chips.append((naam, form[naam].label))
            continue
        # A gemeente or casusregisseur that left the scope is no choice any more.
        tekst = next(
            (str(label) for value, label in field.choices if str(value) == str(waarde)),
            "onbekend",
        )
        chips.append((naam, f"{form[naam].label}: {tekst}"))
    return chips


class ToewijzenForm(forms.Form):
    dossiers = forms.ModelMultipleChoiceField(
        queryset=Inburgeraar.objects.none(),
        error_messages={"required": "Kies eerst een of meer dossiers in de lijst."},
    )
    casusregisseur = KeuzeVeld(
        label="Nieuwe casusregisseur", queryset=User.objects.none()
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].queryset = Inburgeraar.objects.visible_to(user)
        self.fields["casusregisseur"].queryset = casusregisseurs_for(user)
