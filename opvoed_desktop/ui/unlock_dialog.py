"""The passphrase before the window opens encrypted notes, or the recovery key and a new passphrase.

A key the app can find itself (the OS keyring, a passphrase file) opens them without asking; the
work is storage/crypto.py, this module only asks and shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _, pgettext
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.errors import StorageError
from opvoed_desktop.ui.encryption_widgets import (
    NewPassphrase,
    Pages,
    fit,
    password_field,
    say,
    sentence_label,
    wrapping,
)


def unlock_at_start(paths: DataPaths, parent: QWidget | None = None) -> bool:
    """Before the window opens the notes: the key from the keyring or the passphrase file, else
    ask. False when the person closed the dialog (the app then stops)."""
    if not crypto.is_encrypted(paths) or crypto.is_unlocked(paths):
        return True
    try:
        crypto.ensure_unlocked(paths)
        return True
    except crypto.KeyFileDamagedError:
        # No passphrase can open the notes with this key file: the window opens without them (the
        # toolkit, presenting) and its banner says the key file is damaged and how to put it back.
        return True
    except StorageError:
        pass  # no remembered key, or a passphrase file that does not fit: ask
    dialog = UnlockDialog(paths, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


class UnlockDialog(QDialog):
    """Passphrase (with "onthoud op deze computer"), or the recovery key and a new passphrase."""

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(_("Aantekeningen openen"))
        self.pages = Pages()
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        fit(self, layout)

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrapping(_("Uw aantekeningen zijn versleuteld. Typ uw wachtwoord om ze te openen.")))
        self.passphrase = password_field(pgettext("wachtwoord van de aantekeningen", "Wachtwoord"))
        layout.addWidget(self.passphrase)
        self.error = sentence_label()
        layout.addWidget(self.error)
        self.remember = QCheckBox(_("Onthoud op deze computer"))
        self.remember.setToolTip(
            _("Het wachtwoord wordt dan niet meer gevraagd op deze computer, zolang u daar ingelogd bent.")
        )
        layout.addWidget(self.remember)
        self.forgot = QPushButton(_("Wachtwoord vergeten? Herstelsleutel gebruiken"))
        self.forgot.setFlat(True)
        # Return is for "Openen": this button must never become the default (it would switch
        # the page under a person who pressed Return after a wrong passphrase).
        self.forgot.setAutoDefault(False)
        self.forgot.clicked.connect(lambda: self._show_recovery())
        layout.addWidget(self.forgot, alignment=Qt.AlignmentFlag.AlignLeading)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(_("Openen"), QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(_("Afsluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            wrapping(
                _(
                    "Typ de herstelsleutel over van het papier (32 tekens; hoofdletters, spaties en "
                    "streepjes maken niet uit) en kies een nieuw wachtwoord."
                )
            )
        )
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery.setAccessibleName(_("Herstelsleutel"))
        self.recovery.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # the key reads left to right
        layout.addWidget(self.recovery)
        self.recovery_error = sentence_label()
        layout.addWidget(self.recovery_error)
        self.new_passphrase = NewPassphrase()
        layout.addWidget(self.new_passphrase)
        buttons = QDialogButtonBox()
        self.recover_button = buttons.addButton(
            _("Openen en wachtwoord instellen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        back = buttons.addButton(_("Terug"), QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.clicked.connect(self._recover)
        back.setAutoDefault(False)
        back.clicked.connect(self._show_passphrase)
        layout.addWidget(buttons)
        return page

    def _show_recovery(self) -> None:
        self.pages.setCurrentIndex(1)
        self.open_button.setDefault(False)
        self.recover_button.setDefault(True)
        self.recovery.setFocus()

    def _show_passphrase(self) -> None:
        self.pages.setCurrentIndex(0)
        self.recover_button.setDefault(False)
        self.open_button.setDefault(True)
        self.passphrase.setFocus()

    def _open(self) -> None:
        text = self.passphrase.text()
        if not text:
            say(self.error, _("Typ eerst uw wachtwoord."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = crypto.unlock(self.paths, text)
        except StorageError as exc:  # wrong passphrase, damaged key file: one sentence, try again
            say(self.error, str(exc))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        if self.remember.isChecked() and not crypto.remember(self.paths, key):
            QMessageBox.information(
                self,
                _("Niet onthouden"),
                _(
                    "Deze computer heeft geen sleutelbos voor wachtwoorden; u wordt er de volgende keer "
                    "weer om gevraagd."
                ),
            )
        self.accept()

    def _recover(self) -> None:
        new = self.new_passphrase.value()
        if new is None:
            return
        try:
            key = crypto.unlock_with_recovery(self.paths, self.recovery.text())
            crypto.set_passphrase(self.paths, key, new)
        except StorageError as exc:
            say(self.recovery_error, str(exc))
            self.recovery.setFocus()
            return
        self.accept()
