# Kairship UI — the README's commands. `make install` is the shared, idempotent set-up step.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= kairship_ui.settings.base

.PHONY: install run test lint bench

install: $(VENV)/.installed node_modules/.installed static/dist/.built
	@scripts/ensure-chromium.sh
	@$(BIN)/python manage.py migrate --no-input -v 0

$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/.built: node_modules/.installed frontend/*
	npm run --silent build
	@touch $@

run: install
	@$(BIN)/python manage.py seed_demo
	@echo "Kairship UI: http://127.0.0.1:8000  (log in as olga / kairship-demo; Ctrl-C stops everything)"
	@$(BIN)/honcho start -f Procfile $$(scripts/procfile-processes.sh)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=kairship_ui.settings.test $(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy karmada_semantics karmada_gateway
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	DJANGO_SETTINGS_MODULE=kairship_ui.settings.test $(BIN)/python manage.py bench $(BENCH_ARGS)
