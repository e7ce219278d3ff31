from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from monitoring.forms import UitstellenForm
from monitoring.models import Signaal
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    DUO_IMPORT_ROLES,
    RSD_ROLES,
)
from zevenaar_inburgering.exports import csv_response, safe_cell
from zevenaar_inburgering.verwerkingen import log

from . import services
from .duo_import import duo_signalen_importeren
from .forms import (
    SORT_ORDERINGS,
    DuoImportForm,
    HuishoudenKoppelenForm,
    HuishoudlidForm,
    InburgeraarForm,
    NotitieForm,
    ToewijzenForm,
    WerkvoorraadFilterForm,
)
from .models import DuoImport, Inburgeraar, Uitkomst, WerkvoorraadVoorkeur

ZOEK_SESSION_KEY = "werkvoorraad_zoek"
# The "te doen" list shows the most urgent signals; the rest follow as they resolve.
TE_DOEN_MAX = 50


def get_dossier(request, pk) -> Inburgeraar:
    """The dossier if it is in the user's scope; otherwise 404. The refusal is
    logged by the GeweigerdeToegangMiddleware (verwerkingen/middleware.py,
    SECURITY LG-05) for every 403/404, not here."""
    try:
        return (
            Inburgeraar.objects.visible_to(request.user)
            .for_list()
            .met_aandacht()
            .get(pk=pk)
        )
    except Inburgeraar.DoesNotExist:
        raise Http404 from None


def apply_form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field where it belongs."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Werkvoorraad -------------------------------------------------------------


def _werkvoorraad_state(request):
    voorkeur = WerkvoorraadVoorkeur.objects.filter(user=request.user).first()
    filters = voorkeur.filters if voorkeur else {"sorteer": "naam"}
    zoek = request.session.get(ZOEK_SESSION_KEY) or {}
    return filters, zoek


def werkvoorraad_queryset(request, filters: dict, zoek: dict):
    qs = Inburgeraar.objects.visible_to(request.user).filtered(
        filters, user=request.user
    )
    if zoek:
        qs = qs.search(zoek)
    ordering = SORT_ORDERINGS.get(
        filters.get("sorteer") or "naam", SORT_ORDERINGS["naam"]
    )
    return qs.for_list().met_aandacht().order_by(*ordering)


def _te_doen(request, uitstellen_form=None, fout_signaal=None) -> list[Signaal]:
    """The user's open signals (monitoring), each with its snooze form."""
    signalen = list(
        Signaal.objects.visible_to(request.user)
        .te_doen(timezone.localdate())
        .filter(verantwoordelijke=request.user)
        .select_related("inburgeraar")
        .order_by("vervaldatum", "soort")[:TE_DOEN_MAX]
    )
    for signaal in signalen:
        signaal.uitstellen_form = (
            uitstellen_form
            if signaal.pk == fout_signaal
            else UitstellenForm(prefix=f"signaal-{signaal.pk}")
        )
    return signalen


