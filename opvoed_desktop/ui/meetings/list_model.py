"""A table model over meeting summaries: a model, not item widgets, so thousands of rows stay fast."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from opvoed_desktop.i18n import _
from opvoed_desktop.storage.records import MeetingSummary

# The sample meeting in grey (with italics): 4.5:1 on white and on a selected row of either theme.
SAMPLE_COLOUR = "#666666"

Index = QModelIndex | QPersistentModelIndex


class MeetingListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MeetingSummary] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: list[MeetingSummary]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3  # date, title, municipality; the venue is in the tooltip and the editor

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (_("Datum"), _("Titel"), _("Gemeente"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                # Left to right also in Arabic: the date before the time, "19:00" never "00:19".
                return f"\u2066{row.starts_at:%d-%m-%Y %H:%M}\u2069" if row.starts_at else ""
            if column == 1:
                return f"\u2068{row.title}\u2069"  # in its own direction: "Waarom samenwerken?" in Arabic
            return row.municipality
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.FontRole and row.is_sample:
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole and row.is_sample:
            return QColor(SAMPLE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Samples are also marked in grey italics; their titles say "(voorbeeld)".
            tip = f"{row.title}\n{row.venue}" if row.venue else row.title
            return tip + ("\n" + _("Voorbeeldbijeenkomst om de app uit te proberen") if row.is_sample else "")
        return None
