from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt tests run offscreen unless a test starts its own display (the e2e tests do).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if os.environ.get("OPVOED_BLOCK_QT"):
    # `OPVOED_BLOCK_QT=1 pytest -p no:pytest-qt tests/storage ...`: the headless packages' tests in a
    # process where Qt cannot be imported at all (docs/architecture.md).
    from tests.test_layering import QT_BLOCKER

    exec(QT_BLOCKER)
    # Tests of windows that live beside the headless ones: a Qt PDF oracle, the export dialog and
    # the hub's dialogs.
    collect_ignore = ["documents/test_engine_oracle.py", "export/test_dialog.py", "hub/test_hub_ui.py"]

    def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
        for item in items:
            if "qtbot" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.skip(reason="opens a window: Qt is blocked in this run"))


from opvoed_desktop.content import Library, load_library
from opvoed_desktop.i18n import active, use
from opvoed_desktop.paths import content_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _interface_language_given_back() -> Iterator[None]:
    """The interface language is the process's (docs/architecture.md): a test that switches it gives
    it back itself (`i18n.speaking`, or closing the AppContext that switched it). Not a reset: a
    test that leaves another language behind fails here, named, instead of changing later tests."""
    before = active()
    yield
    left = active()
    if left.locale != before.locale:
        use(before)  # so that only the test that forgot fails
        pytest.fail(f"the test left the interface in {left.locale!r}: use i18n.speaking() or close its AppContext")


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(content_dir())


ContentWriter = Callable[[str, str], Path]


@pytest.fixture
def write_content(tmp_path: Path) -> ContentWriter:
    """Write a content file (dedented) under tmp_path/content and return its path."""
    root = tmp_path / "content"
    root.mkdir()

    def write(name: str, text: str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


PART = """
---
id: deel-1
kind: part
number: 1
order: 10
title: Verkenning
---
Een korte inleiding.
"""

EXERCISE = """
---
id: oefening-x
kind: exercise
order: 10
title: Een proef
part: deel-1
letter: X
minutes: 15
group_form: plenair
group_size: 8–24 deelnemers
materials:
  - flip-over
capture: notes
---
## Doel
Elkaar leren kennen.

## Voorbereiding
- Zet stoelen klaar.

## Stap 1 — Begin (5 min)
Vertel wat we gaan doen.

::: scherm
Welkom
- Fijn dat je er bent
Vraag: Wat wil je vandaag leren?
:::

::: tip
Begin op tijd.
:::

## Stap 2 — Gesprek (10 min)
1. Praat in tweetallen.
2. Deel in de groep.

::: scherm
In tweetallen
:::

## Tips
- Houd het kort.

## Vastleggen
Schrijf op wat opviel.
"""
