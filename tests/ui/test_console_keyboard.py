"""The console with the keyboard alone: it has the focus when the show starts, Tab reaches every
control, and the show's single keys keep working wherever the focus is (except in the note)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.presenting import ManualClock, MemoryNoteSink, build_show
from opvoed_desktop.ui.presenter import PresenterController
from tests.presenting.conftest import small_library  # noqa: F401 (fixture)
from tests.presenting.test_presenting_core import AGENDA, Recorder


@pytest.fixture
def run(qtbot: QtBot, small_library: Library) -> Iterator[PresenterController]:  # noqa: F811
    controller = PresenterController(
        build_show(AGENDA, small_library), small_library, MemoryNoteSink(), Recorder(), ManualClock()
    )
    controller.start()
    qtbot.waitExposed(controller.console)
    yield controller
    if controller.console.isVisible() or controller.audience.isVisible():
        controller.stop()
    for window in (controller.console, controller.audience):
        window.deleteLater()
    controller.deleteLater()


def key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the keyboard is: at the focused widget, else at the active window."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    qtbot.keyClick(target, key, modifier)
    QApplication.processEvents()


def tab_round(qtbot: QtBot, console: QWidget) -> list[QWidget]:
    seen: list[QWidget] = []
    for _ in range(40):
        key(qtbot, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None and widget.window() is console, "Tab left the console"
        if widget in seen:
            break
        seen.append(widget)
    return seen


def test_the_console_has_the_keyboard_when_the_show_starts(qtbot: QtBot, run: PresenterController) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().window() is run.console  # not the audience window, not nothing
    key(qtbot, Qt.Key.Key_Right)
    assert run.presentation.index == 1


def test_tab_reaches_every_console_control(qtbot: QtBot, run: PresenterController) -> None:
    console = run.console
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    reached = tab_round(qtbot, console)
    names = {w.objectName() for w in reached}
    buttons = {b.objectName() for b in console.findChildren(QAbstractButton) if b.isVisibleTo(console)}
    assert buttons <= names, buttons - names  # every button, the timer checkbox too
    for needed in ("overview", "guidance", "quickNote", "roomLanguage"):
        assert needed in names
    assert run.presentation.index == 0  # tabbing moved no slide


def test_single_keys_drive_the_show_with_the_focus_on_a_control(qtbot: QtBot, run: PresenterController) -> None:
    console, p = run.console, run.presentation
    button = console.findChild(QAbstractButton, "button-black")
    button.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_PageDown)  # the clicker
    key(qtbot, Qt.Key.Key_Right)
    assert p.index == 2
    key(qtbot, Qt.Key.Key_W)
    assert p.blank == "white"
    key(qtbot, Qt.Key.Key_Space)  # Space presses the focused button: black
    assert p.blank == "black"
    key(qtbot, Qt.Key.Key_B)
    assert p.blank == "none"
    combo = console.findChild(QComboBox, "roomLanguage")
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_PageUp)
    assert p.index == 1
    overview = console.findChild(QListWidget, "overview")
    overview.setFocus(Qt.FocusReason.TabFocusReason)
    before = p.index
    key(qtbot, Qt.Key.Key_Down)  # arrows choose a step in the overview ...
    key(qtbot, Qt.Key.Key_Down)
    assert p.index == before
    key(qtbot, Qt.Key.Key_Return)  # ... Enter goes there
    chosen = overview.currentItem().data(Qt.ItemDataRole.UserRole)
    assert chosen and p.index == int(chosen) - 1
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is console.note
    key(qtbot, Qt.Key.Key_B)  # typed into the note, not a black screen
    assert p.blank == "none" and console.note.toPlainText().endswith("b")
