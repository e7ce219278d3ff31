"""The bezwaar actions, the same for a PIP beschikking (shown on the PIP page) and
a boetebeschikking (shown on the handhavingszaak): register, judge a late one
(Awb 6:11), put the decision off (7:10 lid 3), decide (7:11) with its letter.
Each posts to its own URL, calls one service and on bad input shows the page the
bezwaar lives on again with status 400."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from intake.views import form_action
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from ..forms.bezwaar import (
    BezwaarBeslissingForm,
    BezwaarForm,
    TermijnBeoordelingForm,
    VerdagingForm,
)
from ..models import Beschikking, Bezwaar, Brief, BriefSoort, Handhavingszaak
from ..selectors import get_dossier
from ..services import bezwaar as services
from . import handhaving as handhaving_views
from . import pip as pip_views


def _pagina(bezwaar_of_besluit):
    """(url, render) of the page a bezwaar (or a decision) is shown on."""
    brief = getattr(bezwaar_of_besluit, "boetebeschikking", None)
    if isinstance(bezwaar_of_besluit, Brief):
        brief = bezwaar_of_besluit
    if brief is not None:
        zaak = brief.handhavingszaak

        def toon(request, dossier, **forms):
            zaak.inburgeraar = dossier
            return handhaving_views.render_zaak(
                request, zaak, dossier, status=400, **forms
            )

        return reverse("pip_plans:handhavingszaak", args=[zaak.pk]), toon

    def toon(request, dossier, **forms):
        return pip_views.render_overzicht(request, dossier, status=400, **forms)

    return reverse("pip_plans:pip", args=[bezwaar_of_besluit.inburgeraar_id]), toon


def _actie(request, bezwaar_of_besluit, form, *, form_name, save, message):
    dossier = get_dossier(request, bezwaar_of_besluit.inburgeraar_id)
    url, toon = _pagina(bezwaar_of_besluit)
    if isinstance(bezwaar_of_besluit, Bezwaar):
        fout = {"fout_bezwaar": bezwaar_of_besluit.pk}
    else:
        fout = {"fout_besluit": bezwaar_of_besluit.pk}
    return form_action(
        request,
        form,
        save=save,
        message=message,
        success_url=url,
        show_errors=lambda: toon(request, dossier, **{form_name: form}, **fout),
    )


def _registreren(request, besluit, **tegen):
    return _actie(
        request,
        besluit,
        BezwaarForm(request.POST, besluit=besluit),
        form_name="bezwaar_form",
        save=lambda data: services.bezwaar_registreren(
            **tegen, acting_user=request.user, **data
        ),
        message="Bezwaar geregistreerd.",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def bezwaar_registreren(request, pk):
    """Against a PIP beschikking."""
    beschikking = get_object_or_404(Beschikking.objects.visible_to(request.user), pk=pk)
    return _registreren(request, beschikking, beschikking=beschikking)


@handhaving_views.dossierrol_vereist
@require_POST
def handhaving_bezwaar(request, pk):
    """Against the boetebeschikking of handhavingszaak `pk`."""
    zaak = Handhavingszaak.objects.visible_to(request.user).filter(pk=pk).first()
    brief = (
        Brief.objects.visible_to(request.user)
        .filter(handhavingszaak=zaak, soort=BriefSoort.BOETEBESCHIKKING)
        .select_related("handhavingszaak")
        .first()
        if zaak
        else None
    )
    if brief is None:
        raise Http404
    return _registreren(request, brief, boetebeschikking=brief)


def _bezwaar(request, pk) -> Bezwaar:
    return get_object_or_404(
        Bezwaar.objects.visible_to(request.user).select_related(
            "beschikking", "boetebeschikking__handhavingszaak"
        ),
        pk=pk,
    )


def _stap(form_class, *, service, message, **vast):
    """The POST view of one step on bezwaar `pk`."""

    @role_required(DOSSIER_ROLES)
    @require_POST
    def view(request, pk):
        bezwaar = _bezwaar(request, pk)
        form = form_class(request.POST, bezwaar=bezwaar)
        return _actie(
            request,
            bezwaar,
            form,
            form_name=f"{form_class.stap}_form",
            save=lambda data: service(
                bezwaar=bezwaar, acting_user=request.user, **vast, **data
            ),
            message=message,
        )

    return view


bezwaar_termijn = _stap(
    TermijnBeoordelingForm,
    service=services.termijnoverschrijding_beoordelen,
    message="Beoordeling van de late indiening vastgelegd.",
)

bezwaar_verdagen = _stap(
    VerdagingForm,
    service=services.bezwaar_verdagen,
    message="De beslissing op bezwaar is verdaagd.",
)

bezwaar_beslissen = _stap(
    BezwaarBeslissingForm,
    service=services.bezwaar_beslissen,
    message="Beslissing op bezwaar vastgelegd; de brief staat klaar om te versturen.",
)
