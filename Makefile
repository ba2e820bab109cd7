# Every target sets up what it needs first; a fresh clone needs only python3, node and npm.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
SETUP_STAMP := $(VENV)/.setup-done
NODE_STAMP := node_modules/.setup-done

.PHONY: setup tmux regenerate check test demo lint bench clean

setup: $(SETUP_STAMP) $(NODE_STAMP) tmux

# The terminal tests drive the CLI on a real pseudo-terminal through tmux (Debian's package).
tmux:
	@command -v tmux >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux) >/dev/null; \
	  else echo "tmux is missing: install it (e.g. sudo apt-get install tmux) for the terminal tests" >&2; fi; }

$(SETUP_STAMP): pyproject.toml requirements.lock generated/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c requirements.lock -e '.[test]' -e ./generated
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# UPSTREAM=path/to/authlete-spec.yaml regenerates from Authlete's own spec through our overlay
# (specs/overlays/authlete-cli.yaml) instead of specs/authlete.yaml.
OVERLAY := specs/overlays/authlete-cli.yaml
SPEC_ARGS := $(if $(UPSTREAM),--spec $(UPSTREAM) --overlay $(OVERLAY),)

# With UPSTREAM, first say what the new upstream changes for users (compatible or breaking).
regenerate: setup
	$(if $(UPSTREAM),-$(PY) -m generator diff generated $(UPSTREAM) --new-overlay $(OVERLAY))
	$(PY) -m generator generate $(SPEC_ARGS)

check: setup
	$(PY) -m generator check $(SPEC_ARGS)

# No generation server (generator/daemon.py) outlives a test run: CI leaves no process behind.
test: export AUTHLETE_CODEGEN_DAEMON = 0
test: setup
	$(PY) -m generator check
	$(PY) -m pytest

demo: setup
	$(PY) scripts/demo.py

lint: export AUTHLETE_CODEGEN_DAEMON = 0
lint: setup
	$(PY) -m generator validate
	$(PY) -m ruff check generator tests scripts templates/runtime
	$(PY) -m black --check -q generator tests scripts
	$(PY) -m black --check -q -l 100 -t py310 templates/runtime
	$(PY) -m mypy generator

# The bench compares against openapi-python-client, installed only here, never by setup or test.
BENCH_VENV := .bench/venv
BENCH_STAMP := $(BENCH_VENV)/.setup-done
BENCH_OPC := openapi-python-client==0.29.1
UPSTREAM ?=

$(BENCH_STAMP):
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip --disable-pip-version-check install -q '$(BENCH_OPC)'
	touch $@

bench: setup $(BENCH_STAMP)
	$(PY) scripts/bench.py $(if $(UPSTREAM),--upstream '$(UPSTREAM)')

clean:
	rm -rf $(VENV) node_modules .pytest_cache .cache .bench
