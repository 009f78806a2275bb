# Two commands matter: `make lab` (set up, open the planner notebooks) and `make test`.
# Both need only python3 (>= 3.11) and make; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXTRAS := notebook,export,distributed,test,dev
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
FUZZ_SECONDS ?= 600

.PHONY: install lab app test plan lint benchmark mutants fuzz robustness screenshot clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("matching needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	rm -f $(VENV)/.installed-*
	touch $@

lab: install  ## open JupyterLab on the notebooks (the embedded workbook loads by default)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

app: install  ## the planner as a web page without code (Voilà) at http://localhost:8866
	$(BIN)/voila notebooks/00_app.ipynb --no-browser --token --Voila.ip=127.0.0.1 $(VOILA_FLAGS)

test: install  ## the whole suite: unit, property and notebook tests
	$(BIN)/python -m pytest

plan: install  ## plan the embedded workbook into out/qianjin-2023
	$(BIN)/python -m matching solve data/qianjin-2023 --out out/qianjin-2023

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

benchmark: install  ## solver vs first fit and reference models (minutes; see benchmarks/README.md)
	$(BIN)/python benchmarks/solve.py
	cd benchmarks && ../$(BIN)/python shapes.py
	$(BIN)/python benchmarks/repeatable.py

mutants: install  ## weaken each hard rule in solver and evaluator; which tests kill it
	$(BIN)/python benchmarks/mutants.py

fuzz: install  ## mutated workbooks through the reader for FUZZ_SECONDS (default 600); exit 1 on a crash or hang
	$(BIN)/python benchmarks/fuzz.py --seconds $(FUZZ_SECONDS)

robustness: install  ## the solver on random workbooks of every shape at random limits; exit 1 on a flagged run
	cd benchmarks && ../$(BIN)/python robustness.py

screenshot: install  ## docs/app-1280.png, app-1920.png, voila-1280.png; needs Debian's chromium and fonts-noto-cjk
	$(BIN)/python docs/screenshot.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
