"""Authentication events into the security log (LG-06), session clocks at login
(AU-04), and sessions ended at once when an account is deactivated or its role
changes (AC-10)."""

import time

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from axes.signals import user_locked_out

from . import gebeurtenissen
from .middleware import sessie_tijden_zetten
from .models import Beveiligingsgebeurtenis, User

Soort = Beveiligingsgebeurtenis.Soort


@receiver(user_logged_in)
def ingelogd(sender, request, user, **kwargs):
    # django.contrib.auth.login has already given the session a new key (AU-03).
    sessie_tijden_zetten(request.session, time.time())
    gebeurtenissen.vastleggen(Soort.INLOGGEN, request=request, user=user)


@receiver(user_login_failed)
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name is used.
    gebeurtenissen.vastleggen(
        Soort.INLOGGEN_MISLUKT,
        request=request,
        gebruikersnaam=str(credentials.get("username", "")),
    )


@receiver(user_locked_out)
def geblokkeerd(sender, request, username, ip_address, **kwargs):
    gebeurtenissen.vastleggen(
        Soort.GEBLOKKEERD, request=request, gebruikersnaam=str(username or "")
    )


@receiver(user_logged_out)
def uitgelogd(sender, request, user, **kwargs):
    if user is not None:
        gebeurtenissen.vastleggen(Soort.UITLOGGEN, request=request, user=user)


def sessies_beeindigen(user) -> int:
    """Delete every live session of `user`; returns how many. Sessions are
    signed blobs, so each live one is decoded; a region has a few hundred."""
    beeindigd = 0
    for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if sessie.get_decoded().get("_auth_user_id") == str(user.pk):
            sessie.delete()
            beeindigd += 1
    return beeindigd


@receiver(pre_save, sender=User)
def onthoud_oude_toegang(sender, instance, update_fields=None, **kwargs):
    instance._toegang_ingetrokken = False
    instance._wachtwoord_gewijzigd = False
    if instance.pk is None or (
        update_fields is not None
        and not {"is_active", "role", "password"} & set(update_fields)
    ):
        return
    oud = (
        User.objects.filter(pk=instance.pk)
        .values("is_active", "role", "password")
        .first()
    )
    if oud is None:
        return
    instance._toegang_ingetrokken = (oud["is_active"] and not instance.is_active) or (
        oud["role"] != instance.role
    )
    # A first password (an account just made) is not a change worth an event.
    instance._wachtwoord_gewijzigd = (
        bool(oud["password"])
        and not oud["password"].startswith("!")
        and oud["password"] != instance.password
    )


@receiver(post_save, sender=User)
def toegang_ingetrokken(sender, instance, created, **kwargs):
    if getattr(instance, "_toegang_ingetrokken", False):
        aantal = sessies_beeindigen(instance)
        gebeurtenissen.vastleggen(
            Soort.SESSIES_BEEINDIGD,
            user=instance,
            toelichting=f"{aantal} sessie(s); actief={instance.is_active}, rol={instance.role}",
        )
    if getattr(instance, "_wachtwoord_gewijzigd", False):
        gebeurtenissen.vastleggen(Soort.WACHTWOORD_GEWIJZIGD, user=instance)
