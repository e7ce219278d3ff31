"""The services of a PIP: opstellen, a wijziging, bewerken, vaststellen with the
beschikking and its PDF, and DUO's verlenging of the termijn.

What a PIP change means for the leerroute (afschalen rests on the NT2 hours recorded
there; a new route ends the traject of the old one) is leerroutes' part:
leerroutes/services/pip.py wraps pip_wijziging_starten, vaststellen_fouten and
pip_vaststellen, passing the hours as `nt2_uren_keurmerk`.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from intake.models import (
    DoelgroepCategorie,
    Gebeurtenis,
    Inburgeraar,
    Leerroute,
    Status,
)
from intake.rules import wi2021_niet_voor_wi2013
from intake.services import verouderd
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents, store_document
from zevenaar_inburgering.nl import datum_tekst, kleine_beginletter
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.pdf import render_pdf
from zevenaar_inburgering.verwerkingen import log

from .. import rules
from ..brieven import geldende_brieftekst, met_brieftekst, verzenddatum_fouten
from ..models import (
    Beschikking,
    BrieftekstSoort,
    Inburgeringstermijn,
    InkomendeVerhuizing,
    KnmVorm,
    Pip,
    PipStatus,
    Taalniveau,
    Verlenging,
    VerlengingReden,
    WijzigingReden,
)
from ..ontzorgen.rules import ontzorgen_mogelijk
from ..selectors import (
    actieve_intake,
    geldende_pip,
    route_advies_voor,
    vaste_leerroute,
)
from ..tijdlijn import GebeurtenisSoort

STANDAARD_TAALNIVEAU = {
    Leerroute.B1: Taalniveau.B1,
    Leerroute.ONDERWIJS: Taalniveau.B1,
    Leerroute.Z: Taalniveau.A1,
}


def _gebeurtenis(inburgeraar: Inburgeraar, user: User, omschrijving: str) -> None:
    Gebeurtenis.objects.create(
        inburgeraar=inburgeraar,
        soort=GebeurtenisSoort.PIP,
        gebruiker=user,
        omschrijving=omschrijving,
    )


@transaction.atomic
def pip_opstellen(*, inburgeraar: Inburgeraar, acting_user: User) -> Pip:
    """Draft the first PIP from the brede intake and its route advice."""
    inburgeraar.wi2021_vereist("Een PIP")
    if Pip.objects.filter(inburgeraar=inburgeraar).exists():
        raise ValidationError("Dit dossier heeft al een PIP. Start een wijziging.")
    vandaag = timezone.localdate()
    verhuizing = InkomendeVerhuizing.objects.filter(inburgeraar=inburgeraar).first()
    if verhuizing is not None:
        leerroute = verhuizing.leerroute  # kept after a verhuizing (DOMAIN §3.4)
    else:
        advies = route_advies_voor(inburgeraar)
        leerroute = advies.route if advies else ""
    pip = Pip.objects.create(
        inburgeraar=inburgeraar,
        versie=1,
        reden=WijzigingReden.INITIEEL,
        leerroute=leerroute,
        taalniveau=STANDAARD_TAALNIVEAU.get(leerroute, ""),
        knm_vorm=KnmVorm.CURSUS if leerroute == Leerroute.Z else KnmVorm.EXAMEN,
        pvt_uren=geheel("pvt_uren_standaard", vandaag),
        voortgangsgesprek_interval_weken=geheel(
            "voortgangsgesprek_interval_weken", vandaag
        ),
        ontzorgen=ontzorgen_mogelijk(inburgeraar),
        maatschappelijke_begeleiding=(
            inburgeraar.doelgroep_categorie == DoelgroepCategorie.ASIEL
        ),
        cursus_eigen_keuze=inburgeraar.doelgroep_categorie
        == DoelgroepCategorie.GEZIN_OVERIG,
        aangemaakt_door=acting_user,
    )
    if inburgeraar.status in (
        Status.SIGNAAL_ONTVANGEN,
        Status.INTAKE_GEPLAND,
        Status.INTAKE_LOOPT,
        Status.INTAKE_AFGEROND,
    ):
        Inburgeraar.objects.filter(pk=inburgeraar.pk).update(
            status=Status.PIP_CONCEPT, versie=F("versie") + 1
        )
    _gebeurtenis(inburgeraar, acting_user, "PIP opgesteld (concept, versie 1)")
    log.log_dossiers_changed(
        [inburgeraar],
        user=acting_user,
        actie_naam="PIP opgesteld",
        handeling="PIP opstellen",
    )
    return pip


@transaction.atomic
def pip_wijziging_starten(
    *,
    inburgeraar: Inburgeraar,
    reden: str,
    toelichting: str,
    acting_user: User,
    nt2_uren_keurmerk: Decimal | None = None,
) -> Pip:
    """A new concept version, copied from the last vastgesteld one. Afschalen
    records `nt2_uren_keurmerk`, the NT2 hours at a keurmerk aanbieder (None: not
    known here; afschalen then cannot be vastgesteld)."""
    inburgeraar.wi2021_vereist("Een wijziging van het PIP")
    vorige = geldende_pip(inburgeraar)
    if vorige is None:
        raise ValidationError("Er is nog geen vastgesteld PIP om te wijzigen.")
    if Pip.objects.filter(inburgeraar=inburgeraar, status=PipStatus.CONCEPT).exists():
        raise ValidationError("Er is al een conceptversie; werk die eerst af.")
    if reden not in WijzigingReden.values or reden == WijzigingReden.INITIEEL:
        raise ValidationError({"reden": "Kies de reden van de wijziging."})
    pip = Pip(
        inburgeraar=inburgeraar,
        versie=vorige.versie + 1,
        reden=reden,
        toelichting_wijziging=toelichting,
        cursus_eigen_keuze=vorige.cursus_eigen_keuze,
        aangemaakt_door=acting_user,
        **{name: getattr(vorige, name) for name in Pip.INHOUD_VELDEN},
    )
    if reden == WijzigingReden.AFSCHALEN:
        pip.taalniveau = Taalniveau.A2
        pip.afschalen_nt2_uren = (
            None if nt2_uren_keurmerk is None else int(nt2_uren_keurmerk)
        )
    pip.save()
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"PIP-wijziging gestart (versie {pip.versie}): "
        + kleine_beginletter(pip.get_reden_display()),
    )
    log.log_dossiers_changed(
        [inburgeraar],
        user=acting_user,
        actie_naam="PIP-wijziging gestart",
        handeling="PIP",
    )
    return pip


@transaction.atomic
def pip_bewerken(
    *, pip: Pip, data: dict[str, Any], bewerkversie: int, acting_user: User
) -> Pip:
    """Save the concept form, unless somebody saved it since `bewerkversie`."""
    current = Pip.objects.select_for_update().get(pk=pip.pk)
    if not current.is_concept:
        raise ValidationError(
            "Een vastgesteld PIP verandert niet meer. Start een wijziging."
        )
    if current.bewerkversie != bewerkversie:
        raise verouderd("dit PIP")
    vast = vaste_leerroute(current)
    if vast is not None:
        data = {**data, "leerroute": vast}
    for name, value in data.items():
        setattr(current, name, value)
    if current.leerroute == Leerroute.ONDERWIJS:
        current.map_uren = None
    current.bewerkversie += 1
    current.save()
    log.log_dossiers_changed(
        [current.inburgeraar],
        user=acting_user,
        actie_naam="PIP bewerkt",
        handeling="PIP",
    )
    return current


def vaststellen_fouten(
    pip: Pip, *, vandaag: date, nt2_uren_keurmerk: Decimal | None = None
) -> dict[str, str]:
    """Everything that stops `pip` from being vastgesteld today (empty: nothing).
    Afschalen needs `nt2_uren_keurmerk`, the hours recorded in the leerroutes."""
    inburgeraar = pip.inburgeraar
    fouten = rules.pip_fouten(
        leerroute=pip.leerroute,
        afwijzingen=pip.afwijzingen(),
        pvt_uren=pip.pvt_uren,
        map_uren=pip.map_uren,
        knm_vorm=pip.knm_vorm,
        ondersteuning=pip.ondersteuning,
        interval_weken=pip.voortgangsgesprek_interval_weken,
        ontzorgen=pip.ontzorgen,
        ontzorgen_mogelijk=ontzorgen_mogelijk(inburgeraar),
    )
    if inburgeraar.is_wi2013:
        fouten["__all__"] = wi2021_niet_voor_wi2013("Een PIP met inburgeringstermijn")
        return fouten
    vorige = geldende_pip(inburgeraar)
    if vorige is None:
        intake = actieve_intake(inburgeraar)
        if intake is None or not intake.is_afgerond:
            fouten["__all__"] = (
                "Rond eerst de brede intake af: een PIP wordt vastgesteld op basis van de "
                "brede intake (Wet inburgering 2021 art. 15)."
            )
        vast = vaste_leerroute(pip)
        if vast is not None and pip.leerroute != vast:
            fouten["leerroute"] = (
                "Na een verhuizing blijft de leerroute die de vorige gemeente "
                f"vaststelde: {Leerroute(vast).label}."
            )
    else:
        termijn = Inburgeringstermijn.objects.filter(inburgeraar=inburgeraar).first()
        schakelen_tot = None
        if termijn is not None:
            schakelen_tot = rules.schakelen_uiterlijk(
                termijn.startdatum, geheel("schakelen_maanden", vandaag)
            )
        fouten.update(
            rules.wijziging_fouten(
                reden=pip.reden,
                leerroute=pip.leerroute,
                vorige_leerroute=vorige.leerroute,
                vandaag=vandaag,
                schakelen_tot=schakelen_tot,
                # The recorded hours, never a typed number (DOMAIN.md §4).
                afschalen_nt2_uren=nt2_uren_keurmerk,
                afschalen_inzet_oordeel=pip.afschalen_inzet_oordeel,
                min_afschalen_uren=geheel("afschalen_min_nt2_uren", vandaag),
            )
        )
    # The beschikking goes out on the gemeente's letterhead (issue 20).
    if briefhoofd := inburgeraar.gemeente.briefhoofd_fout():
        fouten["__all__"] = " ".join(filter(None, (fouten.get("__all__"), briefhoofd)))
    return fouten


def _kenmerk(inburgeraar: Inburgeraar, pip: Pip, dagtekening: date) -> str:
    return f"PIP-{inburgeraar.gemeente.cbs_code}-{dagtekening:%Y}-{str(pip.pk)[:8].upper()}"


def _beschikking_context(
    pip: Pip,
    *,
    kenmerk: str,
    dagtekening: date,
    verzenddatum: date | None,
    nt2_uren_keurmerk: Decimal | None,
) -> dict:
    """What the beschikking letter says: the same for the voorbeeld and the real
    one, so the voorbeeld shows the letter as it will be sent."""
    inburgeraar = pip.inburgeraar
    bekendmaking = verzenddatum or dagtekening
    termijn = Inburgeringstermijn.objects.filter(inburgeraar=inburgeraar).first()
    start = termijn.startdatum if termijn else rules.termijn_start(dagtekening)
    if pip.reden == WijzigingReden.AFSCHALEN and nt2_uren_keurmerk is not None:
        # The letter states the hours the decision rests on.
        pip.afschalen_nt2_uren = int(nt2_uren_keurmerk)
    return {
        "pip": pip,
        "inburgeraar": inburgeraar,
        "kenmerk": kenmerk,
        "dagtekening": dagtekening,
        "verzenddatum": bekendmaking,
        "bezwaar_deadline": rules.bezwaar_deadline(bekendmaking),
        "termijn": termijn,
        "termijn_start": start,
        "termijn_einde": termijn.einddatum if termijn else rules.termijn_einde(start),
        "eerste": not Beschikking.objects.filter(inburgeraar=inburgeraar).exists(),
        # The termijn taken over after an incoming verhuizing, with DUO's
        # verlengingen: the letter states it instead of starting one.
        "verhuizing": getattr(termijn, "inkomende_verhuizing", None)
        if termijn
        else None,
        "verlengingen": list(termijn.verlengingen.all()) if termijn else [],
        "ondertekenaar": inburgeraar.gemeente.ondertekenaar,
        "datum": dagtekening,
        "gemeente": inburgeraar.gemeente,
    }


@transaction.atomic
def beschikking_voorbeeld(
    *,
    pip: Pip,
    acting_user: User,
    vandaag: date,
    verzenddatum: date | None = None,
    nt2_uren_keurmerk: Decimal | None = None,
) -> bytes:
    """The beschikking of concept `pip` as it would be sent today, marked CONCEPT
    and with the free texts highlighted (issue 20): a PDF that is not stored and
    not a beschikking. `pip` may carry unsaved changes from the form. Logged, as it
    shows the dossier's data."""
    if not pip.is_concept:
        raise ValidationError("Dit PIP is al vastgesteld.")
    if fout := pip.inburgeraar.gemeente.briefhoofd_fout():
        raise ValidationError(fout, code="briefhoofd")
    context = _beschikking_context(
        pip,
        kenmerk="CONCEPT",
        dagtekening=vandaag,
        verzenddatum=verzenddatum,
        nt2_uren_keurmerk=nt2_uren_keurmerk,
    )
    versie = geldende_brieftekst(
        BrieftekstSoort.PIP_BESCHIKKING, pip.inburgeraar.gemeente
    )
    pdf = render_pdf(
        "pip_plans/pdf/beschikking.html",
        met_brieftekst({**context, "concept": True}, versie),
        title="Voorbeeld beschikking persoonlijk plan inburgering en participatie",
    )
    log.log_pdf_generated(
        pip.inburgeraar, user=acting_user, handeling="Voorbeeld beschikking PIP"
    )
    return pdf


