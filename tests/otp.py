"""Second-factor helpers for tests: a confirmed authenticator app for a user, a
valid code from it, and a test client session verified by it."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_voor(user) -> TOTPDevice:
    """The user's confirmed TOTP device (made on first use)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator-app", defaults={"confirmed": True}
    )
    return device


def code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if now's was already used
    (a device accepts each time step once; the tolerance allows one step ahead)."""
    device.refresh_from_db()
    nu = int((time.time() - device.t0) // device.step)
    stap = max(nu, (device.last_t or -1) + 1)
    waarde = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=stap - nu,
    )
    return f"{waarde:0{device.digits}d}"


def verifieer(client, user) -> None:
    """Mark the client's (already logged in) session as verified by the app, as
    the code step does."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_voor(user).persistent_id
    session.save()
