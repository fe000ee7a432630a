# The front door. Two commands set up a fresh Debian/Ubuntu machine: `make site`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test check mirror serve bench setup setup-test clean

$(VENV)/.installed: requirements.txt
	./scripts/system-packages.sh site
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(VENV)/.installed

setup-test: setup
	./scripts/system-packages.sh test

## Build the site, leaflets included, into site/ (never half-written).
site: setup
	$(PY) -m scripts.build_site

## All tests (strict build, content, browser, leaflets, server).
test: setup-test
	$(PY) -m pytest -q

## Editors' content check, without building: path:line: message.
check: setup
	$(PY) -m scripts.check

## Preview while editing: http://127.0.0.1:8000
serve: setup
	$(VENV)/bin/mkdocs serve

## Page-weight benchmark against the stock Material build of the same pages.
bench: setup-test
	$(PY) -m scripts.bench_weight

clean:
	rm -rf site site.old .site-build-* dist
