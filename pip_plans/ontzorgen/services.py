"""The services of ontzorgen for the period itself: start, period, machtiging,
course, zelfredzaamheid and the ontzorgingsbeschikking. Each is keyword-only, runs
in one transaction, writes a timeline entry and a verwerkingenlog row, and raises
ValidationError (Dutch) for what the user can fix. The fixed costs and payments are
in vaste_lasten.py, which shares `verouderd` and `_vastleggen` from here."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from intake.models import Inburgeraar
from intake.services import VerouderdDossier, wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, maand_tekst, opsomming
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import maand_begin

from ..brieven import brief_opmaken, brief_voorbeeld
from ..models import (
    STANDAARD_VASTE_LASTEN,
    Betaling,
    Brief,
    BriefSoort,
    Ontzorging,
    VasteLast,
)
from ..tijdlijn import GebeurtenisSoort
from .rules import (
    cursus_fouten,
    ontzorgen_einde,
    ontzorgen_weigering,
    periode_fouten,
    regulier_einde,
)


def verouderd(wat: str) -> VerouderdDossier:
    """Somebody else saved in between (optimistic locking): nothing was changed."""
    return VerouderdDossier(
        f"Iemand anders heeft {wat} gewijzigd nadat u de pagina opende. Uw wijzigingen "
        "zijn niet opgeslagen. Laad de pagina opnieuw en voer ze nog eens in.",
        code="stale",
    )


def _vastleggen(inburgeraar: Inburgeraar, user: User, omschrijving: str) -> None:
    """The timeline entry and the verwerkingenlog row of one change. The words before
    the colon name the action in the verwerkingenlog (no amounts or payees there)."""
    wijziging_vastleggen(
        inburgeraar,
        gebruiker=user,
        soort=GebeurtenisSoort.ONTZORGEN,
        omschrijving=omschrijving,
        actie_naam=omschrijving.split(":")[0],
        handeling="Financieel ontzorgen",
    )


def _ontzorging_vergrendelen(ontzorging: Ontzorging, versie: int) -> Ontzorging:
    current = (
        Ontzorging.objects.select_for_update(of=("self",))
        .select_related("inburgeraar")
        .get(pk=ontzorging.pk)
    )
    if current.versie != versie:
        raise verouderd("het ontzorgen")
    return current


def _opslaan(ontzorging: Ontzorging) -> None:
    ontzorging.versie += 1
    ontzorging.save()


@transaction.atomic
def ontzorging_starten(
    *, inburgeraar: Inburgeraar, acting_user: User, startdatum: date | None = None
) -> Ontzorging:
    """Start the period on `startdatum` (default: the start of the bijstand), with
    the four standard fixed costs, amounts still to be filled in."""
    # Serialise two starts of the same dossier.
    inburgeraar = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
    inburgeraar.wi2021_vereist("Financieel ontzorgen")
    weigering = ontzorgen_weigering(inburgeraar)
    if weigering:
        raise ValidationError(weigering, code="geen_56a")
    if Ontzorging.objects.filter(inburgeraar=inburgeraar).exists():
        raise ValidationError("Het ontzorgen is voor dit dossier al gestart.")
    startdatum = startdatum or inburgeraar.bijstand_start
    if startdatum is None:
        raise ValidationError(
            {"startdatum": "Vul de datum in waarop het recht op bijstand start."}
        )
    duur = geheel("ontzorgen_maanden", startdatum)
    ontzorging = Ontzorging.objects.create(
        inburgeraar=inburgeraar,
        startdatum=startdatum,
        duur_maanden=duur,
        einddatum=ontzorgen_einde(startdatum, duur),
        aangemaakt_door=acting_user,
    )
    VasteLast.objects.bulk_create(
        VasteLast(ontzorging=ontzorging, inburgeraar=inburgeraar, soort=soort)
        for soort in STANDAARD_VASTE_LASTEN
    )
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Ontzorgen gestart: {datum_tekst(startdatum)} tot en met "
        f"{datum_tekst(ontzorging.einddatum)} ({duur} maanden)",
    )
    return ontzorging


@transaction.atomic
def ontzorging_periode_wijzigen(
    *,
    ontzorging: Ontzorging,
    versie: int,
    startdatum: date,
    bijstand_einde: date | None,
    verlengd_tot: date | None,
    verlenging_reden: str,
    acting_user: User,
    andere_grondslag: str = "",
) -> Ontzorging:
    """Correct the start, record the end of the bijstand, or extend (maatwerk, on
    another basis than Pw art. 56a: `andere_grondslag`). A new start takes the
    duration of the parameter on that date."""
    current = _ontzorging_vergrendelen(ontzorging, versie)
    duur = (
        current.duur_maanden
        if startdatum == current.startdatum
        else geheel("ontzorgen_maanden", startdatum)
    )
    verlenging_reden = verlenging_reden.strip()
    fouten = periode_fouten(
        startdatum=startdatum,
        duur_maanden=duur,
        bijstand_einde=bijstand_einde,
        verlengd_tot=verlengd_tot,
        verlenging_reden=verlenging_reden,
        andere_grondslag=andere_grondslag,
    )
    if fouten:
        raise ValidationError(fouten)
    einde = ontzorgen_einde(startdatum, duur, bijstand_einde, verlengd_tot)
    buiten = sorted(
        Betaling.objects.filter(vaste_last__ontzorging=current)
        .exclude(maand__range=(maand_begin(startdatum), maand_begin(einde)))
        .values_list("maand", flat=True)
        .distinct()
    )
    if buiten:
        raise ValidationError(
            "Er zijn betalingen vastgelegd voor maanden buiten deze periode ("
            + opsomming(maand_tekst(m) for m in buiten)
            + "). Pas die eerst aan of kies een andere periode."
        )
    current.startdatum = startdatum
    current.duur_maanden = duur
    current.bijstand_einde = bijstand_einde
    current.verlengd_tot = verlengd_tot
    current.verlenging_reden = verlenging_reden if verlengd_tot else ""
    current.andere_grondslag = andere_grondslag if verlengd_tot else ""
    current.einddatum = einde
    _opslaan(current)
    omschrijving = (
        f"Periode ontzorgen gewijzigd: {datum_tekst(startdatum)} tot en met "
        f"{datum_tekst(einde)}"
    )
    if bijstand_einde is not None:
        omschrijving += f"; bijstand beëindigd op {datum_tekst(bijstand_einde)}"
    if verlengd_tot is not None:
        omschrijving += (
            f"; verlengd tot {datum_tekst(verlengd_tot)} (maatwerk, op grond van "
            f"{current.get_andere_grondslag_display()})"
        )
    _vastleggen(current.inburgeraar, acting_user, omschrijving)
    return current


@transaction.atomic
def machtiging_vastleggen(
    *, ontzorging: Ontzorging, versie: int, getekend_op: date, acting_user: User
) -> Ontzorging:
    """The client's machtiging to pay on their behalf (Pw art. 56a [S])."""
    current = _ontzorging_vergrendelen(ontzorging, versie)
    if getekend_op > timezone.localdate():
        raise ValidationError(
            {
                "machtiging_getekend_op": "De datum van ondertekening ligt in de toekomst."
            }
        )
    current.machtiging_getekend_op = getekend_op
    _opslaan(current)
    _vastleggen(
        current.inburgeraar,
        acting_user,
        f"Machtiging vastgelegd: getekend op {datum_tekst(getekend_op)}",
    )
    return current


