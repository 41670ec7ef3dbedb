# Balance Your Bobbies - every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
BASE_PYTHON := $(or $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python3),$(shell command -v python3.13))
TOOLS := .tools
UV := $(TOOLS)/uv/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
SAM := $(TOOLS)/sam/bin/sam
CFN_LINT := $(TOOLS)/sam/bin/cfn-lint
# checkov pins older boto3 and pytest than ours: its own environment, from the same lock.
CHECKOV_VENV := .venv-checkov

# A region for sam; the local tools and tests set their own dummy credentials (local/aws.py).
export AWS_DEFAULT_REGION ?= eu-west-2
export SAM_CLI_TELEMETRY := 0
export UV_PYTHON := $(BASE_PYTHON)
export UV_LINK_MODE := copy

.PHONY: help setup browser run test lint typecheck template security unit integration e2e build seed nightly inbox reset invoke replay requirements bench sms console-config

help:
	@echo "make run    - the whole system on http://127.0.0.1:$${PORT:-3000} (moto server, API, page, stream, schedule)"
	@echo "make test   - lint, type checks, template checks (sam, cfn-lint, checkov: make security) and every test"
	@echo "make nightly [AT=2027-01-31T02:00:00Z] | make inbox | make sms | make reset | make seed"
	@echo "BOBBIES_VERIFICATION=0 make run - anonymous voting (no SMS codes), as VoterVerification=off"
	@echo "make replay - stream batches the aggregator gave up on, applied again"
	@echo "make invoke FN=ApiFunction EVENT=events/api_list_areas.json | make build"
	@echo "make console-config STACK=<stack> - the police console's config.json for a deployed stack"
	@echo "make bench  - the benchmarks: a table and bench/results.json (BENCH_QUICK=1 for small sizes)"

$(UV):
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (pyenv install $(PYTHON_VERSION))"; exit 1; }
	$(BASE_PYTHON) -m venv $(TOOLS)/uv
	$(TOOLS)/uv/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --quiet
	@touch $@

$(SAM): $(UV) sam-requirements.txt
	$(UV) venv --quiet --allow-existing $(TOOLS)/sam
	$(UV) pip install --quiet --python $(TOOLS)/sam/bin/python -r sam-requirements.txt
	@touch $@

setup: $(VENV)/.synced

$(CHECKOV_VENV)/.synced: $(UV) uv.lock pyproject.toml
	UV_PROJECT_ENVIRONMENT=$(CHECKOV_VENV) $(UV) sync --frozen --quiet --no-default-groups --group checkov
	@touch $@

# Debian's Chromium for the browser tests (Playwright's own download cannot work offline).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

run: setup
	$(PY) -m local.run

seed: setup
	$(PY) -m local.seed

nightly: setup
	$(PY) -m local.nightly $(if $(AT),--at $(AT))

inbox: setup
	@$(PY) -m local.inbox

sms: setup
	@$(PY) -m local.sms

reset: setup
	$(PY) -m local.reset

invoke: setup
	$(PY) -m local.invoke $(FN) $(EVENT)

replay: setup
	$(PY) -m local.replay

# The police console's web/police/config.json for a deployed stack (its user pool and app client).
console-config: setup
	@test -n "$(STACK)" || { echo "make console-config STACK=<deployed stack name> [REGION=...]"; exit 2; }
	$(PY) -m local.console_config $(STACK) $(if $(REGION),--region $(REGION))

# Takes several minutes (100,000 ballots into moto); BENCH_QUICK=1 for small sizes.
bench: setup
	PYTHONPATH=layers/common/python $(PY) -m bench

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy layers/common/python functions local tests bench

template: $(SAM)
	$(SAM) validate --lint
	$(CFN_LINT) template.yaml edge/web-acl.yaml

# checkov on both templates; skips and their reasons: .checkov.yaml and each resource's Metadata.
security: $(CHECKOV_VENV)/.synced
	$(CHECKOV_VENV)/bin/checkov --config-file .checkov.yaml -f template.yaml -f edge/web-acl.yaml

unit: setup
	$(PY) -m pytest tests/unit -q

integration: setup
	$(PY) -m pytest tests/integration -q

e2e: setup browser
	$(PY) -m pytest tests/e2e -q

test: setup browser lint typecheck template security
	$(PY) -m pytest -q

requirements: $(UV)
	$(UV) export --frozen --no-dev --no-hashes --no-emit-project --quiet -o layers/common/requirements.txt

build: $(SAM) requirements
	PATH="$(dir $(BASE_PYTHON)):$$PATH" $(SAM) build
