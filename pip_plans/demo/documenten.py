"""The demo region's documents on the dossier (issue 20), through the real service
(private storage, SHA-256, timeline, verwerkingenlog): diplomas and COA profiles at
the brede intake, a few medical statements, signed participatieverklaringen, and a
bezwaarschrift with every bezwaar and a document with the first handhavingszaak.
Every file is a small PDF that says it is made up. Dates lie in the past."""

from datetime import date, timedelta

from intake.demo.regio import demo_dossiers, op_schaal
from intake.models import BredeIntake, Document, DocumentSoort, DoelgroepCategorie
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.pdf import html_to_pdf, safe_url_fetcher

from ..models import Bezwaar, Handhavingszaak
from ..services.documenten import BEZWAAR, INTAKE, ZAAK, document_toevoegen_aan_dossier


def _pdf(titel: str, tekst: str) -> bytes:
    html = (
        f"<h1>{titel}</h1><p>{tekst}</p>"
        "<p><em>Verzonnen document van de demoregio Liemers Inburgering.</em></p>"
    )
    return html_to_pdf(html, title=titel, url_fetcher=safe_url_fetcher())


def _toevoegen(dossier, soort, datum: date, hoort_bij: str, notitie: str, tekst: str):
    document_toevoegen_aan_dossier(
        dossier,
        hoort_bij=hoort_bij,
        gebruiker=dossier.casusregisseur,
        data=_pdf(DocumentSoort(soort).label, tekst),
        bestandsnaam=f"{soort.replace('_', '-')}-{dossier.achternaam.lower()}.pdf",
        soort=soort,
        datum=datum,
        notitie=notitie,
    )


def vul_documenten(vandaag: date, stdout) -> None:
    demo = demo_dossiers().filter(casusregisseur__isnull=False)
    if Document.objects.filter(inburgeraar__in=demo).exists():
        stdout.write("De demodocumenten bestaan al.")
        return
    intakes = list(
        BredeIntake.objects.filter(inburgeraar__in=demo, vervangen_op__isnull=True)
        .select_related("inburgeraar__casusregisseur")
        .order_by("gestart_op", "pk")[: op_schaal(24, minimum=6)]
    )
    for nummer, intake in enumerate(intakes):
        dossier = intake.inburgeraar
        if nummer % 2 == 0:
            _toevoegen(
                dossier,
                DocumentSoort.DIPLOMA,
                intake.gestart_op.replace(year=intake.gestart_op.year - 6, day=1),
                f"{INTAKE}:onderwijs",
                "Vertaald en gelegaliseerd; waardering aangevraagd bij IDW.",
                f"Diploma middelbare school van {dossier.naam}.",
            )
        if dossier.doelgroep_categorie == DoelgroepCategorie.ASIEL:
            _toevoegen(
                dossier,
                DocumentSoort.COA_PROFIEL,
                intake.coa_profiel_ontvangen_op or intake.gestart_op,
                f"{INTAKE}:omstandigheden",
                "",
                f"Informatieprofiel van het COA over {dossier.naam}.",
            )
        if nummer % 8 == 3:
            _toevoegen(
                dossier,
                DocumentSoort.MEDISCHE_VERKLARING,
                intake.gestart_op,
                f"{INTAKE}:omstandigheden",
                "Voor de aanvraag van een ontheffing.",
                f"Medische verklaring van de huisarts over {dossier.naam}.",
            )
        if nummer % 5 == 1 and intake.afgerond_op:
            _toevoegen(
                dossier,
                DocumentSoort.PARTICIPATIEVERKLARING,
                min(intake.afgerond_op + timedelta(days=90), vandaag),
                "",
                "",
                f"Ondertekende participatieverklaring van {dossier.naam}.",
            )
    bezwaren = Bezwaar.objects.filter(inburgeraar__in=demo).select_related(
        "inburgeraar__casusregisseur"
    )
    for bezwaar in bezwaren:
        _toevoegen(
            bezwaar.inburgeraar,
            DocumentSoort.BEZWAARSCHRIFT,
            bezwaar.ontvangen_op,
            f"{BEZWAAR}:{bezwaar.pk}",
            "Ontvangen per post, ingescand.",
            f"Bezwaarschrift ontvangen op {datum_tekst(bezwaar.ontvangen_op)}.",
        )
    zaak = (
        Handhavingszaak.objects.filter(inburgeraar__in=demo)
        .select_related("inburgeraar__casusregisseur")
        .order_by("datum_overtreding", "pk")
        .first()
    )
    if zaak is not None:
        _toevoegen(
            zaak.inburgeraar,
            DocumentSoort.OVERIG,
            zaak.datum_overtreding,
            f"{ZAAK}:{zaak.pk}",
            "Presentielijst van de taalaanbieder.",
            "Presentielijst van de lessen NT2.",
        )
    stdout.write(
        f"{Document.objects.filter(inburgeraar__in=demo).count()} demodocumenten."
    )
