# Two commands set everything up on a fresh machine: `make up` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PYTEST_WORKERS ?= 2

.PHONY: up test lint typecheck unit eval bench clean install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamps make re-runs instant and reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PY) -m pip install -q -e '.[test,spark]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

up: install
	$(BIN)/accord up

lint: install-test
	$(BIN)/ruff check src tests bench scripts

typecheck: install-test
	$(BIN)/mypy src/accord

unit: install-test
	$(BIN)/pytest -q -n $(PYTEST_WORKERS)

test: lint typecheck unit

# Detector quality on ../shared/data (not part of `make test`): see BENCHMARKS.md.
eval: install-test
	$(PY) scripts/eval_detect.py

bench: install-test
	$(PY) bench/detect.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
