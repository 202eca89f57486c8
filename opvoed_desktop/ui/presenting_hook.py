"""Presenting inside the main window: the "Presenteren" menu, the agenda dock, starting a show.

The main window calls `install_presenting(window, library)` once. The meetings screen can hand
over a stored meeting's agenda with `use_meeting(plan, notes, recorder)`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import AgendaPlan, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.ui.agenda_view import AgendaView
from opvoed_desktop.ui.presenter import PresenterController


class PresentingHook(QObject):
    def __init__(self, window: QMainWindow, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.notes: NoteSink = MemoryNoteSink()
        self.recorder: TimingRecorder | None = None
        self.controller: PresenterController | None = None
        self.agenda_view = AgendaView(library)
        self.agenda_view.present_requested.connect(self.start)
        self.dock = QDockWidget(_("Agenda"), window)
        self.dock.setObjectName("agendaDock")
        self.dock.setWidget(self.agenda_view)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self._build_menu()

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu(_("&Presenteren"))
        start = QAction(_("&Start vanaf het begin"), self.window)
        start.setShortcut(QKeySequence(Qt.Key.Key_F5))
        start.triggered.connect(lambda: self.start(0))
        menu.addAction(start)
        current = QAction(_("Start vanaf het &gekozen onderdeel"), self.window)
        current.setShortcut(QKeySequence("Shift+F5"))
        current.triggered.connect(lambda: self.start(self.agenda_view.current_item_index()))
        menu.addAction(current)
        menu.addSeparator()
        agenda = self.dock.toggleViewAction()
        agenda.setText(_("&Agenda plannen"))
        agenda.setShortcut(QKeySequence("Ctrl+G"))
        menu.addAction(agenda)
        print_action = QAction(_("Agenda &afdrukken…"), self.window)
        print_action.triggered.connect(self.agenda_view.print_dialog)
        menu.addAction(print_action)
        self.start_action = start

    def use_meeting(self, plan: AgendaPlan, notes: NoteSink, recorder: TimingRecorder | None) -> None:
        """Present a stored meeting: its agenda, its notes, and record its timings."""
        self.agenda_view.set_plan(plan)
        self.notes = notes
        self.recorder = recorder

    def start(self, item_index: int = 0) -> None:
        if self.controller is not None:
            self.controller.start_at_item(item_index)
            return
        show = build_show(self.agenda_view.plan.items, self.library)
        if not show.slides:
            self.window.statusBar().showMessage(_("De agenda is leeg; kies eerst een programma."), 6000)
            self.dock.show()
            return
        screen = self.window.screen().name() if self.window.screen() else None
        services = getattr(self.window, "services", None)
        overlay = services.data.translations_overlay if services is not None else None
        self.controller = PresenterController(
            show, self.library, self.notes, self.recorder, near_screen=screen, overlay_dir=overlay
        )
        self.controller.finished.connect(self._finished)
        self.controller.start_at_item(item_index)

    def _finished(self) -> None:
        controller, self.controller = self.controller, None
        if controller is not None:
            controller.deleteLater()
        self.window.raise_()
        self.window.activateWindow()


def install_presenting(window: QMainWindow, library: Library) -> PresentingHook:
    return PresentingHook(window, library)
