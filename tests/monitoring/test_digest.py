"""The daily e-mail digest: one e-mail per user with the kinds they chose, never
twice on a day, plain text and HTML in Dutch, without a BSN, in a fixed number of
queries; and the escalation of overdue signals to the gemeente's teamleider."""

import datetime as dt
from decimal import Decimal
from smtplib import SMTPException

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from monitoring.digest import digest_versturen, digests_samenstellen
from monitoring.models import DigestVerzending, Signaal, SignaalSoort, SignaalVoorkeur
from monitoring.tasks import signalering_digest
from tests.factories.accounts import UserFactory
from tests.factories.intake import InburgeraarFactory
from zevenaar_inburgering.accounts.models import Role, User
from zevenaar_inburgering.parameters.models import Parameter

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 3, 5)


def signaal(dossier, soort, vervaldatum=VANDAAG, verantwoordelijke=None) -> Signaal:
    return Signaal.objects.create(
        soort=soort,
        inburgeraar=dossier,
        object_type="intake.inburgeraar",
        object_id=str(dossier.pk),
        vervaldatum=vervaldatum,
        verantwoordelijke=verantwoordelijke or dossier.casusregisseur,
    )


def met_email(*users) -> None:
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.nl")
        user.refresh_from_db()


def mail_aan(outbox, user):
    (bericht,) = [m for m in outbox if m.to == [user.email]]
    html = bericht.alternatives[0][0]
    return bericht, html


@pytest.fixture
def teamleider(zevenaar):
    """Teamleider of Zevenaar: gets Zevenaar's escalated signals."""
    user = UserFactory(
        username="tl.zevenaar",
        role=Role.CASUSREGISSEUR,
        gemeenten=[zevenaar],
        email="tl.zevenaar@example.nl",
    )
    zevenaar.teamleider = user
    zevenaar.save()
    return user


@pytest.fixture
def mails(casusregisseur, andere_casusregisseur, klantmanager):
    met_email(casusregisseur, andere_casusregisseur, klantmanager)


def test_one_email_per_user_in_dutch_with_text_and_html(
    mailoutbox, mails, casusregisseur, andere_casusregisseur, dossier, dossier_duiven
):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT, vervaldatum=dt.date(2026, 3, 1))
    signaal(dossier, SignaalSoort.TERMIJN_6_MAANDEN, vervaldatum=dt.date(2026, 9, 1))
    signaal(dossier_duiven, SignaalSoort.NIET_OP_KOERS)

    resultaat = digest_versturen(VANDAAG)

    assert resultaat["verstuurd"] == 2
    assert len(mailoutbox) == 2
    bericht, html = mail_aan(mailoutbox, casusregisseur)
    assert bericht.subject == "Liemers Inburgering: 2 signalen op 5 maart 2026"
    assert bericht.alternatives[0][1] == "text/html"
    url = settings.SITE_URL + reverse("monitoring:dossier", args=[dossier.pk])
    for deel in (bericht.body, html):
        assert "Amal Haddad" in deel
        assert "PIP-deadline verstreken" in deel
        assert "1 maart 2026 (verlopen)" in deel
        assert "Termijn eindigt binnen 6 maanden" in deel
        assert "1 september 2026" in deel
        assert "1 september 2026 (verlopen)" not in deel
        assert url in deel
        assert "Geëscaleerd" not in deel
        assert dossier_duiven.naam not in deel
    assert "<table" in html and "<table" not in bericht.body
    bericht, _ = mail_aan(mailoutbox, andere_casusregisseur)
    assert dossier_duiven.naam in bericht.body and "Haddad" not in bericht.body


def test_no_bsn_in_the_email(mailoutbox, mails, dossier):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)
    digest_versturen(VANDAAG)
    (bericht,) = mailoutbox
    for deel in (bericht.subject, bericht.body, bericht.alternatives[0][0]):
        assert dossier.bsn not in deel
        assert dossier.bsn[-4:] not in deel


def test_a_kind_switched_off_is_not_mailed(
    mailoutbox, mails, casusregisseur, andere_casusregisseur, dossier, dossier_duiven
):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)
    signaal(dossier, SignaalSoort.VOORTGANGSGESPREK)
    signaal(dossier_duiven, SignaalSoort.VOORTGANGSGESPREK)
    SignaalVoorkeur.objects.create(
        user=casusregisseur, digest_soorten=[SignaalSoort.PIP_TE_LAAT]
    )
    SignaalVoorkeur.objects.create(user=andere_casusregisseur, digest_soorten=[])

    digest_versturen(VANDAAG)

    (bericht,) = mailoutbox
    assert bericht.to == [casusregisseur.email]
    assert "PIP-deadline verstreken" in bericht.body
    assert "Voortgangsgesprek" not in bericht.body


