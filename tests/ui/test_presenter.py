"""The presenter console and the audience window with pytest-qt (offscreen), time by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.presenting import ManualClock, MemoryNoteSink, build_show
from opvoed_desktop.ui.presenter import PresenterController
from tests.presenting.conftest import MARKER, small_library  # noqa: F401 (fixture)
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


def press(
    qtbot: QtBot, widget: QWidget, *keys: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for key in keys:
        qtbot.keyClick(widget, key, modifier)
        QApplication.processEvents()  # the console updates one event-loop turn after the beamer


def test_keys_drive_the_show_from_either_window(qtbot: QtBot, run: PresenterController) -> None:
    p = run.presentation
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_PageDown)
    assert p.index == 2
    press(qtbot, run.audience, Qt.Key.Key_Space)
    assert p.index == 3
    press(qtbot, run.console, Qt.Key.Key_Backspace, Qt.Key.Key_PageUp)
    assert p.index == 1
    press(qtbot, run.console, Qt.Key.Key_5, Qt.Key.Key_Return)
    assert p.index == 4
    press(qtbot, run.console, Qt.Key.Key_Home)
    assert p.index == 0
    press(qtbot, run.console, Qt.Key.Key_End)
    assert p.index == 5
    press(qtbot, run.console, Qt.Key.Key_B)
    assert p.blank == "black" and run.audience.canvas.blank == "black"
    press(qtbot, run.console, Qt.Key.Key_Period)
    assert p.blank == "none"
    press(qtbot, run.audience, Qt.Key.Key_Comma)
    assert p.blank == "white"
    press(qtbot, run.console, Qt.Key.Key_F5)
    assert p.index == 0 and p.blank == "none"
    press(qtbot, run.console, Qt.Key.Key_Down, Qt.Key.Key_Down)
    press(qtbot, run.console, Qt.Key.Key_F5, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert p.index == 1  # first slide of the current item (the exercise)


def test_timer_keys_and_display(qtbot: QtBot, run: PresenterController) -> None:
    p = run.presentation
    clock = p.clock
    assert isinstance(clock, ManualClock)
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_S)
    assert p.countdown.running
    clock.advance(4 * 60 + 1)
    run._tick()
    assert run.console.timer_label.text() == "00:59"
    assert "ffb300" in run.console.timer_label.styleSheet()  # amber
    press(qtbot, run.console, Qt.Key.Key_Plus)
    press(qtbot, run.console, Qt.Key.Key_T)
    run._tick()
    assert run.audience.canvas.timer is not None and run.audience.canvas.timer.text == "01:59"
    clock.advance(180)
    run._tick()
    assert run.audience.canvas.timer.text == "+01:01" and run.audience.canvas.timer.level == "red"
    press(qtbot, run.console, Qt.Key.Key_R)
    assert not p.countdown.running and p.countdown.remaining == 300


def test_quick_note_autosaves_within_a_second_and_keys_stay_in_the_note(qtbot: QtBot, run: PresenterController) -> None:
    sink = run.console.notes
    assert isinstance(sink, MemoryNoteSink)
    press(qtbot, run.console, Qt.Key.Key_Right)
    press(qtbot, run.console, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    assert run.console.focusWidget() is run.console.note
    qtbot.keyClicks(run.console.note, "b. Wat ouders zeiden")
    assert run.presentation.blank == "none" and run.presentation.index == 1  # typing is not a command
    qtbot.waitUntil(lambda: sink.notes.get(1) == "b. Wat ouders zeiden", timeout=1000)
    press(qtbot, run.console.note, Qt.Key.Key_Escape)
    assert run.console.focusWidget() is not run.console.note and not run.presentation.ended
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_Right)  # into the pause: another item
    assert run.console.note.toPlainText() == ""
    press(qtbot, run.console, Qt.Key.Key_Left)
    assert run.console.note.toPlainText() == "b. Wat ouders zeiden"


def test_console_shows_guidance_next_and_clocks(qtbot: QtBot, run: PresenterController) -> None:
    press(qtbot, run.console, Qt.Key.Key_Right)
    html = run.console.guidance.toPlainText()
    assert f"{MARKER}-instructie" in html and f"{MARKER}-tip" in html
    assert "stap 2: Gesprek" in run.console.next_label.text()
    assert run.console.next_view.slide is not None and run.console.next_view.slide.title == "In tweetallen"
    run.presentation.clock.advance(90)  # type: ignore[attr-defined]
    run._tick()
    assert "01:30" in run.console.item_clock.text()
    assert run.console.time_of_day.text() == "19:01"
    assert run.console.overview.count() > len(run.presentation.show.slides)  # with item headings


def test_overview_click_jumps(qtbot: QtBot, run: PresenterController) -> None:
    overview = run.console.overview
    row = next(i for i in range(overview.count()) if overview.item(i).data(Qt.ItemDataRole.UserRole) == 5)
    run.console._overview_clicked(overview.item(row))
    assert run.presentation.index == 4


def _texts(root: QObject) -> list[str]:
    found: list[str] = [root.objectName(), getattr(root, "windowTitle", lambda: "")()]
    for child in root.findChildren(QObject):
        for getter in ("text", "toPlainText", "toolTip", "windowTitle", "accessibleName", "placeholderText"):
            value = getattr(child, getter, None)
            if callable(value):
                try:
                    result = value()
                except TypeError:
                    continue
                if isinstance(result, str):
                    found.append(result)
    return found


def test_audience_never_receives_private_text(qtbot: QtBot, run: PresenterController) -> None:
    qtbot.keyClick(run.console, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(run.console.note, f"{MARKER}-notitie")
    run.console.note.flush()
    seen: list[str] = []
    console: list[str] = []
    for _ in run.presentation.show.slides:
        run.console.setFocus()
        seen += run.audience.canvas.visible_text() + _texts(run.audience)
        console += _texts(run.console)
        run.audience.grab()  # paint it for real
        press(qtbot, run.console, Qt.Key.Key_Right)
    assert any("Welkom" in t for t in seen)
    assert not [t for t in seen if MARKER in t]
    assert not run.audience.findChildren(QLabel) and not run.audience.findChildren(QAbstractButton)
    # The check itself works: the console does show the same private texts.
    assert {f"{MARKER}-instructie", f"{MARKER}-tip", f"{MARKER}-notitie"} <= {
        word for t in console for word in t.split() if MARKER in word
    }


def test_help_overlay_and_end(qtbot: QtBot, run: PresenterController) -> None:
    press(qtbot, run.console, Qt.Key.Key_F1)
    assert run.console.help.isVisible() and "Ctrl+N" in run.console.help.text()
    press(qtbot, run.console, Qt.Key.Key_X)
    assert not run.console.help.isVisible()
    with qtbot.waitSignal(run.finished, timeout=2000):
        press(qtbot, run.console, Qt.Key.Key_Escape)
    assert not run.console.isVisible() and not run.audience.isVisible()


def test_font_size_control_and_fit(qtbot: QtBot, run: PresenterController) -> None:
    run.do("bigger")
    assert run.audience.canvas.scale == pytest.approx(1.1)
    for size in ((1024, 768), (3840, 2160), (640, 360)):
        run.audience.canvas.resize(*size)
        run.audience.canvas.grab()
    run.do("smaller")
    run.do("smaller")
    assert run.audience.canvas.scale == pytest.approx(0.9)
