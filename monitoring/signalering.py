"""The daily signalering sweep (DESIGN.md §2.7; SECURITY RL-01, RL-03).

Each kind of signal is ONE function in REGELS: given `vandaag` it builds the queryset
of rows that need a signal on that day, as (inburgeraar, object, vervaldatum,
verantwoordelijke). sweep() turns each queryset into three set-based statements,
whatever the number of dossiers:

1. INSERT ... SELECT ... ON CONFLICT DO NOTHING: the new signals (the unique
   constraint on (soort, object_type, object_id, vervaldatum) makes a second or
   concurrent run create nothing twice);
2. UPDATE: open signals whose row is no longer in the queryset are resolved;
3. UPDATE: resolved signals whose row is back (koers fell again, a deadline moved
   back) are reopened, since the constraint allows one row per key.

Every condition is a window ("from its day on, until ..."), never "exactly on day
X": a sweep that did not run for a few days (broker or worker down) catches up at
the next run with the state of that day.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import CharField, DateField, Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Coalesce

from intake.models import (
    GESLOTEN_STATUSSEN,
    BredeIntake,
    Inburgeraar,
    WetRegime,
)
from intake.rules import WAARSCHUWING_2_WEKEN, WAARSCHUWING_4_WEKEN
from leerroutes.models import KoersStatus, Routestand, Traject, Urenregistratie
from pip_plans.models import (
    Bezwaar,
    Handhavingszaak,
    Inburgeringstermijn,
    Ontzorging,
)
from pip_plans.selectors import termijnen_verstreken_zonder_besluit
from zevenaar_inburgering.termijnen import maand_begin, maanden_later, periode_einde

from .models import Signaal, SignaalSoort

# Lead times that are local working agreements, not law, and have no dated
# parameter (zevenaar_inburgering/parameters) yet:
# [U] the brede intake should have started 4 weeks after DUO's kennisgeving.
INTAKE_GESTART_BINNEN = timedelta(weeks=4)
# [U] an ontzorgen period "ends soon" within 28 days (signal and werkvoorraad filter).
ONTZORGEN_EINDIGT_DAGEN = 28
# [U] warn 2 weeks before the beslistermijn of a boete (Awb 5:51).
BESLISTERMIJN_VOORAF = timedelta(weeks=2)
# [U] warn 12 and 6 months before the end of the inburgeringstermijn (DESIGN §2.7).
TERMIJN_VOORAF_MAANDEN = (12, 6)
# [U] an open traject whose aanbieder reported no hours in either of the last two
# full months (and that started at least this many months ago) needs a reminder.
UREN_ONTBREKEN_MAANDEN = 2
# [U] warn 2 weeks before the beslistermijn on bezwaar (Awb 7:10, stored on the
# Bezwaar by pip_plans.services.bezwaar, with its verdaging).
BEZWAAR_VOORAF = timedelta(weeks=2)

DOSSIER = "intake.inburgeraar"
# Serialises concurrent sweeps (two beat ticks, a catch-up run at worker start):
# the second waits and then finds nothing to do. The unique constraint remains the
# guarantee; the lock only avoids two big INSERTs deadlocking on each other.
ADVISORY_LOCK = 7_202_107


class Regel(NamedTuple):
    object_type: str
    rijen: Callable[[date], models.QuerySet]


def _rijen(
    qs: models.QuerySet, *, inburgeraar, object_id, vervaldatum, verantwoordelijke
) -> models.QuerySet:
    """The four columns sweep() reads, under fixed names."""
    return (
        qs.order_by()
        .annotate(
            s_inburgeraar=F(inburgeraar),
            s_object=Cast(object_id, CharField()),
            s_vervaldatum=Cast(vervaldatum, DateField()),
            s_verantwoordelijke=F(verantwoordelijke),
        )
        .values("s_inburgeraar", "s_object", "s_vervaldatum", "s_verantwoordelijke")
    )


def _dossiers(qs: models.QuerySet, vervaldatum) -> models.QuerySet:
    return _rijen(
        qs,
        inburgeraar="pk",
        object_id="pk",
        vervaldatum=vervaldatum,
        verantwoordelijke="casusregisseur",
    )


def _van_dossier(qs: models.QuerySet, vervaldatum, object_id="pk") -> models.QuerySet:
    return _rijen(
        qs,
        inburgeraar="inburgeraar_id",
        object_id=object_id,
        vervaldatum=vervaldatum,
        verantwoordelijke="inburgeraar__casusregisseur",
    )


def _open_dossiers():
    return Inburgeraar.objects.exclude(status__in=GESLOTEN_STATUSSEN)


def _wi2021_open():
    """Open dossiers under the Wi2021: the PIP, intake and termijn signals are that
    law's; a Wi2013 dossier has none of them (DOMAIN §13.5)."""
    return _open_dossiers().filter(wet_regime=WetRegime.WI2021)


