"""Participation and the keten: work, volunteering, internships and education,
referrals to ketenpartners, and maatschappelijke begeleiding."""

import random
from datetime import date, timedelta

from zevenaar_inburgering.termijnen import maanden_later, periode_einde

from ..models import OrganisatieSoort, Verwijzing, VerwijzingStatus
from ..rules.waarden import BETAALD_WERK, OPLEIDING, STAGE, VRIJWILLIGERSWERK
from ..services.keten import (
    begeleiding_vastleggen,
    verwijzing_aanmaken,
    verwijzing_bijwerken,
)
from ..services.participatie import activiteit_vastleggen
from .data import (
    KETENPARTNERS,
    ONDERWIJS,
    OVERIGE_WERKGEVERS,
    TERUGKOPPELING,
    VERWIJZING_REDENEN,
    VERWIJZING_UITKOMSTEN,
    VLUCHTELINGENWERK,
)
from .personen import Persoon, _dag, _maand_index


def _activiteit(
    persoon: Persoon,
    soort: str,
    organisatie: str,
    omschrijving: str,
    start: date,
    einde: date | None,
    uren: int | None,
) -> None:
    activiteit_vastleggen(
        inburgeraar=persoon.dossier,
        data={
            "soort": soort,
            "organisatie": organisatie,
            "omschrijving": omschrijving,
            "uren_per_week": uren,
            "start": start,
            "einde": einde,
        },
        acting_user=persoon.user,
    )


def _participatie(
    rng: random.Random, persoon: Persoon, keten: dict, vandaag: date
) -> None:
    """Paid work (lasting, part-time or short, some with gaps), volunteering, an
    internship or education."""
    termijn_start = persoon.dossier.termijn.startdatum
    maanden = _maand_index(termijn_start, vandaag)
    werkgevers = [n for n, s, _ in KETENPARTNERS if s == OrganisatieSoort.WERKGEVER]
    werkgevers += list(OVERIGE_WERKGEVERS)
    sterk = persoon.profiel == "goed"
    kans_werk = (0.45 if sterk else 0.15) if persoon.asiel else 0.4
    if maanden >= 10 and rng.random() < kans_werk:
        # Lasting: at least 12 hours a week for more than six months.
        start = _dag(rng, maanden_later(termijn_start, 3), maanden_later(vandaag, -7))
        einde = None
        if rng.random() < 0.2:
            einde = periode_einde(start, maanden=rng.randint(7, 14))
            einde = einde if einde < vandaag else None
        _activiteit(
            persoon,
            BETAALD_WERK,
            rng.choice(werkgevers),
            rng.choice(
                (
                    "Orderpicker",
                    "Medewerker schoonmaak",
                    "Helpende zorg",
                    "Medewerker keuken",
                )
            ),
            start,
            einde,
            rng.choice((16, 20, 24, 32)),
        )
    elif maanden >= 4 and rng.random() < 0.3:
        start = _dag(rng, maanden_later(termijn_start, 2), vandaag - timedelta(days=30))
        if rng.random() < 0.5:
            # Part-time, under the 12 hours of duurzaam werk.
            _activiteit(
                persoon,
                BETAALD_WERK,
                rng.choice(werkgevers),
                "Oproepkracht",
                start,
                None,
                rng.choice((6, 8, 10)),
            )
        else:
            # A short job, a gap, and maybe another.
            einde = min(periode_einde(start, maanden=rng.randint(2, 4)), vandaag)
            _activiteit(
                persoon,
                BETAALD_WERK,
                rng.choice(werkgevers),
                "Uitzendwerk",
                start,
                einde,
                rng.choice((16, 24, 32)),
            )
            opnieuw = einde + timedelta(rng.randint(30, 120))
            if opnieuw < vandaag and rng.random() < 0.6:
                _activiteit(
                    persoon,
                    BETAALD_WERK,
                    rng.choice(werkgevers),
                    "Uitzendwerk",
                    opnieuw,
                    None,
                    rng.choice((12, 20)),
                )
    if maanden >= 3 and rng.random() < 0.35:
        welzijn = (
            "Caleidoz" if persoon.dossier.gemeente.naam == "Zevenaar" else "Kunstwerk"
        )
        start = _dag(rng, maanden_later(termijn_start, 1), vandaag - timedelta(days=14))
        einde = (
            periode_einde(start, maanden=rng.randint(3, 12))
            if rng.random() < 0.4
            else None
        )
        _activiteit(
            persoon,
            VRIJWILLIGERSWERK,
            rng.choice((welzijn, "Voedselbank Liemers")),
            "Vrijwilliger in het buurthuis",
            start,
            einde if einde and einde < vandaag else None,
            rng.choice((4, 6, 8)),
        )
    if persoon.pip.leerroute != ONDERWIJS and maanden >= 8 and rng.random() < 0.1:
        start = maanden_later(persoon.start, 7) + timedelta(rng.randint(0, 20))
        einde = periode_einde(start, maanden=3)
        if einde < vandaag:
            _activiteit(
                persoon,
                STAGE,
                rng.choice(werkgevers),
                "Snuffelstage (MAP)",
                start,
                einde,
                16,
            )
    kans_opleiding = 0.5 if persoon.pip.leerroute == ONDERWIJS else 0.05
    if maanden >= 18 and rng.random() < kans_opleiding:
        start = date(maanden_later(termijn_start, 18).year, 9, 1)
        if start < vandaag:
            _activiteit(
                persoon,
                OPLEIDING,
                "ROC Rijn IJssel",
                "Mbo-opleiding Logistiek, niveau 2",
                start,
                None,
                24,
            )


