"""Bouwer: makes the rows of one copy of the scenario persons, with the factories."""

from decimal import Decimal

from intake.models import Inburgeraar, IntakeStatus, Status, Statuswijziging
from pip_plans.models import Pip, Taalniveau, WijzigingReden
from tests.factories.intake import BredeIntakeFactory, InburgeraarFactory, make_bsn
from tests.factories.leerroutes import (
    AfrondingFactory,
    ExamenpogingFactory,
    RoutestandFactory,
    TrajectFactory,
    UrenregistratieFactory,
)
from tests.factories.pip_plans import (
    BeschikkingFactory,
    BezwaarFactory,
    BriefFactory,
    HandhavingszaakFactory,
    InburgeringstermijnFactory,
    OntzorgingFactory,
    PipFactory,
    VerlengingFactory,
)
from tests.monitoring.kwartaal.scenario.gedeeld import D, Gedeeld
from tests.monitoring.kwartaal.scenario.personen import VOORNAMEN


class Bouwer:
    """Makes the rows of one copy of the persons, with the factories."""

    def __init__(self, g: Gedeeld, ronde: int):
        self.g, self.ronde, self.user = g, ronde, g.user
        self.p: dict[str, Inburgeraar] = {}
        self.pips: dict[tuple[str, int], Pip] = {}
        self._volgnummer = 0

    def persoon(self, code, doelgroep, start, *, gem, **velden):
        self._volgnummer += 1
        self.p[code] = InburgeraarFactory(
            bsn=make_bsn(880_000 + 1000 * self.ronde + self._volgnummer),
            voornamen=VOORNAMEN[code],
            achternaam=f"Scenariopersoon{code}r{self.ronde}",
            geboortedatum=D(1990, 1, 1),
            gemeente=gem,
            doelgroep=doelgroep,
            start_inburgeringsplicht=start,
            datum_kennisgeving=velden.pop("kennisgeving", start),
            **velden,
        )
        return self.p[code]

    def intake(self, code, gestart, afgerond=None):
        BredeIntakeFactory(
            inburgeraar=self.p[code],
            gestart_op=gestart,
            gestart_door=self.user,
            status=IntakeStatus.AFGEROND if afgerond else IntakeStatus.LOOPT,
            afgerond_op=afgerond,
            afgerond_door=self.user if afgerond else None,
            onderdelen=False,
        )

    def pip(
        self,
        code,
        versie,
        leerroute,
        moment,
        *,
        reden=WijzigingReden.INITIEEL,
        taalniveau=Taalniveau.B1,
    ):
        """A PIP version; `moment` None: a concept."""
        pip = PipFactory(
            inburgeraar=self.p[code],
            versie=versie,
            reden=reden,
            leerroute=leerroute,
            taalniveau=taalniveau,
            aangemaakt_door=self.user,
            vastgesteld=moment is not None,
            vastgesteld_op=moment,
        )
        self.pips[(code, versie)] = pip
        return pip

    def traject(
        self,
        code,
        versie,
        start,
        *,
        aanbieder=None,
        einde=None,
        reden="",
        ingekocht=True,
    ):
        pip = self.pips[(code, versie)]
        return TrajectFactory(
            inburgeraar=self.p[code],
            pip=pip,
            aanbieder=aanbieder or self.g.taalschool,
            contract=self.g.contract[pip.leerroute] if ingekocht else None,
            ingekocht=ingekocht,
            start=start,
            geplande_einde=D(2025, 12, 31),
            einde=einde,
            einde_reden=reden,
            aangemaakt_door=self.user,
        )

    def uren(self, traject, onderdeel, maand, uren):
        UrenregistratieFactory(
            traject=traject,
            onderdeel=onderdeel,
            maand=maand,
            uren_aanwezig=Decimal(uren),
            keurmerk=False,
        )

    def examen(self, code, onderdeel, datum, geslaagd=True, niveau=""):
        ExamenpogingFactory(
            inburgeraar=self.p[code],
            onderdeel=onderdeel,
            niveau=niveau,
            datum=datum,
            geslaagd=geslaagd,
            vastgelegd_door=self.user,
        )

    def afronding(self, code, **data):
        AfrondingFactory(inburgeraar=self.p[code], **data)

    def statuswijziging(self, code, status, datum, bron, **velden):
        """The event that gave the person its (final) status: from in_traject."""
        persoon = self.p[code]
        Statuswijziging.objects.create(
            inburgeraar=persoon,
            status=status,
            vorige_status=Status.IN_TRAJECT,
            datum=datum,
            bron=bron,
            vastgelegd_door=self.user,
            **velden,
        )
        Inburgeraar.objects.filter(pk=persoon.pk).update(
            status=status, status_sinds=datum
        )

    def termijn(self, code, start, einde, oorspronkelijk=None, verlengingen=()):
        """The first beschikking (of PIP version 1) and its termijn; `verlengingen`
        as (besluitdatum, vorige einddatum, nieuwe einddatum)."""
        beschikking = BeschikkingFactory(
            pip=self.pips[(code, 1)], kenmerk=f"KW-{self.ronde}-{code}"
        )
        termijn = InburgeringstermijnFactory(
            inburgeraar=self.p[code],
            eerste_beschikking=beschikking,
            startdatum=start,
            oorspronkelijke_einddatum=oorspronkelijk or einde,
            einddatum=einde,
        )
        for besluit, vorige, nieuwe in verlengingen:
            VerlengingFactory(
                termijn=termijn,
                vastgelegd_door=self.user,
                besluitdatum=besluit,
                vorige_einddatum=vorige,
                nieuwe_einddatum=nieuwe,
            )
        return beschikking

    def bezwaar(self, beschikking, ontvangen_op):
        BezwaarFactory(beschikking=beschikking, ontvangen_op=ontvangen_op, gronden="")

    def boete_bezwaar(self, zaak, ontvangen_op):
        """The boetebeschikking of `zaak` (dated and sent on its besluit_op) and a
        bezwaar against it received on `ontvangen_op`."""
        brief = BriefFactory(
            handhavingszaak=zaak,
            boetebeschikking=True,
            aangemaakt_door=self.user,
        )
        BezwaarFactory(
            beschikking=None,
            boetebeschikking=brief,
            ontvangen_op=ontvangen_op,
            gronden="",
        )

    def ontzorging(self, code, start, einde):
        OntzorgingFactory(
            inburgeraar=self.p[code],
            startdatum=start,
            duur_maanden=6,
            einddatum=einde,
            aangemaakt_door=self.user,
        )

    def zaak(self, code, **velden):
        return HandhavingszaakFactory(
            inburgeraar=self.p[code],
            datum_overtreding=D(2022, 8, 1),
            feiten="Niet verschenen.",
            aangemaakt_door=self.user,
            **velden,
        )

    def routestand(self, code, koers="", **velden):
        RoutestandFactory(
            inburgeraar=self.p[code], koers=koers, berekend_op=D(2026, 11, 1), **velden
        )
