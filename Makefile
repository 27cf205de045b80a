# marsad — two commands on a fresh machine:
#   make run    create .venv, install, run the demo on the bundled sample corpus into the default store
#               ($MARSAD_DB, else the user's data directory), then serve it
#   make test   install what the tests need and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
MARSAD := $(VENV)/bin/marsad

.PHONY: run demo serve test install install-test chromium postgres eval bench gazetteer clean docs

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium postgres

# Debian's Chromium for the end-to-end browser tests (Playwright drives it; no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's PostgreSQL for the store tests on the second back-end (the tests start their own server
# as the unprivileged postgres user in a temporary directory; no server is left running).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "installing Debian postgresql for the PostgreSQL store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# No --db: the demo fills the one default store, so `marsad events` and `marsad serve` show it next.
demo: install
	$(MARSAD) demo --out out

run: demo
	$(MARSAD) serve

test: install-test
	$(VENV)/bin/pytest -q

REAL_CACHE ?= $(HOME)/.cache/marsad-real

eval: install
	$(MARSAD) eval ../shared/gold ../shared/seeds --out out/eval-seeds.jsonl
	$(MARSAD) eval src/marsad/samples/gold src/marsad/samples --scorer ../shared/eval/score.py --out out/eval-samples.jsonl
	$(MARSAD) eval benchmarks/eval_sets/set1/gold benchmarks/eval_sets/set1/reports --scorer ../shared/eval/score.py --out out/eval-set1.jsonl
	$(PY) scripts/eval_dedup.py
	@mkdir -p out; if ls "$(REAL_CACHE)"/*.txt >/dev/null 2>&1; then \
	  $(PY) ../shared/real/to_jsonl.py --cache "$(REAL_CACHE)" > out/real.jsonl && \
	  $(MARSAD) eval ../shared/real/gold out/real.jsonl --scorer ../shared/eval/score.py \
	    --split benchmarks/real/split.json --out out/eval-real.jsonl; \
	else echo "real set: no cache in $(REAL_CACHE); re-create it as ../shared/real/RECREATE.md says," \
	  "then run: REAL_CACHE=DIR make eval"; fi

bench: install
	$(PY) benchmarks/run_all.py

gazetteer: install
	$(PY) scripts/build_gazetteer.py

# The API reference from the docstrings (pdoc), into out/api-docs/ (the test suite builds it too).
docs: install-test
	$(PY) -m pdoc --docformat google -o out/api-docs marsad marsad.library marsad.document marsad.pipeline \
	  marsad.errors marsad.runner marsad.ingest marsad.text marsad.geo marsad.dedup marsad.store marsad.export marsad.api

clean:
	rm -rf $(VENV) out .pytest_cache

# --- dashboard and API (issue 6) ---
.PHONY: web-vendor basemap bench-api
# Re-vendor Leaflet + markercluster from npm into src/marsad/web/vendor/ (output committed; needs npm).
web-vendor:
	cd frontend && npm ci --no-audit --no-fund && npm run vendor

# Rebuild the dashboard's offline basemap from ../shared/data/gazetteer (output committed; shapely for this only).
basemap: install
	$(PIP) install --quiet "shapely>=2,<3"
	$(PY) scripts/build_basemap.py

bench-api: install
	$(PY) benchmarks/bench_api.py
