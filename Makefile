# Entry points: `make demo`, `make test` and `make test-fast`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Test processes for `make test` (pytest-xdist); each module runs in one of
# them, so a module's shared fixture is built once. One more than the two
# cores: tests spend a fifth of their time waiting (on local servers, child
# processes, timers), which a third process fills.
TEST_WORKERS ?= 3

.PHONY: demo test test-fast install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newscrawl --db demo.db demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope

# Everything but the tests marked `crawl` (newscrawl run in other processes)
# and `quality` (the scores on ../shared); in one process, where worker
# start-up would cost more than it saves.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not crawl and not quality"

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
