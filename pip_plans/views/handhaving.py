"""Handhaving pages of the casusregisseur and the maatregelen page of the RSD
klantmanager.

The casusregisseur's pages exist only for the dossier roles: anybody else gets 404,
as for a dossier out of scope (the RSD klantmanager never sees handhaving details,
DESIGN.md §1). The RSD page shows the klantmanager's maatregelen and, for samenloop,
only that a handhavingszaak exists and whom to consult.

Each page runs a fixed number of queries however many zaken or maatregelen a person
has, and writes log_dossier_viewed; each form posts to its own URL, calls one service
and on bad input shows the page again with status 400 (intake.views.form_action).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from intake.models import Document, DoelgroepCategorie, WetRegime
from intake.views import apply_form_errors, form_action
from pip_plans.selectors import (
    documenten_zichtbaar,
    get_dossier,
    termijnen_verstreken_zonder_besluit,
)
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES
from zevenaar_inburgering.verwerkingen import log

from ..forms.bezwaar import BezwaarForm, formulieren
from ..forms.handhaving import (
    BesluitForm,
    MaatregelForm,
    RapportForm,
    WaarschuwingForm,
    ZaakForm,
    ZienswijzeForm,
)
from ..handhaving.maatregel import maatregel_vastleggen
from ..handhaving.rules import (
    WI2013_GEEN_BOETE,
    beslistermijn_verstreken,
    boete_uitgeschakeld_tekst,
    zienswijze_afgewacht,
)
from ..handhaving.samenloop import samenloop_uit, samenloop_venster, samenloop_voor_rsd
from ..handhaving.selectors import (
    boete_maximum,
    boete_toegestaan_voor,
    rapport_grens,
)
from ..handhaving.services import (
    besluit_nemen,
    boetebesluit_voorbeeld,
    functiescheiding_besluit,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from ..models import (
    LOPENDE_HANDHAVING,
    Bezwaar,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
)
from .voorbeeld import voorbeeld_pdf


def _weiger(request, pk) -> Http404:
    """The 404 for a dossier or handhavingszaak out of reach. The refusal is logged
    by the GeweigerdeToegangMiddleware (verwerkingen/middleware.py, SECURITY
    LG-05) for every 403/404, not here."""
    return Http404()


def dossierrol_vereist(view):
    """Handhaving does not exist for other roles: 404, like a dossier out of scope."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if not request.user.has_role(DOSSIER_ROLES):
            raise _weiger(request, pk)
        return view(request, pk, *args, **kwargs)

    return wrapper


def _maatregelen(request, dossier) -> list[Maatregel]:
    return list(
        Maatregel.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .select_related("vastgelegd_door")
    )


def _boete_context(dossier, vandaag) -> dict:
    return {
        "boete_toegestaan": boete_toegestaan_voor(dossier, vandaag),
        "boete_uitgeschakeld": boete_uitgeschakeld_tekst(
            dossier.get_doelgroep_categorie_display()
        ),
        "boete_maximum": boete_maximum(vandaag),
        "rapport_grens": rapport_grens(vandaag),
    }


# --- Casusregisseur: the dossier's handhaving page ------------------------------------


def _overzicht_context(request, dossier, **forms) -> dict:
    vandaag = timezone.localdate()
    zaken = list(
        Handhavingszaak.objects.visible_to(request.user)
        .filter(inburgeraar=dossier)
        .met_geldend_boetebedrag()
    )
    maatregelen = _maatregelen(request, dossier)
    samenloop = samenloop_uit(zaken, maatregelen, samenloop_venster(vandaag))
    met_samenloop = {s.zaak.pk for s in samenloop}
    for zaak in zaken:
        zaak.heeft_samenloop = zaak.pk in met_samenloop
        zaak.te_laat = zaak.status in LOPENDE_HANDHAVING and (
            beslistermijn_verstreken(zaak.beslistermijn, vandaag)
        )
    return {
        "dossier": dossier,
        "zaken": zaken,
        # The termijn ended and nobody has decided yet (the Te doen signal's target).
        "termijn_verstreken": termijnen_verstreken_zonder_besluit(vandaag)
        .filter(inburgeraar=dossier)
        .first(),
        "maatregelen": maatregelen,
        "samenloop": samenloop,
        "vandaag": vandaag,
        "zaak_form": forms.get("zaak_form")
        or ZaakForm(initial={"datum_overtreding": vandaag}),
        "wi2013": WI2013_GEEN_BOETE if dossier.wet_regime == WetRegime.WI2013 else "",
        **_boete_context(dossier, vandaag),
    }