@atomic_with_documents
def pip_vaststellen(
    *,
    pip: Pip,
    acting_user: User,
    dagtekening: date | None = None,
    verzenddatum: date | None = None,
    nt2_uren_keurmerk: Decimal | None = None,
) -> Beschikking:
    """Vaststellen: the beschikking with its PDF, the termijn on the first one.

    The verzenddatum is the bekendmaking (Awb art. 3:41; default: the dagtekening,
    which defaults to today):
    the bezwaartermijn printed in the letter runs from the day after it.

    The PDF is rendered inside the transaction: if rendering or storing fails,
    nothing is vastgesteld. Afschalen needs `nt2_uren_keurmerk` (see
    vaststellen_fouten); what a new route means for the traject is leerroutes'
    part (leerroutes/services/pip.py).
    """
    pip = (
        Pip.objects.select_for_update()
        .select_related("inburgeraar__gemeente")
        .get(pk=pip.pk)
    )
    if not pip.is_concept:
        raise ValidationError("Dit PIP is al vastgesteld.")
    dagtekening = dagtekening or timezone.localdate()
    fouten = vaststellen_fouten(
        pip, vandaag=dagtekening, nt2_uren_keurmerk=nt2_uren_keurmerk
    ) | verzenddatum_fouten(verzenddatum, dagtekening)
    if fouten:
        raise ValidationError(fouten)
    inburgeraar = pip.inburgeraar
    kenmerk = _kenmerk(inburgeraar, pip, dagtekening)
    pip.status = PipStatus.VASTGESTELD
    pip.vastgesteld_op = timezone.now()
    pip.vastgesteld_door = acting_user
    context = _beschikking_context(
        pip,
        kenmerk=kenmerk,
        dagtekening=dagtekening,
        verzenddatum=verzenddatum,
        nt2_uren_keurmerk=nt2_uren_keurmerk,
    )
    termijn, start, einde, eerste = (
        context["termijn"],
        context["termijn_start"],
        context["termijn_einde"],
        context["eerste"],
    )
    bekendmaking = context["verzenddatum"]
    versie = geldende_brieftekst(BrieftekstSoort.PIP_BESCHIKKING, inburgeraar.gemeente)
    pdf = render_pdf(
        "pip_plans/pdf/beschikking.html",
        met_brieftekst(context, versie),
        title=f"Beschikking persoonlijk plan inburgering en participatie {kenmerk}",
    )
    naam, sha256 = store_document(
        pdf, folder=f"beschikkingen/{inburgeraar.pk}", filename=f"{kenmerk}.pdf"
    )
    pip.save()
    beschikking = Beschikking.objects.create(
        pip=pip,
        inburgeraar=inburgeraar,
        kenmerk=kenmerk,
        brieftekst=versie,
        dagtekening=dagtekening,
        bekendmaking=bekendmaking,
        bezwaar_deadline=rules.bezwaar_deadline(bekendmaking),
        pdf=naam,
        sha256=sha256,
        vastgesteld_door=acting_user,
    )
    if termijn is None:
        Inburgeringstermijn.objects.create(
            inburgeraar=inburgeraar,
            eerste_beschikking=beschikking,
            startdatum=start,
            oorspronkelijke_einddatum=einde,
            einddatum=einde,
        )
    if eerste:
        Inburgeraar.objects.filter(pk=inburgeraar.pk).update(
            pip_vastgesteld_op=dagtekening,
            status=Status.PIP_VASTGESTELD,
            versie=F("versie") + 1,
        )
    _gebeurtenis(
        inburgeraar,
        acting_user,
        f"PIP versie {pip.versie} vastgesteld: beschikking {kenmerk} "
        f"({pip.get_leerroute_display()})",
    )
    log.log_dossiers_changed(
        [inburgeraar],
        user=acting_user,
        actie_naam="PIP vastgesteld",
        handeling="Beschikking",
    )
    log.log_pdf_generated(inburgeraar, user=acting_user, handeling="Beschikking")
    return beschikking


