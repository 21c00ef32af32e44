# Everything a fresh machine needs, in two commands: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Qt's offscreen platform needs these shared libraries on a bare Debian; xvfb and the
# xcb libraries give a real window for screenshots; LibreOffice checks exported files.
SYSTEM_PACKAGES := libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
	fonts-dejavu-core xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 \
	libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
	libxcb-randr0 libxcb-xfixes0
TEST_SYSTEM_PACKAGES := libreoffice-calc-nogui postgresql

.PHONY: run test lint typecheck system-deps test-system-deps venv clean screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change.
.stamp-venv: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: .stamp-venv

system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test-system-deps: system-deps
	@missing=$$(for p in $(TEST_SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: system-deps venv
	$(BIN)/python main.py

lint: venv
	$(BIN)/ruff check planner ui tests main.py bench
	$(BIN)/mypy

test: test-system-deps venv lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .stamp-venv .pytest_cache .mypy_cache .ruff_cache *.egg-info

# The README's pictures: each view on a fresh demo database, in a real (virtual) window.
VIEWS := programme meetings groups tracker actions committee activities
screenshots: system-deps venv
	rm -rf /tmp/fwp-shots && mkdir -p /tmp/fwp-shots docs/screenshots
	FWP_DATA_DIR=/tmp/fwp-shots $(BIN)/fwp --db /tmp/fwp-shots/demo.db demo
	for view in $(VIEWS); do \
		FWP_DATA_DIR=/tmp/fwp-shots xvfb-run -a -s "-screen 0 1366x768x24" \
			$(BIN)/python main.py --db /tmp/fwp-shots/demo.db \
			--screenshot docs/screenshots/$$view.png --view $$view || exit 1; \
	done

# Performance (issue 8): every figure with its floor, median of five runs; see
# docs/performance.md. Generated databases are cached in /tmp/fwp-bench.
.PHONY: bench bench-quick
bench: system-deps venv
	QT_QPA_PLATFORM=offscreen timeout 1800 $(BIN)/python -m bench.run

bench-quick: system-deps venv
	QT_QPA_PLATFORM=offscreen timeout 600 $(BIN)/python -m bench.run --quick

# Concurrency load test (issue 6): 20 writers, 5,000 edits on the throw-away PostgreSQL
# server; figures in /tmp/fwp-stress.json and docs/concurrency.md. Bounded in time.
.PHONY: stress
stress: test-system-deps venv
	QT_QPA_PLATFORM=offscreen timeout 900 $(BIN)/python -m pytest -q -s -p no:cacheprovider \
		-m stress --timeout=840 tests/stress