def _verwezen(rng: random.Random, actief: list[Persoon]) -> list[Persoon]:
    """About a third of the people in a route, at least six so that every status
    of `_verwijzing` occurs; the longest in their termijn first (a recent one's
    referral is still verstuurd)."""
    verwezen = [p for p in actief if rng.random() < 0.35]
    gekozen = {id(p) for p in verwezen}
    verwezen += [p for p in actief if id(p) not in gekozen][: max(0, 6 - len(verwezen))]
    return sorted(verwezen, key=lambda p: p.dossier.termijn.startdatum)


def _verwijzing(
    rng: random.Random, persoon: Persoon, keten: dict, nummer: int, vandaag: date
) -> None:
    """A referral to a ketenpartner; the older ones answered in every way."""
    gemeente = persoon.dossier.gemeente.naam
    partners = [
        "Taalmaatjes Liemers",
        "Caleidoz" if gemeente == "Zevenaar" else "Kunstwerk",
    ]
    if persoon.dossier.bijstand:
        partners.append("RSD de Liemers")
    if persoon.asiel:
        partners.append(VLUCHTELINGENWERK)
    partner = keten[rng.choice(partners)]
    termijn_start = persoon.dossier.termijn.startdatum
    if nummer % 6 == 5 or termijn_start > vandaag - timedelta(days=75):
        status = VerwijzingStatus.VERSTUURD
        verstuurd = max(vandaag - timedelta(rng.randint(1, 20)), termijn_start)
    else:
        status = VERWIJZING_UITKOMSTEN[nummer % len(VERWIJZING_UITKOMSTEN)]
        verstuurd = _dag(
            rng, termijn_start + timedelta(days=30), vandaag - timedelta(days=45)
        )
    verwijzing = verwijzing_aanmaken(
        inburgeraar=persoon.dossier,
        data={
            "ketenpartner": partner,
            "reden": VERWIJZING_REDENEN[partner.soort],
            "verstuurd_op": verstuurd,
        },
        acting_user=persoon.user,
    )
    stappen = {
        VerwijzingStatus.VERSTUURD: (),
        VerwijzingStatus.GEACCEPTEERD: (VerwijzingStatus.GEACCEPTEERD,),
        VerwijzingStatus.AFGEWEZEN: (VerwijzingStatus.AFGEWEZEN,),
        VerwijzingStatus.AFGEROND: (
            VerwijzingStatus.GEACCEPTEERD,
            VerwijzingStatus.AFGEROND,
        ),
    }[status]
    for stap in stappen:
        verwijzing = verwijzing_bijwerken(
            verwijzing=verwijzing,
            status=stap,
            terugkoppeling=TERUGKOPPELING[stap],
            versie=verwijzing.versie,
            acting_user=persoon.user,
        )
    if stappen:
        # The service dates a status change today; the demo's answers came some
        # weeks after the referral.
        Verwijzing.objects.filter(pk=verwijzing.pk).update(
            status_op=min(verstuurd + timedelta(rng.randint(7, 40)), vandaag)
        )


def _begeleiding(rng: random.Random, persoon: Persoon, keten: dict) -> None:
    """Maatschappelijke begeleiding by Vluchtelingenwerk: two years from housing."""
    dossier = persoon.dossier
    start = (
        dossier.datum_huisvesting
        or dossier.datum_brp_inschrijving
        or dossier.termijn.startdatum
    )
    compleet = rng.random() < 0.9
    begeleiding_vastleggen(
        inburgeraar=dossier,
        data={
            "organisatie": keten[VLUCHTELINGENWERK],
            "start": start,
            "einde": periode_einde(start, maanden=24),
            "praktische_hulp": True,
            "start_inburgering": True,
            "begeleiding_inburgering": True,
            "stimuleren_participatie": compleet,
            "toelichting": "Wekelijks spreekuur; hulp bij post, toeslagen en school."
            if compleet
            else "Participatie volgt na de eerste maanden taalles.",
        },
        acting_user=persoon.user,
    )
