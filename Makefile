# phi-audit: `make run` scans the sample corpus and prints the report; `make test` runs the tests.
# Both set everything up on a fresh machine (Debian packages, a virtualenv, the package and its models).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE_STORE := out/sample.db

.PHONY: run test setup sample clean

run: setup
	@mkdir -p out
	@rm -f $(SAMPLE_STORE) $(SAMPLE_STORE)-wal $(SAMPLE_STORE)-shm
	$(BIN)/phi-audit scan data/sample --store $(SAMPLE_STORE)
	$(BIN)/phi-audit report --store $(SAMPLE_STORE)
	$(BIN)/phi-audit eval --truth data/sample.labels.jsonl --store $(SAMPLE_STORE)
	$(BIN)/phi-audit eval --truth data/sample.pixel-labels.jsonl --store $(SAMPLE_STORE)

test: setup
	$(BIN)/pytest -q

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/install-system-deps.sh
	./scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask,serve]'
	@touch $@

# Regenerate the committed sample corpus (deterministic).
sample: setup
	$(BIN)/python data/make_sample.py --out data/sample

clean:
	rm -rf out $(VENV)
