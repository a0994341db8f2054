# LIP 4.0 Hannover – the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails follow the address the site is served on (WAGTAILADMIN_BASE_URL reads SITE_URL); set it to override.
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: help install system-deps run serve migrate seed messages test test-fast test-browser screenshots lint format worker beat bench bench-report bench-report-workers lock check-deploy clean

help:
	@echo "make run      install everything, migrate, seed the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test     run the whole test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make test-browser   only the browser tests (Playwright + Chromium)"
	@echo "make screenshots    full-page screenshots of the main pages (German, Arabic; 1280 and 360 px) in var/screenshots/"
	@echo "make lint     ruff and makemigrations --check"
	@echo "make check-deploy   Django's deployment checklist under lip.settings.production"
	@echo "make worker   a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make beat     Celery beat with the database scheduler (needs CELERY_BROKER_URL)"
	@echo "make bench    page benchmark: ours next to a bare-Django floor (PostgreSQL, Redis, gunicorn)"
	@echo "make bench-report   seed 10,000 proposals into a throwaway database, issue a report, print pages, time, memory"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml"

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	touch $@

install: $(VENV)/.installed messages

# System libraries: WeasyPrint needs Pango, translations need gettext, browser tests need Chromium.
system-deps:
	@if ! command -v msgfmt >/dev/null || ! ldconfig -p | grep -q libpango-1.0 || ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext libpango-1.0-0 libpangoft2-1.0-0 chromium fonts-noto-core fonts-dejavu-core fonts-liberation >/dev/null; \
	  else echo "Please install: gettext libpango-1.0-0 libpangoft2-1.0-0 chromium (e.g. sudo apt-get install ...)"; fi; \
	fi

# compilemessages fails when there is no locale directory at all (git does not keep empty ones).
messages: $(VENV)/.installed
	@if find . -path ./$(VENV) -prune -o -name '*.po' -path '*/locale/*' -print | grep -q .; then \
	  echo "$(MANAGE) compilemessages -v0 --ignore=$(VENV)"; $(MANAGE) compilemessages -v0 --ignore=$(VENV); \
	else echo "No translations (*.po) to compile."; fi

# After adding or changing strings: refresh both catalogues, then translate the new entries in
# lip/locale/en/LC_MESSAGES/django.po (German is the source language: its msgstr stay empty).
.PHONY: messages-update
messages-update: $(VENV)/.installed
	$(MANAGE) makemessages -l de -l en -l tr -l ar -l uk -l ru -l fa --ignore=.venv --ignore=var --ignore=tests --ignore=bench

migrate: install
	$(MANAGE) migrate -v0

seed: migrate
	$(MANAGE) seed_demo

run: system-deps seed
	$(MANAGE) collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/; links in e-mails: $(SITE_URL))"
	SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# --dist loadgroup: the browser tests (xdist group "browser") share one worker and one live server.
test: system-deps install
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadgroup -q $(PYTEST_ARGS)

test-browser: system-deps install
	$(VENV)/bin/pytest -q -m browser tests/browser

screenshots: system-deps install
	rm -rf var/screenshots
	LIP_SCREENSHOTS=var/screenshots $(VENV)/bin/pytest -q tests/browser/test_screenshots.py
	@echo "Screenshots: var/screenshots/"

lint: install
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run -v0

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: install
	DJANGO_SETTINGS_MODULE=lip.settings.production \
	SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-lip.example} \
	$(MANAGE) check --deploy --fail-level WARNING

worker: install
	$(VENV)/bin/celery -A lip worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A lip beat --loglevel=INFO

# The page benchmark (issue 16): a throwaway PostgreSQL database on 127.0.0.1:5432 (user postgres), Redis on
# 127.0.0.1:6379; ours and a bare-Django floor under gunicorn. BENCH_SCALE=0.1 shrinks the data set for a quick run.
bench: install
	$(PY) bench/pages.py

bench-report: install
	$(PY) bench/report.py

# The same report through a real Celery worker (Redis): paper and annex rendered at the same time.
bench-report-workers: install
	$(PY) bench/report_workers.py

lock:
	$(PIP) install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
