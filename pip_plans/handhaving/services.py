"""Handhaving (DOMAIN.md §7): the college's bestuurlijke boete for an overtreding of a
Wet inburgering 2021 obligation, and its samenloop with a Participatiewet maatregel
that RSD records.

The steps of a handhavingszaak, each a service below, none automatic:

1. handhavingszaak_aanmaken: the overtreding, its date (not in the future), the facts;
2. waarschuwing_versturen (optional): a written warning, a letter PDF;
3. rapport_opmaken: for an intended fine above `boete_rapport_grens` (€ 340) a rapport
   and a zienswijze term (Awb art. 5:53); the decision is due 13 weeks after the
   rapport (Awb art. 5:51), stored as `beslistermijn`;
4. zienswijze_vastleggen: the inburgeraar's response, or that none came;
5. besluit_nemen: a fine (≤ the dated maximum, only with a verwijtbaarheid judgement,
   Awb art. 5:41; fines can be switched off per doelgroep) with the boetebeschikking
   PDF, or afzien with a reason;
6. boete_bezwaar_registreren / boete_bezwaar_beslissen: bezwaar, 6 weeks (Awb 6:7).

The first half holds the pure rules (no ORM, no clock: the caller passes the date and
the dated parameters). The second half holds the services: keyword-only, one
transaction each, a timeline entry (Gebeurtenis HANDHAVING or MAATREGEL) and a
verwerkingenlog row per change, optimistic locking on Handhavingszaak.versie, and
ValidationError with Dutch messages per field for what the user can fix.

Samenloop (DOMAIN.md §7.3): a maatregel and a handhavingszaak (not afgezien) of the
same person whose dates lie within `samenloop_venster_dagen` of each other.
`samenloop()` gives the pairs for one dossier, `met_samenloop()` annotates an
Inburgeraar queryset with `heeft_samenloop` (one Exists, the definition of
HandhavingszaakQuerySet.met_samenloop). The RSD klantmanager gets only
`samenloop_voor_rsd()`: the maatregel and the casusregisseur, never the zaak.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from intake.models import (
    DoelgroepCategorie,
    Gebeurtenis,
    Inburgeraar,
)
from intake.services import VerouderdDossier
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.parameters.models import geheel, waarde
from zevenaar_inburgering.termijnen import wettelijke_termijn_einde
from zevenaar_inburgering.verwerkingen import log

from .brieven import brief_opmaken
from .models import (
    LOPENDE_HANDHAVING,
    BesluitSoort,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
    MaatregelGrond,
    Overtreding,
    Verwijtbaarheid,
)
from .tijdlijn import GebeurtenisSoort

# --- Pure rules -----------------------------------------------------------------------


# Awb art. 5:41: no fine when the overtreding cannot be blamed on the person.
VERWIJTBAAR = (Verwijtbaarheid.VOLLEDIG, Verwijtbaarheid.VERMINDERD)

# The dated parameter that switches fines on (1) or off (0) per doelgroep.
BOETE_PARAMETER = {
    DoelgroepCategorie.ASIEL: "boete_asiel_toegestaan",
    DoelgroepCategorie.GEZIN_OVERIG: "boete_gezin_overig_toegestaan",
}


def rapport_vereist(bedrag: Decimal | None, grens: Decimal) -> bool:
    """Awb art. 5:53 lid 1: a fine above the limit (€ 340, the dated parameter
    `boete_rapport_grens`) needs a rapport and a zienswijze first; exactly the limit
    does not."""
    return bedrag is not None and bedrag > grens


def zienswijze_termijn(rapport_op: date, weken: int) -> date:
    """The default last day for the zienswijze: `weken` (2, local policy [U]) after
    the rapport (Awb art. 5:53 lid 2 gives the chance, not the length). The term is
    the college's, not the law's, so the Algemene termijnenwet does not bind it; it
    is applied all the same, so that the inburgeraar never loses a day to a weekend
    or feestdag (the reading that protects the person heard, DOMAIN §13.2)."""
    return wettelijke_termijn_einde(rapport_op, weken=weken)


def beslistermijn(rapport_op: date, weken: int) -> date:
    """Awb art. 5:51 lid 1: decide within 13 weeks after the dagtekening of the
    rapport (the dated parameter `boete_beslistermijn_weken`), a statutory term
    extended by the Algemene termijnenwet (DOMAIN §13.2)."""
    return wettelijke_termijn_einde(rapport_op, weken=weken)


def beslistermijn_verstreken(termijn: date | None, vandaag: date) -> bool:
    return termijn is not None and vandaag > termijn


def zienswijze_afgewacht(
    *, zienswijze_tot: date | None, zienswijze_ontvangen_op: date | None, op: date
) -> bool:
    """After a rapport, decide (on day `op`) only once the zienswijze had come in or
    its term had passed (Awb art. 5:53 lid 2)."""
    if zienswijze_ontvangen_op is not None and zienswijze_ontvangen_op <= op:
        return True
    return zienswijze_tot is not None and op > zienswijze_tot


def boete_toegestaan(
    doelgroep_categorie: str, *, asiel: bool, gezin_overig: bool
) -> bool:
    """Whether the college may fine this doelgroep: configuration, because the law is
    moving (HvJ EU 4 February 2025, RvS 9 July 2025; DOMAIN.md §7.2, rule 10)."""
    if doelgroep_categorie == DoelgroepCategorie.ASIEL:
        return asiel
    return gezin_overig


def boete_uitgeschakeld_tekst(doelgroep_label: str) -> str:
    return (
        f"Boetes zijn uitgeschakeld voor {doelgroep_label.lower()}: het college legt "
        "deze doelgroep nu geen bestuurlijke boete op (instelling van functioneel "
        "beheer, in verband met de rechtspraak). Afzien van een boete kan wel."
    )


def in_samenloop(
    datum_overtreding: date, datum_gedraging: date, venster_dagen: int
) -> bool:
    """DOMAIN.md §7.3: one act may breach both laws. A maatregel whose gedraging lies
    within `venster_dagen` (local policy [U]) of the overtreding counts as samenloop."""
    return abs((datum_overtreding - datum_gedraging).days) <= venster_dagen


def zaak_fouten(
    *, overtreding: str, datum_overtreding: date | None, feiten: str, vandaag: date
) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if overtreding not in Overtreding.values:
        fouten["overtreding"] = "Kies de overtreding."
    if datum_overtreding is None:
        fouten["datum_overtreding"] = "Vul de datum van de overtreding in."
    elif datum_overtreding > vandaag:
        fouten["datum_overtreding"] = "De datum van de overtreding ligt in de toekomst."
    if not feiten.strip():
        fouten["feiten"] = "Beschrijf de feiten en omstandigheden."
    return fouten


def rapport_fouten(
    *,
    voorgenomen_bedrag: Decimal | None,
    rapport_op: date | None,
    rapport: str,
    zienswijze_tot: date | None,
    datum_overtreding: date,
    maximum: Decimal,
    vandaag: date,
) -> dict[str, str]:
    """Awb art. 5:48 and 5:53: the rapport names the overtreding and the intended
    fine; the person gets a term to respond."""
    fouten: dict[str, str] = {}
    if voorgenomen_bedrag is None or voorgenomen_bedrag <= 0:
        fouten["voorgenomen_bedrag"] = "Vul het bedrag van de voorgenomen boete in."
    elif voorgenomen_bedrag > maximum:
        fouten["voorgenomen_bedrag"] = (
            f"De boete is ten hoogste {euro(maximum)} (Wet inburgering 2021)."
        )
    if rapport_op is None:
        fouten["rapport_op"] = "Vul de datum van het rapport in."
    elif rapport_op > vandaag:
        fouten["rapport_op"] = "De datum van het rapport ligt in de toekomst."
    elif rapport_op < datum_overtreding:
        fouten["rapport_op"] = "Het rapport volgt op de overtreding."
    if not rapport.strip():
        fouten["rapport"] = (
            "Schrijf het rapport: de overtreding, de feiten en het bewijs."
        )
    if (
        zienswijze_tot is not None
        and rapport_op is not None
        and zienswijze_tot <= rapport_op
    ):
        fouten["zienswijze_tot"] = (
            "De zienswijzetermijn eindigt na de datum van het rapport."
        )
    return fouten


def zienswijze_fouten(
    *,
    ontvangen: bool,
    ontvangen_op: date | None,
    zienswijze: str,
    rapport_op: date,
    zienswijze_tot: date,
    vandaag: date,
) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if ontvangen:
        if ontvangen_op is None:
            fouten["ontvangen_op"] = "Vul in wanneer de zienswijze binnenkwam."
        elif ontvangen_op > vandaag:
            fouten["ontvangen_op"] = "Deze datum ligt in de toekomst."
        elif ontvangen_op < rapport_op:
            fouten["ontvangen_op"] = "Een zienswijze komt na het rapport binnen."
        if not zienswijze.strip():
            fouten["zienswijze"] = "Schrijf op wat de inburgeraar naar voren bracht."
    elif vandaag <= zienswijze_tot:
        fouten["ontvangen"] = (
            "De zienswijzetermijn loopt nog tot en met "
            f"{datum_tekst(zienswijze_tot)}. Pas daarna legt u vast dat er geen "
            "zienswijze kwam."
        )
    return fouten


def besluit_fouten(
    *,
    besluit: str,
    besluit_op: date | None,
    vandaag: date,
    datum_overtreding: date,
    boetebedrag: Decimal | None,
    verwijtbaarheid: str,
    verwijtbaarheid_toelichting: str,
    afzien_reden: str,
    rapport_op: date | None,
    voorgenomen_bedrag: Decimal | None,
    zienswijze_tot: date | None,
    zienswijze_ontvangen_op: date | None,
    maximum: Decimal,
    rapport_grens: Decimal,
    toegestaan: bool,
    doelgroep_label: str,
) -> dict[str, str]:
    """What stops this besluit, per field (empty: nothing).

    Sources: Wet inburgering 2021 art. 22/23 and the dated maximum (€ 800) [S];
    Awb art. 5:41 (no fine without verwijtbaarheid); Awb art. 5:53 (above € 340 a
    rapport and a zienswijze first); DOMAIN.md §7.2 and rule 10 (fines per doelgroep
    switchable); rule 9.
    """
    fouten: dict[str, str] = {}
    if besluit not in BesluitSoort.values:
        return {"besluit": "Kies: boete opleggen of afzien van een boete."}
    if besluit_op is None:
        fouten["besluit_op"] = "Vul de datum van het besluit in."
    elif besluit_op > vandaag:
        fouten["besluit_op"] = "De datum van het besluit ligt in de toekomst."
    elif besluit_op < datum_overtreding or (rapport_op and besluit_op < rapport_op):
        fouten["besluit_op"] = "Het besluit volgt op de overtreding en het rapport."
    if besluit == BesluitSoort.AFZIEN:
        if not afzien_reden.strip():
            fouten["afzien_reden"] = "Leg uit waarom u afziet van een boete."
        return fouten

    if not toegestaan:
        fouten["besluit"] = boete_uitgeschakeld_tekst(doelgroep_label)
        return fouten
    if verwijtbaarheid == Verwijtbaarheid.GEEN:
        fouten["verwijtbaarheid"] = (
            "Wie niet verwijtbaar is, krijgt geen boete (Awb art. 5:41). Kies 'afzien "
            "van een boete'."
        )
    elif verwijtbaarheid not in VERWIJTBAAR:
        fouten["verwijtbaarheid"] = (
            "Leg eerst het oordeel over de verwijtbaarheid vast: zonder dat oordeel is "
            "geen boete mogelijk (Awb art. 5:41)."
        )
    if not verwijtbaarheid_toelichting.strip():
        fouten["verwijtbaarheid_toelichting"] = (
            "Onderbouw het oordeel over de verwijtbaarheid."
        )
    if boetebedrag is None or boetebedrag <= 0:
        fouten["boetebedrag"] = "Vul het bedrag van de boete in (meer dan € 0,00)."
    elif boetebedrag > maximum:
        fouten["boetebedrag"] = (
            f"De boete is ten hoogste {euro(maximum)} (Wet inburgering 2021, "
            "artikelen 22 en 23)."
        )
    elif rapport_vereist(boetebedrag, rapport_grens) and (
        rapport_op is None or not rapport_vereist(voorgenomen_bedrag, rapport_grens)
    ):
        fouten["boetebedrag"] = (
            f"Een boete boven {euro(rapport_grens)} kan pas na een rapport met een "
            f"voorgenomen boete boven {euro(rapport_grens)} en een zienswijze (Awb "
            "art. 5:53). Maak eerst het rapport op."
        )
    if (
        rapport_op is not None
        and besluit_op is not None
        and not zienswijze_afgewacht(
            zienswijze_tot=zienswijze_tot,
            zienswijze_ontvangen_op=zienswijze_ontvangen_op,
            op=besluit_op,
        )
    ):
        fouten["__all__"] = (
            "Wacht op de zienswijze: de termijn loopt tot en met "
            f"{datum_tekst(zienswijze_tot)}. Legt u de zienswijze vast zodra die "
            "binnenkomt."
        )
    return fouten


def bezwaar_fouten(
    *, ontvangen_op: date | None, dagtekening: date, vandaag: date
) -> dict[str, str]:
    if ontvangen_op is None:
        return {"ontvangen_op": "Vul in wanneer het bezwaar binnenkwam."}
    if ontvangen_op > vandaag:
        return {"ontvangen_op": "Deze datum ligt in de toekomst."}
    if ontvangen_op < dagtekening:
        return {"ontvangen_op": "Een bezwaar komt na de boetebeschikking binnen."}
    return {}


# --- Samenloop ----------------------------------------------------------------------


@dataclass(frozen=True)
class Samenloop:
    """A handhavingszaak and a maatregel about (probably) the same gedraging. For the
    casusregisseur only: it holds the zaak."""

    zaak: Handhavingszaak
    maatregel: Maatregel

    @property
    def dagen(self) -> int:
        return abs((self.zaak.datum_overtreding - self.maatregel.datum_gedraging).days)


@dataclass(frozen=True)
class RsdSamenloop:
    """What the RSD klantmanager may know of a samenloop: their own maatregel and
    whom to consult. Nothing of the handhavingszaak (DESIGN.md §1)."""

    maatregel: Maatregel
    casusregisseur: User | None


def samenloop_venster(op: date | None = None) -> int:
    return geheel("samenloop_venster_dagen", op or timezone.localdate())


def samenloop_uit(
    zaken: Iterable[Handhavingszaak], maatregelen: Iterable[Maatregel], venster: int
) -> list[Samenloop]:
    """The pairs in samenloop among loaded rows (no query): a zaak that is not
    afgezien and a maatregel within `venster` days."""
    maatregelen = list(maatregelen)
    return [
        Samenloop(zaak=zaak, maatregel=maatregel)
        for zaak in zaken
        if zaak.status != HandhavingStatus.AFGEZIEN
        for maatregel in maatregelen
        if zaak.inburgeraar_id == maatregel.inburgeraar_id
        and in_samenloop(zaak.datum_overtreding, maatregel.datum_gedraging, venster)
    ]


def samenloop(inburgeraar: Inburgeraar, *, op: date | None = None) -> list[Samenloop]:
    """The (zaak, maatregel) pairs in samenloop for one person; three queries. The
    caller has fetched `inburgeraar` through visible_to and is a dossier role."""
    return samenloop_uit(
        Handhavingszaak.objects.filter(inburgeraar=inburgeraar).exclude(
            status=HandhavingStatus.AFGEZIEN
        ),
        Maatregel.objects.filter(inburgeraar=inburgeraar),
        samenloop_venster(op),
    )


def samenloop_voor_rsd(
    inburgeraar: Inburgeraar, maatregelen: Iterable[Maatregel] | None = None
) -> list[RsdSamenloop]:
    """The RSD side of samenloop: each maatregel with a handhavingszaak around its
    date, and the casusregisseur to consult. The handhavingszaken are read past
    visible_to on purpose, only to decide that one exists; nothing of them leaves this
    function. `maatregelen` may be the rows the page already loaded."""
    if maatregelen is None:
        maatregelen = Maatregel.objects.filter(inburgeraar=inburgeraar)
    maatregelen = list(maatregelen)
    if not maatregelen:
        return []
    venster = samenloop_venster()
    datums = list(
        Handhavingszaak.objects.filter(inburgeraar=inburgeraar)
        .exclude(status=HandhavingStatus.AFGEZIEN)
        .values_list("datum_overtreding", flat=True)
    )
    return [
        RsdSamenloop(maatregel=m, casusregisseur=inburgeraar.casusregisseur)
        for m in maatregelen
        if any(in_samenloop(d, m.datum_gedraging, venster) for d in datums)
    ]


def met_samenloop(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate an Inburgeraar queryset with `heeft_samenloop` (one Exists, no query
    per row), using the single definition in HandhavingszaakQuerySet.met_samenloop.
    The same as `heeft_samenloop` in InburgeraarQuerySet.met_aandacht()."""
    return queryset.annotate(
        heeft_samenloop=models.Exists(
            Handhavingszaak.objects.samenloop_dossiers().filter(
                inburgeraar_id=models.OuterRef("pk")
            )
        )
    )


