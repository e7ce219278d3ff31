"""Financieel ontzorgen: the casusregisseur's dossier page and the RSD klantmanager's
page for their own client (RSD carries out ontzorgen: it records the payments).

Both reach the dossier through Inburgeraar.visible_to (intake.views.get_dossier):
out of scope is a 404. The RSD page has its own template and context, with nothing
from the intake, health or handhaving. Each page runs a fixed number of queries
however many payments there are: the due-against-paid grid is computed in Python
from one query for the costs and one for the payments.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.views import apply_form_errors
from pip_plans.selectors import get_dossier
from zevenaar_inburgering import termijnen
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst
from zevenaar_inburgering.verwerkingen import log

from ..forms.ontzorgen import (
    BetalingenForm,
    CursusForm,
    MachtigingForm,
    PeriodeForm,
    StartForm,
    VasteLastForm,
    VerwijderenForm,
    ZelfredzaamheidForm,
)
from ..models import Betaling, Brief, Ontzorging, VasteLast
from ..ontzorgen.betalingsoverzicht import betalingsoverzicht, eerste_open_maand
from ..ontzorgen.rules import fase_van, ontzorgen_weigering, regulier_einde
from ..ontzorgen.services import (
    beschikking_fouten,
    cursus_vastleggen,
    machtiging_vastleggen,
    ontzorging_periode_wijzigen,
    ontzorging_starten,
    ontzorgingsbeschikking_opmaken,
    ontzorgingsbeschikking_voorbeeld,
    zelfredzaamheid_vastleggen,
)
from ..ontzorgen.vaste_lasten import (
    betalingen_vastleggen,
    vaste_last_toevoegen,
    vaste_last_verwijderen,
    vaste_last_wijzigen,
)
from .voorbeeld import VOORBEELD_EERST, voorbeeld_pdf

CASUS, RSD = "casus", "rsd"
PAGINA = {
    CASUS: ("pip_plans:ontzorgen", "pip_plans/ontzorgen/ontzorgen.html"),
    RSD: ("pip_plans:rsd_ontzorgen", "pip_plans/ontzorgen/rsd_ontzorgen.html"),
}


ROLLEN = {CASUS: DOSSIER_ROLES, RSD: RSD_ROLES}


def _voor_kant(actie, kant):
    """The POST view of an action both sides share (`actie(request, pk, kant)`), for
    the roles of that side."""

    @role_required(ROLLEN[kant])
    @require_POST
    def view(request, pk):
        return actie(request, pk, kant)

    return view


# --- Page ---------------------------------------------------------------------------


def _ontzorging(request, dossier) -> Ontzorging | None:
    return (
        Ontzorging.objects.visible_to(request.user).filter(inburgeraar=dossier).first()
    )


def _last_form(last, forms: dict) -> VasteLastForm:
    if forms.get("fout_last") == last.pk:
        return forms["last_form"]
    return VasteLastForm(instance=last, prefix=f"last-{last.pk}")


def _context(request, dossier, pagina: str, **forms) -> dict:
    vandaag = timezone.localdate()
    ontzorging = _ontzorging(request, dossier)
    context = {
        "dossier": dossier,
        "ontzorging": ontzorging,
        "weigering": ontzorgen_weigering(dossier),
        "fout": forms.get("fout", False),
    }
    if ontzorging is None:
        if pagina == CASUS:
            context["start_form"] = forms.get("start_form") or StartForm(
                initial={"startdatum": dossier.bijstand_start}
            )
        return context

    lasten = list(
        VasteLast.objects.visible_to(request.user).filter(ontzorging=ontzorging)
    )
    for last in lasten:
        last.form = _last_form(last, forms)
        if pagina == CASUS:
            last.verwijder_form = VerwijderenForm(initial={"versie": last.versie})
    betalingen = list(
        Betaling.objects.visible_to(request.user).filter(
            vaste_last__ontzorging=ontzorging
        )
    )
    regulier = regulier_einde(ontzorging.startdatum, ontzorging.duur_maanden)
    overzicht = betalingsoverzicht(
        startdatum=ontzorging.startdatum,
        einddatum=ontzorging.einddatum,
        lasten=lasten,
        betalingen=betalingen,
        vandaag=vandaag,
    )
    context.update(
        {
            "fase": fase_van(ontzorging, vandaag),
            "regulier_einde": regulier,
            "lasten": lasten,
            "overzicht": overzicht,
            "brieven": list(
                Brief.objects.visible_to(request.user).filter(ontzorging=ontzorging)
            ),
            "nieuwe_last_form": forms.get("nieuwe_last_form")
            or VasteLastForm(prefix="last"),
            "machtiging_form": forms.get("machtiging_form")
            or MachtigingForm(instance=ontzorging),
        }
    )
    if pagina == CASUS:
        context.update(
            {
                "periode_form": forms.get("periode_form")
                or PeriodeForm(instance=ontzorging),
                "cursus_form": forms.get("cursus_form")
                or CursusForm(instance=ontzorging),
                "zelfredzaamheid_form": forms.get("zelfredzaamheid_form")
                or ZelfredzaamheidForm(instance=ontzorging),
                # What still stops the beschikking, the letterhead included (the
                # page says which before anyone tries, issue 20).
                "beschikking_fouten": forms.get("beschikking_fouten")
                or beschikking_fouten(lasten, ontzorging)
                + [f for f in [dossier.gemeente.briefhoofd_fout()] if f],
                "beschikking_fout": "beschikking_fouten" in forms,
            }
        )
    else:
        context["betaling_form"] = forms.get("betaling_form") or _betalingen_form(
            lasten, overzicht, vandaag
        )
    return context


def _betalingen_form(lasten, overzicht, vandaag) -> BetalingenForm:
    """The payment form on the first month not yet paid (never a month already
    paid), each cost due then filled in with its amount: one submit pays them."""
    maand = eerste_open_maand(overzicht, tot_en_met=termijnen.maand_begin(vandaag))
    regel = next(r for r in overzicht.maanden if r.maand == maand)
    te_betalen = {
        f"bedrag_{last.pk}": cel.bedrag
        for last, cel in zip(lasten, regel.cellen, strict=True)
        if cel.status in ("open", "toekomst") and cel.bedrag is not None
    }
    return BetalingenForm(
        lasten=lasten, initial={"maand": maand, "betaald_op": vandaag, **te_betalen}
    )


def _render(request, dossier, pagina: str, status: int = 200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    # "Fout:" in the title tells a screen reader user the save failed.
    context = _context(request, dossier, pagina, fout=status == 400, **forms)
    return render(request, PAGINA[pagina][1], context, status=status)


def _actie(request, dossier, pagina: str, form, *, form_name, save, message, **extra):
    """A small form on an ontzorgen page: parse, call the service, report. On bad
    input the page is shown again (400) with the errors and what was typed; the
    service changed nothing. `message` may be a function of the service's result."""
    if form.is_valid():
        try:
            resultaat = save(form.cleaned_data)
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(
                request, message(resultaat) if callable(message) else message
            )
            return redirect(reverse(PAGINA[pagina][0], args=[dossier.pk]))
    return _render(request, dossier, pagina, status=400, **{form_name: form}, **extra)


