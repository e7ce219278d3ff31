"""Retention (SECURITY RL-10) of the pip_plans app's models: what the nightly job
(`intake/anonimiseren.py`) does with a dossier past its bewaartermijn.

Wiped: every free text — PIP texts, verlenging reasons (they may be health: ziekte,
bevalling, instelling; AVG art. 9) and DUO kenmerken, bezwaar grounds, ontzorgen
reasons, payees and IBANs, handhaving facts, rapport and zienswijze, maatregelen.

Archived and kept: the beschikkingen (PIP) and the brieven (the ontzorgings- and
boetebeschikking, the handhaving letters, the beslissing op bezwaar, the
overdracht and the uitnodiging for the brede intake) are
archival records (Archiefwet; DOMAIN.md §13.6): deleting them with the dossier is
not allowed. `ARCHIEF` hands each one with its PDF to the archive package before
the job changes anything (zevenaar_inburgering/archief.py); the rows and their PDFs
in private storage stay as they are, still immutable (the job no longer switches
their triggers off), so no decision is lost even when the archive never took the
package in. So does a Brievenbundel, the print file of letters made in one go: a
copy of letters that are kept. Destroying the app's copy after the selectielijst
term is a decision of the gemeentearchivaris, not of this job.

Kept, because the kwartaalrapportage and the nightly derived state read them and
they do not identify a person on their own: the date and the leerroute of an
incoming verhuizing, the dates of PIP, beschikking, termijn,
verlengingen, ontzorgen, payments, handhaving and bezwaar, routes, levels, hours,
amounts, categories and outcomes, the kenmerk of beschikkingen and brieven.

Held back: a dossier with a handhavingszaak before its besluit, or with an open
bezwaar (against a PIP beschikking or a fine), is not anonymised.
"""

from django.db.models import Case, F, Q, Value, When

from zevenaar_inburgering.archief import Stuk
from zevenaar_inburgering.bewaartermijn import GEWIST, Bewaren, Blokkade, Wissen

from .models import (
    LOPENDE_HANDHAVING,
    Beschikking,
    BesluitSoort,
    Betaling,
    Bezwaar,
    Brief,
    BriefSoort,
    Handhavingszaak,
    Inburgeringstermijn,
    InkomendeVerhuizing,
    Maatregel,
    Ontzorging,
    Pip,
    VasteLast,
    VasteLastSoort,
    Verlenging,
)

BLOKKADES = [
    Blokkade(
        Handhavingszaak,
        "inburgeraar",
        Q(status__in=LOPENDE_HANDHAVING),
        "a handhavingszaak before its besluit is unfinished legal business",
    ),
    Blokkade(
        Bezwaar,
        "inburgeraar",
        Q(uitkomst=""),
        "a bezwaar (against a PIP beschikking or a fine) not yet decided",
    ),
]

# The end of the ontzorgen period.
AFSLUITDATUM = ["ontzorging__einddatum"]


# The zaaktype a document belongs to, for the archive package. The gemeente's
# zaaktypecatalogus may name them otherwise [U].
ZAAKTYPE_PIP = "Persoonlijk plan inburgering en participatie (PIP)"
ZAAKTYPE_BRIEF = {
    BriefSoort.ONTZORGINGSBESCHIKKING: "Financieel ontzorgen inburgering",
    BriefSoort.WAARSCHUWING: "Handhaving inburgeringsplicht",
    BriefSoort.VOORNEMEN: "Handhaving inburgeringsplicht",
    BriefSoort.RAPPORT: "Handhaving inburgeringsplicht",
    BriefSoort.BOETEBESCHIKKING: "Handhaving inburgeringsplicht",
    BriefSoort.BESLISSING_OP_BEZWAAR: "Bezwaar inburgering",
    BriefSoort.OVERDRACHT: "Verhuizing inburgering",
    BriefSoort.UITNODIGING_INTAKE: "Brede intake inburgering",
}


def _beschikkingen(ids: list) -> list[Stuk]:
    rijen = (
        Beschikking.objects.filter(inburgeraar__in=ids)
        .exclude(pdf="")
        .select_related("pip", "inburgeraar__gemeente")
    )
    return [
        Stuk(
            dossier=b.inburgeraar_id,
            gemeente=b.inburgeraar.gemeente,
            soort="pip_beschikking",
            soort_naam="PIP-beschikking",
            zaaktype=ZAAKTYPE_PIP,
            kenmerk=b.kenmerk,
            besluitdatum=b.dagtekening,
            verzenddatum=b.bekendmaking,
            vastgesteld_op=b.pip.vastgesteld_op or b.aangemaakt_op,
            pdf=b.pdf,
            sha256=b.sha256,
        )
        for b in rijen
    ]


