"""The dossier's route and participation pages, and the RSD klantmanager's view of
a client's route.

Each page runs a fixed number of queries however many hours, exams or activities
a person has: hours are summed in the database, lists are bounded.
"""

from django.contrib import messages
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.models import DoelgroepCategorie
from intake.views import form_action
from pip_plans.selectors import geldende_pip, get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES
from zevenaar_inburgering.verwerkingen import log

from .forms import (
    ActiviteitForm,
    AfrondingForm,
    BeeindigenForm,
    BegeleidingForm,
    ExamenForm,
    GesprekForm,
    GesprekPlannenForm,
    ToewijzenForm,
    UrenForm,
    VerwijzingBijwerkenForm,
    VerwijzingForm,
    VoortgangForm,
)
from .models import (
    ROUTE_ONDERDELEN,
    Afronding,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Onderdeel,
    Organisatie,
    OrganisatieSoort,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from .routestand import gesprek_te_doen_tot
from .services import keten as keten_services
from .services import participatie as participatie_services
from .services.keten import begeleiding_vastleggen, verwijzing_aanmaken
from .services.participatie import activiteit_vastleggen
from .services.traject import aanbieders_voor, geplande_uren_voorstel, traject_toewijzen
from .services.uren import uren_vastleggen
from .services.voldaan import afronding_vastleggen, examen_vastleggen, voldaan_toets
from .services.voortgang import (
    voortgang_vastleggen,
    voortgangsgesprek_plannen,
    voortgangsgesprek_vastleggen,
)

RECENTE_UREN = 24  # months × onderdelen shown in the hours table
RECENTE_RAPPORTAGES = 10


# --- Shared parts ----------------------------------------------------------------------


def uren_per_onderdeel(request, dossier, trajecten) -> list[dict]:
    """Planned (open traject) against attended hours (all trajecten), per onderdeel,
    for the chart. One query for the sums."""
    gevolgd = dict(
        Urenregistratie.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .values_list("onderdeel")
        .annotate(totaal=Sum("uren_aanwezig"))
    )
    open_traject = next((t for t in trajecten if t.is_open), None)
    gepland = (
        {o.onderdeel: o.geplande_uren for o in open_traject.onderdelen.all()}
        if open_traject
        else {}
    )
    rijen = []
    for onderdeel in Onderdeel:
        plan, echt = gepland.get(onderdeel.value, 0), gevolgd.get(onderdeel.value, 0)
        if not plan and not echt:
            continue
        schaal = max(plan, echt) or 1
        rijen.append(
            {
                "label": onderdeel.label,
                "gepland": plan,
                "gevolgd": echt,
                "pct_gevolgd": min(round(echt * 100 / plan), 999) if plan else None,
                "breedte_gepland": round(plan * 100 / schaal),
                "breedte_gevolgd": round(echt * 100 / schaal),
            }
        )
    return rijen


def _trajecten(request, dossier) -> list:
    return list(
        Traject.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder", "contract")
        .prefetch_related("onderdelen")
    )


def _routestand(request, dossier):
    return (
        Routestand.objects.visible_to(request.user).filter(inburgeraar=dossier).first()
    )


def _activiteiten(request, dossier) -> list:
    return list(
        Participatieactiviteit.objects.visible_to(request.user).filter(
            inburgeraar=dossier
        )
    )


# --- Route page ------------------------------------------------------------------------


def _route_context(request, dossier, **forms) -> dict:
    pip = geldende_pip(dossier)
    trajecten = _trajecten(request, dossier)
    vandaag = timezone.localdate()
    afronding = Afronding.objects.visible_to(request.user).filter(
        inburgeraar=dossier
    ).first() or Afronding(inburgeraar=dossier)
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
        "open_traject": next((t for t in trajecten if t.is_open), None),
        "uren_grafiek": uren_per_onderdeel(request, dossier, trajecten),
        "recente_uren": Urenregistratie.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder")[:RECENTE_UREN],
        "rapportages": Voortgangsrapportage.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("aanbieder")[:RECENTE_RAPPORTAGES],
        "examens": list(
            Examenpoging.objects.visible_to(request.user).filter(inburgeraar=dossier)
        ),
        "afronding": afronding,
        "voldaan": voldaan_toets(dossier) if pip else None,
        "routestand": _routestand(request, dossier),
        "toewijzen_form": toewijzen_form,
        "uren_form": forms.get("uren_form")
        or UrenForm(initial={"maand": vandaag.replace(day=1)}),
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


def _render_participatie(request, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/participatie.html",
        {**_participatie_context(request, dossier, **forms), "fout": status == 400},
        status=status,
    )


def _actie(request, dossier, form, *, form_name, save, message, pagina, **extra):
    """A small form on the route or participation page (intake.views.form_action);
    `extra` goes to the page when it is shown again with the errors."""
    naam, render_page = {
        "route": ("leerroutes:route", _render_route),
        "participatie": ("leerroutes:participatie", _render_participatie),
        "rsd_route": ("leerroutes:rsd_route", _render_rsd_route),
    }[pagina]
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=reverse(naam, args=[dossier.pk]),
        show_errors=lambda: render_page(
            request, dossier, status=400, **{form_name: form}, **extra
        ),
    )


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
        pagina="route",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def uren(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        UrenForm(request.POST),
        form_name="uren_form",
        save=lambda data: uren_vastleggen(
            inburgeraar=dossier, acting_user=request.user, **data
        ),
        message="Uren vastgelegd.",
        pagina="route",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def voortgang(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        VoortgangForm(request.POST),
        form_name="voortgang_form",
        save=lambda data: voortgang_vastleggen(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Voortgangsrapportage vastgelegd.",
        pagina="route",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def examen(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        ExamenForm(request.POST),
        form_name="examen_form",
        save=lambda data: examen_vastleggen(
            inburgeraar=dossier, acting_user=request.user, **data
        ),
        message="Examen vastgelegd.",
        pagina="route",
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
        pagina="route",
    )


# --- Participation page ------------------------------------------------------------------


def _participatie_context(request, dossier, **forms) -> dict:
    vandaag = timezone.localdate()
    gesprekken = list(
        Voortgangsgesprek.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("vastgelegd_door")
    )
    gepland = next((g for g in gesprekken if g.gehouden_op is None), None)
    verwijzingen = list(
        Verwijzing.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("ketenpartner")
    )
    fout_verwijzing = forms.get("fout_verwijzing")
    for verwijzing in verwijzingen:
        verwijzing.form = (
            forms["verwijzing_bijwerken_form"]
            if fout_verwijzing == verwijzing.pk
            else VerwijzingBijwerkenForm(
                prefix=f"verwijzing-{verwijzing.pk}",
                initial={
                    "status": verwijzing.status,
                    "terugkoppeling": verwijzing.terugkoppeling,
                    "versie": verwijzing.versie,
                },
            )
        )
    return {
        "dossier": dossier,
        "asiel": dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL,
        "activiteiten": _activiteiten(request, dossier),
        "routestand": _routestand(request, dossier),
        "verwijzingen": verwijzingen,
        "begeleidingen": MaatschappelijkeBegeleiding.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("organisatie"),
        "gesprek_gepland": gepland,
        "gesprek_te_doen": gepland is not None
        and gepland.gepland_op <= gesprek_te_doen_tot(vandaag),
        "gesprekken": [g for g in gesprekken if g.gehouden_op is not None],
        "activiteit_form": forms.get("activiteit_form") or ActiviteitForm(),
        "beeindigen_form": forms.get("beeindigen_form") or BeeindigenForm(),
        "fout_activiteit": forms.get("fout_activiteit"),
        "verwijzing_form": forms.get("verwijzing_form") or VerwijzingForm(),
        "begeleiding_form": forms.get("begeleiding_form")
        or BegeleidingForm(initial={"start": vandaag}),
        "gesprek_form": forms.get("gesprek_form")
        or GesprekForm(initial={"gehouden_op": vandaag}),
        "plannen_form": forms.get("plannen_form")
        or GesprekPlannenForm(initial={"gepland_op": gepland and gepland.gepland_op}),
    }


@role_required(DOSSIER_ROLES)
@require_GET
def participatie(request, pk):
    return _render_participatie(request, get_dossier(request, pk))


def _activiteit_toevoegen(request, pk, pagina):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        ActiviteitForm(request.POST),
        form_name="activiteit_form",
        save=lambda data: activiteit_vastleggen(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Activiteit vastgelegd.",
        pagina=pagina,
    )


@role_required(DOSSIER_ROLES)
@require_POST
def activiteit_toevoegen(request, pk):
    return _activiteit_toevoegen(request, pk, "participatie")


def _object_in_dossier(request, queryset, pk):
    """An object of a dossier in scope, and the dossier (404 otherwise). The caller
    passes `Model.objects.visible_to(request.user)`, so the scope shows at the call."""
    obj = get_object_or_404(queryset, pk=pk)
    return obj, get_dossier(request, obj.inburgeraar_id)


def _activiteit_beeindigen(request, pk, pagina):
    activiteit, dossier = _object_in_dossier(
        request, Participatieactiviteit.objects.visible_to(request.user), pk
    )
    return _actie(
        request,
        dossier,
        BeeindigenForm(request.POST),
        form_name="beeindigen_form",
        save=lambda data: participatie_services.activiteit_beeindigen(
            activiteit=activiteit, einde=data["einde"], acting_user=request.user
        ),
        message="Activiteit beëindigd.",
        pagina=pagina,
        fout_activiteit=activiteit.pk,
    )


@role_required(DOSSIER_ROLES)
@require_POST
def activiteit_beeindigen(request, pk):
    return _activiteit_beeindigen(request, pk, "participatie")


@role_required(DOSSIER_ROLES)
@require_POST
def verwijzing_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        VerwijzingForm(request.POST),
        form_name="verwijzing_form",
        save=lambda data: verwijzing_aanmaken(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Verwijzing vastgelegd.",
        pagina="participatie",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def verwijzing_bijwerken(request, pk):
    verwijzing, dossier = _object_in_dossier(
        request, Verwijzing.objects.visible_to(request.user), pk
    )
    return _actie(
        request,
        dossier,
        VerwijzingBijwerkenForm(request.POST, prefix=f"verwijzing-{verwijzing.pk}"),
        form_name="verwijzing_bijwerken_form",
        save=lambda data: keten_services.verwijzing_bijwerken(
            verwijzing=verwijzing, acting_user=request.user, **data
        ),
        message="Verwijzing bijgewerkt.",
        pagina="participatie",
        fout_verwijzing=verwijzing.pk,
    )


@role_required(DOSSIER_ROLES)
@require_POST
def begeleiding_toevoegen(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        BegeleidingForm(request.POST),
        form_name="begeleiding_form",
        save=lambda data: begeleiding_vastleggen(
            inburgeraar=dossier, data=data, acting_user=request.user
        ),
        message="Maatschappelijke begeleiding vastgelegd.",
        pagina="participatie",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def gesprek_plannen(request, pk):
    dossier = get_dossier(request, pk)
    return _actie(
        request,
        dossier,
        GesprekPlannenForm(request.POST),
        form_name="plannen_form",
        save=lambda data: voortgangsgesprek_plannen(
            inburgeraar=dossier, gepland_op=data["gepland_op"], acting_user=request.user
        ),
        message="Voortgangsgesprek gepland.",
        pagina="participatie",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def gesprek_vastleggen(request, pk):
    gesprek, dossier = _object_in_dossier(
        request, Voortgangsgesprek.objects.visible_to(request.user), pk
    )
    return _actie(
        request,
        dossier,
        GesprekForm(request.POST),
        form_name="gesprek_form",
        save=lambda data: voortgangsgesprek_vastleggen(
            gesprek=gesprek, data=data, acting_user=request.user
        ),
        message="Voortgangsgesprek vastgelegd.",
        pagina="participatie",
    )


# --- RSD klantmanager ------------------------------------------------------------------


@role_required(RSD_ROLES)
@require_GET
def rsd_route(request, pk):
    return _render_rsd_route(request, get_dossier(request, pk))


def _render_rsd_route(request, dossier, status=200, **forms):
    """Route status, hours and participation of one of the klantmanager's own
    clients: no progress remarks, referrals, begeleiding or meeting notes. The
    klantmanager records participation activities here (Participatiewet side)."""
    trajecten = _trajecten(request, dossier)
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/rsd_route.html",
        {
            "dossier": dossier,
            "pip": geldende_pip(dossier),
            "trajecten": trajecten,
            "uren_grafiek": uren_per_onderdeel(request, dossier, trajecten),
            "examens": list(
                Examenpoging.objects.visible_to(request.user).filter(
                    inburgeraar=dossier
                )
            ),
            "routestand": _routestand(request, dossier),
            "activiteiten": _activiteiten(request, dossier),
            "route_onderdelen": ROUTE_ONDERDELEN,
            "activiteit_form": forms.get("activiteit_form") or ActiviteitForm(),
            "beeindigen_form": forms.get("beeindigen_form") or BeeindigenForm(),
            "fout_activiteit": forms.get("fout_activiteit"),
            "fout": status == 400,
        },
        status=status,
    )


@role_required(RSD_ROLES)
@require_POST
def rsd_activiteit_toevoegen(request, pk):
    return _activiteit_toevoegen(request, pk, "rsd_route")


@role_required(RSD_ROLES)
@require_POST
def rsd_activiteit_beeindigen(request, pk):
    return _activiteit_beeindigen(request, pk, "rsd_route")
