"""The services of a handhavingszaak (the steps in the package docstring):
keyword-only, one transaction each, a timeline entry and a verwerkingenlog row per
change, optimistic locking on Handhavingszaak.versie, and ValidationError with Dutch
messages per field for what the user can fix. The rules they check are in rules.py;
maatregel.py records its timeline entry with `_vastleggen` and `_check` from here.
"""

import copy
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import DoelgroepCategorie, Inburgeraar
from intake.services import VerouderdDossier, wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, euro, kleine_beginletter
from zevenaar_inburgering.parameters.models import geheel

from ..brieven import brief_opmaken, brief_voorbeeld, verzenddatum_fouten
from ..models import (
    LOPENDE_HANDHAVING,
    BesluitSoort,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
    ZienswijzeWijze,
)
from ..rules import functiescheiding_fout
from ..tijdlijn import GebeurtenisSoort
from .rules import (
    beslistermijn,
    besluit_fouten,
    rapport_fouten,
    vervaldatum,
    zaak_fouten,
    zienswijze_fouten,
    zienswijze_termijn,
)
from .samenloop import samenloop_venster
from .selectors import boete_maximum, boete_toegestaan_voor, rapport_grens


def verouderde_zaak() -> VerouderdDossier:
    return VerouderdDossier(
        "Deze handhavingszaak is gewijzigd door iemand anders nadat u de pagina "
        "opende. Uw wijzigingen zijn niet opgeslagen. Bekijk de zaak opnieuw en voer "
        "ze nog eens in.",
        code="stale",
    )


def _vastleggen(
    inburgeraar: Inburgeraar,
    user: User,
    omschrijving: str,
    *,
    actie_naam: str,
    soort: str = GebeurtenisSoort.HANDHAVING,
) -> None:
    """Timeline entry and verwerkingenlog row, in the caller's transaction."""
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=user,
        soort=soort,
        omschrijving=omschrijving,
        actie_naam=actie_naam,
        handeling=(
            "Maatregel Participatiewet"
            if soort == GebeurtenisSoort.MAATREGEL
            else "Handhaving"
        ),
    )


def _vergrendel(zaak: Handhavingszaak, versie: int) -> Handhavingszaak:
    """The zaak locked for this transaction, or the stale-form error."""
    current = (
        Handhavingszaak.objects.select_for_update(of=("self",))
        .select_related("inburgeraar__gemeente", "inburgeraar__casusregisseur")
        .get(pk=zaak.pk)
    )
    if current.versie != versie:
        raise verouderde_zaak()
    return current


def _opslaan(zaak: Handhavingszaak) -> None:
    zaak.versie += 1
    zaak.save()


def _check(fouten: dict[str, str]) -> None:
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def handhavingszaak_aanmaken(
    *,
    inburgeraar: Inburgeraar,
    overtreding: str,
    datum_overtreding: date,
    feiten: str,
    acting_user: User,
) -> Handhavingszaak:
    """Record an overtreding. Always a person's decision, never automatic. Refused
    for a Wi2013 dossier (DOMAIN §13.5) and for facts that already have a zaak: no
    second fine for the same overtreding (Awb art. 5:43)."""
    _check(
        zaak_fouten(
            overtreding=overtreding,
            datum_overtreding=datum_overtreding,
            feiten=feiten,
            vandaag=timezone.localdate(),
            wi2013=inburgeraar.is_wi2013,
        )
    )
    eerdere = (
        Handhavingszaak.objects.filter(
            inburgeraar=inburgeraar,
            overtreding=overtreding,
            datum_overtreding=datum_overtreding,
        )
        .order_by("aangemaakt_op")
        .first()
    )
    if eerdere is not None:
        raise ValidationError(
            "Voor deze overtreding op "
            f"{datum_tekst(datum_overtreding)} is al een handhavingszaak: "
            f"'{eerdere.get_overtreding_display()}', gestart op "
            f"{datum_tekst(timezone.localdate(eerdere.aangemaakt_op))} "
            f"({eerdere.get_status_display().lower()}). Voor dezelfde overtreding "
            "komt er geen tweede boete (Awb art. 5:43).",
            code="dubbel",
        )
    zaak = Handhavingszaak.objects.create(
        inburgeraar=inburgeraar,
        overtreding=overtreding,
        datum_overtreding=datum_overtreding,
        feiten=feiten.strip(),
        aangemaakt_door=acting_user,
    )
    venster = samenloop_venster()
    met = Maatregel.objects.filter(
        inburgeraar=inburgeraar,
        datum_gedraging__range=(
            datum_overtreding - timedelta(days=venster),
            datum_overtreding + timedelta(days=venster),
        ),
    ).exists()
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Handhavingszaak gestart: {kleine_beginletter(zaak.get_overtreding_display())} "
        f"({datum_tekst(datum_overtreding)})"
        + (" — samenloop met een maatregel Participatiewet" if met else ""),
        actie_naam="Handhavingszaak gestart",
    )
    return zaak


