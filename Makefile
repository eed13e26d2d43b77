# impact-monitor: the handful of verbs. Each sets up .venv/ first when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test lint format bench data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: set up, then serve the dashboard on the default store (created and filled on first run)
serve: $(STAMP)
	$(BIN)/impact-monitor serve

## test: set up, then lint and run the whole test suite (SQLite and PostgreSQL)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: speed targets on a synthetic 1,000,000-row table (needs frictionless: the bench extra)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/validate_import.py

## data: rebuild data/default from ../shared and data/curation
data: $(STAMP)
	$(BIN)/python scripts/build_default_data.py

clean:
	rm -rf $(VENV) impact-monitor.sqlite* benchmarks/out .pytest_cache .ruff_cache
