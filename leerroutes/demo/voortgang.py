"""Progress, exams, afschalen and afronding."""

import random
from datetime import date, timedelta
from decimal import Decimal

from intake.models import Inburgeraar, Status
from pip_plans.models import Beschikking, WijzigingReden
from pip_plans.rules import MIN_PVT_UREN
from pip_plans.services import pip as pip_services
from zevenaar_inburgering.termijnen import maanden_later

from ..models import Traject, Voortgangsgesprek
from ..rules.waarden import A2, B1_NIVEAU, KNM, TAALVAARDIGHEDEN
from ..services.pip import pip_vaststellen, pip_wijziging_starten
from ..services.uren import pvt_uren
from ..services.voldaan import afronding_van, afronding_vastleggen, examen_vastleggen
from ..services.voortgang import voortgang_vastleggen, voortgangsgesprek_vastleggen
from .data import AANLEG, B1, NIVEAUS, NT2, ONDERWIJS, OPMERKINGEN, Z
from .personen import Persoon, _dag, _maand_index
from .trajecten import _eerste_maand, _uren_schrijven


def _traject_op(persoon: Persoon, index: int) -> Traject:
    for traject, van, tot in persoon.delen:
        if van <= index <= tot:
            return traject
    return persoon.delen[-1][0]


def _voortgang(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """A report of the aanbieder every six months: levels and attendance."""
    m0 = _eerste_maand(persoon)
    einde = persoon.voldaan_op or vandaag
    laatste_index = persoon.delen[-1][2]
    for index in range(5, laatste_index + 1, 6):
        datum = maanden_later(m0, index) + timedelta(rng.randint(14, 27))
        if datum > einde - timedelta(days=2):
            break
        groei = persoon.groei * (0.5 if persoon.pip.leerroute == Z else 1)
        niveaus = {}
        for vaardigheid in TAALVAARDIGHEDEN:
            waarde = groei * index / 30 + AANLEG[vaardigheid] + rng.uniform(-0.25, 0.25)
            niveaus[vaardigheid] = NIVEAUS[max(0, min(int(waarde), 2))]
        recent = [
            persoon.maand_aanwezigheid[i]
            for i in range(index - 2, index + 1)
            if i in persoon.maand_aanwezigheid
        ]
        voortgang_vastleggen(
            inburgeraar=persoon.dossier,
            data={
                "aanbieder": _traject_op(persoon, index).aanbieder,
                "datum": datum,
                **niveaus,
                "aanwezigheid_pct": round(100 * sum(recent) / len(recent))
                if recent
                else None,
                "opmerkingen": OPMERKINGEN[persoon.profiel],
            },
            acting_user=persoon.user,
        )


def _examen(persoon: Persoon, onderdeel: str, niveau: str, datum: date, geslaagd: bool):
    examen_vastleggen(
        inburgeraar=persoon.dossier,
        onderdeel=onderdeel,
        niveau="" if onderdeel == KNM else niveau,
        datum=datum,
        geslaagd=geslaagd,
        cijfer="",
        acting_user=persoon.user,
    )


def _gehaald(
    rng: random.Random,
    persoon: Persoon,
    onderdeel: str,
    niveau: str,
    dag: date,
    uiterlijk: date,
    kans_gezakt: float = 0.3,
) -> None:
    """Passed on `dag`, or failed first and passed on a retry before `uiterlijk`."""
    if rng.random() < kans_gezakt:
        herkansing = dag + timedelta(rng.randint(42, 90))
        if herkansing <= uiterlijk:
            _examen(persoon, onderdeel, niveau, dag, False)
            dag = herkansing
    _examen(persoon, onderdeel, niveau, dag, True)


def _examens(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """Exams of someone still in the route: more and better as the termijn ages."""
    route = persoon.pip.leerroute
    if route == Z:
        return
    termijn_start = persoon.dossier.termijn.startdatum
    maanden = _maand_index(termijn_start, vandaag)
    van = max(maanden_later(termijn_start, 12), persoon.start + timedelta(days=60))
    tot = vandaag - timedelta(days=3)
    if van > tot:
        return
    if route == ONDERWIJS:
        if maanden >= 15:
            _examen(persoon, KNM, "", _dag(rng, van, tot), persoon.profiel == "goed")
        return
    volgorde = ("luisteren", "lezen", "spreken", "schrijven")
    if persoon.profiel == "goed" and maanden >= 15:
        for vaardigheid in volgorde[: rng.randint(1, 3)]:
            _gehaald(
                rng,
                persoon,
                vaardigheid,
                B1_NIVEAU,
                _dag(rng, van, tot - timedelta(days=90)),
                tot,
            )
        if rng.random() < 0.7:
            _gehaald(rng, persoon, KNM, "", _dag(rng, van, tot), tot, 0.2)
    elif persoon.profiel == "matig" and maanden >= 18:
        _examen(persoon, "lezen", B1_NIVEAU, _dag(rng, van, tot), True)
        _examen(persoon, "spreken", B1_NIVEAU, _dag(rng, van, tot), False)
        if rng.random() < 0.5:
            _examen(persoon, KNM, "", _dag(rng, van, tot), rng.random() < 0.5)
    elif persoon.profiel == "zwak" and maanden >= 20 and rng.random() < 0.6:
        _examen(persoon, "lezen", B1_NIVEAU, _dag(rng, van, tot), False)
        if persoon.dossier.status == Status.TERMIJN_OVERSCHREDEN:
            _examen(persoon, "schrijven", B1_NIVEAU, _dag(rng, van, tot), False)


def _afschalen(rng: random.Random, persoon: Persoon, uren: list, vandaag: date) -> bool:
    """After 600 NT2 hours at a keurmerk aanbieder and failed B1 exams, a new PIP
    version with A2 as the goal; then A2 exams. `uren` are the person's hours: those
    up to the month the 600 were reached are written before the decision (its
    letter states them), the rest after. False when afschalen does not fit."""
    m0 = _eerste_maand(persoon)
    totaal, bereikt = Decimal(0), None
    for regel in sorted((r for r in uren if r.onderdeel == NT2), key=lambda r: r.maand):
        totaal += regel.uren_aanwezig
        if totaal >= 600:
            bereikt = regel.maand
            break
    dag = bereikt and maanden_later(bereikt, 1) + timedelta(rng.randint(3, 20))
    vorige = (
        Beschikking.objects.filter(inburgeraar=persoon.dossier)
        .order_by("-dagtekening")
        .first()
    )
    if dag is None or dag > vandaag - timedelta(days=7) or dag <= vorige.dagtekening:
        _uren_schrijven(persoon, uren)
        return False
    _uren_schrijven(persoon, [r for r in uren if r.maand <= bereikt])
    van = max(maanden_later(m0, 12), dag - timedelta(days=200))
    _examen(
        persoon,
        "luisteren",
        B1_NIVEAU,
        _dag(rng, van, dag - timedelta(days=30)),
        True,
    )
    for vaardigheid in ("lezen", "schrijven", "spreken"):
        _examen(
            persoon,
            vaardigheid,
            B1_NIVEAU,
            _dag(rng, van, dag - timedelta(days=30)),
            False,
        )
    user = persoon.user
    concept = pip_wijziging_starten(
        inburgeraar=persoon.dossier,
        reden=WijzigingReden.AFSCHALEN,
        toelichting="Na ruim 600 uur NT2 blijkt B1 niet haalbaar; besproken in het "
        "voortgangsgesprek.",
        acting_user=user,
    )
    concept = pip_services.pip_bewerken(
        pip=concept,
        data={
            "afschalen_inzet_oordeel": "Voldoende inzet: aanwezigheid boven de 90 %, "
            "huiswerk gemaakt en vier examenpogingen op B1."
        },
        bewerkversie=concept.bewerkversie,
        acting_user=user,
    )
    pip_vaststellen(pip=concept, acting_user=user, dagtekening=dag)
    _uren_schrijven(persoon, [r for r in uren if r.maand > bereikt])
    for vaardigheid in ("lezen", "spreken"):
        examendag = dag + timedelta(rng.randint(30, 120))
        if examendag <= vandaag - timedelta(days=3):
            _examen(persoon, vaardigheid, A2, examendag, True)
    return True


def _voldaan(rng: random.Random, persoon: Persoon) -> None:
    """The route completed on `voldaan_op`: the exams (some at the second try), the
    participatieverklaring, and the eindgesprek or the onderwijsroute's result."""
    route, voldaan = persoon.pip.leerroute, persoon.voldaan_op
    vroegst = persoon.start + timedelta(days=60)
    uiterlijk = voldaan - timedelta(days=1)
    onderdelen = (*TAALVAARDIGHEDEN, KNM) if route == B1 else (KNM,)
    if route in (B1, ONDERWIJS):
        for onderdeel in onderdelen:
            dag = max(voldaan - timedelta(rng.randint(100, 300)), vroegst)
            _gehaald(
                rng,
                persoon,
                onderdeel,
                persoon.pip.taalniveau or B1_NIVEAU,
                dag,
                uiterlijk,
            )
    data = {"participatieverklaring_getekend_op": voldaan}
    if route in (B1, Z):
        data["map_afgerond_op"] = min(maanden_later(persoon.start, 10), uiterlijk)
    if route == Z:
        data["z_eindgesprek_op"] = voldaan - timedelta(rng.randint(0, 10))
        data["z_eindgesprek_verslag"] = (
            "Eindgesprek met de aanbieder en de casusregisseur: leeractiviteiten "
            "en participatie afgerond; betrokkene doet vrijwilligerswerk."
        )
    if route == ONDERWIJS:
        data["onderwijsroute_resultaat_op"] = voldaan - timedelta(rng.randint(0, 20))
        data["onderwijsroute_resultaat"] = (
            "Taalniveau B1 behaald en ingeschreven bij een mbo-opleiding (niveau 3)."
        )
    # The builder chose "voldaan" for this person; the rule records it as an event
    # (intake.services.status), so the route runs until the afronding closes it.
    Inburgeraar.objects.filter(pk=persoon.dossier.pk).update(status=Status.IN_TRAJECT)
    afronding_vastleggen(
        inburgeraar=persoon.dossier,
        data=data,
        versie=afronding_van(persoon.dossier).versie,
        acting_user=persoon.user,
    )


def _participatieverklaring(
    rng: random.Random, persoon: Persoon, vandaag: date
) -> None:
    """Some in the route sign the participatieverklaring after the PVT."""
    if pvt_uren(persoon.dossier) < MIN_PVT_UREN:
        return
    dag = maanden_later(_eerste_maand(persoon), 4) + timedelta(rng.randint(0, 20))
    if dag <= vandaag:
        afronding_vastleggen(
            inburgeraar=persoon.dossier,
            data={"participatieverklaring_getekend_op": dag},
            versie=afronding_van(persoon.dossier).versie,
            acting_user=persoon.user,
        )


def _gesprekken(rng: random.Random, persoon: Persoon, vandaag: date) -> None:
    """Hold the planned voortgangsgesprekken (each plans the next), most on time;
    for some the last one is overdue."""
    if persoon.voldaan_op:
        grens = persoon.voldaan_op - timedelta(days=1)
    else:
        achter = 0 if rng.random() < 0.85 else rng.randint(14, 60)
        grens = vandaag - timedelta(days=achter)
    while True:
        gesprek = Voortgangsgesprek.objects.filter(
            inburgeraar=persoon.dossier, gehouden_op__isnull=True
        ).first()
        if gesprek is None:
            return
        dag = gesprek.gepland_op + timedelta(rng.randint(-5, 12))
        if dag > grens:
            return
        voortgangsgesprek_vastleggen(
            gesprek=gesprek,
            data={
                "gehouden_op": dag,
                "deelnemers": "Inburgeraar, casusregisseur, docent van de aanbieder",
                "rsd_klantmanager_aanwezig": persoon.dossier.bijstand
                and rng.random() < 0.5,
                "verslag": OPMERKINGEN[persoon.profiel],
                "afspraken": "Volgende rapportage van de aanbieder afwachten.",
            },
            acting_user=persoon.user,
        )