# Which rule applies to which dossiers (issue 19). Every rule leaves out closed
# dossiers (GESLOTEN_STATUSSEN, verhuisd included): their signals mean nothing
# there, except a bezwaar, whose duty to decide outlives the dossier. A Wi2013
# dossier gets no Wi2021 PIP, termijn, college fine or Pw 56a ontzorgen (DOMAIN
# §13.5), so it gets none of the signals built on them: PIP, brede intake,
# termijn (ending or verstreken), niet op koers (judged against the Wi2021
# termijn), ontzorgen and handhaving. Guidance stays: the voortgangsgesprek and the
# aanbieder's hours of a traject the gemeente bought are signalled for both laws.
def _open(qs: models.QuerySet) -> models.QuerySet:
    """Rows (with an `inburgeraar`) of open dossiers."""
    return qs.exclude(inburgeraar__status__in=GESLOTEN_STATUSSEN)


def _wi2021(qs: models.QuerySet) -> models.QuerySet:
    """Rows (with an `inburgeraar`) of open Wi2021 dossiers."""
    return _open(qs).filter(inburgeraar__wet_regime=WetRegime.WI2021)


def _pip_open():
    return _wi2021_open().filter(
        pip_vastgesteld_op__isnull=True, pip_deadline__isnull=False
    )


def pip_week_6(vandaag: date):
    """Six of the ten weeks have passed (4 weeks left) until week 8 starts:
    deadline - 4 weeks <= vandaag < deadline - 2 weeks. Besluit inburgering 2021
    art. 5.3 [S]; the deadline is the stored Inburgeraar.pip_deadline."""
    return _dossiers(
        _pip_open().filter(
            pip_deadline__gt=vandaag + WAARSCHUWING_2_WEKEN,
            pip_deadline__lte=vandaag + WAARSCHUWING_4_WEKEN,
        ),
        "pip_deadline",
    )


def pip_week_8(vandaag: date):
    """Eight weeks have passed (2 weeks left), up to and including the deadline."""
    return _dossiers(
        _pip_open().filter(
            pip_deadline__gte=vandaag,
            pip_deadline__lte=vandaag + WAARSCHUWING_2_WEKEN,
        ),
        "pip_deadline",
    )


def pip_te_laat(vandaag: date):
    """From the day after the deadline, until the PIP is vastgesteld."""
    return _dossiers(_pip_open().filter(pip_deadline__lt=vandaag), "pip_deadline")


def intake_niet_gestart(vandaag: date):
    """No brede intake (of any state) 4 weeks after the kennisgeving, no PIP."""
    return _dossiers(
        _wi2021_open()
        .filter(
            datum_kennisgeving__lte=vandaag - INTAKE_GESTART_BINNEN,
            pip_vastgesteld_op__isnull=True,
        )
        .exclude(Exists(BredeIntake.objects.filter(inburgeraar=OuterRef("pk")))),
        F("datum_kennisgeving") + INTAKE_GESTART_BINNEN,
    )


