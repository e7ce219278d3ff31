"""Retention (SECURITY RL-10): a dossier closed longer ago than the bewaartermijn is
anonymised by one scheduled, logged job (`intake.tasks.dossiers_anonimiseren`,
daily; by hand `manage.py anonimiseren`).

**Closed** means an end status: voldaan, vrijgesteld, ontheven, verhuisd, beëindigd
or ontkoppeld (DUO withdrew the signal). "Termijn overschreden" is not closed: the
plicht and handhaving go on. A dossier with unfinished legal business is never
closed for retention: a handhavingszaak before its besluit, or an open bezwaar
(against a PIP beschikking or a fine).

**The closing date.** No field records when the status became final (statuses are
set by hand in the edit form, by the leerroute's voldaan check, or by a DUO
correctie). So the clock runs from the dossier's last recorded activity, the latest
of: the last save of the dossier (`gewijzigd_op`), the last event on its timeline
(every service that changes anything in a dossier writes one), the date the plicht
was met (`Afronding.voldaan_op`) and the end of the ontzorgen period. That is never
earlier than the day the status became final, so nothing is anonymised early; a
later change (a note added after closing, say) restarts the clock.

**Due** when that date lies more than `settings.BEWAARTERMIJN_JAREN` years before
the peildatum (default today, Europe/Amsterdam).

**Wiped**: everything that identifies a person or that a person wrote or said: BSN
(replaced by a placeholder that can never be a BSN), v-nummer, names, birth date,
sex, nationality, country of birth, languages, contact data and address, the
household link (a household left without dossiers is deleted with its members),
the assigned staff, and every free text (notes, the brede intake's narratives and
the COA profile, all health and trauma texts, gesprek notes, PIP texts, verlenging
reasons and DUO kenmerken, bezwaar grounds, ontzorgen reasons, payees and IBANs,
handhaving facts, rapport and zienswijze, maatregelen, progress remarks, the Z
eindgesprek, participation employers, verwijzingen, begeleiding, voortgangsgesprek
reports, snooze reasons, DUO signal contents). Notes, the timeline and work
experience are deleted; generated PDFs (beschikkingen and brieven) are deleted from
private storage and their references cleared.

**Kept**, because the kwartaalrapportage and the nightly derived state read them
and they do not identify a person on their own: gemeente, wet, doelgroep, status,
bijstand (yes/no), every date of the process (plicht, kennisgeving, intake, PIP, termijn, traject,
hours, exams, afronding, ontzorgen, handhaving), routes, levels, hours, amounts,
categories and outcomes, and the rows that hold them.

The verwerkingenlog is never touched (append-only, SECURITY LG-04). One verwerking
row per dossier is written, before the BSN is wiped, so its hash is the real BSN's.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Greatest, TruncDate
from django.utils import timezone

from zevenaar_inburgering.documents import private_storage
from zevenaar_inburgering.verwerkingen import log

from .models import (
    BredeIntake,
    DuoImportRegel,
    DuoSignaal,
    Gebeurtenis,
    Geslacht,
    Gesprek,
    Huishouden,
    Inburgeraar,
    IntakeGezondheid,
    IntakeOnderdeel,
    Notitie,
    Status,
    Werkervaring,
)

logger = logging.getLogger("zevenaar_inburgering.retentie")

AFGESLOTEN = (
    Status.AFGEROND_VOLDAAN,
    Status.VRIJGESTELD,
    Status.ONTHEVEN,
    Status.VERHUISD,
    Status.BEEINDIGD,
    Status.ONTKOPPELD,
)
ADVISORY_LOCK = 202_100_010  # pg_advisory_xact_lock: one retention run at a time
BATCH = 1000
# A BSN is nine digits, so "X" plus a sequence number can never equal a real one:
# a DUO signal for the same person later makes a new dossier instead of reviving
# this one. Unique, and it fits the field (max 9).
BSN_PREFIX = "X"
GEBOORTEDATUM_ONBEKEND = date(1900, 1, 1)  # the field is required; no report uses it
NAAM = "Geanonimiseerd"
# Where a check constraint demands text (a verlengd ontzorgen needs a reason, an
# "overig" vaste last a description, afzien of a fine a reason).
GEWIST = "[geanonimiseerd]"
# The immutability triggers of pip_plans (migrations 0002 and 0004): a vastgesteld
# PIP, a beschikking, a verlenging and a brief never change, except here.
ONVERANDERLIJK = (
    ("pip_plans.Pip", "pip_vastgesteld_immutable"),
    ("pip_plans.Beschikking", "beschikking_immutable"),
    ("pip_plans.Verlenging", "verlenging_immutable"),
    ("pip_plans.Brief", "brief_immutable"),
)


def bewaartermijn_jaren() -> int:
    jaren = settings.BEWAARTERMIJN_JAREN
    # 0 would anonymise every closed dossier at once: refuse instead of guessing.
    if not isinstance(jaren, int) or jaren < 1:
        raise ImproperlyConfigured(
            "BEWAARTERMIJN_JAREN moet een geheel getal ≥ 1 zijn."
        )
    return jaren


def jaren_eerder(dag: date, jaren: int) -> date:
    """The same day `jaren` years earlier; 29 February becomes 28 February."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return dag.replace(year=dag.year - jaren, day=28)


