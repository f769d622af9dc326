# Every target bootstraps .venv on first use, then does its job.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
PRESET ?= standard
# `make setup UNLOCKED=1`: the newest versions within pyproject.toml's bounds instead of the lock
UNLOCKED ?=
# `make lab LAB_ARGS="--port 9999 --no-browser"`: options passed to `jupyter lab` as they are
LAB_ARGS ?=
# Jupyter refuses to start as root (the normal case in a container) unless told it may
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
PIP := $(BIN)/python -m pip install --no-warn-script-location

.PHONY: help setup test check report lab lock bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 10

# Installs the exact versions in $(LOCK), hashes checked, then the project itself without
# dependencies; registers the "manpower" Jupyter kernel inside .venv; the stamp records how.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) from $(if $(UNLOCKED),the newest versions within pyproject.toml's bounds,$(LOCK)) (first run takes a few minutes) ..."
	@$(BIN)/python -m pip install --quiet --upgrade pip 2>/dev/null
	@{ $(if $(UNLOCKED),$(PIP) -e '.[dev]',$(PIP) --require-hashes -r $(LOCK) && $(PIP) --no-deps -e .) ; } > $(VENV)/pip.log 2>&1 \
	  || { tail -n 40 $(VENV)/pip.log; echo "pip install failed: the whole log is $(VENV)/pip.log"; exit 1; }
	@$(BIN)/python -m manpower.report.environment kernel >> $(VENV)/pip.log 2>&1 \
	  || { tail -n 20 $(VENV)/pip.log; echo "registering the Jupyter kernel failed: see $(VENV)/pip.log"; exit 1; }
	@$(BIN)/python -m manpower.report.environment stamp $(if $(UNLOCKED),unlocked,locked) > $(STAMP)

setup:  ## create .venv from requirements.lock (UNLOCKED=1: newest within the bounds)
	@$(if $(UNLOCKED),rm -f $(STAMP),grep -qs '^locked' $(STAMP) || rm -f $(STAMP))
	@$(MAKE) --no-print-directory $(STAMP)

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

check: $(STAMP)  ## validate data/ against seeds/ and print coverage
	$(BIN)/manpower check

report: $(STAMP)  ## render the report (PRESET=standard) into reports/<name>/
	$(BIN)/manpower render --preset $(PRESET)

lab: $(STAMP)  ## JupyterLab in notebooks/ on the project's kernel (LAB_ARGS="--port 9999 --no-browser")
	@$(BIN)/python -m manpower.report.environment kernel
	cd notebooks && exec ../$(BIN)/jupyter lab $(ALLOW_ROOT) $(LAB_ARGS)

lock:  ## refresh requirements.lock: the newest versions within pyproject.toml's bounds (uv, into .venv)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/uv --version >/dev/null 2>&1 || $(PIP) --quiet 'uv>=0.5'
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --upgrade \
	  --generate-hashes --custom-compile-command 'make lock' --quiet -o $(LOCK)
	@echo "$(LOCK) refreshed; 'make setup' installs it"

bench: $(STAMP)  ## measure render and validation speed into reports/bench.json
	$(BIN)/manpower bench

clean:  ## remove rendered reports and the chapter cache (keeps .venv)
	rm -rf reports/*/ reports/.cache reports/bench.json
