"""The interface language: runtime switch, right-to-left mirroring, and no clipped text when
strings are 40% longer than Dutch (pseudo-locale x-long)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.i18n import Translator
from opvoed_desktop.ui.application import configure
from opvoed_desktop.ui.main_window import MainWindow


@pytest.fixture
def services(tmp_path: Path) -> Iterator[AppContext]:
    s = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    s.data.ensure()
    open_storage(s)
    yield s
    s.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    app.setStyleSheet("")


def clipped(root: QWidget) -> list[str]:
    """Visible texts that do not fit their widget."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap() and widget.pixmap().isNull():
            text = widget.text()
            if "<" in text:
                continue
            if metrics.horizontalAdvance(text) > widget.contentsRect().width() + 1:
                problems.append(f"label {text!r}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                problems.append(f"button {widget.text()!r}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                needed = metrics.horizontalAdvance(widget.tabText(i).replace("&", ""))
                if needed > widget.tabRect(i).width():
                    problems.append(f"tab {widget.tabText(i)!r}")
    return problems


def show_every_page(qtbot: QtBot, window: MainWindow) -> Iterator[str]:
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield window.tabs.tabText(index)
    view = window.meetings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    view.new_meeting()
    editor = view.editor
    assert editor is not None
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield editor.tabs.tabText(index)


def test_switching_language_at_runtime_rebuilds_the_window(qtbot: QtBot, services: AppContext) -> None:
    window = MainWindow(services)  # deletes itself when replaced: not handed to qtbot
    window.show()
    window.tabs.setCurrentIndex(1)
    destroyed: list[bool] = []
    window.destroyed.connect(lambda: destroyed.append(True))
    replacement = window.switch_language("x-long")
    assert replacement is not None
    qtbot.addWidget(replacement)
    assert replacement.tabs.tabText(0).startswith("[Bibliotheek")
    assert replacement.tabs.currentIndex() == 1
    assert json.loads((services.data.root / "settings.json").read_text())["ui_language"] == "x-long"
    qtbot.waitUntil(lambda: destroyed == [True], timeout=2000)


def test_right_to_left_language_mirrors_the_layout(qtbot: QtBot, services: AppContext) -> None:
    window = MainWindow(services)
    replacement = window.switch_language("x-rtl")
    assert replacement is not None
    assert replacement.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert replacement.library_view.reader.layoutDirection() == Qt.LayoutDirection.LeftToRight
    again = replacement.switch_language("nl")
    assert again is not None
    qtbot.addWidget(again)
    assert again.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("locale", ["nl", "x-long"])
def test_no_text_is_clipped(qtbot: QtBot, services: AppContext, locale: str) -> None:
    services.languages.speak(Translator.load(locale, Path("translations")))  # closing `services` gives Dutch back
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    configure(app, services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    problems = {}
    for page in show_every_page(qtbot, window):
        found = clipped(window)
        if found:
            problems[page] = found
    assert problems == {}