@atomic_with_documents
def waarschuwing_versturen(
    *,
    zaak: Handhavingszaak,
    versie: int,
    acting_user: User,
    opdracht: str = "",
    dagtekening: date | None = None,
) -> Brief:
    """The optional written warning, as a letter (DOMAIN.md §7.1: model an optional
    warning step; whether the law requires it is not confirmed [U])."""
    zaak = _vergrendel(zaak, versie)
    if zaak.status != HandhavingStatus.OVERTREDING:
        raise ValidationError(
            "Een waarschuwing kan alleen voordat er een rapport of besluit is, en één "
            "keer per zaak."
        )
    dagtekening = dagtekening or timezone.localdate()
    inburgeraar = zaak.inburgeraar
    brief = brief_opmaken(
        inburgeraar=inburgeraar,
        soort=BriefSoort.WAARSCHUWING,
        template_name="pip_plans/pdf/waarschuwing.html",
        context={
            "zaak": zaak,
            "opdracht": opdracht.strip(),
            "maximum": boete_maximum(dagtekening),
        },
        acting_user=acting_user,
        handhavingszaak=zaak,
        dagtekening=dagtekening,
    )
    zaak.status = HandhavingStatus.GEWAARSCHUWD
    zaak.waarschuwing_op = dagtekening
    _opslaan(zaak)
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Schriftelijke waarschuwing verstuurd ({brief.kenmerk})",
        actie_naam="Waarschuwing verstuurd",
    )
    return brief


@atomic_with_documents
def rapport_opmaken(
    *,
    zaak: Handhavingszaak,
    versie: int,
    voorgenomen_bedrag: Decimal | None,
    rapport_op: date | None,
    rapport: str,
    overtreden_voorschrift: str,
    plaats_overtreding: str,
    acting_user: User,
    verplichting: str = "",
    verhoord_op: date | None = None,
    cautie_gegeven: bool = False,
    tolk_bij_verhoor: bool = False,
    verzenddatum: date | None = None,
    zienswijze_tot: date | None = None,
) -> list[Brief]:
    """Awb art. 5:48 and 5:53: the rapport, and the letters that go out with it: the
    voornemen with the invitation to a zienswijze (in writing or orally, the term,
    an interpreter) and a copy of the rapport. The zienswijze term runs from the
    verzenddatum (default: rapport + `zienswijze_termijn_weken` after sending); the
    13-week beslistermijn from the rapport (Awb art. 5:51). Whoever makes the
    rapport cannot impose the fine (Awb art. 10:3 lid 4)."""
    zaak = _vergrendel(zaak, versie)
    if zaak.status not in (HandhavingStatus.OVERTREDING, HandhavingStatus.GEWAARSCHUWD):
        raise ValidationError(
            "Er is al een rapport of een besluit in deze zaak; een nieuw rapport kan niet."
        )
    vandaag = timezone.localdate()
    verzonden = verzenddatum or rapport_op or vandaag
    _check(
        rapport_fouten(
            overtreding=zaak.overtreding,
            voorgenomen_bedrag=voorgenomen_bedrag,
            rapport_op=rapport_op,
            rapport=rapport,
            overtreden_voorschrift=overtreden_voorschrift,
            verplichting=verplichting,
            plaats_overtreding=plaats_overtreding,
            verhoord_op=verhoord_op,
            cautie_gegeven=cautie_gegeven,
            verzenddatum=verzonden,
            zienswijze_tot=zienswijze_tot,
            datum_overtreding=zaak.datum_overtreding,
            maximum=boete_maximum(rapport_op or vandaag),
            vandaag=vandaag,
        )
    )
    zaak.voorgenomen_bedrag = voorgenomen_bedrag
    zaak.rapport_op = rapport_op
    zaak.rapport = rapport.strip()
    zaak.overtreden_voorschrift = overtreden_voorschrift.strip()
    zaak.verplichting = verplichting.strip()
    zaak.plaats_overtreding = plaats_overtreding.strip()
    zaak.verhoord_op = verhoord_op
    zaak.cautie_gegeven = cautie_gegeven and verhoord_op is not None
    zaak.tolk_bij_verhoor = tolk_bij_verhoor and verhoord_op is not None
    zaak.rapport_door = acting_user
    zaak.zienswijze_tot = zienswijze_tot or zienswijze_termijn(
        verzonden, geheel("zienswijze_termijn_weken", rapport_op)
    )
    zaak.beslistermijn = beslistermijn(
        rapport_op, geheel("boete_beslistermijn_weken", rapport_op)
    )
    zaak.status = HandhavingStatus.ZIENSWIJZE
    _opslaan(zaak)
    brieven = [
        brief_opmaken(
            inburgeraar=zaak.inburgeraar,
            soort=soort,
            template_name=template,
            context={"zaak": zaak, "maximum": boete_maximum(rapport_op)},
            acting_user=acting_user,
            handhavingszaak=zaak,
            dagtekening=rapport_op,
            verzenddatum=verzonden,
        )
        for soort, template in (
            (BriefSoort.VOORNEMEN, "pip_plans/pdf/voornemen.html"),
            (BriefSoort.RAPPORT, "pip_plans/pdf/rapport.html"),
        )
    ]
    _vastleggen(
        zaak.inburgeraar,
        acting_user,
        f"Rapport opgemaakt (voorgenomen boete {euro(voorgenomen_bedrag)}); voornemen "
        f"{brieven[0].kenmerk} en afschrift van het rapport {brieven[1].kenmerk}, "
        f"verzonden op {datum_tekst(verzonden)}; zienswijze tot en met "
        f"{datum_tekst(zaak.zienswijze_tot)}, besluit uiterlijk "
        f"{datum_tekst(zaak.beslistermijn)}",
        actie_naam="Rapport opgemaakt",
    )
    return brieven


