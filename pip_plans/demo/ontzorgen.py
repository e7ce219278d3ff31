"""The demo region's financieel ontzorgen. Everything goes through the real
services, so the rules, the timeline, the verwerkingenlog and the letters are real;
dates lie in the past.

Ontzorgen: holders of an asylum permit with bijstand get a period from the start of their
bijstand, so periods are in every phase — still to start, running, extended as
maatwerk, ended early with the bijstand, ended — with the fixed costs, the
machtiging, RSD's payments (with some months still open), the course "omgaan met
geld", the step to self-reliance and the ontzorgingsbeschikking.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from intake.demo.regio import demo_dossiers, op_schaal
from intake.services import ALLES_VERVANGEN
from zevenaar_inburgering import termijnen
from zevenaar_inburgering.parameters.models import geheel

from ..models import AndereGrondslag, CursusStatus, Ontzorging, VasteLastSoort
from ..ontzorgen.rules import ontzorgen_mogelijk, regulier_einde
from ..ontzorgen.services import (
    cursus_vastleggen,
    machtiging_vastleggen,
    ontzorging_periode_wijzigen,
    ontzorging_starten,
    ontzorgingsbeschikking_opmaken,
    zelfredzaamheid_vastleggen,
)
from ..ontzorgen.vaste_lasten import betalingen_vastleggen, vaste_last_wijzigen

SEED = 56

# (soort, begunstigde, IBAN, monthly amount range) of the demo's fixed costs.
LASTEN = {
    VasteLastSoort.HUUR: ("Woonstichting De Liemers", "NL02ABNA0123456789", (520, 690)),
    VasteLastSoort.ENERGIE: ("Liemers Energie", "NL91ABNA0417164300", (90, 160)),
    VasteLastSoort.WATER: ("Vitens", "NL20INGB0001234567", (18, 30)),
    VasteLastSoort.ZORGVERZEKERING: ("Zorgverzekeraar Oost", "NL39RABO0300065264", (140, 160)),
}  # fmt: skip


def _kandidaten(vandaag: date) -> list:
    """Demo holders of an asylum permit (nareizigers included) with bijstand and a
    klantmanager, oldest first (Pw art. 56a: ontzorgen_mogelijk)."""
    dossiers = (
        demo_dossiers()
        .filter(bijstand=True, bijstand_start__isnull=False)
        .exclude(rsd_klantmanager=None)
        .select_related("casusregisseur", "rsd_klantmanager", "gemeente")
        .order_by("bijstand_start", "bsn")
    )
    return [d for d in dossiers if ontzorgen_mogelijk(d) and d.casusregisseur]


def vul_ontzorgen(vandaag: date, stdout) -> None:
    if Ontzorging.objects.filter(inburgeraar__in=demo_dossiers()).exists():
        stdout.write("Ontzorgen van de demoregio bestaat al.")
        return
    rng = random.Random(SEED)
    kandidaten = _kandidaten(vandaag)
    gekozen = _gekozen(kandidaten, vandaag)
    # Every seventh period ends early with the bijstand, every seventh runs longer
    # (maatwerk). Whatever the day, one period runs on past its regular end (the
    # one whose end passed last) and an older one has ended.
    voorbij = [
        i
        for i, dossier in enumerate(gekozen[:-1])
        if _regulier_einde(dossier.bijstand_start) < vandaag
    ]
    loopt_door = voorbij[-1] if voorbij else None
    eerder_beeindigd = {i for i in range(len(gekozen)) if i % 7 == 3}
    eerder_beeindigd = (eerder_beeindigd | set(voorbij[:1])) - {loopt_door}
    langer = {i for i in range(len(gekozen)) if i % 7 == 5} | {loopt_door}
    max_brieven = op_schaal(15)
    brieven = 0
    for i, dossier in enumerate(gekozen):
        start = dossier.bijstand_start
        if i == len(gekozen) - 1:
            start = vandaag + timedelta(days=10)  # bijstand granted, starts soon
        ontzorging = ontzorging_starten(
            inburgeraar=dossier, startdatum=start, acting_user=dossier.casusregisseur
        )
        _lasten(rng, ontzorging, dossier.rsd_klantmanager)
        ontzorging.refresh_from_db()
        if start <= vandaag:
            ontzorging = machtiging_vastleggen(
                ontzorging=ontzorging,
                versie=ontzorging.versie,
                getekend_op=min(start + timedelta(days=rng.randint(2, 10)), vandaag),
                acting_user=dossier.rsd_klantmanager,
            )
        if i in eerder_beeindigd:  # bijstand ended early: work found
            ontzorging = _bijstand_beeindigd(rng, ontzorging, dossier, vandaag)
        elif i in langer:  # maatwerk: a longer period
            ontzorging = _verlengen(ontzorging, dossier, vandaag)
        if start <= vandaag and brieven < max_brieven:
            ontzorgingsbeschikking_opmaken(
                ontzorging=ontzorging,
                acting_user=dossier.casusregisseur,
                dagtekening=min(start + timedelta(days=5), vandaag),
            )
            brieven += 1
        _betalingen(rng, ontzorging, dossier.rsd_klantmanager, vandaag)
        _cursus(rng, ontzorging, dossier, vandaag)
    stdout.write(
        f"Ontzorgen: {len(gekozen)} perioden, {brieven} ontzorgingsbeschikkingen."
    )


def _regulier_einde(start: date) -> date:
    return regulier_einde(start, geheel("ontzorgen_maanden", start))


def _gekozen(kandidaten: list, vandaag: date) -> list:
    """The most recent 30 (fewer in a smaller region): some still running, most
    ended, the last one still to start; with at least two whose regular period
    has ended."""
    aantal = op_schaal(30, minimum=8)
    gekozen, ouder = kandidaten[-aantal:], kandidaten[:-aantal]
    voorbij = [d for d in gekozen[:-1] if _regulier_einde(d.bijstand_start) < vandaag]
    erbij = [d for d in ouder if _regulier_einde(d.bijstand_start) < vandaag]
    return erbij[len(erbij) - max(0, 2 - len(voorbij)) :] + gekozen


def _lasten(rng, ontzorging, klantmanager) -> None:
    for last in ontzorging.vaste_lasten.all():
        begunstigde, iban, (laag, hoog) = LASTEN[last.soort]
        vaste_last_wijzigen(
            vaste_last=last,
            versie=last.versie,
            data={
                "soort": last.soort,
                "begunstigde": begunstigde,
                "iban": iban,
                "bedrag": Decimal(rng.randint(laag, hoog)),
                "frequentie": "maand",
            },
            acting_user=klantmanager,
        )


def _bijstand_beeindigd(rng, ontzorging, dossier, vandaag):
    einde = ontzorging.startdatum + timedelta(days=rng.randint(70, 120))
    if einde >= vandaag:
        return ontzorging
    return ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=ontzorging.versie,
        startdatum=ontzorging.startdatum,
        bijstand_einde=einde,
        verlengd_tot=None,
        verlenging_reden="",
        acting_user=dossier.rsd_klantmanager,
    )


def _verlengen(ontzorging, dossier, vandaag):
    """Three months longer; six when three would already have passed."""
    regulier = regulier_einde(ontzorging.startdatum, ontzorging.duur_maanden)
    maanden = 3 if termijnen.verlengd_einde(regulier, maanden=3) >= vandaag else 6
    return ontzorging_periode_wijzigen(
        ontzorging=ontzorging,
        versie=ontzorging.versie,
        startdatum=ontzorging.startdatum,
        bijstand_einde=None,
        verlengd_tot=termijnen.verlengd_einde(regulier, maanden=maanden),
        andere_grondslag=AndereGrondslag.PW57_BUDGETBEHEER,
        verlenging_reden="Schulden bij de energieleverancier nog niet geregeld; "
        f"{'drie' if maanden == 3 else 'zes'} maanden langer budgetbeheer tot die "
        "geregeld zijn.",
        acting_user=dossier.casusregisseur,
    )


def _betalingen(rng, ontzorging, klantmanager, vandaag) -> None:
    """Every month up to last month is paid, except now and then the last one."""
    ontzorging.refresh_from_db()
    laatste = min(ontzorging.einddatum, vandaag - timedelta(days=1))
    laatste_maand = termijnen.maand_begin(laatste)
    for maand in termijnen.maanden_tussen(ontzorging.startdatum, laatste):
        # Paid in the first days of the month, but never before the period started
        # (a period can start halfway through its first month) nor after today.
        betaald_op = max(
            maand + timedelta(days=rng.randint(0, 4)), ontzorging.startdatum
        )
        if betaald_op > vandaag or (maand == laatste_maand and rng.random() < 0.3):
            continue
        # A month's payments in one go, as RSD records them: one timeline line.
        betalingen_vastleggen(
            ontzorging=ontzorging,
            maand=maand,
            betaald_op=betaald_op,
            bedragen={last: last.bedrag for last in ontzorging.vaste_lasten.all()},
            bevestigd=ALLES_VERVANGEN,
            acting_user=klantmanager,
        )


def _cursus(rng, ontzorging, dossier, vandaag) -> None:
    ontzorging.refresh_from_db()
    start = ontzorging.startdatum + timedelta(days=60)
    if start > vandaag:
        if ontzorging.startdatum <= vandaag:
            cursus_vastleggen(
                ontzorging=ontzorging,
                versie=ontzorging.versie,
                cursus_status=CursusStatus.GEPLAND,
                cursus_start=start,
                cursus_afgerond_op=None,
                acting_user=dossier.casusregisseur,
            )
        return
    afgerond = start + timedelta(days=56)
    klaar = afgerond <= vandaag and rng.random() < 0.8
    ontzorging = cursus_vastleggen(
        ontzorging=ontzorging,
        versie=ontzorging.versie,
        cursus_status=CursusStatus.AFGEROND if klaar else CursusStatus.GEVOLGD,
        cursus_start=start,
        cursus_afgerond_op=afgerond if klaar else None,
        acting_user=dossier.casusregisseur,
    )
    if klaar and ontzorging.einddatum < vandaag:
        zelfredzaamheid_vastleggen(
            ontzorging=ontzorging,
            versie=ontzorging.versie,
            zelfredzaamheid_vanaf=ontzorging.einddatum + timedelta(days=1),
            zelfredzaamheid_toelichting="Betaalt de vaste lasten zelf via automatische "
            "incasso; maandelijks budgetgesprek met de klantmanager gedurende een half jaar.",
            acting_user=dossier.rsd_klantmanager,
        )