def _vereist_ontzorging(request, dossier):
    ontzorging = _ontzorging(request, dossier)
    if ontzorging is None:
        messages.error(request, "Het ontzorgen is voor dit dossier nog niet gestart.")
    return ontzorging


def _terug(dossier, pagina: str):
    return redirect(reverse(PAGINA[pagina][0], args=[dossier.pk]))


# --- Actions shared by both pages ------------------------------------------------------


def _machtiging(request, pk, pagina: str):
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, pagina)
    form = MachtigingForm(request.POST, instance=ontzorging)
    return _actie(
        request,
        dossier,
        pagina,
        form,
        form_name="machtiging_form",
        save=lambda data: machtiging_vastleggen(
            ontzorging=ontzorging,
            versie=data["versie"],
            getekend_op=data["machtiging_getekend_op"],
            acting_user=request.user,
        ),
        message="Machtiging vastgelegd.",
    )


def _last_toevoegen(request, pk, pagina: str):
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, pagina)
    form = VasteLastForm(request.POST, prefix="last")
    return _actie(
        request,
        dossier,
        pagina,
        form,
        form_name="nieuwe_last_form",
        save=lambda data: vaste_last_toevoegen(
            ontzorging=ontzorging, data=form.model_data(), acting_user=request.user
        ),
        message=lambda last: f"Vaste last toegevoegd: {last}.",
    )


