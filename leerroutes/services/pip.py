"""A PIP change that reaches into the route: afschalen rests on the NT2 hours
recorded here, and a new route ends the traject of the old one. The pages that make
these changes call these functions, not pip_plans' own (which know nothing of
leerroutes)."""

from datetime import date

from intake.models import (
    Inburgeraar,
)
from pip_plans.models import Beschikking, Pip
from pip_plans.services import pip as pip_services
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents

from ..models import (
    TrajectEinde,
)
from ..routestand import routestand_bijwerken
from .traject import open_traject, traject_sluiten
from .uren import nt2_uren_keurmerk


def pip_wijziging_starten(
    *, inburgeraar: Inburgeraar, reden: str, toelichting: str, acting_user: User
) -> Pip:
    """pip_plans' wijziging, with the NT2 hours recorded here (for afschalen)."""
    return pip_services.pip_wijziging_starten(
        inburgeraar=inburgeraar,
        reden=reden,
        toelichting=toelichting,
        acting_user=acting_user,
        nt2_uren_keurmerk=nt2_uren_keurmerk(inburgeraar),
    )


def vaststellen_fouten(pip: Pip, *, vandaag: date) -> dict[str, str]:
    """pip_plans' vaststellen_fouten, with the NT2 hours recorded here (DOMAIN.md
    §4: the recorded hours, never a typed number)."""
    return pip_services.vaststellen_fouten(
        pip, vandaag=vandaag, nt2_uren_keurmerk=nt2_uren_keurmerk(pip.inburgeraar)
    )


def beschikking_voorbeeld(
    *, pip: Pip, acting_user: User, vandaag: date, verzenddatum: date | None = None
) -> bytes:
    """pip_plans' voorbeeld of the beschikking, with the NT2 hours recorded here."""
    return pip_services.beschikking_voorbeeld(
        pip=pip,
        acting_user=acting_user,
        vandaag=vandaag,
        verzenddatum=verzenddatum,
        nt2_uren_keurmerk=nt2_uren_keurmerk(pip.inburgeraar),
    )


@atomic_with_documents
def pip_vaststellen(
    *,
    pip: Pip,
    acting_user: User,
    dagtekening: date | None = None,
    verzenddatum: date | None = None,
) -> Beschikking:
    """pip_plans' vaststellen, with the NT2 hours recorded here; then a new route
    (schakelen) ends the traject of the old route, and the casusregisseur assigns
    the new one. One transaction: if the traject cannot be closed, nothing is
    vastgesteld and the beschikking's PDF is deleted again."""
    beschikking = pip_services.pip_vaststellen(
        pip=pip,
        acting_user=acting_user,
        dagtekening=dagtekening,
        verzenddatum=verzenddatum,
        nt2_uren_keurmerk=nt2_uren_keurmerk(pip.inburgeraar),
    )
    vastgesteld = beschikking.pip
    huidig = open_traject(vastgesteld.inburgeraar)
    if huidig is not None and huidig.leerroute != vastgesteld.leerroute:
        traject_sluiten(
            traject=huidig,
            einde=beschikking.dagtekening,
            reden=TrajectEinde.SCHAKELEN,
            acting_user=acting_user,
        )
        routestand_bijwerken([vastgesteld.inburgeraar_id])
    return beschikking
