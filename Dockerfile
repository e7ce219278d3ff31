# syntax=docker/dockerfile:1
# Liemers Inburgering: one image for the web server, the Celery worker and Celery beat
# (see docker-compose.yml). Front-end assets come from the npm registry, never a CDN.

# --- Front-end assets: Bootstrap and htmx, exactly as package-lock.json pins them ---
FROM node:20-bookworm-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# --- The application ---------------------------------------------------------------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore

# WeasyPrint's runtime: Pango (with HarfBuzz and fontconfig) and a local font.
# psycopg2-binary brings its own libpq, so PostgreSQL needs nothing here.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Python dependencies. pyproject.toml has `packages = []`: installing the project
# installs only its dependencies; the code is copied into /app and run from there.
COPY pyproject.toml /tmp/build/pyproject.toml
RUN pip install /tmp/build && rm -rf /tmp/build

WORKDIR /app

# The code, folder by folder, so that a local .env, .venv, node_modules or .git never
# ends up in the image. A new top-level folder the app needs must be added here.
COPY manage.py ./
COPY zevenaar_inburgering ./zevenaar_inburgering
COPY intake ./intake
COPY pip_plans ./pip_plans
COPY leerroutes ./leerroutes
COPY monitoring ./monitoring
COPY templates ./templates
COPY static ./static
# settings.STATICFILES_DIRS reads these two folders.
COPY --from=assets /assets/node_modules/bootstrap/dist ./node_modules/bootstrap/dist
COPY --from=assets /assets/node_modules/htmx.org/dist ./node_modules/htmx.org/dist

# Collect static files into /app/staticfiles (served by WhiteNoise). With DEBUG off the
# settings demand SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS: dummies for this step only
# (no database is contacted), and ENV_FILE=/dev/null so that no .env is read.
RUN ENV_FILE=/dev/null \
    SECRET_KEY=collectstatic-only-not-a-secret \
    DATABASE_URL=postgres://build:build@localhost:5432/build \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0

# Run as an unprivileged user; it may write only to MEDIA_ROOT, PRIVATE_MEDIA_ROOT,
# the archive packages (ARCHIEF_EXPORT_ROOT in docker-compose.yml) and /tmp.
RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app \
    && mkdir -p /app/media /app/private_media /app/archief \
    && chown app:app /app/media /app/private_media /app/archief
USER app

EXPOSE 8000
# --timeout 300: a streamed CSV export of a whole region takes longer than the default
# 30 s (docs/operations.md).
CMD ["gunicorn", "zevenaar_inburgering.wsgi", "--bind", "0.0.0.0:8000", "--timeout", "300"]
