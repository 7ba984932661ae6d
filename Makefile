# Quickstart targets. Everything runs inside .venv, created on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DO_NOT_TRACK := 1
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test eval bench install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/claimscope run corpus/ --db claims.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest -q

# our annotations + the shared development sets that are present (not polnear_train); prints the scoreboard.
# Per-dataset tables with the worst examples: .venv/bin/claimscope eval FILE...
EVAL_GOLD = $(wildcard annotations/*.jsonl) $(wildcard ../shared/eval/*_dev.jsonl) $(wildcard ../shared/eval/geo_*.jsonl)

eval: $(STAMP)
	$(BIN)/claimscope eval --scoreboard $(EVAL_GOLD)

# make bench BENCH_ARGS="--limit 300" for a quick run; results also in bench-out/bench.json
bench: $(STAMP)
	$(BIN)/python -m pipeline.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .prefect claims.duckdb claims.duckdb.wal
