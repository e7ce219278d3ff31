"""The benchmark builder's route after the PIP: trajecten with their monthly hours,
exams, participation, afronding and the routestand."""

from datetime import date, timedelta
from decimal import Decimal

from intake.models import Status
from leerroutes.models import (
    ActiviteitSoort,
    Afronding,
    Examenonderdeel,
    Examenpoging,
    Participatieactiviteit,
    Routestand,
    Traject,
    TrajectEinde,
    TrajectOnderdeel,
    UrenBron,
)
from pip_plans.models import WijzigingReden
from zevenaar_inburgering.termijnen import (
    maand_begin,
    maanden_later,
    maanden_verschil,
    periode_einde,
)

from .data import (
    B1,
    CONTRACTEN,
    CURSUS,
    KOERS,
    ONDERWIJS,
    PARTICIPATIE_Z,
    PROFIELEN,
    ROOSTER,
    Z,
)
from .pip import PipBouwer


class RouteBouwer(PipBouwer):
    """The leerroutes rows of the benchmark builder (`Bouwer`)."""

    # After the PIP

    def _route_volgen(self, dossier, casus, asiel, pip, termijn, rijen) -> None:
        rng = self.rng
        vandaag = self.vandaag
        traject_start = self.later(termijn.startdatum, 7, 60)
        if traject_start > vandaag or self.kans(0.04):
            return  # still waiting for an aanbieder
        profiel = rng.choices(("goed", "matig", "zwak"), (55, 30, 15))[0]
        voldaan_op = None
        if profiel != "zwak":
            klaar = self.later(maanden_later(traject_start, rng.randint(18, 34)), 0, 27)
            if klaar < vandaag and self.kans(0.8 if profiel == "goed" else 0.5):
                voldaan_op = klaar
        laatste = self.vorige_maand
        if voldaan_op:
            laatste = min(laatste, voldaan_op.replace(day=1))
        if self.kans(0.05):
            laatste = maanden_later(
                laatste, -2
            )  # the aanbieder has not reported lately
        route = pip.leerroute
        wissel = None
        if route == B1 and voldaan_op is None and self.kans(0.1):
            wissel = self.later(maanden_later(traject_start, 8), 0, 120)
            if wissel > vandaag - timedelta(days=30):
                wissel = None
        opkomst = rng.uniform(*PROFIELEN[profiel])
        geplande_einde = max(
            min(maanden_later(traject_start, 30), termijn.einddatum), traject_start
        )
        delen = []
        if wissel is None:
            delen.append((pip, route, traject_start, None, ""))
        else:
            pip2 = self._pip(
                dossier, casus, 2, Z, wissel, reden=WijzigingReden.SCHAKELEN
            )
            rijen.add(pip2)
            rijen.add(self._beschikking(dossier, casus, pip2, wissel))
            tweede_start = wissel + timedelta(days=rng.randint(3, 21))
            delen.append(
                (pip, route, traject_start, tweede_start, TrajectEinde.SCHAKELEN)
            )
            delen.append((pip2, Z, tweede_start, None, ""))
            route = Z
        ingekocht = asiel
        norm = Decimal(0)
        gevolgd = Decimal(0)
        for deel_pip, deel_route, van, tot, einde_reden in delen:
            aanbieder, contract = rng.choice(self.ref.aanbieders[deel_route])
            einde = tot or (voldaan_op if voldaan_op else None)
            traject = Traject(
                inburgeraar=dossier,
                pip=deel_pip,
                leerroute=deel_route,
                aanbieder=aanbieder,
                contract=contract if ingekocht else None,
                ingekocht=ingekocht,
                start=van,
                geplande_einde=max(geplande_einde, van),
                einde=einde,
                einde_reden=einde_reden or (TrajectEinde.VOLDAAN if einde else ""),
                aangemaakt_door=casus,
            )
            rijen.add(traject)
            uren = dict(CONTRACTEN[deel_route][1])
            for onderdeel, (geplande, _) in uren.items():
                if onderdeel == PARTICIPATIE_Z and not asiel:
                    continue
                eerste, aantal = ROOSTER[deel_route][onderdeel]
                rijen.add(
                    TrajectOnderdeel(
                        traject=traject,
                        onderdeel=onderdeel,
                        geplande_uren=geplande,
                        start=maanden_later(maand_begin(van), eerste),
                        geplande_einde=periode_einde(
                            maanden_later(maand_begin(van), eerste), maanden=aantal
                        ),
                    )
                )
                if einde is None and onderdeel in CURSUS:
                    norm += geplande
            # Monthly hours along the rooster, until the last reported month.
            m0 = maand_begin(van)
            # A closed traject reports until the month before the next one starts.
            eind_maand = (
                min(laatste, maanden_later(maand_begin(tot), -1)) if tot else laatste
            )
            maanden = maanden_verschil(m0, eind_maand)
            for i in range(maanden + 1):
                maand = maanden_later(m0, i)
                aanwezigheid = min(1.0, max(0.0, opkomst + rng.uniform(-0.06, 0.06)))
                for onderdeel, (eerste, aantal) in ROOSTER[deel_route].items():
                    if not eerste <= i < eerste + aantal:
                        continue
                    if onderdeel == PARTICIPATIE_Z and not asiel:
                        continue
                    geroosterd = Decimal(round(2 * uren[onderdeel][0] / aantal)) / 2
                    aanwezig = Decimal(round(2 * float(geroosterd) * aanwezigheid)) / 2
                    rijen.uren.append(
                        (
                            dossier.pk,
                            traject.pk,
                            aanbieder.pk,
                            onderdeel,
                            maand,
                            aanwezig,
                            geroosterd,
                            "t",
                            UrenBron.IMPORT,
                            casus.pk,
                        )
                    )
                    if onderdeel in CURSUS:
                        gevolgd += aanwezig
        dossier.status = Status.IN_TRAJECT
        self._examens(dossier, casus, route, traject_start, voldaan_op, profiel, rijen)
        werk_sinds = self._participatie(dossier, casus, traject_start, rijen)
        self._afronding(dossier, route, traject_start, voldaan_op, rijen)
        if voldaan_op:
            dossier.status = Status.AFGEROND_VOLDAAN
        elif termijn.einddatum < vandaag:
            dossier.status = Status.TERMIJN_OVERSCHREDEN
        if voldaan_op is None and self.kans(0.03):
            self._verlenging(termijn, casus, rijen)
        if voldaan_op is None and self.kans(0.04):
            self._handhaving(dossier, casus, termijn.startdatum, rijen)
        gesprek = self.later(vandaag, -45, 75)
        rijen.add(
            Routestand(
                inburgeraar=dossier,
                koers="" if voldaan_op else KOERS[profiel],
                koers_redenen=[f"inburgeringsplicht voldaan op {voldaan_op:%d-%m-%Y}"]
                if voldaan_op
                else [],
                uren_gevolgd=gevolgd,
                uren_norm=norm,
                duurzaam_werk_sinds=werk_sinds,
                meedoen_sinds=self.bekend(
                    maanden_later(traject_start, rng.randint(4, 20))
                )
                if profiel != "zwak"
                else None,
                volgend_voortgangsgesprek=None if voldaan_op else gesprek,
                berekend_op=vandaag,
            )
        )

    def _examens(
        self, dossier, casus, route, start, voldaan_op, profiel, rijen
    ) -> None:
        rng = self.rng
        knm = self.bekend(maanden_later(start, rng.randint(10, 16)))
        if knm is None:
            return
        rijen.add(
            Examenpoging(
                inburgeraar=dossier,
                onderdeel=Examenonderdeel.KNM,
                datum=knm,
                geslaagd=voldaan_op is not None or self.kans(0.85),
                vastgelegd_door=casus,
            )
        )
        if route == Z:
            return
        examendag = self.bekend(
            voldaan_op - timedelta(days=20)
            if voldaan_op
            else maanden_later(start, rng.randint(18, 30))
        )
        if examendag is None:
            return
        for onderdeel in ("lezen", "luisteren", "schrijven", "spreken"):
            rijen.add(
                Examenpoging(
                    inburgeraar=dossier,
                    onderdeel=onderdeel,
                    niveau="B1",
                    datum=examendag,
                    geslaagd=voldaan_op is not None
                    or self.kans(0.6 if profiel == "goed" else 0.3),
                    vastgelegd_door=casus,
                )
            )

    def _participatie(self, dossier, casus, start, rijen) -> date | None:
        if not self.kans(0.45):
            return None
        rng = self.rng
        soort = rng.choices(
            (
                ActiviteitSoort.BETAALD_WERK,
                ActiviteitSoort.VRIJWILLIGERSWERK,
                ActiviteitSoort.STAGE,
                ActiviteitSoort.OPLEIDING,
            ),
            (40, 35, 15, 10),
        )[0]
        van = self.bekend(maanden_later(start, rng.randint(2, 18)))
        if van is None:
            return None
        uren = Decimal(rng.choice((8, 12, 16, 24, 32)))
        tot = self.later(van, 60, 400) if self.kans(0.3) else None
        rijen.add(
            Participatieactiviteit(
                inburgeraar=dossier,
                soort=soort,
                organisatie="Distributiecentrum Liemerhof"
                if soort == ActiviteitSoort.BETAALD_WERK
                else "Buurthuis De Brink",
                uren_per_week=uren,
                start=van,
                einde=self.bekend(tot),
                vastgelegd_door=casus,
            )
        )
        duurzaam = (
            soort == ActiviteitSoort.BETAALD_WERK
            and uren >= 12
            and tot is None
            and periode_einde(van, maanden=6) <= self.vandaag
        )
        return periode_einde(van, maanden=6) if duurzaam else None

    def _afronding(self, dossier, route, start, voldaan_op, rijen) -> None:
        pvt = self.bekend(maanden_later(start, 3))
        if pvt is None or not (voldaan_op or self.kans(0.6)):
            return
        rijen.add(
            Afronding(
                inburgeraar=dossier,
                participatieverklaring_getekend_op=pvt,
                map_afgerond_op=self.bekend(maanden_later(start, 10))
                if route != ONDERWIJS
                else None,
                z_eindgesprek_op=voldaan_op if route == Z else None,
                z_eindgesprek_verslag="Eindgesprek gevoerd."
                if route == Z and voldaan_op
                else "",
                onderwijsroute_resultaat_op=voldaan_op if route == ONDERWIJS else None,
                onderwijsroute_resultaat="B1 behaald; ingeschreven bij het mbo."
                if route == ONDERWIJS and voldaan_op
                else "",
                voldaan_op=voldaan_op,
            )
        )
