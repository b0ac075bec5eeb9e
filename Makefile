SHELL := bash
.SHELLFLAGS := -eo pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8001
VENV := .venv
BIN := $(VENV)/bin
DB := militia_news.db
SOURCES := build_db.py $(wildcard militia_news/*.py) $(wildcard militia_news/data/*.yml) $(wildcard seeds/*.txt)

.PHONY: help install build serve test eval candidates dist bench clean

help:
	@echo "make serve   build the db and serve it at http://127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make build   (re)build $(DB) when seeds or code changed"
	@echo "make eval    score the seed and dev builds against their gold, table into README (MISSES=1 lists every miss)"
	@echo "make candidates  list found-but-uncurated names, most frequent first"
	@echo "make bench   build 1x/100x/1000x synthetic corpora and time the build and the served pages"
	@echo "make dist    write the release folder dist/: the db; csv/ and parquet/ (a file per table and view, typed);"
	@echo "             datapackage.json (Frictionless), DATA_DICTIONARY.md, CITATION.cff and SHA256SUMS"
	@echo "make clean   remove the db, the virtualenv and caches"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

build: $(DB)

$(DB): $(SOURCES) $(VENV)/.installed
	$(BIN)/python build_db.py --seeds seeds --out $@

serve: $(DB) metadata.yml
	$(BIN)/python -m militia_news.publish serve $(DB) --port $(PORT)

dist: $(DB)
	$(BIN)/python -m militia_news.publish dist $(DB) dist

# Debian packages the tests use: Chromium for the browser tests, the sqlite3 CLI for README's examples, nginx for
# the caching proxy's tests and make bench (militia_news/deploy/nginx-cache.conf).
SYSTEM_PACKAGES := /usr/bin/chromium /usr/bin/sqlite3 /usr/sbin/nginx
$(SYSTEM_PACKAGES) &:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium sqlite3 nginx

test: $(VENV)/.installed $(SYSTEM_PACKAGES)
	$(BIN)/python -m pytest

DEV_DB := eval/dev.db

$(DEV_DB): $(SOURCES) $(wildcard eval/dev/seeds/*.txt)
	$(BIN)/python build_db.py --seeds eval/dev/seeds --out $@ --quiet

eval: $(DB) $(DEV_DB)
	$(BIN)/python -m militia_news.evaluate --seeds-db $(DB) --dev-db $(DEV_DB) --readme README.md $(if $(MISSES),--misses)

candidates: $(DB)
	$(BIN)/python -m militia_news.candidates $(DB)

bench: $(VENV)/.installed /usr/sbin/nginx
	$(BIN)/python -m militia_news.bench --json-out bench-results.json

clean:
	rm -rf $(DB) $(DEV_DB) .$(DB).cache eval/.dev.db.cache militia_news.inspect.json dist $(VENV) .pytest_cache .hypothesis *.egg-info