def test_nothing_twice_the_same_day(mailoutbox, mails, casusregisseur, dossier):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)
    assert digest_versturen(VANDAAG)["verstuurd"] == 1
    assert digest_versturen(VANDAAG)["verstuurd"] == 0
    signalering_digest.apply(args=[VANDAAG.isoformat()]).get()
    assert len(mailoutbox) == 1
    assert DigestVerzending.objects.get().user == casusregisseur

    digest_versturen(VANDAAG + dt.timedelta(days=1))
    assert len(mailoutbox) == 2


def test_a_failed_send_is_sent_by_the_next_run(mailoutbox, mails, dossier, monkeypatch):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)

    def weigeren(self, fail_silently=False):
        raise SMTPException("451 probeer later")

    with monkeypatch.context() as m:
        m.setattr("django.core.mail.EmailMultiAlternatives.send", weigeren)
        assert digest_versturen(VANDAAG) == {
            "geescaleerd": 0,
            "verstuurd": 0,
            "mislukt": 1,
        }
    assert not DigestVerzending.objects.exists()
    assert digest_versturen(VANDAAG)["verstuurd"] == 1
    assert len(mailoutbox) == 1


def test_no_email_without_signals_or_address_or_for_snoozed_or_resolved(
    mailoutbox, casusregisseur, dossier
):
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)  # casusregisseur has no address
    digest_versturen(VANDAAG)
    assert mailoutbox == []

    met_email(casusregisseur)
    Signaal.objects.update(
        gesnoozed_tot=VANDAAG + dt.timedelta(days=1), snooze_reden="Wacht op DUO"
    )
    digest_versturen(VANDAAG)
    Signaal.objects.update(
        gesnoozed_tot=None, snooze_reden="", opgelost_op=dt.datetime.now(dt.UTC)
    )
    digest_versturen(VANDAAG)
    assert mailoutbox == []


def test_rsd_klantmanager_gets_the_rsd_kinds_of_their_own_clients(
    mailoutbox, mails, klantmanager, andere_klantmanager, casusregisseur, dossier
):
    met_email(andere_klantmanager)
    signaal(dossier, SignaalSoort.ONTZORGEN_EINDIGT)
    signaal(dossier, SignaalSoort.PIP_TE_LAAT)

    digest_versturen(VANDAAG)

    bericht, html = mail_aan(mailoutbox, klantmanager)
    assert "Ontzorgen eindigt binnen 4 weken" in bericht.body
    assert "PIP-deadline" not in bericht.body
    rsd_url = settings.SITE_URL + reverse("leerroutes:rsd_klant", args=[dossier.pk])
    assert rsd_url in bericht.body and rsd_url in html
    assert not [m for m in mailoutbox if m.to == [andere_klantmanager.email]]
    bericht, _ = mail_aan(mailoutbox, casusregisseur)
    assert "Ontzorgen eindigt" in bericht.body and "PIP-deadline" in bericht.body


def test_the_digest_holds_what_voor_digest_gives(
    mails,
    casusregisseur,
    andere_casusregisseur,
    klantmanager,
    functioneel_beheerder,
    dossier,
    dossier_duiven,
):
    met_email(functioneel_beheerder)
    signaal(dossier, SignaalSoort.ONTZORGEN_EINDIGT)
    signaal(dossier, SignaalSoort.PIP_WEEK_6)
    signaal(
        dossier, SignaalSoort.NIET_OP_KOERS, verantwoordelijke=functioneel_beheerder
    )
    signaal(dossier_duiven, SignaalSoort.PIP_WEEK_8)
    # Assigned to a Zevenaar user but in Duiven: out of their scope.
    signaal(dossier_duiven, SignaalSoort.PIP_WEEK_6, verantwoordelijke=casusregisseur)
    SignaalVoorkeur.objects.create(
        user=casusregisseur, digest_soorten=[SignaalSoort.ONTZORGEN_EINDIGT]
    )

    digests = {d.user.pk: d for d in digests_samenstellen(VANDAAG)}

    for user in (casusregisseur, andere_casusregisseur, klantmanager):
        verwacht = sorted(
            (s.inburgeraar.naam, s.get_soort_display())
            for s in Signaal.objects.voor_digest(user, VANDAAG)
        )
        assert verwacht
        assert sorted((r.naam, r.soort) for r in digests[user.pk].signalen) == verwacht
    assert [r.soort for r in digests[functioneel_beheerder.pk].signalen] == [
        "Niet op koers"
    ]