def _render_overzicht(request, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "pip_plans/handhaving/handhaving.html",
        # "Fout:" in the title tells a screen reader user the save failed.
        {**_overzicht_context(request, dossier, **forms), "fout": status == 400},
        status=status,
    )


@dossierrol_vereist
@require_GET
def handhaving_overzicht(request, pk):
    return _render_overzicht(request, get_dossier(request, pk))


@dossierrol_vereist
@require_POST
def zaak_aanmaken(request, pk):
    dossier = get_dossier(request, pk)
    form = ZaakForm(request.POST)
    if form.is_valid():
        try:
            zaak = handhavingszaak_aanmaken(
                inburgeraar=dossier, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_form_errors(form, error)  # nothing was saved
        else:
            messages.success(request, "Handhavingszaak vastgelegd.")
            return redirect("pip_plans:handhavingszaak", pk=zaak.pk)
    return _render_overzicht(request, dossier, status=400, zaak_form=form)


# --- Casusregisseur: one handhavingszaak ---------------------------------------------


def _zaak_en_dossier(request, pk):
    """The zaak in the user's scope and its dossier (404 otherwise)."""
    zaak = Handhavingszaak.objects.visible_to(request.user).filter(pk=pk).first()
    if zaak is None:
        raise _weiger(request, pk)
    dossier = get_dossier(request, zaak.inburgeraar_id)
    zaak.inburgeraar = dossier
    return zaak, dossier


def _zaak_context(request, zaak, dossier, **forms) -> dict:
    vandaag = timezone.localdate()
    brieven = list(
        Brief.objects.visible_to(request.user)
        .filter(handhavingszaak=zaak)
        .order_by("dagtekening", "aangemaakt_op")
    )
    beschikking = next(
        (b for b in brieven if b.soort == BriefSoort.BOETEBESCHIKKING), None
    )
    maatregelen = _maatregelen(request, dossier)
    samenloop = samenloop_uit([zaak], maatregelen, samenloop_venster(vandaag))
    status = zaak.status
    bezwaren = list(
        Bezwaar.objects.visible_to(request.user)
        .filter(boetebeschikking__handhavingszaak=zaak)
        .select_related("boetebeschikking")
        .prefetch_related("brieven", documenten_zichtbaar(request.user))
    )
    formulieren(bezwaren, forms.get("fout_bezwaar"), **forms)

    def form(naam, cls, tonen, **kwargs):
        if naam in forms:
            return forms[naam]
        return cls(zaak=zaak, **kwargs) if tonen else None

    lopend = status in LOPENDE_HANDHAVING
    boete = _boete_context(dossier, vandaag)
    return {
        "dossier": dossier,
        "zaak": zaak,
        "brieven": brieven,
        "boetebeschikking": beschikking,
        "samenloop": samenloop,
        "vandaag": vandaag,
        "lopend": lopend,
        "rapport_vereist_boven": boete["rapport_grens"],
        "beslistermijn_verstreken": lopend
        and beslistermijn_verstreken(zaak.beslistermijn, vandaag),
        "zienswijze_afgewacht": zienswijze_afgewacht(
            zienswijze_tot=zaak.zienswijze_tot,
            zienswijze_ontvangen_op=zaak.zienswijze_ontvangen_op,
            op=vandaag,
        ),
        "waarschuwing_form": form(
            "waarschuwing_form",
            WaarschuwingForm,
            status == HandhavingStatus.OVERTREDING,
        ),
        "rapport_form": form(
            "rapport_form",
            RapportForm,
            status in (HandhavingStatus.OVERTREDING, HandhavingStatus.GEWAARSCHUWD)
            and boete["boete_toegestaan"],
            initial={"rapport_op": vandaag, "verzenddatum": vandaag},
        ),
        "zienswijze_form": form(
            "zienswijze_form",
            ZienswijzeForm,
            status == HandhavingStatus.ZIENSWIJZE
            and zaak.zienswijze_ontvangen_op is None,
            initial={"wijze": "schriftelijk"},
        ),
        "besluit_form": form(
            "besluit_form",
            BesluitForm,
            lopend,
            initial={
                "besluit_op": vandaag,
                "verzenddatum": vandaag,
                "boetebedrag": zaak.voorgenomen_bedrag,
                "besluit": "boete" if boete["boete_toegestaan"] else "afzien",
            },
        ),
        "functiescheiding": functiescheiding_besluit(zaak, request.user)
        if lopend
        else None,
        "asiel": dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL,
        "bezwaren": bezwaren,
        "documenten": Document.objects.visible_to(request.user).filter(
            handhavingszaken=zaak
        ),
        "bezwaar_form": forms.get("bezwaar_form")
        or (
            BezwaarForm(besluit=beschikking)
            if beschikking is not None and not any(not b.uitkomst for b in bezwaren)
            else None
        ),
        **boete,
    }


def render_zaak(request, zaak, dossier, status=200, **forms):
    log.log_dossier_viewed(dossier, user=request.user)
    return render(
        request,
        "pip_plans/handhaving/handhavingszaak.html",
        {
            **_zaak_context(request, zaak, dossier, **forms),
            "fout": status == 400,
            # Every step here sends a letter: say before anyone tries (issue 20).
            "briefhoofd_fout": dossier.gemeente.briefhoofd_fout(),
        },
        status=status,
    )


@dossierrol_vereist
@require_GET
def handhavingszaak(request, pk):
    zaak, dossier = _zaak_en_dossier(request, pk)
    return render_zaak(request, zaak, dossier)


def _stap(form_class, *, form_name, service, message, **vast):
    """The POST view of one step on a zaak: parse the form, call `service` with the
    form's data and the posted versie, redirect to the zaak; on bad input show the
    zaak again (400)."""

    @dossierrol_vereist
    @require_POST
    def view(request, pk):
        zaak, dossier = _zaak_en_dossier(request, pk)
        form = form_class(request.POST, zaak=zaak)
        return form_action(
            request,
            form,
            save=lambda data: service(
                zaak=zaak, acting_user=request.user, **vast, **data
            ),
            message=message,
            success_url=reverse("pip_plans:handhavingszaak", args=[zaak.pk]),
            show_errors=lambda: render_zaak(
                request, zaak, dossier, status=400, **{form_name: form}
            ),
        )

    return view


waarschuwing = _stap(
    WaarschuwingForm,
    form_name="waarschuwing_form",
    service=waarschuwing_versturen,
    message="De schriftelijke waarschuwing staat klaar om te versturen.",
)

rapport = _stap(
    RapportForm,
    form_name="rapport_form",
    service=rapport_opmaken,
    message="Rapport vastgelegd. Stuur het de inburgeraar met de uitnodiging "
    "voor een zienswijze.",
)

zienswijze = _stap(
    ZienswijzeForm,
    form_name="zienswijze_form",
    service=zienswijze_vastleggen,
    message="Zienswijze vastgelegd.",
)

besluit = _stap(
    BesluitForm,
    form_name="besluit_form",
    service=besluit_nemen,
    message="Besluit vastgelegd.",
)


@dossierrol_vereist
@require_POST
def besluit_voorbeeld(request, pk):
    """The boetebeschikking the besluit form would make, as a PDF marked CONCEPT;
    nothing is saved (issue 20). Bad input: the zaak page with the form's errors."""
    zaak, dossier = _zaak_en_dossier(request, pk)
    form = BesluitForm(request.POST, zaak=zaak, voorbeeld=True)
    if form.is_valid():
        try:
            pdf = boetebesluit_voorbeeld(
                zaak=zaak, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            return voorbeeld_pdf(pdf)
    return render_zaak(request, zaak, dossier, status=400, besluit_form=form)


# --- RSD klantmanager: maatregelen -----------------------------------------------------


def _render_rsd(request, dossier, status=200, **forms):
    """The klantmanager's own client (Inburgeraar.visible_to: bijstand, theirs): the
    maatregelen and the samenloop warning, nothing of a handhavingszaak."""
    log.log_dossier_viewed(dossier, user=request.user)
    maatregelen = _maatregelen(request, dossier)
    return render(
        request,
        "pip_plans/handhaving/rsd_maatregelen.html",
        {
            "dossier": dossier,
            "maatregelen": maatregelen,
            "samenloop": samenloop_voor_rsd(dossier, maatregelen),
            "maatregel_form": forms.get("maatregel_form") or MaatregelForm(),
            "fout": status == 400,
        },
        status=status,
    )


@role_required(RSD_ROLES)
@require_GET
def rsd_maatregelen(request, pk):
    return _render_rsd(request, get_dossier(request, pk))


@role_required(RSD_ROLES)
@require_POST
def rsd_maatregel_vastleggen(request, pk):
    dossier = get_dossier(request, pk)
    form = MaatregelForm(request.POST)
    return form_action(
        request,
        form,
        save=lambda data: maatregel_vastleggen(
            inburgeraar=dossier, acting_user=request.user, **data
        ),
        message="Maatregel vastgelegd.",
        success_url=reverse("pip_plans:rsd_maatregelen", args=[dossier.pk]),
        show_errors=lambda: _render_rsd(
            request, dossier, status=400, maatregel_form=form
        ),
    )