# --- Reading helpers for pages ---------------------------------------------------------


def boete_toegestaan_voor(inburgeraar: Inburgeraar, op: date) -> bool:
    """The dated parameter for the person's doelgroep on day `op`."""
    categorie = inburgeraar.doelgroep_categorie
    code = BOETE_PARAMETER.get(categorie, "boete_gezin_overig_toegestaan")
    return geheel(code, op) != 0


def boete_maximum(op: date) -> Decimal:
    return waarde("boete_maximum", op)


def rapport_grens(op: date) -> Decimal:
    return waarde("boete_rapport_grens", op)


def boetebeschikking(zaak: Handhavingszaak) -> Brief | None:
    """The boetebeschikking of a zaak, from prefetched `brieven` when present."""
    return next(
        (b for b in zaak.brieven.all() if b.soort == BriefSoort.BOETEBESCHIKKING),
        None,
    )


def bezwaar_tijdig(zaak: Handhavingszaak, brief: Brief | None) -> bool | None:
    """Awb art. 6:7: within 6 weeks of the boetebeschikking (the letter's
    bezwaar_deadline, rules.bezwaar_deadline)."""
    if zaak.bezwaar_ontvangen_op is None or brief is None or not brief.bezwaar_deadline:
        return None
    return zaak.bezwaar_ontvangen_op <= brief.bezwaar_deadline


