"""Turning encryption on: choose a passphrase → convert with progress → the recovery key, shown once,
with a PDF to print.

The conversion (storage/convert.py) runs on a plain thread and reports through Qt signals; it cannot
be stopped halfway, so the dialog stays open until it has ended.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _
from opvoed_desktop.paths import DataPaths
from opvoed_desktop.storage import crypto
from opvoed_desktop.storage.errors import StorageError
from opvoed_desktop.ui.encryption_widgets import NewPassphrase, Pages, fit, say, sentence_label, wrapping


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
        self.pages = Pages()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        fit(self, layout)
        self.bridge = _Bridge(self)
        self.bridge.progress.connect(self._progress)
        self.bridge.finished.connect(self._finished)

    def _choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            wrapping(
                _(
                    "Met een wachtwoord kan niemand uw aantekeningen en reservekopieën lezen als de laptop of "
                    "een USB-stick kwijtraakt. U krijgt daarna een herstelsleutel voor als u het wachtwoord vergeet."
                )
            )
        )
        if crypto.is_encrypted(self.paths):
            # An earlier conversion was cut off: the same passphrase finishes it (convert.encrypt).
            layout.addWidget(
                wrapping(
                    _(
                        "Een eerdere versleuteling is niet afgemaakt. Typ hetzelfde wachtwoord als toen, twee "
                        "keer, om hem af te maken."
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
        self.step = wrapping(_("Reservekopie maken…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        layout.addWidget(
            wrapping(_("Dit kan niet halverwege worden afgebroken; uw aantekeningen blijven intussen bewaard."))
        )
        self.failure = sentence_label()
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
            wrapping(
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
        self.pdf_note = wrapping("")
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
            say(self.failure, error)
            self.close_failed.show()
            return
        self.recovery_key = outcome.recovery_key
        if self.remember.isChecked():
            from opvoed_desktop.storage import keys

            key = keys.registered(self.paths.root)
            if key is not None and not crypto.remember(self.paths, key):
                say(
                    self.pdf_note,
                    _("Deze computer heeft geen sleutelbos; het wachtwoord wordt bij elke start gevraagd."),
                )
        if self.recovery_key is None:
            # An earlier, cut-off conversion finished: its recovery key, shown then, still holds.
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            say(self.step, _("De versleuteling is afgemaakt; de herstelsleutel van de eerste keer blijft geldig."))
            self.close_failed.show()
            return
        self.key_label.setText(self.recovery_key)
        self.pages.setCurrentIndex(2)

    def _save_pdf(self) -> None:
        if not self.recovery_key:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Herstelsleutel bewaren"), str(Path.home() / (_("herstelsleutel") + ".pdf")), "PDF (*.pdf)"
        )
        if not name:
            return
        from opvoed_desktop.documents.recovery_sheet import write_recovery_sheet

        try:
            target = write_recovery_sheet(Path(name), self.recovery_key, self.paths.root)
        except OSError as exc:
            from opvoed_desktop.errors import user_message

            say(self.pdf_note, user_message(exc))
            return
        say(self.pdf_note, _("Bewaard in {path}. Print het en wis het bestand daarna.").format(path=target))

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
