"""Reserve copies: make one now, or put an earlier one back (the current state is kept aside)."""

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

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _
from opvoed_desktop.messages import user_message
from opvoed_desktop.ui import accessibility


def reason_label(reason: str) -> str:
    return {
        "start": _("bij het starten"),
        "manual": _("met de hand"),
        "closed-meeting": _("na het afronden van een bijeenkomst"),
        "before-migration": _("voor een update"),
        "before-restore": _("voor het terugzetten"),
        "before-import": _("voor een import"),
    }.get(reason, reason)


class BackupsDialog(QDialog):
    def __init__(self, database: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(_("Reservekopieën"))
        self.resize(560, 420)
        self.list = QListWidget(self)
        accessibility.name(self.list, _("Reservekopieën"))
        accessibility.no_tab_trap(self.list)
        self.info = QLabel(
            _("De app maakt zelf reservekopieën: bij het starten en als u een bijeenkomst afrondt."), self
        )
        self.info.setWordWrap(True)
        make = QPushButton(_("Nu een reservekopie maken"), self)
        make.clicked.connect(self.make_backup)
        restore = QPushButton(_("Deze terugzetten"), self)
        restore.clicked.connect(self.restore_selected)
        row = QHBoxLayout()
        row.addWidget(make)
        row.addWidget(restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        from opvoed_desktop.storage import backup

        self.list.clear()
        for info in backup.list_backups(self.database.paths):
            text = f"{info.created.strftime('%d-%m-%Y %H:%M:%S')} — {reason_label(info.reason)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)

    def make_backup(self) -> None:
        try:
            self.database.backup("manual")
        except (AppError, OSError) as exc:
            self.info.setText(user_message(exc))
            return
        self.reload()
        self.info.setText(_("Reservekopie gemaakt."))

    def restore_selected(self) -> None:
        from pathlib import Path

        item = self.list.currentItem()
        if item is None:
            self.info.setText(_("Kies eerst een reservekopie in de lijst."))
            return
        answer = QMessageBox.question(
            self,
            _("Reservekopie terugzetten"),
            _(
                "De gegevens van nu worden vervangen door deze reservekopie. "
                "De huidige stand wordt eerst apart bewaard."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.database.restore(Path(str(item.data(Qt.ItemDataRole.UserRole))))
        except (AppError, OSError) as exc:
            self.info.setText(user_message(exc))
            return
        self.reload()
        self.info.setText(_("De reservekopie is teruggezet."))
