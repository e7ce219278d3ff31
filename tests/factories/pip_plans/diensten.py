"""Through the services (what renders a PDF): a vastgesteld PIP, filled-in fixed
costs, a handhavingszaak up to the boete."""

import datetime as dt
from decimal import Decimal

from leerroutes.services import pip as leerroute_services
from pip_plans import models
from pip_plans.handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from pip_plans.ontzorgen.vaste_lasten import vaste_last_wijzigen
from pip_plans.services import pip as pip_services
from tests.factories.accounts import UserFactory
from tests.factories.pip_plans.pip import complete_pip_data
from zevenaar_inburgering.accounts.models import User


def pip_vaststellen(dossier, user, *, dagtekening=None, **inhoud) -> models.Beschikking:
    """Draft the first PIP of `dossier` and concept_vaststellen it."""
    pip = pip_services.pip_opstellen(inburgeraar=dossier, acting_user=user)
    return concept_vaststellen(pip, user, dagtekening=dagtekening, **inhoud)


def concept_vaststellen(
    concept, user, *, dagtekening=None, **inhoud
) -> models.Beschikking:
    """Complete `concept` (complete_pip_data with `inhoud`) and vaststellen it
    through the services, as the PIP page does (leerroutes': a new route closes the
    traject of the old one): the beschikking with its rendered PDF, the termijn."""
    concept = pip_services.pip_bewerken(
        pip=concept,
        data=complete_pip_data(**inhoud),
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    return leerroute_services.pip_vaststellen(
        pip=concept, acting_user=user, dagtekening=dagtekening
    )


def vaste_lasten_invullen(ontzorging, acting_user):
    """Give each of the ontzorging's fixed costs a payee, an IBAN and an amount."""
    for last in ontzorging.vaste_lasten.all():
        vaste_last_wijzigen(
            vaste_last=last,
            versie=last.versie,
            data={
                "soort": last.soort,
                "begunstigde": "Woonstichting",
                "iban": "NL91ABNA0417164300",
                "bedrag": Decimal("100.00"),
                "frequentie": "maand",
            },
            acting_user=acting_user,
        )


def zaak_tot_boete(dossier, cr, tekst, beslisser=None):
    """A handhavingszaak of `dossier` up to the boete through the services, with the
    waarschuwing, voornemen, afschrift van het rapport and boetebeschikking letters;
    `tekst(veld)` is the text of each of its free texts (TextFields). `cr` makes the rapport,
    `beslisser` (default: a new casusregisseur of the dossier's gemeente) imposes
    the fine (functiescheiding, Awb art. 10:3 lid 4)."""
    if beslisser is None:
        naam = f"{cr.username}.collega"
        beslisser = User.objects.filter(username=naam).first() or UserFactory(
            username=naam, gemeenten=[dossier.gemeente]
        )
    zaak = handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding="pvt",
        datum_overtreding=dt.date(2026, 4, 1),
        feiten=tekst("feiten"),
        acting_user=cr,
    )
    waarschuwing_versturen(zaak=zaak, versie=zaak.versie, acting_user=cr)
    zaak.refresh_from_db()
    rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal("800"),
        rapport_op=dt.date(2026, 5, 1),
        rapport=tekst("rapport"),
        # Short fields (CharField), no free text of the person: fixed texts.
        overtreden_voorschrift="artikel 22 van de Wet inburgering 2021",
        verplichting=tekst("verplichting"),
        plaats_overtreding="Zevenaar",
        acting_user=cr,
    )
    zaak.refresh_from_db()
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=dt.date(2026, 5, 8),
        zienswijze=tekst("zienswijze"),
        acting_user=cr,
    )
    besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=dt.date(2026, 6, 1),
        boetebedrag=Decimal("800"),
        verwijtbaarheid="volledig",
        verwijtbaarheid_toelichting=tekst("verwijtbaarheid_toelichting"),
        motivering_bedrag=tekst("motivering_bedrag"),
        reactie_op_zienswijze=tekst("reactie_op_zienswijze"),
        asiel_motivering=tekst("asiel_motivering"),
        acting_user=beslisser,
    )
    return models.Handhavingszaak.objects.get(pk=zaak.pk)
