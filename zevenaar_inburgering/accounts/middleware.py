"""Session and login hardening that applies to every request (SECURITY AU-01,
AU-04, AU-05, CF-02)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from csp.middleware import CSPMiddleware as BaseCSPMiddleware

from . import gebeurtenissen
from .models import Beveiligingsgebeurtenis

# Session keys, set at login (accounts.signals) and refreshed by activity.
SESSIE_START = "sessie_start"
LAATSTE_ACTIVITEIT = "laatste_activiteit"
# Demo mode only: the user chose to skip the second factor for this session.
TWEESTAPS_OVERGESLAGEN = "tweestaps_overgeslagen"

# A request within this many seconds of the last recorded activity does not
# rewrite the session row; the inactivity clock is that much coarser.
_ACTIVITEIT_RESOLUTIE = 30


def telt_niet_als_activiteit(view):
    """Mark a view that the page calls by itself (an htmx poll): it must not keep
    an unattended session alive."""
    view.telt_niet_als_activiteit = True
    return view


def tweede_factor_niet_vereist(view):
    """Mark a view a user with only a password may use: the second-factor steps."""
    view.tweede_factor_niet_vereist = True
    return view


def sessie_verlopen(session, nu: float) -> str | None:
    """Why this session has ended, or None while it is valid."""
    start = session.get(SESSIE_START)
    laatste = session.get(LAATSTE_ACTIVITEIT)
    if start is None or laatste is None:
        # A session from before these keys existed: treat as ended.
        return "onbekend"
    if nu - start > settings.SESSION_COOKIE_AGE:
        return "absoluut"
    if nu - laatste > settings.SESSION_IDLE_SECONDS:
        return "inactief"
    return None


def sessie_tijden_zetten(session, nu: float) -> None:
    session[SESSIE_START] = nu
    session[LAATSTE_ACTIVITEIT] = nu


class SessieVerloopMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without activity or
    SESSION_COOKIE_AGE after login (AU-04), server-side: the session row is
    deleted, not only the cookie. Authenticated responses are never cached
    (AU-05): a shared computer's back button shows no dossier after logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            nu = time.time()
            reden = sessie_verlopen(request.session, nu)
            if reden:
                user = request.user
                logout(request)
                gebeurtenissen.vastleggen(
                    Beveiligingsgebeurtenis.Soort.SESSIE_VERLOPEN,
                    request=request,
                    user=user,
                    toelichting=reden,
                )
                messages.info(
                    request,
                    "Uw sessie is verlopen. Log opnieuw in om verder te gaan.",
                )
                if request.headers.get("HX-Request"):
                    # htmx would swap the login page into a fragment: reload instead.
                    response = redirect(settings.LOGIN_URL)
                    response["HX-Redirect"] = reverse(settings.LOGIN_URL)
                    return response
                return redirect(
                    f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
                )
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        if getattr(view_func, "telt_niet_als_activiteit", False):
            return None
        nu = time.time()
        resolutie = min(_ACTIVITEIT_RESOLUTIE, settings.SESSION_IDLE_SECONDS // 10)
        if nu - request.session.get(LAATSTE_ACTIVITEIT, 0) > resolutie:
            request.session[LAATSTE_ACTIVITEIT] = nu
        return None


class TweestapsMiddleware:
    """Every page needs a password and a verified second factor (AU-01). A user
    with only a password is sent to enter a code, or to set up an authenticator
    app when they have none yet. The admin is covered too: it is just views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if getattr(view_func, "tweede_factor_niet_vereist", False):
            return None
        if settings.DEMO_MODUS and request.session.get(TWEESTAPS_OVERGESLAGEN):
            return None
        from django_otp import user_has_device

        stap = (
            "tweestaps:controleren" if user_has_device(user) else "tweestaps:instellen"
        )
        doel = f"{reverse(stap)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = redirect(doel)
            response["HX-Redirect"] = doel
            return response
        return redirect(doel)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp adds the nonce to the header only when a template used it; a
    JSON answer, a PDF or an admin page would then get a policy without one.
    Every response gets a nonce, so the policy is the same everywhere (CF-02)."""

    def process_response(self, request, response):
        str(request.csp_nonce)
        return super().process_response(request, response)
