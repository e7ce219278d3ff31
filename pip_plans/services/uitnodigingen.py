"""Letters made in bulk from the werkvoorraad (issue 20 item 5): the casusregisseur
picks dossiers and makes one kind of letter for all of them, each stored on its own
dossier as a Brief, and all of them together as one PDF to print (a
Brievenbundel). For now one kind: the uitnodiging for the brede intake (Wet
inburgering 2021 art. 14: the college holds a brede intake with every
inburgeringsplichtige)."""

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import ValidationError
from django.utils import timezone

from intake.models import GESLOTEN_STATUSSEN, Gebeurtenis, Inburgeraar
from zevenaar_inburgering.accounts.models import User
from zevenaar_inburgering.documents import atomic_with_documents, store_document
from zevenaar_inburgering.nl import datum_tekst, opsomming
from zevenaar_inburgering.pdf import documents_to_pdf

from ..brieven import brief_opmaken, geldende_brieftekst, verzenddatum_fouten
from ..models import Brief, BriefSoort, Brievenbundel
from ..tijdlijn import GebeurtenisSoort

# One batch is one print run: enough for a week's new signals of the region, small
# enough to render in one request (100 letters took about 20 seconds on a
# developer's machine; gunicorn's timeout is 300).
MAX_BRIEVEN = 100


def _namen(dossiers: Iterable[Inburgeraar]) -> str:
    return opsomming(sorted(d.naam for d in dossiers))


def _dossier_fouten(dossiers: list[Inburgeraar]) -> list[str]:
    """Why some of these dossiers cannot get a letter, one sentence per reason
    naming the dossiers (empty when all can)."""
    fouten = []
    gesloten = [d for d in dossiers if d.status in GESLOTEN_STATUSSEN]
    if gesloten:
        fouten.append(f"Deze dossiers zijn gesloten: {_namen(gesloten)}.")
    zonder_adres = [
        d
        for d in dossiers
        if not (d.straat and d.huisnummer and d.postcode and d.woonplaats)
    ]
    if zonder_adres:
        fouten.append(
            "Van deze dossiers is het adres niet compleet (straat, huisnummer, "
            f"postcode en woonplaats): {_namen(zonder_adres)}."
        )
    gemeenten = {d.gemeente_id: d.gemeente for d in dossiers}
    for gemeente in sorted(gemeenten.values(), key=str):
        if fout := gemeente.briefhoofd_fout():
            van = [d for d in dossiers if d.gemeente_id == gemeente.pk]
            fouten.append(f"{fout} Dat geldt voor: {_namen(van)}.")
    return fouten


@atomic_with_documents
def uitnodigingen_maken(
    dossiers: Iterable[Inburgeraar],
    *,
    afspraak_datum: date,
    afspraak_tijd: time | None,
    afspraak_plaats: str,
    verzenddatum: date,
    acting_user: User,
) -> list[Brief]:
    """An uitnodiging for the brede intake for each dossier, with the one
    appointment (date, optional time, place) and verzenddatum entered for the
    batch, and the Brievenbundel that prints them all (each letter's `bundel`).

    Each letter is rendered once: its PDF is stored on the dossier and the same
    rendering goes into the bundle. One transaction for the batch: a refused
    dossier, a failed rendering or a failed log write stores nothing, files
    included (atomic_with_documents). Refused (ValidationError, Dutch, naming the
    dossiers): no dossiers, more than MAX_BRIEVEN, a dossier the user may not see,
    a closed dossier, an incomplete address, an incomplete letterhead of the
    dossier's gemeente; a verzenddatum before today (the dagtekening) and an
    appointment not after the verzenddatum.
    """
    ids = {d.pk for d in dossiers}
    if not ids:
        raise ValidationError(
            {"dossiers": "Kies eerst een of meer dossiers in de werkvoorraad."}
        )
    if len(ids) > MAX_BRIEVEN:
        raise ValidationError(
            {
                "dossiers": f"U kunt in één keer ten hoogste {MAX_BRIEVEN} brieven "
                f"maken; u koos {len(ids)} dossiers. Maak de brieven in delen."
            }
        )
    dagtekening = timezone.localdate()
    datumfouten = verzenddatum_fouten(verzenddatum, dagtekening)
    if afspraak_datum <= verzenddatum:
        datumfouten["afspraak_datum"] = (
            "De afspraak moet na de verzenddatum liggen, zodat de brief er eerder is."
        )
    if datumfouten:
        raise ValidationError(datumfouten)
    gekozen = list(
        Inburgeraar.objects.visible_to(acting_user)
        .filter(pk__in=ids)
        .select_related("gemeente")
        .select_for_update(of=("self",))
        .order_by("achternaam", "voornamen", "pk")
    )
    if len(gekozen) != len(ids):
        raise ValidationError(
            {
                "dossiers": "Een of meer gekozen dossiers bestaan niet of zijn niet "
                "van u. Kies de dossiers opnieuw in de werkvoorraad."
            }
        )
    if fouten := _dossier_fouten(gekozen):
        raise ValidationError({"dossiers": fouten})

    # The letters point to their bundle, which is inserted last, when its PDF of
    # their pages exists: PostgreSQL checks the foreign key at the commit
    # (Django makes it DEFERRABLE INITIALLY DEFERRED), and the bundle never
    # changes after its insert (a trigger, migration 0011).
    bundel = Brievenbundel(
        soort=BriefSoort.UITNODIGING_INTAKE, aangemaakt_door=acting_user
    )
    context = {
        "afspraak_datum": afspraak_datum,
        "afspraak_tijd": afspraak_tijd,
        "afspraak_plaats": afspraak_plaats,
    }
    # The text version in force per gemeente, read once for the batch.
    versies = {
        d.gemeente_id: geldende_brieftekst(BriefSoort.UITNODIGING_INTAKE, d.gemeente)
        for d in {d.gemeente_id: d for d in gekozen}.values()
    }
    documenten = []
    brieven = []
    for dossier in gekozen:
        brief = brief_opmaken(
            inburgeraar=dossier,
            soort=BriefSoort.UITNODIGING_INTAKE,
            template_name="pip_plans/pdf/uitnodiging_intake.html",
            context=context,
            acting_user=acting_user,
            bundel=bundel,
            documenten=documenten,
            dagtekening=dagtekening,
            verzenddatum=verzenddatum,
            versie=versies[dossier.gemeente_id],
        )
        brieven.append(brief)
        Gebeurtenis.objects.create(
            inburgeraar=dossier,
            soort=GebeurtenisSoort.BRIEF,
            gebruiker=acting_user,
            omschrijving=f"Uitnodiging brede intake voor {datum_tekst(afspraak_datum)} "
            f"gemaakt ({brief.kenmerk}), verzonden op {datum_tekst(verzenddatum)}",
        )
    pdf = documents_to_pdf(
        documenten,
        title=f"{BriefSoort.UITNODIGING_INTAKE.label}: {len(brieven)} brieven",
    )
    bundel.pdf, bundel.sha256 = store_document(
        pdf, folder="brieven/bundels", filename=f"{bundel.pk}.pdf"
    )
    bundel.save(force_insert=True)
    return brieven
