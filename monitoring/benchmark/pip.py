"""The benchmark builder's base: its random helpers, the brede intake, the PIP and
its beschikking, and what pip_plans adds (bezwaar, verlenging, handhaving,
ontzorgen)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from intake.models import BredeIntake, IntakeGezondheid, IntakeStatus
from pip_plans.handhaving.rules import beslistermijn, zienswijze_termijn
from pip_plans.models import (
    Beschikking,
    BesluitSoort,
    Bezwaar,
    BezwaarUitkomst,
    HandhavingStatus,
    Handhavingszaak,
    Maatregel,
    MaatregelGrond,
    Ontzorging,
    Overtreding,
    Pip,
    PipStatus,
    Verlenging,
    VerlengingReden,
    Verwijtbaarheid,
    WijzigingReden,
)
from pip_plans.ontzorgen.rules import regulier_einde
from pip_plans.rules import bezwaar_beslistermijn, bezwaar_deadline, bezwaar_tijdig
from zevenaar_inburgering.parameters.models import geheel
from zevenaar_inburgering.termijnen import maand_begin, maanden_later, verlengd_einde

from .data import AFWIJZING, B1, GEMEENTE_GEWICHTEN, ONDERWIJS, SEED, TAALNIVEAU, Z
from .referentie import Referentie


class PipBouwer:
    """The helpers and the pip_plans rows of the benchmark builder (`Bouwer`)."""

    def __init__(self, ref: Referentie, vandaag: date):
        self.ref = ref
        self.vandaag = vandaag
        self.rng = random.Random(SEED)
        self.gemeenten = ref.gemeenten
        self.gewichten = [GEMEENTE_GEWICHTEN[g.naam] for g in ref.gemeenten]
        self.vorige_maand = maanden_later(maand_begin(vandaag), -1)
        self.asiel = {
            d for d, c in settings.DOELGROEP_CATEGORIE.items() if c == "asiel"
        }

    # Helpers

    def kans(self, p: float) -> bool:
        return self.rng.random() < p

    def later(self, dag: date, van: int, tot: int) -> date:
        return dag + timedelta(days=self.rng.randint(van, tot))

    def bekend(self, dag: date | None) -> date | None:
        """A date that has not come yet is not known yet."""
        return dag if dag is not None and dag <= self.vandaag else None

    def moment(self, dag: date) -> datetime:
        return timezone.make_aware(datetime.combine(dag, time(10, 0)))

    # The dossier

    def _intake(self, dossier, casus, gestart_op, afgerond_op, rijen) -> None:
        rng = self.rng
        jaren = rng.randint(0, 16)
        intake = BredeIntake(
            inburgeraar=dossier,
            gestart_op=gestart_op,
            gestart_door=casus,
            status=IntakeStatus.AFGEROND if afgerond_op else IntakeStatus.LOOPT,
            afgerond_op=afgerond_op,
            afgerond_door=casus if afgerond_op else None,
            lbt_datum=self.bekend(gestart_op + timedelta(days=2)),
            lbt_uitkomst=rng.choice(("b1_of_hoger", "a2", "a1_of_lager")),
            lbt_toetsbegeleider="M. Hendriks",
            hoogste_opleiding="geen" if jaren == 0 else "voortgezet",
            land_opleiding=dossier.geboorteland,
            jaren_onderwijs=jaren,
            gealfabetiseerd="ja" if jaren >= 6 else "deels",
            persoonlijke_omstandigheden="Woont met gezin; zoekt werk in de buurt."
            if afgerond_op
            else "",
            wens=rng.choice(("werk", "opleiding", "geen_voorkeur")),
            individueel_gesprek_aangeboden=True,
            coa_profiel_ontvangen_op=dossier.datum_coa_koppeling,
        )
        rijen.add(intake)
        rijen.add(
            IntakeGezondheid(
                intake=intake,
                fysieke_gezondheid="Geen bijzonderheden.",
                besproken_op=intake.lbt_datum if afgerond_op else None,
            )
        )

    def _pip(self, dossier, casus, versie: int, route: str, dagtekening, reden=None):
        vastgesteld = dagtekening is not None
        return Pip(
            inburgeraar=dossier,
            versie=versie,
            status=PipStatus.VASTGESTELD if vastgesteld else PipStatus.CONCEPT,
            reden=reden or WijzigingReden.INITIEEL,
            toelichting_wijziging="B1 bleek te hoog gegrepen." if reden else "",
            leerroute=route,
            taalniveau=TAALNIVEAU[route],
            **{
                f"reden_afwijzing_{r}": AFWIJZING[r]
                for r in (B1, ONDERWIJS, Z)
                if r != route
            },
            ondersteuning="Maatschappelijke begeleiding; taalmaatje via het buurthuis.",
            maatschappelijke_begeleiding=True,
            pvt_uren=12,
            map_uren=None if route == ONDERWIJS else 40,
            knm_vorm="cursus" if route == Z else "examen",
            voortgangsgesprek_interval_weken=12,
            cursus_eigen_keuze=dossier.doelgroep not in self.asiel,
            aangemaakt_door=casus,
            vastgesteld_op=self.moment(dagtekening) if vastgesteld else None,
            vastgesteld_door=casus if vastgesteld else None,
        )

    def _beschikking(self, dossier, casus, pip, dagtekening: date) -> Beschikking:
        kenmerk = f"PIP-{dossier.gemeente.cbs_code}-{dagtekening:%Y}-B{dossier.bsn}-{pip.versie}"
        return Beschikking(
            pip=pip,
            inburgeraar=dossier,
            kenmerk=kenmerk,
            dagtekening=dagtekening,
            bekendmaking=dagtekening,
            bezwaar_deadline=bezwaar_deadline(dagtekening),
            pdf=f"beschikkingen/benchmark/{kenmerk}.pdf",
            sha256="0" * 64,
            vastgesteld_door=casus,
        )

    def _bezwaar(self, beschikking, casus) -> Bezwaar:
        ontvangen = self.later(beschikking.dagtekening, 10, 40)
        beslist = ontvangen + timedelta(weeks=10)
        klaar = beslist <= self.vandaag and self.kans(0.7)
        ontvangen = min(ontvangen, self.vandaag)
        einde = beschikking.bezwaar_deadline
        return Bezwaar(
            inburgeraar_id=beschikking.inburgeraar_id,
            beschikking=beschikking,
            ontvangen_op=ontvangen,
            bezwaartermijn_einde=einde,
            tijdig=bezwaar_tijdig(
                ontvangen_op=ontvangen,
                poststempel_op=None,
                termijn_einde=einde,
                nazending_dagen=geheel("bezwaar_nazending_dagen", einde),
            ),
            beslistermijn=bezwaar_beslistermijn(
                einde, weken=geheel("bezwaar_beslistermijn_weken", einde)
            ),
            gronden="De onderwijsroute is niet goed onderzocht.",
            besluit_datum=beslist if klaar else None,
            uitkomst=BezwaarUitkomst.ONGEGROND if klaar else "",
            geregistreerd_door=casus,
        )

    # After the PIP

    def _verlenging(self, termijn, casus, rijen) -> None:
        vorige = termijn.einddatum
        besluit = min(self.vandaag, vorige - timedelta(days=60))
        if besluit <= termijn.startdatum:
            return
        nieuwe = verlengd_einde(vorige, maanden=6)
        termijn.einddatum = nieuwe
        rijen.add(
            Verlenging(
                termijn=termijn,
                besluitdatum=besluit,
                vorige_einddatum=vorige,
                nieuwe_einddatum=nieuwe,
                reden=VerlengingReden.EXAMENVERTRAGING,
                duo_kenmerk="DUO-BENCH",
                vastgelegd_door=casus,
            )
        )

    def _handhaving(self, dossier, casus, termijn_start_: date, rijen) -> None:
        """A zaak as far as its dates allow: overtreding, waarschuwing, rapport and
        zienswijze, then a besluit (boete or afzien)."""
        rng = self.rng
        overtreding_op = self.later(termijn_start_, 60, 500)
        if overtreding_op > self.vandaag:
            return
        zaak = Handhavingszaak(
            inburgeraar=dossier,
            overtreding=rng.choice((Overtreding.PVT, Overtreding.PIP_VERPLICHTINGEN)),
            datum_overtreding=overtreding_op,
            feiten="Niet verschenen bij de lessen en het participatieverklaringstraject.",
            status=HandhavingStatus.OVERTREDING,
            aangemaakt_door=casus,
        )
        stappen = rng.randint(0, 4)  # how far the zaak would be, time permitting
        waarschuwing = self.bekend(overtreding_op + timedelta(days=14))
        if stappen >= 1 and waarschuwing:
            zaak.status = HandhavingStatus.GEWAARSCHUWD
            zaak.waarschuwing_op = waarschuwing
        rapport = self.bekend(overtreding_op + timedelta(days=rng.randint(30, 90)))
        if stappen >= 2 and zaak.waarschuwing_op and rapport:
            zaak.status = HandhavingStatus.ZIENSWIJZE
            zaak.voorgenomen_bedrag = Decimal("500.00")
            zaak.rapport_op = rapport
            zaak.rapport = "Rapport opgemaakt na twee gemiste afspraken."
            zaak.zienswijze_tot = zienswijze_termijn(rapport, 2)
            zaak.beslistermijn = beslistermijn(rapport, 13)
            besluit = self.bekend(rapport + timedelta(weeks=rng.randint(4, 12)))
            if stappen >= 3 and besluit:
                zaak.besluit_op = besluit
                if stappen == 3:
                    zaak.status = HandhavingStatus.BOETE
                    zaak.besluit = BesluitSoort.BOETE
                    zaak.verwijtbaarheid = Verwijtbaarheid.VOLLEDIG
                    zaak.boetebedrag = Decimal("500.00")
                else:
                    zaak.status = HandhavingStatus.AFGEZIEN
                    zaak.besluit = BesluitSoort.AFZIEN
                    zaak.afzien_reden = "Betrokkene was ziek; niet verwijtbaar."
        rijen.add(zaak)
        if dossier.bijstand and self.kans(0.3):
            rijen.add(
                Maatregel(
                    inburgeraar=dossier,
                    grond=MaatregelGrond.RE_INTEGRATIE,
                    datum_gedraging=overtreding_op,
                    omschrijving="Niet verschenen bij het re-integratietraject.",
                    besluit_op=min(overtreding_op + timedelta(days=20), self.vandaag),
                    verlaging_procent=20,
                    duur_maanden=1,
                    vastgelegd_door=self.ref.klantmanager,
                )
            )

    def _ontzorging(self, dossier, casus, rijen) -> None:
        start = dossier.bijstand_start
        einde = regulier_einde(start, 6)
        rijen.add(
            Ontzorging(
                inburgeraar=dossier,
                startdatum=start,
                duur_maanden=6,
                einddatum=einde,
                machtiging_getekend_op=self.bekend(start + timedelta(days=10)),
                aangemaakt_door=casus,
            )
        )