def render_werkvoorraad(
    request,
    *,
    filter_form=None,
    toewijzen_form=None,
    uitstellen_form=None,
    fout_signaal=None,
    status=200,
):
    filters, zoek = _werkvoorraad_state(request)
    if filter_form is None:
        filter_form = WerkvoorraadFilterForm(
            initial={**filters, "zoek": zoek.get("woorden") and zoek["omschrijving"]},
            user=request.user,
        )
    page = Paginator(
        werkvoorraad_queryset(request, filters, zoek), settings.PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    log.log_dossiers_listed(page.object_list, user=request.user)
    selected = set()
    if toewijzen_form is not None:
        selected = set(toewijzen_form.data.getlist("dossiers"))
    te_doen = _te_doen(request, uitstellen_form, fout_signaal)
    # A signal resolved, snoozed or reassigned meanwhile is not in the list: show
    # its form's errors (e.g. "al opgelost") above the list instead.
    losse_fouten = []
    if fout_signaal is not None and fout_signaal not in {s.pk for s in te_doen}:
        losse_fouten = [e for errors in uitstellen_form.errors.values() for e in errors]
    return render(
        request,
        "intake/werkvoorraad.html",
        {
            "filter_form": filter_form,
            "toewijzen_form": toewijzen_form or ToewijzenForm(user=request.user),
            "page": page,
            "zoek": zoek,
            "selected": selected,
            "te_doen": te_doen,
            "uitstellen_fouten": losse_fouten,
            "vandaag": timezone.localdate(),
            "fout_signaal": fout_signaal,
            "fout": status == 400,
        },
        status=status,
    )


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def werkvoorraad(request):
    if request.method == "POST":
        if "wissen" in request.POST:
            request.session.pop(ZOEK_SESSION_KEY, None)
            WerkvoorraadVoorkeur.objects.filter(user=request.user).delete()
            return redirect("intake:werkvoorraad")
        form = WerkvoorraadFilterForm(request.POST, user=request.user)
        if not form.is_valid():
            return render_werkvoorraad(request, filter_form=form)
        WerkvoorraadVoorkeur.objects.update_or_create(
            user=request.user, defaults={"filters": form.saved_filters()}
        )
        # Resolved within the user's scope; a BSN is never kept in the session.
        request.session[ZOEK_SESSION_KEY] = Inburgeraar.objects.visible_to(
            request.user
        ).search_terms(form.cleaned_data["zoek"])
        return redirect("intake:werkvoorraad")
    return render_werkvoorraad(request)


@role_required(DOSSIER_ROLES)
@require_POST
def toewijzen(request):
    form = ToewijzenForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            count = services.dossiers_toewijzen(
                inburgeraars=form.cleaned_data["dossiers"],
                casusregisseur=form.cleaned_data["casusregisseur"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request,
                f"{count} dossier(s) toegewezen aan {form.cleaned_data['casusregisseur']}.",
            )
            return redirect("intake:werkvoorraad")
    return render_werkvoorraad(request, toewijzen_form=form)


@role_required(DOSSIER_ROLES)
@require_GET
def werkvoorraad_export(request):
    filters, zoek = _werkvoorraad_state(request)
    dossiers = list(werkvoorraad_queryset(request, filters, zoek))
    response, writer = csv_response(
        "werkvoorraad.csv",
        [
            "Naam",
            "Geboortedatum",
            "v-nummer",
            "Gemeente",
            "Doelgroep",
            "Status",
            "DUO-kennisgeving",
            "Casusregisseur",
            "RSD-klantmanager",
            "Op koers",
            "Volgend voortgangsgesprek",
            "Ontzorgen tot",
            "Handhaving loopt",
            "Samenloop",
        ],
    )
    for d in dossiers:
        # Not every dossier has a routestand (leerroutes); getattr covers that.
        stand = getattr(d, "routestand", None)
        ontzorging = getattr(d, "ontzorging", None)
        writer.writerow(
            safe_cell(v)
            for v in (
                d.naam,
                d.geboortedatum.strftime("%d-%m-%Y"),
                d.v_nummer,
                d.gemeente,
                d.get_doelgroep_display(),
                d.get_status_display(),
                d.datum_kennisgeving.strftime("%d-%m-%Y")
                if d.datum_kennisgeving
                else "",
                d.casusregisseur or "",
                d.rsd_klantmanager or "",
                stand.get_koers_display() if stand and stand.koers else "",
                stand.volgend_voortgangsgesprek.strftime("%d-%m-%Y")
                if stand and stand.volgend_voortgangsgesprek
                else "",
                ontzorging.einddatum.strftime("%d-%m-%Y") if ontzorging else "",
                "ja" if d.handhaving_lopend else "",
                "ja" if d.heeft_samenloop else "",
            )
        )
    log.log_dossiers_exported(dossiers, user=request.user, handeling="Werkvoorraad")
    return response


# --- Dossier ---------------------------------------------------------------------


def _dossier_context(request, dossier: Inburgeraar, **forms) -> dict:
    household = []
    leden = []
    if dossier.huishouden_id:
        household = list(
            Inburgeraar.objects.visible_to(request.user)
            .filter(huishouden_id=dossier.huishouden_id)
            .exclude(pk=dossier.pk)
        )
        leden = list(dossier.huishouden.leden.all())
    candidates = Inburgeraar.objects.none()
    if dossier.postcode and dossier.huisnummer:
        candidates = (
            Inburgeraar.objects.visible_to(request.user)
            .filter(postcode=dossier.postcode, huisnummer=dossier.huisnummer)
            .exclude(pk=dossier.pk)
        )
        if dossier.huishouden_id:
            candidates = candidates.exclude(huishouden_id=dossier.huishouden_id)
    return {
        "dossier": dossier,
        "household": household,
        "leden": leden,
        "gebeurtenissen": dossier.gebeurtenissen.select_related("gebruiker", "notitie"),
        "notitie_form": forms.get("notitie_form") or NotitieForm(),
        "huishoudlid_form": forms.get("huishoudlid_form") or HuishoudlidForm(),
        "koppel_form": forms.get("koppel_form")
        or HuishoudenKoppelenForm(candidates=candidates),
        "has_candidates": candidates.exists() if not forms.get("koppel_form") else True,
    }


@role_required(DOSSIER_ROLES)
@require_GET
def dossier_detail(request, pk):
    dossier = get_dossier(request, pk)
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request, "intake/dossier_detail.html", _dossier_context(request, dossier)
    )


def _render_detail_with_error(request, dossier, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "intake/dossier_detail.html",
        _dossier_context(request, dossier, **forms),
        status=400,
    )


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


def _dossier_action(request, dossier, form, *, form_name, save, message, anchor):
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=reverse("intake:dossier", args=[dossier.pk]) + anchor,
        show_errors=lambda: _render_detail_with_error(
            request, dossier, **{form_name: form}
        ),
    )


