"""Financieel ontzorgen (DOMAIN.md §5): the period, the fixed costs, the payments
RSD makes, the course "omgaan met geld" and the ontzorgingsbeschikking.

Legal basis: Participatiewet art. 56a [S: Schulinck, "Ontzorgen van
inburgeringsplichtige asielstatushouders met recht op bijstand"]. Ontzorgen lasts
`ontzorgen_maanden` (a dated parameter, 6 by default) from the date the right to
bijstand starts, ends earlier when the bijstand ends, and lasts longer only as
maatwerk with a reason.

The first half holds the pure rules (no ORM, no clock: the caller passes `vandaag`).
The second half holds the services: keyword-only, one transaction each, a timeline
entry and a verwerkingenlog row per change, ValidationError (Dutch) for what the
user can fix.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from intake.models import Gebeurtenis, Inburgeraar
from intake.services import VerouderdDossier
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, euro, maand_tekst
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import (
    maand_begin,
    maanden_tussen,
    maanden_verschil,
    periode_einde,
)
from zevenaar_inburgering.validators import normalise_iban
from zevenaar_inburgering.verwerkingen import log

from .brieven import brief_opmaken
from .models import (
    STANDAARD_VASTE_LASTEN,
    Betaling,
    Brief,
    BriefSoort,
    CursusStatus,
    Frequentie,
    Ontzorging,
    VasteLast,
    VasteLastSoort,
)
from .services import ontzorgen_mogelijk
from .tijdlijn import GebeurtenisSoort

# --- Pure rules -----------------------------------------------------------------------


# How many months lie between two payments of each frequency.
STAP_MAANDEN = {Frequentie.MAAND: 1, Frequentie.KWARTAAL: 3, Frequentie.JAAR: 12}


class OntzorgenFase(models.TextChoices):
    NOG_NIET_GESTART = "nog_niet_gestart", "Nog niet gestart"
    ACTIEF = "actief", "Actief"
    VERLENGD = "verlengd", "Verlengd"
    BEEINDIGD = "beeindigd", "Beëindigd"


def regulier_einde(startdatum: date, duur_maanden: int) -> date:
    """The last day of the regular period: `duur_maanden` from the date the right to
    bijstand starts (Pw art. 56a [S]), by the month-end rule (DOMAIN §13.1): 1 April
    and 6 months end on 30 September, 31 August on the last day of February."""
    return periode_einde(startdatum, maanden=duur_maanden)


def ontzorgen_einde(
    startdatum: date,
    duur_maanden: int,
    bijstand_einde: date | None = None,
    verlengd_tot: date | None = None,
) -> date:
    """The last day of ontzorgen, the one value stored as Ontzorging.einddatum.

    The regular end (`regulier_einde`), or a later `verlengd_tot` (maatwerk, DOMAIN.md
    §5), but never after the bijstand ends: ontzorgen is carried out through the
    bijstand (Pw art. 56a [S])."""
    einde = regulier_einde(startdatum, duur_maanden)
    if verlengd_tot is not None and verlengd_tot > einde:
        einde = verlengd_tot
    if bijstand_einde is not None and bijstand_einde < einde:
        einde = bijstand_einde
    return einde


def ontzorgen_fase(
    *, startdatum: date, einddatum: date, regulier_einde: date, vandaag: date
) -> OntzorgenFase:
    """Where the period stands today. "Verlengd": running past its regular end."""
    if vandaag < startdatum:
        return OntzorgenFase.NOG_NIET_GESTART
    if vandaag > einddatum:
        return OntzorgenFase.BEEINDIGD
    if vandaag > regulier_einde:
        return OntzorgenFase.VERLENGD
    return OntzorgenFase.ACTIEF


def periode_fouten(
    *,
    startdatum: date,
    duur_maanden: int,
    bijstand_einde: date | None,
    verlengd_tot: date | None,
    verlenging_reden: str,
) -> dict[str, str]:
    """What is wrong with a period (empty: nothing). A longer period is maatwerk: only
    with a reason and after the regular end (DOMAIN.md §5)."""
    fouten = {}
    regulier = regulier_einde(startdatum, duur_maanden)
    if bijstand_einde is not None and bijstand_einde < startdatum:
        fouten["bijstand_einde"] = (
            "De bijstand kan niet eindigen vóór de start van het ontzorgen "
            f"({datum_tekst(startdatum)})."
        )
    if verlengd_tot is not None:
        if verlengd_tot <= regulier:
            fouten["verlengd_tot"] = (
                "Een verlenging ligt na het gewone einde van het ontzorgen "
                f"({datum_tekst(regulier)})."
            )
        if not verlenging_reden.strip():
            fouten["verlenging_reden"] = (
                "Een verlenging is maatwerk: schrijf op waarom het ontzorgen langer duurt."
            )
    elif verlenging_reden.strip():
        fouten["verlengd_tot"] = (
            "Vul in tot wanneer het ontzorgen is verlengd, of maak de reden leeg."
        )
    return fouten


def cursus_fouten(
    *, status: str, start: date | None, afgerond_op: date | None, vandaag: date
) -> dict[str, str]:
    """The course "omgaan met geld": dates that fit its status."""
    fouten = {}
    if status == CursusStatus.NIET_GEPLAND:
        if start or afgerond_op:
            fouten["cursus_status"] = (
                "De cursus heeft een datum: kies 'Gepland', 'Gevolgd' of 'Afgerond'."
            )
        return fouten
    if start is None:
        fouten["cursus_start"] = "Vul de startdatum van de cursus in."
    elif status in (CursusStatus.GEVOLGD, CursusStatus.AFGEROND) and start > vandaag:
        fouten["cursus_start"] = (
            "De cursus is nog niet begonnen: kies 'Gepland' of pas de datum aan."
        )
    if status == CursusStatus.AFGEROND:
        if afgerond_op is None:
            fouten["cursus_afgerond_op"] = "Vul in wanneer de cursus is afgerond."
        elif afgerond_op > vandaag:
            fouten["cursus_afgerond_op"] = "De afrondingsdatum ligt in de toekomst."
        elif start is not None and afgerond_op < start:
            fouten["cursus_afgerond_op"] = (
                "De cursus kan niet zijn afgerond vóór de start."
            )
    elif afgerond_op is not None:
        fouten["cursus_afgerond_op"] = (
            "Een afrondingsdatum hoort bij de status 'Afgerond'."
        )
    return fouten


def betaling_fouten(
    *,
    maand: date,
    bedrag: Decimal | None,
    betaald_op: date | None,
    startdatum: date,
    einddatum: date,
    vandaag: date,
) -> dict[str, str]:
    """A payment RSD records: a month of the period, a positive amount, not paid on a
    day that has not come yet."""
    fouten = {}
    if not (maand_begin(startdatum) <= maand <= maand_begin(einddatum)):
        fouten["maand"] = (
            f"{maand_tekst(maand).capitalize()} valt buiten de periode van het "
            f"ontzorgen ({maand_tekst(startdatum)} tot en met {maand_tekst(einddatum)})."
        )
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = "Het bedrag moet groter zijn dan € 0,00."
    if betaald_op is not None and betaald_op > vandaag:
        fouten["betaald_op"] = "De betaaldatum ligt in de toekomst."
    return fouten


def is_verschuldigd(
    *, frequentie: str, maand: date, eerste_maand: date, laatste_maand: date
) -> bool:
    """Is a payment due in `maand`? Monthly: every month; kwartaal: every third month
    from the first month; jaar: once a year from the first month (once in a regular
    period). Nothing before the first or after the last month."""
    if maand < eerste_maand or maand > laatste_maand:
        return False
    stap = STAP_MAANDEN[Frequentie(frequentie)]
    return maanden_verschil(eerste_maand, maand) % stap == 0


class LastLike(Protocol):
    pk: Any
    bedrag: Decimal | None
    frequentie: str
    vanaf: date | None
    tot: date | None


class BetalingLike(Protocol):
    vaste_last_id: Any
    maand: date
    bedrag: Decimal
    betaald_op: date


STATUS_LABELS = {
    "betaald": "Betaald",
    "deels": "Deels betaald",
    "open": "Nog niet betaald",
    "extra": "Betaald, niet verschuldigd",
    "": "Niet verschuldigd",
}


@dataclass(frozen=True)
class Cel:
    """One fixed cost in one month: what was due and what was paid."""

    verschuldigd: bool
    bedrag: Decimal | None  # the amount due; None when not due or not known yet
    betaald: Decimal | None
    betaald_op: date | None = None

    @property
    def status(self) -> str:
        if self.betaald is not None:
            if not self.verschuldigd:
                return "extra"
            if self.bedrag is not None and self.betaald < self.bedrag:
                return "deels"
            return "betaald"
        return "open" if self.verschuldigd else ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def nog_open(self) -> Decimal:
        if not self.verschuldigd or self.bedrag is None:
            return Decimal(0)
        return max(self.bedrag - (self.betaald or 0), Decimal(0))


@dataclass(frozen=True)
class Maandregel:
    maand: date
    cellen: tuple[Cel, ...]
    verschuldigd: Decimal
    betaald: Decimal


@dataclass(frozen=True)
class Lasttotaal:
    last: Any
    verschuldigd: Decimal
    betaald: Decimal
    open_maanden: int


@dataclass(frozen=True)
class Betalingsoverzicht:
    lasten: tuple
    maanden: tuple[Maandregel, ...]
    per_last: tuple[Lasttotaal, ...]
    verschuldigd: Decimal
    betaald: Decimal
    nog_open: Decimal
    # A cost is due in some month but its amount is not known yet.
    bedragen_onbekend: bool


def betalingsoverzicht(
    *,
    startdatum: date,
    einddatum: date,
    lasten: Sequence[LastLike],
    betalingen: Iterable[BetalingLike],
) -> Betalingsoverzicht:
    """Due against paid, per month of the period and per fixed cost.

    A cost is due from the later of the period's first month and its `vanaf` month
    to the earlier of the period's last month and its `tot` month, at its
    frequentie (`is_verschuldigd`). One payment per cost and month (the model's
    unique constraint); payments outside the period are not shown."""
    betaald = {(b.vaste_last_id, b.maand): b for b in betalingen}
    periode = maanden_tussen(startdatum, einddatum)
    grenzen = []
    for last in lasten:
        eerste = max(periode[0], maand_begin(last.vanaf or periode[0]))
        laatste = min(periode[-1], maand_begin(last.tot or periode[-1]))
        grenzen.append((eerste, laatste))

    regels, kolommen = [], [[] for _ in lasten]
    for maand in periode:
        cellen = []
        for i, last in enumerate(lasten):
            eerste, laatste = grenzen[i]
            verschuldigd = is_verschuldigd(
                frequentie=last.frequentie,
                maand=maand,
                eerste_maand=eerste,
                laatste_maand=laatste,
            )
            betaling = betaald.get((last.pk, maand))
            cel = Cel(
                verschuldigd=verschuldigd,
                bedrag=last.bedrag if verschuldigd else None,
                betaald=betaling.bedrag if betaling else None,
                betaald_op=betaling.betaald_op if betaling else None,
            )
            cellen.append(cel)
            kolommen[i].append(cel)
        regels.append(
            Maandregel(
                maand=maand,
                cellen=tuple(cellen),
                verschuldigd=sum((c.bedrag or 0 for c in cellen), Decimal(0)),
                betaald=sum((c.betaald or 0 for c in cellen), Decimal(0)),
            )
        )
    per_last = tuple(
        Lasttotaal(
            last=last,
            verschuldigd=sum((c.bedrag or 0 for c in kolom), Decimal(0)),
            betaald=sum((c.betaald or 0 for c in kolom), Decimal(0)),
            open_maanden=sum(1 for c in kolom if c.status in ("open", "deels")),
        )
        for last, kolom in zip(lasten, kolommen, strict=True)
    )
    alle_cellen = [c for kolom in kolommen for c in kolom]
    return Betalingsoverzicht(
        lasten=tuple(lasten),
        maanden=tuple(regels),
        per_last=per_last,
        verschuldigd=sum((t.verschuldigd for t in per_last), Decimal(0)),
        betaald=sum((t.betaald for t in per_last), Decimal(0)),
        nog_open=sum((c.nog_open for c in alle_cellen), Decimal(0)),
        bedragen_onbekend=any(c.verschuldigd and c.bedrag is None for c in alle_cellen),
    )


def fase_van(ontzorging: Ontzorging, vandaag: date) -> OntzorgenFase:
    """The phase of a stored period (for pages and the werkvoorraad)."""
    return ontzorgen_fase(
        startdatum=ontzorging.startdatum,
        einddatum=ontzorging.einddatum,
        regulier_einde=regulier_einde(ontzorging.startdatum, ontzorging.duur_maanden),
        vandaag=vandaag,
    )


# --- Services -------------------------------------------------------------------------

LAST_VELDEN = (
    "soort",
    "omschrijving",
    "begunstigde",
    "iban",
    "bedrag",
    "frequentie",
    "vanaf",
    "tot",
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
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=GebeurtenisSoort.ONTZORGEN,
        gebruiker=user,
        omschrijving=omschrijving,
    )
    log.log_dossiers_changed(
        [inburgeraar],
        user=user,
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


def _last_vergrendelen(vaste_last: VasteLast, versie: int) -> VasteLast:
    current = (
        VasteLast.objects.select_for_update(of=("self",))
        .select_related("ontzorging", "inburgeraar")
        .get(pk=vaste_last.pk)
    )
    if current.versie != versie:
        raise verouderd("deze vaste last")
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
    if not ontzorgen_mogelijk(inburgeraar):
        raise ValidationError(
            "Financieel ontzorgen geldt alleen voor asielstatushouders met recht op "
            "bijstand (Participatiewet artikel 56a)."
        )
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
) -> Ontzorging:
    """Correct the start, record the end of the bijstand, or extend (maatwerk). A
    new start takes the duration of the parameter on that date."""
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
            + ", ".join(maand_tekst(m) for m in buiten)
            + "). Pas die eerst aan of kies een andere periode."
        )
    current.startdatum = startdatum
    current.duur_maanden = duur
    current.bijstand_einde = bijstand_einde
    current.verlengd_tot = verlengd_tot
    current.verlenging_reden = verlenging_reden if verlengd_tot else ""
    current.einddatum = einde
    _opslaan(current)
    omschrijving = (
        f"Periode ontzorgen gewijzigd: {datum_tekst(startdatum)} tot en met "
        f"{datum_tekst(einde)}"
    )
    if bijstand_einde is not None:
        omschrijving += f"; bijstand beëindigd op {datum_tekst(bijstand_einde)}"
    if verlengd_tot is not None:
        omschrijving += f"; verlengd tot {datum_tekst(verlengd_tot)} (maatwerk)"
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


def _last_gegevens(data: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise the fields of a fixed cost; raise ValidationError."""
    gegevens = {naam: data.get(naam) for naam in LAST_VELDEN}
    gegevens["omschrijving"] = (gegevens["omschrijving"] or "").strip()
    gegevens["begunstigde"] = (gegevens["begunstigde"] or "").strip()
    gegevens["frequentie"] = gegevens["frequentie"] or Frequentie.MAAND
    fouten = {}
    if gegevens["soort"] not in VasteLastSoort.values:
        fouten["soort"] = "Kies de soort vaste last."
    elif gegevens["soort"] == VasteLastSoort.OVERIG and not gegevens["omschrijving"]:
        fouten["omschrijving"] = (
            "Beschrijf de overige vaste last, bijvoorbeeld 'Internet'."
        )
    if gegevens["frequentie"] not in Frequentie.values:
        fouten["frequentie"] = "Kies hoe vaak er betaald wordt."
    if gegevens["iban"]:
        try:
            gegevens["iban"] = normalise_iban(gegevens["iban"])
        except ValidationError as error:
            fouten["iban"] = error.messages[0]
    else:
        gegevens["iban"] = ""
    if gegevens["bedrag"] is not None and gegevens["bedrag"] <= 0:
        fouten["bedrag"] = "Het bedrag moet groter zijn dan € 0,00."
    for naam in ("vanaf", "tot"):
        if gegevens[naam] is not None:
            gegevens[naam] = maand_begin(gegevens[naam])
    if gegevens["vanaf"] and gegevens["tot"] and gegevens["tot"] < gegevens["vanaf"]:
        fouten["tot"] = "De laatste betaling ligt vóór de eerste."
    if fouten:
        raise ValidationError(fouten)
    return gegevens