@transaction.atomic
def zienswijze_vastleggen(
    *,
    zaak: Handhavingszaak,
    versie: int,
    ontvangen: bool,
    ontvangen_op: date | None,
    zienswijze: str,
    acting_user: User,
    wijze: str = ZienswijzeWijze.SCHRIFTELIJK,
    tolk: bool = False,
) -> Handhavingszaak:
    """The inburgeraar's response to the voornemen, in writing or orally (then the
    casusregisseur writes down what was said; Awb art. 4:9, 5:53 lid 3), with or
    without an interpreter; or, after the term, that none came."""
    zaak = _vergrendel(zaak, versie)
    if zaak.status != HandhavingStatus.ZIENSWIJZE:
        raise ValidationError("Er wacht in deze zaak geen zienswijze.")
    if zaak.zienswijze_ontvangen_op is not None:
        raise ValidationError("De zienswijze is al vastgelegd.")
    _check(
        zienswijze_fouten(
            ontvangen=ontvangen,
            ontvangen_op=ontvangen_op,
            zienswijze=zienswijze,
            rapport_op=zaak.rapport_op,
            zienswijze_tot=zaak.zienswijze_tot,
            vandaag=timezone.localdate(),
        )
    )
    if ontvangen and wijze not in ZienswijzeWijze.values:
        raise ValidationError({"wijze": "Kies: schriftelijk of mondeling."})
    if ontvangen:
        zaak.zienswijze_ontvangen_op = ontvangen_op
        zaak.zienswijze = zienswijze.strip()
        zaak.zienswijze_wijze = wijze
        zaak.tolk_bij_zienswijze = tolk
        te_laat = " (na de termijn)" if ontvangen_op > zaak.zienswijze_tot else ""
        omschrijving = f"Zienswijze ontvangen op {datum_tekst(ontvangen_op)}{te_laat}"
    else:
        omschrijving = "Geen zienswijze ontvangen binnen de termijn"
    _opslaan(zaak)
    _vastleggen(
        zaak.inburgeraar, acting_user, omschrijving, actie_naam="Zienswijze vastgelegd"
    )
    return zaak


def voornemen_verzonden_op(zaak: Handhavingszaak) -> date | None:
    """When the voornemen (with the invitation to a zienswijze) was sent."""
    return (
        Brief.objects.filter(handhavingszaak=zaak, soort=BriefSoort.VOORNEMEN)
        .values_list("verzenddatum", flat=True)
        .first()
    )