@transaction.atomic
def cursus_vastleggen(
    *,
    ontzorging: Ontzorging,
    versie: int,
    cursus_status: str,
    cursus_start: date | None,
    cursus_afgerond_op: date | None,
    acting_user: User,
) -> Ontzorging:
    """The course "omgaan met geld" (preparation for financial self-reliance)."""
    current = _ontzorging_vergrendelen(ontzorging, versie)
    fouten = cursus_fouten(
        status=cursus_status,
        start=cursus_start,
        afgerond_op=cursus_afgerond_op,
        vandaag=timezone.localdate(),
    )
    if fouten:
        raise ValidationError(fouten)
    current.cursus_status = cursus_status
    current.cursus_start = cursus_start
    current.cursus_afgerond_op = cursus_afgerond_op
    _opslaan(current)
    omschrijving = f"Cursus 'omgaan met geld': {current.get_cursus_status_display()}"
    if cursus_start:
        omschrijving += f", start {datum_tekst(cursus_start)}"
    if cursus_afgerond_op:
        omschrijving += f", afgerond op {datum_tekst(cursus_afgerond_op)}"
    _vastleggen(current.inburgeraar, acting_user, omschrijving)
    return current


@transaction.atomic
def zelfredzaamheid_vastleggen(
    *,
    ontzorging: Ontzorging,
    versie: int,
    zelfredzaamheid_vanaf: date | None,
    zelfredzaamheid_toelichting: str,
    acting_user: User,
) -> Ontzorging:
    """The step after ontzorgen: preparation for financial self-reliance."""
    current = _ontzorging_vergrendelen(ontzorging, versie)
    toelichting = zelfredzaamheid_toelichting.strip()
    if zelfredzaamheid_vanaf is not None:
        if zelfredzaamheid_vanaf < current.startdatum:
            raise ValidationError(
                {
                    "zelfredzaamheid_vanaf": "Dit ligt vóór de start van het ontzorgen "
                    f"({datum_tekst(current.startdatum)})."
                }
            )
        if not toelichting:
            raise ValidationError(
                {
                    "zelfredzaamheid_toelichting": "Schrijf op welke afspraken u "
                    "maakt over de financiële zelfredzaamheid."
                }
            )
    current.zelfredzaamheid_vanaf = zelfredzaamheid_vanaf
    current.zelfredzaamheid_toelichting = toelichting
    _opslaan(current)
    _vastleggen(
        current.inburgeraar,
        acting_user,
        "Financiële zelfredzaamheid: "
        + (
            f"voorbereiding vanaf {datum_tekst(zelfredzaamheid_vanaf)}"
            if zelfredzaamheid_vanaf
            else "afspraken bijgewerkt"
        ),
    )
    return current


