"""Template filter `formulier`: a form as crispy-forms' bootstrap5 pack writes it
(`{{ form|crispy }}`), written in Python for the fields most forms have.

Why: crispy renders every field through five nested templates (field, help text and
errors, error block, the widget). On the route page that was a third of the time of
the page (issue 18: five forms, 24 fields). The markup is the same, so the pages,
their tests and the stylesheet do not notice; tests/project/test_formulier.py
compares both renderings for every kind of widget. Widgets with a layout of their
own (radio buttons, multiple checkboxes, files, multi-widgets) are still left to
crispy's template.

Load it with `{% load formulier %}` (registered in settings.TEMPLATES).
"""

from django import forms, template
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Rendered by crispy's own field template (see above).
_CRISPY_WIDGETS = (
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
    forms.MultiWidget,
)


def _crispy_field(field) -> str:
    return get_template("bootstrap5/field.html").render(
        {"field": field, "form_show_errors": True, "form_show_labels": True}
    )


def _widget(field, bootstrap_class: str) -> str:
    """The widget with crispy's classes: its own class, its type ("dateinput")
    and bootstrap's class, plus is-invalid when the field has errors."""
    widget = field.field.widget
    type_class = widget.__class__.__name__.lower()
    classes = widget.attrs.get("class", "")
    if type_class not in classes:
        classes = f"{classes} {type_class}".strip()
    for extra in (bootstrap_class, "is-invalid" if field.errors else ""):
        if extra and extra not in classes.split():
            classes += f" {extra}"
    return field.as_widget(attrs={"class": classes})


def _label(field, css: str) -> SafeString:
    required = field.field.required
    return format_html(
        '<label{} class="{}{}">{}{}</label>',
        format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
        css,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )


def _errors_and_help(field) -> SafeString:
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            getattr(field.errors, "field_id", None) or field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((i, field.auto_id, e) for i, e in enumerate(field.errors, 1)),
            ),
        )
    help_text = ""
    if field.help_text:
        help_text = format_html(
            '<div{} class="form-text">{}</div>',
            format_html(' id="{}_helptext"', field.auto_id) if field.auto_id else "",
            # A help text is the code's own HTML: crispy and Django write it |safe.
            mark_safe(field.help_text),  # noqa: S308
        )
    return format_html("{}{}", errors, help_text)


def _wrapper_attrs(field, css: str) -> SafeString:
    if field.css_classes():
        css = f"{css} {field.css_classes()}"
    return format_html(' id="div_{}" class="{}"', field.auto_id, css)


@register.filter
def veld(field) -> SafeString:
    """One bound field as crispy's bootstrap5 field.html writes it."""
    widget = field.field.widget
    if field.is_hidden:
        return format_html("{}", field)
    if isinstance(widget, _CRISPY_WIDGETS):
        return _crispy_field(field)
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div{}>{}{}{}</div></div>',
            _wrapper_attrs(field, "form-check"),
            _widget(field, "form-check-input"),
            _label(field, "form-check-label"),
            _errors_and_help(field),
        )
    bootstrap_class = (
        "form-select" if isinstance(widget, forms.Select) else "form-control"
    )
    return format_html(
        "<div{}>{}{}{}</div>",
        _wrapper_attrs(field, "mb-3"),
        _label(field, "form-label") if field.label else "",
        _widget(field, bootstrap_class),
        _errors_and_help(field),
    )


@register.filter
def formulier(form) -> SafeString:
    """A whole form as `{{ form|crispy }}` writes it: the errors that belong to no
    field first, then every field in order."""
    non_field = ""
    if form.non_field_errors():
        non_field = format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            format_html_join(
                "", "<li>{}</li>", ((e,) for e in form.non_field_errors())
            ),
        )
    return format_html(
        "{}{}", non_field, format_html_join("", "{}", ((veld(f),) for f in form))
    )


# --- The widgets ---------------------------------------------------------------------

# Django's widget templates that are <input> (text.html, date.html, ... only include
# input.html).
_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    ]
}


def _attrs(attrs: dict) -> SafeString:
    # attrs.html: False leaves the attribute out, True writes its name only.
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, value),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs(widget["attrs"]),
    )


def _textarea(widget: dict) -> str:
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        widget["name"],
        _attrs(widget["attrs"]),
        widget["value"] or "",
    )


# Django's empty choice of a model select or of a model field's choices; Dutch
# users read it as nothing (issue 19): the renderer writes "Kies …" instead.
DJANGO_LEEG = "---------"
KIES = "Kies …"


def _option_label(option: dict):
    if option["value"] in ("", None) and option["label"] == DJANGO_LEEG:
        return KIES
    return option["label"]


def _select(widget: dict) -> str:
    parts = [
        format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                format_html(
                    # select_option.html ends in a newline.
                    '\n  <option value="{}"{}>{}</option>\n',
                    option["value"],
                    _attrs(option["attrs"]),
                    _option_label(option),
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class WidgetRenderer(DjangoTemplates):
    """The form renderer (settings.FORM_RENDERER): Django's own, except that the
    common widgets (input, textarea, select) are written in Python, to the letter
    of Django's templates for them but for the empty choice ("Kies …"). Django
    renders a select through an include per option and two per attribute list: on
    the route page most of the forms' time (issue 18). tests/project/test_formulier.py
    compares both renderers' output for every widget kind; any other template goes
    to Django's templates."""

    def render(self, template_name, context, request=None):
        writer = _WIDGET_WRITERS.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return writer(context["widget"])


_WIDGET_WRITERS = {
    **{name: _input for name in _INPUT_TEMPLATES},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
}


# --- Model choices --------------------------------------------------------------------


class EenmaalGelezenKeuzes(ModelChoiceIterator):
    """The choices of a model select read in one query per form, however often the
    page uses them. Django's iterator reads its queryset anew on every use, answers
    len() (which a template's {% for %} asks) with a COUNT and bool() with an
    EXISTS: on the werkvoorraad six queries for three selects (issue 18)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # the queryset keeps its rows: one query
            yield self.choice(obj)

    def __len__(self):
        return len(self.queryset) + (self.field.empty_label is not None)

    def __bool__(self):
        return len(self) > 0


class KeuzeVeld(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are read once (EenmaalGelezenKeuzes)."""

    iterator = EenmaalGelezenKeuzes
