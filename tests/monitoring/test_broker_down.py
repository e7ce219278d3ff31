"""SECURITY RL-03 and RL-04, issue 6 item 2: with Redis unreachable a casusregisseur
still saves a dossier promptly, the database keeps the change, and the next sweep
makes the signal it needs; publishing a task fails fast and is logged, never hangs.

Saving a dossier enqueues nothing: the signals are derived from the rows by the
daily sweep (and the catch-up run at worker start), so there is nothing to lose
when the broker is down. These tests keep it that way."""

import datetime as dt
import logging
import socket
import threading
import time

from django.db import transaction
from django.urls import reverse

import pytest
from kombu.exceptions import OperationalError as KombuOperationalError

from intake.models import Inburgeraar
from intake.tijdlijn import GebeurtenisSoort
from monitoring import tasks
from monitoring.models import Signaal, SignaalSoort
from monitoring.signalering import sweep
from monitoring.tasks import PUBLISH_RETRY_POLICY, enqueue, signalering_sweep
from tests.intake.test_dossier import form_data
from zevenaar_inburgering.celery import app

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused
# Generous: the broker timeouts in settings are 2 s and a refused connection fails
# at once; a request that waits on the broker would take far longer.
BOUND = 10.0


def _reset_broker_pools() -> None:
    """Forget the pooled connections to the old broker URL (Celery keys its pools
    by connection and caches them on the app)."""
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


def _point_broker_at(url: str, monkeypatch, settings) -> None:
    settings.CELERY_BROKER_URL = url
    # Celery reads CELERY_BROKER_URL from the environment before its own
    # configuration (and django-environ put the .env value there).
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    app.conf.broker_url  # noqa: B018 (finalise the lazy configuration first)
    monkeypatch.setitem(app.conf, "CELERY_BROKER_URL", url)
    _reset_broker_pools()
    # Never publish to the real broker by accident.
    assert app.connection_for_write().as_uri().endswith(url.removeprefix("redis://"))


@pytest.fixture
def broker_down(monkeypatch, settings):
    _point_broker_at(DOWN, monkeypatch, settings)
    yield DOWN
    monkeypatch.undo()
    _reset_broker_pools()


