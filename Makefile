# Two commands do all the set-up: `make demo` and `make test`.
# Both create .venv with the pinned CPU build of torch first (plain `torch`
# would pull a multi-GB CUDA build), then install framing and its dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.framing-installed
DEMO_OUT ?= demo_output
PYTEST_ARGS ?=
# two pytest-xdist workers, one test file each at a time (a file's session fixtures stay in one
# process); PYTEST_WORKERS=0 runs the suite in this process
PYTEST_WORKERS ?= 2

.PHONY: demo test venv bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@# compile UMAP's numba code into framing's cache once, not in the user's first analysis
	HF_HUB_OFFLINE=1 MPLBACKEND=Agg $(BIN)/framing warm
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	MPLBACKEND=Agg HF_HUB_OFFLINE=1 $(BIN)/framing analyze framing/data/sample --out $(DEMO_OUT)
	HF_HUB_OFFLINE=1 $(BIN)/jupyter nbconvert --to html --execute \
		notebooks/01_quickstart.ipynb --output-dir $(DEMO_OUT)
	@echo "Report of the sample corpus: $(DEMO_OUT)/report.html (tables, figures and manifest.json beside it)"
	@echo "Quick-start notebook:        $(DEMO_OUT)/01_quickstart.html"

test: $(STAMP)
	MPLBACKEND=Agg HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) build *.egg-info .pytest_cache
