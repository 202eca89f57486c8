"""Presenting inside the main window: the "Presenteren" menu and starting a show.

There is one way to present: F5, Shift+F5, the menu and the "Presenteren" button on a meeting's
Agenda tab all present a meeting — the one open under Bijeenkomsten (Shift+F5 from the item chosen
on its Agenda tab), or, when none is open, a new one named after today with the programme chosen
last time (else the toolkit's first) — so quick notes and actual times always land in a meeting,
and the console says which. Only when the notes cannot be stored at all (no or a read-only
database) does the show run without a meeting; then the console says so and the quick note is
closed rather than typed into nothing. Agendas are planned in the meeting itself (its Agenda
tab): "Agenda plannen" (Ctrl+G) goes there, and never widens the window.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _, active
from opvoed_desktop.messages import user_message

if TYPE_CHECKING:
    # The show's machinery (services.presenting, the presenter's windows) is imported when a show
    # starts, not before the main window's first paint: ~30 ms of a start nobody presents in.
    from opvoed_desktop.content.model import Library, Programme
    from opvoed_desktop.services.presenting import AgendaItem, NoteSink, TimingRecorder
    from opvoed_desktop.services.presenting.meeting_show import MeetingShow
    from opvoed_desktop.ui.presenter import PresenterController

log = logging.getLogger(__name__)

NOTES_TAB, AGENDA_TAB = 3, 2  # the meeting editor's tabs


class PresentingHook(QObject):
    def __init__(self, window: QMainWindow, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.controller: PresenterController | None = None
        self.shown: MeetingShow | None = None  # the meeting being presented
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
        agenda = QAction(_("&Agenda plannen"), self.window)
        agenda.setShortcut(QKeySequence("Ctrl+G"))
        agenda.triggered.connect(self.show_agenda)
        menu.addAction(agenda)
        print_action = QAction(_("Draaiboek &afdrukken…"), self.window)
        print_action.triggered.connect(self.print_running_order)
        menu.addAction(print_action)
        self.start_action = start
        self.current_action = current
        self.agenda_action = agenda

    # Which meeting ------------------------------------------------------------------------
    def _meetings_view(self) -> Any:
        return getattr(self.window, "meetings_view", None)

    def _editor(self) -> Any:
        view = self._meetings_view()
        return view.editor if view is not None else None

    def show_agenda(self) -> None:
        """The open meeting's Agenda tab: the one place where an agenda is planned."""
        view = self._meetings_view()
        if view is None:
            return
        self.window.tabs.setCurrentWidget(view)  # type: ignore[attr-defined]
        editor = self._editor()
        if editor is None:
            self._say(_("Open of maak eerst een bijeenkomst; de agenda plant u op haar tabblad Agenda."))
            return
        editor.show_agenda()

    def print_running_order(self) -> None:
        editor = self._editor()
        if editor is None:
            self.show_agenda()
            return
        editor._sheet("running-order", "print")

    def current_item_index(self) -> int:
        """The agenda item chosen on the open meeting's Agenda tab (0 when none is)."""
        editor = self._editor()
        return editor.current_agenda_index() if editor is not None else 0

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

    # The programme for a new meeting --------------------------------------------------------
    def remember_programme(self, programme_id: str) -> None:
        """Keep the programme last chosen for a meeting: F5 with none open makes one with it."""
        from opvoed_desktop.settings import Settings

        services = getattr(self.window, "services", None)
        if not programme_id or services is None:
            return
        try:
            settings = Settings.load(services.data)
            if settings.last_programme != programme_id:
                settings.last_programme = programme_id
                settings.save(services.data)
        except OSError:
            log.warning("could not remember the programme", exc_info=False)  # only a convenience is lost

    def _programme_for_new_meeting(self) -> Programme | None:
        from opvoed_desktop.services.own_programmes import folder_of, load_own
        from opvoed_desktop.settings import Settings

        services = getattr(self.window, "services", None)
        remembered = Settings.load(services.data).last_programme if services is not None else None
        own: list[Programme] = []
        if remembered and services is not None and self.library.get(remembered) is None:
            try:
                own = load_own(folder_of(services.data.root))
            except OSError:
                own = []
        from opvoed_desktop.services.presenting.meeting_show import programme_for_new_meeting

        return programme_for_new_meeting(self.library, remembered, own)

    # Starting -----------------------------------------------------------------------------
    def start_from_beginning(self) -> None:
        """F5: from the very first slide (the welcome, while people come in)."""
        self.start(None)

    def start_from_chosen(self) -> None:
        """Shift+F5: from the agenda item chosen on the meeting's Agenda tab."""
        self.start(self.current_item_index())

    def start(self, item_index: int | None = None) -> None:
        if self.controller is not None:
            if item_index is None:
                self.controller.start(0)
            else:
                self.controller.start_at_item(item_index)
            return
        pending = getattr(self.window, "storage_pending", None)
        if callable(pending) and pending():
            # Not a show without a meeting: in a moment the notes can be stored.
            self._say(_("De bijeenkomsten worden nog geopend; druk zo opnieuw op F5."))
            return
        editor = self._editor()
        if editor is not None:
            self.present_meeting(editor.meeting_id, item_index)
        else:
            self._present_new_meeting(item_index)

    def present_meeting(self, meeting_id: str, item_index: int | None = None) -> None:
        """Present a stored meeting: its agenda, its notes, and record its actual times."""
        if self.controller is not None:
            return
        view = self._meetings_view()
        if view is not None:
            view.flush()  # what was typed in the meeting is stored before the show reads it
        from opvoed_desktop.services.presenting import MemoryNoteSink
        from opvoed_desktop.services.presenting.meeting_show import meeting_show

        service, reason = self._storage()
        reader = service or getattr(getattr(self.window, "services", None), "meetings", None)
        try:
            shown = meeting_show(reader, meeting_id)
        except (AppError, OSError) as exc:
            self._say(user_message(exc))
            return
        if not shown.items:
            self._empty_agenda(meeting_id)
            return
        if service is None:
            self._run(shown.items, shown, MemoryNoteSink(), None, item_index, reason)
            return
        if shown.programme_id:
            self.remember_programme(shown.programme_id)
        notes, recorder = shown.sinks(service)
        self._run(shown.items, shown, notes, recorder, item_index)

    def _empty_agenda(self, meeting_id: str) -> None:
        """Nothing to show: open the meeting's Agenda tab, where the agenda is made, and say so."""
        text = _("Deze bijeenkomst heeft nog geen agenda; kies eerst een programma.")
        self._say(text)
        view = self._meetings_view()
        if view is None:
            return
        tabs = getattr(self.window, "tabs", None)
        if tabs is not None:
            tabs.setCurrentWidget(view)
        editor = view.open_meeting(meeting_id, tab=AGENDA_TAB)
        if editor is not None:
            editor._say(text, True)
            editor.agenda.source.choice.setFocus()

    def _present_new_meeting(self, item_index: int | None) -> None:
        from opvoed_desktop.services.presenting import MemoryNoteSink, items_from_programme
        from opvoed_desktop.services.presenting.meeting_show import new_meeting_from_programme

        programme = self._programme_for_new_meeting()
        if programme is None:
            self._say(_("Er is geen programma om te presenteren; maak eerst een bijeenkomst met een agenda."))
            return
        service, reason = self._storage()
        if service is not None:
            try:
                shown = new_meeting_from_programme(
                    service, self.library, programme, now=datetime.now(), locale=active().locale
                )
            except (AppError, OSError) as exc:
                service, reason = None, user_message(exc)
            else:
                view = self._meetings_view()
                if view is not None:
                    view.refresh()
                    view.open_meeting(shown.meeting_id)
                self.remember_programme(programme.id)
                notes, recorder = shown.sinks(service)
                self._run(shown.items, shown, notes, recorder, item_index, programme_title=programme.title)
                return
        items = tuple(items_from_programme(programme, self.library))
        self._run(items, None, MemoryNoteSink(), None, item_index, reason)

    def _run(
        self,
        items: tuple[AgendaItem, ...] | list[AgendaItem],
        shown: MeetingShow | None,
        notes: NoteSink,
        recorder: TimingRecorder | None,
        item_index: int | None,
        unstored: str = "",
        programme_title: str = "",
    ) -> None:
        from opvoed_desktop.services.presenting import build_show
        from opvoed_desktop.ui.presenter import PresenterController

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
            self.controller.console.tell_meeting(shown.title, shown.created, programme_title)
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
