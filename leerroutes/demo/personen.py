"""Who gets what: the demo dossiers with a vastgesteld PIP, each with a role and a
profile."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from intake.demo.regio import demo_dossiers
from intake.models import DoelgroepCategorie, Inburgeraar, Status
from pip_plans.models import Beschikking, Pip, PipStatus, WijzigingReden
from pip_plans.selectors import geldende_pips
from zevenaar_inburgering.termijnen import maanden_later, maanden_tussen

from .data import B1, PROFIELEN


@dataclass
class Persoon:
    """One demo dossier with a vastgesteld PIP and what the demo does with it."""

    dossier: Inburgeraar
    pip: Pip
    start: date  # of the (first) traject
    profiel: str
    rol: str  # "traject", "voldaan", "afschalen" or "wacht"
    opkomst: float = 0.0  # the share of scheduled hours attended
    groei: float = 0.0  # levels gained per 30 months
    voldaan_op: date | None = None
    uren: dict = field(default_factory=dict)  # planned hours per onderdeel
    # (traject, first month index, last month index) from the first traject start.
    delen: list = field(default_factory=list)
    maand_aanwezigheid: dict = field(default_factory=dict)

    @property
    def user(self):
        return self.dossier.casusregisseur

    @property
    def asiel(self) -> bool:
        return self.dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL


def _maand_index(van: date, tot: date) -> int:
    """How many calendar months `tot`'s month lies after `van`'s (-1 when before)."""
    return len(maanden_tussen(van, tot)) - 1


def _dag(rng: random.Random, van: date, tot: date) -> date:
    """A day from `van` to `tot`, both included (`van` when the range is empty)."""
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


def _personen(rng: random.Random, vandaag: date) -> list[Persoon]:
    """The demo dossiers with a vastgesteld PIP, each with a role and a profile."""
    dossiers = (
        demo_dossiers()
        .filter(termijn__isnull=False, casusregisseur__isnull=False)
        .select_related("termijn", "gemeente", "casusregisseur")
        .order_by("bsn")
    )
    laatste = geldende_pips(dossiers)
    geschakeld = {
        b.inburgeraar_id: b.dagtekening
        for b in Beschikking.objects.filter(
            pip__in=[p for p in laatste.values() if p.reden == WijzigingReden.SCHAKELEN]
        )
    }
    personen = []
    for dossier in dossiers:
        pip = laatste.get(dossier.pk)
        if pip is None:
            continue
        start = dossier.termijn.startdatum
        if dossier.pk in geschakeld:
            # The new route starts some days after the schakel-beschikking.
            start = min(geschakeld[dossier.pk] + timedelta(rng.randint(3, 21)), vandaag)
        profiel = rng.choices(("goed", "matig", "zwak"), (50, 30, 20))[0]
        rol = "traject"
        voldaan_op = None
        if dossier.status == Status.PIP_VASTGESTELD and (
            start > vandaag - timedelta(weeks=8) or rng.random() < 0.4
        ):
            rol = "wacht"  # the casusregisseur has yet to assign an aanbieder
        elif dossier.status == Status.AFGEROND_VOLDAAN:
            rol, profiel = "voldaan", "goed"
            voldaan_op = min(
                maanden_later(dossier.termijn.startdatum, rng.randint(18, 30))
                + timedelta(rng.randint(0, 27)),
                vandaag - timedelta(rng.randint(10, 60)),
            )
        elif dossier.status == Status.TERMIJN_OVERSCHREDEN:
            profiel = "zwak"
        laag, hoog, groei = PROFIELEN[profiel]
        personen.append(
            Persoon(
                dossier=dossier,
                pip=pip,
                start=start,
                profiel=profiel,
                rol=rol,
                opkomst=rng.uniform(laag, hoog),
                groei=groei,
                voldaan_op=voldaan_op,
            )
        )
    # One or two B1-route dossiers that will be afgeschaald to A2: a long-running
    # B1 route (a first PIP or a later version that kept it) and good attendance,
    # but the levels stay at A2.
    concept = set(
        Pip.objects.filter(
            inburgeraar__in=dossiers, status=PipStatus.CONCEPT
        ).values_list("inburgeraar_id", flat=True)
    )
    kandidaten = [
        p
        for p in personen
        if p.rol == "traject"
        and p.dossier.status == Status.IN_TRAJECT
        and p.pip.leerroute == B1
        and p.pip.reden != WijzigingReden.SCHAKELEN
        and p.dossier.pk not in concept
        # 600 NT2 hours reached and the decision taken before today.
        and p.start <= maanden_later(vandaag, -23)
        # Time left in the termijn for the A2 exams.
        and p.dossier.termijn.einddatum > maanden_later(vandaag, 3)
    ]
    for persoon in rng.sample(kandidaten, min(2, len(kandidaten))):
        persoon.rol, persoon.profiel = "afschalen", "goed"
        persoon.opkomst, persoon.groei = rng.uniform(0.9, 0.97), 1.3
    # Whatever the draw, someone waits for an aanbieder: the latest to start.
    vastgesteld = [p for p in personen if p.dossier.status == Status.PIP_VASTGESTELD]
    if vastgesteld and all(p.rol != "wacht" for p in vastgesteld):
        max(vastgesteld, key=lambda p: p.start).rol = "wacht"
    return personen
