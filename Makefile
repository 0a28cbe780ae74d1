# Two commands for a fresh machine (see README.md):
#   make demo   installs everything, loads the demo data and serves the application
#   make test   installs everything and runs the whole test suite
VENV ?= .venv
BIN = $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1:8000

.PHONY: install demo serve test checks pytest browser benchmark loadtest

$(BIN)/malekort: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(BIN)/malekort node_modules/.package-lock.json

# The demo runs as a developer's machine: debug on, local password login.
DEMO_ENV = MALEKORT_DEBUG=1 MALEKORT_LOCAL_LOGIN=1 MALEKORT_BASE_URL=http://$(HOST)

demo: install
	$(DEMO_ENV) $(BIN)/malekort migrate --noinput
	$(DEMO_ENV) $(BIN)/malekort load-demo
	$(DEMO_ENV) $(BIN)/malekort runserver $(HOST)

# Debian's Chromium drives the end-to-end tests; Playwright never downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# mypy's Django plugin loads the settings, which want a secret key when debug is off.
checks: install
	$(BIN)/ruff check src tests benchmarks
	MALEKORT_DEBUG=1 $(BIN)/mypy

pytest: install browser
	$(BIN)/pytest

test: checks pytest

# Two `malekort serve` on PostgreSQL (127.0.0.1:5432), 32 users for 60 s; prints, asserts nothing.
loadtest: install
	@$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/pip install -q -e ".[dev,load]"
	$(BIN)/python benchmarks/loadtest/run.py

benchmark: install
	MALEKORT_DEBUG=1 $(BIN)/python benchmarks/run.py
