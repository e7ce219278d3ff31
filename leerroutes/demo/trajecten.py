"""The trajecten: the aanbieder(s) each person is assigned, and the monthly hours
along the rooster."""

import random
from datetime import date, timedelta
from decimal import Decimal

from zevenaar_inburgering.termijnen import maand_begin, maanden_later, periode_einde

from ..models import Organisatie, UrenBron
from ..services.traject import geldig_contract, traject_toewijzen
from ..services.uren import UrenInvoer, uren_schrijven
from .data import AFSCHALEN_NT2, CONTRACT_INHOUD, MAP, NT2, PARTICIPATIE_Z, PVT, ROOSTER
from .personen import Persoon, _maand_index


def _geplande_uren(persoon: Persoon) -> dict[str, int]:
    route = persoon.pip.leerroute
    uren = {o: u for o, (u, _) in CONTRACT_INHOUD[route][1].items()}
    uren[PVT] = persoon.pip.pvt_uren or uren[PVT]
    if MAP in uren:
        uren[MAP] = persoon.pip.map_uren or uren[MAP]
    if PARTICIPATIE_Z in uren and not persoon.asiel:
        uren[PARTICIPATIE_Z] = 0  # only asielstatushouders have it (Besluit 3.14)
    if persoon.rol == "afschalen":
        uren[NT2] = AFSCHALEN_NT2[0]
    return uren


def _eerste_maand(persoon: Persoon) -> date:
    """The rooster starts in the traject's first month, or the next when it starts
    late in the month."""
    maand = maand_begin(persoon.start)
    return maand if persoon.start.day <= 20 else maanden_later(maand, 1)


def _geplande_einde(persoon: Persoon) -> date:
    """A route of 30 months, within the termijn."""
    termijn_einde = persoon.dossier.termijn.einddatum
    return max(
        min(periode_einde(persoon.start, maanden=30), termijn_einde), persoon.start
    )


def _toewijzen(
    rng: random.Random,
    persoon: Persoon,
    aanbieders: list[Organisatie],
    brug: Organisatie | None,
    vandaag: date,
) -> None:
    """Assign the aanbieder(s); `brug` first when its keurmerk lapses later."""
    dossier, route = persoon.dossier, persoon.pip.leerroute
    geplande_einde = _geplande_einde(persoon)
    uren = _geplande_uren(persoon)
    m0 = _eerste_maand(persoon)
    laatste = maanden_later(maand_begin(vandaag), -1)
    if persoon.voldaan_op:
        laatste = min(laatste, maand_begin(persoon.voldaan_op))
    laatste_index = _maand_index(m0, laatste)

    def kies(op: date) -> Organisatie:
        if persoon.asiel:
            opties = [a for a in aanbieders if geldig_contract(a, route, op)]
            return rng.choice(opties)
        # Gezins- and overige migranten choose (and pay) a course themselves.
        return rng.choices(aanbieders, (2, 1, 3))[0]

    toewijzen = dict(
        inburgeraar=dossier,
        geplande_einde=geplande_einde,
        uren=uren,
        acting_user=persoon.user,
    )
    if brug is not None:
        eerste = traject_toewijzen(aanbieder=brug, start=persoon.start, **toewijzen)
        # In the second month after the keurmerk lapsed: a month of hours at De
        # Brug without keurmerk.
        wissel = brug.keurmerk_geldig_tot + timedelta(rng.randint(35, 60))
        tweede = traject_toewijzen(aanbieder=kies(wissel), start=wissel, **toewijzen)
        index = _maand_index(m0, maand_begin(wissel))
        persoon.delen = [(eerste, 0, index - 1), (tweede, index, laatste_index)]
    else:
        traject = traject_toewijzen(
            aanbieder=kies(persoon.start), start=persoon.start, **toewijzen
        )
        persoon.delen = [(traject, 0, laatste_index)]
    persoon.uren = uren


def _uren_schrijven(persoon: Persoon, uren: list) -> None:
    uren_schrijven(uren, bron=UrenBron.IMPORT, acting_user=persoon.user)


def _halve_uren(waarde: float) -> Decimal:
    return Decimal(round(waarde * 2)) / 2


def _uren(rng: random.Random, personen: list[Persoon]) -> list[UrenInvoer]:
    """Monthly hours per onderdeel along its rooster, at the person's attendance."""
    invoer = []
    for persoon in personen:
        if not persoon.delen:
            continue
        route = persoon.pip.leerroute
        rooster = dict(ROOSTER[route])
        if persoon.rol == "afschalen":
            rooster[NT2] = (0, AFSCHALEN_NT2[1])
        m0 = _eerste_maand(persoon)
        for traject, van, tot in persoon.delen:
            for index in range(van, tot + 1):
                maand = maanden_later(m0, index)
                aanwezigheid = min(
                    1.0, max(0.0, persoon.opkomst + rng.uniform(-0.06, 0.06))
                )
                persoon.maand_aanwezigheid[index] = aanwezigheid
                for onderdeel, (eerste, aantal) in rooster.items():
                    gepland = persoon.uren.get(onderdeel) or 0
                    if not gepland or not eerste <= index < eerste + aantal:
                        continue
                    geroosterd = _halve_uren(gepland / aantal)
                    if onderdeel == PVT:
                        # Workshops: there or not.
                        kans = 1.0 if persoon.profiel == "goed" else 0.8
                        aanwezig = geroosterd if rng.random() < kans else Decimal(0)
                    else:
                        aanwezig = min(
                            geroosterd, _halve_uren(float(geroosterd) * aanwezigheid)
                        )
                    invoer.append(
                        UrenInvoer(
                            inburgeraar_id=persoon.dossier.pk,
                            traject=traject,
                            onderdeel=onderdeel,
                            maand=maand,
                            uren_aanwezig=aanwezig,
                            uren_geroosterd=geroosterd,
                        )
                    )
    return invoer
