"""Deployment checks of our own, next to Django's (`check --deploy`, CF-01)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_modus_uit(app_configs, **kwargs):
    if settings.DEMO_MODUS:
        return [
            Warning(
                "DEMO_MODE staat aan: gebruikers kunnen de tweestapsverificatie overslaan.",
                hint="Zet DEMO_MODE=False; alleen `make run` gebruikt de demonstratiemodus.",
                id="accounts.W001",
            )
        ]
    return []