def afsluitdatum():
    """The closing date of a dossier, as an annotation (see the module docstring)."""
    amsterdam = ZoneInfo(settings.TIME_ZONE)
    laatste_gebeurtenis = Subquery(
        Gebeurtenis.objects.filter(inburgeraar=OuterRef("pk"))
        .order_by()
        .values("inburgeraar")
        .annotate(laatste=Max("tijdstip"))
        .values("laatste"),
        output_field=DateTimeField(),
    )
    # GREATEST skips NULLs in PostgreSQL: a missing part simply does not count.
    return Greatest(
        TruncDate("gewijzigd_op", tzinfo=amsterdam),
        TruncDate(laatste_gebeurtenis, tzinfo=amsterdam),
        "afronding__voldaan_op",
        "ontzorging__einddatum",
    )


def te_anonimiseren(peildatum: date | None = None) -> QuerySet:
    """The dossiers due for anonymisation on `peildatum` (default today)."""
    # pip_plans builds on intake; imported here so intake does not depend on it at
    # import time (retention spans every app by nature).
    from pip_plans.models import LOPENDE_HANDHAVING, Bezwaar, Handhavingszaak

    peildatum = peildatum or timezone.localdate()
    grens = jaren_eerder(peildatum, bewaartermijn_jaren())
    handhaving_open = Handhavingszaak.objects.filter(
        Q(status__in=LOPENDE_HANDHAVING)
        | Q(bezwaar_ontvangen_op__isnull=False, bezwaar_besluit_op__isnull=True),
        inburgeraar=OuterRef("pk"),
    )
    bezwaar_open = Bezwaar.objects.filter(
        beschikking__inburgeraar=OuterRef("pk"), besluit_datum__isnull=True
    )
    return (
        Inburgeraar.objects.filter(
            geanonimiseerd_op__isnull=True, status__in=AFGESLOTEN
        )
        .annotate(afgesloten_op=afsluitdatum())
        .filter(afgesloten_op__lt=grens)
        .exclude(Exists(handhaving_open))
        .exclude(Exists(bezwaar_open))
        .order_by()
    )


@transaction.atomic
def dossiers_anonimiseren(*, peildatum: date | None = None) -> int:
    """Anonymise every dossier due on `peildatum` (default today); return how many.

    Idempotent: an anonymised dossier is marked (`geanonimiseerd_op`) and never
    chosen again, so a second run changes and logs nothing. Runs one at a time (an
    advisory lock); all or nothing (one transaction, files included: see
    `_documenten_verwijderen`)."""
    peildatum = peildatum or timezone.localdate()
    jaren = bewaartermijn_jaren()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])
    # Lock the rows (a save, or a new row pointing at the dossier, now waits for
    # us), then choose again under the lock: a dossier reopened between the two
    # statements is left alone.
    vergrendeld = list(
        Inburgeraar.objects.select_for_update(of=("self",))
        .filter(pk__in=te_anonimiseren(peildatum).values("pk"))
        .values_list("pk", flat=True)
    )
    dossiers = list(
        te_anonimiseren(peildatum)
        .filter(pk__in=vergrendeld)
        .only("pk", "bsn", "gemeente")
        .order_by("pk")
    )
    if dossiers:
        # Before the BSN is wiped: the log's hash must be that of the real BSN.
        log.log_dossiers_geanonimiseerd(dossiers)
        with _besluiten_ontgrendeld():
            documenten = []
            volgnummer = _laatste_bsn_volgnummer()
            nu = timezone.now()
            for begin in range(0, len(dossiers), BATCH):
                batch = dossiers[begin : begin + BATCH]
                documenten += _wissen(
                    batch, eerste_volgnummer=volgnummer + begin, nu=nu
                )
        _documenten_verwijderen(documenten)
    logger.info(
        "Bewaartermijn: %d dossier(s) geanonimiseerd (peildatum %s, bewaartermijn "
        "%d jaar).",
        len(dossiers),
        peildatum.isoformat(),
        jaren,
    )
    return len(dossiers)


