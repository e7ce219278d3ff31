"""The daily e-mail digest of signals, and the escalation of overdue ones
(DESIGN.md §2.7).

Escalation runs here, at the start of the digest task, not in the sweep: it only
matters for who gets which e-mail, and it is one UPDATE. A signal still on the
"te doen" list (open, not snoozed) more than `escalatie_dagen` (a dated parameter,
default 14) after its vervaldatum gets `geescaleerd_op`; the teamleider of the
dossier's gemeente then finds it in their digest under "Geëscaleerd", whatever
kinds they chose (an escalation is not optional). A snoozed signal escalates when
its snooze ends, if it is still open.

Set-based: digests_samenstellen() reads the users, their gemeenten, their choices
and every due signal in four queries, and groups them in Python by the same rules
as Signaal.objects.voor_digest(); digest_versturen() claims all recipients of the
day in one INSERT ... ON CONFLICT DO NOTHING RETURNING. The number of queries does
not grow with the number of users or signals.

Idempotent per user per day: the unique DigestVerzending (user, datum) is claimed
before sending, so a second run, a retry or a concurrent run sends nothing twice.
A message that fails to send gives its claim back, so a retry sends it; a worker
killed between claiming and sending loses that day's e-mail (at most once: better
no digest than two).

The e-mail names the dossier and the kind of signal, never a BSN or anything about
health (no signal kind is about health).
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from intake.models import rsd_klanten
from zevenaar_inburgering.accounts.models import DOSSIER_ROLES, RSD_ROLES, Role, User
from zevenaar_inburgering.nl import datum_tekst
from zevenaar_inburgering.parameters.models import geheel

from .models import (
    RSD_SOORTEN,
    DigestVerzending,
    Signaal,
    SignaalSoort,
    SignaalVoorkeur,
)

logger = logging.getLogger(__name__)

# Who gets a digest, and may choose its kinds at signalen/voorkeuren/.
DIGEST_ROLES = DOSSIER_ROLES | RSD_ROLES


def kiesbare_soorten(user) -> list[str]:
    """The kinds `user` may choose for their digest: an RSD klantmanager only sees
    RSD_SOORTEN, the dossier roles every kind."""
    if user.role == Role.RSD_KLANTMANAGER:
        return [s for s in SignaalSoort.values if s in RSD_SOORTEN]
    return list(SignaalSoort.values)


def signalen_escaleren(vandaag: date) -> int:
    """Mark the signals overdue by more than `escalatie_dagen` (one UPDATE)."""
    grens = vandaag - timedelta(days=geheel("escalatie_dagen", vandaag))
    return (
        Signaal.objects.te_doen(vandaag)
        .filter(geescaleerd_op__isnull=True, vervaldatum__lt=grens)
        .update(geescaleerd_op=vandaag)
    )


@dataclass(frozen=True)
class Regel:
    """One line of the e-mail: what, whose, by when, where to look."""

    naam: str
    gemeente: str
    soort: str
    vervaldatum: date
    te_laat: bool
    url: str


@dataclass
class Digest:
    user: User
    signalen: list[Regel] = field(default_factory=list)
    geescaleerd: list[Regel] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.signalen) + len(self.geescaleerd)


def _regel(signaal: Signaal, user, vandaag: date) -> Regel:
    dossier = signaal.inburgeraar
    view = (
        "leerroutes:rsd_klant"
        if user.role == Role.RSD_KLANTMANAGER
        else "monitoring:dossier"
    )
    return Regel(
        naam=dossier.naam,
        gemeente=dossier.gemeente.naam,
        soort=signaal.get_soort_display(),
        vervaldatum=signaal.vervaldatum,
        te_laat=signaal.vervaldatum < vandaag,
        url=settings.SITE_URL + reverse(view, args=[dossier.pk]),
    )


def digests_samenstellen(vandaag: date) -> list[Digest]:
    """Every active user's digest for `vandaag` that has something in it, except
    those already sent today. Four queries, whatever the number of users."""
    users = list(
        User.objects.filter(is_active=True, role__in=DIGEST_ROLES)
        .exclude(email="")
        .exclude(
            Exists(DigestVerzending.objects.filter(user=OuterRef("pk"), datum=vandaag))
        )
        .order_by("pk")
    )
    if not users:
        return []
    ids = [u.pk for u in users]
    gemeenten: dict[int, set[int]] = {pk: set() for pk in ids}
    for user_id, gemeente_id in User.gemeenten.through.objects.filter(
        user_id__in=ids
    ).values_list("user_id", "gemeente_id"):
        gemeenten[user_id].add(gemeente_id)
    gekozen = dict(
        SignaalVoorkeur.objects.filter(user_id__in=ids).values_list(
            "user_id", "digest_soorten"
        )
    )
    rsd_ids = [u.pk for u in users if u.role == Role.RSD_KLANTMANAGER]
    signalen = (
        Signaal.objects.te_doen(vandaag)
        .filter(
            Q(verantwoordelijke_id__in=ids)
            | (Q(soort__in=RSD_SOORTEN) & rsd_klanten(rsd_ids, pad="inburgeraar__"))
            | Q(
                geescaleerd_op__isnull=False,
                inburgeraar__gemeente__teamleider_id__in=ids,
            )
        )
        .select_related("inburgeraar__gemeente")
        .only(
            "soort",
            "vervaldatum",
            "geescaleerd_op",
            "verantwoordelijke_id",
            "inburgeraar__voornamen",
            "inburgeraar__tussenvoegsel",
            "inburgeraar__achternaam",
            "inburgeraar__bijstand",
            "inburgeraar__rsd_klantmanager_id",
            "inburgeraar__gemeente__naam",
            "inburgeraar__gemeente__teamleider_id",
        )
        .order_by("vervaldatum", "soort", "inburgeraar__achternaam")
    )

    digests = {u.pk: Digest(user=u) for u in users}
    alle_soorten = set(SignaalSoort.values)
    soorten = {
        u.pk: set(gekozen.get(u.pk, alle_soorten)) & set(kiesbare_soorten(u))
        for u in users
    }
    for signaal in signalen:
        dossier = signaal.inburgeraar
        teamleider = digests.get(dossier.gemeente.teamleider_id)
        escaleren = (
            signaal.geescaleerd_op is not None
            and teamleider is not None
            and teamleider.user.role in DOSSIER_ROLES
            and dossier.gemeente_id in gemeenten[teamleider.user.pk]
        )
        if escaleren:
            teamleider.geescaleerd.append(_regel(signaal, teamleider.user, vandaag))
        # The same rules as Signaal.objects.voor_digest().
        eigen = digests.get(signaal.verantwoordelijke_id)
        if (
            eigen is not None
            and eigen.user.role in DOSSIER_ROLES
            and dossier.gemeente_id in gemeenten[eigen.user.pk]
            and signaal.soort in soorten[eigen.user.pk]
            and not (escaleren and eigen is teamleider)
        ):
            eigen.signalen.append(_regel(signaal, eigen.user, vandaag))
        klantmanager = digests.get(dossier.rsd_klantmanager_id)
        if (
            klantmanager is not None
            and klantmanager.user.role == Role.RSD_KLANTMANAGER
            and dossier.is_rsd_klant_van(klantmanager.user)
            and signaal.soort in soorten[klantmanager.user.pk]
        ):
            klantmanager.signalen.append(_regel(signaal, klantmanager.user, vandaag))
    return [d for d in digests.values() if d.aantal]


def digest_bericht(digest: Digest, vandaag: date) -> EmailMultiAlternatives:
    with translation.override("nl"):
        datum = datum_tekst(vandaag)
        context = {
            "user": digest.user,
            "vandaag": vandaag,
            "signalen": digest.signalen,
            "geescaleerd": digest.geescaleerd,
            "aantal": digest.aantal,
            "werkvoorraad_url": settings.SITE_URL + reverse("monitoring:werkvoorraad"),
            "voorkeuren_url": settings.SITE_URL + reverse("monitoring:voorkeuren"),
            "rsd": digest.user.role == Role.RSD_KLANTMANAGER,
        }
        tekst = render_to_string("monitoring/email/digest.txt", context)
        html = render_to_string("monitoring/email/digest.html", context)
    onderwerp = (
        f"Liemers Inburgering: {digest.aantal} "
        f"{'signaal' if digest.aantal == 1 else 'signalen'} op {datum}"
    )
    bericht = EmailMultiAlternatives(
        subject=onderwerp, body=tekst, to=[digest.user.email]
    )
    bericht.attach_alternative(html, "text/html")
    return bericht


def _claimen(digests: list[Digest], vandaag: date) -> set[int]:
    """Claim today's digest for these users in one statement; return the users
    this run may send to (the others were claimed by an earlier or concurrent
    run)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_digestverzending
                (user_id, datum, aantal_signalen, verzonden_op)
            SELECT t.u, %s, t.n, now()
            FROM unnest(%s::bigint[], %s::int[]) AS t(u, n)
            ON CONFLICT (user_id, datum) DO NOTHING
            RETURNING user_id
            """,
            [vandaag, [d.user.pk for d in digests], [d.aantal for d in digests]],
        )
        return {row[0] for row in cursor.fetchall()}


def digest_versturen(vandaag: date) -> dict[str, int]:
    """Escalate, then send each user's digest of `vandaag` at most once."""
    geescaleerd = signalen_escaleren(vandaag)
    digests = digests_samenstellen(vandaag)
    geclaimd = _claimen(digests, vandaag) if digests else set()
    te_sturen = [d for d in digests if d.user.pk in geclaimd]
    mislukt: list[int] = []
    verbinding = get_connection()
    if te_sturen:
        try:
            verbinding.open()
        except Exception:
            # The mail server cannot be reached: give the claims back for a retry.
            DigestVerzending.objects.filter(
                datum=vandaag, user_id__in=[d.user.pk for d in te_sturen]
            ).delete()
            raise
    try:
        for digest in te_sturen:
            bericht = digest_bericht(digest, vandaag)
            bericht.connection = verbinding
            try:
                bericht.send()
            except Exception as exc:  # SMTP errors, a refused address
                # No address in the log: the user id is enough to look it up.
                logger.warning(
                    "Digest aan gebruiker %s niet verstuurd (%s).",
                    digest.user.pk,
                    type(exc).__name__,
                )
                mislukt.append(digest.user.pk)
    finally:
        verbinding.close()
    if mislukt:
        DigestVerzending.objects.filter(datum=vandaag, user_id__in=mislukt).delete()
    return {
        "geescaleerd": geescaleerd,
        "verstuurd": len(te_sturen) - len(mislukt),
        "mislukt": len(mislukt),
    }
