# The front door. Two commands set up a fresh Debian/Ubuntu machine: `make site`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Values typed on the command line (TITLE="…") reach Python as data: make would expand them
# ($1, $(shell …)) when it exports them, so they are passed only unexpanded, by the targets below.
unexport SLUG TITLE NAME
ifeq ($(origin LANG),command line)
unexport LANG
endif
# The engine that builds the pages: mkdocs (default) or properdocs, its continuation (MAINTAINING.md).
ENGINE ?= mkdocs
export SITE_ENGINE := $(ENGINE)

.PHONY: site test test-quick lint check verify-sheet mirror bench-load serve bench setup setup-test clean status new-guide add-language bench-check bench-leaflets bench-directory

# pip installs uv (pinned in requirements.txt), which installs the pins: 15 s where pip took 36 s.
# Compiled to bytecode as pip does: make exports PYTHONDONTWRITEBYTECODE, so without it every
# process would compile mkdocs, Material and WeasyPrint again (the tests took 50 s longer).
$(VENV)/.installed: requirements.txt
	./scripts/system-packages.sh site
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -m1 '^uv==' requirements.txt)"
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt
	touch $@

setup: $(VENV)/.installed

setup-test: setup node_modules/.installed
	./scripts/system-packages.sh test
	test -d tests/js/node_modules/axe-core || npm ci --prefix tests/js --no-audit --no-fund --silent

# The Nu HTML Checker for the tests (package.json), without its install script: Debian's Java runs it.
node_modules/.installed: package.json package-lock.json
	./scripts/system-packages.sh test
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Build the site, leaflets included, into site/ (never half-written). ENGINE=properdocs: with ProperDocs.
site: setup
	$(PY) -m scripts.build_site

## All tests (strict build, content, browser, leaflets, server), a process per core, the slowest listed.
test: setup-test lint
	$(PY) -m pytest -q -n auto --dist worksteal --durations=15

## Tests that need no build, browser or server (a few seconds): run them while you work.
# worksteal: each process starts on its own half of the list, so a module stays together (3 CPU-s less than --dist load).
test-quick: setup
	$(PY) -m pytest -q -n auto --dist worksteal -m "not build and not browser and not slow"

## Developers' counterpart of `make check`: ruff on the code (pyproject.toml holds its rules).
lint: setup
	$(VENV)/bin/ruff check scripts overrides tests

## Editors' content check, without building: path:line: message (ARGS=--strict: warnings fail too).
check: setup
	$(PY) -m scripts.check $(ARGS)

## Partners: A4 sheet (PDF, Russian) and CSV of directory entries to confirm by phone, in dist/.
## After a call: python -m scripts.record_check <id> --assurer "…" --phone … (see scripts/record_check.py).
verify-sheet: setup
	$(PY) -m scripts.verify_sheet

## Translations: which page is missing, outdated, machine-made or reviewed, per language.
status: setup
	$(PY) -m scripts.translation_status

## Start a guide: make new-guide SLUG=school-meals TITLE="Питание в школе"
## Values reach Python as data, in the environment, unexpanded by make or the shell ($, `, \ stay).
new-guide: export NEW_GUIDE_SLUG := $(value SLUG)
new-guide: export NEW_GUIDE_TITLE := $(value TITLE)
new-guide: setup
	$(PY) -m scripts.new_guide

## Add a language: make add-language LANG=tk NAME=Türkmençe (LANG only as given here, not the locale)
add-language: export NEW_LANGUAGE_CODE := $(if $(filter command line,$(origin LANG)),$(value LANG))
add-language: export NEW_LANGUAGE_NAME := $(value NAME)
add-language: setup
	env LANG=C.UTF-8 LC_ALL=C.UTF-8 $(PY) -m scripts.add_language

## Time of `make check` on the whole repository (median of 7 runs; target under 2 s).
bench-check: setup
	$(PY) -m scripts.bench_check

## Preview while editing: http://127.0.0.1:8000
serve: setup
	$(VENV)/bin/$(ENGINE) serve

## Page-weight benchmark against the stock Material build of the same pages.
bench: setup-test
	$(PY) -m scripts.bench_weight

## Build time with 2,000 synthetic services beside the same build without the directory (target: +50 % at most).
bench-directory: setup
	$(PY) -m scripts.bench_directory

## Time of all leaflets (pages x languages) beside the site build; target 0.2 s per leaflet.
bench-leaflets: setup
	$(PY) -m scripts.bench_leaflets

## Mirror kit for partners in dist/: tar.gz, zip, Kiwix files, SHA256SUMS (deploy/README.md).
## MIRROR_BASE_URL=https://partner.example/ makes the leaflets' QR codes lead to that mirror.
mirror: override export MIRROR_BASE_URL := $(value MIRROR_BASE_URL)
mirror: setup
	$(PY) -m scripts.mirror_bundle

## Load benchmark: the new mirror through the shipped nginx on loopback, 200 clients for 20 s.
bench-load: mirror setup-test
	$(PY) -m scripts.bench_load

clean:
	rm -rf site site.old .site-build-* dist
