PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run compile test lint bench screenshots clean bundle install-desktop xvfb-test

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_APP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP_APP)

# Bytecode for the app's own modules, as an installed app has it (pip compiles what it installs;
# an editable install is not compiled, and with PYTHONDONTWRITEBYTECODE set Python never writes
# it): without it every start compiles ~60 modules. Only changed files are compiled again.
compile: $(STAMP_APP)
	$(BIN)/python -m compileall -q crm ui

run: $(STAMP_APP) compile
	$(BIN)/python -m ui.app $(ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP_TEST) compile
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run --doc docs/benchmarks.md

clean:
	rm -rf $(VENV) build dist *.egg-info

STAMP_BUNDLE := $(VENV)/.installed-bundle

$(STAMP_BUNDLE): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[bundle]'
	touch $@

bundle: $(STAMP_BUNDLE)
	packaging/build-bundle.sh

install-desktop:
	packaging/install-desktop.sh

xvfb-test: $(STAMP_TEST)
	packaging/xvfb-test.sh

SCREENSHOT_VIEWS := today contacts companies referrals jobs followups metrics network

screenshots: $(STAMP_APP)
	@tmp=$$(mktemp -d) && \
	$(BIN)/vouch-cli --db $$tmp/demo.db demo && \
	mkdir -p docs/screenshots && \
	for v in $(SCREENSHOT_VIEWS); do \
		QT_QPA_PLATFORM=offscreen $(BIN)/vouch --db $$tmp/demo.db --size 1280x800 \
			--screenshot docs/screenshots/$$v.png --view $$v || exit 1; \
	done; \
	rm -rf $$tmp; echo "docs/screenshots: $(SCREENSHOT_VIEWS)"