def _regio(aantal_users: int) -> None:
    """`aantal_users` casusregisseurs, each with two dossiers with two signals."""
    for n in range(aantal_users):
        user = UserFactory(email=f"casus{n}@example.nl")
        for _ in range(2):
            dossier = InburgeraarFactory(
                gemeente=user.gemeenten.get(), casusregisseur=user
            )
            signaal(dossier, SignaalSoort.PIP_WEEK_6)
            signaal(dossier, SignaalSoort.VOORTGANGSGESPREK)


def _queries(dag) -> int:
    with CaptureQueriesContext(connection) as ctx:
        digest_versturen(dag)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_users(mailoutbox, zevenaar):
    _regio(5)
    klein = _queries(VANDAAG)
    assert len(mailoutbox) == 5
    _regio(45)
    groot = _queries(VANDAAG + dt.timedelta(days=1))
    assert len(mailoutbox) == 5 + 50
    assert klein == groot
    assert groot <= 10


# --- Escalation ---------------------------------------------------------------


def test_an_overdue_signal_escalates_after_n_days_and_not_before(
    mailoutbox, mails, teamleider, dossier
):
    # escalatie_dagen defaults to 14: overdue on 19 February, escalated from 6 March.
    s = signaal(dossier, SignaalSoort.PIP_TE_LAAT, vervaldatum=dt.date(2026, 2, 19))

    assert digest_versturen(VANDAAG)["geescaleerd"] == 0
    s.refresh_from_db()
    assert s.geescaleerd_op is None
    assert not [m for m in mailoutbox if m.to == [teamleider.email]]

    morgen = VANDAAG + dt.timedelta(days=1)
    assert digest_versturen(morgen)["geescaleerd"] == 1
    s.refresh_from_db()
    assert s.geescaleerd_op == morgen
    bericht, html = mail_aan(mailoutbox[1:], teamleider)
    for deel in (bericht.body, html):
        assert "Geëscaleerd" in deel
        assert "Amal Haddad" in deel and "Zevenaar" in deel
        assert "19 februari 2026 (verlopen)" in deel
    # The casusregisseur keeps it in their own digest, without the heading.
    bericht, _ = mail_aan(mailoutbox[1:], dossier.casusregisseur)
    assert "PIP-deadline verstreken" in bericht.body
    assert "Geëscaleerd" not in bericht.body
    # Marked once: a later run changes nothing.
    assert digest_versturen(morgen + dt.timedelta(days=1))["geescaleerd"] == 0


def test_escalation_goes_to_the_teamleider_of_the_dossiers_gemeente_only(
    mailoutbox, mails, teamleider, duiven, andere_casusregisseur, dossier
):
    duiven.teamleider = andere_casusregisseur
    duiven.save()
    signaal(dossier, SignaalSoort.PIP_TE_LAAT, vervaldatum=dt.date(2026, 1, 1))

    digest_versturen(VANDAAG)

    assert {m.to[0] for m in mailoutbox} == {
        teamleider.email,
        dossier.casusregisseur.email,
    }


def test_the_teamleider_gets_escalations_whatever_kinds_they_chose(
    mailoutbox, mails, teamleider, dossier
):
    SignaalVoorkeur.objects.create(user=teamleider, digest_soorten=[])
    signaal(dossier, SignaalSoort.UREN_ONTBREKEN, vervaldatum=dt.date(2026, 1, 1))
    digest_versturen(VANDAAG)
    bericht, _ = mail_aan(mailoutbox, teamleider)
    assert "Uren van de aanbieder ontbreken" in bericht.body


def test_escalatie_dagen_is_a_dated_parameter(mails, teamleider, dossier):
    Parameter.objects.create(
        code="escalatie_dagen",
        geldig_vanaf=dt.date(2026, 1, 1),
        waarde=Decimal(3),
        bron="Besluit teamleiders",
    )
    s = signaal(dossier, SignaalSoort.PIP_TE_LAAT, vervaldatum=dt.date(2026, 3, 1))
    digest_versturen(VANDAAG)
    s.refresh_from_db()
    assert s.geescaleerd_op == VANDAAG


def test_a_teamleider_must_belong_to_the_gemeente(duiven, casusregisseur):
    from django.core.exceptions import ValidationError

    duiven.teamleider = casusregisseur
    with pytest.raises(ValidationError):
        duiven.full_clean()


def test_the_digest_is_scheduled_after_the_sweep():
    schedule = settings.CELERY_BEAT_SCHEDULE["Signalering: dagelijkse e-mail"]
    assert (
        schedule["task"] == signalering_digest.name == "monitoring.signalering_digest"
    )
    sweep = settings.CELERY_BEAT_SCHEDULE["Signalering: dagelijkse sweep"]
    assert min(schedule["schedule"].hour) > min(sweep["schedule"].hour)
