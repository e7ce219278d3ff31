"""What the PIP needs to know of the brede intake (the intake app owns it)."""

from intake.models import BredeIntake, Inburgeraar


def actieve_intake(inburgeraar: Inburgeraar) -> BredeIntake | None:
    return BredeIntake.objects.filter(
        inburgeraar=inburgeraar, vervangen_op__isnull=True
    ).first()


def route_advies_voor(inburgeraar: Inburgeraar):
    """The route advice of the completed intake, or None."""
    intake = actieve_intake(inburgeraar)
    if intake is None or not intake.is_afgerond:
        return None
    return intake.route_advies()
