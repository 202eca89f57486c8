"""The main window's commands that need the notes database: export, import, trash, backups, the
worked example. Added to the menus once the database is open (MainWindow inherits them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from opvoed_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from opvoed_desktop.services.context import AppContext
    from opvoed_desktop.ui.meetings.meetings_view import MeetingsView


class NotesActions:
    """Mixed into MainWindow (a QMainWindow with `services`, `meetings_view`, `tabs` and the menus)."""

    services: AppContext
    meetings_view: MeetingsView | None
    file_menu: Any
    help_menu: Any
    quit_action: QAction
    about_action: QAction
    encryption: Any  # the Bestand entries of ui/encryption.py, once the notes are open
    tabs: Any
    # And from MainWindow and QMainWindow (annotations only: the real methods come first in the MRO).
    _action: Any
    statusBar: Any

    def _add_storage_actions(self) -> None:
        """The menu entries that need the notes, once the database is open."""
        if self.services.meetings is None:
            return
        before = self.quit_action
        for text, slot, shortcut in (
            (_("Bijeenkomst &exporteren…"), self.export_meeting, "Ctrl+E"),
            (_("Een &periode exporteren…"), self.export_period, None),
            (_("Bundel &importeren…"), self.import_bundle, None),
            (None, None, None),
            (_("&Prullenbak…"), self.show_trash, None),
            (_("&Reservekopieën…"), self.show_backups, None),
            (None, None, None),
        ):
            if text is None:
                self.file_menu.insertSeparator(before)
            else:
                self.file_menu.insertAction(before, self._action(text, slot, shortcut))
        example = self._action(_("&Voorbeeldbijeenkomst Lindewaard openen"), self.open_worked_example)
        self.help_menu.insertAction(self.about_action, example)
        from opvoed_desktop.ui.hub.menu import install_menu  # the organisation's hub (opvoed_desktop/hub)

        install_menu(self)
        from opvoed_desktop.ui.encryption import install_encryption

        # "Versleutel mijn aantekeningen", before Afsluiten: only with notes that opened (a database
        # that could not open cannot be converted; the banner says why it did not open).
        self.encryption = install_encryption(self)

    def _export_service(self) -> Any:
        return self.services.exports()

    def export_meeting(self) -> None:
        from opvoed_desktop.ui.export_dialog import ExportDialog

        view = self.meetings_view
        if view is None or view.editor is None:
            self.statusBar().showMessage(_("Open eerst een bijeenkomst om te exporteren."), 6000)
            if view is not None:
                self.tabs.setCurrentWidget(view)
            return
        view.flush()
        ExportDialog(
            self._export_service(), self, meeting_id=view.editor.meeting_id, lang=self.services.translator.locale
        ).exec()

    def export_period(self) -> None:
        from opvoed_desktop.ui.export_dialog import ExportDialog

        if self.services.meetings is None:
            return
        if self.meetings_view is not None:
            self.meetings_view.flush()
        ExportDialog(
            self._export_service(),
            self,
            municipalities=self.services.meetings.municipalities(),
            lang=self.services.translator.locale,
        ).exec()

    def import_bundle(self) -> None:
        from opvoed_desktop.ui.export_dialog import ImportDialog

        if self.meetings_view is not None:
            self.meetings_view.close_editor()
        ImportDialog(self._export_service(), self).exec()
        if self.meetings_view is not None:
            self.meetings_view.reload_municipalities()
            self.meetings_view.refresh()

    def show_trash(self) -> None:
        from opvoed_desktop.ui.meetings.trash_dialog import TrashDialog

        if self.services.meetings is None:
            return
        TrashDialog(self.services.meetings, self, self.services.database).exec()
        if self.meetings_view is not None:
            self.meetings_view.refresh()

    def show_backups(self) -> None:
        from opvoed_desktop.ui.meetings.backups_dialog import BackupsDialog

        if self.meetings_view is not None:
            self.meetings_view.close_editor()
        BackupsDialog(self.services.database, self).exec()
        if self.meetings_view is not None:
            self.meetings_view.reload_municipalities()
            self.meetings_view.refresh()

    def open_worked_example(self) -> None:
        """The worked example of the library as a sample meeting (made once), opened in Bijeenkomsten."""
        from opvoed_desktop.services.worked_example import load_worked_example
        from opvoed_desktop.storage import StorageError

        if self.services.meetings is None or self.meetings_view is None or not self.meetings_view.close_editor():
            return
        try:
            meeting_id = load_worked_example(self.services.meetings, self.services.library)
        except (StorageError, LookupError) as exc:
            QMessageBox.warning(self, _("Voorbeeld niet geladen"), str(exc))
            return
        self.meetings_view.reload_municipalities()
        self.meetings_view.refresh()
        self.tabs.setCurrentWidget(self.meetings_view)
        self.meetings_view.open_meeting(meeting_id)
