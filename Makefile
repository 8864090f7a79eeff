# Everything a fresh machine needs: `make run` opens the reader on seeds/, `make test` runs all checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.byline-installed
# byline is installed in strict editable mode (mypy and import-linter need it);
# that mode must be redone when a module is added or removed, so the install
# depends on the list of files, not on their contents (and on this Makefile, so a
# changed install recipe, such as the bytecode step, reaches existing checkouts).
LISTING := $(VENV)/.byline-files
$(shell mkdir -p $(VENV) && find index reader seeds -type f \( -name '*.py' -o -name '*.txt' -o -name '*.tcss' \) 2>/dev/null | sort | cmp -s - $(LISTING) || find index reader seeds -type f \( -name '*.py' -o -name '*.txt' -o -name '*.tcss' \) | sort > $(LISTING))

.PHONY: run test lint pytest install clean

run: $(STAMP)
	$(BIN)/byline

test: lint pytest

lint: $(STAMP)
	$(BIN)/ruff check index reader tests benchmarks
	$(BIN)/ruff format --check index reader tests benchmarks
	$(BIN)/mypy -p byline.index -p byline.reader
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): pyproject.toml Makefile $(LISTING)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "byline needs Python 3.11 or newer: run make PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]' --config-settings editable_mode=strict
	@# pip compiles the bytecode of what it installs, but not of an editable link tree: without
	@# it (and with PYTHONDONTWRITEBYTECODE set) every launch compiles byline from source again.
	$(BIN)/python -m compileall -q $$($(BIN)/python -c 'import byline.index as m, pathlib; print(pathlib.Path(m.__file__).parents[1])')
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
