"""An incoming verhuizing from a gemeente outside the region (DOMAIN §13.5).

The person's inburgeringstermijn and leerroute were set by the previous gemeente;
both stay (Wet art. 11: the termijn starts once, with the first PIP anywhere; the
new gemeente must keep the leerroute, DOMAIN §3.4). We record them from the
previous gemeente's handover or from DUO, with DUO's verlengingen as the end DUO
gave; the first PIP here then states that termijn (pip_vaststellen) instead of
starting a new one.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from intake.models import Gebeurtenis, Inburgeraar, Leerroute
from intake.services import verouderd
from zevenaar_inburgering.accounts.models import Gemeente, User
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.verwerkingen import log

from .. import rules
from ..models import (
    Beschikking,
    Inburgeringstermijn,
    InkomendeVerhuizing,
    VerhuizingBron,
    Verlenging,
    VerlengingReden,
)
from ..tijdlijn import GebeurtenisSoort


def _fouten(
    dossier: Inburgeraar,
    *,
    vandaag: date,
    vorige_gemeente: str,
    verhuisdatum: date | None,
    bron: str,
    leerroute: str,
    termijn_start: date | None,
    einddatum: date | None,
    verlenging_besluitdatum: date | None,
    verlenging_kenmerk: str,
    verlenging_reden: str,
) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if (
        Inburgeringstermijn.objects.filter(inburgeraar=dossier).exists()
        or Beschikking.objects.filter(inburgeraar=dossier).exists()
    ):
        fouten["__all__"] = (
            "Dit dossier heeft al een inburgeringstermijn. Een termijn wordt maar één "
            "keer vastgelegd (Wet inburgering 2021 art. 11)."
        )
    naam = vorige_gemeente.strip()
    if not naam:
        fouten["vorige_gemeente"] = "Vul de gemeente in waar de persoon vandaan komt."
    elif Gemeente.objects.filter(naam__iexact=naam).exists():
        fouten["vorige_gemeente"] = (
            f"{naam} hoort bij de regio. Bij een verhuizing binnen de regio wijzigt u "
            "de gemeente van het dossier; de termijn loopt gewoon door."
        )
    if bron not in VerhuizingBron.values:
        fouten["bron"] = "Kies waar de gegevens vandaan komen."
    if leerroute not in Leerroute.values:
        fouten["leerroute"] = "Kies de leerroute die de vorige gemeente vaststelde."
    if termijn_start is None:
        fouten["termijn_start"] = "Vul de startdatum van de inburgeringstermijn in."
    elif termijn_start > vandaag:
        fouten["termijn_start"] = "De startdatum van de termijn ligt in de toekomst."
    elif dossier.start_inburgeringsplicht and termijn_start < (
        dossier.start_inburgeringsplicht
    ):
        fouten["termijn_start"] = (
            "De termijn begint na het eerste PIP, dus niet vóór de start van de "
            f"inburgeringsplicht ({datum_tekst(dossier.start_inburgeringsplicht)})."
        )
    if verhuisdatum is None:
        fouten["verhuisdatum"] = "Vul de datum van de verhuizing in."
    elif verhuisdatum > vandaag:
        fouten["verhuisdatum"] = "De datum van de verhuizing ligt in de toekomst."
    elif termijn_start is not None and verhuisdatum < termijn_start:
        fouten["verhuisdatum"] = (
            "De verhuizing ligt vóór de start van de termijn: dan stelde de vorige "
            "gemeente geen PIP vast en begint de termijn hier, met het eerste PIP."
        )
    if einddatum is None:
        fouten["einddatum"] = (
            "Vul de einddatum van de termijn in zoals DUO die noemt (met verlengingen)."
        )
    elif termijn_start is not None:
        drie_jaar = rules.termijn_einde(termijn_start)
        if einddatum < drie_jaar:
            fouten["einddatum"] = (
                f"De termijn loopt drie jaar, tot en met {datum_tekst(drie_jaar)}; alleen "
                "DUO verlengt hem, niemand verkort hem. Controleer de startdatum."
            )
        elif einddatum > drie_jaar:
            # The end is DUO's decision: its kenmerk and date prove it.
            if verlenging_besluitdatum is None:
                fouten["verlenging_besluitdatum"] = (
                    "De einddatum ligt na de drie jaar: vul de datum van het "
                    "DUO-besluit over de verlenging in."
                )
            elif verlenging_besluitdatum > vandaag:
                fouten["verlenging_besluitdatum"] = (
                    "De datum van het DUO-besluit ligt in de toekomst."
                )
            if not verlenging_kenmerk.strip():
                fouten["verlenging_kenmerk"] = (
                    "De einddatum ligt na de drie jaar: vul het kenmerk van het "
                    "DUO-besluit over de verlenging in."
                )
            if verlenging_reden not in VerlengingReden.values:
                fouten["verlenging_reden"] = "Kies de reden die DUO noemt."
    return fouten


@transaction.atomic
def inkomende_verhuizing_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    acting_user: User,
    vandaag: date,
    versie: int,
    vorige_gemeente: str,
    verhuisdatum: date | None,
    bron: str,
    kenmerk: str,
    leerroute: str,
    termijn_start: date | None,
    einddatum: date | None,
    verlenging_besluitdatum: date | None = None,
    verlenging_kenmerk: str = "",
    verlenging_reden: str = "",
) -> InkomendeVerhuizing:
    """Take over the termijn (start; end as DUO gave it, a later end being DUO's
    verlenging) and the leerroute of a person who moved in from outside the region.
    `versie` is the dossier version the form was opened with."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    dossier.wi2021_vereist("Een inburgeringstermijn")
    if dossier.versie != versie:
        raise verouderd("dit dossier")
    fouten = _fouten(
        dossier,
        vandaag=vandaag,
        vorige_gemeente=vorige_gemeente,
        verhuisdatum=verhuisdatum,
        bron=bron,
        leerroute=leerroute,
        termijn_start=termijn_start,
        einddatum=einddatum,
        verlenging_besluitdatum=verlenging_besluitdatum,
        verlenging_kenmerk=verlenging_kenmerk,
        verlenging_reden=verlenging_reden,
    )
    if fouten:
        raise ValidationError(fouten)
    drie_jaar = rules.termijn_einde(termijn_start)
    termijn = Inburgeringstermijn.objects.create(
        inburgeraar=dossier,
        eerste_beschikking=None,
        startdatum=termijn_start,
        oorspronkelijke_einddatum=drie_jaar,
        einddatum=einddatum,
    )
    if einddatum > drie_jaar:
        Verlenging.objects.create(
            termijn=termijn,
            besluitdatum=verlenging_besluitdatum,
            vorige_einddatum=drie_jaar,
            nieuwe_einddatum=einddatum,
            reden=verlenging_reden,
            duo_kenmerk=verlenging_kenmerk.strip(),
            vastgelegd_door=acting_user,
        )
    verhuizing = InkomendeVerhuizing.objects.create(
        inburgeraar=dossier,
        termijn=termijn,
        vorige_gemeente=vorige_gemeente.strip(),
        verhuisdatum=verhuisdatum,
        bron=bron,
        kenmerk=kenmerk.strip(),
        leerroute=leerroute,
        vastgelegd_door=acting_user,
    )
    Inburgeraar.objects.filter(pk=dossier.pk).update(versie=F("versie") + 1)
    Gebeurtenis.objects.create(
        inburgeraar=dossier,
        soort=GebeurtenisSoort.PIP,
        gebruiker=acting_user,
        omschrijving=(
            f"Verhuisd uit {verhuizing.vorige_gemeente} op {datum_tekst(verhuisdatum)}: "
            f"termijn overgenomen ({datum_tekst(termijn_start)} tot en met "
            f"{datum_tekst(einddatum)}), leerroute {verhuizing.get_leerroute_display()}"
        ),
    )
    log.log_dossiers_changed(
        [dossier],
        user=acting_user,
        actie_naam="Inkomende verhuizing vastgelegd",
        handeling="Termijn",
    )
    return verhuizing
