"""Export one meeting or a period (progress bar, Stop); the import dialog lives in import_dialog.py.

The work runs in a plain thread (export_worker.py) that talks to the dialog only through Qt
signals; the names, formats and extension checks are export_naming.py. Every export is written
atomically, so Stop leaves no file behind.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from opvoed_desktop.errors import AppError
from opvoed_desktop.export.safe_write import is_read_only_file
from opvoed_desktop.i18n import _, pgettext
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.ui import accessibility
from opvoed_desktop.ui.date_field import ERROR_STYLE, DateTimeField
from opvoed_desktop.ui.export_naming import check_suffix, documents_folder, format_names, language_name, slug
from opvoed_desktop.ui.export_worker import USER_ERRORS, ExportBridge, run_export
from opvoed_desktop.ui.import_dialog import ImportDialog

__all__ = ["USER_ERRORS", "ExportDialog", "ImportDialog"]


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
        # Not the dialog's child: the worker may still report after the dialog is gone (Cancel closes
        # at once). The application owns it, so no Python reference can delete it on the worker.
        self.bridge = self._new_bridge()
        self._bridge_used = False
        self.setWindowTitle(_("Bijeenkomst exporteren") if meeting_id else _("Periode exporteren"))
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for code, name in format_names().items():
            self.format.addItem(name, code)
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        for code in dict.fromkeys([*languages, lang]):
            if not code.startswith("x-"):
                self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.municipality = QComboBox()
        self.municipality.addItems([_("Alle gemeenten"), *municipalities])
        today = date.today()
        self.since = DateTimeField(today - timedelta(days=91), with_time=False)
        self.until = DateTimeField(today, with_time=False)
        if meeting_id:
            form.addRow(_("Formaat"), self.format)
        else:
            form.addRow(_("Gemeente"), self.municipality)
            form.addRow(_("Van"), self.since)
            form.addRow(_("Tot en met"), self.until)
        form.addRow(_("Taal van het verslag"), self.language)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right everywhere
        self.path.setMinimumWidth(360)
        browse = QPushButton(_("Kiezen…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        # A sentence right under the name, about the name (its extension against the format).
        self.path_problem = QLabel()
        self.path_problem.setObjectName("exportPathProblem")
        self.path_problem.setWordWrap(True)
        self.path_problem.setStyleSheet("color:#8a1c12;")
        self.path_problem.hide()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.path_problem)
        form.addRow(_("Opslaan als"), column)
        self.path.textEdited.connect(lambda _text: self._say_at_path(""))
        # For e-mail: the file sealed with a passphrase of its own (storage/sealed.py, the age format).
        self.seal = QCheckBox(_("Versleutelen met een eigen wachtwoord (om te mailen)"))
        self.seal.setObjectName("exportSeal")
        self.seal_passphrase = QLineEdit()
        self.seal_again = QLineEdit()
        passphrase = pgettext("wachtwoord van een versleutelde export", "Wachtwoord")
        for field, text in ((self.seal_passphrase, passphrase), (self.seal_again, _("Nog een keer"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setPlaceholderText(text)
            field.setAccessibleName(text)
            field.setVisible(False)
        self.seal.toggled.connect(self.seal_passphrase.setVisible)
        self.seal.toggled.connect(self.seal_again.setVisible)
        form.addRow("", self.seal)
        form.addRow("", self.seal_passphrase)
        form.addRow("", self.seal_again)
        accessibility.name(self.path, _("Opslaan als"))
        accessibility.name_form_fields(form)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.folder = documents_folder()
        self.path.setText(str(self.folder / self.suggested_name()))
        self.format.currentIndexChanged.connect(self._format_changed)
        self.municipality.currentIndexChanged.connect(self._format_changed)

    def _fmt(self) -> str:
        return str(self.format.currentData())

    def _suffix(self) -> str:
        return f".{self._fmt()}" if self.meeting_id else ".zip"

    def suggested_name(self) -> str:
        """Date and title ("2026-12-09-kennismaking-moskee.pdf"), or the period of a municipality."""
        if self.meeting_id:
            try:
                detail = self.service.meetings.get_meeting(self.meeting_id)
            except AppError:
                return _("verslag") + self._suffix()
            day = detail.starts_at.strftime("%Y-%m-%d") if detail.starts_at else ""
            return "-".join(p for p in (day, slug(detail.title)) if p) + self._suffix()
        place = slug(self.municipality.currentText()) if self.municipality.currentIndex() > 0 else _("alle-gemeenten")
        since, until = self.since.value(), self.until.value()
        span = "-".join(d.strftime("%Y-%m-%d") for d in (since, until) if isinstance(d, date))
        return "-".join(p for p in (_("export"), place, span) if p) + ".zip"

    def _say_at_path(self, sentence: str, *, error: bool = False) -> None:
        self.path_problem.setText(sentence)
        self.path_problem.setVisible(bool(sentence))
        self.path_problem.setStyleSheet("color:#8a1c12;" if error else "color:#44506a;")
        self.path.setStyleSheet(ERROR_STYLE if error else "")
        self.path.setAccessibleDescription(sentence)
        self._fit_height()

    def _fit_height(self) -> None:
        """A sentence that appears gets its room: the dialog grows, never clips it (no window manager
        or the user may have sized it; wrapped labels only say their height for a given width)."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _format_changed(self) -> None:
        """The proposed name follows the format; a name the user typed keeps its own stem."""
        current = Path(self.path.text().strip()) if self.path.text().strip() else self.folder / "x"
        self.path.setText(str(current.with_name(current.stem + self._suffix())))
        if not self.meeting_id:
            self.path.setText(str(current.parent / self.suggested_name()))
        self._say_at_path("")

    def _choose(self) -> None:
        suffix = self._suffix()
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), self.path.text(), f"*{suffix}")
        if chosen:
            self.path.setText(chosen if chosen.endswith(suffix) else chosen + suffix)

    def start(self) -> None:
        if self.thread is not None:
            return
        if not self.path.text().strip():
            self.message.setText(_("Kies eerst waar het bestand moet komen."))
            return
        if not self.meeting_id and not (self.since.commit() and self.until.commit()):
            self.message.setText(_("Verbeter eerst de datum van de periode."))
            return
        typed = Path(self.path.text().strip()).expanduser()
        sealing = self.seal.isChecked()
        from opvoed_desktop.storage import sealed

        if sealing and typed.suffix.lower() == sealed.SUFFIX:
            typed = typed.with_name(typed.name[: -len(sealed.SUFFIX)])  # the format's extension is before it
        name = self.format.currentText() if self.meeting_id else _("een periode (.zip)")
        target, sentence, go_on = check_suffix(typed, self._suffix(), name)
        self._say_at_path(sentence, error=not go_on)
        if not go_on:
            self.path.setFocus()
            return
        passphrase = None
        if sealing:
            passphrase = self.seal_passphrase.text()
            if len(passphrase) < sealed.MIN_PASSPHRASE:
                self.message.setText(_("Kies een wachtwoord van minstens {n} tekens.").format(n=sealed.MIN_PASSPHRASE))
                return
            if passphrase != self.seal_again.text():
                self.message.setText(_("De twee wachtwoorden zijn niet gelijk; typ ze nog eens."))
                return
            target = target.with_name(target.name + sealed.SUFFIX)  # says what it is: age
        if target != Path(self.path.text().strip()).expanduser():
            self.path.setText(str(target))  # the added extension is seen before anything is written
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
        lang = str(self.language.currentData())
        if self._bridge_used:  # each job has its own bridge: the last one deleted itself
            self.bridge = self._new_bridge()
        self._bridge_used = True
        self.stop.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        self.message.setText(_("Bezig met exporteren…"))
        stop = self.stop.is_set
        service = self.service  # never `self` in the worker's closure (see export_worker.run_export)
        if self.meeting_id:
            fmt, meeting = self._fmt(), self.meeting_id

            def work() -> Any:
                return service.export_meeting(meeting, fmt, target, lang=lang, cancelled=stop, force=force)

        else:
            municipality = None if self.municipality.currentIndex() == 0 else self.municipality.currentText()
            since, until = self.since.value(), self.until.value()
            progress = self.bridge.progress.emit  # set after the bridge of this job is chosen

            def work() -> Any:
                return service.export_period(
                    target,
                    municipality=municipality,
                    since=since,  # type: ignore[arg-type]
                    until=until,  # type: ignore[arg-type]
                    lang=lang,
                    progress=progress,
                    cancelled=stop,
                    force=force,
                )

        if passphrase is not None:
            plain_work = work

            def work() -> Any:  # the worker's own context: sealing is per thread
                from opvoed_desktop.storage import sealed

                with sealed.sealing(passphrase):
                    return plain_work()

        self.thread = run_export(self.bridge, work)

    def _new_bridge(self) -> ExportBridge:
        bridge = ExportBridge(QCoreApplication.instance())
        bridge.progress.connect(self._on_progress)
        bridge.finished.connect(self._on_finished)
        return bridge

    def done(self, result: int) -> None:
        if not self._bridge_used:  # a running job's bridge deletes itself once it reported
            self.bridge.deleteLater()
            self._bridge_used = True
        super().done(result)

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _on_finished(self, result: object, error: str) -> None:
        self.thread = None
        self.bar.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        if error:
            self.message.setText(error)
            self._fit_height()
            return
        self.message.setText(_("Opgeslagen: {path}").format(path=getattr(result, "path", "")))
        self.accept()

    def _cancel(self) -> None:
        """Always closes: a running job is told to stop, and leaves no file behind."""
        if self.thread is not None:
            self.stop.set()
        self.reject()
