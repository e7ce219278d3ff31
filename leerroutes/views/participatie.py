"""The dossier's participation page: activities, referrals to ketenpartners,
maatschappelijke begeleiding and voortgangsgesprekken. Adding and ending an activity
is shared with the RSD route page (rsd.py)."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.models import DoelgroepCategorie
from pip_plans.selectors import get_dossier
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..forms.participatie import (
    ActiviteitForm,
    BeeindigenForm,
    BegeleidingForm,
    GesprekForm,
    GesprekPlannenForm,
    VerwijzingBijwerkenForm,
    VerwijzingForm,
)
from ..models import (
    MaatschappelijkeBegeleiding,
    Participatieactiviteit,
    Verwijzing,
    Voortgangsgesprek,
)
from ..routestand import gesprek_te_doen_tot
from ..services import keten as keten_services
from ..services import participatie as participatie_services
from ..services.keten import begeleiding_vastleggen, verwijzing_aanmaken
from ..services.participatie import activiteit_vastleggen
from ..services.voortgang import (
    voortgangsgesprek_plannen,
    voortgangsgesprek_vastleggen,
)
from .pagina import (
    Pagina,
    _actie,
    _activiteiten,
    _object_in_dossier,
    _routestand,
    dossier_formulier,
)


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


def _render_participatie(request, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "leerroutes/participatie.html",
        {**_participatie_context(request, dossier, **forms), "fout": status == 400},
        status=status,
    )


PARTICIPATIE = Pagina("leerroutes:participatie", _render_participatie)


@role_required(DOSSIER_ROLES)
@require_GET
def participatie(request, pk):
    return _render_participatie(request, get_dossier(request, pk))


def activiteit_toevoegen_view(pagina, roles):
    """Adding a participation activity: on the participation page and, for the
    klantmanager, on the RSD route page."""
    return dossier_formulier(
        pagina,
        ActiviteitForm,
        form_name="activiteit_form",
        save=lambda dossier, data, user: activiteit_vastleggen(
            inburgeraar=dossier, data=data, acting_user=user
        ),
        message="Activiteit vastgelegd.",
        roles=roles,
    )


activiteit_toevoegen = activiteit_toevoegen_view(PARTICIPATIE, DOSSIER_ROLES)


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
    return _activiteit_beeindigen(request, pk, PARTICIPATIE)


verwijzing_toevoegen = dossier_formulier(
    PARTICIPATIE,
    VerwijzingForm,
    form_name="verwijzing_form",
    save=lambda dossier, data, user: verwijzing_aanmaken(
        inburgeraar=dossier, data=data, acting_user=user
    ),
    message="Verwijzing vastgelegd.",
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
        pagina=PARTICIPATIE,
        fout_verwijzing=verwijzing.pk,
    )


begeleiding_toevoegen = dossier_formulier(
    PARTICIPATIE,
    BegeleidingForm,
    form_name="begeleiding_form",
    save=lambda dossier, data, user: begeleiding_vastleggen(
        inburgeraar=dossier, data=data, acting_user=user
    ),
    message="Maatschappelijke begeleiding vastgelegd.",
)


gesprek_plannen = dossier_formulier(
    PARTICIPATIE,
    GesprekPlannenForm,
    form_name="plannen_form",
    save=lambda dossier, data, user: voortgangsgesprek_plannen(
        inburgeraar=dossier, gepland_op=data["gepland_op"], acting_user=user
    ),
    message="Voortgangsgesprek gepland.",
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
        pagina=PARTICIPATIE,
    )
