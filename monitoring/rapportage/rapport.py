"""Making and storing kwartaalrapporten (DESIGN.md §2.8).

A report is requested (a row in state "wachtrij"), then made by a Celery worker:
figures (monitoring.rapportage.cijfers), PDF (WeasyPrint, never in a web request),
stored in private storage with its figures and the parameters used. Requests come from a
beleidsmedewerker or functioneel beheerder (any quarter, any of their gemeenten or
the region) and from the quarterly beat job (the quarter that just ended, every
gemeente and the region).
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from monitoring import weergave
from monitoring.models import Kwartaalrapport, KwartaalrapportStatus
from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.documents import store_document
from zevenaar_inburgering.pdf import render_pdf

from .basis import Periode, laatste_afgesloten_kwartaal
from .cijfers import bereken

logger = logging.getLogger(__name__)

# A request still waiting this long was probably never published (broker down),
# one "bezig" this long lost its worker (the task's hard time limit is 15 minutes):
# the quarterly job and a worker start pick them up again.
WACHTRIJ_TE_LANG = timedelta(minutes=10)
BEZIG_TE_LANG = timedelta(minutes=30)


def _op_te_pakken():
    """Requests a worker may take: waiting, failed, or abandoned while made."""
    return Q(
        status__in=[KwartaalrapportStatus.WACHTRIJ, KwartaalrapportStatus.MISLUKT]
    ) | Q(
        status=KwartaalrapportStatus.BEZIG,
        gestart_op__lt=timezone.now() - BEZIG_TE_LANG,
    )


def rapport_pdf(cijfers: dict, *, gemaakt_op=None) -> bytes:
    """The report as PDF/UA-1, from its stored figures."""
    parameters = sorted(
        cijfers.get("parameters", {}).values(), key=lambda p: p["omschrijving"]
    )
    gemaakt_op = gemaakt_op or timezone.localtime()
    context = weergave.context(cijfers, gemaakt_op=gemaakt_op) | {
        "parameters": parameters,
        "gemaakt_op": gemaakt_op,
    }
    return render_pdf(
        "monitoring/rapport/pdf.html",
        context,
        title=f"{context['titel']} – {cijfers['gebied']}",
        variant="pdf/ua-1",
    )


def bestandsnaam(rapport: Kwartaalrapport, extensie: str) -> str:
    gebied = rapport.gemeente.naam.lower() if rapport.gemeente_id else "regio"
    return f"kwartaalrapport-{rapport.jaar}-k{rapport.kwartaal}-{gebied}.{extensie}"


@transaction.atomic
def rapport_aanvragen(
    *, jaar: int, kwartaal: int, gemeente: Gemeente | None, acting_user
) -> Kwartaalrapport:
    """Queue a (new version of the) report; the worker makes it."""
    from monitoring.tasks import enqueue, kwartaalrapport_maken

    Periode(jaar, kwartaal)  # validates the quarter
    rapport = Kwartaalrapport.objects.create(
        jaar=jaar, kwartaal=kwartaal, gemeente=gemeente, aangevraagd_door=acting_user
    )
    logger.info(
        "Kwartaalrapport %s aangevraagd (%s K%s, %s)",
        rapport.pk,
        jaar,
        kwartaal,
        rapport.gebied,
    )
    enqueue(kwartaalrapport_maken, str(rapport.pk))
    return rapport


def rapport_maken(rapport_id, stand: date | None = None) -> Kwartaalrapport | None:
    """Make one requested report on the data as they stand on `stand` (the day the
    worker reads them, by default). Idempotent: a report already made, being made
    by another worker, or gone, is left alone."""
    with transaction.atomic():
        rapport = (
            Kwartaalrapport.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(_op_te_pakken(), pk=rapport_id)
            .select_related("gemeente")
            .first()
        )
        if rapport is None:
            return None
        rapport.status = KwartaalrapportStatus.BEZIG
        rapport.gestart_op = timezone.now()
        rapport.save(update_fields=["status", "gestart_op"])
    try:
        cijfers = bereken(
            jaar=rapport.jaar,
            kwartaal=rapport.kwartaal,
            gemeente=rapport.gemeente,
            stand=stand or timezone.localdate(),
        )
        gemaakt_op = timezone.localtime()
        pdf = rapport_pdf(cijfers, gemaakt_op=gemaakt_op)
        naam, sha256 = store_document(
            pdf,
            folder=f"kwartaalrapporten/{rapport.jaar}",
            filename=f"{rapport.pk}.pdf",
        )
    except Exception:
        logger.exception("Kwartaalrapport %s mislukt", rapport.pk)
        Kwartaalrapport.objects.filter(pk=rapport.pk).update(
            status=KwartaalrapportStatus.MISLUKT,
            foutmelding="Het maken van het rapport is mislukt. Probeer het opnieuw "
            "of neem contact op met functioneel beheer.",
        )
        raise
    Kwartaalrapport.objects.filter(pk=rapport.pk).update(
        status=KwartaalrapportStatus.KLAAR,
        cijfers=cijfers,
        parameters=cijfers["parameters"],
        pdf=naam,
        sha256=sha256,
        gereed_op=timezone.now(),
        foutmelding="",
    )
    rapport.refresh_from_db()
    logger.info("Kwartaalrapport %s klaar", rapport.pk)
    return rapport


def kwartaalrapporten_maken(vandaag: date) -> list[str]:
    """The quarterly job: the report of the quarter that ended, for every gemeente
    and the region, unless the job made it already (a second run makes nothing);
    then any request left waiting too long. Returns the ids made."""
    jaar, kwartaal = laatste_afgesloten_kwartaal(vandaag)
    gemaakt = []
    for gemeente in [None, *Gemeente.objects.order_by("naam")]:
        bestaat = Kwartaalrapport.objects.filter(
            jaar=jaar,
            kwartaal=kwartaal,
            gemeente=gemeente,
            aangevraagd_door__isnull=True,
        ).exists()
        if not bestaat:
            rapport = Kwartaalrapport.objects.create(
                jaar=jaar, kwartaal=kwartaal, gemeente=gemeente
            )
            if rapport_maken(rapport.pk, stand=vandaag):
                gemaakt.append(str(rapport.pk))
    for rapport_id in wachtende_rapporten():
        if rapport_maken(rapport_id, stand=vandaag):
            gemaakt.append(str(rapport_id))
    return gemaakt


def wachtende_rapporten() -> list:
    """Requests whose task was lost: waiting longer than WACHTRIJ_TE_LANG, or
    abandoned while being made."""
    grens = timezone.now() - WACHTRIJ_TE_LANG
    return list(
        Kwartaalrapport.objects.filter(
            Q(status=KwartaalrapportStatus.WACHTRIJ, aangevraagd_op__lt=grens)
            | Q(
                status=KwartaalrapportStatus.BEZIG,
                gestart_op__lt=timezone.now() - BEZIG_TE_LANG,
            )
        ).values_list("pk", flat=True)
    )
