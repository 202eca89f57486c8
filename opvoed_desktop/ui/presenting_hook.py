"""Presenting inside the main window: the "Presenteren" menu, the agenda dock, starting a show.

There is one way to present: F5, Shift+F5, the menu and the meeting's own "Presenteren" button
all present a meeting — the one open under Bijeenkomsten, or, when none is open, a new one made
from the planned agenda and named after today — so quick notes and actual times always land in
a meeting, and the console says which. Only when the notes cannot be stored at all (no or a
read-only database) does the show run without a meeting, and then the console says so and the
quick note is closed rather than typed into nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow

from opvoed_desktop.content.model import Library
from opvoed_desktop.i18n import _, active
from opvoed_desktop.services.presenting import AgendaItem, MemoryNoteSink, NoteSink, TimingRecorder, build_show
from opvoed_desktop.services.presenting.meeting_show import MeetingShow, meeting_show, new_meeting_for_show
from opvoed_desktop.ui.agenda_view import AgendaView
from opvoed_desktop.ui.presenter import PresenterController

NOTES_TAB, AGENDA_TAB = 3, 2  # the meeting editor's tabs


class PresentingHook(QObject):
    def __init__(self, window: QMainWindow, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.controller: PresenterController | None = None
        self.shown: MeetingShow | None = None  # the meeting being presented
        self.agenda_view = AgendaView(library)
        self.agenda_view.present_requested.connect(lambda _index: self.start_from_beginning())
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
        start.triggered.connect(self.start_from_beginning)
        menu.addAction(start)
        current = QAction(_("Start vanaf het &gekozen onderdeel"), self.window)
        current.setShortcut(QKeySequence("Shift+F5"))
        current.triggered.connect(self.start_from_chosen)
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
        self.current_action = current

    # Which meeting ------------------------------------------------------------------------
    def _meetings_view(self) -> Any:
        return getattr(self.window, "meetings_view", None)

    def _open_meeting(self) -> str | None:
        view = self._meetings_view()
        editor = view.editor if view is not None else None
        return editor.meeting_id if editor is not None else None

    def _chosen_item(self) -> int:
        """The agenda item chosen in the open meeting's agenda, else in the planner."""
        view = self._meetings_view()
        editor = view.editor if view is not None else None
        if editor is not None:
            chosen = getattr(editor, "current_agenda_index", None)
            return max(0, chosen()) if callable(chosen) else 0
        return self.agenda_view.current_item_index()

    def _storage(self) -> tuple[Any, str]:
        """(the meeting service, "") when notes can be stored, else (None, why not)."""
        services = getattr(self.window, "services", None)
        service = getattr(services, "meetings", None)
        if service is None:
            reason = getattr(services, "storage_message", None) or _("De bijeenkomsten zijn niet beschikbaar.")
            return None, reason
        database = getattr(services, "database", None)
        if database is not None and database.read_only:
            return None, services.storage_message or _("De bijeenkomsten kunnen nu alleen gelezen worden.")
        return service, ""

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # Starting -----------------------------------------------------------------------------
    def start_from_beginning(self) -> None:
        """F5: from the very first slide (the welcome, while people come in)."""
        self.start(None)

    def start_from_chosen(self) -> None:
        """Shift+F5: from the agenda item chosen in the meeting's agenda."""
        self.start(self._chosen_item())

    def start(self, item_index: int | None = None) -> None:
        if self.controller is not None:
            if item_index is None:
                self.controller.start(0)
            else:
                self.controller.start_at_item(item_index)
            return
        meeting_id = self._open_meeting()
        if meeting_id is not None:
            self.present_meeting(meeting_id, item_index)
        else:
            self._present_new_meeting(item_index)

    def present_meeting(self, meeting_id: str, item_index: int | None = None) -> None:
        """Present a stored meeting: its agenda, its notes, and record its actual times."""
        if self.controller is not None:
            return
        view = self._meetings_view()
        if view is not None:
            view.flush()  # what was typed in the meeting is stored before the show reads it
        service, reason = self._storage()
        reader = service or getattr(getattr(self.window, "services", None), "meetings", None)
        try:
            shown = meeting_show(reader, meeting_id)
        except Exception as exc:
            self._say(str(exc))
            return
        if not shown.items:
            self._say(_("Deze bijeenkomst heeft nog geen agenda; kies eerst een programma."))
            editor = view.open_meeting(meeting_id, tab=AGENDA_TAB) if view is not None else None
            if editor is not None:
                editor.status.setText(_("Deze bijeenkomst heeft nog geen agenda; kies eerst een programma."))
            return
        if service is None:
            self._run(shown.items, shown, MemoryNoteSink(), None, item_index, reason)
            return
        notes, recorder = shown.sinks(service)
        self._run(shown.items, shown, notes, recorder, item_index)

    def _present_new_meeting(self, item_index: int | None) -> None:
        plan = self.agenda_view.plan
        if not plan.items:
            self._say(_("De agenda is leeg; kies eerst een programma."))
            self.dock.show()
            return
        service, reason = self._storage()
        if service is not None:
            try:
                shown = new_meeting_for_show(
                    service,
                    plan.items,
                    now=datetime.now(),
                    locale=active().locale,
                    programme_id=self.agenda_view.template.currentData() or None,
                )
            except Exception as exc:
                service, reason = None, str(exc)
            else:
                view = self._meetings_view()
                if view is not None:
                    view.refresh()
                    view.open_meeting(shown.meeting_id)
                notes, recorder = shown.sinks(service)
                self._run(shown.items, shown, notes, recorder, item_index)
                return
        self._run(tuple(plan.items), None, MemoryNoteSink(), None, item_index, reason)

    def _run(
        self,
        items: tuple[AgendaItem, ...] | list[AgendaItem],
        shown: MeetingShow | None,
        notes: NoteSink,
        recorder: TimingRecorder | None,
        item_index: int | None,
        unstored: str = "",
    ) -> None:
        show = build_show(items, self.library, shown.holding if shown is not None else None)
        if not show.slides:
            self._say(_("De agenda is leeg; kies eerst een programma."))
            return
        screen = self.window.screen().name() if self.window.screen() else None
        services = getattr(self.window, "services", None)
        overlay = services.data.translations_overlay if services is not None else None
        self.shown = shown
        self.controller = PresenterController(
            show, self.library, notes, recorder, near_screen=screen, overlay_dir=overlay
        )
        if shown is not None and not unstored:
            self.controller.console.tell_meeting(shown.title, shown.created)
        else:
            self.controller.console.notes_unavailable(unstored)
        self.controller.finished.connect(self._finished)
        if item_index is None:
            self.controller.start(0)
        else:
            self.controller.start_at_item(item_index)

    def _finished(self) -> None:
        controller, self.controller = self.controller, None
        shown, self.shown = self.shown, None
        if controller is not None:
            controller.deleteLater()
        view = self._meetings_view()
        if shown is not None and view is not None:
            # The meeting comes back at its notes, with what the show recorded (notes and actual
            # times) and the cursor in the general note: ready to write down the rest.
            tabs = getattr(self.window, "tabs", None)
            if tabs is not None:
                tabs.setCurrentWidget(view)
            editor = view.open_meeting(shown.meeting_id, tab=NOTES_TAB)
            if editor is not None:
                editor.reload()
                editor.note_items.setCurrentRow(0)
                editor.note_editor.setFocus()
            self._say(
                _("Uw notities staan in de bijeenkomst ‘{title}’; de werkelijke tijden staan bij Agenda.").format(
                    title=shown.title
                )
            )
        self.window.raise_()
        self.window.activateWindow()


def install_presenting(window: QMainWindow, library: Library) -> PresentingHook:
    return PresentingHook(window, library)
