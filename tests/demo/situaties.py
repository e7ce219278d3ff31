"""The situations the demo region shows, whatever its size and whatever the day:
each one a branch of the demo that derives dates, so the calendar check covers it."""

from collections.abc import Callable
from datetime import date

from intake.demo.regio import demo_dossiers
from intake.models import BredeIntake, Inburgeraar, Status
from leerroutes.models import (
    Afronding,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    VerwijzingStatus,
    Voortgangsgesprek,
)
from leerroutes.routestand import gesprek_te_doen_tot
from monitoring.models import Ketenoverleg, Kwartaalrapport, Uitvoeringskosten
from pip_plans.models import (
    Beschikking,
    Betaling,
    Bezwaar,
    Brief,
    BriefSoort,
    Brieftekst,
    Handhavingszaak,
    InkomendeVerhuizing,
    Maatregel,
    Ontzorging,
    Pip,
    Verlenging,
)
from pip_plans.ontzorgen.rules import OntzorgenFase, fase_van


def _pip(status: str, reden: str) -> bool:
    return Pip.objects.filter(status=status, reden=reden).exists()


def _te_laat_vastgesteld() -> bool:
    return any(
        b.dagtekening > b.inburgeraar.pip_deadline
        for b in Beschikking.objects.filter(pip__versie=1).select_related("inburgeraar")
    )


def _ontzorgen_fasen(vandaag: date) -> set[str]:
    return {fase_van(o, vandaag) for o in Ontzorging.objects.all()}


