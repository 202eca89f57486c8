# The two commands of README.md: `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench pot catalogs clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
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

clean:
	rm -rf $(VENV) build *.egg-info