def functiescheiding_besluit(zaak: Handhavingszaak, user: User) -> str | None:
    """Awb art. 10:3 lid 4: who made the rapport does not impose the fine."""
    return functiescheiding_fout(
        user.pk, {zaak.rapport_door_id: "het rapport opgemaakt"}
    )


def _besluit_toetsen(
    zaak: Handhavingszaak,
    acting_user: User,
    *,
    besluit: str,
    besluit_op: date | None,
    boetebedrag: Decimal | None,
    verwijtbaarheid: str,
    verwijtbaarheid_toelichting: str,
    afzien_reden: str,
    motivering_bedrag: str,
    reactie_op_zienswijze: str,
    asiel_motivering: str,
    verzenddatum: date | None,
) -> None:
    """Everything that stops this besluit (besluit_fouten), for the besluit and its
    voorbeeld alike."""
    if zaak.status not in LOPENDE_HANDHAVING:
        raise ValidationError("In deze zaak is al een besluit genomen.")
    inburgeraar = zaak.inburgeraar
    vandaag = timezone.localdate()
    op = besluit_op or vandaag
    _check(
        besluit_fouten(
            besluit=besluit,
            besluit_op=besluit_op,
            vandaag=vandaag,
            datum_overtreding=zaak.datum_overtreding,
            boetebedrag=boetebedrag,
            verwijtbaarheid=verwijtbaarheid,
            verwijtbaarheid_toelichting=verwijtbaarheid_toelichting,
            afzien_reden=afzien_reden,
            motivering_bedrag=motivering_bedrag,
            reactie_op_zienswijze=reactie_op_zienswijze,
            asiel_motivering=asiel_motivering,
            rapport_op=zaak.rapport_op,
            voornemen_verzonden_op=voornemen_verzonden_op(zaak),
            zienswijze_tot=zaak.zienswijze_tot,
            zienswijze_ontvangen_op=zaak.zienswijze_ontvangen_op,
            maximum=boete_maximum(op),
            rapport_grens=rapport_grens(op),
            vervaldatum=vervaldatum(
                zaak.datum_overtreding, geheel("boete_vervaltermijn_jaren", op)
            ),
            toegestaan=boete_toegestaan_voor(inburgeraar, op),
            asiel=inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL,
            doelgroep_label=inburgeraar.get_doelgroep_categorie_display(),
            functiescheiding=functiescheiding_besluit(zaak, acting_user),
            voorgenomen_bedrag=zaak.voorgenomen_bedrag,
        )
        | (
            verzenddatum_fouten(verzenddatum, op)
            if besluit == BesluitSoort.BOETE
            else {}
        )
    )


def _boete_op_zaak(zaak: Handhavingszaak, **boete) -> None:
    """The boete's content on the zaak (not saved): what the boetebeschikking says."""
    zaak.status = HandhavingStatus.BOETE
    zaak.boetebedrag = boete["boetebedrag"]
    zaak.verwijtbaarheid = boete["verwijtbaarheid"]
    for tekst in (
        "verwijtbaarheid_toelichting",
        "motivering_bedrag",
        "reactie_op_zienswijze",
        "asiel_motivering",
    ):
        setattr(zaak, tekst, boete[tekst].strip())


def _boetebeschikking(zaak: Handhavingszaak) -> dict:
    return {
        "inburgeraar": zaak.inburgeraar,
        "soort": BriefSoort.BOETEBESCHIKKING,
        "template_name": "pip_plans/pdf/boetebeschikking.html",
        "context": {"zaak": zaak},
    }


