# Two commands: `make run` to use the app, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run serve test lint format bench browser nginx plotly-bundle axe-core demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

# asgi.py runs app.py, answering only the hosts it is served on (hosting/allowed_hosts.py).
run: $(VENV)/.run-deps plotly-bundle
	$(BIN)/streamlit run asgi.py --server.port $(PORT)

# For a group: nginx in front of one Streamlit worker per CPU (hosting/__init__.py).
# ADDRESS=0.0.0.0 to let other machines in: it needs sign-in on ([auth] in secrets.toml)
# and TLS in front (see README). ALLOW_UNAUTHENTICATED=1 only behind your own sign-in proxy.
ADDRESS ?= 127.0.0.1
serve: $(VENV)/.run-deps nginx plotly-bundle
	$(BIN)/python -m hosting --address $(ADDRESS) --port $(PORT) \
		$(if $(filter 1 yes true,$(ALLOW_UNAUTHENTICATED)),--i-have-my-own-auth)

# Browser tests need Debian's chromium; install it when we can (root), else say how.
# The emoji font is only so that screenshots show the app's emoji instead of empty boxes;
# poppler-utils (pdftoppm) checks the pages of the printed report.
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
browser:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	[ -e $(EMOJI_FONT) ] || missing="$$missing fonts-noto-color-emoji"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing$$missing for the browser tests..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
			|| echo "Could not install$$missing; browser tests will say so."; \
		elif [ ! -x /usr/bin/chromium ]; then \
			echo "Browser tests need chromium: run 'sudo apt-get install chromium fonts-noto-color-emoji poppler-utils'."; \
		fi; \
	fi

# plotly.js with only the traces the app draws (1.2 MB instead of 4.7 MB) for the charts
# and reports: built with npm and esbuild from plotly-js/ (its lock pins every package's
# sha512; tracker/plotly_bundle.py), never committed. Without npm the full bundle from the
# plotly wheel is used instead. Rebuilt when plotly-js/ changes.
PLOTLY_BUNDLE := vendor/plotly-partial-4.1.1.min.js
plotly-bundle: $(PLOTLY_BUNDLE)
$(PLOTLY_BUNDLE): plotly-js/package-lock.json plotly-js/index.js | $(VENV)/.run-deps
	@$(BIN)/python -m tracker.plotly_bundle build

# axe-core, the accessibility checker the browser tests inject: fetched with npm and
# checked against its pinned sha512 (tests/browser/axe_core.py), never committed.
AXE_CORE := vendor/axe-core-4.14.1.min.js
axe-core: $(AXE_CORE)
$(AXE_CORE): | $(BIN)/python
	@$(BIN)/python -m tests.browser.axe_core fetch

# Group hosting (make serve) and its test need Debian's nginx: installed like chromium.
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing nginx for group hosting..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) \
			|| echo "Could not install nginx; the hosting test will say so."; \
		else \
			echo "Group hosting needs nginx: run 'sudo apt-get install nginx'."; \
		fi; \
	fi

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# pytest exits 5 when a selection holds no tests: that is not a failure.
test: $(VENV)/.dev-deps browser nginx plotly-bundle axe-core lint
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then exit 0; fi; exit $$rc

bench: $(VENV)/.dev-deps browser nginx plotly-bundle
	$(BIN)/python -m bench

demo: $(VENV)/.run-deps
	$(BIN)/python -m tracker demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
