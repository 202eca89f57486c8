"""The console tells what the room sees: black, white, the break, the welcome; and one screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.content import Library
from opvoed_desktop.services.presenting import ManualClock, MemoryNoteSink, build_show
from opvoed_desktop.services.presenting.show import holding_slide
from opvoed_desktop.ui import presenter as presenter_module
from opvoed_desktop.ui.presenter import PresenterController
from opvoed_desktop.ui.screens import ScreenInfo
from tests.presenting.conftest import small_library  # noqa: F401 (fixture)
from tests.presenting.test_presenting_core import AGENDA, Recorder
from tests.ui.test_presenter import press, run  # noqa: F401 (fixture)

WELCOME = holding_slide("Samen opvoeden in de wijk", "Buurthuis De Brug", "19:00 – 19:46")


@pytest.fixture
def welcome(qtbot: QtBot, small_library: Library) -> Iterator[PresenterController]:  # noqa: F811
    controller = PresenterController(
        build_show(AGENDA, small_library, WELCOME), small_library, MemoryNoteSink(), Recorder(), ManualClock()
    )
    controller.start()
    qtbot.waitExposed(controller.console)
    yield controller
    controller.stop()
    for window in (controller.console, controller.audience):
        window.deleteLater()
    controller.deleteLater()


def test_badge_says_what_the_room_sees(qtbot: QtBot, run: PresenterController) -> None:  # noqa: F811
    badge = run.console.room_badge
    assert not badge.isVisible()
    press(qtbot, run.console, Qt.Key.Key_B)
    assert badge.isVisible() and "zwart" in badge.text() and "#000000" in badge.styleSheet()
    press(qtbot, run.console, Qt.Key.Key_W)
    assert badge.isVisible() and "wit" in badge.text() and badge.kind == "white"
    press(qtbot, run.console, Qt.Key.Key_W)
    assert not badge.isVisible() and run.presentation.blank == "none"
    press(qtbot, run.console, Qt.Key.Key_Period)
    press(qtbot, run.console, Qt.Key.Key_Right)  # moving on shows the room the slide again
    assert not badge.isVisible()


def test_z_puts_the_break_on_screen_with_its_countdown(qtbot: QtBot, run: PresenterController) -> None:  # noqa: F811
    clock = run.presentation.clock
    assert isinstance(clock, ManualClock)
    press(qtbot, run.console, Qt.Key.Key_Right)
    press(qtbot, run.console, Qt.Key.Key_Z)
    badge = run.console.room_badge
    assert badge.isVisible() and "pauze tot 19:15" in badge.text()
    preview = run.console.current_view  # what the room sees, on the console
    assert preview.visible_text() == ["Pauze", "We gaan om 19:15 verder", "15:00"]
    assert run.audience.canvas.visible_text() == preview.visible_text()
    clock.advance(65)
    run._tick()
    assert run.console.timer_label.text() == "13:55" and preview.timer.text == "13:55"  # type: ignore[union-attr]
    press(qtbot, run.console, Qt.Key.Key_Plus)
    assert "19:16" in badge.text() and "We gaan om 19:16 verder" in preview.visible_text()
    qtbot.mouseClick(run.console.findChild(type(run.console.next_button), "button-pause"), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not badge.isVisible() and preview.slide.title == "Welkom"  # type: ignore[union-attr]
    assert run.presentation.index == 1  # the show kept its place under the break


def test_welcome_slide_before_the_first_item(qtbot: QtBot, welcome: PresenterController) -> None:
    console = welcome.console
    assert console.current_view.visible_text() == ["Samen opvoeden in de wijk", "Buurthuis De Brug", "19:00 – 19:46"]
    marks = dict.fromkeys(map(ord, "\u202a\u202c\u2068\u2069"))
    rows = [console.overview.item(i).text().translate(marks).strip() for i in range(4)]
    assert rows == ["1. Welkomstscherm", "2. Welkom", "X. Een proef", "3. Stap 1: Begin"]  # headings as before
    assert "Algemene notitie" in console.note_label.text()
    assert "binnenkomt" in console.guidance.toPlainText()  # what the slide is for, and how to begin
    press(qtbot, console, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(console.note, "Drie vaders kwamen later")
    console.note.flush()
    sink = console.notes
    assert isinstance(sink, MemoryNoteSink) and sink.notes == {-1: "Drie vaders kwamen later"}
    press(qtbot, console.note, Qt.Key.Key_Escape)
    press(qtbot, console, Qt.Key.Key_Right)
    assert "Snelle notitie bij dit onderdeel" in console.note_label.text() and console.note.toPlainText() == ""
    recorder = welcome.presentation.recorder
    assert isinstance(recorder, Recorder) and [e[:2] for e in recorder.events] == [("start", 0)]


def test_one_screen_console_with_preview_and_tab_for_the_room(qtbot: QtBot, run: PresenterController) -> None:  # noqa: F811
    # Offscreen Qt has one screen: no beamer.
    console, audience = run.console, run.audience
    assert run.single_screen and console.isVisible() and not audience.isVisible()
    assert console.screen_banner.isVisible() and "F6" in console.screen_banner.text.text()
    assert console.current_view.visible_text() == run.audience.canvas.visible_text() != []
    press(qtbot, console, Qt.Key.Key_F6)  # in the console Tab moves between its controls
    assert audience.isVisible() and audience.geometry() == audience.screen().geometry()
    press(qtbot, audience, Qt.Key.Key_Right)
    assert run.presentation.index == 1
    press(qtbot, audience, Qt.Key.Key_Tab)
    assert not audience.isVisible() and console.isVisible()
    qtbot.mouseClick(console.screen_banner.button, Qt.MouseButton.LeftButton)
    assert audience.isVisible()
    press(qtbot, audience, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    assert not audience.isVisible() and console.focusWidget() is console.note  # a note is never typed blind


def test_losing_the_beamer_keeps_the_room_on_its_slides(
    qtbot: QtBot,
    run: PresenterController,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = ScreenInfo("LAPTOP", QRect(0, 0, 1366, 768), True)
    beamer = ScreenInfo("HDMI-1", QRect(1366, 0, 1280, 800), False)
    monkeypatch.setattr(presenter_module, "screen_infos", lambda: [laptop, beamer])
    run.place_windows()
    assert not run.single_screen and run.audience.isVisible()
    assert not run.console.screen_banner.isVisible()
    monkeypatch.setattr(presenter_module, "screen_infos", lambda: [laptop])
    run.place_windows()  # unplugged (or switched to mirroring) mid-show
    assert run.single_screen and run.room_fullscreen and run.audience.isVisible()
    assert run.console.screen_banner.isVisible()
    run.switch_window()
    assert not run.audience.isVisible()
