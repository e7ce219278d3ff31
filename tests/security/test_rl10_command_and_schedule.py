"""RL-10: the `anonimiseren` management command (dry run, peildatum) and the nightly
Celery beat entry that runs the job.
"""

import io

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest
from freezegun import freeze_time

from intake import tasks
from tests.security.bewaartermijn import RUN, database_als_tekst

pytestmark = pytest.mark.django_db

BEAT_NAAM = "Bewaartermijn: dossiers anonimiseren"


def test_rl10_command_dry_run_counts_and_changes_nothing(drie):
    database = database_als_tekst()
    uit = io.StringIO()
    with freeze_time(RUN):
        call_command("anonimiseren", "--dry-run", stdout=uit)
    assert uit.getvalue().startswith("1 dossier(s) zouden worden geanonimiseerd")
    assert database_als_tekst() == database

    uit = io.StringIO()
    with freeze_time(RUN):
        call_command("anonimiseren", "--peildatum", "2020-01-01", stdout=uit)
    assert uit.getvalue().startswith("0 dossier(s) geanonimiseerd")
    with freeze_time(RUN):
        call_command("anonimiseren", stdout=uit)
    assert "1 dossier(s) geanonimiseerd" in uit.getvalue()


def test_rl10_command_refuses_a_peildatum_in_the_future(db):
    with freeze_time(RUN), pytest.raises(CommandError, match="toekomst"):
        call_command("anonimiseren", "--peildatum", "2025-01-16")


def test_rl10_beat_runs_the_task_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE[BEAT_NAAM]
    assert (
        entry["task"]
        == "intake.dossiers_anonimiseren"
        == tasks.dossiers_anonimiseren.name
    )
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
