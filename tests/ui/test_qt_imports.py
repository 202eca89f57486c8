"""PySide6's check of later imports keeps no source text, and answers as PySide6's own check does."""

from __future__ import annotations

import inspect
import linecache
import sys
from pathlib import Path
from types import ModuleType

import pytest

import opvoed_desktop.ui
from opvoed_desktop.ui.qt_imports import mentions_pyside

feature = pytest.importorskip("shibokensupport.feature")


def pyside_own_answer(module: ModuleType) -> bool:
    """What PySide6 6.11's `_mod_uses_pyside` answers (the oracle): inspect.getsource, caught."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_check_is_ours() -> None:
    assert feature._mod_uses_pyside is mentions_pyside


def test_same_answer_as_pyside_for_every_loaded_module() -> None:
    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    assert len(modules) > 200
    differ = [m.__name__ for m in modules if mentions_pyside(m) != pyside_own_answer(m)]
    linecache.clearcache()  # the oracle filled it
    assert differ == []
    assert mentions_pyside(opvoed_desktop.ui)  # it says "PySide6" in its docstring
    assert not mentions_pyside(sys)  # built in: no file


def test_an_import_after_qt_keeps_no_source_and_is_still_sorted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    uses = tmp_path / "h16_uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\nBIG = 1\n" + "# filler line\n" * 20000, encoding="utf-8")
    plain = tmp_path / "h16_plain.py"
    plain.write_text("VALUE = 2\n" + "# filler line\n" * 20000, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        # The import statement (PySide6 hooks __import__, not importlib.import_module).
        exec("import h16_uses_qt, h16_plain", {})
        assert feature.pyside_feature_dict["h16_uses_qt"] == 0  # takes part in PySide6's features
        assert feature.pyside_feature_dict["h16_plain"] == -1  # ignored by them, as before
        kept = [name for name in linecache.cache if name in (str(uses), str(plain))]
        assert kept == []  # the 20,000 lines of each were read and dropped
    finally:
        for name in ("h16_uses_qt", "h16_plain"):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)
