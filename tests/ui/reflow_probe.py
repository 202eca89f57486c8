"""Run in its own process (QT_SCALE_FACTOR and the screen are fixed at start): render every view at
the largest text size on a 1366×768 screen and print, as JSON, what is clipped or out of reach.

    python -m tests.ui.reflow_probe DATA_DIR LANG THEME [SHOTS_DIR]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QWidget,
)


def in_scroll_area(widget: QWidget) -> bool:
    """Inside the content of a scroll area (at any depth): reached by scrolling."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel) and not widget.pixmap().isNull():
        return ""
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().strip()
    return ""


def clipped_text(widget: QWidget) -> str | None:
    """A sentence when the widget is smaller than its text needs (its own size hint)."""
    text = shown_text(widget)
    if not text:
        return None
    size = widget.size()
    if isinstance(widget, QLabel) and widget.wordWrap():
        need = widget.heightForWidth(size.width())
        if need > size.height() + 1:
            return f"wrapped text needs {need}px height, has {size.height()}"
        return None
    if isinstance(widget, QLabel | QPushButton | QToolButton | QCheckBox | QRadioButton):
        hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
        if size.width() + 1 < hint.width() or size.height() + 1 < hint.height():
            return f"{size.width()}x{size.height()} < {hint.width()}x{hint.height()}"
    return None


def describe(widget: QWidget) -> str:
    text = shown_text(widget)[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '-'} '{text}'"


def problems(window: QWidget) -> list[str]:
    found = []
    screen = window.screen().availableGeometry()
    hint = window.minimumSizeHint()
    minimum = window.minimumSize()
    if max(hint.width(), minimum.width()) > screen.width() or max(hint.height(), minimum.height()) > screen.height():
        found.append(
            f"window needs {hint.width()}x{hint.height()} (minimum {minimum.width()}x{minimum.height()}), "
            f"screen has {screen.width()}x{screen.height()}"
        )
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(f"window is {window.width()}x{window.height()}, larger than the screen")
    whole = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window or widget.width() <= 0:
            continue
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        # Inside a scroll area a widget may lie beyond the window: it is reached by scrolling.
        if not in_scroll_area(widget) and not whole.adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"{describe(widget)} at {rect.getRect()} lies outside the window {whole.getRect()}")
            continue
        parent = widget.parentWidget()
        viewport = parent is not None and parent.objectName() == "qt_scrollarea_viewport"
        if parent is not None and not viewport and not parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry()):
            found.append(
                f"{describe(widget)} at {widget.geometry().getRect()} is cut off by its parent "
                f"{type(parent).__name__} {parent.rect().getRect()}"
            )
            continue
        clipped = clipped_text(widget)
        if clipped:
            found.append(
                f"{describe(widget)}: {clipped} (in {type(parent).__name__}, window {window.size().toTuple()})"
            )
    return found


def main() -> None:
    data_dir, lang, theme_name = sys.argv[1:4]
    shots = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    app = QApplication([])
    from opvoed_desktop.settings import Settings
    from opvoed_desktop.ui import text_size
    from opvoed_desktop.ui.application import configure
    from tests.ui.views import every_view, open_window, services_with_a_meeting, settle

    services = services_with_a_meeting(Path(data_dir), lang)
    settings = Settings.load(services.data)
    settings.theme, settings.text_size, settings.welcome_seen = theme_name, text_size.LARGEST, False
    settings.save(services.data)
    configure(app, services)
    screen = app.primaryScreen().availableGeometry()
    window = open_window(services, (screen.width(), screen.height()))
    window.showMaximized()
    settle()
    report: dict[str, list[str]] = {}
    for name, root in every_view(window):
        top = root.window()
        if top is not window:
            # As exec() shows a dialog: at the size it was given, never smaller than its layout
            # allows, never larger than the screen.
            hint = top.size().expandedTo(top.minimumSizeHint())
            top.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height()))
            if top.objectName() == "presenterConsole":
                top.showMaximized()
            settle()
        report[name] = problems(top)
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            top.grab().save(str(shots / f"{lang}-{theme_name}-{name.replace(' ', '_')}.png"))
    print("REFLOW " + json.dumps({"screen": [screen.width(), screen.height()], "views": report}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
