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
from csp.constants import NONCE, NONE, SELF

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
BEHIND_HTTPS_PROXY = env.bool("BEHIND_HTTPS_PROXY", default=False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For before the app: the logs then
# record the client's address instead of the proxy's (zevenaar_inburgering.proxy).
TRUSTED_PROXY_HOPS = env.int(
    "TRUSTED_PROXY_HOPS", default=1 if BEHIND_HTTPS_PROXY else 0
)

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
    # Index operator classes (the trigram index of the dossier search).
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "zevenaar_inburgering.accounts",
    "zevenaar_inburgering.verwerkingen",
    "zevenaar_inburgering.parameters",
    "intake",
    "pip_plans",
    "leerroutes",
    "monitoring",
]

MIDDLEWARE = [
    # First: everything after it sees the client's address, not the proxy's.
    "zevenaar_inburgering.proxy.ClientAdresMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A nonce-based Content-Security-Policy on every response, static files and
    # redirects by the middleware below included (CF-02).
    "zevenaar_inburgering.accounts.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Which second factor verified this session (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Inactivity and absolute session lifetime, no-store on authenticated pages.
    "zevenaar_inburgering.accounts.middleware.SessieVerloopMiddleware",
    # Every page needs a verified second factor (AU-01).
    "zevenaar_inburgering.accounts.middleware.TweestapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zevenaar_inburgering.verwerkingen.middleware.VerwerkingContextMiddleware",
    "zevenaar_inburgering.verwerkingen.middleware.GeweigerdeToegangMiddleware",
    # Last, as django-axes asks: turns a lockout into the Dutch "geblokkeerd" page.
    "axes.middleware.AxesMiddleware",
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
                "zevenaar_inburgering.context_processors.beveiliging",
            ],
            # {{ form|formulier }}: crispy's markup written in Python (issue 18);
            # {{ label|kleine_letter }}: a label inside a sentence;
            # {% dossierkop dossier %}: the header above every dossier tab (issue 19);
            # {{ tekst|vrije_tekst:concept }}: free text marked in a voorbeeld letter.
            "libraries": {
                "formulier": "zevenaar_inburgering.formulier",
                "nl": "zevenaar_inburgering.nl",
                "dossierkop": "zevenaar_inburgering.dossierkop",
                "brief": "zevenaar_inburgering.briefopmaak",
            },
        },
    },
]
# Django's form renderer with the common widgets written in Python (issue 18).
FORM_RENDERER = "zevenaar_inburgering.formulier.WidgetRenderer"

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
# No JIT compilation: the report's queries have subplans whose estimated cost passes
# PostgreSQL's JIT thresholds, and compiling them took longer than running them
# (EXPLAIN ANALYZE at 100,000 dossiers: 2.6 s of JIT for a 1.8 s query; the report
# figures 6.5 s with JIT, 3.5 s without). Short queries never gain from it.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# QuerySet.iterator() without a server-side cursor: every model select of a form
# (ModelChoiceField iterates its queryset) cost DECLARE, FETCH and CLOSE, three
# round trips for a list of a few rows (issue 18). Big sets are read in keyset
# chunks instead (zevenaar_inburgering.exports.chunks).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Whose data the verwerkingenlog records (its betrokkene), named like AUTH_USER_MODEL
# so the log knows no app.
VERWERKINGEN_BETROKKENE_MODEL = "intake.Inburgeraar"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login attempt while the username is locked out (AU-02).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Grants the Django admin permissions that belong to a role (functioneel beheer).
    "zevenaar_inburgering.accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Two-factor login (AU-01): after the password every account needs a TOTP code
