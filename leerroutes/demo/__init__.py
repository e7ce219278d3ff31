"""The demo region's leerroutes: the keten, trajecten, hours, exams, participation.

leerroutes' part of the demo region (intake/demo/__init__.py), after the PIPs of
pip_plans' part. The keten (taalaanbieders, contracts, ketenpartners; `keten`) is
matched on name, so it is made once. The rest is for the demo dossiers with a
vastgesteld PIP, and only when none of them has a traject yet: a second run adds
nothing. Everything about a person goes through the real services, so the rules,
the timeline and the routestand are real; only the dates are historic, and they all
lie before today.

Each person gets a profile that decides their attendance (and so their hours,
levels and exams): "goed" attends 90-100 % of the scheduled hours, "matig" about
70 %, "zwak" under 60 %; the builder's voldaan dossiers finish their route, and one
or two B1-route dossiers are afgeschaald after 600 NT2 hours.

Who gets what is decided in `personen`; the trajecten and hours in `trajecten`;
progress, exams, afschalen and afronding in `voortgang`; work, referrals and
begeleiding in `participatie`; `data` holds the demo's fixed data; `routestanden`
derives each routestand once, at the end. Last, the nightly job that marks the
dossiers whose termijn ended "termijn overschreden" runs on the build's day.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from intake.demo.regio import demo_dossiers
from pip_plans.models import WijzigingReden
from pip_plans.services.termijn import termijn_statussen_bijwerken
from zevenaar_inburgering.termijnen import maanden_later

from ..models import Traject, UrenBron
from ..services.uren import uren_schrijven
from .data import B1, DE_BRUG, SEED, TAALAANBIEDERS
from .keten import _keten
from .participatie import _begeleiding, _participatie, _verwezen, _verwijzing
from .personen import _personen
from .routestanden import routestanden_aan_het_eind
from .samenvatting import _samenvatting
from .trajecten import _geplande_einde, _toewijzen, _uren
from .voortgang import (
    _afschalen,
    _examens,
    _gesprekken,
    _participatieverklaring,
    _voldaan,
    _voortgang,
)


@transaction.atomic
def vul_aan(*, stdout, vandaag: date, dossiers: int) -> None:
    keten = _keten(vandaag)
    if Traject.objects.filter(inburgeraar__in=demo_dossiers()).exists():
        stdout.write("Trajecten en uren van de demoregio bestaan al.")
        return
    with routestanden_aan_het_eind():
        wachtend, afgeschaald = _vul(keten, vandaag)
    # The nightly job, on the build's day, once every route, voldaan and ontheffing
    # is in: an open dossier whose termijn ended is "termijn overschreden", never
    # "in traject" beside "de termijn is verstreken" (issue 19).
    termijn_statussen_bijwerken(vandaag)
    _samenvatting(stdout, vandaag, wachtend=wachtend, afgeschaald=afgeschaald)


def _vul(keten: dict, vandaag: date) -> tuple[int, int]:
    rng = random.Random(SEED)
    personen = _personen(rng, vandaag)
    aanbieders = [keten[t[0]] for t in TAALAANBIEDERS if not t[5]]
    brug = keten[DE_BRUG]
    # A few early asielstatushouders (in a small region: others if need be) began
    # at De Brug and moved on when its keurmerk lapsed.
    bij_brug = [
        p
        for p in personen
        if p.rol == "traject"
        and p.pip.leerroute == B1
        and p.pip.reden == WijzigingReden.INITIEEL
        and p.start <= brug.keurmerk_geldig_tot - timedelta(days=150)
        # Still in the route when they move on (at most 60 days after), with
        # NT2 lessons in the month after the keurmerk lapsed (ROOSTER: 28 months).
        and _geplande_einde(p) > brug.keurmerk_geldig_tot + timedelta(days=60)
        and maanden_later(p.start, 26) > brug.keurmerk_geldig_tot
    ]
    bij_brug = [p for p in bij_brug if p.asiel] or bij_brug
    bij_brug = set(id(p) for p in rng.sample(bij_brug, min(3, len(bij_brug))))
    actief = [p for p in personen if p.rol != "wacht"]
    for persoon in actief:
        _toewijzen(
            rng, persoon, aanbieders, brug if id(persoon) in bij_brug else None, vandaag
        )
    # All hours in one import, as the aanbieders report them; those of the people
    # to be afgeschaald around the decision (_afschalen).
    uren = _uren(rng, actief)
    afschalers = {p.dossier.pk for p in actief if p.rol == "afschalen"}
    if actief:
        uren_schrijven(
            [r for r in uren if r.inburgeraar_id not in afschalers],
            bron=UrenBron.IMPORT,
            acting_user=actief[0].user,
        )
    afgeschaald = 0
    for persoon in actief:
        _voortgang(rng, persoon, vandaag)
        eigen = [r for r in uren if r.inburgeraar_id == persoon.dossier.pk]
        if persoon.rol == "afschalen" and _afschalen(rng, persoon, eigen, vandaag):
            afgeschaald += 1
        elif persoon.rol == "traject":
            _examens(rng, persoon, vandaag)
            if persoon.profiel == "goed" and rng.random() < 0.4:
                _participatieverklaring(rng, persoon, vandaag)
        _gesprekken(rng, persoon, vandaag)
        if persoon.rol == "voldaan":
            _voldaan(rng, persoon)
        _participatie(rng, persoon, keten, vandaag)
    for nummer, persoon in enumerate(_verwezen(rng, actief)):
        _verwijzing(rng, persoon, keten, nummer, vandaag)
    for persoon in personen:
        if persoon.asiel:
            _begeleiding(rng, persoon, keten)
    return len(personen) - len(actief), afgeschaald
