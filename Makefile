# The README's two commands: `make demo` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: help setup demo test lint bench dist clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/spdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(BIN)/spdocs  ## virtual environment with spdocs, plus LibreOffice and fonts if missing
	bash .ci/install-system-deps

demo: setup  ## check and render every bundled example (DOCX and PDF) into out/
	$(BIN)/spdocs check examples/
	$(BIN)/spdocs render examples/ --format docx,pdf --out out/
	$(BIN)/spdocs summary examples/ --out out/summary.xlsx
	@echo
	@echo "Draft in the browser: $(BIN)/spdocs serve --workspace examples/   (then open http://127.0.0.1:8000/)"

test: setup  ## run the test suite
	$(BIN)/pytest

$(BIN)/ruff: pyproject.toml $(BIN)/spdocs
	$(BIN)/pip install --quiet -e '.[test,dev]'
	@touch $@

lint: $(BIN)/ruff  ## ruff check, ruff format --check and mypy --strict (developers; not part of test or CI)
	$(BIN)/ruff check src tests && $(BIN)/ruff format --check src tests && $(BIN)/mypy

bench: setup  ## benchmarks: batch documents/s (--jobs 1, 2), memory, docxtpl, PDF, start-up, web app (BENCH_N=750: the ministry-wide batch, about 14,000 documents)
	cd benchmarks && ../$(BIN)/python bench.py
	$(BIN)/python benchmarks/bench_web.py

dist: $(BIN)/spdocs  ## build the wheel (templates and web assets inside) into dist/, for pipx or pip install
	rm -rf dist
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .
	@ls dist/*.whl

clean:  ## remove the virtual environment and outputs
	rm -rf $(VENV) out build dist
