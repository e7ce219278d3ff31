"""Ketenoverleg: the keten's meetings (Doel 4). Placeholder, being built."""

from django.shortcuts import render

from zevenaar_inburgering.accounts.decorators import role_required

from .models import KETEN_ROLES, Ketenoverleg


@role_required(KETEN_ROLES)
def ketenoverleggen(request):
    overleggen = Ketenoverleg.objects.visible_to(request.user)
    return render(
        request, "monitoring/keten/overzicht.html", {"overleggen": overleggen}
    )
