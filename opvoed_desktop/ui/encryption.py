"""Encryption in the window: the passphrase at start, "Versleutel mijn aantekeningen" in the
Bestand menu (a choice of passphrase with its strength, progress, the recovery key shown once and
as a PDF), changing the passphrase and turning encryption off after a confirmation.

The work itself is storage/crypto.py and storage/convert.py; this module only asks and shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.errors import StorageError


def _sentence_label() -> QLabel:
    """Where a plain sentence about the field above appears (red, wraps, empty when all is well)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setAccessibleName(_("Melding"))
    return label


def _say(label: QLabel, text: str) -> None:
    """Show a sentence in a wrapping label and let the dialog grow to it: a dialog's layout does
    not follow a wrapped label's height when its text changes later (two lines would overlap the
    buttons below)."""
    label.setText(text)
    width = label.width() if label.isVisible() and label.width() > 50 else label.minimumWidth() or 400
    label.setMinimumHeight(label.heightForWidth(width) if text else 0)
    # Each nested layout learns the new minimum only when activated, innermost first.
    widget = label.parentWidget()
    while widget is not None:
        if widget.layout() is not None:
            widget.layout().activate()
        widget = widget.parentWidget()
    label.window().adjustSize()


def _wrapping(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _fit(dialog: QDialog, layout: QVBoxLayout) -> None:
    """Wide enough for sentences, and growing with them: wrapped labels (a sentence appearing at
    a field, 40% longer translations) never squeeze the fields."""
    # On the children: the size constraint makes the dialog's own minimum the layout's.
    width = max(480, dialog.fontMetrics().averageCharWidth() * 80)
    for index in range(layout.count()):
        child = layout.itemAt(index).widget()
        if child is not None:
            child.setMinimumWidth(width)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)


class _Pages(QWidget):
    """One page at a time. Not a QStackedWidget: that one hides its pages' height-for-width, so
    wrapped sentences would overlap the fields below them."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = 0

    def addWidget(self, page: QWidget) -> None:
        page.setVisible(not self._pages)
        self._pages.append(page)
        self._layout.addWidget(page)

    def currentIndex(self) -> int:
        return self._current

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for n, page in enumerate(self._pages):
            page.setVisible(n == index)
        window = self.window()
        window.adjustSize()


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(placeholder)
    return field


# Start ---------------------------------------------------------------------------------------------
def unlock_at_start(paths: DataPaths, parent: QWidget | None = None) -> bool:
    """Before the window opens the notes: the key from the keyring or the passphrase file, else
    ask. False when the person closed the dialog (the app then stops)."""
    if not crypto.is_encrypted(paths) or crypto.is_unlocked(paths):
        return True
    try:
        crypto.ensure_unlocked(paths)
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
        self.pages = _Pages()
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        _fit(self, layout)

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrapping(_("Uw aantekeningen zijn versleuteld. Typ uw wachtwoord om ze te openen.")))
        self.passphrase = _password_field(_("Wachtwoord"))
        layout.addWidget(self.passphrase)
        self.error = _sentence_label()
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
            _wrapping(
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
        self.recovery_error = _sentence_label()
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
            _say(self.error, _("Typ eerst uw wachtwoord."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = crypto.unlock(self.paths, text)
        except StorageError as exc:  # wrong passphrase, damaged key file: one sentence, try again
            _say(self.error, str(exc))
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
            _say(self.recovery_error, str(exc))
            self.recovery.setFocus()
            return
        self.accept()


class NewPassphrase(QWidget):
    """A new passphrase typed twice, with its strength shown while typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.first = _password_field(_("Nieuw wachtwoord"))
        self.second = _password_field(_("Nieuw wachtwoord nog een keer"))
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        hint = _wrapping(
            _(
                "Een paar losse woorden die samen een zin vormen, zijn sterk en goed te onthouden "
                "(minstens {n} tekens)."
            ).format(n=crypto.MIN_PASSPHRASE)
        )
        self.error = _sentence_label()
        for widget in (hint, self.first, self.strength, self.second, self.error):
            layout.addWidget(widget)
        self.first.textChanged.connect(self._show_strength)
        self._show_strength("")

    def _show_strength(self, text: str) -> None:
        score = crypto.strength(text)
        self.strength.setText(_("Sterkte: {label}").format(label=crypto.strength_label(score)))
        if self.error.text():
            _say(self.error, "")

    def value(self) -> str | None:
        """The passphrase, or None with a sentence at the field."""
        first, second = self.first.text(), self.second.text()
        try:
            crypto.check_passphrase(first)
        except StorageError as exc:
            _say(self.error, str(exc))
            self.first.setFocus()
            return None
        if first != second:
            _say(self.error, _("De twee wachtwoorden zijn niet gelijk; typ ze nog eens."))
            self.second.setFocus()
            return None
        return first


# Turning it on -------------------------------------------------------------------------------------
class _Bridge(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object, str)  # (outcome or None, error sentence or "")


