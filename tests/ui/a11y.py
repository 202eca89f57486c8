"""What assistive technology sees, asked through Qt's own accessibility interface."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
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


# Tab order -----------------------------------------------------------------------------------


def window_rect(widget: QWidget) -> QRect:
    top_left = widget.mapTo(widget.window(), QPoint(0, 0))
    return QRect(top_left, widget.size())


def before(a: QRect, b: QRect, rtl: bool, width: int, columns: bool = False) -> bool:
    """Whether `a` comes before `b` in reading order: a row above another first, side by side
    left to right (right to left in an RTL layout)."""
    if columns:  # a list read down its columns (declared by the container)
        across = min(a.right(), b.right()) - max(a.left(), b.left())
        if across > min(a.width(), b.width()) // 2:
            return a.top() < b.top()
        return width - a.right() < width - b.right() if rtl else a.left() < b.left()
    overlap = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
    if overlap > min(a.height(), b.height()) // 2:
        if rtl:
            return width - a.right() < width - b.right()
        return a.left() < b.left()
    return a.top() < b.top()


def tab_cycle(window: QWidget, press: Callable[[QWidget], None], most: int = 200) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back; the widgets met, in order."""
    start = QApplication.focusWidget()
    assert start is not None and start.window() is window, "nothing in the window has the focus"
    seen = [start]
    for _ in range(most):
        press(seen[-1])
        now = QApplication.focusWidget()
        assert now is not None and now.window() is window, f"Tab left the window after {describe(seen[-1])}"
        assert now is not seen[-1], f"Tab is trapped in {describe(now)}"
        if now in seen:  # round: from where it came back (the start may be outside the round)
            return seen[seen.index(now) :]
        seen.append(now)
    raise AssertionError(f"Tab never came back after {most} presses: trapped near {describe(seen[-1])}")


def reachable(root: QWidget) -> list[QWidget]:
    """What Tab should reach: shown, enabled, taking Tab focus, not hidden inside another control."""
    out = []
    for w in shown_widgets(root):
        if not w.isEnabled() or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if w.focusProxy() is not None:
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        if w.width() <= 0 or w.height() <= 0:
            continue
        out.append(w)
    return out


def order_problems(cycle: list[QWidget], window: QWidget) -> list[str]:
    """Steps where Tab goes back against the reading order.

    At every container, Tab should enter its parts in reading order, each part once: the
    section list before the section, the search field before the table, a form row by row.
    """
    rtl = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    width = window.width()

    # Start where the reading starts: the widget met first in reading order.
    def reading(i: int) -> tuple[int, int]:
        rect = window_rect(cycle[i])
        return rect.top() // 40, width - rect.right() if rtl else rect.left()

    first = min(range(len(cycle)), key=reading)
    ordered = cycle[first:] + cycle[:first]
    problems = []
    entered: dict[QWidget, list[QWidget]] = {}
    for widget in ordered:
        child = widget
        parent = widget.parentWidget()
        while parent is not None and child is not window:
            parts = entered.setdefault(parent, [])
            if not parts or parts[-1] is not child:
                if child in parts:
                    problems.append(f"{describe(widget)}: Tab comes back into {describe(child)}")
                elif parts and before(
                    window_rect(child), window_rect(parts[-1]), rtl, width, parent.property("readingOrder") == "columns"
                ):
                    problems.append(f"{describe(widget)}: reached after {describe(parts[-1])}, reads before it")
                parts.append(child)
            child, parent = parent, parent.parentWidget()
    return problems