@contextmanager
def _besluiten_ontgrendeld() -> Iterator[None]:
    """Switch the immutability triggers off for this transaction only.

    DDL is transactional in PostgreSQL and ALTER TABLE holds its lock until the
    commit, so no other session ever sees the triggers off; on an error the
    rollback switches them back on. Needs the table owner (the role that migrates).
    """
    from django.apps import apps

    if not connection.in_atomic_block:
        raise RuntimeError("Alleen binnen een transactie.")
    qn = connection.ops.quote_name
    tabellen = [
        (qn(apps.get_model(model)._meta.db_table), qn(trigger))
        for model, trigger in ONVERANDERLIJK
    ]
    with connection.cursor() as cursor:
        # ALTER TABLE refuses a table with pending (deferred) foreign key checks,
        # which a caller's earlier writes in the same transaction may have left.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for tabel, trigger in tabellen:
            cursor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER {trigger}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for tabel, trigger in tabellen:
            cursor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER {trigger}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _laatste_bsn_volgnummer() -> int:
    laatste = Inburgeraar.objects.filter(bsn__startswith=BSN_PREFIX).aggregate(
        m=Max("bsn")
    )["m"]
    return int(laatste[len(BSN_PREFIX) :]) if laatste else 0


def _wissen(
    dossiers: list[Inburgeraar], *, eerste_volgnummer: int, nu: datetime
) -> list[str]:
    """Wipe one batch of dossiers; return the stored names of their documents."""
    from leerroutes.models import (
        Afronding,
        MaatschappelijkeBegeleiding,
        Participatieactiviteit,
        Verwijzing,
        Voortgangsgesprek,
        Voortgangsrapportage,
    )
    from monitoring.models import Signaal
    from pip_plans.models import (
        Beschikking,
        BesluitSoort,
        Bezwaar,
        Brief,
        Handhavingszaak,
        Maatregel,
        Ontzorging,
        Pip,
        VasteLast,
        VasteLastSoort,
        Verlenging,
    )

    ids = [d.pk for d in dossiers]
    huishoudens = set(
        Inburgeraar.objects.filter(pk__in=ids, huishouden__isnull=False).values_list(
            "huishouden", flat=True
        )
    )
    documenten = [
        naam
        for model in (Beschikking, Brief)
        for naam in model.objects.filter(inburgeraar__in=ids)
        .exclude(pdf="")
        .values_list("pdf", flat=True)
    ]

    Inburgeraar.objects.filter(pk__in=ids).update(
        v_nummer="",
        voornamen="",
        tussenvoegsel="",
        achternaam=NAAM,
        geboortedatum=GEBOORTEDATUM_ONBEKEND,
        geslacht=Geslacht.ONBEKEND,
        nationaliteit="",
        geboorteland="",
        talen="",
        telefoon="",
        email="",
        straat="",
        huisnummer="",
        postcode="",
        woonplaats="",
        huishouden=None,
        casusregisseur=None,
        rsd_klantmanager=None,
        pip_uitstel_reden="",
        versie=F("versie") + 1,
        geanonimiseerd_op=nu,
    )
    for volgnummer, dossier in enumerate(dossiers, start=eerste_volgnummer + 1):
        dossier.bsn = f"{BSN_PREFIX}{volgnummer:08d}"
    Inburgeraar.objects.bulk_update(dossiers, ["bsn"], batch_size=BATCH)
    # The members of a household belong to it, not to one dossier: they go only
    # when no dossier is left in the household.
    Huishouden.objects.filter(pk__in=huishoudens, inburgeraars__isnull=True).delete()

    # Rows that are only personal text, read by no report: deleted.
    Notitie.objects.filter(inburgeraar__in=ids).delete()
    Gebeurtenis.objects.filter(inburgeraar__in=ids).delete()
    Werkervaring.objects.filter(intake__inburgeraar__in=ids).delete()

    # Rows the reports or the nightly routestand read: their text is wiped, their
    # dates, categories and numbers stay.
    overig_met_tekst = Case(
        When(soort=VasteLastSoort.OVERIG, then=Value(GEWIST)), default=Value("")
    )
    wissen = [
        (
            BredeIntake,
            "inburgeraar__in",
            {
                "lbt_toetsbegeleider": "",
                "lbt_reden_niet_afgenomen": "",
                "land_opleiding": "",
                "diplomas": "",
                "onderwijs_reden_niet_onderzocht": "",
                "persoonlijke_omstandigheden": "",
                "omstandigheden_reden_niet_onderzocht": "",
                "coa_profiel": "",
                "versie": F("versie") + 1,
            },
        ),
        (
            IntakeGezondheid,
            "intake__inburgeraar__in",
            {
                "fysieke_gezondheid": "",
                "mentale_gezondheid": "",
                "trauma": "",
                "zorg_en_behandeling": "",
                "belemmeringen_voor_inburgering": "",
            },
        ),
        (IntakeOnderdeel, "intake__inburgeraar__in", {"bevindingen": ""}),
        (
            Gesprek,
            "intake__inburgeraar__in",
            {"tolk_taal": "", "overige_deelnemers": "", "notities": ""},
        ),
        (DuoImportRegel, "inburgeraar__in", {"reden": ""}),
        # Unlinked too: a late DUO correctie of this signal is then refused instead
        # of writing personal data into the anonymised dossier.
        (DuoSignaal, "inburgeraar__in", {"wijzigingen": {}, "inburgeraar": None}),
        (
            Pip,
            "inburgeraar__in",
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
        ),
        (Beschikking, "inburgeraar__in", {"pdf": "", "sha256": ""}),
        (Brief, "inburgeraar__in", {"pdf": "", "sha256": ""}),
        # The reason may be health (ziekte, bevalling, instelling: AVG art. 9).
        (Verlenging, "termijn__inburgeraar__in", {"reden": "", "duo_kenmerk": ""}),
        (
            Bezwaar,
            "beschikking__inburgeraar__in",
            {"gronden": "", "toelichting": ""},
        ),
        (
            Ontzorging,
            "inburgeraar__in",
            {
                "verlenging_reden": Case(
                    When(verlengd_tot__isnull=False, then=Value(GEWIST)),
                    default=Value(""),
                ),
                "zelfredzaamheid_toelichting": "",
                "versie": F("versie") + 1,
            },
        ),
        (
            VasteLast,
            "inburgeraar__in",
            {
                "omschrijving": overig_met_tekst,
                "begunstigde": "",
                "iban": "",
                "versie": F("versie") + 1,
            },
        ),
        (
            Handhavingszaak,
            "inburgeraar__in",
            {
                "feiten": "",
                "rapport": "",
                "zienswijze": "",
                "verwijtbaarheid_toelichting": "",
                "afzien_reden": Case(
                    When(besluit=BesluitSoort.AFZIEN, then=Value(GEWIST)),
                    default=Value(""),
                ),
                "bezwaar_gronden": "",
                "versie": F("versie") + 1,
            },
        ),
        (Maatregel, "inburgeraar__in", {"omschrijving": ""}),
        (Voortgangsrapportage, "inburgeraar__in", {"opmerkingen": ""}),
        (
            Afronding,
            "inburgeraar__in",
            {
                "z_eindgesprek_verslag": "",
                "onderwijsroute_resultaat": "",
                "versie": F("versie") + 1,
            },
        ),
        (
            Participatieactiviteit,
            "inburgeraar__in",
            {"organisatie": "", "omschrijving": ""},
        ),
        (
            Verwijzing,
            "inburgeraar__in",
            {"reden": "", "terugkoppeling": "", "versie": F("versie") + 1},
        ),
        (
            MaatschappelijkeBegeleiding,
            "inburgeraar__in",
            {"toelichting": "", "versie": F("versie") + 1},
        ),
        (
            Voortgangsgesprek,
            "inburgeraar__in",
            {"deelnemers": "", "verslag": "", "afspraken": ""},
        ),
        # A closed dossier's signals are resolved; the snooze and its reason go.
        (Signaal, "inburgeraar__in", {"gesnoozed_tot": None, "snooze_reden": ""}),
    ]
    for model, pad, waarden in wissen:
        model.objects.filter(**{pad: ids}).update(**waarden)
    return documenten


def _documenten_verwijderen(namen: list[str]) -> None:
    """Delete the PDFs from private storage, inside the transaction.

    Deleting before the commit cannot lose anything that must be kept (the files
    are past their bewaartermijn), while deleting after it could leave a file
    behind with nothing in the database pointing to it if the process died in
    between. If a deletion fails the run rolls back and the next run tries again.
    """
    mappen = set()
    for naam in namen:
        private_storage.delete(naam)
        mappen.add(str(PurePosixPath(naam).parent))
    for map_ in mappen:
        # beschikkingen/<dossier>/ and brieven/<dossier>/: empty now, so tidy up;
        # one that is not empty (or already gone) is left alone.
        with suppress(OSError):
            private_storage.delete(map_)
