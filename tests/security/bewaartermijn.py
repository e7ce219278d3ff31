"""RL-10 helpers: the bewaartermijn scenario's builder (a complete dossier with a canary
prefix in every free text), the day the job runs, and the whole database as text.
The fixtures `keten` and `drie` that build the scenario are in conftest.py.
"""

import datetime as dt
import io

from django.core.management import call_command

from freezegun import freeze_time

from intake import tasks
from intake.models import DocumentSoort, Gebeurtenis, Inburgeraar
from intake.services.document import document_toevoegen
from intake.tijdlijn import GebeurtenisSoort
from tests.factories.dossier import volledig_dossier
from tests.factories.intake import pdf_met_tekst

D = dt.date
OUD, RECENT, OPEN = "KANARIE", "RECENTJE", "OPENSTAAND"
OUD_BSN = "725763863"
OUD_V_NUMMER = "4471829365"
OUD_GEBOORTEDATUM = D(1987, 7, 23)
RUN = "2025-01-15 09:00:00"  # 5 years back: 15 January 2020


# Text fields of dossier rows that carry no canary in the scenario, and why.
ZONDER_KANARIE = {
    "intake.Inburgeraar.bsn": "searched for by its value (OUD_BSN)",
    "intake.Inburgeraar.v_nummer": "searched for by its value (OUD_V_NUMMER)",
    "intake.DuoImportRegel.signaal_id": "DUO's reference of the signal: kept",
    "intake.DuoImportRegel.soort": "the signal's kind: kept",
    "intake.DuoSignaal.signaal_id": "DUO's reference of the signal: kept",
    "pip_plans.Beschikking.kenmerk": "the decision's reference number: kept",
    "pip_plans.Beschikking.pdf": "a stored name: kept with the file (archived)",
    "pip_plans.Beschikking.sha256": "a digest: kept with the file (archived)",
    "pip_plans.Brief.kenmerk": "the letter's reference number: kept",
    "pip_plans.Brief.pdf": "a stored name: kept with the file (archived)",
    "pip_plans.Brief.sha256": "a digest: kept with the file (archived)",
    "pip_plans.Handhavingszaak.overtreden_voorschrift": (
        "the article of law the rapport names, no personal data: kept"
    ),
    "leerroutes.Examenpoging.cijfer": "a grade, no identifier: kept",
    "leerroutes.Routestand.koers_redenen": "derived from numbers every night",
    "monitoring.Signaal.object_type": "a model name",
    "monitoring.Signaal.object_id": "a primary key",
    "intake.Document.bestand": "a stored name: deleted with the file",
    "intake.Document.sha256": "a digest: deleted with the row",
    "intake.Document.intake_onderdeel": "the code of a part of the brede intake",
}
# The documents uploaded to each dossier of the scenario (issue 20): a diploma and
# a medical statement (health data), stored through the service.
DOCUMENTSOORTEN = (DocumentSoort.DIPLOMA, DocumentSoort.MEDISCHE_VERKLARING)


# --- The scenario ----------------------------------------------------------------


def kanaries(prefix: str):
    """The builder's texts: every free text starts with `prefix`, except the
    fields of ZONDER_KANARIE."""

    def tekst(label: str) -> str | None:
        if label in ZONDER_KANARIE:
            return None
        return f"{prefix}-{label.rsplit('.', 1)[1]}"

    return tekst


def dossier_met_alles(prefix: str, *, keten, user, jaar: int, **velden) -> Inburgeraar:
    """The complete dossier (tests/factories/dossier.py) of Zevenaar, its story in
    `jaar`, every free text starting with `prefix`: a row of every kind a dossier
    can have, the beschikking and the waarschuwing as stored stand-in PDFs, and the
    uploaded documents of DOCUMENTSOORTEN (real PDFs in private storage)."""
    tekst = kanaries(prefix)
    dossier = volledig_dossier(
        casusregisseur=user,
        aanbieder=keten["aanbieder"],
        ketenpartner=keten["ketenpartner"],
        jaar=jaar,
        tekst=tekst,
        **velden,
    ).dossier
    for soort in DOCUMENTSOORTEN:
        document_toevoegen(
            dossier,
            data=pdf_met_tekst(f"{prefix} {soort}"),
            bestandsnaam=f"{tekst('intake.Document.bestandsnaam')}-{soort}.pdf",
            soort=soort,
            datum=dt.date(jaar, 3, 1),
            notitie=tekst("intake.Document.notitie"),
            gebruiker=user,
        )
    # The service's timeline lines carry the prefix like every other text (the
    # scenario's check wants it in every text of every row).
    Gebeurtenis.objects.filter(
        inburgeraar=dossier, soort=GebeurtenisSoort.DOCUMENT
    ).update(
        omschrijving=tekst("intake.Gebeurtenis.omschrijving"),
        wijzigingen=[
            {"veld": "Notitie", "oud": "", "nieuw": tekst("intake.Document.notitie")}
        ],
    )
    return dossier


def database_als_tekst() -> str:
    """The whole database (every model of every app) as JSON, upper case."""
    uit = io.StringIO()
    call_command("dumpdata", stdout=uit)
    return uit.getvalue().upper()


def draai() -> int:
    with freeze_time(RUN):
        return tasks.dossiers_anonimiseren()