def _last_tekst(last: VasteLast) -> str:
    tekst = str(last)
    if last.bedrag is not None:
        tekst += f" {euro(last.bedrag)} {last.get_frequentie_display().lower()}"
    if last.begunstigde:
        tekst += f" aan {last.begunstigde}"
    return tekst


@transaction.atomic
def vaste_last_toevoegen(
    *, ontzorging: Ontzorging, data: dict[str, Any], acting_user: User
) -> VasteLast:
    """Another fixed cost for this client (maatwerk, DOMAIN.md §5)."""
    gegevens = _last_gegevens(data)
    last = VasteLast.objects.create(
        ontzorging=ontzorging, inburgeraar_id=ontzorging.inburgeraar_id, **gegevens
    )
    _vastleggen(
        ontzorging.inburgeraar,
        acting_user,
        f"Vaste last toegevoegd: {_last_tekst(last)}",
    )
    return last


@transaction.atomic
def vaste_last_wijzigen(
    *, vaste_last: VasteLast, versie: int, data: dict[str, Any], acting_user: User
) -> VasteLast:
    """Payee, IBAN, amount, frequency or months of a fixed cost."""
    current = _last_vergrendelen(vaste_last, versie)
    gegevens = _last_gegevens(data)
    for naam, waarde in gegevens.items():
        setattr(current, naam, waarde)
    current.versie += 1
    current.save()
    _vastleggen(
        current.inburgeraar,
        acting_user,
        f"Vaste last gewijzigd: {_last_tekst(current)}",
    )
    return current


