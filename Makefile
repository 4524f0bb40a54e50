# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/ministers-meet.txt
EXAMPLE_DATE ?= 2025-08-20

.PHONY: run test lint eval bench bench-web readme chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/tacitus code $(EXAMPLE) --date $(EXAMPLE_DATE) --format table

test: $(VENV)/.installed-test chromium
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

eval: $(VENV)/.installed
	$(BIN)/tacitus eval ../shared/eval/dev/*.jsonl eval/same-happening.jsonl --write docs/evaluation.md

bench: $(VENV)/.installed
	$(BIN)/python bench/throughput.py

bench-web: $(VENV)/.installed-test
	$(BIN)/python bench/web_pages.py

# The browser tests drive Debian's chromium (apt); installed here where it is missing.
chromium:
	@bash scripts/install_chromium.sh

# Run every console session in README.md and write its real output into it (CONTRIBUTING.md).
readme: $(VENV)/.installed
	$(BIN)/python scripts/readme.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
