# Every target bootstraps .venv on first use, then does its job.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PRESET ?= standard

.PHONY: help setup test check report lab bench clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 10

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) (first run takes a few minutes) ..."
	@$(BIN)/python -m pip install --quiet --upgrade pip 2>/dev/null
	@$(BIN)/python -m pip install --no-warn-script-location -e '.[dev]' > $(VENV)/pip.log 2>&1 \
	  || { tail -n 40 $(VENV)/pip.log; echo "pip install failed: the whole log is $(VENV)/pip.log"; exit 1; }
	@$(BIN)/python -c "import manpower" && touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the project with its dev tools

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest -q

check: $(STAMP)  ## validate data/ against seeds/ and print coverage
	$(BIN)/manpower check

report: $(STAMP)  ## render the report (PRESET=standard) into reports/<name>/
	$(BIN)/manpower render --preset $(PRESET)

lab: $(STAMP)  ## start JupyterLab with the project's kernel
	$(BIN)/python -m ipykernel install --sys-prefix --name manpower --display-name "manpower (project .venv)" >/dev/null
	cd notebooks && ../$(BIN)/jupyter lab

bench: $(STAMP)  ## measure render and validation speed into reports/bench.json
	$(BIN)/manpower bench

clean:  ## remove rendered reports and the chapter cache (keeps .venv)
	rm -rf reports/*/ reports/.cache reports/bench.json