def _last_wijzigen(request, pk, pagina: str):
    last = get_object_or_404(VasteLast.objects.visible_to(request.user), pk=pk)
    dossier = get_dossier(request, last.inburgeraar_id)
    form = VasteLastForm(request.POST, instance=last, prefix=f"last-{last.pk}")
    return _actie(
        request,
        dossier,
        pagina,
        form,
        form_name="last_form",
        save=lambda data: vaste_last_wijzigen(
            vaste_last=last,
            versie=data["versie"],
            data=form.model_data(),
            acting_user=request.user,
        ),
        message=lambda last: f"Vaste last opgeslagen: {last}.",
        fout_last=last.pk,
    )


# --- Casusregisseur ----------------------------------------------------------------------


@role_required(DOSSIER_ROLES)
@require_GET
def ontzorgen_pagina(request, pk):
    return _render(request, get_dossier(request, pk), CASUS)


@role_required(DOSSIER_ROLES)
@require_POST
def starten(request, pk):
    dossier = get_dossier(request, pk)
    if _ontzorging(request, dossier) is not None:
        messages.error(request, "Het ontzorgen is voor dit dossier al gestart.")
        return _terug(dossier, CASUS)
    return _actie(
        request,
        dossier,
        CASUS,
        StartForm(request.POST),
        form_name="start_form",
        save=lambda data: ontzorging_starten(
            inburgeraar=dossier,
            startdatum=data["startdatum"],
            acting_user=request.user,
        ),
        message=lambda o: (
            f"Het ontzorgen is gestart: {datum_tekst(o.startdatum)} tot en met "
            f"{datum_tekst(o.einddatum)}. Vul de vaste lasten aan."
        ),
    )


def _ontzorging_actie(request, pk, form_class, *, form_name, save, message):
    """An action on the casusregisseur's page that changes the Ontzorging itself."""
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, CASUS)
    form = form_class(request.POST, instance=ontzorging)
    return _actie(
        request,
        dossier,
        CASUS,
        form,
        form_name=form_name,
        save=lambda data: save(
            ontzorging=ontzorging,
            versie=data["versie"],
            acting_user=request.user,
            **form.model_data(),
        ),
        message=message,
    )


