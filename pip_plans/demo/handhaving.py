"""The demo region's handhaving. Everything goes through the real services, so the
rules, the timeline, the verwerkingenlog and the letters are real; dates lie in the
past.

Handhaving: a dozen zaken, one at every step — an overtreding just recorded, a
waarschuwing, a rapport with the zienswijze term running, a zienswijze received, a
beslistermijn passed, a small fine without rapport, a maximum fine after rapport and
zienswijze, afzien, a fine under bezwaar — and a Participatiewet maatregel by RSD in
samenloop with one of them. Never more than a handful: fines are a last resort.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from intake.demo.regio import demo_dossiers, op_schaal

from ..handhaving.maatregel import maatregel_vastleggen
from ..handhaving.services import (
    besluit_nemen,
    boete_bezwaar_registreren,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from ..models import Handhavingszaak

SEED = 57

# (overtreding, facts) of the demo's zaken.
OVERTREDINGEN = [
    ("pvt", "Niet verschenen op drie bijeenkomsten van het participatieverklaringstraject "
     "zonder bericht van verhindering."),
    ("pip_verplichtingen", "Sinds twee maanden minder dan de helft van de lessen NT2 "
     "gevolgd; de taalaanbieder meldde dit twee keer."),
    ("brede_intake", "Niet verschenen op de uitnodiging voor de brede intake en niet "
     "gereageerd op de tweede uitnodiging."),
    ("map", "De Module Arbeidsmarkt en Participatie niet gestart ondanks afspraak in het PIP."),
]  # fmt: skip

# The steps the demo zaken reach, in order.
STAPPEN = [
    "overtreding",
    "waarschuwing",
    "rapport",
    "zienswijze",
    "termijn_verstreken",
    "boete_klein",
    "boete",
    "afgezien",
    "bezwaar",
    "samenloop",
    "waarschuwing",
    "boete_klein",
]

# The steps of zaken still running.
LOPEND = ("overtreding", "waarschuwing", "rapport", "zienswijze")


def vul_handhaving(vandaag: date, stdout) -> None:
    if Handhavingszaak.objects.filter(inburgeraar__in=demo_dossiers()).exists():
        stdout.write("Handhaving van de demoregio bestaat al.")
        return
    rng = random.Random(SEED)
    # People with a vastgesteld PIP and a casusregisseur; those with bijstand
    # first (samenloop needs one).
    kandidaten = list(
        demo_dossiers()
        .filter(pips__status="vastgesteld")
        .exclude(casusregisseur=None)
        .select_related("casusregisseur", "rsd_klantmanager", "gemeente", "termijn")
        .distinct()
        .order_by("bsn")
    )
    rng.shuffle(kandidaten)
    kandidaten.sort(key=lambda d: not (d.bijstand and d.rsd_klantmanager_id))
    # A smaller region shows each step once.
    stappen = STAPPEN[: op_schaal(len(STAPPEN), minimum=len(set(STAPPEN)))]
    aantal = 0
    # Samenloop first, then the decided zaken: they need the people with bijstand
    # and those longest in their termijn.
    for stap in sorted(stappen, key=lambda stap: (stap != "samenloop", stap in LOPEND)):
        # The overtreding lies in the termijn (_zaak: up to 35 or 200 days ago).
        uiterlijk = vandaag - timedelta(days=35 if stap in LOPEND else 200)
        dossier = next(
            (
                d
                for d in kandidaten
                if d.termijn.startdatum <= uiterlijk
                and (stap != "samenloop" or d.bijstand and d.rsd_klantmanager_id)
            ),
            None,
        )
        if dossier is not None:
            kandidaten.remove(dossier)
            _zaak(rng, stap, dossier, vandaag)
            aantal += 1
    stdout.write(f"Handhaving: {aantal} zaken, elke stap.")


def _zaak(rng, stap: str, dossier, vandaag: date) -> None:
    user = dossier.casusregisseur
    # Recent steps for zaken still running, older ones for decided zaken.
    lopend = stap in LOPEND
    datum = vandaag - timedelta(
        days=rng.randint(25, 35) if lopend else rng.randint(120, 200)
    )
    overtreding, feiten = rng.choice(OVERTREDINGEN)
    zaak = handhavingszaak_aanmaken(
        inburgeraar=dossier,
        overtreding=overtreding,
        datum_overtreding=datum,
        feiten=feiten,
        acting_user=user,
    )
    if stap == "overtreding":
        return
    if stap == "samenloop":
        maatregel_vastleggen(
            inburgeraar=dossier,
            grond="re_integratie",
            datum_gedraging=datum + timedelta(days=3),
            omschrijving="Niet verschenen bij het werkleerbedrijf; bijstand een maand "
            "verlaagd met 10 %.",
            besluit_op=datum + timedelta(days=20),
            verlaging_procent=10,
            duur_maanden=1,
            acting_user=dossier.rsd_klantmanager,
        )
        return
    if stap in ("waarschuwing", "boete_klein", "afgezien"):
        waarschuwing_versturen(
            zaak=zaak,
            versie=zaak.versie,
            acting_user=user,
            dagtekening=datum + timedelta(days=3),
        )
        zaak.refresh_from_db()
    if stap == "waarschuwing":
        return
    if stap == "boete_klein":
        besluit_nemen(
            zaak=zaak,
            versie=zaak.versie,
            besluit="boete",
            besluit_op=datum + timedelta(days=40),
            boetebedrag=Decimal("250"),
            verwijtbaarheid="volledig",
            verwijtbaarheid_toelichting="Na de waarschuwing opnieuw niet verschenen; geen "
            "reden van verhindering gegeven.",
            acting_user=user,
        )
        return
    if stap == "afgezien":
        besluit_nemen(
            zaak=zaak,
            versie=zaak.versie,
            besluit="afzien",
            besluit_op=datum + timedelta(days=30),
            afzien_reden="Uit het gesprek bleek dat de inburgeraar in die weken voor een "
            "zieke ouder zorgde; niet verwijtbaar.",
            acting_user=user,
        )
        return
    # A rapport for a fine above € 340.
    rapport_op = {
        "rapport": vandaag - timedelta(days=3),  # the zienswijze term still runs
        "termijn_verstreken": vandaag - timedelta(weeks=14),
    }.get(stap, datum + timedelta(days=7))
    zaak = rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal("800") if stap != "rapport" else Decimal("500"),
        rapport_op=rapport_op,
        rapport="De inburgeraar is de verplichting na een eerdere waarschuwing opnieuw niet "
        "nagekomen. Voorgenomen: een bestuurlijke boete.",
        acting_user=user,
    )
    if stap == "rapport":
        return
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=True,
        ontvangen_op=rapport_op + timedelta(days=6),
        zienswijze="Had geen kinderopvang kunnen regelen; vraagt om begrip.",
        acting_user=user,
    )
    if stap in ("zienswijze", "termijn_verstreken"):
        return
    zaak = besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=rapport_op + timedelta(days=30),
        boetebedrag=Decimal("800") if stap == "boete" else Decimal("600"),
        verwijtbaarheid="volledig" if stap == "boete" else "verminderd",
        verwijtbaarheid_toelichting="Kinderopvang was via de gemeente beschikbaar en "
        "aangeboden; de inburgeraar heeft daar geen gebruik van gemaakt.",
        acting_user=user,
    )
    if stap == "bezwaar":
        boete_bezwaar_registreren(
            zaak=zaak,
            versie=zaak.versie,
            ontvangen_op=rapport_op + timedelta(days=50),
            gronden="De boete is te hoog voor iemand in de bijstand.",
            acting_user=user,
        )