def ontzorgen_eindigt(vandaag: date):
    """The ontzorgen period ends within 4 weeks: vandaag <= einddatum <= vandaag +
    28 days (the same window as the werkvoorraad filter "ontzorgen_eindigt")."""
    return _van_dossier(
        _wi2021(Ontzorging.objects).filter(
            einddatum__gte=vandaag,
            einddatum__lte=vandaag + timedelta(days=ONTZORGEN_EINDIGT_DAGEN),
        ),
        "einddatum",
    )


def _termijn(vandaag: date, maanden: int, tot_maanden: int | None):
    """The termijn ends within the period of `maanden` months that starts today (by
    the month-end rule), and (for the 12-month signal) not yet within the 6-month
    one; not for dossiers that are voldaan or closed."""
    qs = _wi2021(Inburgeringstermijn.objects).filter(
        einddatum__gte=vandaag,
        einddatum__lte=periode_einde(vandaag, maanden=maanden),
    )
    if tot_maanden is not None:
        qs = qs.filter(einddatum__gt=periode_einde(vandaag, maanden=tot_maanden))
    return _van_dossier(qs, "einddatum")


def termijn_12_maanden(vandaag: date):
    return _termijn(vandaag, TERMIJN_VOORAF_MAANDEN[0], TERMIJN_VOORAF_MAANDEN[1])


def termijn_6_maanden(vandaag: date):
    return _termijn(vandaag, TERMIJN_VOORAF_MAANDEN[1], None)


def termijn_verstreken(vandaag: date):
    """From the day after the end of the termijn until a decision follows (a DUO
    verlenging, an ontheffing, a handhavingszaak) or the plicht is voldaan: the
    rule is pip_plans' (termijnen_verstreken_zonder_besluit), which also leaves out
    closed and Wi2013 dossiers. The vervaldatum is the termijn's end; a verlenging
    that ended too gives a new signal with the new end."""
    return _van_dossier(termijnen_verstreken_zonder_besluit(vandaag), "einddatum")


def niet_op_koers(vandaag: date):
    """Routestand.koers is "niet op koers" (derived nightly by leerroutes). The
    vervaldatum is the end of the termijn that is at risk; a dossier without a
    termijn has no koers to judge."""
    return _van_dossier(
        _wi2021(Routestand.objects).filter(
            koers=KoersStatus.NIET_OP_KOERS,
            inburgeraar__termijn__einddatum__isnull=False,
        ),
        "inburgeraar__termijn__einddatum",
        object_id="inburgeraar_id",
    )


def voortgangsgesprek(vandaag: date):
    """The next voortgangsgesprek (Routestand.volgend_voortgangsgesprek) is due."""
    return _van_dossier(
        _open(Routestand.objects).filter(volgend_voortgangsgesprek__lte=vandaag),
        "volgend_voortgangsgesprek",
        object_id="inburgeraar_id",
    )


def _handhaving_zonder_besluit():
    return _wi2021(Handhavingszaak.objects.lopend()).filter(besluit="")


def handhaving_beslistermijn(vandaag: date):
    """No besluit and the beslistermijn (Awb 5:51) is within 2 weeks or passed."""
    return _van_dossier(
        _handhaving_zonder_besluit().filter(
            beslistermijn__lte=vandaag + BESLISTERMIJN_VOORAF
        ),
        "beslistermijn",
    )


def zienswijze_verstreken(vandaag: date):
    """The zienswijze term (Awb 5:53) has passed without a zienswijze or besluit:
    the casusregisseur can now decide."""
    return _van_dossier(
        _handhaving_zonder_besluit().filter(
            zienswijze_tot__lt=vandaag,
            zienswijze_ontvangen_op__isnull=True,
            zienswijze="",
        ),
        "zienswijze_tot",
    )


