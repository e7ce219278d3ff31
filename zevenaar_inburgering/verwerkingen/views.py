"""The verwerkingenlog for functioneel beheer: search by BSN or user, export as CSV.

The BSN is posted, hashed at once and kept only as its hash in the session, so it
never appears in a URL, a log line or the session table.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from zevenaar_inburgering import exports
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import VERWERKINGENLOG_ROLES
from zevenaar_inburgering.paginering import Paginering

from . import log
from .forms import VerwerkingZoekForm
from .models import Verwerking

SESSION_KEY = "verwerkingen_zoek"


def _criteria(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _results(request, criteria: dict):
    qs = Verwerking.objects.visible_to(request.user).select_related(
        "actor", "verwerkingsactiviteit"
    )
    if criteria.get("betrokkene_id"):
        qs = qs.filter(betrokkene_id=criteria["betrokkene_id"])
    if criteria.get("gebruiker"):
        qs = qs.filter(actor_id=criteria["gebruiker"])
    tz = timezone.get_current_timezone()
    if criteria.get("van"):
        start = dt.datetime.combine(
            dt.date.fromisoformat(criteria["van"]), dt.time.min, tz
        )
        qs = qs.filter(tijdstip__gte=start)
    if criteria.get("tot"):
        end = dt.datetime.combine(
            dt.date.fromisoformat(criteria["tot"]), dt.time.min, tz
        )
        qs = qs.filter(tijdstip__lt=end + dt.timedelta(days=1))
    return qs.order_by("-tijdstip", "id")


def _in_blokken(results):
    """The rows of `_results()` in their order (newest first, then by id),
    CHUNK_SIZE per query, each query continuing after the last row of the one before
    (keyset pagination on the tijdstip index).

    Not one server-side cursor: outside a transaction PostgreSQL materialises such a
    cursor whole before its first row (5 s for a million rows). Not the keys first
    (exports.chunks): a million keys. Each query here reads its own chunk from the
    index; the log is append-only, so the chunks neither skip nor repeat a row, and
    rows written meanwhile (this export's own log row) are newer than the first."""
    laatste = None
    while True:
        blok = results
        if laatste is not None:
            blok = results.filter(tijdstip__lte=laatste.tijdstip).filter(
                Q(tijdstip__lt=laatste.tijdstip)
                | Q(tijdstip=laatste.tijdstip, id__gt=laatste.id)
            )
        rows = list(blok[: exports.CHUNK_SIZE])
        yield from rows
        if len(rows) < exports.CHUNK_SIZE:
            return
        laatste = rows[-1]


@role_required(VERWERKINGENLOG_ROLES)
@require_http_methods(["GET", "POST"])
def verwerkingen_zoeken(request):
    criteria = _criteria(request)
    if request.method == "POST":
        if "wissen" in request.POST:
            request.session.pop(SESSION_KEY, None)
            return redirect("verwerkingen:zoeken")
        form = VerwerkingZoekForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            request.session[SESSION_KEY] = {
                "betrokkene_id": log.bsn_hash(data["bsn"]) if data["bsn"] else "",
                "bsn_gemaskeerd": "*****" + data["bsn"][-4:] if data["bsn"] else "",
                "gebruiker": data["gebruiker"].pk if data["gebruiker"] else None,
                "van": data["van"].isoformat() if data["van"] else "",
                "tot": data["tot"].isoformat() if data["tot"] else "",
            }
            return redirect("verwerkingen:zoeken")
    else:
        form = VerwerkingZoekForm(
            initial={k: criteria.get(k) for k in ("gebruiker", "van", "tot")},
            user=request.user,
        )
    # The log holds millions of rows: pages without a total (no COUNT).
    page = Paginering(_results(request, criteria), settings.PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "verwerkingen/verwerkingen_zoeken.html",
        {"form": form, "page": page, "criteria": criteria},
        status=400 if form.is_bound and form.errors else 200,
    )


EXPORT_KOLOMMEN = [
    "Tijdstip",
    "Actie",
    "Omschrijving",
    "Handeling",
    "Verwerkingsactiviteit",
    "Grondslag",
    "Gebruiker",
    "Rol",
    "Object",
    "Object-id",
    "Soorten gegevens",
    "Resultaat",
    "Trace-id",
    "Span-id",
]


def _export_regel(row: Verwerking) -> list:
    return [
        timezone.localtime(row.tijdstip).isoformat(timespec="seconds"),
        row.get_actie_display(),
        row.actie_naam,
        row.handeling,
        row.verwerkingsactiviteit.naam,
        row.verwerkingsactiviteit.grondslag,
        row.actor.get_username() if row.actor else "systeem",
        row.actor_rol,
        row.object_type,
        row.object_id,
        ", ".join(row.soorten_gegevens),
        row.get_resultaat_display(),
        row.trace_id,
        row.span_id,
    ]


@role_required(VERWERKINGENLOG_ROLES)
@require_GET
def verwerkingen_export(request):
    """The search's rows, streamed. An export for one BSN (an inzageverzoek) is
    logged once, before the response is returned: after the query has started
    (csv_download reads the first row), so the export does not list itself."""
    criteria = _criteria(request)
    rows = _in_blokken(_results(request, criteria))
    response = exports.csv_download(
        "verwerkingenlog.csv", EXPORT_KOLOMMEN, map(_export_regel, rows)
    )
    if criteria.get("betrokkene_id"):
        log.log_verwerkingen_exported(
            betrokkene_id=criteria["betrokkene_id"], user=request.user
        )
    return response
