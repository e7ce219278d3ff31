"""What the leerroutes demo made, as the lines `demo_region` writes."""

from collections import Counter
from datetime import date

from django.db.models import Count

from intake.demo.regio import demo_dossiers

from ..models import (
    Afronding,
    Contract,
    Examenpoging,
    MaatschappelijkeBegeleiding,
    Organisatie,
    Participatieactiviteit,
    Routestand,
    Traject,
    Urenregistratie,
    Verwijzing,
    VerwijzingStatus,
    Voortgangsgesprek,
    Voortgangsrapportage,
)
from ..routestand import gesprek_te_doen_tot
from ..rules.koers import Koers


def _samenvatting(stdout, vandaag: date, *, wachtend: int, afgeschaald: int) -> None:
    demo = demo_dossiers()
    trajecten = Traject.objects.filter(inburgeraar__in=demo)
    standen = Routestand.objects.filter(inburgeraar__in=demo)
    regels = [
        ("taalaanbieders en ketenpartners", Organisatie.objects.count()),
        ("contracten", Contract.objects.count()),
        ("trajecten", trajecten.count()),
        (
            "  waarvan eigen keuze (niet ingekocht)",
            trajecten.filter(ingekocht=False).count(),
        ),
        ("wacht op toewijzing", wachtend),
        (
            "urenregistraties",
            Urenregistratie.objects.filter(inburgeraar__in=demo).count(),
        ),
        (
            "voortgangsrapportages",
            Voortgangsrapportage.objects.filter(inburgeraar__in=demo).count(),
        ),
        ("examenpogingen", Examenpoging.objects.filter(inburgeraar__in=demo).count()),
        (
            "  waarvan niet gehaald",
            Examenpoging.objects.filter(inburgeraar__in=demo, geslaagd=False).count(),
        ),
        (
            "inburgeringsplicht voldaan",
            Afronding.objects.filter(
                inburgeraar__in=demo, voldaan_op__isnull=False
            ).count(),
        ),
        ("afgeschaald naar A2", afgeschaald),
        (
            "participatieactiviteiten",
            Participatieactiviteit.objects.filter(inburgeraar__in=demo).count(),
        ),
        ("  duurzaam werk", standen.filter(duurzaam_werk_sinds__isnull=False).count()),
        ("  meedoen", standen.filter(meedoen_sinds__isnull=False).count()),
        (
            "maatschappelijke begeleiding",
            MaatschappelijkeBegeleiding.objects.filter(inburgeraar__in=demo).count(),
        ),
        (
            "voortgangsgesprekken gehouden",
            Voortgangsgesprek.objects.filter(
                inburgeraar__in=demo, gehouden_op__isnull=False
            ).count(),
        ),
        (
            "voortgangsgesprekken te doen",
            standen.filter(
                volgend_voortgangsgesprek__lte=gesprek_te_doen_tot(vandaag)
            ).count(),
        ),
    ]
    per_status = Counter(
        dict(
            Verwijzing.objects.filter(inburgeraar__in=demo)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    regels += [
        (f"verwijzingen {VerwijzingStatus(s).label.lower()}", per_status[s])
        for s in VerwijzingStatus.values
    ]
    per_koers = Counter(
        dict(standen.exclude(koers="").values_list("koers").annotate(n=Count("pk")))
    )
    regels += [(f"koers: {Koers(k).label.lower()}", per_koers[k]) for k in Koers]
    for wat, aantal in regels:
        stdout.write(f"  {wat:<40}{aantal:>5}")
