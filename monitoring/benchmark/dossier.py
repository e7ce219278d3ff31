"""Builds the rows of one seeded dossier: the person, then intake, PIP and route as
far as the dossier's age allows."""

from datetime import timedelta

from intake.models import (
    Gebeurtenis,
    Geslacht,
    Inburgeraar,
    Status,
    WetRegime,
    verblijfsvergunning_bij_doelgroep,
)
from intake.rules import pip_deadline
from intake.tijdlijn import GebeurtenisSoort
from pip_plans.models import Inburgeringstermijn
from pip_plans.rules import termijn_einde, termijn_start

from .data import (
    ACHTERNAMEN,
    B1,
    DOELGROEP_GEWICHTEN,
    HERKOMST,
    ONDERWIJS,
    STRATEN,
    WI2021_VANAF,
    Z,
    bsn,
)
from .rijen import Rijen
from .route import RouteBouwer


class Bouwer(RouteBouwer):
    """Builds the rows of one dossier with a seeded random generator."""

    # The dossier

    def dossier(self, index: int, rijen: Rijen) -> None:
        rng = self.rng
        gemeente = rng.choices(self.gemeenten, self.gewichten)[0]
        doelgroep = rng.choices(*zip(*DOELGROEP_GEWICHTEN, strict=True))[0]
        asiel = doelgroep in self.asiel
        nationaliteit, land, taal, mannen, vrouwen = rng.choice(HERKOMST)
        man = self.kans(0.55)
        laatste_start = self.vandaag - timedelta(days=30)
        start = WI2021_VANAF + timedelta(
            days=round(rng.random() ** 0.8 * (laatste_start - WI2021_VANAF).days)
        )
        leeftijd = rng.randint(18, 58)
        geboren = start - timedelta(days=round(leeftijd * 365.25) + rng.randint(0, 364))
        kennisgeving = self.bekend(self.later(start, 14, 42))
        koppeling = huisvesting = None
        if asiel:
            koppeling = self.later(start, 7, 35)
            huisvesting = self.later(koppeling, 42, 150)
            brp = self.later(huisvesting, 0, 7)
        else:
            brp = self.later(start, 7, 42)
        brp = self.bekend(brp)
        bijstand = asiel and self.kans(0.6) and huisvesting is not None
        bijstand_start = self.bekend(huisvesting) if bijstand else None
        bijstand = bijstand_start is not None
        straat, cijfers, letters = STRATEN[gemeente.naam]
        casus = rng.choice(self.ref.casusregisseurs[gemeente.pk])
        dossier = Inburgeraar(
            bsn=bsn(index),
            v_nummer=f"{3_000_000_000 + index}",
            voornamen=rng.choice(mannen if man else vrouwen),
            achternaam=rng.choice(ACHTERNAMEN),
            geboortedatum=geboren,
            geslacht=Geslacht.MAN if man else Geslacht.VROUW,
            nationaliteit=nationaliteit,
            geboorteland=land,
            talen=taal,
            telefoon=f"06-{20_000_000 + index:08d}",
            straat=straat,
            huisnummer=str(1 + index % 180),
            postcode=f"{cijfers} {letters}",
            woonplaats=gemeente.naam,
            gemeente=gemeente,
            wet_regime=WetRegime.WI2021,
            doelgroep=doelgroep,
            verblijfsvergunning=verblijfsvergunning_bij_doelgroep(doelgroep),
            start_inburgeringsplicht=start,
            datum_kennisgeving=kennisgeving,
            datum_brp_inschrijving=brp,
            datum_coa_koppeling=self.bekend(koppeling),
            datum_huisvesting=self.bekend(huisvesting),
            casusregisseur=casus,
            rsd_klantmanager=self.ref.klantmanager if bijstand else None,
            bijstand=bijstand,
            bijstand_start=bijstand_start,
            pip_deadline=pip_deadline(kennisgeving=kennisgeving, brp_inschrijving=brp),
            status=Status.SIGNAAL_ONTVANGEN,
        )
        rijen.add(dossier)
        rijen.add(
            Gebeurtenis(
                inburgeraar=dossier,
                soort=GebeurtenisSoort.AANGEMAAKT,
                omschrijving="Dossier aangemaakt (benchmark)",
            )
        )
        if kennisgeving is None:
            if self.kans(0.3):
                dossier.casusregisseur = None  # new: not yet assigned
            return
        self._verloop(dossier, casus, asiel, leeftijd, rijen)
        # Pw art. 56a: ontzorgen only with an asylum permit.
        if bijstand and self.kans(0.6) and dossier.heeft_asielvergunning:
            self._ontzorging(dossier, casus, rijen)

    def _verloop(self, dossier, casus, asiel: bool, leeftijd: int, rijen) -> None:
        """Intake, PIP and what follows, as far as the dossier's age allows."""
        rng = self.rng
        begin = max(
            d for d in (dossier.datum_kennisgeving, dossier.datum_brp_inschrijving) if d
        )
        intake_start = self.later(begin, 3, 25)
        if intake_start > self.vandaag or self.kans(0.02):
            dossier.status = Status.INTAKE_GEPLAND if self.kans(0.5) else dossier.status
            return
        afgerond_op = self.later(intake_start, 10, 30)
        te_laat = self.kans(0.2)
        dagtekening = (
            self.later(begin, 71, 130) if te_laat else self.later(begin, 35, 69)
        )
        dagtekening = max(dagtekening, afgerond_op + timedelta(days=1))
        afgerond = afgerond_op <= self.vandaag
        self._intake(
            dossier, casus, intake_start, afgerond_op if afgerond else None, rijen
        )
        if not afgerond:
            dossier.status = Status.INTAKE_LOOPT
            return
        if self.kans(0.03):
            dossier.status = rng.choice(
                (Status.VRIJGESTELD, Status.ONTHEVEN, Status.VERHUISD, Status.BEEINDIGD)
            )
            return
        if dagtekening > self.vandaag:
            dossier.status = Status.PIP_CONCEPT
            rijen.add(self._pip(dossier, casus, 1, self._route(asiel, leeftijd), None))
            return
        route = self._route(asiel, leeftijd)
        pip = self._pip(dossier, casus, 1, route, dagtekening)
        rijen.add(pip)
        beschikking = self._beschikking(dossier, casus, pip, dagtekening)
        rijen.add(beschikking)
        start = termijn_start(dagtekening)
        einde = termijn_einde(start)
        termijn = Inburgeringstermijn(
            inburgeraar=dossier,
            eerste_beschikking=beschikking,
            startdatum=start,
            oorspronkelijke_einddatum=einde,
            einddatum=einde,
        )
        rijen.add(termijn)
        dossier.pip_vastgesteld_op = dagtekening
        dossier.status = Status.PIP_VASTGESTELD
        if self.kans(0.02) and beschikking.bezwaar_deadline < self.vandaag:
            rijen.add(self._bezwaar(beschikking, casus))
        self._route_volgen(dossier, casus, asiel, pip, termijn, rijen)

    def _route(self, asiel: bool, leeftijd: int) -> str:
        gewichten = (60, 15, 25) if asiel else (80, 5, 15)
        route = self.rng.choices((B1, ONDERWIJS, Z), gewichten)[0]
        return B1 if route == ONDERWIJS and leeftijd > 27 else route