def uren_ontbreken(vandaag: date):
    """An open, bought traject (einde empty, ingekocht) that started at least 2
    months before `vandaag` has no Urenregistratie for either of the last two full
    months. The vervaldatum is the first day of the current month, so on the 1st
    the previous month's signal resolves and, if hours are still missing, a new one
    is made. A traject the inburgeraar chose and pays (gezins- and overige
    migranten, ingekocht=False) has no aanbieder reporting to the gemeente."""
    deze_maand = maand_begin(vandaag)
    maanden = [
        maanden_later(deze_maand, -n) for n in range(1, UREN_ONTBREKEN_MAANDEN + 1)
    ]
    return _van_dossier(
        _open(Traject.objects)
        .filter(
            einde__isnull=True,
            ingekocht=True,
            start__lte=maanden_later(vandaag, -UREN_ONTBREKEN_MAANDEN),
        )
        .exclude(
            Exists(
                Urenregistratie.objects.filter(
                    traject=OuterRef("pk"), maand__in=maanden
                )
            )
        ),
        Value(deze_maand, output_field=DateField()),
    )


def bezwaar_beslistermijn(vandaag: date):
    """A bezwaar, against a PIP beschikking or a fine, not yet decided, from 2 weeks
    before its beslistermijn (or the verdaagde one) until it is decided. Also for a
    dossier that is closed: the duty to decide remains."""
    termijn = Coalesce("verdaagd_tot", "beslistermijn")
    return _rijen(
        Bezwaar.objects.filter(uitkomst="")
        .annotate(termijn=termijn)
        .filter(termijn__lte=vandaag + BEZWAAR_VOORAF),
        inburgeraar="inburgeraar_id",
        object_id="pk",
        vervaldatum=termijn,
        verantwoordelijke="inburgeraar__casusregisseur",
    )


REGELS: dict[str, Regel] = {
    SignaalSoort.PIP_WEEK_6: Regel(DOSSIER, pip_week_6),
    SignaalSoort.PIP_WEEK_8: Regel(DOSSIER, pip_week_8),
    SignaalSoort.PIP_TE_LAAT: Regel(DOSSIER, pip_te_laat),
    SignaalSoort.INTAKE_NIET_GESTART: Regel(DOSSIER, intake_niet_gestart),
    SignaalSoort.ONTZORGEN_EINDIGT: Regel("pip_plans.ontzorging", ontzorgen_eindigt),
    SignaalSoort.TERMIJN_12_MAANDEN: Regel(
        "pip_plans.inburgeringstermijn", termijn_12_maanden
    ),
    SignaalSoort.TERMIJN_6_MAANDEN: Regel(
        "pip_plans.inburgeringstermijn", termijn_6_maanden
    ),
    SignaalSoort.TERMIJN_VERSTREKEN: Regel(
        "pip_plans.inburgeringstermijn", termijn_verstreken
    ),
    SignaalSoort.NIET_OP_KOERS: Regel(DOSSIER, niet_op_koers),
    SignaalSoort.VOORTGANGSGESPREK: Regel(DOSSIER, voortgangsgesprek),
    SignaalSoort.HANDHAVING_BESLISTERMIJN: Regel(
        "pip_plans.handhavingszaak", handhaving_beslistermijn
    ),
    SignaalSoort.ZIENSWIJZE_VERSTREKEN: Regel(
        "pip_plans.handhavingszaak", zienswijze_verstreken
    ),
    SignaalSoort.UREN_ONTBREKEN: Regel("leerroutes.traject", uren_ontbreken),
    SignaalSoort.BEZWAAR_BESLISTERMIJN: Regel(
        "pip_plans.bezwaar", bezwaar_beslistermijn
    ),
}


def _sql(qs: models.QuerySet) -> tuple[str, tuple]:
    """The SQL Django compiles for `qs`, with its parameters kept apart. The raw
    statements below put only this, table names from _meta and fixed keywords into
    their text; every value goes in as a parameter."""
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def _aanmaken(cursor, soort: str, regel: Regel, rijen: models.QuerySet) -> int:
    sql, params = _sql(rijen)
    cursor.execute(
        f"""
        INSERT INTO {Signaal._meta.db_table}
            (id, soort, inburgeraar_id, object_type, object_id, vervaldatum,
             verantwoordelijke_id, aangemaakt_op, snooze_reden)
        SELECT gen_random_uuid(), %s, r.s_inburgeraar, %s, r.s_object,
               r.s_vervaldatum, r.s_verantwoordelijke, now(), ''
        FROM ({sql}) AS r
        ON CONFLICT (soort, object_type, object_id, vervaldatum) DO NOTHING
        """,  # noqa: S608 (see _sql)
        (soort, regel.object_type, *params),
    )
    return cursor.rowcount


