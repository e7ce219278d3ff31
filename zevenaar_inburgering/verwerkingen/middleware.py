import logging
import re

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from . import log
from .context import Oorsprong, current_oorsprong

security_logger = logging.getLogger("zevenaar_inburgering.security")


class VerwerkingContextMiddleware:
    """Gives every request one trace id and records where it came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        oorsprong = Oorsprong(
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        token = current_oorsprong.set(oorsprong)
        try:
            return self.get_response(request)
        finally:
            current_oorsprong.reset(token)


def refusal_targets() -> dict[str, tuple[str, str] | None]:
    """Which object a URL argument names, by the path segment in front of it
    ("beschikkingen/<uuid:pk>/" names a Beschikking, "pip/<uuid:pip_id>/" a Pip), and
    the path from that model to the dossier it belongs to. None: the object is
    nobody's in particular (a DUO import of many people, a report, a meeting).

    Each app declares the segments of its own URLs as `refusal_targets` on its
    AppConfig; tests/security/test_lg05_refused_access_logged.py fails for a URL
    whose segment no app declares, so a new URL is classified when it is added."""
    targets: dict[str, tuple[str, str] | None] = {}
    for config in apps.get_app_configs():
        targets.update(getattr(config, "refusal_targets", {}))
    return targets


REFUSED_STATUS = {403, 404}

# "<segment>/<converter:kwarg>" in a route such as "dossiers/<uuid:pk>/pip/".
_NAMED_ARGUMENT = re.compile(r"([\w-]+)/<(?:\w+:)?(\w+)>")


def named_arguments(route: str) -> list[tuple[str, str]]:
    """(segment, kwarg) for every argument of a route."""
    return _NAMED_ARGUMENT.findall(route or "")


def refused_betrokkenen(route: str, kwargs: dict) -> list:
    """The Inburgeraars the objects named by a URL belong to, in order, once each.

    Unscoped on purpose (the one reviewed place besides the views' own refusal):
    the user was just refused these objects, and the log must still name whose
    data was asked for. Nothing read here reaches the user.
    """
    inburgeraar_model = apps.get_model(settings.VERWERKINGEN_BETROKKENE_MODEL)
    targets = refusal_targets()
    ids = []
    for segment, kwarg in named_arguments(route):
        target = targets.get(segment)
        if target is None or kwarg not in kwargs:
            continue
        label, path = target
        model = apps.get_model(label)
        try:
            ids.extend(
                model._default_manager.filter(pk=kwargs[kwarg]).values_list(
                    path, flat=True
                )
            )
        except (ValueError, ValidationError):  # not a valid key for this model
            continue
    found = inburgeraar_model._default_manager.in_bulk(set(ids))
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


class GeweigerdeToegangMiddleware:
    """SECURITY LG-05: a refused request for a named object is logged, in one place.

    When an authenticated user gets 403 or 404 on a URL whose arguments name an
    object (a dossier, an intake's werkervaring, a PIP, a beschikking or its PDF,
    an htmx fragment...), one `geweigerd` row per Inburgeraar named is written to
    the verwerkingenlog, with the actor and that betrokkene. This covers a raised
    Http404/PermissionDenied (already turned into a response by the inner
    handler) as well as a returned 403/404 response. An object that does not
    exist, or is nobody's in particular, gets a line on the
    "zevenaar_inburgering.security" logger instead (actor id, path without
    query string, status).

    A 404 for a reason other than scope (the object's state) is logged as well:
    it is rare, and a refused request for a person's data is worth a row either
    way.

    Fail closed, as everywhere else: if writing the row fails, the exception
    propagates and the user gets the 500 page instead of the 404. The refusal
    showed nothing, so nothing is lost by that, and an unlogged refusal would be
    a hole in the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            response.status_code in REFUSED_STATUS
            and match is not None
            and match.kwargs
            and request.user.is_authenticated
        ):
            self._log(request, match, response.status_code)
        return response

    def _log(self, request, match, status: int) -> None:
        betrokkenen = refused_betrokkenen(match.route, match.kwargs)
        for inburgeraar in betrokkenen:
            log.log_dossier_refused(
                inburgeraar, user=request.user, verzoek=f"{match.view_name}, {status}"
            )
        if not betrokkenen:
            security_logger.warning(
                "Toegang geweigerd",
                extra={
                    "data": {
                        "actor_id": request.user.pk,
                        "path": request.path,
                        "status": status,
                        "view": match.view_name,
                    }
                },
            )