def _brieven(ids: list) -> list[Stuk]:
    rijen = (
        Brief.objects.filter(inburgeraar__in=ids)
        .exclude(pdf="")
        .select_related("inburgeraar__gemeente")
    )
    return [
        Stuk(
            dossier=b.inburgeraar_id,
            gemeente=b.inburgeraar.gemeente,
            soort=b.soort,
            soort_naam=b.get_soort_display(),
            zaaktype=ZAAKTYPE_BRIEF[b.soort],
            kenmerk=b.kenmerk,
            besluitdatum=b.dagtekening,
            verzenddatum=b.verzenddatum,
            vastgesteld_op=b.aangemaakt_op,
            pdf=b.pdf,
            sha256=b.sha256,
        )
        for b in rijen
    ]


ARCHIEF = [_beschikkingen, _brieven]

_ARCHIEFSTUK = (
    "an archival record (Archiefwet, DOMAIN.md §13.6): exported to the archive "
    "package first, then kept with its PDF for the selectielijst term"
)


REGELS = [
    # onveranderlijk: the immutability triggers (migrations 0002 and 0004): a
    # vastgesteld PIP and a verlenging never change, except here; a beschikking and
    # a brief never change at all.
    Wissen(
        Pip,
        "inburgeraar",
        {
            "toelichting_wijziging": "",
            "reden_afwijzing_b1": "",
            "reden_afwijzing_onderwijs": "",
            "reden_afwijzing_z": "",
            "ondersteuning": "",
            "kinderopvang": "",
            "vve_afspraken": "",
            "ontzorgen_toelichting": "",
            "participatiewet_onderdelen": "",
            "afschalen_inzet_oordeel": "",
            "bewerkversie": F("bewerkversie") + 1,
        },
        onveranderlijk="pip_vastgesteld_immutable",
    ),
    Bewaren(Beschikking, _ARCHIEFSTUK),
    Bewaren(Brief, _ARCHIEFSTUK),
    Bewaren(
        Inburgeringstermijn,
        "it holds only dates, which the kwartaalrapportage and the termijn "
        "signals count",
    ),
    # The kenmerk is the other gemeente's or DUO's reference to the person; the
    # gemeente they came from may identify them (as the new gemeente of a move,
    # intake/retentie.py).
    Wissen(InkomendeVerhuizing, "inburgeraar", {"kenmerk": "", "vorige_gemeente": ""}),
    # The reason may be health (ziekte, bevalling, instelling: AVG art. 9).
    Wissen(
        Verlenging,
        "termijn__inburgeraar",
        {"reden": "", "duo_kenmerk": ""},
        onveranderlijk="verlenging_immutable",
    ),
    Wissen(
        Bezwaar,
        "inburgeraar",
        {
            "gronden": "",
            "toelichting": "",
            "te_laat_reden": "",
            "verschoonbaar_toelichting": "",
            "verdaging_reden": "",
            "versie": F("versie") + 1,
        },
    ),
    Wissen(
        Ontzorging,
        "inburgeraar",
        {
            "verlenging_reden": Case(
                When(verlengd_tot__isnull=False, then=Value(GEWIST)),
                default=Value(""),
            ),
            "zelfredzaamheid_toelichting": "",
            "versie": F("versie") + 1,
        },
    ),
    Wissen(
        VasteLast,
        "inburgeraar",
        {
            "omschrijving": Case(
                When(soort=VasteLastSoort.OVERIG, then=Value(GEWIST)),
                default=Value(""),
            ),
            "begunstigde": "",
            "iban": "",
            "versie": F("versie") + 1,
        },
    ),
    Bewaren(
        Betaling,
        "it holds only the month, amount and date paid, which the kwartaalrapportage "
        "counts; the payee and IBAN are on the vaste last, wiped above",
    ),
    Wissen(
        Handhavingszaak,
        "inburgeraar",
        {
            "feiten": "",
            "rapport": "",
            "zienswijze": "",
            "verplichting": "",
            "plaats_overtreding": "",
            "verwijtbaarheid_toelichting": "",
            "motivering_bedrag": "",
            "reactie_op_zienswijze": "",
            "asiel_motivering": "",
            "afzien_reden": Case(
                When(besluit=BesluitSoort.AFZIEN, then=Value(GEWIST)),
                default=Value(""),
            ),
            "versie": F("versie") + 1,
        },
    ),
    Wissen(Maatregel, "inburgeraar", {"omschrijving": ""}),
]
