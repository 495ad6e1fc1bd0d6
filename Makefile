# phi-audit: `make run` scans the sample corpus and prints the report; `make test` runs the tests.
# Both set everything up on a fresh machine (Debian packages, a virtualenv, the package and its models).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE_STORE := out/sample.db
SAMPLE_REPORT := out/sample-report.html

.PHONY: run test test-fast lint setup sample clean

run: setup
	@mkdir -p out
	@rm -f $(SAMPLE_STORE) $(SAMPLE_STORE)-wal $(SAMPLE_STORE)-shm
	$(BIN)/phi-audit scan data/sample --store $(SAMPLE_STORE)
	$(BIN)/phi-audit report --store $(SAMPLE_STORE)
	$(BIN)/phi-audit report --store $(SAMPLE_STORE) --format html --out $(SAMPLE_REPORT)
	@echo; echo "== Eval 1 of 2: text and metadata findings, scored against data/sample.labels.jsonl =="
	$(BIN)/phi-audit eval --truth data/sample.labels.jsonl --store $(SAMPLE_STORE)
	@echo; echo "== Eval 2 of 2: burned-in text in images and DICOM frames, scored against data/sample.pixel-labels.jsonl =="
	$(BIN)/phi-audit eval --truth data/sample.pixel-labels.jsonl --store $(SAMPLE_STORE)
	@echo
	@echo "Next:"
	@echo "  open the audit report in a browser:  $(CURDIR)/$(SAMPLE_REPORT)"
	@echo "  open the dashboard:                  $(CURDIR)/$(BIN)/phi-audit dashboard --store $(CURDIR)/$(SAMPLE_STORE)"
	@echo "  every item's verdict as a file:      $(CURDIR)/$(BIN)/phi-audit export --what items --store $(CURDIR)/$(SAMPLE_STORE) --format csv"
	@echo "  (or first '. $(CURDIR)/$(BIN)/activate', then plain 'phi-audit …' works in this shell)"

test: setup
	$(BIN)/pytest -q -n 2 --dist loadfile

# The quick loop while working: no browser, no OCR, nothing marked slow (about 100 s of CPU; 1 min 56 s in one process
# on a quiet machine, so it runs on both cores like make test).
test-fast: setup
	$(BIN)/pytest -q -n 2 --dist loadfile -m "not slow and not browser and not needs_tesseract"

# The gates CI runs: lint, format and types (configured in pyproject.toml; .pre-commit-config.yaml runs the same).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/install-system-deps.sh
	./scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,test,lint]'
	# pycanon (test cross-check of k-anonymity and l-diversity) pins pandas==2.3.3 and numpy==2.0.2; its functions run on ours
	$(BIN)/pip install --quiet --no-deps 'pycanon==1.3.6'
	@touch $@

# Regenerate the committed sample corpus (deterministic).
sample: setup
	$(BIN)/python data/make_sample.py --out data/sample

clean:
	rm -rf out $(VENV)
