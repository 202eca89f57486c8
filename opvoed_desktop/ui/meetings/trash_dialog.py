"""The trash: put meetings back, or remove them for good (the text really disappears)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _, ngettext
from opvoed_desktop.messages import user_message
from opvoed_desktop.services.meetings import MeetingService
from opvoed_desktop.ui import accessibility


class TrashDialog(QDialog):
    def __init__(self, service: MeetingService, parent: QWidget | None = None, database: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.database = database
        self.setWindowTitle(_("Prullenbak"))
        self.resize(560, 420)
        self.list = QListWidget(self)
        accessibility.name(self.list, _("Bijeenkomsten in de prullenbak"))
        accessibility.no_tab_trap(self.list)
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
        if meeting_id:
            self._delete_for_good(
                [meeting_id], _("Deze bijeenkomst en al haar aantekeningen voorgoed verwijderen?"), empty=False
            )

    def empty(self) -> None:
        ids = [str(self.list.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.list.count())]
        if ids:
            self._delete_for_good(ids, _("Alle bijeenkomsten in de prullenbak voorgoed verwijderen?"), empty=True)

    def _delete_for_good(self, ids: list[str], question: str, *, empty: bool) -> None:
        """Ask once; by default the backups that still hold the text go as well, named by date."""
        from opvoed_desktop.storage import scrub

        paths = self.database.paths if self.database is not None else None
        holding = scrub.backups_holding(paths, "meeting", ids) if paths is not None else []
        confirmed, drop = self._confirm(question, holding)
        if not confirmed:
            return
        try:
            if empty:
                self.service.empty_trash()
            else:
                self.service.delete_meeting_permanently(ids[0])
        except (AppError, OSError) as exc:
            self.info.setText(user_message(exc))
            return
        self.reload()
        if not holding or paths is None:
            self.info.setText(_("Voorgoed verwijderd."))
            return
        if not drop:
            self.info.setText(
                _("Voorgoed verwijderd; de tekst staat nog in deze reservekopieën: {dates}.").format(
                    dates=backup_dates(holding)
                )
            )
            return
        result = scrub.drop_backups(paths, holding)
        if result.error is not None:
            self.info.setText(
                _("Voorgoed verwijderd, maar de reservekopieën met de tekst blijven staan: {reason}").format(
                    reason=result.error
                )
            )
            return
        self.info.setText(
            ngettext(
                "Voorgoed verwijderd, ook uit de reservekopie van {dates}; "
                "er is een nieuwe reservekopie gemaakt zonder deze tekst.",
                "Voorgoed verwijderd, ook uit de {n} reservekopieën van {dates}; "
                "er is een nieuwe reservekopie gemaakt zonder deze tekst.",
                len(result.removed),
            ).format(n=len(result.removed), dates=backup_dates(result.removed))
        )

    def _confirm(self, question: str, holding: list[Any]) -> tuple[bool, bool]:
        """(delete?, also drop the backups that hold the text?) — the second is checked by default."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Voorgoed verwijderen"), question, parent=self)
        box.setInformativeText(_("Dit kan niet ongedaan worden."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        check = None
        if holding:
            check = QCheckBox(
                ngettext(
                    "Ook de reservekopie met deze tekst verwijderen ({dates})",
                    "Ook de {n} reservekopieën met deze tekst verwijderen ({dates})",
                    len(holding),
                ).format(n=len(holding), dates=backup_dates(holding)),
                box,
            )
            check.setObjectName("dropBackups")
            check.setChecked(True)
            box.setCheckBox(check)
        box.exec()
        answer = box.standardButton(box.clickedButton()) if box.clickedButton() is not None else None
        return answer == QMessageBox.StandardButton.Yes, bool(check is not None and check.isChecked())


def backup_dates(infos: list[Any]) -> str:
    return ", ".join(info.created.strftime("%d-%m-%Y %H:%M:%S") for info in infos)
