# Quickstart targets. Everything runs inside .venv, created on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DO_NOT_TRACK := 1
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test eval bench train train-attribution train-attribution-spacy train-places fuzz install clean

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

# our annotations + the shared development sets that are present (not polnear_train); prints the scoreboard
# with the tune and check halves side by side (one pass over each file; check = sha1(doc_id) starts 0-3).
# Per-dataset tables with the worst examples: .venv/bin/claimscope eval FILE... --half tune
SHARED ?= $(or $(CLAIMSCOPE_SHARED),../shared)
EVAL_GOLD = $(wildcard annotations/*.jsonl) $(wildcard $(SHARED)/eval/*_dev.jsonl) $(wildcard $(SHARED)/eval/geo_*.jsonl) \
	$(wildcard $(SHARED)/eval/dates_*.jsonl)

eval: $(STAMP)
	$(BIN)/claimscope eval --scoreboard $(EVAL_GOLD)

# the learned models: `train` retrains every one (each deterministic, seeded, CPU, a few minutes)
# the learned attribution tagger (models/attribution/tagger_v1.npz, MODEL_CARD.md there) from PolNeAR's train split;
# TRAIN_ARGS="--epochs 10 --seed 17"
train-attribution: $(STAMP)
	$(BIN)/python -m pipeline.train attribution --data $(SHARED)/eval/polnear_train.jsonl $(TRAIN_ARGS)

# the spaCy cue tagger, measured against the perceptron's cue stage and NOT shipped (MODEL_CARD.md in
# models/attribution, section "spaCy cue tagger"): trains with `spacy train` from SPACY_CFG into SPACY_OUT, then
# prints the cue table on the tune and check halves of polnear_dev. Not part of `make train`. SPACY_ARGS="--seed 17 --max-steps 2400"
SPACY_CFG ?= models/attribution/cue_spacy_features.cfg
SPACY_OUT ?= .cache/cue_spacy_model
train-attribution-spacy: $(STAMP)
	$(BIN)/python -m pipeline.train attribution-spacy --config $(SPACY_CFG) --out $(SPACY_OUT) \
		--data $(SHARED)/eval/polnear_train.jsonl --dev $(SHARED)/eval/polnear_dev.jsonl $(SPACY_ARGS)
	$(BIN)/python -m pipeline.train attribution-spacy --measure --out $(SPACY_OUT) --dev $(SHARED)/eval/polnear_dev.jsonl

# the learned namesake ranker of places (models/places/ranker.json, MODEL_CARD.md there) from the tune half of
# GeoWebNews and our annotations
train-places: $(STAMP)
	$(BIN)/python -m pipeline.train_places $(SHARED)/eval/geo_gwn.jsonl annotations/seed.jsonl annotations/corpus.jsonl

train: train-attribution train-places

# make bench BENCH_ARGS="--limit 300" for a quick run; results also in bench-out/bench.json
bench: $(STAMP)
	$(BIN)/python -m pipeline.bench $(BENCH_ARGS)

# make fuzz FUZZ_ARGS="--n 2000" for a quick run: generated texts and files through the readers, the extractor and
# the DuckDB write (hypothesis, in process); prints inputs, crashes, inexact spans; exit 1 on any crash or inexact span
fuzz: $(STAMP)
	$(BIN)/python -m pipeline.fuzz $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) .prefect claims.duckdb claims.duckdb.wal
