"""The trash: put meetings back, or remove them for good (the text really disappears)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.services.meetings import MeetingService


class TrashDialog(QDialog):
    def __init__(self, service: MeetingService, parent: QWidget | None = None, database: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.database = database
        self.setWindowTitle(_("Prullenbak"))
        self.resize(560, 420)
        self.list = QListWidget(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        restore = QPushButton(_("Terugzetten"), self)
        restore.clicked.connect(self.restore_selected)
        delete = QPushButton(_("Voorgoed verwijderen"), self)
        delete.clicked.connect(self.delete_selected)
        empty = QPushButton(_("Prullenbak legen"), self)
        empty.clicked.connect(self.empty)
        row = QHBoxLayout()
        for button in (restore, delete, empty):
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.info)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for meeting in self.service.list_trash():
            when = meeting.starts_at.strftime("%d-%m-%Y") if meeting.starts_at else ""
            item = QListWidgetItem(f"{when}  {meeting.title}")
            item.setData(Qt.ItemDataRole.UserRole, meeting.id)
            self.list.addItem(item)
        if self.list.count() == 0:
            self.info.setText(_("De prullenbak is leeg."))
        else:
            self.info.setText(_("Verwijderde bijeenkomsten blijven hier tot u ze voorgoed verwijdert."))

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def restore_selected(self) -> None:
        meeting_id = self._selected()
        if meeting_id:
            self.service.restore_meeting(meeting_id)
            self.reload()

    def delete_selected(self) -> None:
        meeting_id = self._selected()
        if meeting_id and self._confirm(_("Deze bijeenkomst en al haar aantekeningen voorgoed verwijderen?")):
            self.service.delete_meeting_permanently(meeting_id)
            self.reload()
            self._offer_to_clean_backups()

    def empty(self) -> None:
        if self.list.count() and self._confirm(_("Alle bijeenkomsten in de prullenbak voorgoed verwijderen?")):
            self.service.empty_trash()
            self.reload()
            self._offer_to_clean_backups()

    def _offer_to_clean_backups(self) -> None:
        """Older reserve copies still hold the deleted text; only the user can decide to drop them."""
        if self.database is None:
            return
        answer = QMessageBox.question(
            self,
            _("Ook uit de reservekopieën?"),
            _(
                "De oudere reservekopieën bevatten de verwijderde tekst nog. Wilt u die ook verwijderen? "
                "Er komt dan één nieuwe reservekopie, zonder deze tekst."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from opvoed_desktop.storage import backup

        try:
            self.database.backup("manual")
            removed = backup.prune(self.database.paths, keep=1)
        except Exception as exc:
            self.info.setText(str(exc))
            return
        count = len(removed)
        self.info.setText(
            ngettext("{n} oudere reservekopie verwijderd.", "{n} oudere reservekopieën verwijderd.", count).format(
                n=count
            )
        )

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self, _("Voorgoed verwijderen"), question + "\n" + _("Dit kan niet ongedaan worden.")
        )
        return answer == QMessageBox.StandardButton.Yes
