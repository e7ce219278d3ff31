"""Project-wide pages: home, health, toegankelijkheidsverklaring and error pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zevenaar_inburgering.accounts.models import (
    DOSSIER_ROLES,
    MONITORING_ROLES,
    RSD_ROLES,
    VERWERKINGENLOG_ROLES,
)


@require_GET
def home(request):
    """Send everybody to the start page of their role."""
    user = request.user
    if user.has_role(DOSSIER_ROLES):
        return redirect("monitoring:werkvoorraad")
    if user.has_role(RSD_ROLES):
        return redirect("intake:rsd_klanten")
    if user.has_role(MONITORING_ROLES):
        return redirect("monitoring:dashboard")
    return render(
        request, "home.html", {"verwerkingenlog": user.has_role(VERWERKINGENLOG_ROLES)}
    )


@login_not_required
@never_cache
@require_GET
def health(request):
    """Liveness for the load balancer: the database answers. No details leak."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "fout"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def toegankelijkheid(request):
    return render(request, "toegankelijkheid.html")


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


@login_not_required
def beheer_login(request):
    """The admin's own login form is not a second door: it sends to ours. A
    logged-in user the admin refused (no functioneel beheerder) gets "Geen toegang";
    sending them to the login page would bounce them back to the admin, forever."""
    if request.user.is_authenticated:
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("login") + (f"?{query}" if query else ""))


def csrf_failure(request, reason=""):
    """A form sent without (or with an old) CSRF token: Dutch, no internals."""
    return render(request, "403_csrf.html", status=403)
