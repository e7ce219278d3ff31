"""Beleidsmedewerker pages: the dashboard of the policy goals and the stored
kwartaalrapporten. Placeholder, being built."""

from django.shortcuts import render

from zevenaar_inburgering.accounts.decorators import role_required

from .models import MONITORING_ROLES, Kwartaalrapport


@role_required(MONITORING_ROLES)
def dashboard(request):
    return render(request, "monitoring/rapport/dashboard.html", {})


@role_required(MONITORING_ROLES)
def kwartaalrapporten(request):
    rapporten = Kwartaalrapport.objects.visible_to(request.user)
    return render(
        request, "monitoring/rapport/overzicht.html", {"rapporten": rapporten}
    )
