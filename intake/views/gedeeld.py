"""What every dossier page needs, here and in the apps above: the dossier within the
user's scope, and the handling of a small form that calls a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from ..models import Inburgeraar
from ..services import BevestigingNodig


def get_dossier(request, pk, *, annoteer=None) -> Inburgeraar:
    """The dossier if it is in the user's scope; otherwise 404. The refusal is
    logged by the GeweigerdeToegangMiddleware (verwerkingen/middleware.py,
    SECURITY LG-05) for every 403/404, not here. A higher app adds its own
    annotations with `annoteer` (pip_plans.selectors.get_dossier)."""
    dossiers = Inburgeraar.objects.visible_to(request.user).for_list()
    if annoteer is not None:
        dossiers = annoteer(dossiers)
    try:
        return dossiers.get(pk=pk)
    except Inburgeraar.DoesNotExist:
        raise Http404 from None


def apply_form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field where it belongs.
    A batch that would replace recorded rows also gives the form the rows, so the
    page can show old against new and a button to confirm."""
    if isinstance(error, BevestigingNodig):
        form.overschrijvingen = error.overschrijvingen
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_action(request, form, *, save, message, success_url, show_errors):
    """The shape of every small form on a dossier page: parse, call the service,
    report. On bad input `show_errors()` renders the page again (status 400) with
    the form's errors and what the user typed; nothing was saved."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, message)
            return redirect(success_url)
    return show_errors()


def bestand_importeren(request, form, *, importeer, resultaat_url, template, eerdere):
    """The shape of an upload page (DUO signals, hours): a valid file goes to
    `importeer(cleaned_data, content=…, bestandsnaam=…)`, which returns the stored
    import; a refused file shows the reason on the form (status 400). The page
    lists the last 20 `eerdere` imports."""
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            resultaat = importeer(
                form.cleaned_data, content=bestand.read(), bestandsnaam=bestand.name
            )
        except ValidationError as error:
            form.add_error("bestand", error)
        else:
            return redirect(resultaat_url, pk=resultaat.pk)
    return render(
        request,
        template,
        {"form": form, "imports": eerdere[:20]},
        status=400 if form.is_bound else 200,
    )
