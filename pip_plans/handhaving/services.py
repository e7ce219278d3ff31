"""The services of a handhavingszaak (the steps in the package docstring):
keyword-only, one transaction each, a timeline entry and a verwerkingenlog row per
change, optimistic locking on Handhavingszaak.versie, and ValidationError with Dutch
messages per field for what the user can fix. The rules they check are in rules.py;
maatregel.py records its timeline entry with `_vastleggen` and `_check` from here.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import Inburgeraar
from intake.services import VerouderdDossier, wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.parameters.models import geheel

from ..brieven import brief_opmaken
from ..models import (
    LOPENDE_HANDHAVING,
    BesluitSoort,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
)
from ..tijdlijn import GebeurtenisSoort
from .rules import (
    beslistermijn,
    besluit_fouten,
    bezwaar_fouten,
    rapport_fouten,
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
    """Record an overtreding. Always a person's decision, never automatic."""
    _check(
        zaak_fouten(
            overtreding=overtreding,
            datum_overtreding=datum_overtreding,
            feiten=feiten,
            vandaag=timezone.localdate(),
        )
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
        f"Handhavingszaak gestart: {zaak.get_overtreding_display().lower()} "
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


@transaction.atomic
def rapport_opmaken(
    *,
    zaak: Handhavingszaak,
    versie: int,
    voorgenomen_bedrag: Decimal | None,
    rapport_op: date | None,
    rapport: str,
    acting_user: User,
    zienswijze_tot: date | None = None,
) -> Handhavingszaak:
    """Awb art. 5:53: the rapport of an intended fine and the zienswijze term
    (default: rapport + `zienswijze_termijn_weken`). Starts the 13-week beslistermijn
    (Awb art. 5:51)."""
    zaak = _vergrendel(zaak, versie)
    if zaak.status not in (HandhavingStatus.OVERTREDING, HandhavingStatus.GEWAARSCHUWD):
        raise ValidationError(
            "Er is al een rapport of een besluit in deze zaak; een nieuw rapport kan niet."
        )
    vandaag = timezone.localdate()
    _check(
        rapport_fouten(
            voorgenomen_bedrag=voorgenomen_bedrag,
            rapport_op=rapport_op,
            rapport=rapport,
            zienswijze_tot=zienswijze_tot,
            datum_overtreding=zaak.datum_overtreding,
            maximum=boete_maximum(rapport_op or vandaag),
            vandaag=vandaag,
        )
    )
    zaak.voorgenomen_bedrag = voorgenomen_bedrag
    zaak.rapport_op = rapport_op
    zaak.rapport = rapport.strip()
    zaak.zienswijze_tot = zienswijze_tot or zienswijze_termijn(
        rapport_op, geheel("zienswijze_termijn_weken", rapport_op)
    )
    zaak.beslistermijn = beslistermijn(
        rapport_op, geheel("boete_beslistermijn_weken", rapport_op)
    )
    zaak.status = HandhavingStatus.ZIENSWIJZE
    _opslaan(zaak)
    _vastleggen(
        zaak.inburgeraar,
        acting_user,
        f"Rapport opgemaakt (voorgenomen boete {euro(voorgenomen_bedrag)}); zienswijze "
        f"tot en met {datum_tekst(zaak.zienswijze_tot)}, besluit uiterlijk "
        f"{datum_tekst(zaak.beslistermijn)}",
        actie_naam="Rapport opgemaakt",
    )
    return zaak


@transaction.atomic
def zienswijze_vastleggen(
    *,
    zaak: Handhavingszaak,
    versie: int,
    ontvangen: bool,
    ontvangen_op: date | None,
    zienswijze: str,
    acting_user: User,
) -> Handhavingszaak:
    """The inburgeraar's response to the rapport, or (after the term) that none came."""
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
    if ontvangen:
        zaak.zienswijze_ontvangen_op = ontvangen_op
        zaak.zienswijze = zienswijze.strip()
        te_laat = " (na de termijn)" if ontvangen_op > zaak.zienswijze_tot else ""
        omschrijving = f"Zienswijze ontvangen op {datum_tekst(ontvangen_op)}{te_laat}"
    else:
        omschrijving = "Geen zienswijze ontvangen binnen de termijn"
    _opslaan(zaak)
    _vastleggen(
        zaak.inburgeraar, acting_user, omschrijving, actie_naam="Zienswijze vastgelegd"
    )
    return zaak


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
) -> Handhavingszaak:
    """The besluit: a fine with its boetebeschikking PDF (dagtekening = besluit_op,
    bezwaar within 6 weeks), or afzien with a reason. See besluit_fouten()."""
    zaak = _vergrendel(zaak, versie)
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
            rapport_op=zaak.rapport_op,
            voorgenomen_bedrag=zaak.voorgenomen_bedrag,
            zienswijze_tot=zaak.zienswijze_tot,
            zienswijze_ontvangen_op=zaak.zienswijze_ontvangen_op,
            maximum=boete_maximum(op),
            rapport_grens=rapport_grens(op),
            toegestaan=boete_toegestaan_voor(inburgeraar, op),
            doelgroep_label=inburgeraar.get_doelgroep_categorie_display(),
        )
    )
    zaak.besluit = besluit
    zaak.besluit_op = besluit_op
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
    zaak.status = HandhavingStatus.BOETE
    zaak.boetebedrag = boetebedrag
    zaak.verwijtbaarheid = verwijtbaarheid
    zaak.verwijtbaarheid_toelichting = verwijtbaarheid_toelichting.strip()
    _opslaan(zaak)
    brief = brief_opmaken(
        inburgeraar=inburgeraar,
        soort=BriefSoort.BOETEBESCHIKKING,
        template_name="pip_plans/pdf/boetebeschikking.html",
        context={"zaak": zaak, "rapport_vereist": zaak.rapport_op is not None},
        acting_user=acting_user,
        handhavingszaak=zaak,
        dagtekening=besluit_op,
    )
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Boete opgelegd: {euro(boetebedrag)} ({zaak.get_verwijtbaarheid_display().lower()}); "
        f"boetebeschikking {brief.kenmerk}",
        actie_naam="Boete opgelegd",
    )
    return zaak


