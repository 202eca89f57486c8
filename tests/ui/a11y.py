"""What assistive technology sees, asked through Qt's own accessibility interface."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def is_interactive(widget: QWidget) -> bool:
    if not isinstance(widget, INTERACTIVE):
        return False
    parent = widget.parentWidget()
    # The line edit inside a spin box or combo box is part of that control, named with it.
    if isinstance(parent, QAbstractSpinBox | QComboBox):
        return False
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, QAbstractButton)


def shown_widgets(root: QWidget) -> list[QWidget]:
    window = root.window()
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(window) and w.window() is window]


def describe(widget: QWidget) -> str:
    name = widget.objectName() or "-"
    parent = widget.parentWidget()
    trail = []
    while parent is not None and len(trail) < 3:
        trail.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__}#{name} in {'/'.join(trail)}"


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in shown_widgets(root) if is_interactive(w) and not accessible_name(w)]
