"""`{{ form|formulier }}` writes what `{{ form|crispy }}` writes (issue 18: the same
markup without crispy's nested templates), for every kind of widget, unbound, bound
and with errors."""

from datetime import date

from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

import pytest

from intake.forms import DateInput
from leerroutes.forms.route import AfrondingForm, ExamenForm, VoortgangForm
from leerroutes.models import Afronding
from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.formulier import KeuzeVeld, WidgetRenderer
from zevenaar_inburgering.widgets import MaandInput


class AllerleiForm(forms.Form):
    naam = forms.CharField(max_length=20, help_text="Zoals in de BRP <b>staat</b>.")
    opmerking = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aantal = forms.IntegerField(min_value=0, label="Aantal & soort")
    bedrag = forms.DecimalField(decimal_places=2, localize=True, required=False)
    datum = forms.DateField(widget=DateInput())
    maand = forms.DateField(widget=MaandInput(), required=False)
    soort = forms.ChoiceField(choices=[("", "Kies een soort"), ("a", "A"), ("b", "B")])
    gemeente = forms.ModelChoiceField(
        queryset=Gemeente.objects.order_by("naam"), required=False
    )
    gemeenten = forms.ModelMultipleChoiceField(
        queryset=Gemeente.objects.order_by("naam"), required=False
    )
    misschien = forms.NullBooleanField(required=False)
    akkoord = forms.BooleanField(label="Akkoord", help_text="Verplicht.")
    later = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "eigen"})
    )
    uitslag = forms.ChoiceField(
        choices=[("ja", "Geslaagd"), ("nee", "Niet geslaagd")], widget=forms.RadioSelect
    )
    email = forms.EmailField(required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, initial=3)

    def clean(self):
        if self.cleaned_data.get("naam") == "fout":
            raise forms.ValidationError("Deze combinatie kan niet <samen>.")
        return self.cleaned_data


def beide(form):
    """The form as crispy writes it and as formulier writes it, parsed."""
    crispy = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": form})
    )
    # A fresh copy: crispy adds its classes to the widgets' attrs in place.
    eigen = Template("{% load formulier %}{{ form|formulier }}").render(
        Context({"form": form.__class__(**form.kwargs_voor_kopie)})
    )
    return parse_html(crispy), parse_html(eigen)


def maak(cls, data=None, **kwargs):
    form = cls(data, **kwargs) if data is not None else cls(**kwargs)
    form.kwargs_voor_kopie = {**kwargs, **({"data": data} if data is not None else {})}
    if data is not None:
        form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"naam": "x" * 30, "aantal": "-1", "datum": "31-02-2026", "soort": "z"},
        {
            "naam": "fout",
            "aantal": "3",
            "datum": "2026-03-01",
            "soort": "a",
            "akkoord": "on",
            "uitslag": "ja",
            "later": "on",
            "bedrag": "12,5",
        },
        {
            "naam": "Ana",
            "aantal": "3",
            "datum": "2026-03-01",
            "soort": "b",
            "akkoord": "on",
            "uitslag": "nee",
            "maand": "2026-03",
            "email": "geen",
        },
    ],
    ids=["leeg", "niets-ingevuld", "foute-waarden", "fout-van-het-formulier", "bijna"],
)
def test_every_kind_of_widget_as_crispy_writes_it(data):
    crispy, eigen = beide(maak(AllerleiForm, data))
    assert eigen == crispy


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [None, {}, {"voortgang-datum": "morgen", "examen-datum": "x"}]
)
@pytest.mark.parametrize("cls", [VoortgangForm, ExamenForm])
def test_the_route_pages_forms_as_crispy_writes_them(cls, data):
    crispy, eigen = beide(maak(cls, data))
    assert eigen == crispy


@pytest.mark.django_db
@pytest.mark.parametrize("leerroute", ["b1", "z", "onderwijs"])
@pytest.mark.parametrize("data", [None, {"map_afgerond_op": "gisteren"}])
def test_the_afronding_form_as_crispy_writes_it(leerroute, data):
    crispy, eigen = beide(
        maak(AfrondingForm, data, instance=Afronding(), leerroute=leerroute)
    )
    assert eigen == crispy


@pytest.mark.django_db
def test_a_label_and_an_error_are_escaped():
    form = maak(AllerleiForm, {"naam": "fout"})
    html = Template("{% load formulier %}{{ form|formulier }}").render(
        Context({"form": form})
    )
    assert "Aantal &amp; soort" in html
    assert "Deze combinatie kan niet &lt;samen&gt;." in html
    # A help text is the code's own HTML (crispy writes it |safe as well).
    assert "Zoals in de BRP <b>staat</b>." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "naam": 'a "b" <c> & d',
            "opmerking": "regel 1\n<regel 2>",
            "aantal": "0",
            "soort": "b",
            "akkoord": "on",
            "later": "",
            "bedrag": "1.234,5",
        },
    ],
)
def test_the_widget_renderer_writes_what_djangos_templates_write(data):
    form = maak(AllerleiForm, data, initial={"datum": date(2026, 2, 28)})
    form.fields["soort"].choices = [
        ("", "Kies"),
        ("Groep <1>", [("a", "A & a"), ("b", "B")]),
        ("c", "C"),
    ]
    form.fields["naam"].widget.attrs.update(
        {"autofocus": True, "readonly": False, "data-x": 3}
    )
    django = DjangoTemplates()
    for field in form:
        widget = field.field.widget
        context = widget.get_context(
            field.html_name, field.value(), {"id": field.auto_id}
        )
        eigen = WidgetRenderer().render(widget.template_name, context)
        verwacht = django.render(widget.template_name, context).replace(
            ">---------</option>", ">Kies …</option>"
        )
        assert eigen == verwacht, field.name


@pytest.mark.django_db
def test_an_empty_choice_reads_kies_not_djangos_dashes():
    html = str(maak(AllerleiForm)["gemeente"])
    assert '<option value="" selected>Kies …</option>' in html
    assert "---------" not in html
    # An empty choice that says something of its own keeps it.
    assert '<option value="" selected>Kies een soort</option>' in str(
        maak(AllerleiForm)["soort"]
    )


@pytest.mark.django_db
def test_a_model_select_is_one_query_without_a_server_side_cursor():
    # DECLARE, FETCH and CLOSE were three round trips for a list of a few rows.
    form = AllerleiForm()
    with CaptureQueriesContext(connection) as queries:
        html = str(form["gemeente"])
    assert "Zevenaar" in html
    assert len(queries) == 1
    assert not queries[0]["sql"].startswith("DECLARE")


@pytest.mark.django_db
def test_a_keuzeveld_reads_its_choices_once_however_often_the_page_uses_them():
    class GemeenteForm(forms.Form):
        gemeente = KeuzeVeld(queryset=Gemeente.objects.order_by("naam"))

    form = GemeenteForm()
    template = Template(
        "{% for value, label in form.fields.gemeente.choices %}{{ label }};{% endfor %}"
        "{% if form.fields.gemeente.choices %}ja{% endif %}{{ form.gemeente }}"
    )
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"form": form}))
    assert len(queries) == 1  # Django's own: SELECT, COUNT, EXISTS and SELECT again
    assert html.startswith("---------;Duiven;Westervoort;Zevenaar;ja<select")
    assert GemeenteForm({"gemeente": "0"}).errors  # validation still by the queryset