@transaction.atomic
def boete_bezwaar_registreren(
    *,
    zaak: Handhavingszaak,
    versie: int,
    ontvangen_op: date | None,
    gronden: str,
    acting_user: User,
) -> Handhavingszaak:
    """Bezwaar against the boetebeschikking (Awb art. 6:4); tijdig when received by
    the letter's bezwaar_deadline (6 weeks, pip_plans.rules.bezwaar_deadline)."""
    zaak = _vergrendel(zaak, versie)
    brief = Brief.objects.filter(
        handhavingszaak=zaak, soort=BriefSoort.BOETEBESCHIKKING
    ).first()
    if zaak.status != HandhavingStatus.BOETE or brief is None:
        raise ValidationError("Bezwaar kan alleen tegen een boetebeschikking.")
    if zaak.bezwaar_ontvangen_op is not None:
        raise ValidationError("Het bezwaar tegen deze boete is al geregistreerd.")
    _check(
        bezwaar_fouten(
            ontvangen_op=ontvangen_op,
            dagtekening=brief.dagtekening,
            vandaag=timezone.localdate(),
        )
    )
    zaak.bezwaar_ontvangen_op = ontvangen_op
    zaak.bezwaar_gronden = gronden.strip()
    _opslaan(zaak)
    te_laat = (
        "" if ontvangen_op <= brief.bezwaar_deadline else " (na de bezwaartermijn)"
    )
    _vastleggen(
        zaak.inburgeraar,
        acting_user,
        f"Bezwaar ontvangen tegen boetebeschikking {brief.kenmerk}{te_laat}",
        actie_naam="Bezwaar geregistreerd",
    )
    return zaak


@transaction.atomic
def boete_bezwaar_beslissen(
    *,
    zaak: Handhavingszaak,
    versie: int,
    besluit_op: date | None,
    uitkomst: str,
    acting_user: User,
) -> Handhavingszaak:
    zaak = _vergrendel(zaak, versie)
    if zaak.bezwaar_ontvangen_op is None:
        raise ValidationError("Registreer eerst het bezwaar.")
    if zaak.bezwaar_uitkomst:
        raise ValidationError("Op dit bezwaar is al beslist.")
    if uitkomst not in BezwaarUitkomst.values:
        raise ValidationError({"uitkomst": "Kies de uitkomst."})
    if besluit_op is None:
        raise ValidationError({"besluit_op": "Vul de datum van de beslissing in."})
    if besluit_op < zaak.bezwaar_ontvangen_op:
        raise ValidationError({"besluit_op": "De beslissing volgt op het bezwaar."})
    if besluit_op > timezone.localdate():
        raise ValidationError({"besluit_op": "Deze datum ligt in de toekomst."})
    zaak.bezwaar_besluit_op = besluit_op
    zaak.bezwaar_uitkomst = uitkomst
    _opslaan(zaak)
    _vastleggen(
        zaak.inburgeraar,
        acting_user,
        f"Beslissing op bezwaar tegen de boete: {zaak.get_bezwaar_uitkomst_display().lower()}",
        actie_naam="Beslissing op bezwaar",
    )
    return zaak