# from an authenticator app, or one of its backup codes. DEMO_MODE (only `make
# run` sets it) shows a "Demonstratieomgeving" banner and lets users skip the
# set-up; it must never be on in production (check --deploy refuses it).
DEMO_MODUS = env.bool("DEMO_MODE", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Liemers Inburgering")
TWEESTAPS_RESERVECODES = 10
# django-otp's admin would show any user's TOTP secret as a QR code to staff
# with rights on devices; refuse those pages.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout after 5 failed logins for a username (AU-02), whether it exists or not,
# so the lockout itself tells nothing. A successful login resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

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
# Absolute lifetime (AU-04): a session ends this long after login, active or not.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
# Inactivity (AU-04): no request for this long ends the session; the page warns
# SESSION_WARNING_SECONDS before.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=2 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS everywhere in production. Local http on 127.0.0.1 (make run, the tests)
# sets SECURE_COOKIES=False; browsers refuse Secure and __Host- cookies there.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# __Host-: only this exact host over HTTPS may set or read the cookie (CF-02).
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SESSION_COOKIE_SECURE else "csrftoken"
# No script reads the CSRF cookie: pages carry the token (forms, htmx hx-headers).
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "zevenaar_inburgering.views.csrf_failure"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
# The container health check asks over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The HSTS preload list takes registrable domains only; the app runs on a
# subdomain of the gemeente's domain, which is not ours to preload.
# axes.W006 asks to lock out per IP address too: the staff of a gemeente share one
# NAT address, so five typos in the town hall would lock out everyone. The lockout
# per username cannot be dodged by changing cookies or user agent.
SILENCED_SYSTEM_CHECKS = ["security.W021", "axes.W006"]

# Content-Security-Policy (CF-02): our own origin only, scripts and styles only
# from files or with the per-response nonce; no plugins, no <base>, no framing.
# Bootstrap's CSS draws its form icons as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

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
# The worker logs through LOGGING (JSON, redacted) instead of its own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
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
    # Expired sessions hold a user id and login times: out of the database.
    "Sessies: verlopen sessies opruimen": {
        "task": "accounts.sessies_opruimen",
        "schedule": crontab(hour=4, minute=30),
    },
    # The first day of a quarter, at night: the reports of the quarter that ended.
    "Kwartaalrapportage: rapporten van het afgelopen kwartaal": {
        "task": "monitoring.kwartaalrapporten",
        "schedule": crontab(month_of_year="1,4,7,10", day_of_month=1, hour=4, minute=0),
    },
}

# Kwartaalrapportage: numbers of persons from 1 below this limit read "minder dan 5
# personen" to beleidsmedewerkers (dashboard, PDF, CSV); see monitoring/weergave.py.
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

# Application logs (SECURITY LG-03, LG-07): one JSON object per line on stderr,
# UTC timestamps, and BSN-like numbers, passwords, session ids, CSRF tokens and
# Cookie/Authorization headers redacted (zevenaar_inburgering/logformat.py).
# Django's own loggers (django.request logs every 4xx/5xx, django.security) go
# through the same handler, not through Django's default console and mail_admins
# handlers. The verwerkingenlog is a database table, not a log stream.
_LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"geheimen": {"()": "zevenaar_inburgering.logformat.RedactingFilter"}},
    "formatters": {"json": {"()": "zevenaar_inburgering.logformat.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["geheimen"],
        }
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    "loggers": {
        # No handlers of their own: they propagate to the root's JSON handler.
        "django": {"handlers": [], "level": _LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": _LOG_LEVEL, "propagate": True},
        # WeasyPrint narrates every rendering step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes narrates every login at INFO; the security log
        # (Beveiligingsgebeurtenis) has those events, keep axes' warnings.
        "axes": {"level": "WARNING"},
    },
}

# The OIN of the executing gemeente, written in every verwerkingenlog row.
OIN = env.str("OIN", default="")

# Retention (SECURITY RL-10): a closed dossier is anonymised this many years after
# its closing date (intake/anonimiseren.py). 5: the term that secondary sources (VHIC,
# BREED) report for the Wet inburgering 2021, which precedes the Selectielijst
# gemeenten 2020 (10 years after the traject); neither was checked against the
# law itself, so the archivist and the FG confirm it: configuration, not a fact.
BEWAARTERMIJN_JAREN = env.int("BEWAARTERMIJN_JAREN", default=5)
# Archiving before deleting (DOMAIN.md §13.6): the job first writes every decision of
# a dossier due to its archive package here (zevenaar_inburgering/archief.py,
# docs/archief.md) and stops when it cannot. The default, inside PRIVATE_MEDIA_ROOT,
# is for development; in production a location the gemeente's archive picks up from.
ARCHIEF_EXPORT_ROOT = env.str("ARCHIEF_EXPORT_ROOT", default="") or (
    Path(PRIVATE_MEDIA_ROOT) / "archief"
)
# At night, after the other jobs; idempotent, so a duplicate tick does nothing.
CELERY_BEAT_SCHEDULE["Termijn overschreden: statussen bijwerken"] = {
    "task": "pip_plans.termijn_statussen_bijwerken",
    # Before the routestanden (02:15) and the signalering read the statuses.
    "schedule": crontab(hour=1, minute=45),
}
CELERY_BEAT_SCHEDULE["Bewaartermijn: dossiers anonimiseren"] = {
    "task": "intake.dossiers_anonimiseren",
    "schedule": crontab(hour=3, minute=30),
}
