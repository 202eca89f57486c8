# The two commands of README.md: `make run` and `make test`. Both create .venv when it is missing and
# install exactly the set of packages in uv.lock (uv itself comes from PyPI through pip, pinned).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# Never a Python build or a package from anywhere but PyPI (also set in pyproject's [tool.uv]).
export UV_PYTHON_DOWNLOADS := never
STAMP := $(VENV)/.synced-$(shell cat pyproject.toml uv.lock 2>/dev/null | cksum | cut -d' ' -f1)
# Everything the lock holds for this machine, nothing else; `--locked` refuses a lock that no longer
# matches pyproject.toml instead of quietly resolving again.
SYNC := $(UV) sync --locked --all-extras --python $(PY)
# The headless tier for everyday work, under a minute: no windows, no bundle or wheel build, none
# of the tests that start the whole app or hold locks across processes (`make test` runs them all).
QUICK := -n auto -m "not e2e and not slow" --ignore=tests/ui --ignore=tests/e2e --ignore=tests/packaging \
	--ignore=tests/test_self_test.py --ignore=tests/storage/test_lock_and_permissions.py

.PHONY: run test test-quick lint typecheck imports lock-check upgrade bench pot catalogs mo bundle clean mutate

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(SYNC)
	rm -f $(VENV)/.synced-* $(VENV)/.installed-*
	touch $(STAMP)

# The compiled catalogs the app reads (a .po without its .mo is parsed at run time, only slower).
MO := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/*.po))

mo: $(MO)

translations/%.mo: translations/%.po | $(STAMP)
	$(PY) packaging/compile_catalogs.py $<

run: $(STAMP) $(MO)
	$(PY) -m opvoed_desktop $(ARGS)

# CI's gate: the lock matches pyproject, ruff, mypy, the import contracts, then every test.
test: lock-check lint typecheck imports $(MO)
	$(PY) -m pytest $(PYTEST_ARGS)

test-quick: lint
	$(PY) -m pytest -q $(QUICK) $(PYTEST_ARGS)

lock-check: $(STAMP)
	$(UV) lock --check || { echo "uv.lock does not match pyproject.toml: run 'make upgrade' (or '$(UV) lock') and commit uv.lock" >&2; exit 1; }

lint: $(STAMP)
	$(PY) -m ruff check opvoed_desktop tests benchmarks tools

# Every package outside ui/ (configured in pyproject's [tool.mypy]).
typecheck: $(STAMP)
	$(PY) -m mypy

# The one-way layers of docs/architecture.md, as contracts in pyproject's [tool.importlinter].
imports: $(STAMP)
	$(VENV)/bin/lint-imports --no-cache

# The newest versions pyproject.toml allows: a new uv.lock, installed, then the whole test suite.
upgrade: | $(UV)
	$(UV) lock --upgrade
	$(SYNC)
	$(MAKE) test

# Mutation testing of the core (docs/testing.md); not part of `make test`, but its recorded scores
# are (tests/test_mutation_scores.py). `make mutate MODULES="fileio storage.lock"` runs a subset;
# CHILDREN mutants at a time (default 1: the cores are shared).
MODULES ?=
CHILDREN ?= 1
mutate: $(STAMP) $(MO)
	$(PY) tools/mutate.py --children $(CHILDREN) $(MODULES)

bench: $(STAMP) $(MO)
	$(PY) benchmarks/run_all.py

pot: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 -k pgettext:1c,2 --no-location --sort-output \
		--project opvoed-desktop -o translations/ui.pot .
	$(VENV)/bin/pybabel extract -F babel-content.cfg -k printed --sort-by-file --project opvoed-desktop \
		-o translations/content.pot .

# After `make pot`: bring every language's catalogs up to date with the new templates.
catalogs: pot
	$(VENV)/bin/pybabel update -D content -i translations/content.pot -d translations --width 100 --ignore-obsolete

# A one-folder application in dist/opvoed-desktop/ and a tar.gz of it (see docs/packaging.md).
bundle: $(STAMP) $(MO)
	rm -rf dist/opvoed-desktop
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/opvoed-desktop.spec
	tar -C dist -czf dist/opvoed-desktop-$$($(PY) -c 'import opvoed_desktop; print(opvoed_desktop.__version__)')-linux-$$(uname -m).tar.gz opvoed-desktop
	du -sh dist/opvoed-desktop dist/opvoed-desktop-*.tar.gz

clean:
	rm -rf $(VENV) build dist *.egg-info