@role_required(DOSSIER_ROLES)
@require_POST
def periode(request, pk):
    return _ontzorging_actie(
        request,
        pk,
        PeriodeForm,
        form_name="periode_form",
        save=ontzorging_periode_wijzigen,
        message=lambda o: f"Periode opgeslagen: tot en met {datum_tekst(o.einddatum)}.",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def cursus(request, pk):
    return _ontzorging_actie(
        request,
        pk,
        CursusForm,
        form_name="cursus_form",
        save=cursus_vastleggen,
        message="Cursus 'omgaan met geld' opgeslagen.",
    )


@role_required(DOSSIER_ROLES)
@require_POST
def zelfredzaamheid(request, pk):
    return _ontzorging_actie(
        request,
        pk,
        ZelfredzaamheidForm,
        form_name="zelfredzaamheid_form",
        save=zelfredzaamheid_vastleggen,
        message="Afspraken over financiële zelfredzaamheid opgeslagen.",
    )


machtiging = _voor_kant(_machtiging, CASUS)


last_toevoegen = _voor_kant(_last_toevoegen, CASUS)


last_wijzigen = _voor_kant(_last_wijzigen, CASUS)


@role_required(DOSSIER_ROLES)
@require_POST
def last_verwijderen(request, pk):
    last = get_object_or_404(VasteLast.objects.visible_to(request.user), pk=pk)
    dossier = get_dossier(request, last.inburgeraar_id)
    form = VerwijderenForm(request.POST)
    if not form.is_valid():
        return _terug(dossier, CASUS)
    try:
        vaste_last_verwijderen(
            vaste_last=last,
            versie=form.cleaned_data["versie"],
            acting_user=request.user,
        )
    except ValidationError as error:
        # Nothing was removed; the page says why.
        messages.error(request, " ".join(error.messages))
        return _render(request, dossier, CASUS, status=400)
    messages.success(request, f"Vaste last verwijderd: {last}.")
    return _terug(dossier, CASUS)


@role_required(DOSSIER_ROLES)
@require_POST
def beschikking(request, pk):
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, CASUS)
    if not request.POST.get("voorbeeld_gezien"):
        return _render(
            request, dossier, CASUS, status=400, beschikking_fouten=[VOORBEELD_EERST]
        )
    try:
        brief = ontzorgingsbeschikking_opmaken(
            ontzorging=ontzorging, acting_user=request.user
        )
    except ValidationError as error:
        return _render(
            request, dossier, CASUS, status=400, beschikking_fouten=error.messages
        )
    messages.success(
        request,
        f"De ontzorgingsbeschikking {brief.kenmerk} staat klaar om te downloaden.",
    )
    return _terug(dossier, CASUS)


@role_required(DOSSIER_ROLES)
@require_POST
def voorbeeld(request, pk):
    """The ontzorgingsbeschikking as it would be made now, marked CONCEPT; nothing
    is stored (issue 20)."""
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, CASUS)
    try:
        pdf = ontzorgingsbeschikking_voorbeeld(
            ontzorging=ontzorging, acting_user=request.user
        )
    except ValidationError as error:
        return _render(
            request, dossier, CASUS, status=400, beschikking_fouten=error.messages
        )
    return voorbeeld_pdf(pdf)


# --- RSD klantmanager ----------------------------------------------------------------------


@role_required(RSD_ROLES)
@require_GET
def rsd_ontzorgen(request, pk):
    return _render(request, get_dossier(request, pk), RSD)


@role_required(RSD_ROLES)
@require_POST
def rsd_betaling(request, pk):
    dossier = get_dossier(request, pk)
    ontzorging = _vereist_ontzorging(request, dossier)
    if ontzorging is None:
        return _terug(dossier, RSD)
    form = BetalingenForm(
        request.POST,
        lasten=list(
            VasteLast.objects.visible_to(request.user).filter(ontzorging=ontzorging)
        ),
    )

    def melding(resultaat) -> str:
        betaling = resultaat[0][0]
        regels = "; ".join(
            f"{b.vaste_last} {euro(b.bedrag)}" + (" (vervangen)" if vervangen else "")
            for b, vervangen in resultaat
        )
        return f"Betalingen voor {maand_tekst(betaling.maand)} vastgelegd: {regels}."

    return _actie(
        request,
        dossier,
        RSD,
        form,
        form_name="betaling_form",
        save=lambda data: betalingen_vastleggen(
            ontzorging=ontzorging,
            maand=data["maand"],
            betaald_op=data["betaald_op"],
            bedragen=form.bedragen(),
            bevestigd=data["bevestigd"],
            acting_user=request.user,
        ),
        message=melding,
    )


rsd_machtiging = _voor_kant(_machtiging, RSD)


rsd_last_toevoegen = _voor_kant(_last_toevoegen, RSD)


rsd_last_wijzigen = _voor_kant(_last_wijzigen, RSD)