def situaties(vandaag: date) -> dict[str, Callable[[], bool]]:
    """Each situation with the check that it occurs."""
    zaken = Handhavingszaak.objects.all()
    standen = Routestand.objects.all()
    return {
        # Intakes and PIPs (pip_plans.demo.pip).
        "termijn overgenomen na een inkomende verhuizing": lambda: (
            InkomendeVerhuizing.objects.filter(
                termijn__eerste_beschikking__isnull=True
            ).exists()
        ),
        "intake loopt": lambda: BredeIntake.objects.filter(status="loopt").exists(),
        "intake afgerond": lambda: BredeIntake.objects.filter(
            status="afgerond"
        ).exists(),
        "PIP in concept": lambda: _pip("concept", "initieel"),
        "PIP vastgesteld": lambda: _pip("vastgesteld", "initieel"),
        "PIP geschakeld": lambda: _pip("vastgesteld", "schakelen"),
        "PIP na verhuizing": lambda: _pip("vastgesteld", "verhuizing"),
        "PIP gewijzigd (overig)": lambda: _pip("vastgesteld", "overig"),
        "PIP afgeschaald": lambda: _pip("vastgesteld", "afschalen"),
        "herziening na bezwaar": lambda: _pip("concept", "herziening_na_bezwaar"),
        "PIP na de deadline": _te_laat_vastgesteld,
        "PIP-deadline opgeschort": lambda: Inburgeraar.objects.filter(
            pip_uitstel_sinds__isnull=False, pip_uitstel_informatie_ontvangen=None
        ).exists(),
        "PIP-deadline na informatie": lambda: Inburgeraar.objects.filter(
            pip_uitstel_informatie_ontvangen__isnull=False
        ).exists(),
        "bezwaar lopend": lambda: Bezwaar.objects.filter(uitkomst="").exists(),
        "bezwaar gegrond": lambda: Bezwaar.objects.filter(uitkomst="gegrond").exists(),
        "bezwaar ongegrond": lambda: Bezwaar.objects.filter(
            uitkomst="ongegrond"
        ).exists(),
        "termijn verlengd door DUO": Verlenging.objects.exists,
        # Ontzorgen and handhaving (pip_plans.demo.ontzorgen and .handhaving).
        **{
            f"ontzorgen {fase.label.lower()}": lambda fase=fase: (
                fase in _ontzorgen_fasen(vandaag)
            )
            for fase in OntzorgenFase
        },
        "ontzorgen eerder beëindigd": lambda: Ontzorging.objects.exclude(
            bijstand_einde=None
        ).exists(),
        "ontzorgen met zelfredzaamheid": lambda: Ontzorging.objects.exclude(
            zelfredzaamheid_vanaf=None
        ).exists(),
        "betalingen": Betaling.objects.exists,
        "ontzorgingsbeschikking": lambda: Brief.objects.filter(
            soort="ontzorgingsbeschikking"
        ).exists(),
        **{
            f"handhaving: {status}": lambda status=status: zaken.filter(
                status=status
            ).exists()
            for status in ("overtreding", "gewaarschuwd", "zienswijze", "boete")
            + ("afgezien",)
        },
        "zienswijzetermijn loopt": lambda: zaken.filter(
            status="zienswijze", zienswijze_ontvangen_op=None
        ).exists(),
        "beslistermijn verstreken": lambda: zaken.filter(
            beslistermijn__lt=vandaag, besluit=""
        ).exists(),
        "bezwaar tegen een boete": lambda: Bezwaar.objects.filter(
            boetebeschikking__isnull=False
        ).exists(),
        "beslissing op bezwaar (brief)": lambda: Brief.objects.filter(
            soort="beslissing_op_bezwaar"
        ).exists(),
        "voornemen en afschrift van het rapport": lambda: (
            Brief.objects.filter(soort="voornemen").exists()
            and Brief.objects.filter(soort="rapport").exists()
        ),
        "samenloop met een maatregel": lambda: (
            Maatregel.objects.exists() and zaken.met_samenloop(vandaag).exists()
        ),
        # Leerroutes (leerroutes.demo).
        **{
            f"koers: {koers}": lambda koers=koers: standen.filter(koers=koers).exists()
            for koers in ("op_koers", "risico", "niet_op_koers")
        },
        "wacht op een aanbieder": lambda: (
            demo_dossiers()
            .filter(status=Status.PIP_VASTGESTELD, trajecten__isnull=True)
            .exists()
        ),
        "eigen keuze en ingekocht": lambda: (
            Traject.objects.filter(ingekocht=False).exists()
            and Traject.objects.filter(ingekocht=True).exists()
        ),
        "uren na een verlopen keurmerk": lambda: Urenregistratie.objects.filter(
            keurmerk=False
        ).exists(),
        "examen gehaald en gezakt": lambda: (
            {True, False}
            <= set(Examenpoging.objects.values_list("geslaagd", flat=True))
        ),
        "inburgeringsplicht voldaan": lambda: Afronding.objects.filter(
            voldaan_op__isnull=False
        ).exists(),
        "duurzaam werk en meedoen": lambda: (
            standen.filter(duurzaam_werk_sinds__isnull=False).exists()
            and standen.filter(meedoen_sinds__isnull=False).exists()
        ),
        "participatie": Participatieactiviteit.objects.exists,
        **{
            f"verwijzing {status}": lambda status=status: Verwijzing.objects.filter(
                status=status
            ).exists()
            for status in VerwijzingStatus.values
        },
        "maatschappelijke begeleiding": MaatschappelijkeBegeleiding.objects.exists,
        "voortgangsgesprek gehouden": lambda: Voortgangsgesprek.objects.filter(
            gehouden_op__isnull=False
        ).exists(),
        "voortgangsgesprek te doen": lambda: standen.filter(
            volgend_voortgangsgesprek__lte=gesprek_te_doen_tot(vandaag)
        ).exists(),
        # Letter texts (pip_plans.demo.briefteksten): a gemeente's own published
        # text, a concept in the works, and every letter naming its version.
        "eigen brieftekst gepubliceerd": lambda: Brieftekst.objects.filter(
            versie__gt=1, status="gepubliceerd"
        ).exists(),
        "brieftekst in concept": lambda: Brieftekst.objects.filter(
            status="concept"
        ).exists(),
        "elke brief en beschikking noemt zijn tekstversie": lambda: (
            not (
                Brief.objects.exclude(soort=BriefSoort.OVERDRACHT)
                .filter(brieftekst=None)
                .exists()
                or Beschikking.objects.filter(brieftekst=None).exists()
            )
        ),
        # Monitoring (monitoring.demo.keten, monitoring.demo.rapportage).
        "ketenoverleggen": Ketenoverleg.objects.exists,
        "kwartaalrapporten van vier kwartalen": lambda: (
            Kwartaalrapport.objects.filter(gemeente=None, status="klaar").count() == 4
        ),
        "uitvoeringskosten": Uitvoeringskosten.objects.exists,
    }


def ontbrekend(vandaag: date) -> list[str]:
    """The situations the demo region in the database does not show."""
    return [naam for naam, komt_voor in situaties(vandaag).items() if not komt_voor()]
