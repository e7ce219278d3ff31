"""The demo region's handhaving. Everything goes through the real services, so the
rules, the timeline, the verwerkingenlog and the letters are real; dates lie in the
past.

Handhaving: a dozen zaken, one at every step — an overtreding just recorded, a
waarschuwing, a rapport with the zienswijze term running, a zienswijze received, a
beslistermijn passed, a small fine after a waarschuwing, rapport and no zienswijze,
a maximum fine after rapport and zienswijze, afzien, a fine under bezwaar — and a
Participatiewet maatregel by RSD in samenloop with one of them. Never more than a
handful: fines are a last resort. The rapport is made by the casusregisseur, the
besluit by a colleague of the same gemeente (functiescheiding, Awb 10:3 lid 4).
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from intake.demo.regio import collega, demo_dossiers, op_schaal
from intake.models import DoelgroepCategorie

from ..handhaving.maatregel import maatregel_vastleggen
from ..handhaving.services import (
    besluit_nemen,
    handhavingszaak_aanmaken,
    rapport_opmaken,
    waarschuwing_versturen,
    zienswijze_vastleggen,
)
from ..models import Brief, BriefSoort, Handhavingszaak
from ..services.bezwaar import bezwaar_registreren

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

# The voorschrift each overtreding breaks, as a beleidsregel would name it (the
# exact articles of the Wi2021 are configuration in real use [U], DOMAIN §7.1).
VOORSCHRIFT = {
    "pvt": "artikel 7 Wet inburgering 2021 (participatieverklaringstraject)",
    "pip_verplichtingen": "artikel 16 Wet inburgering 2021 (verplichtingen uit het PIP)",
    "brede_intake": "artikel 14 Wet inburgering 2021 (medewerking aan de brede intake)",
    "map": "artikel 8 Wet inburgering 2021 (Module Arbeidsmarkt en Participatie)",
}

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
    # Every fine goes through rapport, voornemen and zienswijze (Awb 5:53).
    rapport_op = {
        "rapport": vandaag - timedelta(days=3),  # the zienswijze term still runs
        "termijn_verstreken": vandaag - timedelta(weeks=14),
        "boete_klein": datum + timedelta(days=20),
    }.get(stap, datum + timedelta(days=7))
    klein = stap == "boete_klein"
    rapport_opmaken(
        zaak=zaak,
        versie=zaak.versie,
        voorgenomen_bedrag=Decimal(
            "250" if klein else "500" if stap == "rapport" else "800"
        ),
        rapport_op=rapport_op,
        rapport="De inburgeraar is de verplichting na een eerdere waarschuwing opnieuw niet "
        "nagekomen. Voorgenomen: een bestuurlijke boete.",
        overtreden_voorschrift=VOORSCHRIFT[overtreding],
        verplichting="NT2-lessen volgen, vier dagdelen per week bij de taalaanbieder"
        if overtreding == "pip_verplichtingen"
        else "",
        plaats_overtreding=f"{dossier.gemeente.naam}, taalaanbieder en gemeentehuis",
        verhoord_op=rapport_op - timedelta(days=2),
        cautie_gegeven=True,
        tolk_bij_verhoor=rng.random() < 0.5,
        verzenddatum=rapport_op,
        acting_user=user,
    )
    zaak.refresh_from_db()
    if stap == "rapport":
        return
    gehoord = not klein
    zaak = zienswijze_vastleggen(
        zaak=zaak,
        versie=zaak.versie,
        ontvangen=gehoord,
        ontvangen_op=rapport_op + timedelta(days=6) if gehoord else None,
        zienswijze="Had geen kinderopvang kunnen regelen; vraagt om begrip."
        if gehoord
        else "",
        wijze="mondeling",
        tolk=True,
        acting_user=user,
    )
    if stap in ("zienswijze", "termijn_verstreken"):
        return
    besluit_op = rapport_op + timedelta(days=30)
    zaak = besluit_nemen(
        zaak=zaak,
        versie=zaak.versie,
        besluit="boete",
        besluit_op=besluit_op,
        boetebedrag=Decimal("250" if klein else "800" if stap == "boete" else "600"),
        verwijtbaarheid="verminderd" if stap == "bezwaar" else "volledig",
        verwijtbaarheid_toelichting="Kinderopvang was via de gemeente beschikbaar en "
        "aangeboden; de inburgeraar heeft daar geen gebruik van gemaakt.",
        motivering_bedrag="De verplichting is herhaaldelijk niet nagekomen, ook na een "
        "waarschuwing; het bedrag past bij die ernst en de mate van verwijtbaarheid.",
        reactie_op_zienswijze=""
        if klein
        else "Kinderopvang was aangeboden; daarom blijft de boete, maar lager waar de "
        "verwijtbaarheid verminderd is.",
        asiel_motivering="Ondanks drie gesprekken, een waarschuwing en aangeboden "
        "kinderopvang blijft de inburgeraar weigeren deel te nemen: een bewezen en "
        "aanhoudend gebrek aan bereidheid tot integratie."
        if dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL
        else "",
        verzenddatum=besluit_op,
        acting_user=collega(dossier),
    )
    if stap == "bezwaar":
        bezwaar_registreren(
            boetebeschikking=Brief.objects.get(
                handhavingszaak=zaak, soort=BriefSoort.BOETEBESCHIKKING
            ),
            ontvangen_op=besluit_op + timedelta(days=20),
            gronden="De boete is te hoog voor iemand in de bijstand.",
            acting_user=user,
        )
