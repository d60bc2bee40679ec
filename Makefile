# Fresh machine (Debian, Python 3.11, make, root) to a built site or a passing suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site serve test test-fast fuzz check schema bench bench-compliance zensical clean browser rates snapshots mutants learned

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## make site: check the playbook, then build the site into site/ (the old site/ stays if anything fails)
site: $(STAMP)
	$(BIN)/playbook check
	rm -rf .build/site-new
	# No --quiet: it hides warnings from --strict, which then builds despite them (MkDocs 1.6).
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir .build/site-new
	rm -rf .build/site-old; if [ -d site ]; then mv site .build/site-old; fi
	mv .build/site-new site
	rm -rf .build/site-old
	@echo "Built site/ (open site/index.html through a web server, e.g. make serve)"

## make serve: live preview on http://127.0.0.1:8000, rebuilt when playbook/ or docs/ change
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/playbook check

schema: $(STAMP)
	$(BIN)/playbook schema

## Debian's chromium for the browser tests (Playwright drives it; no browser download)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

## make test: everything the suite needs, then the whole suite, on every core (a test file per worker at a time)
test: $(TEST_STAMP) browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -n auto --dist loadfile
	# Again with an organisation's template overrides (tests/fixtures/overrides/): hostile text stays inert, copy stays exact.
	PLAYBOOK_TEMPLATE_OVERRIDES=tests/fixtures/overrides NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -n auto --dist loadfile -p no:cacheprovider tests/test_injection.py tests/test_copy_browser.py

## make test-fast: the tests that need no browser and build no whole site, one case in N of each sweep (conftest.py marks them); under 2 minutes on 2 cores
test-fast: $(TEST_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -n auto --dist loadfile -m "not browser and not slow"

## make fuzz: the fuzz tests with five times the cases make test runs (FUZZ_SCALE=N for more; deterministic)
fuzz: $(TEST_STAMP)
	FUZZ_SCALE=$${FUZZ_SCALE:-5} NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

## make zensical: the same site built with Zensical into .build/zensical/site (pages written to disk first)
zensical: $(TEST_STAMP)
	$(BIN)/python scripts/zensical_build.py

## make bench: synthetic playbooks of 10, 100 and 1,000 scenarios; prints and writes docs/benchmarks.md
bench: $(TEST_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/run.py

## make mutants: apply each known bug in tests/mutants/mutants.yaml to a copy and check its tests catch it
## (before merging a change to rendering, checks or scripts; not part of make test)
mutants: $(TEST_STAMP) browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/python tests/mutants/run.py

## make rates: catch and false-alarm rates per batch of test replies (tests/batches/index.yaml),
## training and held-out batches apart, each beside its recorded first run. Information, not a
## gate: it fails only when the rules cannot be loaded. Each kind of rates has its own script here.
rates: $(TEST_STAMP)
	$(BIN)/python tests/compliance_rates.py
	$(BIN)/python tests/triage_rates.py

## make learned: retrain the learned check, the learned danger screen and the learned ranking from the
## training batches (tests/batches/index.yaml), the bundled replies and example posts; writes
## scripts/playbook/learned_check.json and triage/learned_{crisis,ranking}.json (decisions 020, 021)
learned: $(TEST_STAMP)
	$(BIN)/python tools/learned_train.py

## make snapshots: refresh tests/snapshots/ after an intended change to the generated pages (then review git diff)
snapshots: $(TEST_STAMP)
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q tests/test_snapshots.py

## make bench-compliance: playbook check at 1,000 scenarios (and the rules' share), and one draft in Chromium
bench-compliance: $(TEST_STAMP) browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/python bench/compliance_bench.py

clean:
	rm -rf site .build tests/artifacts