def _bijwerken(cursor, soort: str, regel: Regel, rijen, *, oplossen: bool) -> int:
    """Resolve the open signals whose row is gone, or reopen the resolved ones whose
    row is back."""
    sql, params = _sql(rijen)
    table = Signaal._meta.db_table
    zet, waar, bestaat = (
        ("now()", "IS NULL", "NOT EXISTS")
        if oplossen
        else ("NULL", "IS NOT NULL", "EXISTS")
    )
    cursor.execute(
        f"""
        UPDATE {table} AS s SET opgelost_op = {zet}
        WHERE s.soort = %s AND s.object_type = %s AND s.opgelost_op {waar}
          AND {bestaat} (
            SELECT 1 FROM ({sql}) AS r
            WHERE r.s_object = s.object_id AND r.s_vervaldatum = s.vervaldatum
          )
        """,  # noqa: S608 (see _sql)
        (soort, regel.object_type, *params),
    )
    return cursor.rowcount


def _verantwoordelijken_bijwerken(cursor) -> int:
    """Open signals follow the dossier's current casusregisseur."""
    cursor.execute(
        f"""
        UPDATE {Signaal._meta.db_table} AS s
        SET verantwoordelijke_id = i.casusregisseur_id
        FROM {Inburgeraar._meta.db_table} AS i
        WHERE s.inburgeraar_id = i.id AND s.opgelost_op IS NULL
          AND s.verantwoordelijke_id IS DISTINCT FROM i.casusregisseur_id
        """  # noqa: S608 (see _sql)
    )
    return cursor.rowcount


# Refresh the table's statistics after a kind created more signals than this.
ANALYZE_NA = 5000


def sweep(vandaag: date) -> dict[str, int]:
    """Bring the signals in line with the state of `vandaag`: create the ones due,
    resolve the ones whose condition cleared. Idempotent; a constant number of
    queries (3 per kind + 4) whatever the number of dossiers.

    Returns the number created per soort, and "opgelost", "heropend" and
    "verantwoordelijke" (signals moved to a new casusregisseur) in total."""
    resultaat: dict[str, int] = {"opgelost": 0, "heropend": 0}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK,))
        # Every query here reads whole tables at once. With stale statistics (a
        # table just filled, before autovacuum analysed it) the planner expects one
        # row and nests loops per row: minutes instead of milliseconds, seen in CI
        # at 1,000 dossiers. Hash and merge joins are right at every size here.
        cursor.execute("SET LOCAL enable_nestloop = off")
        for soort, regel in REGELS.items():
            rijen = regel.rijen(vandaag)
            resultaat["opgelost"] += _bijwerken(
                cursor, soort, regel, rijen, oplossen=True
            )
            resultaat["heropend"] += _bijwerken(
                cursor, soort, regel, rijen, oplossen=False
            )
            resultaat[str(soort)] = _aanmaken(cursor, soort, regel, rijen)
            if resultaat[str(soort)] > ANALYZE_NA:
                # The planner's row estimate of a table that just grew a lot is
                # stale until autovacuum: the next kind's NOT EXISTS would run per
                # row for minutes (measured at 100,000 dossiers, benchmark).
                cursor.execute("ANALYZE monitoring_signaal")
        resultaat["verantwoordelijke"] = _verantwoordelijken_bijwerken(cursor)
        # Back to the default for whatever else runs in an enclosing transaction.
        cursor.execute("SET LOCAL enable_nestloop = on")
    return resultaat
