"""The overdracht to the new gemeente after an outgoing verhuizing (DOMAIN §13.5,
issue 17 item 4): a PDF with what the new gemeente needs to carry on — the termijn
with DUO's verlengingen, the leerroute it must keep, the PIP versions, the traject
and the results so far. It lives here because it reads intake, pip_plans and
leerroutes; it is stored as a pip_plans Brief (immutable, archived, downloaded
through pip_plans.views.brief_pdf).

What it leaves out on purpose (AVG art. 5 lid 1c, art. 9): the brede intake
(health, trauma), verlengingsredenen (may be health), notes, handhaving and
ontzorgen details. The new gemeente holds its own brede intake.
"""

from django.core.exceptions import ValidationError

from intake.models import Gebeurtenis, Inburgeraar, Status, Statuswijziging
from pip_plans.brieven import brief_opmaken
from pip_plans.models import Brief, BriefSoort, Inburgeringstermijn, Pip, PipStatus
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents

from .models import Afronding, Examenpoging, Traject
from .tijdlijn import GebeurtenisSoort


def _gegevens(dossier: Inburgeraar, verhuizing: Statuswijziging) -> dict:
    termijn = (
        Inburgeringstermijn.objects.filter(inburgeraar=dossier)
        .prefetch_related("verlengingen")
        .first()
    )
    return {
        "verhuizing": verhuizing,
        "termijn": termijn,
        "verlengingen": list(termijn.verlengingen.all()) if termijn else [],
        "pips": list(
            Pip.objects.filter(inburgeraar=dossier, status=PipStatus.VASTGESTELD)
            .select_related("beschikking")
            .order_by("versie")
        ),
        "trajecten": list(
            Traject.objects.filter(inburgeraar=dossier)
            .select_related("aanbieder")
            .order_by("start")
        ),
        "examens": list(
            Examenpoging.objects.filter(inburgeraar=dossier, geslaagd=True).order_by(
                "datum"
            )
        ),
        "afronding": Afronding.objects.filter(inburgeraar=dossier).first(),
    }


@atomic_with_documents
def overdracht_opmaken(*, inburgeraar: Inburgeraar, acting_user: User) -> Brief:
    """The overdracht PDF for the gemeente the person moved to. Only once the
    verhuizing is recorded (intake.services.status_vastleggen): its date and the new
    gemeente come from that event. Made again after a correction: each is kept."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    verhuizing = (
        Statuswijziging.objects.filter(inburgeraar=dossier, status=Status.VERHUISD)
        .order_by("-datum", "-vastgelegd_op")
        .first()
    )
    if dossier.status != Status.VERHUISD or verhuizing is None:
        raise ValidationError(
            "Een overdracht maakt u nadat de verhuizing is vastgelegd (status "
            "'Verhuisd' met de nieuwe gemeente)."
        )
    brief = brief_opmaken(
        inburgeraar=dossier,
        soort=BriefSoort.OVERDRACHT,
        template_name="leerroutes/pdf/overdracht.html",
        context=_gegevens(dossier, verhuizing),
        acting_user=acting_user,
    )
    Gebeurtenis.objects.create(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.LEERROUTE,
        gebruiker=acting_user,
        omschrijving=f"Overdracht voor de gemeente {verhuizing.nieuwe_gemeente} "
        f"gemaakt ({brief.kenmerk})",
    )
    return brief
