"""Export one meeting or a period (progress bar, Stop); the import dialog lives in import_dialog.py.

The work runs in a plain thread; it talks to the dialog only through Qt signals (queued to the
GUI thread). Every export is written atomically, so Stop leaves no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.export.errors import BundleError, Cancelled, ExportError
from opvoed_desktop.export.safe_write import is_read_only_file
from opvoed_desktop.export.service import FORMATS, ExportService
from opvoed_desktop.i18n import _
from opvoed_desktop.storage import StorageError
from opvoed_desktop.ui.import_dialog import ImportDialog

USER_ERRORS = (ExportError, BundleError, StorageError)
__all__ = ["USER_ERRORS", "ExportDialog", "ImportDialog"]


class _Bridge(QObject):
    progress = Signal(int, int)
    finished = Signal(object, str)  # (result or None, error sentence or "")


def _run(bridge: _Bridge, work: Callable[[], Any]) -> threading.Thread:
    def target() -> None:
        try:
            bridge.finished.emit(work(), "")
        except Cancelled:
            bridge.finished.emit(None, _("Gestopt; er is niets opgeslagen."))
        except USER_ERRORS as exc:
            bridge.finished.emit(None, str(exc))

    thread = threading.Thread(target=target, name="export", daemon=True)
    thread.start()
    return thread


class ExportDialog(QDialog):
    """One meeting (`meeting_id` given) in a chosen format, or a period of a municipality as a zip."""

    def __init__(
        self,
        service: ExportService,
        parent: QWidget | None = None,
        *,
        meeting_id: str | None = None,
        municipalities: Sequence[str] = (),
        languages: Sequence[str] = ("nl", "en"),
        lang: str = "nl",
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.meeting_id = meeting_id
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.bridge = _Bridge(self)
        self.bridge.progress.connect(self._on_progress)
        self.bridge.finished.connect(self._on_finished)
        self.setWindowTitle(_("Bijeenkomst exporteren") if meeting_id else _("Periode exporteren"))
        form = QFormLayout()
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.language = QComboBox()
        self.language.addItems(list(languages))
        self.language.setCurrentText(lang)
        self.municipality = QComboBox()
        self.municipality.addItems([_("Alle gemeenten"), *municipalities])
        today = QDate.currentDate()
        self.since = QDateEdit(today.addMonths(-3), calendarPopup=True)
        self.until = QDateEdit(today, calendarPopup=True)
        if meeting_id:
            form.addRow(_("Formaat"), self.format)
        else:
            form.addRow(_("Gemeente"), self.municipality)
            form.addRow(_("Van"), self.since)
            form.addRow(_("Tot en met"), self.until)
        form.addRow(_("Taal van het verslag"), self.language)
        self.path = QLineEdit()
        browse = QPushButton(_("Kiezen…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(_("Opslaan als"), row)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        suffix = f".{self.format.currentText()}" if self.meeting_id else ".zip"
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), "", f"*{suffix}")
        if chosen:
            self.path.setText(chosen if chosen.endswith(suffix) else chosen + suffix)

    def start(self) -> None:
        if not self.path.text().strip():
            self.message.setText(_("Kies eerst waar het bestand moet komen."))
            return
        target = Path(self.path.text().strip()).expanduser()
        force = is_read_only_file(target)
        if force:
            answer = QMessageBox.question(
                self,
                _("Alleen-lezen bestand"),
                _("Het bestand {name} is alleen-lezen gezet. Toch vervangen?").format(name=target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.message.setText(_("Niet vervangen; kies een andere naam."))
                return
        lang = self.language.currentText()
        self.stop.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        self.message.setText(_("Bezig met exporteren…"))
        if self.meeting_id:
            fmt, meeting = self.format.currentText(), self.meeting_id
            self.thread = _run(
                self.bridge, lambda: self.service.export_meeting(meeting, fmt, target, lang=lang, force=force)
            )
            return
        municipality = None if self.municipality.currentIndex() == 0 else self.municipality.currentText()
        since, until = _day(self.since.date()), _day(self.until.date())
        self.thread = _run(
            self.bridge,
            lambda: self.service.export_period(
                target,
                municipality=municipality,
                since=since,
                until=until,
                lang=lang,
                progress=self.bridge.progress.emit,
                cancelled=self.stop.is_set,
                force=force,
            ),
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _on_finished(self, result: object, error: str) -> None:
        self.thread = None
        self.bar.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if error:
            self.message.setText(error)
            return
        self.message.setText(_("Opgeslagen: {path}").format(path=getattr(result, "path", "")))
        self.accept()

    def _cancel(self) -> None:
        if self.thread is not None:
            self.stop.set()  # the worker stops at the next meeting and removes its temp file
            return
        self.reject()


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
