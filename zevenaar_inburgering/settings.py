"""The one settings module of Liemers Inburgering.

Every value that differs between machines comes from the environment (or a `.env`
file beside manage.py), read with django-environ. `.env.example` lists them all.
DEBUG is off unless asked for; with DEBUG off the app refuses to start without
SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

import hashlib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Real environment variables win over the file; ENV_FILE points elsewhere (or at
# /dev/null to read none).
environ.Env.read_env(
    env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False
)

DEBUG = env.bool("DEBUG", default=False)

_REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
if not DEBUG:
    missing = [
        name for name in _REQUIRED_IN_PRODUCTION if not env.str(name, default="")
    ]
    if missing:
        raise ImproperlyConfigured(
            "DEBUG staat uit; stel deze omgevingsvariabelen in: " + ", ".join(missing)
        )

SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-only-for-debug")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The BSN is stored in the verwerkingenlog only as a keyed hash (HMAC-SHA256).
# Set BSN_HASH_KEY explicitly in production, so that rotating SECRET_KEY does not
# break searching the log by BSN.
BSN_HASH_KEY = env.str(
    "BSN_HASH_KEY",
    default=hashlib.sha256(("bsn-hash:" + SECRET_KEY).encode()).hexdigest(),
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "zevenaar_inburgering.accounts",
    "zevenaar_inburgering.verwerkingen",
    "zevenaar_inburgering.parameters",
    "intake",
    "pip_plans",
    "leerroutes",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zevenaar_inburgering.verwerkingen.middleware.VerwerkingContextMiddleware",
]

ROOT_URLCONF = "zevenaar_inburgering.urls"
WSGI_APPLICATION = "zevenaar_inburgering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zevenaar_inburgering.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default="postgres://inburgering:inburgering@127.0.0.1:5432/inburgering",
    )
}
# Lets parallel test runs on one machine use separate test databases.
DATABASES["default"]["TEST"] = {
    "NAME": env.str("TEST_DATABASE_NAME", default="") or None
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # Grants the Django admin permissions that belong to a role (functioneel beheer).
    "zevenaar_inburgering.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in PostgreSQL, so a Redis outage never logs anybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default="") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from the npm registry (npm ci), never from a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default="") or BASE_DIR / "media"
# Generated documents: never served by URL, only via permission-checked views (AC-08).
PRIVATE_MEDIA_ROOT = (
    env.str("PRIVATE_MEDIA_ROOT", default="") or BASE_DIR / "private_media"
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: Redis is only the broker; PostgreSQL stays the source of truth.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_WORKER_MAX_TASKS_PER_CHILD = 100
CELERY_TASK_IGNORE_RESULT = True
# A web request never waits long for a broker that is down (SECURITY RL-04).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A .delay() with Redis down gives up after one quick retry instead of three
# (monitoring.tasks.PUBLISH_RETRY_POLICY is the same for enqueue()).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "socket_connect_timeout": 2,
    "socket_timeout": 2,
}
CELERY_BEAT_SCHEDULE: dict = {
    "Op koers: routestanden dagelijks bijwerken": {
        "task": "leerroutes.routestanden_bijwerken",
        "schedule": crontab(hour=2, minute=15),
    },
    # After the routestanden: the koers and voortgangsgesprek signals read them.
    "Signalering: dagelijkse sweep": {
        "task": "monitoring.signalering_sweep",
        "schedule": crontab(hour=2, minute=45),
    },
    # After the sweep, before the working day: escalation and the e-mail digest.
    "Signalering: dagelijkse e-mail": {
        "task": "monitoring.signalering_digest",
        "schedule": crontab(hour=6, minute=30),
    },
    # The first day of a quarter, at night: the reports of the quarter that ended.
    "Kwartaalrapportage: rapporten van het afgelopen kwartaal": {
        "task": "monitoring.kwartaalrapporten",
        "schedule": crontab(month_of_year="1,4,7,10", day_of_month=1, hour=4, minute=0),
    },
}

# What `manage.py demo_region` adds after the dossiers, in order.
DEMO_REGION_EXTENSIONS = [
    "pip_plans.demo.vul_aan",
    "leerroutes.demo.vul_aan",
    "pip_plans.demo_ontzorgen_handhaving.vul_aan",
    "monitoring.demo_keten.vul_aan",
    # Last: the reports count everything above.
    "monitoring.demo_rapportage.vul_aan",
]

# Kwartaalrapportage: numbers of persons from 1 below this limit are shown as "<5"
# to beleidsmedewerkers (dashboard, PDF, CSV).
KLEINE_AANTALLEN_GRENS = env.int("KLEINE_AANTALLEN_GRENS", default=5)

# Werkvoorraad and verwerkingenlog pages.
PAGE_SIZE = env.int("PAGE_SIZE", default=25)
# Absolute links in e-mails (the daily signal digest), without a trailing slash.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Outgoing mail (the digest), as a URL: smtp+tls://user:password@host:587, or
# consolemail:// (the default) to print mails to the worker's log.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Liemers Inburgering <noreply@zevenaar.nl>"
)

# The derived legal category of each GGM doelgroep is configuration, not a rule in
# code: whether family of an asielstatushouder with a regular permit falls under
# art. 13 lid 1 Wi2021 is unconfirmed (DOMAIN.md §1.2). Override per doelgroep with
# DOELGROEP_CATEGORIE="gezinsvormer_asiel=asiel,gezinshereniger_asiel=asiel".
DOELGROEP_CATEGORIE = {
    "asielstatushouder": "asiel",
    "gezinsvormer": "gezin_overig",
    "gezinshereniger": "gezin_overig",
    "geestelijk_bedienaar": "gezin_overig",
    "gezinsvormer_asiel": "asiel",
    "gezinshereniger_asiel": "asiel",
    "overig": "gezin_overig",
} | env.dict("DOELGROEP_CATEGORIE", default={})

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO; keep its warnings only.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The OIN of the executing gemeente, written in every verwerkingenlog row.
OIN = env.str("OIN", default="")
