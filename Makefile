# The two commands of README.md: `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench pot catalogs bundle clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m opvoed_desktop $(ARGS)

test: $(STAMP)
	$(PY) -m ruff check opvoed_desktop tests benchmarks
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

pot: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 --no-location --sort-output \
		--project opvoed-desktop -o translations/ui.pot .
	$(VENV)/bin/pybabel extract -F babel-content.cfg --sort-by-file --project opvoed-desktop \
		-o translations/content.pot .

# After `make pot`: bring every language's catalogs up to date with the new templates.
catalogs: pot
	$(VENV)/bin/pybabel update -D content -i translations/content.pot -d translations --width 100 --ignore-obsolete

# A one-folder application in dist/opvoed-desktop/ and a tar.gz of it (see docs/packaging.md).
bundle: $(STAMP)
	rm -rf dist/opvoed-desktop
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/opvoed-desktop.spec
	tar -C dist -czf dist/opvoed-desktop-$$($(PY) -c 'import opvoed_desktop; print(opvoed_desktop.__version__)')-linux-$$(uname -m).tar.gz opvoed-desktop
	du -sh dist/opvoed-desktop dist/opvoed-desktop-*.tar.gz

clean:
	rm -rf $(VENV) build dist *.egg-info
