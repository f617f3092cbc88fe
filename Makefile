PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench screenshots clean bundle install-desktop xvfb-test

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_APP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP_APP)

run: $(STAMP_APP)
	$(BIN)/python -m ui.app $(ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP_TEST)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP_TEST)
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
