from zevenaar_inburgering.accounts.models import (
    BRIEFTEKST_ROLES,
    DOSSIER_ROLES,
    DUO_IMPORT_ROLES,
    KETEN_ROLES,
    MONITORING_ROLES,
    RSD_ROLES,
    VERWERKINGENLOG_ROLES,
)


def navigation(request) -> dict:
    """Which menu entries the user's role may see (the views check again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    verwerkingenlog = user.has_role(VERWERKINGENLOG_ROLES)
    dossiers = user.has_role(DOSSIER_ROLES)
    admin = user.is_active and user.is_staff
    return {
        "nav": {
            "dossiers": dossiers,
            # The Team page (monitoring.views.team): only a gemeente's teamleider.
            # A callable: read only where the menu asks for it.
            "team": lambda: dossiers and bool(user.geleide_gemeente_pks()),
            "duo_import": user.has_role(DUO_IMPORT_ROLES),
            "rsd": user.has_role(RSD_ROLES),
            "verwerkingenlog": verwerkingenlog,
            "briefteksten": user.has_role(BRIEFTEKST_ROLES),
            "admin": admin,
            "monitoring": user.has_role(MONITORING_ROLES),
            "keten": user.has_role(KETEN_ROLES),
            # Functioneel beheer: its many pages grouped in one "Beheer" dropdown,
            # so that the bar fits.
            "beheer": verwerkingenlog or admin,
        },
    }


def beveiliging(request) -> dict:
    """The demo banner and the inactivity clock of static/js/sessie.js."""
    from django.conf import settings

    return {
        "demo_modus": settings.DEMO_MODUS,
        "sessie": {
            "inactief": settings.SESSION_IDLE_SECONDS,
            "waarschuwing": settings.SESSION_WARNING_SECONDS,
        },
    }
