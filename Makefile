# Two set-up commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# torch 2.13.0 is a CPU build that lies on these machines' disk (/opt/wheels); any other
# version pulls gigabytes of CUDA libraries. It is installed before openai-whisper so that
# openai-whisper's own `torch` requirement is already met.
TORCH  := torch==2.13.0
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
DEMO_OUT := demo-out

.PHONY: setup demo test test-fast bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel
	$(BIN)/pip install --quiet $(FIND_LINKS) $(TORCH)
	$(BIN)/pip install --quiet $(FIND_LINKS) -e '.[openai,cluster,test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/callscore score samples/audio --manifest samples/manifest.csv -o $(DEMO_OUT)/scores
	$(BIN)/callscore metrics $(DEMO_OUT)/scores/scores.csv --by rep --period week -o $(DEMO_OUT)/metrics
	$(BIN)/callscore report $(DEMO_OUT)/scores --scores $(DEMO_OUT)/scores/scores.csv -o $(DEMO_OUT)/report
	@echo
	@echo "Results in $(DEMO_OUT)/: scores/ (score files, scores.csv), metrics/metrics.html, report/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The quick loop: everything but the tests that run a real Whisper model on real audio.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/bench_throughput.py
	$(BIN)/python bench/bench_single.py
	$(BIN)/python bench/bench_transcribe.py --engines faster-whisper
	$(BIN)/python bench/bench_features.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_batch.py --long-call 120
	$(BIN)/python bench/bench_diarize.py
	$(BIN)/python bench/bench_redact.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache
