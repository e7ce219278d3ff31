"""A new gemeente gets the standard letter texts as its published version 1, as
the gemeenten that existed did (migration 0012): without a published text none of
its letters can be made."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from zevenaar_inburgering.accounts.models import Gemeente

from .brieftekst_standaard import STANDAARD
from .models import Brieftekst, BrieftekstStatus


@receiver(post_save, sender=Gemeente, dispatch_uid="pip_plans_standaardteksten")
def standaardteksten(sender, instance: Gemeente, created: bool, raw: bool, **kwargs):
    if not created or raw:
        return
    nu = timezone.now()
    Brieftekst.objects.bulk_create(
        Brieftekst(
            soort=soort,
            gemeente=instance,
            versie=1,
            status=BrieftekstStatus.GEPUBLICEERD,
            inleiding=tekst["inleiding"],
            slot=tekst["slot"],
            toelichting="De standaardtekst.",
            gepubliceerd_op=nu,
        )
        for soort, tekst in STANDAARD.items()
    )
