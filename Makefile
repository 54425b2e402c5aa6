# The README's two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
TEST_ENV := DJANGO_SETTINGS_MODULE=federation.settings.test
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
PORT ?= 8000
# `make test` runs the suite in one process per core (pytest-xdist); TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= auto

.PHONY: run run-prod load faults tour test install lock system-deps services lint format messages compilemessages migrate worker beat bench clean

# Installs exactly the locked versions, each checked by its hash (requirements*.lock; `make lock`).
$(BIN)/.installed: requirements.lock requirements-dev.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## make lock: after changing a range in requirements*.txt, pin every package (direct and transitive)
## with its hashes again; `make lint` fails while a lock and its ranges disagree
lock: install
	$(BIN)/uv pip compile requirements.txt --generate-hashes --python-version 3.11 -q -o requirements.lock
	$(BIN)/uv pip compile requirements-dev.txt --generate-hashes --python-version 3.11 -q -o requirements-dev.lock

install: $(BIN)/.installed

system-deps:
	@bash scripts/system_deps.sh

compilemessages: install
	@command -v msgfmt >/dev/null || bash scripts/system_deps.sh gettext
	$(MANAGE) compilemessages --ignore=.venv -v0

## make run [PORT=8000]: embedded default (SQLite, eager Celery), demo data, http://127.0.0.1:$(PORT)
run: install compilemessages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## make run-prod [PORT=8000]: the production stack on loopback (production settings, gunicorn, a Celery
## worker and beat) on the local PostgreSQL (database federation_prod) and Redis; deploy/ has the server's
run-prod: install compilemessages
	PORT=$(PORT) bash scripts/run_prod.sh

## make load [LOAD_SECONDS=60]: 50 users on the public form and the staff lists against run-prod on a
## private PostgreSQL (5433) and Redis (6380); figures in artifacts/load/latest.json (README, Operations)
load: install compilemessages
	$(BIN)/python scripts/load.py

## make faults: worker killed, PostgreSQL restarted, Redis stopped, against run-prod on private services
faults: install compilemessages
	$(BIN)/python scripts/faults.py

## make tour [PORT=8000]: screenshots (desktop + phone) of a running `make run` into artifacts/tour
tour: install
	$(BIN)/python scripts/screenshot_tour.py http://127.0.0.1:$(PORT) artifacts/tour

## make test: lint, then the whole suite on PostgreSQL and Redis, browser tests included
test: install system-deps compilemessages services lint
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS)

services: install
	@$(TEST_ENV) $(BIN)/python scripts/check_services.py

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run -v0
	@bash scripts/check_messages.sh
	@$(BIN)/python scripts/check_lock.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Update the translation catalogs after changing user-facing strings (then fill in the msgstr).
messages: install
	$(MANAGE) makemessages -l zh_Hans --no-location --no-obsolete --ignore=.venv --ignore=static/vendor --ignore=bench

migrate: install
	$(MANAGE) migrate

## A Celery worker and beat against Redis (set REDIS_URL, and DATABASE_URL for PostgreSQL).
worker: install
	$(BIN)/celery -A federation worker -l info

beat: install
	$(BIN)/celery -A federation beat -l info

## Benchmarks on PostgreSQL (250,000 enterprises); writes bench/results/latest.json
bench: install compilemessages services
	$(TEST_ENV) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache .ruff_cache
