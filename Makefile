# Every target sets up .venv itself: on a fresh machine `make run` and `make test` are enough.
# Everything is installed from the lock files in requirements/ (exact versions with hashes), so a
# release upstream never changes what `make test` runs; `make lock` refreshes them on purpose and
# `make test-latest` tries the newest versions that pyproject.toml allows.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_APP := requirements/app.lock
LOCK_DEV := requirements/dev.lock
LOCK_PACKAGE := requirements/package.lock
VENV_PACKAGE := .venv-package
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
UV_VERSION := 0.13.9
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
# --no-deps: the lock is complete; hatchling and editables come from it, not from the index.
PIP_LOCKED = $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
PIP_SELF = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .

.PHONY: run test test-crash checks test-latest lock lint typecheck pytest bench screenshots guide-images i18n \
	clean package package-bare package-test

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

# Not in CI (several minutes): 50 kills of the app while it writes; `make test` runs 5.
# CRASH_ARGS="--seed N" repeats a run's kill moments.
test-crash: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.crash.harness --runs 50 $(CRASH_ARGS)

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
	.venv-lock/bin/uv pip compile pyproject.toml requirements/build.in requirements/package.in -c $(LOCK_APP) --universal --python-version 3.11 --generate-hashes --quiet -o $(LOCK_PACKAGE)

# The packaged app (PyInstaller, one folder) in its own environment made from package.lock: the
# app's dependencies at app.lock's versions plus PyInstaller. fieldkit itself is installed from the
# checkout, not editable, each time (a few seconds), so the package is what the checkout holds.
$(VENV_PACKAGE)/.installed: $(LOCK_PACKAGE) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fieldkit needs Python 3.11 or newer")'
	test -x $(VENV_PACKAGE)/bin/python || $(PYTHON) -m venv $(VENV_PACKAGE)
	$(VENV_PACKAGE)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK_PACKAGE)
	@touch $@

# Rebuilt when anything it is made from changed; `make package` then does nothing else.
PACKAGE_INPUTS := $(shell find src resources translations packaging -type f -not -path '*/__pycache__/*') \
	pyproject.toml $(LOCK_PACKAGE)

dist/fieldkit/fieldkit: $(VENV_PACKAGE)/.installed $(PACKAGE_INPUTS)
	$(VENV_PACKAGE)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall .
	rm -rf build/package dist/fieldkit
	# Its cache in the checkout, not in the user's home: two checkouts building at once stay apart.
	PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-cache \
	$(VENV_PACKAGE)/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--workpath build/package --distpath dist packaging/fieldkit.spec
	$(VENV_PACKAGE)/bin/python packaging/make_tarball.py dist/fieldkit $(VERSION)
	@du -sm dist/fieldkit

package: dist/fieldkit/fieldkit

# The floor of the bench's start_packaged: a bare PySide6 window built by the same spec.
dist/bare/bare: $(VENV_PACKAGE)/.installed packaging/fieldkit.spec packaging/icu_data.py packaging/bare_main.py
	rm -rf build/bare dist/bare
	PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-cache-bare \
	$(VENV_PACKAGE)/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
		--workpath build/bare --distpath dist packaging/fieldkit.spec -- --bare

package-bare: dist/bare/bare

# The packaged app, run as a facilitator runs it: each command gets only PATH=/usr/bin:/bin and an
# empty HOME (no virtual environment, no Python of ours); the script needs the standard library.
package-test: dist/fieldkit/fieldkit
	env -i PATH=/usr/bin:/bin python3 packaging/smoke_test.py dist/fieldkit

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m fieldkit.gui.shell.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m fieldkit.gui.shell.screenshots docs/screenshots --language fr
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m fieldkit.gui.shell.screenshots docs/screenshots --language es

# The pictures of the user guide (resources/guide/images/<lang>/), from the screenshots of each language.
guide-images: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/guide_images.py

i18n: $(VENV)/.installed-test
	$(BIN)/python tools/i18n.py update

clean:
	rm -rf $(VENV) .venv-latest .venv-lock $(VENV_PACKAGE) build dist .mypy_cache .ruff_cache
