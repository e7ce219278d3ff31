"""Signals on the werkvoorraad: snoozing one with a reason (the list itself is part
of monitoring.views.werkvoorraad, "Te doen"), and choosing the kinds in the daily
e-mail."""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from intake.views import form_action
from monitoring.digest import DIGEST_ROLES, kiesbare_soorten
from monitoring.forms.signalen import UitstellenForm, VoorkeurenForm
from monitoring.models import Signaal, SignaalVoorkeur
from monitoring.services.signalen import signaal_snoozen, signaalvoorkeur_opslaan
from monitoring.views.werkvoorraad import render_werkvoorraad
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES


@role_required(DOSSIER_ROLES)
@require_POST
def signaal_uitstellen(request, pk):
    signaal = get_object_or_404(Signaal.objects.visible_to(request.user), pk=pk)
    form = UitstellenForm(request.POST, prefix=f"signaal-{signaal.pk}")
    collega = request.GET.get("collega", "")
    return form_action(
        request,
        form,
        save=lambda data: signaal_snoozen(
            signaal=signaal,
            tot=data["tot"],
            reden=data["reden"],
            acting_user=request.user,
        ),
        message="Het signaal is uitgesteld.",
        # Back to the list it came from: the user's own or, vervanging, a colleague's.
        success_url=reverse("monitoring:werkvoorraad")
        + (f"?{urlencode({'collega': collega})}" if collega else "")
        + "#te-doen",
        show_errors=lambda: render_werkvoorraad(
            request, uitstellen_form=form, fout_signaal=signaal.pk, status=400
        ),
    )


@role_required(DIGEST_ROLES)
@require_http_methods(["GET", "POST"])
def voorkeuren(request):
    kiesbaar = kiesbare_soorten(request.user)
    if request.method == "POST":
        form = VoorkeurenForm(request.POST, soorten=kiesbaar)
        return form_action(
            request,
            form,
            save=lambda data: signaalvoorkeur_opslaan(
                user=request.user, soorten=data["soorten"], acting_user=request.user
            ),
            message="Uw keuze voor de dagelijkse e-mail is opgeslagen.",
            success_url=reverse("monitoring:voorkeuren"),
            show_errors=lambda: render(
                request,
                "monitoring/signaalvoorkeur_form.html",
                {"form": form},
                status=400,
            ),
        )
    gekozen = SignaalVoorkeur.digest_soorten_van(request.user)
    form = VoorkeurenForm(
        initial={"soorten": [s for s in kiesbaar if s in gekozen]}, soorten=kiesbaar
    )
    return render(request, "monitoring/signaalvoorkeur_form.html", {"form": form})
