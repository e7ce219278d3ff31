"""Beleidsmedewerker pages: the dashboard of the policy goals and the stored
kwartaalrapporten (request, state, PDF and CSV). Aggregates only: no names or BSNs,
small numbers suppressed (monitoring.weergave)."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from monitoring import weergave
from monitoring.forms.rapport import REGIO, AanvraagForm, gebied_keuzes
from monitoring.models import Kwartaalrapport
from monitoring.rapportage.basis import laatste_afgesloten_kwartaal
from monitoring.rapportage.rapport import bestandsnaam, rapport_aanvragen
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.middleware import telt_niet_als_activiteit
from zevenaar_inburgering.accounts.models import MONITORING_ROLES
from zevenaar_inburgering.documents import document_response
from zevenaar_inburgering.exports import csv_download


def _rapporten(request):
    return Kwartaalrapport.objects.visible_to(request.user).select_related(
        "gemeente", "aangevraagd_door"
    )


@role_required(MONITORING_ROLES)
@require_GET
def dashboard(request):
    """The latest finished report of the chosen gebied (region by default), or the
    one asked for, with its charts and tables."""
    keuzes = gebied_keuzes(request.user)
    gebied = request.GET.get("gebied", REGIO)
    if gebied not in dict(keuzes):
        gebied = REGIO
    klaar = _rapporten(request).klaar()
    if request.GET.get("rapport"):
        rapport = get_object_or_404(klaar, pk=request.GET["rapport"])
        # The select shows the gebied of the report shown, not the default.
        gebied = str(rapport.gemeente_id) if rapport.gemeente_id else REGIO
    else:
        per_gebied = (
            klaar.filter(gemeente__isnull=True)
            if gebied == REGIO
            else klaar.filter(gemeente_id=gebied)
        ).order_by("-jaar", "-kwartaal", "-gereed_op")
        # The newest report of a quarter that has ended comes first; a running
        # quarter's (provisional) report only when there is no other.
        jaar, kwartaal = laatste_afgesloten_kwartaal(timezone.localdate())
        afgesloten = Q(jaar__lt=jaar) | Q(jaar=jaar, kwartaal__lte=kwartaal)
        rapport = per_gebied.filter(afgesloten).first() or per_gebied.first()
    context = {
        "rapport": rapport,
        "keuzes": keuzes,
        "gebied": gebied,
        "form": AanvraagForm(user=request.user, initial={"gebied": gebied}),
    }
    if rapport is not None:
        context |= weergave.context(rapport.cijfers, gemaakt_op=rapport.gereed_op)
    return render(request, "monitoring/rapport/dashboard.html", context)


@role_required(MONITORING_ROLES)
@require_GET
def kwartaalrapporten(request):
    return _overzicht(request, AanvraagForm(user=request.user))


def _overzicht(request, form, status=200):
    # The list shows no figures: not reading them saves decoding every report's
    # JSON on each view.
    rapporten = _rapporten(request).defer("cijfers", "parameters")[:200]
    return render(
        request,
        "monitoring/rapport/overzicht.html",
        {"rapporten": rapporten, "form": form, "grens": weergave.grens()},
        status=status,
    )


@role_required(MONITORING_ROLES)
@require_POST
def kwartaalrapport_aanvragen(request):
    form = AanvraagForm(request.POST, user=request.user)
    if not form.is_valid():
        return _overzicht(request, form, status=400)
    data = form.cleaned_data
    rapport = rapport_aanvragen(
        jaar=data["jaar"],
        kwartaal=data["kwartaal"],
        gemeente=data["gemeente"],
        acting_user=request.user,
    )
    messages.success(
        request,
        f"Het kwartaalrapport {rapport.periode} voor {rapport.gebied} is aangevraagd. "
        "Het staat hieronder; de status werkt zichzelf bij.",
    )
    return redirect("monitoring:kwartaalrapporten")


# The page polls this by itself: it must not keep an unattended session alive.
@telt_niet_als_activiteit
@role_required(MONITORING_ROLES)
@require_GET
def kwartaalrapport_status(request, pk):
    """The state of one report (htmx polls it while the report is made). Nothing
    (204: htmx keeps what it shows) while the state is the one the page shows, so a
    screen reader hears only a change."""
    rapport = get_object_or_404(_rapporten(request), pk=pk)
    if request.GET.get("was") == rapport.status and not rapport.vertraagd:
        return HttpResponse(status=204)
    return render(request, "monitoring/rapport/_status.html", {"rapport": rapport})


@role_required(MONITORING_ROLES)
@require_GET
def kwartaalrapport_pdf(request, pk):
    rapport = get_object_or_404(_rapporten(request).klaar(), pk=pk)
    return document_response(rapport.pdf, download_name=bestandsnaam(rapport, "pdf"))


@role_required(MONITORING_ROLES)
@require_GET
def kwartaalrapport_csv(request, pk):
    """The figures as CSV, suppressed exactly as in the PDF."""
    rapport = get_object_or_404(_rapporten(request).klaar(), pk=pk)
    return csv_download(
        bestandsnaam(rapport, "csv"),
        weergave.CSV_KOLOMMEN,
        weergave.csv_rijen(rapport.cijfers, gemaakt_op=rapport.gereed_op),
    )
