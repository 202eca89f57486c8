"""PySide6's check of every module imported after it, without keeping their source text.

PySide6 (6.11) hooks the import system for its `from __feature__ import snake_case` switches and
asks of every module imported after PySide6 whether its source mentions "PySide6" — with
`inspect.getsource`, which reads the module through `linecache` and keeps every line of it for the
rest of the process. The window and `present` import SQLAlchemy and Alembic (the notes) after Qt:
that kept 290,000 source lines, 31 MB of strings, for nothing, and reading and splitting them cost
about 0.6 s of the worker thread's import (holding the interpreter lock the show's keys wait for).
Measured in benchmarks/bench_present_memory.py and docs/performance.md.

`lighten_feature_check` puts the same question to the file itself (bytes read, searched, dropped).
The answer is the same — tests/ui/test_qt_imports.py holds it to PySide6's own way for every
module loaded — and modules without a source file (a bundle's archive, extension modules) are
"no" in both. If a later PySide6 no longer has this private hook, nothing is changed.
"""

from __future__ import annotations

from types import ModuleType

import PySide6  # noqa: F401  (installs PySide6's import hook, which is what is lightened here)


def mentions_pyside(module: ModuleType) -> bool:
    """Whether `module`'s source file contains "PySide6", as PySide6 asks; nothing is kept."""
    path = getattr(module, "__file__", None)  # where inspect.getsource looks too
    if isinstance(path, str) and path.endswith(".pyc"):
        path = path[:-1]  # a compiled module is judged by its source beside it, as inspect does
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # no source to read: inspect.getsource fails too, and PySide6 says no
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_feature_check() -> bool:
    """Replace PySide6's source check of imported modules by `mentions_pyside`; True if done."""
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = mentions_pyside
    return True
