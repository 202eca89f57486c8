"""The main window: library, meetings and local contacts as tabs; menus; storage messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from opvoed_desktop import __version__
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.i18n.translator import is_rtl
from opvoed_desktop.ui import window_state
from opvoed_desktop.ui.language_choices import content_language_choices, language_choices
from opvoed_desktop.ui.library_view import LibraryView
from opvoed_desktop.ui.notes_actions import NotesActions
from opvoed_desktop.ui.storage_loader import after_first_paint, fill_once
from opvoed_desktop.ui.welcome import welcome_banner

if TYPE_CHECKING:
    from opvoed_desktop.services.context import AppContext
    from opvoed_desktop.ui.meetings.meetings_view import MeetingsView


class MainWindow(QMainWindow, NotesActions):
    def __init__(self, services: AppContext, place: window_state.WindowState | None = None) -> None:
        """`place`: where to open (the old window's, after a change of language); by default the
        meeting given with --open, else where the app was left."""
        super().__init__()
        self.services = services
        self._place = place
        self.meetings_view: MeetingsView | None = None
        self._show_open_title("")
        self.resize(1280, 800)
        screen = self.screen()
        if screen is not None:
            # Borrowed laptops often have 1366×768: never open larger than the screen.
            room = screen.availableGeometry()
            self.resize(min(1280, room.width() * 95 // 100), min(800, room.height() * 92 // 100))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problem_banner = self._problem_banner()
        if self.problem_banner is not None:
            layout.addWidget(self.problem_banner)
        from opvoed_desktop.ui.storage_guard import StorageGuard

        self.storage_guard = StorageGuard(self, services)
        self.storage_guard.recovered.connect(self._reload_meetings)
        self.storage_banner = self.storage_guard.banner
        self.restore_offer = self.storage_guard.restore_button
        layout.addWidget(self.storage_banner)
        layout.addWidget(self.restore_offer)
        self.welcome_banner = welcome_banner(services.data, central)  # first start only
        if self.welcome_banner is not None:
            layout.addWidget(self.welcome_banner)
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("mainTabs")
        self.library_view = LibraryView(
            services.library,
            lambda: services.search,  # built on the first search, not before the first paint
            central,
            lookup=services.content_lookup,
            rtl=is_rtl(services.content_language),
        )
        self.tabs.addTab(self.library_view, _("Bibliotheek"))
        self._storage_pending = services.storage_deferred and services.database is None
        self._placeholders: list[QWidget] = []
        if self._storage_pending:  # filled when the database is open, right after the first paint
            self._placeholders = [QWidget(self.tabs), QWidget(self.tabs)]
            self.tabs.addTab(self._placeholders[0], _("Bijeenkomsten"))
            self.tabs.addTab(self._placeholders[1], _("Contacten"))
        else:
            self._add_meeting_tabs()
        from opvoed_desktop.ui.handouts_tab import HandoutsTab  # light: the PDF machinery loads on first show

        self.handouts_tab = HandoutsTab(services, central)
        self.tabs.addTab(self.handouts_tab, _("Hand-outs"))
        from opvoed_desktop.ui.translation_tab import TranslationTab  # the editor is built on first show

        self.translation_editor = TranslationTab(services, central)
        self.tabs.addTab(self.translation_editor, _("Vertalen"))
        layout.addWidget(self.tabs)
        from opvoed_desktop.ui.reflow import scrollable  # large text on a small screen scrolls, never clips

        self.setCentralWidget(scrollable(central))
        self._build_menus()
        self.statusBar().showMessage(_("Alles blijft op deze laptop; er gaat niets over internet."), 8000)
        if self._storage_pending:
            # Paint first: the database opens on a thread right after (ui/storage_loader.py).
            from opvoed_desktop.ui.storage_loader import StorageLoader

            self.storage_loader = StorageLoader(services, self._storage_opened, self)
            after_first_paint(self, self.storage_loader.start)
        else:
            self._after_storage()

    def _after_storage(self) -> None:
        services = self.services
        place, self._place = self._place, None
        if self.meetings_view is not None:
            # A programme taken into a meeting's agenda is what F5 with no meeting open uses next.
            self.meetings_view.programme_chosen.connect(self.presenting.remember_programme)
        if place is not None:
            window_state.restore(self, place)
        elif services.open_meeting and self.meetings_view is not None:
            QTimer.singleShot(0, lambda: self.open_meeting_notes(str(services.open_meeting)))
        elif self.meetings_view is not None:
            QTimer.singleShot(0, lambda: window_state.restore(self, window_state.remembered(services)))
        window_state.follow(self)
        # After the first paint: the whole-file check (seconds on a large database) and the backup.
        QTimer.singleShot(0, self.storage_guard.start)

    def storage_pending(self) -> bool:
        """The notes database is still being opened (the window painted first)."""
        return self._storage_pending

    def _storage_opened(self, failure: BaseException | None) -> None:
        """On the UI thread, once the database is open (or could not be): fill what needs it."""
        self._storage_pending = False
        self.storage_guard.attach()
        current = self.tabs.currentIndex()
        for placeholder in self._placeholders:
            self.tabs.removeTab(self.tabs.indexOf(placeholder))
            placeholder.deleteLater()
        self._placeholders = []
        self._add_meeting_tabs(at=1)
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))
        self._add_storage_actions()
        self._add_tab_shortcuts()
        self.handouts_tab.storage_ready()
        self._after_storage()
        if failure is not None:
            raise failure  # a bug: the app's error hooks show one sentence and log the details

    # Banners -----------------------------------------------------------------------------------

    def _banner(self, text: str, name: str) -> QLabel:
        banner = QLabel(text, self)
        banner.setObjectName(name)
        banner.setWordWrap(True)
        banner.setStyleSheet("background:#fdecea; color:#611a15; padding:8px;")
        return banner

    def _problem_banner(self) -> QLabel | None:
        library = self.services.library
        if not library.skipped:
            return None
        names = ", ".join(p.name for p in library.skipped[:5])
        text = ngettext(
            "Eén inhoudsbestand is overgeslagen omdat het een fout bevat ({names}); "
            "'opvoed-desktop content check' laat zien wat er mis is.",
            "{n} inhoudsbestanden zijn overgeslagen omdat ze fouten bevatten ({names}); "
            "'opvoed-desktop content check' laat zien wat er mis is.",
            len(library.skipped),
        ).format(n=len(library.skipped), names=names)
        return self._banner(text, "problemBanner")

    def restore_newest_backup(self, path: Any) -> None:
        self.storage_guard.restore(path)

    def _reload_meetings(self) -> None:
        if self.meetings_view is not None:
            self.meetings_view.reload_municipalities()
            self.meetings_view.refresh()

    # Tabs ----------------------------------------------------------------------------------------

    def _add_meeting_tabs(self, at: int = -1) -> None:
        service = self.services.meetings
        if service is None:
            reason = self.services.storage_message or _("De bijeenkomsten zijn niet beschikbaar.")
            self.tabs.insertTab(at, self._banner(reason, "meetingsUnavailable"), _("Bijeenkomsten"))
            return
        from opvoed_desktop.ui.meetings.contacts_view import ContactsView
        from opvoed_desktop.ui.meetings.meetings_view import MeetingsView

        self.meetings_view = MeetingsView(service, self.services.library, self)
        self.meetings_view.present_requested.connect(self.present_meeting)
        self.meetings_view.open_title_changed.connect(self._show_open_title)
        self.tabs.insertTab(at, self.meetings_view, _("Bijeenkomsten"))
        self.contacts_view = ContactsView(service, self)
        self.tabs.insertTab(at if at < 0 else at + 1, self.contacts_view, _("Contacten"))
        self.tabs.currentChanged.connect(self._tab_changed)

    def open_meeting_notes(self, meeting_id: str) -> None:
        """Open a meeting at its notes with the cursor in the note (a shortcut and the tests use it)."""
        if self.meetings_view is None:
            return
        self.tabs.setCurrentWidget(self.meetings_view)
        matches = [m.id for m in self.meetings_view.model.rows if m.id.startswith(meeting_id)]
        editor = self.meetings_view.open_meeting(matches[0] if len(matches) == 1 else meeting_id, tab=3)
        if editor is not None:
            editor.note_editor.setFocus()

    def _show_open_title(self, meeting_title: str) -> None:
        if meeting_title.strip():
            self.setWindowTitle(_("{meeting} — Opvoed Desktop").format(meeting=meeting_title.strip()))
        else:
            self.setWindowTitle(_("Opvoed Desktop — samenwerking formele en informele opvoedondersteuning"))

    def present_meeting(self, meeting_id: str) -> None:
        """The meeting's own "Presenteren" button: the same way to present as F5 (presenting_hook)."""
        self.presenting.present_meeting(meeting_id)

    def _tab_changed(self, _index: int) -> None:
        if self.meetings_view is not None:
            self.meetings_view.flush()
            editor = self.meetings_view.editor
            if editor is not None and self.tabs.currentWidget() is self.handouts_tab:
                self.handouts_tab.suggest_meeting(editor.meeting_id)

    # Menus -----------------------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(_("&Bestand"))
        self.quit_action = self._action(_("&Afsluiten"), self.close, QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(_("Beel&d"))
        view_menu.addAction(self._action(_("&Zoeken"), self._focus_search, QKeySequence.StandardKey.Find))
        from opvoed_desktop.ui.view_options import ViewOptions  # text size and theme for the whole app

        self.view_options = ViewOptions(self, view_menu, self.services.data)
        self.view_menu = view_menu
        view_menu.addSeparator()
        self._tab_end: QAction | None = None  # the Alt+n entries go before this one
        self._tab_actions: list[QAction] = []
        self._add_tab_shortcuts()

        from opvoed_desktop.ui.presenting_hook import install_presenting

        self.presenting = install_presenting(self, self.services.library)  # the menu "Presenteren"
        # Both language lists ask babel about every language: filled when first opened.
        reading_menu = view_menu.addMenu(_("Taal van de &inhoud"))
        fill_once(reading_menu, self._fill_reading_menu)
        language_menu = view_menu.addMenu(_("&Taal van de app"))
        fill_once(language_menu, self._fill_language_menu)
        self._tab_end = reading_menu.menuAction()

        self.help_menu = self.menuBar().addMenu(_("&Help"))
        self.about_action = self._action(_("&Over Opvoed Desktop"), self._about)
        self.help_menu.addAction(self.about_action)
        self._add_storage_actions()

    def _add_tab_shortcuts(self) -> None:
        """Alt+1 … Alt+n go to the tabs, whatever their number and language."""
        for action in self._tab_actions:
            self.view_menu.removeAction(action)
        self._tab_actions = []
        for index in range(min(self.tabs.count(), 9)):
            label = self.tabs.tabText(index)
            action = self._action(label, lambda _c=False, i=index: self.tabs.setCurrentIndex(i), f"Alt+{index + 1}")
            if self._tab_end is None:
                self.view_menu.addAction(action)
            else:
                self.view_menu.insertAction(self._tab_end, action)
            self._tab_actions.append(action)

    def _fill_reading_menu(self, menu: QMenu) -> None:
        for code, label in content_language_choices(self.services.data):
            action = self._action(label, lambda _c=False, c=code: self.switch_content_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.services.content_language)
            menu.addAction(action)

    def _fill_language_menu(self, menu: QMenu) -> None:
        for code, label in language_choices():
            action = self._action(label, lambda _c=False, c=code: self.switch_language(c))
            action.setCheckable(True)
            action.setChecked(code == self.services.translator.locale)
            menu.addAction(action)

    def switch_language(self, code: str) -> MainWindow | None:
        """Change the interface language without a restart: store work, rebuild the window."""
        from PySide6.QtWidgets import QApplication

        from opvoed_desktop.ui.application import configure

        if self.meetings_view is not None and not self.meetings_view.flush():
            return None
        if not self.services.languages.use_interface(code):
            self.statusBar().showMessage(
                _("De taalkeuze kon niet worden bewaard; volgende keer start de app in het Nederlands.")
            )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            configure(app, self.services)
        return self._rebuild()

    def switch_content_language(self, code: str) -> MainWindow | None:
        """Show the toolkit in another language (Dutch where it is not translated yet)."""
        if self.meetings_view is not None and not self.meetings_view.flush():
            return None
        if not self.services.languages.choose_reading(code):
            self.statusBar().showMessage(_("De keuze kon niet worden bewaard; hij geldt tot u de app sluit."))
        return self._rebuild()

    def _rebuild(self) -> MainWindow:
        replacement = MainWindow(self.services, place=window_state.capture(self))
        replacement.setGeometry(self.geometry())
        replacement.show()
        self.replaced_by = replacement
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close()
        return replacement

    def _focus_search(self) -> None:
        if self.tabs.currentWidget() is self.meetings_view and self.meetings_view is not None:
            self.meetings_view.search_field.setFocus()
            self.meetings_view.search_field.selectAll()
            return
        self.tabs.setCurrentWidget(self.library_view)
        self.library_view.focus_search()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("Over Opvoed Desktop"),
            _(
                "Opvoed Desktop {version}\n\nEen hulpmiddel voor bijeenkomsten tussen formele en "
                "informele opvoedondersteuning. Werkt zonder internet; aantekeningen blijven op "
                "deze laptop. Zie 'Over deze toolkit' in de bibliotheek voor de bronnen."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.meetings_view is not None and not self.meetings_view.flush():
            answer = QMessageBox.warning(
                self,
                _("Niet alles is bewaard"),
                _("Een aantekening kon niet worden bewaard. Toch afsluiten? Dan gaat die tekst verloren."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)
