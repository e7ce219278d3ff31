"""Access: the rows whose dossier the user may see (Inburgeraar.visible_to, applied
through the row's `inburgeraar`). The querysets of every app with person data
build on it: intake's own, pip_plans, leerroutes and monitoring."""

from django.db import models

from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, Role

from .dossier import Inburgeraar


def scoped(queryset, user, path: str = "inburgeraar", *, rsd: bool = False):
    """Rows whose dossier the user may see (Inburgeraar.visible_to). With `rsd`, an
    RSD klantmanager sees them for their own clients; without, only the dossier
    roles do."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if not (
        user.has_role(DOSSIER_ROLES) or (rsd and user.role == Role.RSD_KLANTMANAGER)
    ):
        return queryset.none()
    return queryset.filter(**{f"{path}__in": Inburgeraar.objects.visible_to(user)})


class ScopedQuerySet(models.QuerySet):
    """visible_to() for person data of the dossier roles only."""

    rsd_zichtbaar = False

    def visible_to(self, user):
        return scoped(self, user, rsd=self.rsd_zichtbaar)


class RsdScopedQuerySet(ScopedQuerySet):
    """Data the Participatiewet side needs: the RSD klantmanager sees it too."""

    rsd_zichtbaar = True
