"""The security log (SECURITY LG-06): every authentication event as a row in
Beveiligingsgebeurtenis and as one JSON line on the "zevenaar_inburgering.security"
logger, for the SIEM. Usernames are staff data, not client data; passwords,
codes and session ids are never passed in."""

import logging

from .models import Beveiligingsgebeurtenis

logger = logging.getLogger("zevenaar_inburgering.security")


def vastleggen(
    soort: str,
    *,
    request=None,
    user=None,
    gebruikersnaam: str = "",
    toelichting: str = "",
) -> Beveiligingsgebeurtenis:
    meta = request.META if request is not None else {}
    if user is not None and not getattr(user, "pk", None):
        user = None
    gebeurtenis = Beveiligingsgebeurtenis.objects.create(
        soort=soort,
        gebruiker=user,
        gebruikersnaam=(gebruikersnaam or (user.get_username() if user else ""))[:150],
        ip=meta.get("REMOTE_ADDR") or None,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
        toelichting=toelichting[:200],
    )
    logger.info(
        "beveiligingsgebeurtenis %s gebruiker_id=%s",
        soort,
        gebeurtenis.gebruiker_id,
        extra={"gebeurtenis": soort, "gebruiker_id": gebeurtenis.gebruiker_id},
    )
    return gebeurtenis
