"""Import a bundle: see what it adds, changes and deletes first, confirm deletions, undo after.

The import takes a backup before it writes; "Ongedaan maken" puts that backup back, so a bundle
that turns out wrong costs one click.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.export.errors import BundleError, ExportError
from opvoed_desktop.i18n import _
from opvoed_desktop.services.exports import ExportService
from opvoed_desktop.storage import StorageError
from opvoed_desktop.storage.merge import MergeResult
from opvoed_desktop.ui import accessibility

USER_ERRORS = (ExportError, BundleError, StorageError)


class ImportDialog(QDialog):
    """Choose a bundle, see what would change (with the conflicts), then import in one go."""

    def __init__(self, service: ExportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.data: dict[str, Any] | None = None
        self.preview: MergeResult | None = None
        self.result: MergeResult | None = None
        self.setWindowTitle(_("Bundel importeren"))
        self.resize(640, 460)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton(_("Kiezen…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.conflicts = QListWidget()
        accessibility.name(self.path, _("Gekozen bundel"))
        accessibility.name(self.conflicts, _("Verschillen met wat er al is"))
        accessibility.no_tab_trap(self.conflicts)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Importeren"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.undo_button = self.buttons.addButton(_("Ongedaan maken"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setObjectName("undoImport")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(_("Conflicten (de nieuwste versie wint):")))
        layout.addWidget(self.conflicts)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Bundel kiezen"), "", "*.json *.zip *.age")
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Validate the bundle and show the preview; nothing is written yet."""
        self.path.setText(str(path))
        self.conflicts.clear()
        from opvoed_desktop.storage import sealed

        passphrase = None
        if sealed.file_is_sealed(path):  # a bundle with a passphrase of its own (storage/sealed.py)
            passphrase, ok = QInputDialog.getText(
                self, _("Versleutelde bundel"), _("Wachtwoord van de bundel:"), QLineEdit.EchoMode.Password
            )
            if not ok:
                self.data = self.preview = None
                self.summary.setText(_("Niet ingelezen: deze bundel is versleuteld en er is geen wachtwoord gegeven."))
                self.import_button.setEnabled(False)
                return
        try:
            with sealed.opening(passphrase):
                self.data = self.service.read_bundle(path)
            self.preview = self.service.preview_import(self.data)
        except USER_ERRORS as exc:
            self.data = self.preview = None
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self._show(self.preview, done=False)
        self.import_button.setEnabled(True)

    def run_import(self) -> None:
        if self.data is None:
            return
        if self.preview is not None and self.preview.deleted_total and not self._confirm_deletions(self.preview):
            return
        from opvoed_desktop.storage.merge import merge

        try:
            self.result = merge(self.service.db, self.data)
        except USER_ERRORS as exc:
            self.summary.setText(str(exc))
            return
        self._show(self.result, done=True)
        self.import_button.setEnabled(False)
        self.undo_button.setVisible(self.result.backup is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Sluiten"))

    def _confirm_deletions(self, plan: MergeResult) -> bool:
        answer = QMessageBox.question(
            self,
            _("Ook verwijderen?"),
            "\n".join(
                [
                    _("Deze bundel verwijdert ook gegevens op deze computer:"),
                    plan.describe_deleting(isolated=True),
                    _("Er wordt eerst een reservekopie gemaakt; de import is daarna met één klik ongedaan te maken."),
                ]
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def undo(self) -> None:
        """Put the backup taken before the import back: everything is as it was."""
        if self.result is None or self.result.backup is None:
            return
        try:
            self.service.db.restore(self.result.backup)
        except USER_ERRORS as exc:
            self.summary.setText(str(exc))
            return
        self.undo_button.setVisible(False)
        self.conflicts.clear()
        self.summary.setText(_("De import is ongedaan gemaakt; alles is weer zoals het ervoor was."))

    def _show(self, result: MergeResult, *, done: bool) -> None:
        lead = _("Ingelezen:") if done else _("Als u importeert:")
        lines = [
            lead
            + " "
            + _("{added} nieuw, {updated} bijgewerkt, {unchanged} al aanwezig, {conflicts} conflicten.").format(
                added=result.added_total,
                updated=result.updated_total,
                unchanged=result.unchanged,
                conflicts=len(result.conflicts),
            ),
            *result.describe_plan(isolated=True),
        ]
        if result.describe_deletions():
            lines.append(result.describe_deletions())
        self.summary.setText("\n".join(lines))
        self.conflicts.clear()
        self.conflicts.addItems([c.describe() for c in result.conflicts])
