# Two commands set everything up on a fresh machine with Python 3.11:
#   make serve   build the graph from corpus/ (when stale) and serve it
#   make test    run the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8080

# Anything the build reads: when one of these is newer than the store, `make serve` rebuilds.
BUILD_INPUTS := $(shell find corpus ontology graph -type f \( -name '*.txt' -o -name '*.html' -o -name '*.tsv' -o -name '*.ttl' -o -name '*.py' -o -name '*.json' -o -name '*.yaml' -o -name '*.csv' -o -name '*.toml' -o -name '*.json.gz' -o -name '*.java' \) 2>/dev/null)

.PHONY: serve test lint check build install assets bench clean annotator

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp makes the second run fast: reinstall only when the packaging changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The annotator (Stanford CoreNLP, GPL-3.0, run as its own Java process): mvn fetches the
# code and models jars from Maven Central into ~/.m2 and writes their classpath here.
# Needs Java 11+ (17 recommended) and Maven; without them the build runs in degraded mode.
CORENLP_CP := build/corenlp/classpath.txt
$(CORENLP_CP): graph/annotate/pom.xml
	@command -v java >/dev/null 2>&1 || { echo "make: Java not found: the annotator needs a Java 11+ JDK (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
	@command -v mvn >/dev/null 2>&1 || { echo "make: mvn not found: the annotator's jars are fetched with Maven (apt-get install maven)" >&2; exit 1; }
	mkdir -p $(@D)
	mvn -q -B -f graph/annotate/pom.xml dependency:build-classpath -Dmdep.outputFile=$(abspath $@).tmp
	mv $@.tmp $@

# The worker compiled once (without a JDK's javac, Java compiles it at each start instead).
CORENLP_WORKER := build/corenlp/classes/AnnotateWorker.class
$(CORENLP_WORKER): graph/annotate/java/AnnotateWorker.java $(CORENLP_CP)
	@if command -v javac >/dev/null 2>&1; then \
		mkdir -p $(@D) && javac -nowarn -cp "$$(cat $(CORENLP_CP))" -d $(@D) $<; \
	else echo "javac not found: the annotator's worker is compiled at each start"; fi

annotator: $(CORENLP_CP) $(CORENLP_WORKER)

# `make serve` and `make test` set the annotator up first, unless KG_ANNOTATOR says it is
# not wanted (off: rule layer alone; cached: committed fixtures and the cache only).
ANNOTATOR_SETUP := $(if $(filter off cached,$(KG_ANNOTATOR)),,annotator)

$(STORE)/CURRENT: $(BUILD_INPUTS) | $(VENV)/.installed $(ANNOTATOR_SETUP)
	$(BIN)/kg build --corpus corpus --store $(STORE)

build: $(STORE)/CURRENT

serve: $(STORE)/CURRENT assets
	$(BIN)/kg serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(VENV)/.installed assets $(ANNOTATOR_SETUP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check ontology graph server queries tests bench
	$(BIN)/mypy

# The query page's editor (YASGUI), installed with npm from the committed lock file and
# served by the server itself. Without npm the page falls back to a plain form.
YASGUI := server/static/vendor/yasgui/yasgui.min.js
$(YASGUI): server/assets/package.json server/assets/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd server/assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && cd ../.. && \
		mkdir -p server/static/vendor/yasgui && \
		cp server/assets/node_modules/@zazuko/yasgui/build/yasgui.min.js \
		   server/assets/node_modules/@zazuko/yasgui/build/yasgui.min.css server/static/vendor/yasgui/; \
	else echo "npm not found: the query page will offer a plain form (install npm and run make assets)"; fi

# The map's country outlines (world-atlas TopoJSON) and the scripts that draw them
# (d3-geo, topojson-client), from the same lock file: nothing is loaded from elsewhere.
MAPJS := server/static/vendor/map/d3-geo.min.js
$(MAPJS): server/assets/package.json server/assets/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd server/assets && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && cd ../.. && \
		mkdir -p server/static/vendor/map && \
		cp server/assets/node_modules/d3-array/dist/d3-array.min.js \
		   server/assets/node_modules/d3-geo/dist/d3-geo.min.js \
		   server/assets/node_modules/topojson-client/dist/topojson-client.min.js \
		   server/assets/node_modules/world-atlas/countries-50m.json server/static/vendor/map/; \
	else echo "npm not found: the map will show its table only (install npm and run make assets)"; fi

assets: $(YASGUI) $(MAPJS)

# What CI checks besides the tests: the ontology (lint, HermiT, SHACL) over a fresh build.
check: $(VENV)/.installed $(ANNOTATOR_SETUP)
	rm -rf data/ci-store
	$(BIN)/kg build --corpus corpus --store data/ci-store -q
	$(BIN)/kg ontology check --store data/ci-store

bench: $(VENV)/.installed annotator
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
