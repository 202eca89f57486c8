"""The "Presenteren" menu in the main window: F5 starts the agenda's show, Esc comes back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import build_services, open_storage
from opvoed_desktop.ui.main_window import MainWindow


def test_menu_start_and_end(qtbot: QtBot, tmp_path: Path) -> None:
    services = build_services(data_dir=str(tmp_path / "data"), lang="nl")
    services.data.ensure()
    open_storage(services)
    assert services.meetings is not None
    meeting = services.meetings.create_meeting("Avond")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    hook = window.presenting
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Presenteren" in titles
    assert hook.start_action.shortcut().toString() == "F5"
    assert window.findChild(object, "agendaDock") is None  # the separate planner is gone
    window.meetings_view.refresh()  # type: ignore[union-attr]
    editor = window.meetings_view.open_meeting(meeting, tab=2)  # type: ignore[union-attr]
    editor.programme_choice.setCurrentIndex(editor.programme_choice.findData("programma-kennismaking"))
    editor.plan_from_programme()
    window.present_meeting(meeting)
    controller = hook.controller
    assert controller is not None
    with qtbot.waitSignal(controller.finished, timeout=2000):
        qtbot.keyClick(controller.console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: hook.controller is None)
    editor.agenda.select_row(3)
    hook.start(hook.current_item_index())
    controller = hook.controller
    assert controller is not None
    assert controller.presentation.slide is not None and controller.presentation.slide.item_index == 3
    with qtbot.waitSignal(controller.finished, timeout=2000):
        qtbot.keyClick(controller.console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: hook.controller is None)
    window.close()
    services.close()