class EncryptDialog(QDialog):
    """Choose a passphrase → convert with progress → the recovery key, once, with a PDF."""

    def __init__(self, paths: DataPaths, database: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.database = database
        self.recovery_key: str | None = None
        self.thread: threading.Thread | None = None
        self.setWindowTitle(_("Versleutel mijn aantekeningen"))
        self.pages = _Pages()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        _fit(self, layout)
        self.bridge = _Bridge(self)
        self.bridge.progress.connect(self._progress)
        self.bridge.finished.connect(self._finished)

    def _choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapping(
                _(
                    "Met een wachtwoord kan niemand uw aantekeningen en reservekopieën lezen als de laptop of "
                    "een USB-stick kwijtraakt. U krijgt daarna een herstelsleutel voor als u het wachtwoord vergeet."
                )
            )
        )
        self.new_passphrase = NewPassphrase()
        layout.addWidget(self.new_passphrase)
        self.remember = QCheckBox(_("Onthoud op deze computer"))
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(_("Versleutelen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        cancel = buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self._start)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.step = _wrapping(_("Reservekopie maken…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(
            _wrapping(_("Dit kan niet halverwege worden afgebroken; uw aantekeningen blijven intussen bewaard."))
        )
        self.failure = _sentence_label()
        layout.addWidget(self.failure)
        self.close_failed = QPushButton(_("Sluiten"))
        self.close_failed.clicked.connect(self.reject)
        self.close_failed.hide()
        layout.addWidget(self.close_failed, alignment=Qt.AlignmentFlag.AlignTrailing)
        return page

    def _key_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapping(
                _(
                    "Klaar: uw aantekeningen zijn versleuteld. Dit is uw herstelsleutel. Hij wordt maar één keer "
                    "getoond: schrijf hem op of bewaar hem als PDF en print die, en bewaar het papier op een andere "
                    "plek dan deze computer."
                )
            )
        )
        self.key_label = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4 if font.pointSizeF() > 0 else 14)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # the key reads left to right
        self.key_label.setAccessibleName(_("Herstelsleutel"))
        layout.addWidget(self.key_label)
        self.pdf_button = QPushButton(_("Bewaren als PDF…"))
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self._save_pdf)
        layout.addWidget(self.pdf_button, alignment=Qt.AlignmentFlag.AlignLeading)
        self.pdf_note = _wrapping("")
        layout.addWidget(self.pdf_note)
        self.written = QCheckBox(_("Ik heb de herstelsleutel opgeschreven of geprint"))
        layout.addWidget(self.written)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(_("Klaar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        self.written.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self._done)
        layout.addWidget(buttons)
        return page

    def _start(self) -> None:
        passphrase = self.new_passphrase.value()
        if passphrase is None:
            return
        self.pages.setCurrentIndex(1)
        bridge = self.bridge
        paths, database = self.paths, self.database

        def work() -> None:
            from opvoed_desktop.storage import convert

            try:
                outcome = convert.encrypt(
                    paths, passphrase, lambda d, t, what: bridge.progress.emit(d, t, what), database=database
                )
            except StorageError as exc:
                bridge.finished.emit(None, str(exc))
                return
            except Exception as exc:  # a bug: the log has it (errorlog's thread hook); say one sentence
                bridge.finished.emit(None, _("Versleutelen is mislukt; er is niets veranderd."))
                raise exc
            bridge.finished.emit(outcome, "")

        self.thread = threading.Thread(target=work, name="encrypt", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int, what: str) -> None:
        self.step.setText(what)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _finished(self, outcome: Any, error: str) -> None:
        if outcome is None:
            self.bar.setRange(0, 1)
            _say(self.failure, error)
            self.close_failed.show()
            return
        self.recovery_key = outcome.recovery_key
        self.key_label.setText(self.recovery_key or "")
        if self.remember.isChecked():
            from opvoed_desktop.storage import keys

            key = keys.registered(self.paths.root)
            if key is not None and not crypto.remember(self.paths, key):
                _say(
                    self.pdf_note,
                    _("Deze computer heeft geen sleutelbos; het wachtwoord wordt bij elke start gevraagd."),
                )
        self.pages.setCurrentIndex(2)

    def _save_pdf(self) -> None:
        if not self.recovery_key:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Herstelsleutel bewaren"), str(Path.home() / (_("herstelsleutel") + ".pdf")), "PDF (*.pdf)"
        )
        if not name:
            return
        from opvoed_desktop.recovery_sheet import write_recovery_sheet

        try:
            target = write_recovery_sheet(Path(name), self.recovery_key, self.paths.root)
        except OSError as exc:
            from opvoed_desktop.errors import user_message

            _say(self.pdf_note, user_message(exc))
            return
        _say(self.pdf_note, _("Bewaard in {path}. Print het en wis het bestand daarna.").format(path=target))

    def _done(self) -> None:
        self.recovery_key = None
        self.key_label.clear()
        self.accept()

    def reject(self) -> None:
        if self.thread is not None and self.thread.is_alive():
            return  # the files are being swapped: closing now would hide how it ended
        if self.pages.currentIndex() == 2 and not self.written.isChecked():
            return  # the key is shown only once: "Klaar" after ticking that it is written down
        super().reject()


class ChangePassphraseDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(_("Wachtwoord wijzigen"))
        layout = QVBoxLayout(self)
        self.current = _password_field(_("Huidig wachtwoord"))
        self.error = _sentence_label()
        self.new_passphrase = NewPassphrase()
        for widget in (self.current, self.error, self.new_passphrase):
            layout.addWidget(widget)
        buttons = QDialogButtonBox()
        self.change_button = buttons.addButton(_("Wijzigen"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        self.change_button.clicked.connect(self._change)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        _fit(self, layout)

    def _change(self) -> None:
        new = self.new_passphrase.value()
        if new is None:
            return
        try:
            key = crypto.unlock(self.paths, self.current.text())
            crypto.set_passphrase(self.paths, key, new)
        except StorageError as exc:
            _say(self.error, str(exc))
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
        self.toggle.setChecked(encrypted)
        self.toggle.setEnabled(database is not None and not database.read_only)
        self.change.setEnabled(encrypted)

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
