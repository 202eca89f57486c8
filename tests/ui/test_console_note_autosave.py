"""The console's quick note is stored like the meeting notes: debounced, with a ceiling, on the
autosave worker (a slow save must not freeze the show's keys), and nothing is lost when the
item changes or the show ends while a save is under way."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opvoed_desktop.content.model import Library
from opvoed_desktop.services.presenting import AgendaItem, ManualClock, build_show
from opvoed_desktop.ui.presenter import PresenterController
from tests.presenting.conftest import small_library  # noqa: F401 (fixture)
from tests.presenting.test_presenting_core import AGENDA, Recorder
from tests.ui.test_presenter import press

SAVE_SECONDS = 0.4  # a save in a big database on a slow laptop


class SlowSink:
    """A note sink that takes its time, and says on which thread each save ran."""

    def __init__(self) -> None:
        self.notes: dict[int, str] = {}
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()

    def load(self, index: int, item: AgendaItem) -> str:
        with self.lock:
            return self.notes.get(index, "")

    def save(self, index: int, item: AgendaItem, text: str) -> None:
        time.sleep(SAVE_SECONDS)
        with self.lock:
            self.notes[index] = text
            self.threads.append(threading.current_thread())


@pytest.fixture
def slow() -> SlowSink:
    return SlowSink()


@pytest.fixture
def run(qtbot: QtBot, small_library: Library, slow: SlowSink) -> Iterator[PresenterController]:  # noqa: F811
    controller = PresenterController(build_show(AGENDA, small_library), small_library, slow, Recorder(), ManualClock())
    controller.start()
    qtbot.waitExposed(controller.console)
    yield controller
    if controller.console.isVisible() or controller.audience.isVisible():
        controller.stop()
    for window in (controller.console, controller.audience):
        window.deleteLater()
    controller.deleteLater()


def _open_note(qtbot: QtBot, run: PresenterController) -> None:
    press(qtbot, run.console, Qt.Key.Key_Right)  # the first item
    press(qtbot, run.console, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    assert run.console.focusWidget() is run.console.note


def test_a_slow_save_runs_on_the_worker_and_the_show_keeps_its_pace(
    qtbot: QtBot, run: PresenterController, slow: SlowSink
) -> None:
    _open_note(qtbot, run)
    qtbot.keyClicks(run.console.note, "Vaders willen meer avonden")
    assert not slow.threads  # the save comes 0.7 s after the last key: the beat below sees it
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start()
    qtbot.waitUntil(lambda: slow.notes.get(1) == "Vaders willen meer avonden", timeout=4000)
    qtbot.wait(100)
    beat.stop()
    assert slow.threads and all(t is not threading.main_thread() for t in slow.threads)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    # Synchronously, the GUI would stand still for the whole save (0.4 s) at least once.
    assert max(gaps) < SAVE_SECONDS / 2, f"the event loop stalled {max(gaps):.2f}s"


def test_ending_the_show_during_a_save_keeps_the_last_letters(
    qtbot: QtBot, run: PresenterController, slow: SlowSink
) -> None:
    _open_note(qtbot, run)
    qtbot.keyClicks(run.console.note, "Eerste zin.")
    qtbot.waitUntil(lambda: bool(slow.threads) or run.console.note._running is not None, timeout=3000)
    qtbot.keyClicks(run.console.note, " Tweede zin.")  # typed while the first save runs
    run.stop()  # Escape: the show ends at once, before any debounce
    assert slow.notes.get(1) == "Eerste zin. Tweede zin."


def test_moving_on_during_a_save_stores_each_note_with_its_own_item(
    qtbot: QtBot, run: PresenterController, slow: SlowSink
) -> None:
    _open_note(qtbot, run)
    qtbot.keyClicks(run.console.note, "bij het eerste")
    qtbot.waitUntil(lambda: run.console.note._running is not None, timeout=3000)  # a save under way
    QApplication.processEvents()
    run.console.setFocus()
    press(qtbot, run.console, Qt.Key.Key_Right, Qt.Key.Key_Right)  # into the next item (the pause)
    index = run.console.note_panel._note_index
    assert index is not None and index != 1
    press(qtbot, run.console, Qt.Key.Key_N, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(run.console.note, "bij het tweede")
    qtbot.waitUntil(lambda: slow.notes.get(index) == "bij het tweede", timeout=4000)
    assert slow.notes.get(1) == "bij het eerste"
