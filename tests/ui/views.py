"""Every view of the app, built for real, for the accessibility tests (names, tab order, reflow).

`every_view(window)` yields (name, widget) with the widget shown: each main tab, each section of
the meeting editor (the Agenda section is the agenda planner), the dialogs, and the presenter
console. Callers close what they are handed back when the generator moves on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from opvoed_desktop.app import AppContext, build_services, open_storage
from opvoed_desktop.ui.main_window import MainWindow


def settle(rounds: int = 8) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def services_with_a_meeting(data_dir: Path, lang: str = "nl") -> AppContext:
    services = build_services(data_dir=str(data_dir), lang=lang)
    open_storage(services)
    assert services.meetings is not None, services.storage_message
    return services


def open_window(services: AppContext, size: tuple[int, int] = (1366, 768)) -> MainWindow:
    window = MainWindow(services)
    window.resize(*size)
    window.show()
    settle()
    window.open_worked_example()
    settle()
    return window


def main_tabs(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
        yield f"tab {window.tabs.tabText(index)}", window


def editor_sections(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    view = window.meetings_view
    assert view is not None and view.editor is not None
    window.tabs.setCurrentWidget(view)
    editor = view.editor
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        settle()
        yield f"section {editor.tabs.tabText(index)}", window


def dialogs(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    from opvoed_desktop.ui.error_dialog import ErrorDialog
    from opvoed_desktop.ui.export_dialog import ExportDialog, ImportDialog
    from opvoed_desktop.ui.meetings.backups_dialog import BackupsDialog
    from opvoed_desktop.ui.meetings.trash_dialog import TrashDialog
    from opvoed_desktop.ui.translation_dialogs import AddLanguageDialog

    services = window.services
    view = window.meetings_view
    assert view is not None and view.editor is not None and services.meetings is not None
    export = window._export_service()
    made: list[tuple[str, Any]] = [
        ("dialog export meeting", lambda: ExportDialog(export, window, meeting_id=view.editor.meeting_id, lang="nl")),
        (
            "dialog export period",
            lambda: ExportDialog(export, window, municipalities=services.meetings.municipalities(), lang="nl"),
        ),
        ("dialog import", lambda: ImportDialog(export, window)),
        ("dialog trash", lambda: TrashDialog(services.meetings, window, services.database)),
        ("dialog backups", lambda: BackupsDialog(services.database, window)),
        ("dialog add language", lambda: AddLanguageDialog(set(), window)),
        ("dialog error", lambda: ErrorDialog("Er ging iets mis.", services.data.root / "logs" / "x.log")),
    ]
    for name, make in made:
        dialog: QDialog = make()
        dialog.show()
        settle()
        yield name, dialog
        dialog.reject()
        dialog.deleteLater()
        settle()


def console(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    view = window.meetings_view
    assert view is not None and view.editor is not None
    window.present_meeting(view.editor.meeting_id)
    settle(20)
    controller = window.presenting.controller
    assert controller is not None
    controller.console.showNormal()
    controller.console.resize(window.size())
    settle()
    yield "presenter console", controller.console
    controller.presentation.end()
    settle(20)


def every_view(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    yield from main_tabs(window)
    yield from editor_sections(window)
    yield from dialogs(window)
    yield from console(window)