@transaction.atomic
def vaste_last_verwijderen(
    *, vaste_last: VasteLast, versie: int, acting_user: User
) -> None:
    """Remove a fixed cost that is not paid for this client (e.g. water in the rent).
    One with payments stays: set its last month instead."""
    current = _last_vergrendelen(vaste_last, versie)
    if current.betalingen.exists():
        raise ValidationError(
            "Voor deze vaste last zijn betalingen vastgelegd; die blijven bewaard. "
            "Vul in plaats daarvan de laatste betaling in."
        )
    tekst = str(current)
    current.delete()
    _vastleggen(current.inburgeraar, acting_user, f"Vaste last verwijderd: {tekst}")


@transaction.atomic
def betaling_vastleggen(
    *,
    vaste_last: VasteLast,
    maand: date,
    bedrag: Decimal,
    betaald_op: date,
    acting_user: User,
) -> tuple[Betaling, bool]:
    """What RSD paid for one fixed cost in one month. One row per cost and month:
    recording the same month again replaces it. Returns (betaling, vervangen)."""
    # Lock the cost: two recordings of the same month wait for each other.
    last = (
        VasteLast.objects.select_for_update(of=("self",))
        .select_related("ontzorging", "inburgeraar")
        .get(pk=vaste_last.pk)
    )
    maand = maand_begin(maand)
    fouten = betaling_fouten(
        maand=maand,
        bedrag=bedrag,
        betaald_op=betaald_op,
        startdatum=last.ontzorging.startdatum,
        einddatum=last.ontzorging.einddatum,
        vandaag=timezone.localdate(),
    )
    if fouten:
        raise ValidationError(fouten)
    betaling, nieuw = Betaling.objects.update_or_create(
        vaste_last=last,
        maand=maand,
        defaults={
            "inburgeraar": last.inburgeraar,
            "bedrag": bedrag,
            "betaald_op": betaald_op,
            "vastgelegd_door": acting_user,
        },
    )
    _vastleggen(
        last.inburgeraar,
        acting_user,
        f"Betaling {'vastgelegd' if nieuw else 'vervangen'}: {last} "
        f"{maand_tekst(maand)} {euro(bedrag)}, betaald op {datum_tekst(betaald_op)}",
    )
    return betaling, not nieuw


