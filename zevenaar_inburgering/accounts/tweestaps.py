"""Two-factor login (SECURITY AU-01): after the password, a code from an
authenticator app (TOTP, RFC 6238) or one of ten single-use backup codes.

A user without an app yet sets one up right after their first password login:
scan the QR code, type the code it shows, write down the backup codes. Lost the
phone and the codes? Functioneel beheer deletes the user's devices in Beheer; the
next login starts the set-up again.
"""

import base64

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

import django_otp
import segno
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import gebeurtenissen
from .middleware import TWEESTAPS_OVERGESLAGEN, tweede_factor_niet_vereist
from .models import Beveiligingsgebeurtenis

Soort = Beveiligingsgebeurtenis.Soort

APP_NAAM = "Authenticator-app"
RESERVE_NAAM = "Reservecodes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "form-control",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


def _volgende(request) -> str:
    """Where to go after this step: `next` if it is a path on this site."""
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if doel and url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse(settings.LOGIN_REDIRECT_URL)


def _geverifieerd(request, device) -> None:
    """Mark the session as verified by `device`, under a fresh session key: the
    key from before the second factor is worth nothing afterwards."""
    django_otp.login(request, device)
    request.session.cycle_key()


def _app(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _reservecodes_maken(user) -> list[str]:
    """Replace the user's backup codes by fresh ones; returns them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RESERVE_NAAM, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWEESTAPS_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _fout(request, template: str, context: dict) -> HttpResponse:
    return render(request, template, {**context, "fout": True}, status=400)


@tweede_factor_niet_vereist
@require_http_methods(["GET", "POST"])
def controleren(request):
    """Step two of the login: the code from the app or a backup code."""
    if request.user.is_verified():
        return redirect(_volgende(request))
    app = _app(request.user)
    if app is None:
        return redirect(f"{reverse('tweestaps:instellen')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    context = {"form": form, "next": _volgende(request)}
    if request.method == "GET":
        return render(request, "registration/tweestaps_controleren.html", context)
    if form.is_valid():
        code = form.cleaned_data["code"]
        # Digits are an app code; anything else can only be a backup code.
        kandidaten = (
            [app]
            if code.isdigit()
            else list(
                StaticDevice.objects.devices_for_user(request.user, confirmed=True)
            )
        )
        for device in kandidaten:
            if django_otp.verify_token(request.user, device.persistent_id, code):
                _geverifieerd(request, device)
                gebeurtenissen.vastleggen(
                    Soort.TWEEDE_FACTOR_OK,
                    request=request,
                    user=request.user,
                    toelichting=device.name,
                )
                return redirect(_volgende(request))
        form.add_error(
            "code",
            "Deze code is onjuist of verlopen. Typ de code die de app nu toont, "
            "of een van uw reservecodes.",
        )
        gebeurtenissen.vastleggen(
            Soort.TWEEDE_FACTOR_MISLUKT, request=request, user=request.user
        )
    return _fout(request, "registration/tweestaps_controleren.html", context)


def _qr_svg(app: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG (no image request, no third party)."""
    return segno.make(app.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", omitsize=False
    )


def _geheim(app: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing it in instead of scanning."""
    geheim = base64.b32encode(app.bin_key).decode().rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


@tweede_factor_niet_vereist
@require_http_methods(["GET", "POST"])
def instellen(request):
    """First login: connect an authenticator app, then show the backup codes."""
    if _app(request.user) is not None:
        # Replacing an app needs the old one (or beheer): never over a password only.
        if request.user.is_verified():
            return redirect("tweestaps:reservecodes")
        return redirect(f"{reverse('tweestaps:controleren')}?{request.GET.urlencode()}")
    if request.method == "POST" and "overslaan" in request.POST:
        if not settings.DEMO_MODUS:
            raise Http404
        request.session[TWEESTAPS_OVERGESLAGEN] = True
        gebeurtenissen.vastleggen(
            Soort.TWEEDE_FACTOR_OVERGESLAGEN, request=request, user=request.user
        )
        return redirect(_volgende(request))
    app = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if app is None:
        app = TOTPDevice.objects.create(
            user=request.user, name=APP_NAAM, confirmed=False
        )
    form = CodeForm(request.POST or None)
    context = {
        "form": form,
        "next": _volgende(request),
        "qr_svg": _qr_svg(app),
        "geheim": _geheim(app),
        "demo_modus": settings.DEMO_MODUS,
    }
    if request.method == "GET":
        return render(request, "registration/tweestaps_instellen.html", context)
    if form.is_valid() and app.verify_token(form.cleaned_data["code"]):
        app.confirmed = True
        app.save(update_fields=["confirmed"])
        codes = _reservecodes_maken(request.user)
        _geverifieerd(request, app)
        gebeurtenissen.vastleggen(
            Soort.TWEEDE_FACTOR_INGESTELD, request=request, user=request.user
        )
        return render(
            request,
            "registration/tweestaps_reservecodes.html",
            {"codes": codes, "next": _volgende(request), "nieuw": True},
        )
    if form.is_valid():
        form.add_error(
            "code",
            "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat "
            "en typ de code die de app nu toont.",
        )
    return _fout(request, "registration/tweestaps_instellen.html", context)


@require_http_methods(["GET", "POST"])
def reservecodes(request):
    """How many backup codes are left; make a new set (the old ones stop working)."""
    if request.method == "POST":
        codes = _reservecodes_maken(request.user)
        gebeurtenissen.vastleggen(
            Soort.RESERVECODES_VERNIEUWD, request=request, user=request.user
        )
        return render(
            request, "registration/tweestaps_reservecodes.html", {"codes": codes}
        )
    over = StaticToken.objects.filter(
        device__user=request.user, device__confirmed=True
    ).count()
    return render(request, "registration/tweestaps_reservecodes.html", {"over": over})


@require_POST
def sessie_verlengen(request):
    """'Ingelogd blijven' in the inactivity warning: the request itself counts as
    activity (SessieVerloopMiddleware); nothing else to do."""
    return HttpResponse(status=204)
