# Every target sets up .venv itself: on a fresh machine `make run` and `make test` are enough.
# Everything is installed from the lock files in requirements/ (exact versions with hashes), so a
# release upstream never changes what `make test` runs; `make lock` refreshes them on purpose and
# `make test-latest` tries the newest versions that pyproject.toml allows.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_APP := requirements/app.lock
LOCK_DEV := requirements/dev.lock
UV_VERSION := 0.13.9
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
# --no-deps: the lock is complete; hatchling and editables come from it, not from the index.
PIP_LOCKED = $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
PIP_SELF = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .

.PHONY: run test checks test-latest lock lint typecheck pytest bench screenshots guide-images i18n clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fieldkit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: $(LOCK_APP) pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r $(LOCK_APP)
	$(PIP_SELF)
	@touch $@

$(VENV)/.installed-test: $(LOCK_DEV) pyproject.toml | $(BIN)/python
	$(PIP_LOCKED) -r $(LOCK_DEV)
	$(PIP_SELF)
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/fieldkit

test: $(VENV)/.installed-test
	$(MAKE) --no-print-directory checks BIN=$(BIN)

# The checks themselves, for whichever environment BIN names.
checks:
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

# Not in CI: the newest releases that pyproject.toml's ranges allow, in a separate environment,
# so that an upstream break is seen on purpose before `make lock` takes it in.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[test]'
	$(MAKE) --no-print-directory checks BIN=.venv-latest/bin

# Refresh the locks on purpose: the newest versions within pyproject.toml's ranges, for every
# platform (the Windows and macOS builds install from the same files), with hashes.
lock:
	test -x .venv-lock/bin/uv || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet uv==$(UV_VERSION))
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in --universal --python-version 3.11 --generate-hashes --quiet -o $(LOCK_APP)
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in --extra test --universal --python-version 3.11 --generate-hashes --quiet -o $(LOCK_DEV)

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m fieldkit.gui.shell.screenshots docs/screenshots

# The pictures of the user guide (resources/guide/images/<lang>/), from the screenshots of each language.
guide-images: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/guide_images.py

i18n: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py update

clean:
	rm -rf $(VENV) .venv-latest .venv-lock build dist .mypy_cache .ruff_cache
