"""The werkvoorraad: the casusregisseur's start page. It lists the dossiers with
the columns of every app and the user's "te doen" signals, so it lives in monitoring,
the highest app it reads."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intake import services
from intake.models import Inburgeraar, WerkvoorraadVoorkeur
from intake.views import apply_form_errors
from monitoring.forms.signalen import UitstellenForm, VervangingForm
from monitoring.forms.werkvoorraad import (
    ToewijzenForm,
    WerkvoorraadFilterForm,
    filterchips,
)
from monitoring.models import Signaal
from monitoring.te_doen import te_doen_groepen
from monitoring.werkvoorraad import werkvoorraad as werkvoorraad_dossiers
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.exports import chunks, csv_download
from zevenaar_inburgering.paginering import Paginering
from zevenaar_inburgering.verwerkingen import log

ZOEK_SESSION_KEY = "werkvoorraad_zoek"
# The "te doen" list shows the most urgent signals; the rest follow as they resolve.
TE_DOEN_MAX = 50


def _werkvoorraad_state(request):
    voorkeur = WerkvoorraadVoorkeur.objects.filter(user=request.user).first()
    filters = voorkeur.filters if voorkeur else {"sorteer": "naam"}
    zoek = request.session.get(ZOEK_SESSION_KEY) or {}
    return filters, zoek


def _te_doen(request, uitstellen_form=None, fout_signaal=None) -> dict:
    """The Te doen section: the open signals of the user, or of the colleague they
    stand in for (vervanging, ?collega=), grouped by urgency. The signal whose
    snooze was refused gets its bound form back (errors and what was typed); the
    template writes the other rows' empty snooze fields itself (see
    uitstellen_velden)."""
    vandaag = timezone.localdate()
    vervanging_form = VervangingForm(
        request.GET if "collega" in request.GET else None, user=request.user
    )
    collega = vervanging_form.gekozen_collega()
    signalen = (
        Signaal.objects.visible_to(request.user)
        .te_doen(vandaag)
        .filter(verantwoordelijke=collega or request.user)
    )
    groepen = te_doen_groepen(signalen, vandaag, TE_DOEN_MAX)
    getoond = [s for groep in groepen for s in groep.signalen]
    if collega is not None:
        # Another's list names their clients: logged like the dossier list.
        log.log_dossiers_listed(
            list({s.inburgeraar_id: s.inburgeraar for s in getoond}.values()),
            user=request.user,
            handeling="Te doen (vervanging)",
        )
    for groep in groepen:
        for signaal in groep.signalen:
            fout = signaal.pk == fout_signaal
            signaal.uitstellen_form = uitstellen_form if fout else None
            groep.open = groep.open or fout
    # A signal resolved, snoozed or reassigned meanwhile is not in the list: show
    # its form's errors (e.g. "al opgelost") above the list instead.
    losse_fouten = []
    if fout_signaal is not None and fout_signaal not in {s.pk for s in getoond}:
        losse_fouten = [e for errors in uitstellen_form.errors.values() for e in errors]
    return {
        "te_doen_groepen": groepen,
        "te_doen_aantal": sum(groep.aantal for groep in groepen),
        "vervanging_form": vervanging_form,
        "collega": collega,
        "uitstellen_fouten": losse_fouten,
        "fout_signaal": fout_signaal,
        # Labels and limits of the empty snooze fields of every other row.
        "uitstellen_velden": UitstellenForm(),
    }


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
    # The casusregisseur does want the total of their (filtered) list: "N dossiers"
    # stays. It costs no query when the list fits on the page it shows (a filter or
    # search usually narrows it that far); only a longer list is counted, once, over
    # the indexed scope (issue 18).
    vandaag = timezone.localdate()
    page = Paginering(
        werkvoorraad_dossiers(request.user, filters, zoek, vandaag=vandaag),
        settings.PAGE_SIZE,
        tellen=True,
    ).get_page(request.GET.get("pagina"))
    log.log_dossiers_listed(page.object_list, user=request.user)
    selected = set()
    if toewijzen_form is not None:
        selected = set(toewijzen_form.data.getlist("dossiers"))
    return render(
        request,
        "monitoring/werkvoorraad.html",
        {
            "filter_form": filter_form,
            "toewijzen_form": toewijzen_form or ToewijzenForm(user=request.user),
            "page": page,
            "zoek": zoek,
            "filterchips": filterchips(filter_form, filters, zoek),
            "selected": selected,
            **_te_doen(request, uitstellen_form, fout_signaal),
            "vandaag": vandaag,
            "fout": status == 400,
        },
        status=status,
    )


def _filter_verwijderen(request, naam: str) -> None:
    """Remove one chip: the search, or one saved filter (the others stay). A name
    that is no filter changes nothing."""
    if naam == "zoek":
        request.session.pop(ZOEK_SESSION_KEY, None)
        return
    voorkeur = WerkvoorraadVoorkeur.objects.filter(user=request.user).first()
    if voorkeur is None or naam == "sorteer" or not voorkeur.filters.get(naam):
        return
    # The form's empty value of that filter, as saved_filters() writes it.
    leeg = WerkvoorraadFilterForm({}, user=request.user)
    leeg.is_valid()
    voorkeur.filters[naam] = leeg.saved_filters()[naam]
    voorkeur.save(update_fields=["filters"])


@role_required(DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def werkvoorraad(request):
    if request.method == "POST":
        if "wissen" in request.POST:
            request.session.pop(ZOEK_SESSION_KEY, None)
            WerkvoorraadVoorkeur.objects.filter(user=request.user).delete()
            return redirect("monitoring:werkvoorraad")
        if "verwijder" in request.POST:
            _filter_verwijderen(request, request.POST["verwijder"])
            return redirect("monitoring:werkvoorraad")
        form = WerkvoorraadFilterForm(request.POST, user=request.user)
        if not form.is_valid():
            return render_werkvoorraad(request, filter_form=form, status=400)
        WerkvoorraadVoorkeur.objects.update_or_create(
            user=request.user, defaults={"filters": form.saved_filters()}
        )
        # Resolved within the user's scope; a BSN is never kept in the session.
        request.session[ZOEK_SESSION_KEY] = Inburgeraar.objects.visible_to(
            request.user
        ).search_terms(form.cleaned_data["zoek"])
        return redirect("monitoring:werkvoorraad")
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
            return redirect("monitoring:werkvoorraad")
    return render_werkvoorraad(request, toewijzen_form=form)


WERKVOORRAAD_KOLOMMEN = [
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
]


def _datum(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _export_regel(d) -> tuple:
    # Not every dossier has a routestand (leerroutes); getattr covers that.
    stand = getattr(d, "routestand", None)
    ontzorging = getattr(d, "ontzorging", None)
    return (
        d.naam,
        _datum(d.geboortedatum),
        d.v_nummer,
        d.gemeente,
        d.get_doelgroep_display(),
        d.get_status_display(),
        _datum(d.datum_kennisgeving),
        d.casusregisseur or "",
        d.rsd_klantmanager or "",
        stand.get_koers_display() if stand and stand.koers else "",
        _datum(stand.volgend_voortgangsgesprek) if stand else "",
        _datum(ontzorging.einddatum) if ontzorging else "",
        "ja" if d.handhaving_lopend else "",
        "ja" if d.heeft_samenloop else "",
    )


@role_required(DOSSIER_ROLES)
@require_GET
def werkvoorraad_export(request):
    """The werkvoorraad as filtered, streamed; each chunk of dossiers is logged
    (one row per dossier) before its lines are sent."""
    filters, zoek = _werkvoorraad_state(request)
    dossiers = log.log_dossiers_exported(
        chunks(
            werkvoorraad_dossiers(
                request.user, filters, zoek, vandaag=timezone.localdate()
            )
        ),
        user=request.user,
        handeling="Werkvoorraad",
    )
    return csv_download(
        "werkvoorraad.csv", WERKVOORRAAD_KOLOMMEN, map(_export_regel, dossiers)
    )
