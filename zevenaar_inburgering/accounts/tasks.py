"""Housekeeping of logins: expired sessions out of the database."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from celery import shared_task


@shared_task(name="accounts.sessies_opruimen", acks_late=True)
def sessies_opruimen() -> int:
    """Delete the session rows past their expiry (Django's `clearsessions`, as a
    count): an ended session holds the user id and login times and has no use
    afterwards. Idempotent. Returns how many were deleted."""
    verwijderd, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return verwijderd
