"""The "Presenteren" menu in the main window: F5 starts the agenda's show, Esc comes back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from opvoed_desktop.app import build_services
from opvoed_desktop.ui.main_window import MainWindow


def test_menu_start_and_end(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(build_services(data_dir=str(tmp_path / "data"), lang="nl"))
    qtbot.addWidget(window)
    window.show()
    hook = window.presenting
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Presenteren" in titles
    assert hook.start_action.shortcut().toString() == "F5"
    hook.dock.show()
    hook.agenda_view.select_row(3)
    hook.start(hook.agenda_view.current_item_index())
    controller = hook.controller
    assert controller is not None
    assert controller.presentation.slide is not None and controller.presentation.slide.item_index == 3
    with qtbot.waitSignal(controller.finished, timeout=2000):
        qtbot.keyClick(controller.console, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: hook.controller is None)
    window.close()
