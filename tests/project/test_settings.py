import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _start(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    env.update(
        {
            "ENV_FILE": "/dev/null",
            "DJANGO_SETTINGS_MODULE": "zevenaar_inburgering.settings",
        }
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('gestart')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_app_refuses_to_start_without_required_setting_when_debug_is_off(missing):
    complete = {
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
        "ALLOWED_HOSTS": "example.org",
    }
    del complete[missing]
    result = _start(complete)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_app_starts_with_the_required_settings_and_debug_defaults_off():
    result = _start(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
            "ALLOWED_HOSTS": "example.org",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "gestart" in result.stdout


def test_localisation_and_sessions_are_as_agreed():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    assert (
        "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
    )
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_password_validators_require_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="12"):
        validate_password("Kort-ww-1!")
    validate_password("een-lange-wachtzin-voor-de-liemers")


def test_celery_settings_are_fixed():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
