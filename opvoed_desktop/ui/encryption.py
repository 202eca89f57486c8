"""Encryption in the Bestand menu: "Versleutel mijn aantekeningen" (ticked when they are), turning it
off after a confirmation, and "Wachtwoord wijzigen…".

The dialogs live beside this module: unlock_dialog.py (the passphrase at start), encrypt_dialog.py
(turning it on, the recovery key shown once and as a PDF), encryption_widgets.py (their shared parts).
The work itself is storage/crypto.py and storage/convert.py; the window only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.errors import StorageError
from opvoed_desktop.ui.encrypt_dialog import EncryptDialog
from opvoed_desktop.ui.encryption_widgets import NewPassphrase, fit, password_field, say, sentence_label


class ChangePassphraseDialog(QDialog):
    """The current passphrase, then a new one typed twice; the database key and the recovery key stay."""

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(_("Wachtwoord wijzigen"))
        layout = QVBoxLayout(self)
        self.current = password_field(_("Huidig wachtwoord"))
        self.error = sentence_label()
        self.new_passphrase = NewPassphrase()
        for widget in (self.current, self.error, self.new_passphrase):
            layout.addWidget(widget)
        buttons = QDialogButtonBox()
        self.change_button = buttons.addButton(_("Wijzigen"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.change_button.clicked.connect(self._change)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        fit(self, layout)

    def _change(self) -> None:
        new = self.new_passphrase.value()
        if new is None:
            return
        try:
            key = crypto.unlock(self.paths, self.current.text())
            crypto.set_passphrase(self.paths, key, new)
        except StorageError as exc:
            say(self.error, str(exc))
            self.current.setFocus()
            return
        self.accept()


# The menu ------------------------------------------------------------------------------------------
class EncryptionMenu(QObject):
    """ "Versleutel mijn aantekeningen" (ticked when they are) and "Wachtwoord wijzigen…" in Bestand."""

    def __init__(self, window: QMainWindow, services: Any, menu: Any, before: QAction | None) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.toggle = QAction(_("Versleutel mijn aantekeningen…"), window)
        self.toggle.setCheckable(True)
        self.toggle.triggered.connect(self._toggled)
        self.change = QAction(_("Wachtwoord wijzigen…"), window)
        self.change.triggered.connect(self._change)
        menu.insertAction(before, self.toggle)
        menu.insertAction(before, self.change)
        menu.insertSeparator(before)
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        paths = self.services.data
        encrypted = crypto.is_encrypted(paths)
        database = self.services.database
        from opvoed_desktop.storage import convert

        # Half-way (a conversion cut off): not ticked, so choosing it finishes the job rather than
        # offering only to turn encryption off while plain copies of the notes are still on disk.
        self.toggle.setChecked(encrypted and not convert.unfinished(paths))
        self.toggle.setEnabled(database is not None and not database.read_only)
        # Changing the passphrase rewrites the key file: not in a data dir opened for reading only.
        self.change.setEnabled(encrypted and (database is None or not database.read_only))

    def _toggled(self, checked: bool) -> None:
        if checked:
            self._encrypt()
        else:
            self._decrypt()
        self.refresh()

    def _flush(self) -> None:
        flush: Callable[[], None] | None = getattr(getattr(self.window, "meetings_view", None), "flush", None)
        if flush is not None:
            flush()  # what was typed is stored before the files are converted

    def _encrypt(self) -> None:
        self._flush()
        EncryptDialog(self.services.data, self.services.database, self.window).exec()
        self._drop_unfinished_notice()

    def _drop_unfinished_notice(self) -> None:
        """An encryption cut off earlier is now finished: the start's banner no longer holds."""
        from opvoed_desktop.storage import convert

        storage = getattr(self.services, "storage", None)
        notice = getattr(storage, "unfinished_notice", None)
        guard = getattr(self.window, "storage_guard", None)
        if not notice or guard is None or convert.unfinished(self.services.data):
            return
        storage.unfinished_notice = None  # type: ignore[union-attr]
        guard.say(guard.banner.text().replace(notice, "").strip())

    def _decrypt(self) -> None:
        answer = QMessageBox.question(
            self.window,
            _("Versleuteling uitzetten"),
            _(
                "Dan worden de aantekeningen en reservekopieën weer zonder wachtwoord bewaard: wie deze computer "
                "of een kopie van de map heeft, kan ze lezen. Versleuteling uitzetten?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._flush()
        from opvoed_desktop.storage import convert

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            convert.decrypt(self.services.data, database=self.services.database)
        except StorageError as exc:
            QMessageBox.warning(self.window, _("Versleuteling uitzetten"), str(exc))
        finally:
            QApplication.restoreOverrideCursor()

    def _change(self) -> None:
        ChangePassphraseDialog(self.services.data, self.window).exec()


def install_encryption(window: Any) -> EncryptionMenu:
    return EncryptionMenu(window, window.services, window.file_menu, window.quit_action)
