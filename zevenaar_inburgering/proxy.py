"""The client's address behind a reverse proxy, for the logs (verwerkingenlog
oorsprong, security log, axes)."""

import contextlib
import ipaddress

from django.conf import settings


class ClientAdresMiddleware:
    """Behind TRUSTED_PROXY_HOPS proxies, REMOTE_ADDR is the nearest proxy. Each
    proxy appends the address it received from to X-Forwarded-For, so the entry
    that many places from the right is the client as our outermost proxy saw it.
    Entries further left come from the client itself and are not trusted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hops = settings.TRUSTED_PROXY_HOPS
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if hops and doorgestuurd:
            adressen = [a.strip() for a in doorgestuurd.split(",")]
            if len(adressen) >= hops:
                # Not an address: keep the proxy's.
                with contextlib.suppress(ValueError):
                    request.META["REMOTE_ADDR"] = str(
                        ipaddress.ip_address(adressen[-hops])
                    )
        return self.get_response(request)
