"""The demo region's gemeenten and staff, and the four demo logins."""

from zevenaar_inburgering.accounts.models import Gemeente, GemeenteLogo, User

from .data import BRIEFHOOFDEN, DEMO_LOGINS, DEMO_LOGOS, GEMEENTEN, STAFF


def demo_briefhoofd(gemeente: Gemeente) -> Gemeente:
    """A letterhead that functioneel beheer has not completed gets the demo's."""
    if gemeente.briefhoofd_ontbreekt():
        # Only the empty fields: what functioneel beheer entered stays.
        for veld, waarde in BRIEFHOOFDEN[gemeente.naam].items():
            if not getattr(gemeente, veld):
                setattr(gemeente, veld, waarde)
        gemeente.save()
        GemeenteLogo.objects.get_or_create(
            gemeente=gemeente,
            defaults={
                "data": DEMO_LOGOS[gemeente.naam],
                "content_type": "image/svg+xml",
            },
        )
    return gemeente


def ensure_gemeenten() -> dict[str, Gemeente]:
    gemeenten = {}
    for cbs_code, naam in GEMEENTEN:
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=cbs_code, defaults={"naam": naam}
        )
        gemeenten[naam] = demo_briefhoofd(gemeente)
    return gemeenten


def ensure_staff(gemeenten: dict[str, Gemeente]) -> dict[str, User]:
    """Create or update the staff; a new account gets no usable password (the demo
    logins get one from `open_demo_logins`)."""
    staff = {}
    for member in STAFF + DEMO_LOGINS:
        user, created = User.objects.update_or_create(
            username=member.username,
            defaults={
                "first_name": member.first_name,
                "last_name": member.last_name,
                "email": member.email,
                "role": member.role,
                "is_active": True,
            },
        )
        user.gemeenten.set([gemeenten[naam] for naam in member.gemeenten])
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        staff[member.username] = user
    return staff


def open_demo_logins(password: str) -> None:
    """Give the four demo logins `password`; every other account keeps its own."""
    for member in DEMO_LOGINS:
        user = User.objects.get(username=member.username)
        user.set_password(password)
        user.save(update_fields=["password"])
