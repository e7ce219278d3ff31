"""The dossier's route page: the traject, hours, progress reports, exams and the
afronding, with a small form for each.

Each page runs a fixed number of queries however many hours, exams or activities
a person has: hours are summed in the database, lists are bounded.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.models import DoelgroepCategorie
from pip_plans.selectors import geldende_pip, get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..forms.route import (
    AfrondingForm,
    ExamenForm,
    MaandUrenForm,
    ToewijzenForm,
    VoortgangForm,
)
from ..models import (
    Afronding,
    Examenpoging,
    Organisatie,
    OrganisatieSoort,
    Traject,
    Urenregistratie,
    Voortgangsrapportage,
)
from ..services.traject import (
    aanbieders_voor,
    geplande_uren_voorstel,
    traject_toewijzen,
)
from ..services.uren import maand_uren_vastleggen
from ..services.voldaan import afronding_vastleggen, examen_vastleggen, voldaan_toets
from ..services.voortgang import (
    voortgang_vastleggen,
)
from .pagina import (
    Pagina,
    _actie,
    _routestand,
    _trajecten,
    dossier_formulier,
    uren_per_onderdeel,
)

RECENTE_UREN = 24  # months × onderdelen shown in the hours table
RECENTE_RAPPORTAGES = 10


def _maand_uren_form(traject, *args, **kwargs) -> MaandUrenForm:
    """The hours of a month for every onderdeel of `traject` (the open one)."""
    return MaandUrenForm(*args, onderdelen=traject.onderdeel_codes(), **kwargs)


def _route_context(request, dossier, **forms) -> dict:
    pip = geldende_pip(dossier)
    trajecten = _trajecten(request, dossier)
    open_traject = next((t for t in trajecten if t.is_open), None)
    vandaag = timezone.localdate()
    afronding = Afronding.objects.visible_to(request.user).filter(
        inburgeraar=dossier
    ).first() or Afronding(inburgeraar=dossier)
    examens = list(
        Examenpoging.objects.visible_to(request.user).filter(inburgeraar=dossier)
    )
    leerroute = pip.leerroute if pip else ""
    toewijzen_form = forms.get("toewijzen_form")
    if toewijzen_form is None and pip is not None:
        toewijzen_form = ToewijzenForm(
            aanbieders=aanbieders_voor(dossier, leerroute, vandaag),
            leerroute=leerroute,
            voorstel=geplande_uren_voorstel(pip, None),
            initial={"start": vandaag},
        )
    return {
        "dossier": dossier,
        "pip": pip,
        "asiel": dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL,
        "trajecten": trajecten,
        "open_traject": open_traject,
        "uren_grafiek": uren_per_onderdeel(request, dossier, trajecten),
        "recente_uren": Urenregistratie.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder")[:RECENTE_UREN],
        "rapportages": Voortgangsrapportage.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder")[:RECENTE_RAPPORTAGES],
        "examens": examens,
        "afronding": afronding,
        "voldaan": voldaan_toets(
            dossier, pip=pip, afronding=afronding, examens=examens
        ),
        "routestand": _routestand(request, dossier),
        "toewijzen_form": toewijzen_form,
        "uren_form": forms.get("uren_form")
        or (
            _maand_uren_form(open_traject, initial={"maand": vandaag.replace(day=1)})
            if open_traject
            else None
        ),
        "voortgang_form": forms.get("voortgang_form")
        or VoortgangForm(initial={"datum": vandaag}),
        "examen_form": forms.get("examen_form") or ExamenForm(),
        "afronding_form": forms.get("afronding_form")
        or (AfrondingForm(instance=afronding, leerroute=leerroute) if pip else None),
    }


def _render_route(request, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/route.html",
        # "Fout:" in the title tells a screen reader user the save failed.
        {**_route_context(request, dossier, **forms), "fout": status == 400},
        status=status,
    )


ROUTE = Pagina("leerroutes:route", _render_route)


@role_required(DOSSIER_ROLES)
@require_GET
def route(request, pk):
    return _render_route(request, get_dossier(request, pk))


@role_required(DOSSIER_ROLES)
@require_POST
def toewijzen(request, pk):
    dossier = get_dossier(request, pk)
    pip = geldende_pip(dossier)
    if pip is None:
        messages.error(
            request, "Stel eerst het PIP vast; de leerroute volgt uit het PIP."
        )
        return redirect("leerroutes:route", pk=dossier.pk)
    # Any taalaanbieder parses: the service says why one may not get this person
    # on the chosen start date (keurmerk, contract). The page offers today's list.
    form = ToewijzenForm(
        request.POST,
        aanbieders=Organisatie.objects.filter(soort=OrganisatieSoort.TAALAANBIEDER),
        leerroute=pip.leerroute,
        voorstel=geplande_uren_voorstel(pip, None),
    )
    return _actie(
        request,
        dossier,
        form,
        form_name="toewijzen_form",
        save=lambda data: traject_toewijzen(
            inburgeraar=dossier,
            aanbieder=data["aanbieder"],
            start=data["start"],
            geplande_einde=data["geplande_einde"],
            uren=form.uren(),
            acting_user=request.user,
        ),
        message="Aanbieder toegewezen; het traject is gestart.",
        pagina=ROUTE,
    )


@role_required(DOSSIER_ROLES)
@require_POST
def uren(request, pk):
    """A month of hours for every onderdeel of the open traject, in one submit;
    recorded hours are replaced only after the user confirmed (BevestigingNodig)."""
    dossier = get_dossier(request, pk)
    traject = (
        Traject.objects.visible_to(request.user)
        .filter(inburgeraar=dossier, einde__isnull=True)
        .prefetch_related("onderdelen")
        .first()
    )
    if traject is None:
        messages.error(request, "Er loopt geen traject: wijs eerst een aanbieder toe.")
        return redirect("leerroutes:route", pk=dossier.pk)
    form = _maand_uren_form(traject, request.POST)
    return _actie(
        request,
        dossier,
        form,
        form_name="uren_form",
        save=lambda data: maand_uren_vastleggen(
            inburgeraar=dossier,
            maand=data["maand"],
            uren=form.uren(),
            bevestigd=data["bevestigd"],
            acting_user=request.user,
        ),
        message="Uren vastgelegd.",
        pagina=ROUTE,
    )


voortgang = dossier_formulier(
    ROUTE,
    VoortgangForm,
    form_name="voortgang_form",
    save=lambda dossier, data, user: voortgang_vastleggen(
        inburgeraar=dossier, data=data, acting_user=user
    ),
    message="Voortgangsrapportage vastgelegd.",
)


examen = dossier_formulier(
    ROUTE,
    ExamenForm,
    form_name="examen_form",
    save=lambda dossier, data, user: examen_vastleggen(
        inburgeraar=dossier, acting_user=user, **data
    ),
    message="Examen vastgelegd.",
)


@role_required(DOSSIER_ROLES)
@require_POST
def afronding(request, pk):
    dossier = get_dossier(request, pk)
    pip = geldende_pip(dossier)
    if pip is None:
        messages.error(request, "Stel eerst het PIP vast.")
        return redirect("leerroutes:route", pk=dossier.pk)
    instance = Afronding.objects.visible_to(request.user).filter(
        inburgeraar=dossier
    ).first() or Afronding(inburgeraar=dossier)
    form = AfrondingForm(request.POST, instance=instance, leerroute=pip.leerroute)
    return _actie(
        request,
        dossier,
        form,
        form_name="afronding_form",
        save=lambda data: afronding_vastleggen(
            inburgeraar=dossier,
            data=form.model_data(),
            versie=data["versie"],
            acting_user=request.user,
        ),
        message="Afronding vastgelegd.",
        pagina=ROUTE,
    )
