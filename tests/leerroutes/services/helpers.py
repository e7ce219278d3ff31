"""The steps and checks several leerroutes service tests share: a gezinsmigrant's
dossier, afschalen on the recorded hours, and what a service left on the timeline
and in the verwerkingenlog."""

from intake.models import Gebeurtenis
from leerroutes.services.pip import pip_vaststellen, pip_wijziging_starten
from pip_plans.services import pip as pip_services
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.verwerkingen.models import Verwerking


def gezinsmigrant(zevenaar, casusregisseur):
    dossier = InburgeraarFactory(
        gemeente=zevenaar, casusregisseur=casusregisseur, gezinsmigrant=True
    )
    assert dossier.doelgroep == "gezinsvormer"
    assert dossier.doelgroep_categorie == "gezin_overig"
    return dossier


def gelogd(dossier, actie_naam) -> bool:
    return Verwerking.objects.filter(
        object_id=str(dossier.pk), actie_naam=actie_naam
    ).exists()


def op_tijdlijn(dossier, soort, tekst) -> bool:
    return Gebeurtenis.objects.filter(
        inburgeraar=dossier, soort=soort, omschrijving__contains=tekst
    ).exists()


def afschalen(dossier, user):
    concept = dossier.pips.filter(status="concept").first() or pip_wijziging_starten(
        inburgeraar=dossier, reden="afschalen", toelichting="", acting_user=user
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        # A typed number of hours must not count: only the urenregistratie does.
        data={"afschalen_nt2_uren": 640, "afschalen_inzet_oordeel": "Goede inzet."},
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    return pip_vaststellen(pip=concept, acting_user=user)
