"""Signals on the werkvoorraad: snoozing one with a reason. The list itself is part
of intake.views.werkvoorraad ("Te doen")."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST

from intake.views import form_action, render_werkvoorraad
from zevenaar_inburgering.accounts.decorators import role_required
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES

from .forms import UitstellenForm
from .models import Signaal
from .services import signaal_snoozen


@role_required(DOSSIER_ROLES)
@require_POST
def signaal_uitstellen(request, pk):
    signaal = get_object_or_404(Signaal.objects.visible_to(request.user), pk=pk)
    form = UitstellenForm(request.POST, prefix=f"signaal-{signaal.pk}")
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
        success_url=reverse("intake:werkvoorraad") + "#te-doen",
        show_errors=lambda: render_werkvoorraad(
            request, uitstellen_form=form, fout_signaal=signaal.pk, status=400
        ),
    )