# --- Services ------------------------------------------------------------------------


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
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=soort,
        gebruiker=user,
        omschrijving=omschrijving[:300],
    )
    log.log_dossiers_changed(
        [inburgeraar],
        user=user,
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
    the letter's bezwaar_deadline (6 weeks, rules.bezwaar_deadline)."""
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


@transaction.atomic
def maatregel_vastleggen(
    *,
    inburgeraar: Inburgeraar,
    grond: str,
    datum_gedraging: date | None,
    omschrijving: str,
    besluit_op: date | None,
    acting_user: User,
    verlaging_procent: int | None = None,
    duur_maanden: int | None = None,
) -> Maatregel:
    """A Participatiewet maatregel (Pw art. 18), recorded by the RSD klantmanager.
    The timeline of the dossier says whether it is samenloop."""
    vandaag = timezone.localdate()
    fouten: dict[str, str] = {}
    if grond not in MaatregelGrond.values:
        fouten["grond"] = "Kies de grond van de maatregel."
    if datum_gedraging is None:
        fouten["datum_gedraging"] = "Vul de datum van de gedraging in."
    elif datum_gedraging > vandaag:
        fouten["datum_gedraging"] = "De datum van de gedraging ligt in de toekomst."
    if besluit_op is None:
        fouten["besluit_op"] = "Vul de datum van het besluit van RSD in."
    elif datum_gedraging is not None and besluit_op < datum_gedraging:
        fouten["besluit_op"] = "Het besluit volgt op de gedraging."
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf de gedraging en het besluit."
    if verlaging_procent is not None and not 0 < verlaging_procent <= 100:
        fouten["verlaging_procent"] = "De verlaging ligt tussen 1 en 100 procent."
    if duur_maanden is not None and duur_maanden < 1:
        fouten["duur_maanden"] = "De duur is minstens 1 maand."
    _check(fouten)
    maatregel = Maatregel.objects.create(
        inburgeraar=inburgeraar,
        grond=grond,
        datum_gedraging=datum_gedraging,
        omschrijving=omschrijving.strip(),
        besluit_op=besluit_op,
        verlaging_procent=verlaging_procent,
        duur_maanden=duur_maanden,
        vastgelegd_door=acting_user,
    )
    met = bool(samenloop_voor_rsd(inburgeraar, [maatregel]))
    _vastleggen(
        inburgeraar,
        acting_user,
        f"Maatregel Participatiewet vastgelegd door RSD: "
        f"{maatregel.get_grond_display().lower()} ({datum_tekst(datum_gedraging)})"
        + (" — samenloop met een handhavingszaak" if met else ""),
        actie_naam="Maatregel vastgelegd",
        soort=GebeurtenisSoort.MAATREGEL,
    )
    return maatregel