@pytest.fixture
def silent_broker(monkeypatch, settings):
    """A port that accepts the TCP connection and then never answers: the case
    where publishing hangs without timeouts (celery #4296, kombu #1463)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    _point_broker_at(url, monkeypatch, settings)
    yield url
    monkeypatch.undo()
    _reset_broker_pools()
    sock.close()


def _within_bound(func) -> tuple[float, BaseException | None]:
    """Run `func` in a thread; fail the test (instead of hanging the suite) if it
    does not finish within BOUND. Returns the elapsed time and what it raised."""
    uitkomst: dict = {}

    def run():
        try:
            func()
        except BaseException as exc:  # handed to the test
            uitkomst["fout"] = exc

    begin = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=BOUND + 5)
    assert not thread.is_alive(), "publishing hung"
    return time.monotonic() - begin, uitkomst.get("fout")


def test_saving_a_dossier_with_the_broker_down_is_prompt_and_the_next_sweep_catches_up(
    broker_down, client_for, casusregisseur, dossier
):
    """The BRP inschrijving of 21 April is entered: the PIP clock starts (later
    than the kennisgeving of 5 March), the deadline is 30 June, in week 8 on 20
    June."""
    dag = dt.date(2026, 6, 20)
    sweep(dag)
    assert not Signaal.objects.filter(soort=SignaalSoort.PIP_WEEK_8).exists()

    begin = time.monotonic()
    response = client_for(casusregisseur).post(
        reverse("intake:dossier_wijzigen", args=[dossier.pk]),
        form_data(dossier, datum_brp_inschrijving="2026-04-21"),
    )
    elapsed = time.monotonic() - begin

    assert response.status_code == 302
    assert response.url == reverse("monitoring:dossier", args=[dossier.pk])
    assert elapsed < BOUND
    dossier = Inburgeraar.objects.get(pk=dossier.pk)
    assert dossier.datum_brp_inschrijving == dt.date(2026, 4, 21)
    assert dossier.pip_deadline == dt.date(2026, 6, 30)
    assert dossier.gebeurtenissen.filter(soort=GebeurtenisSoort.GEWIJZIGD).exists()

    # The next sweep (here eager, as a worker would run it once Redis is back).
    eerste = signalering_sweep.apply(args=[dag.isoformat()]).get()
    assert eerste[SignaalSoort.PIP_WEEK_8] == 1
    signaal = Signaal.objects.get(soort=SignaalSoort.PIP_WEEK_8)
    assert signaal.vervaldatum == dossier.pip_deadline
    assert signaal.verantwoordelijke == casusregisseur
    # ... and once only.
    assert sweep(dag)[SignaalSoort.PIP_WEEK_8] == 0
    assert Signaal.objects.filter(soort=SignaalSoort.PIP_WEEK_8).count() == 1


def test_the_dossier_pages_work_with_the_broker_down(
    broker_down, client_for, casusregisseur, dossier
):
    client = client_for(casusregisseur)
    for url in (
        reverse("monitoring:werkvoorraad"),
        reverse("monitoring:dossier", args=[dossier.pk]),
        reverse("intake:dossier_wijzigen", args=[dossier.pk]),
    ):
        assert client.get(url).status_code == 200


def test_the_sweep_task_runs_eagerly_without_a_broker(broker_down, dossier):
    Inburgeraar.objects.filter(pk=dossier.pk).update(pip_deadline=dt.date(2026, 6, 30))
    resultaat = signalering_sweep.apply(args=["2026-06-20"])
    assert resultaat.successful()
    assert resultaat.get()[SignaalSoort.PIP_WEEK_8] == 1
    assert (
        signalering_sweep.apply(args=["2026-06-20"]).get()[SignaalSoort.PIP_WEEK_8] == 0
    )


@pytest.mark.parametrize(
    "publish",
    [
        lambda: signalering_sweep.delay(),
        lambda: signalering_sweep.apply_async(
            retry=True, retry_policy=PUBLISH_RETRY_POLICY
        ),
    ],
    ids=["delay", "bounded_policy"],
)
def test_publishing_with_the_broker_down_raises_quickly(broker_down, publish):
    elapsed, fout = _within_bound(publish)
    assert isinstance(fout, KombuOperationalError)
    assert elapsed < BOUND


def test_publishing_to_a_broker_that_never_answers_times_out(silent_broker):
    elapsed, fout = _within_bound(
        lambda: signalering_sweep.apply_async(
            retry=True, retry_policy=PUBLISH_RETRY_POLICY
        )
    )
    assert isinstance(fout, KombuOperationalError)
    assert elapsed < BOUND


# --- enqueue(): after commit, failure logged, never raised --------------------------


def test_enqueue_with_the_broker_down_logs_and_returns(
    broker_down, dossier, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING, logger="monitoring.tasks")

    begin = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue(signalering_sweep, "2026-06-20")
    assert time.monotonic() - begin < BOUND
    assert len(callbacks) == 1
    [record] = [r for r in caplog.records if r.name == "monitoring.tasks"]
    assert record.levelno == logging.WARNING
    assert "monitoring.signalering_sweep" in record.getMessage()
    assert "OperationalError" in record.getMessage()
    # No personal data in the log line: neither the arguments nor the person.
    assert "2026-06-20" not in record.getMessage()
    assert dossier.bsn not in record.getMessage()
    assert dossier.achternaam not in record.getMessage()


class _FakeTask:
    name = "test.fake"

    def __init__(self):
        self.calls = []

    def apply_async(self, **kwargs):
        self.calls.append(kwargs)


def test_enqueue_publishes_only_after_commit(db, django_capture_on_commit_callbacks):
    taak = _FakeTask()
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(taak, "abc")
        assert taak.calls == []
    assert taak.calls == [
        {"args": ("abc",), "retry": True, "retry_policy": PUBLISH_RETRY_POLICY}
    ]


def test_enqueue_in_a_rolled_back_transaction_publishes_nothing(
    db,
    django_capture_on_commit_callbacks,
):
    taak = _FakeTask()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue(taak, "abc")
        raise RuntimeError
    assert callbacks == []
    assert taak.calls == []


def test_the_publish_retry_policy_is_bounded():
    beleid = tasks.PUBLISH_RETRY_POLICY
    assert beleid["max_retries"] <= 1
    assert beleid["interval_max"] <= 1
    assert app.conf.broker_connection_timeout <= 3
    opties = app.conf.broker_transport_options
    assert opties["socket_connect_timeout"] <= 3
    assert opties["socket_timeout"] <= 3
