from django.contrib.auth.backends import BaseBackend

from .models import Role

# The admin permissions a functioneel beheerder holds by role: users, gemeenten, the
# register of verwerkingsactiviteiten, the dated parameters and the keten. Dossiers are not
# managed in the admin: there every access would bypass visible_to() and the
# verwerkingenlog.
# Not the django_otp devices: their admin shows the TOTP secret.
FUNCTIONEEL_BEHEER_APP_LABELS = frozenset({"accounts", "verwerkingen", "parameters"})
FUNCTIONEEL_BEHEER_EXTRA_PERMS = frozenset(
    {"auth.view_group", "auth.view_permission"}
    # The keten: organisations, their keurmerk and contracts (reference data).
    | {
        f"leerroutes.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("organisatie", "contract", "contractonderdeel")
    }
    # Lockouts (django-axes): see them and lift one by deleting the attempt; the
    # logs of logins and failures only to read, so nobody erases that evidence.
    | {
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    }
    # The realised uitvoeringskosten per quarter, for the kwartaalrapport.
    | {
        f"monitoring.{action}_uitvoeringskosten"
        for action in ("add", "change", "delete", "view")
    }
    # The checklist of the brede intake: the one intake model in the admin.
    | {
        f"intake.{action}_intakeonderdeelsoort"
        for action in ("add", "change", "delete", "view")
    }
)
FUNCTIONEEL_BEHEER_EXTRA_MODULES = frozenset(
    {"intake", "leerroutes", "axes", "monitoring"}
)


class RolePermissionBackend(BaseBackend):
    """Grants model permissions from the user's role instead of per-user rows."""

    def _is_beheerder(self, user_obj) -> bool:
        return user_obj.is_active and getattr(user_obj, "role", "") == (
            Role.FUNCTIONEEL_BEHEERDER
        )

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if not self._is_beheerder(user_obj):
            return False
        app_label = perm.split(".", 1)[0]
        return (
            app_label in FUNCTIONEEL_BEHEER_APP_LABELS
            or perm in FUNCTIONEEL_BEHEER_EXTRA_PERMS
        )

    def has_module_perms(self, user_obj, app_label) -> bool:
        return self._is_beheerder(user_obj) and (
            app_label in FUNCTIONEEL_BEHEER_APP_LABELS
            or app_label in FUNCTIONEEL_BEHEER_EXTRA_MODULES
        )
