# Liemers Inburgering: the two doors are `make run` and `make test`.
# Both work on a fresh Debian 12 machine as root (or with sudo) and never ask a question.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STATE := .state
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_POSTGRES := $(if $(SUDO),sudo -u postgres,runuser -u postgres --)
export DEBIAN_FRONTEND := noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages: PostgreSQL, Redis, WeasyPrint's Pango stack and fonts, Node for the
# front-end assets, poppler for PDF text checks, and Chromium for the browser tests.
APT_PACKAGES := postgresql redis-server libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	fonts-dejavu-core poppler-utils nodejs npm python3-venv
# wrk: the benchmark's throughput step, tested against a live server.
APT_TEST_PACKAGES := chromium wrk

.PHONY: help run test test-calendar benchmark lint setup system-packages test-packages venv assets env services db demo stop

help:
	@echo "make run   - install, start PostgreSQL and Redis, load the demo region, serve on http://127.0.0.1:8000"
	@echo "make test  - the same set-up, then the whole test suite (browser tests included)"
	@echo "make test-calendar - the suite without browser tests on three other days (a 1st, a 31st, 29 Feb 2028)"
	@echo "make benchmark [N=100000] - time the sweep, the report, the pages and the throughput (keeps its database)"
	@echo "make lint  - ruff"
	@echo "make stop  - stop the PostgreSQL and Redis started by make"

system-packages:
	@missing=""
	for pkg in $(APT_PACKAGES); do
	  dpkg -s "$$pkg" >/dev/null 2>&1 || missing="$$missing $$pkg"
	done
	# node and npm may come from elsewhere than Debian (as on the CI machines).
	if command -v node >/dev/null && command -v npm >/dev/null; then
	  missing=$$(echo "$$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ' || true)
	fi
	if [ -n "$${missing// }" ]; then
	  echo "Installing:$$missing"
	  $(SUDO) apt-get update -qq
	  $(SUDO) apt-get install -y -qq $$missing >/dev/null
	fi

test-packages:
	@missing=""
	for pkg in $(APT_TEST_PACKAGES); do
	  command -v "$$pkg" >/dev/null || missing="$$missing $$pkg"
	done
	if [ -n "$${missing// }" ]; then
	  $(SUDO) apt-get update -qq
	  $(SUDO) apt-get install -y -qq $$missing >/dev/null
	fi

$(VENV)/.installed: pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

.env:
	@secret=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
	hashkey=$$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
	sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$$secret|" -e "s|^BSN_HASH_KEY=.*|BSN_HASH_KEY=$$hashkey|" .env.example > .env
	echo "Wrote .env (local settings; edit to taste)."

env: .env

# PostgreSQL refuses to run as root: pg_ctlcluster runs the Debian cluster as postgres.
# Redis listens on loopback only.
services:
	@mkdir -p $(STATE)
	version=$$(ls /usr/lib/postgresql | sort -V | tail -n 1)
	if ! pg_lsclusters -h | grep -q "^$$version main"; then
	  $(SUDO) pg_createcluster "$$version" main >/dev/null
	fi
	if ! pg_lsclusters -h | grep -q "^$$version main .* online"; then
	  $(SUDO) pg_ctlcluster "$$version" main start
	fi
	for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
	$(AS_POSTGRES) psql -q -v ON_ERROR_STOP=1 <<'SQL'
	SELECT 'CREATE ROLE inburgering LOGIN CREATEDB PASSWORD ''inburgering'''
	WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inburgering') \gexec
	SELECT 'CREATE DATABASE inburgering OWNER inburgering'
	WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'inburgering') \gexec
	SQL
	if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
	    --maxmemory-policy noeviction --pidfile "$$PWD/$(STATE)/redis.pid" \
	    --logfile "$$PWD/$(STATE)/redis.log"
	  for i in $$(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
	fi

setup: system-packages venv assets env services
	@$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0

demo: setup
	@$(PY) manage.py demo_region --users

run: demo
	@# On Ctrl-C (or any exit) stop exactly the three processes started here.
	trap 'trap - INT TERM EXIT; kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT
	$(VENV)/bin/celery -A zevenaar_inburgering worker --loglevel=INFO --concurrency=2 &
	$(VENV)/bin/celery -A zevenaar_inburgering beat --loglevel=INFO \
	  --schedule "$(STATE)/celerybeat-schedule" --pidfile= &
	echo "Liemers Inburgering: http://127.0.0.1:8000  (Ctrl-C stops web, worker and beat)"
	# Demo mode: a visible banner, and demo users may skip the two-factor set-up.
	# --timeout 300: a streamed CSV export of a whole region keeps its worker busy for
	# more than gunicorn's default 30 s (docs/operations.md).
	DEMO_MODE=True $(VENV)/bin/gunicorn zevenaar_inburgering.wsgi --bind 127.0.0.1:8000 --workers 2 \
	  --timeout 300 --access-logfile - &
	wait

# The throughput step loads gunicorn with wrk (Debian package). The benchmark database
# is kept (--keepdb): seeding 100,000 dossiers takes minutes, a next run reuses it.
N ?= 100000
benchmark: setup test-packages
	@$(PY) manage.py benchmark --n $(N) --keepdb

lint: venv
	@$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup test-packages
	@$(PY) manage.py demo_region
	$(PY) manage.py makemigrations --check --dry-run
	# CF-01: Django's deployment checks pass with production settings.
	ENV_FILE=/dev/null DEBUG=False SECRET_KEY="$$(head -c 60 /dev/urandom | base64 | tr -d '\n')" \
	  ALLOWED_HOSTS=inburgering.zevenaar.nl SECURE_COOKIES=True BEHIND_HTTPS_PROXY=True \
	  DATABASE_URL=postgres://inburgering:inburgering@127.0.0.1:5432/inburgering \
	  $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

# The suite without the browser tests with the clock moved to other days than today: a
# 1st, a 31st and a leap day, each at 09:30 Europe/Amsterdam. tests/conftest.py's
# --vandaag option starts freezegun (tick=True) for the whole pytest session, so the
# clock runs on from there; processes a test starts, and PostgreSQL's now(), keep the
# real clock. Every day runs, then the target fails if any day failed.
# Other days: make test-calendar CALENDAR_DAYS="2027-10-31 2028-12-31T23:30".
CALENDAR_DAYS ?= 2027-01-01 2027-03-31 2028-02-29

test-calendar: setup
	@failed=""
	for day in $(CALENDAR_DAYS); do
	  echo "== pytest -m 'not e2e' --vandaag=$$day"
	  start=$$(date +%s)
	  if $(VENV)/bin/pytest -m "not e2e" --vandaag="$$day"; then
	    result=passed
	  else
	    result=FAILED
	    failed="$$failed $$day"
	  fi
	  echo "== $$day: $$result in $$(( $$(date +%s) - start ))s"
	done
	if [ -n "$$failed" ]; then
	  echo "make test-calendar failed on:$$failed"
	  exit 1
	fi
	echo "make test-calendar passed on: $(CALENDAR_DAYS)"

stop:
	@version=$$(ls /usr/lib/postgresql | sort -V | tail -n 1)
	$(SUDO) pg_ctlcluster "$$version" main stop || true
	redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true