def beschikking_fouten(lasten: Sequence[VasteLast]) -> list[str]:
    if not lasten:
        return ["Leg eerst vast welke vaste lasten worden betaald."]
    onvolledig = [
        str(last) for last in lasten if not (last.begunstigde and last.bedrag)
    ]
    if onvolledig:
        return [
            "Vul bij elke vaste last de begunstigde en het bedrag in, of verwijder "
            "de vaste last: " + ", ".join(onvolledig) + "."
        ]
    return []


@atomic_with_documents
def ontzorgingsbeschikking_opmaken(
    *, ontzorging: Ontzorging, acting_user: User, dagtekening: date | None = None
) -> Brief:
    """The ontzorgingsbeschikking (part of the PIP in brede zin [S: Schulinck]):
    the period, the fixed costs with payee and amount, the machtiging, Pw art. 56a
    and the bezwaar clause. Rendered and stored in this transaction."""
    current = (
        Ontzorging.objects.select_for_update(of=("self",))
        .select_related("inburgeraar__gemeente", "inburgeraar__casusregisseur")
        .get(pk=ontzorging.pk)
    )
    lasten = list(current.vaste_lasten.all())
    fouten = beschikking_fouten(lasten)
    if fouten:
        raise ValidationError(fouten)
    inburgeraar = current.inburgeraar
    regulier = regulier_einde(current.startdatum, current.duur_maanden)
    brief = brief_opmaken(
        inburgeraar=inburgeraar,
        soort=BriefSoort.ONTZORGINGSBESCHIKKING,
        template_name="pip_plans/pdf/ontzorgingsbeschikking.html",
        context={
            "ontzorging": current,
            "lasten": lasten,
            "regulier_einde": regulier,
            "verlengd": current.einddatum > regulier,
            "eindigt_met_bijstand": current.bijstand_einde is not None
            and current.einddatum == current.bijstand_einde,
        },
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