@transaction.atomic
def verlenging_vastleggen(
    *,
    einddata: dict,
    besluitdatum: date | None,
    reden: str,
    duo_kenmerk: str,
    acting_user: User,
) -> int:
    """Record DUO's verlenging: the new end of each termijn as DUO set it, with DUO's
    kenmerk (DOMAIN §13.5: DUO decides; we record, we do not add months). One or
    many termijnen at once (DUO grants bulk extensions, e.g. for delayed exam
    results, DOMAIN §1.4). `einddata`: {termijn pk: the new end DUO gave}."""
    fouten: dict[str, str] = {}
    if besluitdatum is None:
        fouten["besluitdatum"] = "Vul de datum van het DUO-besluit in."
    elif besluitdatum > timezone.localdate():
        fouten["besluitdatum"] = "De datum van het DUO-besluit ligt in de toekomst."
    if not duo_kenmerk.strip():
        fouten["duo_kenmerk"] = "Vul het kenmerk van het DUO-besluit in."
    if reden not in VerlengingReden.values:
        fouten["reden"] = "Kies de reden die DUO noemt."
    if not einddata:
        fouten["termijnen"] = "Kies een of meer dossiers."
    locked = list(
        Inburgeringstermijn.objects.select_for_update()
        .select_related("inburgeraar")
        .filter(pk__in=list(einddata))
        .order_by("inburgeraar__achternaam")
    )
    if any(einddata[t.pk] is None for t in locked):
        fouten["nieuwe_einddatum"] = (
            "Vul de nieuwe einddatum in die DUO noemt: voor alle gekozen dossiers, of "
            "bij elk dossier een eigen datum."
        )
    te_vroeg = [
        f"{t.inburgeraar.naam} (nu tot {datum_tekst(t.einddatum)})"
        for t in locked
        if einddata[t.pk] is not None and einddata[t.pk] <= t.einddatum
    ]
    if te_vroeg:
        fouten["nieuwe_einddatum"] = (
            "De nieuwe einddatum van DUO ligt na de huidige einddatum. Niet zo bij: "
            + "; ".join(te_vroeg)
            + "."
        )
    if fouten:
        raise ValidationError(fouten)
    bulk_id = uuid.uuid4() if len(locked) > 1 else None
    verlengingen, gebeurtenissen = [], []
    for termijn in locked:
        nieuw = einddata[termijn.pk]
        verlengingen.append(
            Verlenging(
                termijn=termijn,
                besluitdatum=besluitdatum,
                vorige_einddatum=termijn.einddatum,
                nieuwe_einddatum=nieuw,
                reden=reden,
                duo_kenmerk=duo_kenmerk.strip(),
                bulk_id=bulk_id,
                vastgelegd_door=acting_user,
            )
        )
        gebeurtenissen.append(
            Gebeurtenis(
                inburgeraar=termijn.inburgeraar,
                soort=GebeurtenisSoort.PIP,
                gebruiker=acting_user,
                omschrijving=f"Termijn verlengd door DUO tot {datum_tekst(nieuw)} "
                f"(besluit {duo_kenmerk.strip()})",
            )
        )
        termijn.einddatum = nieuw
    Verlenging.objects.bulk_create(verlengingen)
    Inburgeringstermijn.objects.bulk_update(locked, ["einddatum"])
    Gebeurtenis.objects.bulk_create(gebeurtenissen)
    log.log_dossiers_changed(
        [t.inburgeraar for t in locked],
        user=acting_user,
        actie_naam="Verlenging termijn vastgelegd",
        handeling="Termijn",
    )
    return len(locked)