def beschikking_fouten(
    lasten: Sequence[VasteLast], ontzorging: Ontzorging | None = None
) -> list[str]:
    if (
        ontzorging is not None
        and ontzorging.verlengd_tot
        and not (ontzorging.andere_grondslag)
    ):
        # An extension from before the basis was asked (migration 0008).
        return [
            "Het ontzorgen is verlengd na de periode van Participatiewet art. 56a, "
            "maar de andere grondslag is niet vastgelegd. Kies die eerst bij "
            "'Periode wijzigen of verlengen'."
        ]
    if not lasten:
        return ["Leg eerst vast welke vaste lasten worden betaald."]
    onvolledig = [
        str(last) for last in lasten if not (last.begunstigde and last.bedrag)
    ]
    if onvolledig:
        return [
            "Vul bij elke vaste last de begunstigde en het bedrag in, of verwijder "
            "de vaste last: " + opsomming(onvolledig) + "."
        ]
    return []


def _ontzorgingsbeschikking(ontzorging: Ontzorging) -> dict:
    """The letter's kind, template and content: the same for the voorbeeld and the
    beschikking; refused while the vaste lasten are incomplete."""
    lasten = list(ontzorging.vaste_lasten.all())
    fouten = beschikking_fouten(lasten, ontzorging)
    if fouten:
        raise ValidationError(fouten)
    regulier = regulier_einde(ontzorging.startdatum, ontzorging.duur_maanden)
    return {
        "inburgeraar": ontzorging.inburgeraar,
        "soort": BriefSoort.ONTZORGINGSBESCHIKKING,
        "template_name": "pip_plans/pdf/ontzorgingsbeschikking.html",
        "context": {
            "ontzorging": ontzorging,
            "lasten": lasten,
            "regulier_einde": regulier,
            "verlengd": ontzorging.einddatum > regulier,
            "eindigt_met_bijstand": ontzorging.bijstand_einde is not None
            and ontzorging.einddatum == ontzorging.bijstand_einde,
        },
    }


def ontzorgingsbeschikking_voorbeeld(
    *, ontzorging: Ontzorging, acting_user: User
) -> bytes:
    """The ontzorgingsbeschikking as it would be made now, marked CONCEPT (issue
    20); nothing stored."""
    return brief_voorbeeld(
        **_ontzorgingsbeschikking(ontzorging), acting_user=acting_user
    )


@atomic_with_documents
def ontzorgingsbeschikking_opmaken(
    *, ontzorging: Ontzorging, acting_user: User, dagtekening: date | None = None
) -> Brief:
    """The ontzorgingsbeschikking (part of the PIP in brede zin [S: Schulinck]):
    the period, the fixed costs with payee and amount, the machtiging, Pw art. 56a
    for its regular months (up to `regulier_einde`) and the other basis for an
    extension after them, and the bezwaar clause. Rendered and stored in this
    transaction."""
    current = (
        Ontzorging.objects.select_for_update(of=("self",))
        .select_related("inburgeraar__gemeente", "inburgeraar__casusregisseur")
        .get(pk=ontzorging.pk)
    )
    inburgeraar = current.inburgeraar
    brief = brief_opmaken(
        **_ontzorgingsbeschikking(current),
        acting_user=acting_user,
        ontzorging=current,
        dagtekening=dagtekening,
    )
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Ontzorgingsbeschikking opgemaakt: {brief.kenmerk}",
    )
    return brief
