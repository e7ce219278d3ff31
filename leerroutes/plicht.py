"""What leerroutes closes when the plicht ends here (intake.services.status): the
running traject ends on the event's date, the planned voortgangsgesprekken go (they
would keep the dossier on the werkvoorraad as "gesprek te doen"), and a voldaan
decided by DUO is the afronding's voldaan date too."""

from datetime import date

from intake.models import Inburgeraar, Status
from zevenaar_inburgering.accounts.models import User

from .models import Afronding, TrajectEinde, Voortgangsgesprek
from .routestand import routestand_bijwerken
from .services.traject import open_traject, traject_sluiten

TRAJECT_EINDE = {
    Status.AFGEROND_VOLDAAN: TrajectEinde.VOLDAAN,
    Status.VERHUISD: TrajectEinde.VERHUISD,
}


def plicht_beeindigd(
    inburgeraar: Inburgeraar, *, status: str, datum: date, acting_user: User | None
) -> None:
    traject = open_traject(inburgeraar)
    if traject is not None:
        traject_sluiten(
            traject=traject,
            einde=datum,
            reden=TRAJECT_EINDE.get(status, TrajectEinde.BEEINDIGD),
            acting_user=acting_user,
        )
    Voortgangsgesprek.objects.filter(
        inburgeraar=inburgeraar, gehouden_op__isnull=True
    ).delete()
    if status == Status.AFGEROND_VOLDAAN:
        Afronding.objects.filter(
            inburgeraar=inburgeraar, voldaan_op__isnull=True
        ).update(voldaan_op=datum)
    routestand_bijwerken([inburgeraar.pk])
