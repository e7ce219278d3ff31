"""Demo region: budgets, taakstelling and realised uitvoeringskosten for the recent
years (demonstration values, marked as such), and the kwartaalrapporten of the last
four quarters, so the beleidsmedewerker's dashboard has something to show."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from intake.demo.regio import op_schaal
from zevenaar_inburgering.accounts.models import Gemeente
from zevenaar_inburgering.parameters.models import Parameter
from zevenaar_inburgering.termijnen import maand_einde

from ..models import Kwartaalrapport, Uitvoeringskosten
from ..rapportage.basis import laatste_afgesloten_kwartaal
from ..rapportage.rapport import rapport_maken

BRON = "Demonstratiewaarde (geen echte begroting)"
# Per gemeente: uitvoeringskosten budget per year and taakstelling per half year.
DEMO = {"Zevenaar": (Decimal(145000), 36), "Duiven": (Decimal(98000), 22),
        "Westervoort": (Decimal(71000), 15)}  # fmt: skip


def _vorige(jaar: int, kwartaal: int) -> tuple[int, int]:
    return (jaar, kwartaal - 1) if kwartaal > 1 else (jaar - 1, 4)


def vul_aan(*, stdout, vandaag: date | None = None) -> None:
    if Kwartaalrapport.objects.exists():
        stdout.write("Kwartaalrapporten bestaan al; niets toegevoegd.")
        return
    vandaag = vandaag or timezone.localdate()
    for gemeente in Gemeente.objects.all():
        budget, taakstelling = DEMO.get(gemeente.naam, (Decimal(80000), 15))
        for jaar in range(2024, vandaag.year + 1):
            Parameter.objects.get_or_create(
                code="uitvoeringskosten_budget",
                gemeente=gemeente,
                geldig_vanaf=date(jaar, 1, 1),
                defaults={
                    "geldig_tot": date(jaar, 12, 31),
                    "waarde": budget,
                    "bron": BRON,
                },
            )
            for begin, eind in ((date(jaar, 1, 1), date(jaar, 6, 30)),
                                (date(jaar, 7, 1), date(jaar, 12, 31))):  # fmt: skip
                Parameter.objects.get_or_create(
                    code="taakstelling_huisvesting",
                    gemeente=gemeente,
                    geldig_vanaf=begin,
                    defaults={"geldig_tot": eind, "waarde": taakstelling, "bron": BRON},
                )
            for kwartaal in range(1, 5):
                # Realised costs are known once the quarter has ended.
                if maand_einde(date(jaar, 3 * kwartaal, 1)) >= vandaag:
                    break
                Uitvoeringskosten.objects.get_or_create(
                    gemeente=gemeente,
                    jaar=jaar,
                    kwartaal=kwartaal,
                    defaults={
                        "bedrag": (budget / 4 * Decimal("0.9")).quantize(Decimal(1)),
                        "toelichting": BRON,
                    },
                )
    jaar, kwartaal = laatste_afgesloten_kwartaal(vandaag)
    # The region's report of each quarter; the gemeenten's of the last one (in a
    # smaller demo region for fewer of them).
    gemeenten = list(Gemeente.objects.order_by("naam"))
    gemeenten = gemeenten[: op_schaal(len(gemeenten), minimum=0)]
    aantal = 0
    for stap in range(4):
        gebieden = [None] + (gemeenten if stap == 0 else [])
        for gemeente in gebieden:
            rapport = Kwartaalrapport.objects.create(
                jaar=jaar, kwartaal=kwartaal, gemeente=gemeente
            )
            rapport_maken(rapport.pk, stand=vandaag)
            aantal += 1
        jaar, kwartaal = _vorige(jaar, kwartaal)
    stdout.write(f"Kwartaalrapporten gemaakt: {aantal}.")
