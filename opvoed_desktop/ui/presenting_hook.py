"""Presenting inside the main window: the "Presenteren" menu and starting a show.

The main window calls `install_presenting(window, library)` once. The meetings screen hands over
a stored meeting's agenda with `use_meeting(plan, notes, recorder)`. Agendas are planned in the
meeting itself (its Agenda tab): "Agenda plannen" goes there, and never widens the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import _
from opvoed_desktop.services.presenting import AgendaPlan, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.ui.presenter import PresenterController


class PresentingHook(QObject):
    def __init__(self, window: QMainWindow, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.notes: NoteSink = MemoryNoteSink()
        self.recorder: TimingRecorder | None = None
        self.controller: PresenterController | None = None
        self.plan = AgendaPlan()
        self._build_menu()

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu(_("&Presenteren"))
        start = QAction(_("&Start vanaf het begin"), self.window)
        start.setShortcut(QKeySequence(Qt.Key.Key_F5))
        start.triggered.connect(lambda: self.start(0))
        menu.addAction(start)
        current = QAction(_("Start vanaf het &gekozen onderdeel"), self.window)
        current.setShortcut(QKeySequence("Shift+F5"))
        current.triggered.connect(lambda: self.start(self.current_item_index()))
        menu.addAction(current)
        menu.addSeparator()
        agenda = QAction(_("&Agenda plannen"), self.window)
        agenda.setShortcut(QKeySequence("Ctrl+G"))
        agenda.triggered.connect(self.show_agenda)
        menu.addAction(agenda)
        print_action = QAction(_("Draaiboek &afdrukken…"), self.window)
        print_action.triggered.connect(self.print_running_order)
        menu.addAction(print_action)
        self.start_action = start
        self.agenda_action = agenda

    def _editor(self) -> QWidget | None:
        view = getattr(self.window, "meetings_view", None)
        return getattr(view, "editor", None) if view is not None else None

    def show_agenda(self) -> None:
        """The open meeting's Agenda tab: the one place where an agenda is planned."""
        view = getattr(self.window, "meetings_view", None)
        if view is None:
            return
        self.window.tabs.setCurrentWidget(view)  # type: ignore[attr-defined]
        editor = self._editor()
        if editor is None:
            self.window.statusBar().showMessage(
                _("Open of maak eerst een bijeenkomst; de agenda plant u op haar tabblad Agenda."), 8000
            )
            return
        editor.show_agenda()  # type: ignore[attr-defined]

    def print_running_order(self) -> None:
        editor = self._editor()
        if editor is None:
            self.show_agenda()
            return
        editor._sheet("running-order", "print")  # type: ignore[attr-defined]

    def current_item_index(self) -> int:
        editor = self._editor()
        return max(0, editor.agenda.selected_row()) if editor is not None else 0  # type: ignore[attr-defined]

    def use_meeting(self, plan: AgendaPlan, notes: NoteSink, recorder: TimingRecorder | None) -> None:
        """Present a stored meeting: its agenda, its notes, and record its timings."""
        self.plan = plan
        self.notes = notes
        self.recorder = recorder

    def start(self, item_index: int = 0) -> None:
        if self.controller is not None:
            self.controller.start_at_item(item_index)
            return
        show = build_show(self.plan.items, self.library)
        if not show.slides:
            self.show_agenda()
            self.window.statusBar().showMessage(_("De agenda is leeg; kies eerst een programma."), 6000)
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