@role_required(DOSSIER_ROLES)
@require_POST
def notitie_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _dossier_action(
        request,
        dossier,
        NotitieForm(request.POST),
        form_name="notitie_form",
        save=lambda data: services.notitie_toevoegen(
            inburgeraar=dossier, tekst=data["tekst"], acting_user=request.user
        ),
        message="Notitie opgeslagen.",
        anchor="#tijdlijn",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def huishoudlid_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _dossier_action(
        request,
        dossier,
        HuishoudlidForm(request.POST),
        form_name="huishoudlid_form",
        save=lambda data: services.huishoudlid_toevoegen(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Huishoudlid toegevoegd.",
        anchor="#huishouden",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def huishouden_koppelen(request, pk):
    dossier = get_dossier(request, pk)
    candidates = Inburgeraar.objects.visible_to(request.user).exclude(pk=dossier.pk)
    return _dossier_action(
        request,
        dossier,
        HuishoudenKoppelenForm(request.POST, candidates=candidates),
        form_name="koppel_form",
        save=lambda data: services.huishouden_koppelen(
            inburgeraar=dossier, ander=data["ander"], acting_user=request.user
        ),
        message="Huishouden gekoppeld.",
        anchor="#huishouden",
    )


def _dossier_form(request, dossier: Inburgeraar | None):
    """Create (dossier is None) or edit a dossier; bad input re-renders what was typed."""
    form = InburgeraarForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if dossier is None:
                saved = services.inburgeraar_aanmaken(
                    data=form.model_data(), acting_user=request.user
                )
                messages.success(request, f"Dossier van {saved.naam} aangemaakt.")
            else:
                saved = services.inburgeraar_wijzigen(
                    inburgeraar=dossier,
                    data=form.model_data(),
                    versie=form.cleaned_data["versie"] or 0,
                    acting_user=request.user,
                )
                messages.success(request, "Wijzigingen opgeslagen.")
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            return redirect("intake:dossier", pk=saved.pk)
    if dossier is not None and request.method == "GET":
        log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "intake/dossier_form.html",
        {"form": form, "dossier": dossier},
        status=400 if form.is_bound else 200,
    )


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_aanmaken(request):
    return _dossier_form(request, None)


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_wijzigen(request, pk):
    return _dossier_form(request, get_dossier(request, pk))


# --- DUO signals -----------------------------------------------------------------


@role_required(DUO_IMPORT_ROLES)
@require_http_methods(["GET", "POST"])
def duo_import(request):
    form = DuoImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            result = duo_signalen_importeren(
                content=bestand.read(),
                bestandsnaam=bestand.name,
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("bestand", error)
        else:
            return redirect("intake:duo_import_resultaat", pk=result.pk)
    imports = DuoImport.objects.visible_to(request.user).select_related(
        "geupload_door"
    )[:20]
    return render(
        request,
        "intake/duo_import.html",
        {"form": form, "imports": imports},
        status=400 if form.is_bound else 200,
    )


@role_required(DUO_IMPORT_ROLES)
@require_GET
def duo_import_resultaat(request, pk):
    result = get_object_or_404(DuoImport.objects.visible_to(request.user), pk=pk)
    uitkomst = request.GET.get("uitkomst", "")
    regels = result.regels.select_related("inburgeraar")
    if uitkomst in Uitkomst.values:
        regels = regels.filter(uitkomst=uitkomst)
    page = Paginator(regels, 100).get_page(request.GET.get("pagina"))
    visible = set(
        Inburgeraar.objects.visible_to(request.user)
        .filter(pk__in=[r.inburgeraar_id for r in page.object_list if r.inburgeraar_id])
        .values_list("pk", flat=True)
    )
    shown = {
        r.inburgeraar_id: r.inburgeraar
        for r in page.object_list
        if r.inburgeraar_id in visible
    }
    log.log_dossiers_listed(shown.values(), user=request.user, handeling="DUO-signalen")
    return render(
        request,
        "intake/duo_import_resultaat.html",
        {
            "result": result,
            "page": page,
            "visible": visible,
            "uitkomst": uitkomst,
            "uitkomsten": [
                (u.value, u.label, result.samenvatting.get(u.value, 0))
                for u in Uitkomst
            ],
            "totaal": sum(result.samenvatting.values()),
        },
    )


# --- RSD klantmanager ------------------------------------------------------------


@role_required(RSD_ROLES)
@require_GET
def rsd_klanten(request):
    qs = (
        Inburgeraar.objects.visible_to(request.user)
        .for_list()
        .order_by("achternaam", "id")
    )
    page = Paginator(qs, settings.PAGE_SIZE).get_page(request.GET.get("pagina"))
    log.log_dossiers_listed(
        page.object_list, user=request.user, handeling="RSD-caseload"
    )
    return render(request, "intake/rsd_klanten.html", {"page": page})
