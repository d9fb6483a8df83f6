# Two commands: `make run` to use the app, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format bench browser demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Browser tests need Debian's chromium; install it when we can (root), else say how.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian's chromium for the browser tests..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Could not install chromium; browser tests will say so."; \
		else \
			echo "Browser tests need chromium: run 'sudo apt-get install chromium'."; \
		fi; \
	fi

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# pytest exits 5 when a selection holds no tests: that is not a failure.
test: $(VENV)/.dev-deps browser lint
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then exit 0; fi; exit $$rc

bench: $(VENV)/.dev-deps browser
	$(BIN)/python -m bench

demo: $(VENV)/.run-deps
	$(BIN)/python -m tracker demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
