"""Only opvoed_desktop/ui may import Qt: the core, CLI, PDF and storage must run headless."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "opvoed_desktop"


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")]
    return found


def test_no_qt_outside_ui() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): qt_imports(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts and qt_imports(path)
    }
    assert offenders == {}


def test_the_check_itself_sees_qt_imports(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import Qt\nimport shiboken6\n", encoding="utf-8")
    assert qt_imports(sample) == ["PySide6.QtCore", "shiboken6"]