def boetebesluit_voorbeeld(
    *,
    zaak: Handhavingszaak,
    versie: int,
    besluit: str,
    besluit_op: date | None,
    acting_user: User,
    boetebedrag: Decimal | None = None,
    verwijtbaarheid: str = "",
    verwijtbaarheid_toelichting: str = "",
    afzien_reden: str = "",
    motivering_bedrag: str = "",
    reactie_op_zienswijze: str = "",
    asiel_motivering: str = "",
    verzenddatum: date | None = None,
) -> bytes:
    """The boetebeschikking that besluit_nemen would make with these fields, marked
    CONCEPT with the free texts highlighted (issue 20); nothing is saved."""
    if besluit != BesluitSoort.BOETE:
        raise ValidationError(
            {"besluit": "Alleen bij een boete is er een brief om vooraf te bekijken."}
        )
    _besluit_toetsen(
        zaak,
        acting_user,
        besluit=besluit,
        besluit_op=besluit_op,
        boetebedrag=boetebedrag,
        verwijtbaarheid=verwijtbaarheid,
        verwijtbaarheid_toelichting=verwijtbaarheid_toelichting,
        afzien_reden=afzien_reden,
        motivering_bedrag=motivering_bedrag,
        reactie_op_zienswijze=reactie_op_zienswijze,
        asiel_motivering=asiel_motivering,
        verzenddatum=verzenddatum,
    )
    # A copy: the page that shows a refused voorbeeld renders the zaak unchanged.
    zaak = copy.copy(zaak)
    zaak.besluit, zaak.besluit_op, zaak.besluit_door = besluit, besluit_op, acting_user
    _boete_op_zaak(
        zaak,
        boetebedrag=boetebedrag,
        verwijtbaarheid=verwijtbaarheid,
        verwijtbaarheid_toelichting=verwijtbaarheid_toelichting,
        motivering_bedrag=motivering_bedrag,
        reactie_op_zienswijze=reactie_op_zienswijze,
        asiel_motivering=asiel_motivering,
    )
    return brief_voorbeeld(
        **_boetebeschikking(zaak),
        acting_user=acting_user,
        dagtekening=besluit_op,
        verzenddatum=verzenddatum,
    )


@atomic_with_documents
def besluit_nemen(
    *,
    zaak: Handhavingszaak,
    versie: int,
    besluit: str,
    besluit_op: date | None,
    acting_user: User,
    boetebedrag: Decimal | None = None,
    verwijtbaarheid: str = "",
    verwijtbaarheid_toelichting: str = "",
    afzien_reden: str = "",
    motivering_bedrag: str = "",
    reactie_op_zienswijze: str = "",
    asiel_motivering: str = "",
    verzenddatum: date | None = None,
) -> Handhavingszaak:
    """The besluit: a fine with its boetebeschikking PDF (dagtekening = besluit_op;
    bezwaar within 6 weeks from the day after the verzenddatum), or afzien with a
    reason. See besluit_fouten()."""
    zaak = _vergrendel(zaak, versie)
    _besluit_toetsen(
        zaak,
        acting_user,
        besluit=besluit,
        besluit_op=besluit_op,
        boetebedrag=boetebedrag,
        verwijtbaarheid=verwijtbaarheid,
        verwijtbaarheid_toelichting=verwijtbaarheid_toelichting,
        afzien_reden=afzien_reden,
        motivering_bedrag=motivering_bedrag,
        reactie_op_zienswijze=reactie_op_zienswijze,
        asiel_motivering=asiel_motivering,
        verzenddatum=verzenddatum,
    )
    inburgeraar = zaak.inburgeraar
    zaak.besluit = besluit
    zaak.besluit_op = besluit_op
    zaak.besluit_door = acting_user
    if besluit == BesluitSoort.AFZIEN:
        zaak.status = HandhavingStatus.AFGEZIEN
        zaak.afzien_reden = afzien_reden.strip()
        # A judgement recorded with afzien stays, for the file; no amount.
        zaak.verwijtbaarheid = verwijtbaarheid
        zaak.verwijtbaarheid_toelichting = verwijtbaarheid_toelichting.strip()
        _opslaan(zaak)
        _vastleggen(
            inburgeraar,
            acting_user,
            "Afgezien van een boete",
            actie_naam="Afgezien van een boete",
        )
        return zaak
    _boete_op_zaak(
        zaak,
        boetebedrag=boetebedrag,
        verwijtbaarheid=verwijtbaarheid,
        verwijtbaarheid_toelichting=verwijtbaarheid_toelichting,
        motivering_bedrag=motivering_bedrag,
        reactie_op_zienswijze=reactie_op_zienswijze,
        asiel_motivering=asiel_motivering,
    )
    _opslaan(zaak)
    brief = brief_opmaken(
        **_boetebeschikking(zaak),
        acting_user=acting_user,
        handhavingszaak=zaak,
        dagtekening=besluit_op,
        verzenddatum=verzenddatum,
    )
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Boete opgelegd: {euro(boetebedrag)} ({zaak.get_verwijtbaarheid_display().lower()}); "
        f"boetebeschikking {brief.kenmerk}, verzonden op {datum_tekst(brief.verzenddatum)}",
        actie_naam="Boete opgelegd",
    )
    return zaak
