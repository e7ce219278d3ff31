"""Bezwaar against a PIP beschikking or a boetebeschikking (DOMAIN §13.2, §13.4):
registering it with its receipt and postmark dates (timeliness per Awb art. 6:9),
the decision on a late one (6:11), the verdaging (7:10 lid 3) and the decision with
its letter (7:11, 7:12). One home for both kinds of decision; a (deels) gegrond
bezwaar against a PIP starts a herziening, one against a fine lowers or revokes it.
Functiescheiding (10:3 lid 3): who took the decision does not decide the bezwaar.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from intake.services import VerouderdDossier, wijziging_vastleggen
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents
from zevenaar_inburgering.nl import datum_tekst, euro
from zevenaar_inburgering.parameters.models import geheel, waarde

from .. import rules
from ..brieven import brief_opmaken, verzenddatum_fouten
from ..models import (
    GEGROND,
    Beschikking,
    Bezwaar,
    BezwaarUitkomst,
    Brief,
    BriefSoort,
    WijzigingReden,
)
from ..tijdlijn import GebeurtenisSoort
from .pip import pip_wijziging_starten


def _vastleggen(bezwaar: Bezwaar, user: User, omschrijving: str, actie_naam: str):
    wijziging_vastleggen(
        bezwaar.inburgeraar,
        gebruiker=user,
        soort=GebeurtenisSoort.PIP,
        omschrijving=omschrijving,
        actie_naam=actie_naam,
        handeling="Bezwaar",
    )


def _vergrendel(bezwaar: Bezwaar, versie: int) -> Bezwaar:
    current = (
        Bezwaar.objects.select_for_update(of=("self",))
        .select_related(
            "inburgeraar__gemeente",
            "beschikking",
            "boetebeschikking__handhavingszaak",
        )
        .get(pk=bezwaar.pk)
    )
    if current.versie != versie:
        raise VerouderdDossier(
            "Dit bezwaar is gewijzigd door iemand anders nadat u de pagina opende. Uw "
            "wijzigingen zijn niet opgeslagen. Bekijk het bezwaar opnieuw.",
            code="stale",
        )
    return current


def _besluit(bezwaar: Bezwaar) -> str:
    if bezwaar.tegen_boete:
        return f"boetebeschikking {bezwaar.boetebeschikking.kenmerk}"
    return f"beschikking {bezwaar.beschikking.kenmerk}"


@atomic_with_documents
def bezwaar_registreren(
    *,
    ontvangen_op: date | None,
    gronden: str,
    acting_user: User,
    beschikking: Beschikking | None = None,
    boetebeschikking: Brief | None = None,
    poststempel_op: date | None = None,
    te_laat_reden: str = "",
) -> Bezwaar:
    """Register a bezwaarschrift against `beschikking` (a PIP) or `boetebeschikking`.
    Whether it is on time follows from the decision's verzenddatum, the receipt and
    the postmark (Awb 6:8, 6:9, Algemene termijnenwet); the beslistermijn from the
    end of the bezwaartermijn (7:10), 12 weeks where the gemeente has a commissie."""
    if (beschikking is None) == (boetebeschikking is None):
        raise ValueError("a bezwaar is against exactly one decision")
    if boetebeschikking is not None and (
        boetebeschikking.soort != BriefSoort.BOETEBESCHIKKING
    ):
        raise ValidationError("Bezwaar kan alleen tegen een boetebeschikking.")
    besluit = beschikking or boetebeschikking
    verzonden = (
        beschikking.bekendmaking if beschikking else boetebeschikking.verzenddatum
    )
    inburgeraar = besluit.inburgeraar
    vandaag = timezone.localdate()
    fouten = rules.bezwaar_invoer_fouten(
        ontvangen_op=ontvangen_op,
        poststempel_op=poststempel_op,
        verzenddatum=verzonden,
        vandaag=vandaag,
    )
    if fouten:
        raise ValidationError(fouten)
    if (
        Bezwaar.objects.filter(
            beschikking=beschikking, boetebeschikking=boetebeschikking
        )
        .open()
        .exists()
    ):
        raise ValidationError(
            "Er loopt al een bezwaar tegen dit besluit; leg nieuwe gronden daarbij vast."
        )
    termijn_einde = besluit.bezwaar_deadline
    commissie = bool(
        waarde("bezwaar_adviescommissie", termijn_einde, inburgeraar.gemeente)
    )
    weken = geheel(
        "bezwaar_beslistermijn_commissie_weken"
        if commissie
        else "bezwaar_beslistermijn_weken",
        termijn_einde,
    )
    bezwaar = Bezwaar.objects.create(
        inburgeraar=inburgeraar,
        beschikking=beschikking,
        boetebeschikking=boetebeschikking,
        ontvangen_op=ontvangen_op,
        poststempel_op=poststempel_op,
        gronden=gronden.strip(),
        bezwaartermijn_einde=termijn_einde,
        tijdig=rules.bezwaar_tijdig(
            ontvangen_op=ontvangen_op,
            poststempel_op=poststempel_op,
            termijn_einde=termijn_einde,
            nazending_dagen=geheel("bezwaar_nazending_dagen", termijn_einde),
        ),
        te_laat_reden=te_laat_reden.strip(),
        adviescommissie=commissie,
        beslistermijn=rules.bezwaar_beslistermijn(termijn_einde, weken=weken),
        geregistreerd_door=acting_user,
    )
    te_laat = "" if bezwaar.tijdig else " (na de bezwaartermijn)"
    _vastleggen(
        bezwaar,
        acting_user,
        f"Bezwaar ontvangen tegen {_besluit(bezwaar)}{te_laat}; beslissen uiterlijk "
        f"{datum_tekst(bezwaar.beslistermijn)}",
        "Bezwaar geregistreerd",
    )
    return bezwaar


@atomic_with_documents
def termijnoverschrijding_beoordelen(
    *,
    bezwaar: Bezwaar,
    versie: int,
    verschoonbaar: bool,
    toelichting: str,
    acting_user: User,
) -> Bezwaar:
    """Awb art. 6:11: a late bezwaar is still admissible when the lateness is
    excusable. The casusregisseur decides, with a reason."""
    bezwaar = _vergrendel(bezwaar, versie)
    if bezwaar.tijdig:
        raise ValidationError("Dit bezwaar kwam op tijd binnen.")
    if bezwaar.uitkomst:
        raise ValidationError("Op dit bezwaar is al beslist.")
    if not toelichting.strip():
        raise ValidationError(
            {
                "toelichting": "Leg uit waarom de late indiening wel of niet verschoonbaar is."
            }
        )
    bezwaar.verschoonbaar = verschoonbaar
    bezwaar.verschoonbaar_toelichting = toelichting.strip()
    bezwaar.versie += 1
    bezwaar.save()
    _vastleggen(
        bezwaar,
        acting_user,
        "Late indiening van het bezwaar "
        + ("verschoonbaar" if verschoonbaar else "niet verschoonbaar")
        + " (Awb art. 6:11)",
        "Termijnoverschrijding beoordeeld",
    )
    return bezwaar


@atomic_with_documents
def bezwaar_verdagen(
    *, bezwaar: Bezwaar, versie: int, reden: str, acting_user: User
) -> Bezwaar:
    """Awb art. 7:10 lid 3: put the decision off once, by 6 weeks, with a reason
    (the inburgeraar is told in writing; the timeline records it)."""
    bezwaar = _vergrendel(bezwaar, versie)
    if bezwaar.uitkomst:
        raise ValidationError("Op dit bezwaar is al beslist.")
    if bezwaar.verdaagd_tot is not None:
        raise ValidationError(
            "De beslissing is al een keer verdaagd; dat kan één keer."
        )
    if not reden.strip():
        raise ValidationError({"reden": "Schrijf de reden van de verdaging."})
    if timezone.localdate() > bezwaar.beslistermijn:
        raise ValidationError(
            "De beslistermijn is al verstreken; verdagen kan alleen binnen de termijn."
        )
    bezwaar.verdaagd_tot = rules.verdaagde_beslistermijn(
        bezwaar.beslistermijn,
        weken=geheel("bezwaar_verdaging_weken", bezwaar.beslistermijn),
    )
    bezwaar.verdaging_reden = reden.strip()
    bezwaar.versie += 1
    bezwaar.save()
    _vastleggen(
        bezwaar,
        acting_user,
        f"Beslissing op bezwaar verdaagd tot en met {datum_tekst(bezwaar.verdaagd_tot)}",
        "Bezwaar verdaagd",
    )
    return bezwaar


def functiescheiding_bezwaar(bezwaar: Bezwaar, user: User) -> str | None:
    """Awb art. 10:3 lid 3: who took (or signed) the decision does not decide on the
    bezwaar against it."""
    if bezwaar.tegen_boete:
        zaak = bezwaar.boetebeschikking.handhavingszaak
        eerder = {
            bezwaar.boetebeschikking.aangemaakt_door_id: "de boete opgelegd",
            zaak.besluit_door_id: "de boete opgelegd",
        }
    else:
        eerder = {bezwaar.beschikking.vastgesteld_door_id: "het PIP vastgesteld"}
    return rules.functiescheiding_fout(user.pk, eerder)


@atomic_with_documents
def bezwaar_beslissen(
    *,
    bezwaar: Bezwaar,
    versie: int,
    besluit_datum: date | None,
    uitkomst: str,
    toelichting: str,
    acting_user: User,
    boetebedrag_na_bezwaar: Decimal | None = None,
    verzenddatum: date | None = None,
) -> Bezwaar:
    """The beslissing op bezwaar and its letter (Awb art. 7:11, 7:12). A late
    bezwaar is only niet-ontvankelijk unless the lateness was excusable (6:11). A
    gegrond bezwaar is carried out: against a PIP it starts a herziening that may
    change what the bezwaar was about, the leerroute too, while the termijn start
    stays (Wet art. 11 lid 3); against a fine it lowers the fine or revokes it."""
    bezwaar = _vergrendel(bezwaar, versie)
    if bezwaar.uitkomst:
        raise ValidationError("Op dit bezwaar is al beslist.")
    scheiding = functiescheiding_bezwaar(bezwaar, acting_user)
    if scheiding:
        raise ValidationError(scheiding, code="functiescheiding")
    zaak = bezwaar.boetebeschikking.handhavingszaak if bezwaar.tegen_boete else None
    fouten = rules.beslissing_op_bezwaar_fouten(
        uitkomst=uitkomst,
        besluit_datum=besluit_datum,
        ontvangen_op=bezwaar.ontvangen_op,
        vandaag=timezone.localdate(),
        ontvankelijk_qua_termijn=bezwaar.ontvankelijk_qua_termijn,
        late_beoordeeld=bezwaar.verschoonbaar is not None,
        toelichting=toelichting,
        tegen_boete=bezwaar.tegen_boete,
        boetebedrag=zaak.boetebedrag if zaak else None,
        boetebedrag_na_bezwaar=boetebedrag_na_bezwaar,
    )
    if besluit_datum is not None:
        fouten |= verzenddatum_fouten(verzenddatum, besluit_datum)
    if fouten:
        raise ValidationError(fouten)
    bezwaar.besluit_datum = besluit_datum
    bezwaar.uitkomst = uitkomst
    bezwaar.toelichting = toelichting.strip()
    bezwaar.beslist_door = acting_user
    if bezwaar.tegen_boete and uitkomst in GEGROND:
        bezwaar.boetebedrag_na_bezwaar = boetebedrag_na_bezwaar
    if bezwaar.beschikking_id and uitkomst in GEGROND:
        bezwaar.herziening = pip_wijziging_starten(
            inburgeraar=bezwaar.inburgeraar,
            reden=WijzigingReden.HERZIENING_NA_BEZWAAR,
            toelichting=f"Bezwaar {bezwaar.get_uitkomst_display().lower()}: "
            f"{bezwaar.toelichting}",
            acting_user=acting_user,
        )
    bezwaar.versie += 1
    bezwaar.save()
    brief = None
    if uitkomst != BezwaarUitkomst.INGETROKKEN:
        brief = brief_opmaken(
            inburgeraar=bezwaar.inburgeraar,
            soort=BriefSoort.BESLISSING_OP_BEZWAAR,
            template_name="pip_plans/pdf/beslissing_op_bezwaar.html",
            context={"bezwaar": bezwaar, "zaak": zaak},
            acting_user=acting_user,
            bezwaar=bezwaar,
            dagtekening=besluit_datum,
            verzenddatum=verzenddatum,
        )
    gevolg = ""
    if bezwaar.boetebedrag_na_bezwaar is not None:
        gevolg = (
            "; de boete vervalt"
            if bezwaar.boetebedrag_na_bezwaar == 0
            else f"; de boete is nu {euro(bezwaar.boetebedrag_na_bezwaar)}"
        )
    elif bezwaar.herziening_id:
        gevolg = "; het PIP wordt herzien"
    _vastleggen(
        bezwaar,
        acting_user,
        f"Beslissing op bezwaar tegen {_besluit(bezwaar)}: "
        f"{bezwaar.get_uitkomst_display().lower()}{gevolg}"
        + (f" (brief {brief.kenmerk})" if brief else ""),
        "Beslissing op bezwaar",
    )
    return bezwaar
