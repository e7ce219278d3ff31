"""The demo region's ketenoverleggen (after leerroutes' part of the demo, which
makes the ketenpartners): regional meetings over the last
three years, two or three a year, the last one three weeks ago, recorded by the demo
beleidsmedewerker through the real service. Run twice, it adds nothing."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from intake.demo.data import REGION
from leerroutes.models import Organisatie, OrganisatieSoort
from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.termijnen import EEN_DAG, is_rustdag

from ..models import Ketenoverleg
from ..services.keten import ketenoverleg_vastleggen, ketenpartners

# The demo login that records the meetings (intake.demo.data.DEMO_LOGINS): the
# beleidsmedewerker works for the whole region.
VASTLEGGER = "beleid"

# (years before the last meeting's year, month, day) of the earlier meetings: two
# the year before last, three last year, and those of this year that lie well
# before the last meeting.
AGENDA = (
    (2, 4, 16),
    (2, 10, 8),
    (1, 2, 12),
    (1, 6, 18),
    (1, 11, 12),
    (0, 3, 19),
    (0, 7, 9),
)
# The last meeting lies this far back; an earlier one this year at least as far
# before it again.
LAATSTE_GELEDEN = timedelta(weeks=3)
TUSSENRUIMTE = timedelta(weeks=8)

ALLE = None
# (onderwerp, afspraken, kinds of partner present or ALLE), oldest first; the
# newest meetings take the last ones.
ONDERWERPEN = (
    (
        "Start regionale samenwerking keten inburgering",
        "Vaste contactpersonen per organisatie vastgesteld.\nDe keten komt minstens "
        "twee keer per jaar bijeen (Doel 4).",
        ALLE,
    ),
    (
        "Kwaliteit taalaanbod en keurmerken",
        "Taalaanbieders sturen een wijziging in hun keurmerk binnen een week door.\n"
        "De urenregistratie gaat maandelijks als bestand naar de gemeenten.",
        (OrganisatieSoort.TAALAANBIEDER, OrganisatieSoort.RSD),
    ),
    (
        "Taalmaatjes en participatie naast de leerroute",
        "Taalmaatjes Liemers krijgt aanmeldingen rechtstreeks via de casusregisseur.\n"
        "Welzijn organiseert twee keer per jaar een kennismaking met "
        "vrijwilligerswerk.",
        (
            OrganisatieSoort.TAALMAATJES,
            OrganisatieSoort.WELZIJN,
            OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
        ),
    ),
    (
        "Ontzorgen en overdracht naar zelfredzaamheid",
        "RSD meldt drie maanden voor het einde van het ontzorgen aan de "
        "casusregisseur dat de overdracht begint.\nDe cursus omgaan met geld wordt "
        "ook in Duiven gegeven.",
        (
            OrganisatieSoort.RSD,
            OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
            OrganisatieSoort.WELZIJN,
        ),
    ),
    (
        "Jaarplanning inkoop en instroom statushouders",
        "Gemeenten delen de verwachte instroom per kwartaal met de taalaanbieders.\n"
        "Vluchtelingenwerk en welzijn maken samen een overzicht van "
        "participatieplekken in de Liemers.",
        ALLE,
    ),
    (
        "Werkfit-trajecten en het lesrooster",
        "RSD plant werkfit-trajecten naast de lesdagen, niet erdoorheen.\n"
        "Taalaanbieders geven roosterwijzigingen twee weken vooraf door.",
        (OrganisatieSoort.RSD, OrganisatieSoort.TAALAANBIEDER),
    ),
    (
        "Participatieverklaringstraject en KNM",
        "Het PVT wordt per kwartaal in elke gemeente aangeboden.\n"
        "Maatschappelijke begeleiding helpt bij de aanmelding voor het KNM-examen.",
        (
            OrganisatieSoort.MAATSCHAPPELIJKE_BEGELEIDING,
            OrganisatieSoort.TAALAANBIEDER,
            OrganisatieSoort.WELZIJN,
        ),
    ),
    (
        "Voortgang B1-route en wachttijden taalaanbieders",
        "Taalaanbieders melden wachttijden boven vier weken aan de casusregisseurs.\n"
        "De keten bespreekt de cijfers van Doel 1 tot en met 3 in het volgende "
        "overleg.",
        ALLE,
    ),
)


def _werkdag(dag: date) -> date:
    """`dag`, or the working day before it when it falls in the weekend or on a
    feestdag (nobody meets on Christmas Day)."""
    while is_rustdag(dag):
        dag -= EEN_DAG
    return dag


def data(vandaag: date) -> list[date]:
    """The dates of the demo meetings, oldest first."""
    laatste = _werkdag(vandaag - LAATSTE_GELEDEN)
    eerder = (
        _werkdag(date(laatste.year - jaren, maand, dag)) for jaren, maand, dag in AGENDA
    )
    return [d for d in eerder if d <= laatste - TUSSENRUIMTE] + [laatste]


@transaction.atomic
def vul_aan(*, stdout, vandaag: date | None = None) -> None:
    if Ketenoverleg.objects.exists():
        stdout.write("Ketenoverleggen van de demoregio bestaan al.")
        return
    vastlegger = User.objects.filter(username=VASTLEGGER, is_active=True).first()
    gemeenten = list(Gemeente.objects.filter(naam__in=REGION))
    partners: list[Organisatie] = list(ketenpartners())
    if vastlegger is None or not gemeenten or not partners:
        stdout.write(
            "Geen ketenoverleggen aangemaakt: de demogebruikers, gemeenten of "
            "ketenpartners ontbreken nog."
        )
        return
    datums = data(vandaag or timezone.localdate())
    # The newest meetings take the last subjects.
    for datum, (onderwerp, afspraken, soorten) in zip(
        datums, ONDERWERPEN[-len(datums) :], strict=True
    ):
        aanwezig = [
            p
            for p in partners
            if (soorten is ALLE or p.soort in soorten)
            # A taalaanbieder comes while it holds a keurmerk (leerroutes.demo.keten
            # lets one lapse).
            and (
                p.soort != OrganisatieSoort.TAALAANBIEDER or p.keurmerk_geldig_op(datum)
            )
        ]
        ketenoverleg_vastleggen(
            datum=datum,
            onderwerp=onderwerp,
            gemeenten=gemeenten,
            partners=aanwezig or partners,
            afspraken=afspraken,
            acting_user=vastlegger,
        )
    stdout.write(f"Ketenoverleggen: {len(datums)} vastgelegd.")
