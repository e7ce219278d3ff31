"""Retention (SECURITY RL-10) of the pip_plans app's models: what the nightly job
(`intake/anonimiseren.py`) does with a dossier past its bewaartermijn.

Wiped: every free text — PIP texts, verlenging reasons (they may be health: ziekte,
bevalling, instelling; AVG art. 9) and DUO kenmerken, bezwaar grounds, ontzorgen
reasons, payees and IBANs, handhaving facts, rapport and zienswijze, maatregelen.
The generated PDFs (beschikkingen and brieven) are deleted from private storage and
their references cleared.

Kept, because the kwartaalrapportage and the nightly derived state read them and
they do not identify a person on their own: the dates of PIP, beschikking, termijn,
verlengingen, ontzorgen, payments, handhaving and bezwaar, routes, levels, hours,
amounts, categories and outcomes, the kenmerk of beschikkingen and brieven.

Held back: a dossier with a handhavingszaak before its besluit, or with an open
bezwaar (against a PIP beschikking or a fine), is not anonymised.
"""

from django.db.models import Case, F, Q, Value, When

from zevenaar_inburgering.bewaartermijn import GEWIST, Bewaren, Blokkade, Wissen

from .models import (
    LOPENDE_HANDHAVING,
    Beschikking,
    BesluitSoort,
    Betaling,
    Bezwaar,
    Brief,
    Handhavingszaak,
    Inburgeringstermijn,
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


def _document(model, *, onveranderlijk: str) -> Wissen:
    """A generated document: its PDF goes from private storage, and the reference
    and digest are cleared; the kenmerk and dates stay."""
    return Wissen(
        model,
        "inburgeraar",
        {"pdf": "", "sha256": ""},
        bestanden=("pdf",),
        onveranderlijk=onveranderlijk,
    )


REGELS = [
    # onveranderlijk: the immutability triggers (migrations 0002 and 0004): a
    # vastgesteld PIP, a beschikking, a verlenging and a brief never change, except
    # here.
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
    _document(Beschikking, onveranderlijk="beschikking_immutable"),
    _document(Brief, onveranderlijk="brief_immutable"),
    Bewaren(
        Inburgeringstermijn,
        "it holds only dates, which the kwartaalrapportage and the termijn "
        "signals count",
    ),
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
